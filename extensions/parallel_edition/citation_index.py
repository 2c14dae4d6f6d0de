"""``.. edition-citations::``: every block's citation, on one page (the how-to-cite page).

Each block's "cite" link leads here when the reader's browser runs no script: one entry per
block, ``#cite-<anchor>``, with its Chicago and MLA citations and a link to the block. Made
once every document is read, from the blocks the edition's domain holds, for every builder."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .cite import Citation, page_url
from .nodes import citation_index


class CitationsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        # The list changes with any document's blocks: rebuild this page when any changes.
        for docname in self.env.found_docs:
            if docname != self.env.docname:
                self.env.note_dependency(self.env.doc2path(docname))
        node = citation_index("")
        self.set_source_info(node)
        return [node]


def fill_citation_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Once every document is read (``doctree-resolved``): each index becomes its entries."""
    for index in list(doctree.findall(citation_index)):
        index.replace_self(entries(app))


def entries(app: Sphinx) -> list[nodes.Node]:
    domain = app.env.get_domain("edition")
    items = []
    for docname in sorted(domain.blocks):  # type: ignore[attr-defined]
        for anchor, block in domain.blocks[docname].items():  # type: ignore[attr-defined]
            url = page_url(app.builder, docname, anchor)
            citation = Citation.of(app.config, block["number"], anchor, url)
            item = nodes.definition_list_item("")
            term = nodes.term("", "", ids=[f"cite-{anchor}"])
            term += nodes.reference("", f"¶\u00a0{block['number']}", internal=True, refuri=url)
            term += nodes.Text(f" ({anchor})")
            definition = nodes.definition()
            for label, text in (("Chicago", citation.chicago()), ("MLA", citation.mla())):
                paragraph = nodes.paragraph()
                paragraph += nodes.strong("", f"{label}: ")
                paragraph += nodes.Text(text)
                definition += paragraph
            item += [term, definition]
            items.append(item)
    if not items:
        return []
    return [nodes.definition_list("", *items, classes=["ed-citation-index"])]


def setup_citation_index(app: Sphinx) -> None:
    app.add_node(citation_index)
    app.add_directive("edition-citations", CitationsDirective)
    app.connect("doctree-resolved", fill_citation_index)
