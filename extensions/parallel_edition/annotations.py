"""Stand-off annotations: one Markdown file each, with a YAML header, under the edition's
annotations folder. This module reads and validates them; :mod:`.annotate` attaches them to
the text and :mod:`.sanitize` keeps their bodies harmless.

An annotation file::

    ---
    id: buzin-spelling
    target: concerns
    quote:
      exact: Agnès Buzin
    kind: textual
    authors: [A. Editor]
    date: 2026-11-28
    ---
    Read *Buzyn*: Agnès Buzyn was minister of Health from 2017 to 2020 {cite:p}`key`.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sphinx.config import Config

from .config import config_path
from .messages import EditionWarning

#: libyaml's loader where PyYAML has it (several times faster), else the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
assert list(KINDS) == SCHEMA["properties"]["kind"]["enum"]


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


def annotation_files(folder: Path) -> list[tuple[str, str]]:
    """The folder's annotation files, sorted, each with its fingerprint (one directory scan,
    not one Path object and stat call each: thousands of files in a large edition)."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        found = [
            (entry.path, stamp(entry.stat()))
            for entry in entries
            if entry.name.endswith(".md") and not entry.name.startswith(".") and entry.is_file()
        ]
    return sorted(found)


def fingerprint(path: str) -> str:
    return stamp(Path(path).stat())


def stamp(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


#: The annotations as read at the start of the current build, by folder (see ``refresh``).
_THIS_BUILD: dict[Path, AnnotationSet] = {}


#: path -> (fingerprint, annotation or None, problems): what reading a file gave.
Cache = dict[str, tuple[str, "Annotation | None", tuple[Problem, ...]]]


def load_annotations(folder: Path | None, *, this_build: bool = False, cache: Cache | None = None) -> AnnotationSet:
    """Every annotation of the edition, with every problem found in reading them.

    With ``this_build``, the set read when the build started is reused: one look at the
    files per build, not one per document (forked parallel readers inherit it). A *cache*
    (kept in the environment between builds) spares reading the files that did not change.
    """
    if folder is None:
        return AnnotationSet([], [])
    if this_build and folder in _THIS_BUILD:
        return _THIS_BUILD[folder]
    return collect(annotation_files(folder), {} if cache is None else cache)


def refresh(folder: Path | None, cache: Cache) -> AnnotationSet:
    """Read the annotations for the build that starts (``env-get-outdated``)."""
    found = load_annotations(folder, cache=cache)
    if folder is not None:
        _THIS_BUILD[folder] = found
    return found


def collect(files: list[tuple[str, str]], cache: Cache) -> AnnotationSet:
    """The annotations of *files* (path, fingerprint), read again only when not in *cache*
    with the same fingerprint."""
    annotations: list[Annotation] = []
    problems: list[Problem] = []
    seen: dict[str, Annotation] = {}
    for key, fingerprint_ in files:
        cached = cache.get(key)
        if cached is None or cached[0] != fingerprint_:
            read, found = read_annotation(key)
            cached = cache[key] = (fingerprint_, read, tuple(found))
        _, annotation, reported = cached
        problems += reported
        if annotation is None:
            continue
        if annotation.id in seen:
            first = seen[annotation.id]
            problems.append(
                Problem(
                    EditionWarning.DUPLICATE_ANNOTATION,
                    f"annotation id {annotation.id!r} is already used by {Path(first.path).name}: give each "
                    "annotation its own id (the file name without .md is a good one).",
                    annotation.path,
                    annotation.line("id"),
                )
            )
            continue
        seen[annotation.id] = annotation
        annotations.append(annotation)
    for gone in set(cache) - {key for key, _ in files}:
        del cache[gone]
    return AnnotationSet(annotations, problems)


def read_annotation(path: str) -> tuple[Annotation | None, list[Problem]]:
    """Read and validate one annotation file."""
    text = Path(path).read_text(encoding="utf-8")
    match = re.match(r"---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.S)
    if match is None:
        return None, [
            Problem(
                EditionWarning.BAD_HEADER,
                "an annotation must start with a YAML header between two '---' lines "
                "(see CONTRIBUTING.md for an example).",
                path,
                1,
            )
        ]
    header = match[1] or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        node, data = parse_yaml(header)
        lines = field_lines(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        line = mark.line + 2 if mark else 1
        return None, [Problem(EditionWarning.BAD_HEADER, f"the YAML header is malformed: {problem}.", path, line)]
    if not isinstance(data, dict):
        return None, [Problem(EditionWarning.BAD_HEADER, "the YAML header must be a mapping of fields.", path, 2)]
    data = {key: iso_dates(value) for key, value in data.items()}
    schema = validator()
    problems = [] if schema.is_valid(data) else [schema_problem(e, path, lines) for e in schema.iter_errors(data)]
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return (
        Annotation(
            path=path,
            id=data["id"],
            target=data["target"],
            kind=data["kind"],
            authors=tuple(data["authors"]),
            date=data["date"],
            body=text[match.end() :],
            body_line=body_line,
            quote=data.get("quote"),
            translation_quote=data.get("translation_quote"),
            lines=lines,
        ),
        [],
    )


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML's node tree (for line numbers) and its data, from one parse (as yaml.load does)."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def field_lines(node: yaml.Node | None) -> dict[str, int]:
    """The file line of each top-level field (the header starts on line 2)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 2 for key, _ in node.value}


def iso_dates(value: Any) -> Any:
    """YAML reads 2026-11-28 as a date; the schema wants the string."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def schema_problem(error: Any, path: str, lines: dict[str, int]) -> Problem:
    field_name = str(error.absolute_path[0]) if error.absolute_path else ""
    if not field_name and error.validator == "additionalProperties":
        unexpected = re.search(r"'(\w+)' (?:was|were) unexpected", error.message)
        field_name = unexpected[1] if unexpected else ""
    where = ".".join(str(part) for part in error.absolute_path)
    line = lines.get(field_name, 2)
    if error.validator == "required":
        missing = re.search(r"'(\w+)' is a required property", error.message)
        name = missing[1] if missing else "?"
        message = f"the header lacks the field {name!r}: {describe(name)}"
    elif field_name == "kind" and error.validator == "enum":
        message = f"unknown kind {error.instance!r}: use one of {', '.join(KINDS)}."
        return Problem(EditionWarning.UNKNOWN_KIND, message, path, line)
    elif error.validator == "additionalProperties":
        message = f"{error.message} in {where or 'the header'}; the fields are: {', '.join(SCHEMA['properties'])}."
    else:
        message = f"field {where!r} is malformed: {error.message}. {describe(field_name)}"
    return Problem(EditionWarning.BAD_FIELD, message, path, line)


def describe(name: str) -> str:
    prop = SCHEMA["properties"].get(name, {})
    return prop.get("description", "")
