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


def forbidden_in(text: str, *, in_field: bool) -> str | None:
    """The first character of *text* an annotation may not hold, or None."""
    found = FORBIDDEN.search(text) or (FORBIDDEN_IN_FIELD.search(text) if in_field else None)
    return found[0] if found else None


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


NOT_ALLOWED = "an invisible or control character that annotations may not contain; delete it."


def forbidden_characters(text: str, path: str, first_line: int, in_field: bool) -> list[Problem]:
    kind = EditionWarning.BAD_FIELD if in_field else EditionWarning.ANNOTATION_FILE
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        char = forbidden_in(line, in_field=in_field)
        if char:
            problems.append(Problem(kind, f"line {number} holds {describe(char)}, {NOT_ALLOWED}", path, number))
    return problems


def value_problems(data: dict[Any, Any], path: str, lines: dict[str, int]) -> list[Problem]:
    """Control and invisible characters that reach a value through YAML's escapes
    (``"\\e"``, ``"\\u202e"``), which the file's own lines do not show."""
    problems = []
    for key, value in data.items():
        texts = [value] if isinstance(value, str) else []
        texts += [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
        texts += [item for item in value.values() if isinstance(item, str)] if isinstance(value, dict) else []
        char = next((c for c in (forbidden_in(text, in_field=True) for text in texts) if c), None)
        if char:
            message = f"field {key!r} holds {describe(char)}, {NOT_ALLOWED}"
            problems.append(Problem(EditionWarning.BAD_FIELD, message, path, lines.get(str(key), 2)))
    return problems
