"""Search results as a reader wants them: snippets of the text alone, each opening at its block.

Sphinx's search page makes a snippet from the whole ``[role=main]`` of a page, which on an
edition's page holds the apparatus too (cite panels with BibTeX and CSL-JSON, notes, ¶ numbers),
and links every full-text hit to the top of its page. ``parallel-edition-search.js``, loaded on
the search page only, makes the snippet from the text alone and links each hit to the block that
holds its first match (see the README, "Search").
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

SEARCH_JS = "parallel-edition-search.js"


def add_search_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    # After searchtools.js (a plain script in the page) and before its init on DOMContentLoaded.
    if app.builder.format == "html" and templatename == "search.html":
        app.add_js_file(SEARCH_JS, defer="defer")


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", add_search_script)
