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

from ..annotations.model import KINDS
from ..cite import page_url
from ..config import cite_title
from ..ids import annotation_id
from .jsonlines import ITEMS, encode_json, json_with_lines

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
        "id": f"{page}#{annotation_id(record['id'])}",
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


def depends_on(app: Sphinx, docname: str) -> tuple[str, ...]:
    """What a page's annotations in the export depend on, besides the annotations."""
    return (page_url(app.builder, docname), app.config.language or "en", app.config.edition_original_lang)


def page_lines(app: Sphinx, docname: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The page's annotations, one JSON line each, and what they depend on."""
    key = depends_on(app, docname)
    records = app.env.domains["edition"].annotations[docname]  # type: ignore[attr-defined]
    return key, tuple(encode_json(web_annotation(app, key[0], record)) for record in records)


def prepare_export(app: Sphinx, env: Any) -> list[str]:
    """The export lines of each page read in this build, kept with the page's data: an edit
    to one page's annotations then makes that page's lines only."""
    if app.builder.format == "html" and app.config.edition_annotations:
        domain = env.domains["edition"]
        for docname in domain.annotations:
            if docname not in domain.annotation_export:
                domain.annotation_export[docname] = page_lines(app, docname)
    return []


def collection(app: Sphinx) -> tuple[dict[str, Any], list[str]]:
    """The collection (with ``ITEMS`` for its annotations), and the annotations as JSON lines."""
    domain = app.env.domains["edition"]
    lines: list[str] = []
    for docname in sorted(domain.annotations):  # type: ignore[attr-defined]
        key, page = domain.annotation_export.get(docname) or ((), ())  # type: ignore[attr-defined]
        if key != depends_on(app, docname):  # e.g. html_baseurl changed, which reads nothing again
            key, page = page_lines(app, docname)
        lines += page
    base = app.config.html_baseurl.rstrip("/")
    here = f"{base}/{EXPORT}" if base else EXPORT
    return {
        "@context": CONTEXT,
        "id": here,
        "type": "AnnotationCollection",
        "label": f"Annotations of {cite_title(app.config)}",
        "total": len(lines),
        "first": {"id": f"{here}#page1", "type": "AnnotationPage", "startIndex": 0, "items": ITEMS},
    }, lines


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.edition_annotations:
        return
    text = json_with_lines(*collection(app))  # each page's lines made when it was read
    output = Path(app.outdir, EXPORT)
    if not output.exists() or output.read_text(encoding="utf-8") != text:  # left alone when the same
        output.write_text(text, encoding="utf-8")


def setup_webannotation(app: Sphinx) -> None:
    app.connect("env-updated", prepare_export)
    app.connect("build-finished", write_export)
