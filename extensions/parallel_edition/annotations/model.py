"""What an annotation is: the header's schema (``annotation.schema.json``), the kinds, and the
records kept of annotations and of the problems found in reading them."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.config import Config

from ..config import config_path
from ..warnings_ import EditionWarning

SCHEMA = json.loads((Path(__file__).parent / "annotation.schema.json").read_text(encoding="utf-8"))


@functools.cache
def validator() -> Any:
    """The schema's validator, which says what is wrong with a header (jsonschema's messages),
    made only for a header that fails :func:`is_valid`: jsonschema takes a tenth of a second to
    import, and a third of a millisecond to check a header."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    return Draft202012Validator(SCHEMA)


@functools.cache
def fast_validator() -> Any:
    """The same schema compiled by fastjsonschema into a Python function (the schema is the
    extension's own, never a contributor's): 16 ms to make, 4 µs a header. The schema uses no
    keyword whose meaning changed after draft 7, the newest draft fastjsonschema knows
    (tests/test_annotation_schema.py checks that both validators agree)."""
    import fastjsonschema  # noqa: PLC0415

    return fastjsonschema.compile(SCHEMA)


def is_valid(data: Any) -> bool:
    """Whether an annotation header satisfies the schema (fastjsonschema's answer)."""
    import fastjsonschema  # noqa: PLC0415

    try:
        fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


#: kind -> label shown to readers (the schema's enum, in this order)
KINDS: dict[str, str] = {
    "context": "Context",
    "law": "Law",
    "source": "Source",
    "textual": "Textual note",
    "translation": "Translation",
    "update": "Update",
}


@dataclass(frozen=True)
class Problem:
    kind: EditionWarning
    message: str
    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class Annotation:
    path: str  # (a str, not a Path: thousands of them are kept in the environment)
    id: str
    target: str
    kind: str
    authors: tuple[str, ...]
    date: str
    body: str
    body_line: int
    quote: dict[str, str] | None = None
    translation_quote: dict[str, str] | None = None
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, name: str) -> int:
        return self.lines.get(name, 1)


@dataclass
class AnnotationSet:
    annotations: list[Annotation]
    problems: list[Problem]
    #: target -> its annotations, made on the first call of :meth:`for_targets` (each page asks
    #: for its own: a scan of every annotation per page made the build grow with pages × notes).
    by_target: dict[str, list[tuple[int, Annotation]]] | None = field(default=None, repr=False, compare=False)

    def for_targets(self, anchors: set[str]) -> list[Annotation]:
        """The annotations whose target is one of *anchors*, in the set's order."""
        if self.by_target is None:
            self.by_target = {}
            for index, note in enumerate(self.annotations):
                self.by_target.setdefault(note.target, []).append((index, note))
        found = sorted(item for anchor in anchors for item in self.by_target.get(anchor, ()))
        return [note for _, note in found]


def annotations_dir(config: Config) -> Path | None:
    return config_path(config, "edition_annotations")
