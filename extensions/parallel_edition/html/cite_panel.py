"""The "cite" control of each block, and the page's one cite panel.

Each block carries a small link, ``cite``: without script it leads to the block's citations on
the how-to-cite page (``edition_cite_page``), or to the block itself. The page carries one
``<template>`` of the panel, with stand-ins for a block's anchor and number; the script fills
it for the block whose link was followed and opens it there: first the formatted citations
(Chicago author–date, MLA), then, behind "More formats", BibLaTeX, classic BibTeX, CSL-JSON, a
CSL citation and RIS, each with a Copy button."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..cite import Citation, page_url
from ..nodes import cite_control
from . import APPARATUS

#: Stand-ins for a block's anchor and number in the HTML templates below: private-use
#: characters, which no escaping (HTML, BibTeX, JSON) changes and no anchor or number holds.
ANCHOR_SLOT, NUMBER_SLOT = "\ue000", "\ue001"

#: (form, label, tag): shown first, then behind "More formats".
FIRST_FORMS = (("chicago", "Chicago (author–date)", "p"), ("mla", "MLA", "p"))
MORE_FORMS = (
    ("biblatex", "BibLaTeX (biber)", "pre"),
    ("bibtex", "BibTeX (classic)", "pre"),
    ("csl", "CSL-JSON (the item)", "pre"),
    ("csl-citation", "CSL citation (the item at this paragraph)", "pre"),
    ("ris", "RIS", "pre"),
)


def fill(template: str, anchor: str, number: int) -> str:
    return template.replace(ANCHOR_SLOT, anchor).replace(NUMBER_SLOT, str(number))


def cite_target(self: HTML5Translator, anchor: str) -> str:
    """Where a block's cite link leads without script."""
    page = self.builder.config.edition_cite_page
    if page and page in self.builder.env.found_docs:
        return f"{self.builder.get_relative_uri(self.builder.current_docname, page)}#cite-{anchor}"
    return f"#{anchor}"


def visit_cite_control(self: HTML5Translator, node: cite_control) -> None:
    self.body.append(cite_link(self, node["anchor"], node["number"]))
    raise nodes.SkipNode


def cite_link(self: HTML5Translator, anchor: str, number: int) -> str:
    """A block's cite link. Made once per page, with the writer's ``starttag``, and then
    filled in for each block."""
    template = getattr(self, "_edition_cite_link", None)
    if template is None:
        attributes = {
            "href": cite_target(self, ANCHOR_SLOT),
            "aria-label": f"Cite paragraph {NUMBER_SLOT}",
            "data-ed-cite": ANCHOR_SLOT,
            "data-ed-number": NUMBER_SLOT,
        }
        template = self.starttag(nodes.Element(classes=["ed-cite"]), "a", "", **attributes, **APPARATUS) + "cite</a>"
        self._edition_cite_link = template  # type: ignore[attr-defined]
    return fill(template, anchor, number)


def cite_template(self: HTML5Translator) -> str:
    """The page's one cite panel, as a ``<template>`` with the stand-ins, or "" when the
    edition's own citation fields hold them (then no template can be filled safely)."""
    probe = cite_panel(self, "", "")
    if ANCHOR_SLOT in probe or NUMBER_SLOT in probe:
        return ""
    url = page_url(self.builder, self.builder.current_docname, ANCHOR_SLOT)
    return (
        f'<template id="ed-cite-template" data-ed-url="{self.encode(url)}">'
        + cite_panel(self, ANCHOR_SLOT, NUMBER_SLOT)
        + "</template>\n"
    )


def cite_panel(self: HTML5Translator, anchor: str, number: int | str) -> str:
    url = page_url(self.builder, self.builder.current_docname, anchor)
    citation = Citation.of(self.builder.config, number, anchor, url)
    texts = {
        "chicago": citation.chicago(),
        "mla": citation.mla(),
        "biblatex": citation.biblatex(),
        "bibtex": citation.bibtex(),
        "csl": citation.csl_json(),
        "csl-citation": citation.csl_citation_json(),
        "ris": citation.ris(),
    }

    def forms(chosen: tuple[tuple[str, str, str], ...]) -> str:
        html = []
        for form, label, tag in chosen:
            element_id = f"ed-cite-{form}"
            html.append(
                f'<div class="ed-cite-form"><span class="ed-cite-label" id="{element_id}-label">{label}</span>'
                f'<button type="button" class="ed-copy" data-ed-copy="{element_id}" '
                f'aria-describedby="{element_id}-label">Copy</button>'
                f'<{tag} class="ed-cite-{form}" id="{element_id}">{self.encode(texts[form])}</{tag}></div>'
            )
        return "".join(html)

    return (
        f'<div class="ed-cite-panel" role="dialog" aria-label="Cite paragraph {number}" data-ed-apparatus="">'
        f'<p class="ed-cite-title">Cite ¶ {number} <button type="button" class="ed-cite-close">Close</button></p>'
        + forms(FIRST_FORMS)
        + '<details class="ed-cite-more"><summary>More formats</summary>'
        + forms(MORE_FORMS)
        + '</details><p class="ed-copy-status" role="status" aria-live="polite"></p></div>'
    )
