"""Characters an annotation may not contain: control characters (but tab and line end),
bidirectional embeddings, overrides and isolates, byte order marks after the start, line and
paragraph separators; in a header value, also every other invisible format character."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..warnings_ import EditionWarning
from .model import Problem

#: Characters refused anywhere in an annotation file: control characters (but tab and line
#: end), bidirectional embeddings, overrides and isolates (they can make text read otherwise
#: than it is stored), byte order marks after the start, and line and paragraph separators.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")

#: In a header value, also every other invisible format character (zero-width spaces, marks).
FORBIDDEN_IN_FIELD = re.compile("[\t\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufff9-\ufffb]")


def forbidden_characters(text: str, path: str, first_line: int, in_field: bool) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        found = FORBIDDEN.search(line) or (FORBIDDEN_IN_FIELD.search(line) if in_field else None)
        if found:
            char = found[0]
            name = unicodedata.name(char, "a control character")
            problems.append(
                Problem(
                    EditionWarning.BAD_FIELD if in_field else EditionWarning.ANNOTATION_FILE,
                    f"line {number} holds U+{ord(char):04X} ({name}), an invisible or control character that "
                    "annotations may not contain; delete it.",
                    path,
                    number,
                )
            )
    return problems


def value_problems(data: dict[Any, Any], path: str, lines: dict[str, int]) -> list[Problem]:
    """Control and invisible characters that reach a value through YAML's escapes
    (``"\\e"``, ``"\\u202e"``), which the file's own lines do not show."""
    problems = []
    for key, value in data.items():
        texts = [value] if isinstance(value, str) else []
        texts += [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
        texts += [item for item in value.values() if isinstance(item, str)] if isinstance(value, dict) else []
        for text in texts:
            found = FORBIDDEN.search(text) or FORBIDDEN_IN_FIELD.search(text)
            if found:
                char = found[0]
                problems.append(
                    Problem(
                        EditionWarning.BAD_FIELD,
                        f"field {key!r} holds U+{ord(char):04X} ({unicodedata.name(char, 'a control character')}), "
                        "an invisible or control character that annotations may not contain; delete it.",
                        path,
                        lines.get(str(key), 2),
                    )
                )
                break
    return problems
