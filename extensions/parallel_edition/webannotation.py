"""Export every annotation as W3C Web Annotation JSON-LD (``annotations.jsonld``), so that
Hypothesis-style clients and other tools can read them.

One ``AnnotationCollection`` with one ``AnnotationPage``; each annotation targets its block's
URL, with a ``FragmentSelector`` (the anchor) refined by a ``TextQuoteSelector`` when it
quotes a passage. See https://www.w3.org/TR/annotation-model/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .annotations import KINDS
from .citation import page_url
from .passages import ITEMS, export_is_current, json_with_items

EXPORT = "annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def web_annotation(app: Sphinx, page: str, record: dict[str, Any]) -> dict[str, Any]:
    """One annotation; *page* is the URL of the page that shows it."""
    block = f"{page}#{record['target']}"
    selector: dict[str, Any] = {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": record["target"],
    }
    if record["quote"]:
        selector["refinedBy"] = {"type": "TextQuoteSelector", **record["quote"]}
    return {
        "@context": CONTEXT,
        "id": f"{page}#ann--{record['id']}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": record["date"],
        "creator": [{"name": name} for name in record["authors"]],
        "body": [
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": record["text"],
                "format": "text/plain",
                "language": app.config.language or "en",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": record["kind"]},
        ],
        "target": {
            "type": "SpecificResource",
            "source": page,
            "id": block,
            "language": app.config.edition_original_lang,
            "selector": selector,
        },
        "label": f"{KINDS[record['kind']]} [{record['letter']}]",
    }


def collection(app: Sphinx) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The collection (with ``ITEMS`` for its annotations), and the annotations."""
    domain = app.env.domains["edition"]
    items = []
    for docname in sorted(domain.annotations):  # type: ignore[attr-defined]
        page = page_url(app.builder, docname)  # once per page, not once per annotation
        items += [web_annotation(app, page, record) for record in domain.annotations[docname]]  # type: ignore[attr-defined]
    base = app.config.html_baseurl.rstrip("/")
    here = f"{base}/{EXPORT}" if base else EXPORT
    return {
        "@context": CONTEXT,
        "id": here,
        "type": "AnnotationCollection",
        "label": f"Annotations of {app.config.edition_cite_title or app.config.project}",
        "total": len(items),
        "first": {"id": f"{here}#page1", "type": "AnnotationPage", "startIndex": 0, "items": ITEMS},
    }, items


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.edition_annotations:
        return
    if export_is_current(app, EXPORT):
        return
    Path(app.outdir, EXPORT).write_text(json_with_items(*collection(app)), encoding="utf-8")


def setup_webannotation(app: Sphinx) -> None:
    app.connect("build-finished", write_export)
