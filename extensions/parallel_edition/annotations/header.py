"""The YAML header of an annotation: read from its event stream first (anchors, aliases, tags
and deep nesting refused before anything is built), duplicate and merge keys refused, dates left
as text, each field's line kept for the messages, schema errors turned into messages."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from ..warnings_ import EditionWarning
from .model import KINDS, SCHEMA, Problem

#: libyaml's loader where PyYAML has it (several times faster), else the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class HeaderError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


#: libyaml's loader, but dates are left as text (checked by the schema and the calendar: YAML
#: would turn 2026-02-30 into an exception).
class HeaderLoader(LOADER):  # type: ignore[misc,valid-type]
    yaml_implicit_resolvers: ClassVar = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in LOADER.yaml_implicit_resolvers.items()
    }


#: A header is a flat mapping whose values are text, lists of text, or a quote mapping.
MAX_DEPTH = 3


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The header's node tree (for line numbers) and its data.

    The event stream is read first, and a header is refused before anything is built from it
    if it uses anchors or aliases (a few hundred bytes of them can stand for gigabytes), tags
    (``!!python/…`` and the like: tags have no use in a header), or nesting deeper than any
    field needs. Duplicate keys are refused too (YAML would keep the last one silently)."""
    depth = 0
    for event in yaml.parse(text, Loader=HeaderLoader):
        line = event.start_mark.line + 2
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise HeaderError(
                "the YAML header uses an anchor (&name) or an alias (*name); write each value out in full.", line
            )
        if getattr(event, "tag", None) and not is_implicit(event):
            raise HeaderError(f"the YAML header uses the tag {event.tag!r}; remove it (tags have no use here).", line)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise HeaderError("the YAML header is nested deeper than any field needs; see CONTRIBUTING.md.", line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    loader = HeaderLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_duplicate_keys(node)
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def is_implicit(event: Any) -> bool:
    implicit = event.implicit
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


def check_duplicate_keys(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 2
            if key.tag == "tag:yaml.org,2002:merge":
                raise HeaderError("the YAML header uses a merge key (<<); write each field out, once.", line)
            if name in seen:
                raise HeaderError(f"the field {name!r} is given twice (lines {seen[name]} and {line}); keep one.", line)
            seen[name] = line
            check_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            check_duplicate_keys(item)


def field_lines(node: yaml.Node | None) -> dict[str, int]:
    """The file line of each top-level field (the header starts on line 2)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 2 for key, _ in node.value}


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
