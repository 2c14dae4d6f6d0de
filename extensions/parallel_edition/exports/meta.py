"""The meta tags of the pages, for reference managers, Google Scholar and annotation clients.

- On every page: the Dublin Core fingerprint Hypothesis's client reads (``dc.identifier`` and
  ``dc.relation.ispartof``; it makes ``urn:x-dc:<ispartof>/<identifier>`` of them), the same on
  every host and in every version, so that readers' annotations stay with the text wherever it
  is published. (``<link rel="canonical">`` is Sphinx's, written where ``html_baseurl`` is set.)
- On the pages that hold blocks of the parallel text: Highwire ``citation_*`` tags (what Google
  Scholar and Zotero's Embedded Metadata translator read), ``og:type`` (``website``: the
  translator's type for a web page; without a type tag it files a page with ``citation_title``
  as a journal article), ``DC.language`` for both languages, ``z:extra`` with the version (a
  Zotero web page has no version field; Zotero cites ``version:`` lines of Extra as CSL's
  version) and a description that names the source and its publisher.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from ..cite import page_url
from ..config import cite_title, edition_version, is_organisation


def author_tag(app: Sphinx, name: str) -> str:
    """A person as written; an organisation in the inverted form with no given name
    (``Name,``), which Zotero's translator keeps whole instead of splitting it at its last space."""
    return f"{name}," if is_organisation(app.config, name) else name


def citation_tags(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    config = app.config
    tags: list[tuple[str, str]] = [("citation_title", cite_title(config))]
    tags += [("citation_author", author_tag(app, author)) for author in config.edition_cite_authors]
    if config.edition_cite_date:
        tags.append(("citation_publication_date", config.edition_cite_date.replace("-", "/")))
    # The original's language first: a reference manager keeps one, and with the original's it
    # leaves the original's title as it is (no English title case).
    tags += [
        ("citation_language", config.edition_original_lang),
        ("citation_language", config.edition_translation_lang),
        ("DC.language", config.edition_original_lang),
        ("DC.language", config.edition_translation_lang),
        ("citation_version", edition_version(config)),
        ("z:extra", f"version: {edition_version(config)}"),
    ]
    if config.edition_source:
        description = f"{cite_title(config)}. The text: {config.edition_source}"
        tags += [("description", description), ("DC.description", description)]
    if config.html_baseurl:  # only an absolute URL is of use to Zotero
        tags.append(("citation_public_url", page_url(app.builder, pagename)))
    return tags


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    config = app.config
    tags = [
        ("dc.identifier", pagename),
        ("dc.relation.ispartof", config.edition_cite_key or "edition"),
    ]
    domain = app.env.domains["edition"]
    if pagename in domain.blocks:  # type: ignore[attr-defined]
        tags += citation_tags(app, pagename)
    meta = "".join(f'<meta name="{name}" content="{escape(value, quote=True)}">\n' for name, value in tags)
    if pagename in domain.blocks:  # type: ignore[attr-defined]
        meta += '<meta property="og:type" content="website">\n'
    context["metatags"] = context.get("metatags", "") + meta
