"""The annotation header's schema has two validators: fastjsonschema's compiled function says
whether a header is valid (4 µs a header, where jsonschema takes a third of a millisecond), and
jsonschema, the reference, says what is wrong when it is not. They must agree on every keyword
the schema uses."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from parallel_edition.annotations.model import SCHEMA, is_valid, validator

GOOD: dict[str, Any] = {
    "id": "note-1",
    "target": "hdh-intro",
    "quote": {"exact": "Health Data Hub", "prefix": "le ", "suffix": " a"},
    "translation_quote": {"exact": "Health Data Hub"},
    "kind": "context",
    "authors": ["Ada"],
    "date": "2026-01-13",
}


def changed(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """GOOD with the field at *path* set to *value* (deleted if *value* is DELETE)."""
    data = copy.deepcopy(GOOD)
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    if value is DELETE:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return data


DELETE = object()

#: One header breaking each keyword of the schema (type, required, additionalProperties,
#: pattern, enum, minItems, items, minLength, and the same inside the $defs/quote reference).
BAD = {
    "not a mapping": ["id: x"],
    "no id": changed(("id",), DELETE),
    "no target": changed(("target",), DELETE),
    "no kind": changed(("kind",), DELETE),
    "no authors": changed(("authors",), DELETE),
    "no date": changed(("date",), DELETE),
    "unknown field": changed(("colour",), "red"),
    "id not text": changed(("id",), 3),
    "id with capitals": changed(("id",), "Note-1"),
    "id ending in a hyphen": changed(("id",), "note-"),
    "target with a space": changed(("target",), "hdh intro"),
    "unknown kind": changed(("kind",), "opinion"),
    "authors not a list": changed(("authors",), "Ada"),
    "no author": changed(("authors",), []),
    "an empty author": changed(("authors",), [""]),
    "an author not text": changed(("authors",), [7]),
    "date as words": changed(("date",), "13 January 2026"),
    "date not text": changed(("date",), 20260113),
    "quote not a mapping": changed(("quote",), "Health Data Hub"),
    "quote without exact": changed(("quote", "exact"), DELETE),
    "quote empty": changed(("quote", "exact"), ""),
    "quote with an unknown field": changed(("quote", "where"), "here"),
    "quote's prefix empty": changed(("quote", "prefix"), ""),
    "quote's suffix not text": changed(("quote", "suffix"), 1),
    "translation quote empty": changed(("translation_quote", "exact"), ""),
    "translation quote with an unknown field": changed(("translation_quote", "lang"), "en"),
}


def test_the_schema_keeps_to_what_both_validators_read() -> None:
    """Every keyword the schema uses means the same in draft 7 (fastjsonschema) and 2020-12."""
    used: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            used.update(node)
            for key, value in node.items():
                if key not in ("properties", "$defs"):
                    walk(value)
                else:
                    for child in value.values():
                        walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(SCHEMA)
    common = {"type", "additionalProperties", "required", "properties", "pattern", "enum", "minItems", "items"}
    common |= {"minLength", "$ref", "$defs", "$schema", "$id", "title", "description"}
    assert used <= common, used - common


def test_a_good_header_is_valid_for_both() -> None:
    assert is_valid(GOOD)
    assert validator().is_valid(GOOD)
    assert is_valid(changed(("quote",), DELETE))


@pytest.mark.parametrize("case", sorted(BAD))
def test_both_validators_refuse_each_broken_keyword(case: str) -> None:
    data = BAD[case]
    assert not validator().is_valid(data), "the reference accepts it: the case breaks nothing"
    assert not is_valid(data)


def test_a_page_gets_the_annotations_of_its_blocks_in_the_sets_order() -> None:
    """``AnnotationSet.for_targets``, asked once per page, looks the targets up in an index."""
    from parallel_edition.annotations.model import Annotation, AnnotationSet  # noqa: PLC0415

    def note(ident: str, target: str) -> Annotation:
        return Annotation(f"{ident}.md", ident, target, "context", ("A",), "2026-01-01", "Text.", 5)

    notes = [note("c", "two"), note("a", "one"), note("b", "three"), note("d", "one")]
    found = AnnotationSet(notes, [])
    assert [n.id for n in found.for_targets({"one", "two"})] == ["c", "a", "d"]
    assert [n.id for n in found.for_targets({"three", "none"})] == ["b"]
    assert found.for_targets(set()) == []
