"""Machine-readable output: ``passages.json``, an index of every block with both texts,
and ``citation_*`` meta tags on the pages of the parallel text (Zotero, Google Scholar)."""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .citation import page_url
from .config import cite_title, edition_version

PASSAGES = "passages.json"
FORMAT_VERSION = 1


#: Stands for the list of items while the rest of an export is encoded (see ``json_with_items``).
ITEMS = "\x00items\x00"
encode_json = json.JSONEncoder(ensure_ascii=False).encode


def json_with_items(document: dict[str, Any], items: list[Any]) -> str:
    """*document* as JSON, with *items* in place of the ``ITEMS`` value, one item a line.

    One line per item keeps a large export readable and diffable; it is also several times
    faster than ``indent``, which Python's C encoder does not serve.
    """
    return json_with_lines(document, [encode_json(item) for item in items])


def json_with_lines(document: dict[str, Any], lines: list[str]) -> str:
    """``json_with_items`` with items already encoded, one a line."""
    head = encode_json(document)
    placeholder = encode_json(ITEMS)
    if head.count(placeholder) != 1:
        raise ValueError("an export must hold its list of items exactly once")
    items = ",\n".join(lines)
    return head.replace(placeholder, f"[\n{items}\n]" if lines else "[]") + "\n"


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


def digest(value: Any) -> str:
    """A fingerprint of *value* (built from dicts, lists and strings in a stable order)."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def digest_file(app: Sphinx, name: str) -> Path:
    """Where the fingerprint of what an output was last written from is kept (Sphinx's cache
    folder, not the site). Written only once the output is, so a failed build leaves none."""
    return Path(app.doctreedir, f"parallel-edition-{name}.digest")


def is_written_from(app: Sphinx, name: str, fingerprint: str) -> bool:
    path = digest_file(app, name)
    return path.exists() and path.read_text(encoding="utf-8") == fingerprint


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


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``citation_*`` tags on the pages that hold blocks of the parallel text."""
    domain = app.env.domains["edition"]
    if pagename not in domain.blocks:  # type: ignore[attr-defined]
        return
    config = app.config
    tags: list[tuple[str, str]] = [("citation_title", cite_title(config))]
    tags += [("citation_author", author) for author in config.edition_cite_authors]
    if config.edition_cite_date:
        tags.append(("citation_publication_date", config.edition_cite_date.replace("-", "/")))
    tags += [
        ("citation_language", config.edition_original_lang),
        ("citation_language", config.edition_translation_lang),
        ("citation_version", edition_version(config)),
    ]
    if config.html_baseurl:  # only an absolute URL is of use to Zotero
        tags.append(("citation_public_url", page_url(app.builder, pagename)))
    meta = "".join(f'<meta name="{name}" content="{escape(value, quote=True)}">\n' for name, value in tags)
    context["metatags"] = context.get("metatags", "") + meta


def setup_passages(app: Sphinx) -> None:
    app.connect("build-finished", write_passages)
    app.connect("html-page-context", add_meta_tags)
