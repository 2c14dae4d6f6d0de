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
    """The schema's validator, made when a file is first read: jsonschema takes a while to
    import, and a build in which no annotation file changed never needs it."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    return Draft202012Validator(SCHEMA)


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

    def for_targets(self, anchors: set[str]) -> list[Annotation]:
        return [a for a in self.annotations if a.target in anchors]


def annotations_dir(config: Config) -> Path | None:
    return config_path(config, "edition_annotations")
