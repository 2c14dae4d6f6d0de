"""The "cite this" control of a block: a disclosure (keyboard-operable without script) holding
the block's citation as text, BibLaTeX, classic BibTeX, CSL-JSON and a CSL citation; the script
adds Copy buttons. Made once per page from a template and filled in for each block."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..cite import Citation, page_url
from ..nodes import cite_control
from . import APPARATUS

#: Stand-ins for a block's anchor and number in the HTML templates below: private-use
#: characters, which no escaping (HTML, BibTeX, JSON) changes and no anchor or number holds.
ANCHOR_SLOT, NUMBER_SLOT = "\ue000", "\ue001"


def fill(template: str, anchor: str, number: int) -> str:
    return template.replace(ANCHOR_SLOT, anchor).replace(NUMBER_SLOT, str(number))


def visit_cite_control(self: HTML5Translator, node: cite_control) -> None:
    self.body.append(cite_html(self, node))
    raise nodes.SkipNode


def cite_html(self: HTML5Translator, node: cite_control) -> str:
    """A disclosure (keyboard-operable without script) holding the citation in five forms;
    the script adds Copy buttons. Made once per page and filled in for each block, unless the
    edition's citation fields hold the template's stand-ins."""
    anchor, number = node["anchor"], node["number"]
    template = getattr(self, "_edition_cite_template", None)
    if template is None:
        probe = cite_panel(self, "", "")
        usable = ANCHOR_SLOT not in probe and NUMBER_SLOT not in probe
        template = cite_panel(self, ANCHOR_SLOT, NUMBER_SLOT) if usable else ""
        self._edition_cite_template = template  # type: ignore[attr-defined]
    return fill(template, anchor, number) if template else cite_panel(self, anchor, number)


def cite_panel(self: HTML5Translator, anchor: str, number: int | str) -> str:
    url = page_url(self.builder, self.builder.current_docname, anchor)
    citation = Citation.of(self.builder.config, number, anchor, url)
    prefix = f"ed-cite-{anchor}"
    forms = [
        ("text", "Citation", citation.text(), "p"),
        ("biblatex", "BibLaTeX (biber)", citation.biblatex(), "pre"),
        ("bibtex", "BibTeX (classic)", citation.bibtex(), "pre"),
        ("csl", "CSL-JSON (the item)", citation.csl_json(), "pre"),
        ("csl-citation", "CSL citation (the item at this paragraph)", citation.csl_citation_json(), "pre"),
    ]
    html = [
        self.starttag(cite_control(), "details", "", CLASS="ed-cite", **{"data-ed-url": url}, **APPARATUS),
        f'<summary aria-label="Cite paragraph {number}">cite</summary>',
        '<div class="ed-cite-panel">',
    ]
    for form, label, text, tag in forms:
        element_id = f"{prefix}-{form}"
        html.append(f'<div class="ed-cite-form"><span class="ed-cite-label" id="{element_id}-label">{label}</span>')
        html.append(
            f'<button type="button" class="ed-copy" data-ed-copy="{element_id}" '
            f'aria-describedby="{element_id}-label" hidden>Copy</button>'
        )
        html.append(f'<{tag} class="ed-cite-{form}" id="{element_id}">{self.encode(text)}</{tag}></div>')
    html.append('<p class="ed-copy-status" role="status" aria-live="polite"></p></div></details>\n')
    return "".join(html)
