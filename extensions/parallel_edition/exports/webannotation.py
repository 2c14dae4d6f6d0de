"""Export every annotation as W3C Web Annotation JSON-LD (``annotations.jsonld``), so that
Hypothesis-style clients and other tools can read them.

One ``AnnotationCollection`` with one ``AnnotationPage``. Each annotation has one target per
quoted passage: the original's, and the translation's where the annotation quotes it too
(``translation_quote``), each with its language. A target is a ``SpecificResource`` without an
id of its own (a blank node: two annotations' targets never merge into one node of the graph),
selected by a ``FragmentSelector`` naming the quoted cell (``<anchor>--<lang>``, the element that
holds that language's text of the block) refined by a ``TextQuoteSelector``; a note on a whole
block names the block. Every IRI is absolute: under ``html_baseurl``, or under the documented
placeholder base when it is not set (``config.PLACEHOLDER_BASE``). See
https://www.w3.org/TR/annotation-model/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..annotations.model import KINDS
from ..cite import absolute_page_url
from ..config import PLACEHOLDER_BASE, cite_title, export_base, is_organisation
from ..ids import annotation_id, cell_id
from .jsonlines import ITEMS, encode_json, json_with_lines

logger = logging.getLogger(__name__)

EXPORT = "annotations.jsonld"


CONTEXT = "http://www.w3.org/ns/anno.jsonld"


#: The fragment syntax of an HTML page's ids, as the model's table of fragment specifications
#: names it for HTML.
HTML_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3236"


def created(date: str) -> str:
    """An annotation file's date (YYYY-MM-DD) as the model's xsd:dateTime: the day's start, UTC."""
    return f"{date}T00:00:00Z"


def agent(app: Sphinx, name: str) -> dict[str, str]:
    kind = "Organization" if is_organisation(app.config, name) else "Person"
    return {"type": kind, "name": name}


def target(page: str, element: str, lang: str, quote: dict[str, str] | None) -> dict[str, Any]:
    """A passage of the page: the element with the id *element*, and in it *quote*."""
    selector: dict[str, Any] = {"type": "FragmentSelector", "conformsTo": HTML_FRAGMENTS, "value": element}
    if quote:
        selector["refinedBy"] = {"type": "TextQuoteSelector", **quote}
    return {"type": "SpecificResource", "source": page, "language": lang, "selector": selector}


def targets(app: Sphinx, page: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """A target per quoted passage (the original's, the translation's); a note that quotes
    neither is on the whole block (both languages)."""
    config = app.config
    anchor = record["target"]
    found = []
    for lang, quote in (
        (config.edition_original_lang, record["quote"]),
        (config.edition_translation_lang, record.get("translation_quote")),
    ):
        if quote:
            found.append(target(page, cell_id(anchor, lang), lang, quote))
    return found or [target(page, anchor, config.edition_original_lang, None)]


def web_annotation(app: Sphinx, page: str, record: dict[str, Any]) -> dict[str, Any]:
    """One annotation; *page* is the absolute URL of the page that shows it."""
    return {
        "@context": CONTEXT,
        "id": f"{page}#{annotation_id(record['id'])}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": created(record["date"]),
        "creator": [agent(app, name) for name in record["authors"]],
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
        "target": targets(app, page, record),
        "label": f"{KINDS[record['kind']]} [{record['letter']}]",
    }


def depends_on(app: Sphinx, docname: str) -> tuple[str, ...]:
    """What a page's annotations in the export depend on, besides the annotations."""
    config = app.config
    return (
        absolute_page_url(app.builder, docname),
        config.language or "en",
        config.edition_original_lang,
        config.edition_translation_lang,
        *config.edition_organisations,
    )


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


def page_export(app: Sphinx, docname: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A page's lines as kept when it was read, or made again if what they depend on changed
    since (e.g. html_baseurl, which reads nothing again)."""
    key, page = app.env.domains["edition"].annotation_export.get(docname) or ((), ())  # type: ignore[attr-defined]
    if key != depends_on(app, docname):
        key, page = page_lines(app, docname)
    return key, page


def collection(app: Sphinx) -> tuple[dict[str, Any], list[str]]:
    """The collection (with ``ITEMS`` for its annotations), and the annotations as JSON lines."""
    lines: list[str] = []
    for docname in sorted(app.env.domains["edition"].annotations):  # type: ignore[attr-defined]
        lines += page_export(app, docname)[1]
    here = f"{export_base(app.config)}/{EXPORT}"
    page = f"{here}#page1"
    label = f"Annotations of {cite_title(app.config)}"
    # The page says what it is part of as the model's example does: the collection's id, label
    # and total (a page can be read on its own).
    part_of = {"id": here, "type": "AnnotationCollection", "label": label, "total": len(lines)}
    return {
        "@context": CONTEXT,
        "id": here,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(lines),
        "first": {"id": page, "type": "AnnotationPage", "partOf": part_of, "startIndex": 0, "items": ITEMS},
        "last": page,
    }, lines


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.edition_annotations:
        return
    if not app.config.html_baseurl:
        logger.info(
            f"{EXPORT}: html_baseurl is not set (EDITION_BASEURL or READTHEDOCS_CANONICAL_URL for the "
            f"edition), so its IRIs use the placeholder base {PLACEHOLDER_BASE}; set it to where the "
            "edition is published (see README, 'Web Annotation export')."
        )
    text = json_with_lines(*collection(app))  # each page's lines made when it was read
    output = Path(app.outdir, EXPORT)
    if not output.exists() or output.read_text(encoding="utf-8") != text:  # left alone when the same
        output.write_text(text, encoding="utf-8")


def setup_webannotation(app: Sphinx) -> None:
    app.connect("env-updated", prepare_export)
    app.connect("build-finished", write_export)
