"""``passages.json``: an index of every block with both texts, its anchor, number and URL, for
citation tools; rewritten only when what it holds changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..cite import page_url
from ..config import cite_title, edition_version
from .jsonlines import ITEMS, digest, digest_file, is_written_from, json_with_items
from .meta import add_meta_tags

PASSAGES = "passages.json"


FORMAT_VERSION = 1


def passage_index(app: Sphinx, pages: dict[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The export's head (with ``ITEMS`` for the passages), and the passages; *pages*: the
    URL of each document."""
    config = app.config
    domain = app.env.domains["edition"]
    passages = [
        {
            "anchor": anchor,
            "doc": docname,
            "number": info["number"],
            "kind": info["kind"],
            "url": f"{pages[docname]}#{anchor}",
            "original": {"lang": config.edition_original_lang, "text": info["original"], "hash": info["hash"]},
            "translation": {"lang": config.edition_translation_lang, "text": info["translation"]},
            "version": edition_version(config),
        }
        for anchor, docname, info in domain.anchors()  # type: ignore[attr-defined]
    ]
    head = {
        "format": f"parallel-edition-passages/{FORMAT_VERSION}",
        "edition": {
            "title": cite_title(config),
            "version": edition_version(config),
            "date": config.edition_cite_date or None,
            "original_lang": config.edition_original_lang,
            "translation_lang": config.edition_translation_lang,
        },
        "passages": ITEMS,
    }
    return head, passages


def write_passages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    config, domain = app.config, app.env.domains["edition"]
    pages = {docname: page_url(app.builder, docname) for docname in sorted(domain.blocks)}  # type: ignore[attr-defined]
    # The blocks (a fingerprint per document), and what else the export holds: skip it when
    # nothing changed them. (Not "when nothing was read": html_baseurl, for one, can change
    # and read nothing again.)
    fingerprint = digest(
        (
            FORMAT_VERSION,
            app.builder.name,
            [edition_version(config), cite_title(config), config.edition_cite_date],
            [config.html_baseurl, config.edition_original_lang, config.edition_translation_lang],
            sorted(domain.block_digests.items()),  # type: ignore[attr-defined]
            list(pages.items()),  # the pages' URLs (html_link_suffix, dirhtml …)
        )
    )
    output = Path(app.outdir, PASSAGES)
    if output.exists() and is_written_from(app, PASSAGES, fingerprint):
        return
    output.write_text(json_with_items(*passage_index(app, pages)), encoding="utf-8")
    digest_file(app, PASSAGES).write_text(fingerprint, encoding="utf-8")


def setup_passages(app: Sphinx) -> None:
    app.connect("build-finished", write_passages)
    app.connect("html-page-context", add_meta_tags)
