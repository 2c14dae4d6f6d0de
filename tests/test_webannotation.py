"""The W3C Web Annotation export (``annotations.jsonld``) checked by the standard's own tools:
every MUST assertion of the W3C test suite, a JSON-LD processor (PyLD, with the model's
context read from ``../shared``), and a real anchoring client (Apache Annotator, from npm) in
Chromium, which must find each selector's passage once, where the edition highlights it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, EditionBuild, copy_root
from conftest import build_project as build
from pyld import jsonld
from standards import WEB_ANNOTATION_TESTS, annotator_bundle, failed_musts

PLACEHOLDER = "https://edition.invalid/"


@pytest.fixture(scope="module")
def export(edition_html: EditionBuild) -> dict[str, Any]:
    assert edition_html.status == 0, edition_html.warnings
    return json.loads((edition_html.outdir / "annotations.jsonld").read_text(encoding="utf-8"))


def items(export: dict[str, Any]) -> list[dict[str, Any]]:
    return export["first"]["items"]


def test_every_must_of_the_w3c_suite_holds_for_the_collection_its_page_and_each_annotation(
    export: dict[str, Any],
) -> None:
    assert failed_musts("collections/collectionMusts.test", export) == []
    # The page as a document of its own: embedded, it has the collection's @context.
    page = {"@context": export["@context"], **export["first"]}
    assert failed_musts("collections/pages/pageMusts.test", page) == []
    failures = Counter(
        name for item in items(export) for name in failed_musts("annotations/annotationMusts.test", item)
    )
    assert len(items(export)) > 90
    assert failures == Counter()


def test_the_suite_is_read_and_can_fail(export: dict[str, Any]) -> None:
    """The checker itself: the published export's faults (a date for a date-time, relative
    ids) are caught."""
    item = json.loads(json.dumps(items(export)[0]))
    item["created"] = item["created"][:10]
    item["id"] = item["id"].removeprefix(PLACEHOLDER)
    assert set(failed_musts("annotations/annotationMusts.test", item)) == {
        "annotations/3.3.1-annotationCreatedValidated.json",
        "annotations/3.1-annotationIdValidated.json",
    }


def test_without_a_base_url_every_iri_is_absolute_under_the_placeholder(export: dict[str, Any]) -> None:
    assert export["id"] == f"{PLACEHOLDER}annotations.jsonld"
    for item in items(export):
        assert item["id"].startswith(f"{PLACEHOLDER}text.html#ann--")
        assert {target["source"] for target in item["target"]} == {f"{PLACEHOLDER}text.html"}


def test_with_a_base_url_every_iri_is_under_it(tmp_path: Path) -> None:
    status, warnings, outdir = build(copy_root("annotations", tmp_path))  # html_baseurl: https://example.org/ed/
    assert (status, warnings) == (0, "")
    export = json.loads((outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["id"] == "https://example.org/ed/annotations.jsonld"
    assert failed_musts("collections/collectionMusts.test", export) == []
    for item in items(export):
        assert item["id"].startswith("https://example.org/ed/text.html#ann--")
        assert failed_musts("annotations/annotationMusts.test", item) == []


def test_created_is_a_date_time_and_creators_are_typed(export: dict[str, Any]) -> None:
    for item in items(export):
        assert item["created"].endswith("T00:00:00Z")
        assert item["creator"] == [{"type": "Organization", "name": "The edition's editors"}]


def test_translation_quotes_are_second_targets_with_their_language(export: dict[str, Any]) -> None:
    files = list((REPO / "edition" / "annotations").glob("*.md"))
    with_translation = sum("\ntranslation_quote:" in path.read_text(encoding="utf-8") for path in files)
    english = [target for item in items(export) for target in item["target"] if target["language"] == "en"]
    assert len(english) == with_translation > 80
    for target in english:
        assert target["selector"]["value"].endswith("--en") and target["selector"]["refinedBy"]["exact"]
    both = [item for item in items(export) if len(item["target"]) == 2]
    assert len(both) > 80
    for item in both:
        assert [target["language"] for target in item["target"]] == ["fr", "en"]


def anno_context_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's JSON-LD context from ``../shared`` (no network)."""
    assert url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"), url
    document = json.loads((WEB_ANNOTATION_TESTS / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


def test_targets_never_merge_in_the_rdf_graph(export: dict[str, Any]) -> None:
    """As JSON-LD, each target is a node of its own with one selector: a consumer can tell
    which passage belongs to which annotation."""
    quads = jsonld.to_rdf(export, {"documentLoader": anno_context_loader, "format": "application/n-quads"})
    triples = [line.split(" ", 2) for line in quads.splitlines()]
    has_target = [
        obj.rstrip(" .") for _, predicate, obj in triples if predicate == "<http://www.w3.org/ns/oa#hasTarget>"
    ]
    selectors = Counter(
        subject for subject, predicate, _ in triples if predicate == "<http://www.w3.org/ns/oa#hasSelector>"
    )
    targets = sum(len(item["target"]) for item in items(export))
    assert len(has_target) == len(set(has_target)) == targets
    assert all(selectors[node] == 1 for node in has_target)


def test_every_selector_names_the_quoted_cell(export: dict[str, Any], edition_html: EditionBuild) -> None:
    page = edition_html.soup("text.html")
    for item in items(export):
        for target in item["target"]:
            value = target["selector"]["value"]
            assert len(page.find_all(id=value)) == 1, value  # one element, the cell
            if "refinedBy" in target["selector"]:
                assert "ed-cell" in page.find(id=value)["class"], value
                assert page.find(id=value)["lang"] == target["language"]


def test_apache_annotator_finds_every_passage_once_where_the_edition_highlights_it(
    export: dict[str, Any], browser: Any, served_edition: str
) -> None:
    bundle = annotator_bundle()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served_edition}/text.html")
    page.add_script_tag(content=bundle)
    right, interrupted, wrong = 0, set(), []
    for item in items(export):
        note = item["id"].split("#ann--", 1)[1]
        for target in item["target"]:
            assert target["source"] == f"{PLACEHOLDER}text.html"  # served here as /text.html
            selector = target["selector"]
            found = page.evaluate("selector => window.edAnchor(selector)", selector)
            if "refinedBy" not in selector:  # a note on the whole block: the block
                assert [place["cell"] for place in found] == [selector["value"]], note
                right += 1
                continue
            highlight = page.evaluate("([cell, id]) => window.edHighlight(cell, id)", [selector["value"], note])
            assert highlight is not None, (note, selector["value"])
            places = [(place["cell"], place["span"]) for place in found]
            if places == [(selector["value"], highlight["span"])]:
                right += 1
            elif not found and highlight["interrupted"]:
                interrupted.add((note, selector["value"]))
            else:
                wrong.append((note, selector, places, highlight))
    page.close()
    assert wrong == []
    # Marker letters are drawn by CSS, not text of the page: no passage is interrupted.
    assert interrupted == set()
    assert right == sum(len(item["target"]) for item in items(export))
    assert errors == []
