"""The ``citation_*`` meta tags of each page, for reference managers."""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from ..cite import page_url
from ..config import cite_title, edition_version


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
