"""HTML: aligned blocks as two-column rows, the text's notes with links both ways, the
view switch, and the assets (CSS, small progressive-enhancement JS)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..annotations.model import KINDS
from ..blocks import block_of
from ..config import language_name
from ..nodes import (
    annotation,
    annotation_filter,
    annotation_list,
    annotation_mark,
    annotation_marker,
    block_number,
    cite_control,
    control_bar,
    note_label,
    note_ref,
    parallel_block,
    parallel_cell,
    parallel_notes,
    view_switch,
)
from . import APPARATUS
from .cite_panel import ANCHOR_SLOT, NUMBER_SLOT, cite_link, cite_template, fill, visit_cite_control

STATIC = Path(__file__).parent / "static"


ASSETS = ("parallel-edition.css", "parallel-edition.js")


def visit_parallel_block(self: HTML5Translator, node: parallel_block) -> None:
    self.body.append(self.starttag(node, "div", "", **{"data-ed-kind": node["kind"]}))


def depart_parallel_block(self: HTML5Translator, node: parallel_block) -> None:
    """The block's cite link (one per row, for either language or both) closes it."""
    if node["anchor"]:
        self.body.append(cite_link(self, node["anchor"], node["number"]))
    self.body.append("</div>\n")


def visit_parallel_cell(self: HTML5Translator, node: parallel_cell) -> None:
    """The cell, its number (a permalink to the block) first."""
    block = node.parent
    attributes: dict[str, Any] = {"lang": node["lang"], "data-ed-role": node["role"]}
    if block is not None and block.get("kind") == "note":
        attributes["role"] = "doc-footnote"
    self.body.append(self.starttag(node, "div", "", **attributes))
    if isinstance(block, parallel_block) and block["anchor"]:
        self.body.append(number_html(self, block["anchor"], block["number"]))


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_parallel_notes(self: HTML5Translator, node: parallel_notes) -> None:
    self.body.append(self.starttag(node, "section", "", role="doc-endnotes", **{"aria-label": "Notes"}))


def depart_parallel_notes(self: HTML5Translator, node: parallel_notes) -> None:
    self.body.append("</section>\n")


def visit_note_ref(self: HTML5Translator, node: note_ref) -> None:
    if not node.get("refid"):
        self.body.append(self.starttag(node, "span", "", CLASS="ed-noteref ed-broken", **APPARATUS))
        return
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href=f"#{node['refid']}",
            role="doc-noteref",
            **{"data-ed-note": str(node["number"]), "aria-label": f"Note {node['number']}"},
            **APPARATUS,
        )
    )


def depart_note_ref(self: HTML5Translator, node: note_ref) -> None:
    self.body.append("</a>" if node.get("refid") else "</span>")


def visit_note_label(self: HTML5Translator, node: note_label) -> None:
    if node.get("refid"):
        attributes = {
            "href": f"#{node['refid']}",
            "role": "doc-backlink",
            "aria-label": f"Back to note call {node['number']}",
        }
        self.body.append(self.starttag(node, "a", "", **attributes, **APPARATUS))
    else:
        self.body.append(self.starttag(node, "span", "", **APPARATUS))


def depart_note_label(self: HTML5Translator, node: note_label) -> None:
    self.body.append("</a>" if node.get("refid") else "</span>")


def visit_view_switch(self: HTML5Translator, node: view_switch) -> None:
    config = self.builder.config
    choices = [
        ("both", "Both", None),
        ("original", language_name(config, config.edition_original_lang), config.edition_original_lang),
        ("translation", language_name(config, config.edition_translation_lang), config.edition_translation_lang),
    ]
    html = [self.starttag(node, "fieldset", "", CLASS="ed-view-switch", **APPARATUS), "<legend>Show</legend>"]
    for value, label, lang in choices:
        attributes: dict[str, Any] = {"type": "radio", "name": "ed-view", "value": value}
        if value == "both":
            attributes["checked"] = "checked"
        radio = self.emptytag(nodes.Element(ids=[f"ed-view-{value}"]), "input", "", **attributes)
        label_attributes = {"for": f"ed-view-{value}"} | ({"lang": lang} if lang else {})
        label_html = self.starttag(nodes.Element(), "label", "", **label_attributes) + self.encode(label) + "</label>"
        html.append(f'<span class="ed-choice">{radio}{label_html}</span>')
    html.append("</fieldset>\n")
    self.body.append("".join(html))
    raise nodes.SkipNode


def visit_control_bar(self: HTML5Translator, node: control_bar) -> None:
    """The reading controls, in one bar that stays at the top of the screen: the sections (a
    disclosure, no script needed), the view, the kinds of note (a disclosure; "all" and "none"
    come with the script), and "go to ¶" (with the script only)."""
    html = [
        self.starttag(
            node, "div", "", CLASS="ed-controls", role="region", **{"aria-label": "Reading controls"}, **APPARATUS
        )
    ]
    if node["sections"]:
        html.append('<details class="ed-toc"><summary>Sections</summary><ol>')
        config = self.builder.config
        for anchor, number, original, translation in node["sections"]:
            html.append(
                f'<li><a href="#{anchor}"><span class="ed-toc-num">¶\u00a0{number}</span> '
                f'<span lang="{config.edition_original_lang}">{self.encode(original)}</span>'
                f'<span class="ed-toc-sep"> / </span><span lang="{config.edition_translation_lang}" class="ed-toc-tr">'
                f"{self.encode(translation)}</span></a></li>"
            )
        html.append("</ol></details>")
    self.body.append("".join(html))


def depart_control_bar(self: HTML5Translator, node: control_bar) -> None:
    goto = (
        '<div class="ed-goto" hidden><label for="ed-goto-number">Go to ¶</label>'
        f'<input id="ed-goto-number" type="number" min="1" max="{node["last"]}" inputmode="numeric">'
        '<button type="button">Go</button></div>'
    )
    self.body.append(goto + "</div>\n" + cite_template(self))


def visit_block_number(self: HTML5Translator, node: block_number) -> None:
    self.body.append(number_html(self, node["anchor"], node["number"]))
    raise nodes.SkipNode


def number_html(self: HTML5Translator, anchor: str, number: int) -> str:
    """A block's number, a permalink to it. Made once per page, with the writer's
    ``starttag``, and then filled in for each block (thousands of blocks in a large edition)."""
    template = getattr(self, "_edition_number_template", None)
    if template is None:
        attributes = {"href": f"#{ANCHOR_SLOT}", "title": f"Permalink to paragraph {NUMBER_SLOT}"}
        tag = self.starttag(nodes.Element(classes=["ed-num"]), "a", "", **attributes, **APPARATUS)
        template = tag + self.encode(f"¶\u00a0{NUMBER_SLOT}") + "</a>"
        self._edition_number_template = template  # type: ignore[attr-defined]
    return fill(template, anchor, number)


def visit_annotation_list(self: HTML5Translator, node: annotation_list) -> None:
    found = block_of(node.parent)
    block = found.number if found is not None else None
    label = f"Annotations to paragraph {block}" if block else "Annotations"
    self.body.append(self.starttag(node, "aside", "", **{"aria-label": label}))


def depart_annotation_list(self: HTML5Translator, node: annotation_list) -> None:
    self.body.append("</aside>\n")


def visit_annotation(self: HTML5Translator, node: annotation) -> None:
    lang = self.builder.config.language or "en"
    attributes = {
        "lang": lang,
        "role": "note",
        "data-ed-kind": node["kind"],
        "aria-label": f"Annotation {node['letter']}",
    }
    self.body.append(self.starttag(node, "div", "", **attributes))


def visit_annotation_mark(self: HTML5Translator, node: annotation_mark) -> None:
    self.body.append(
        self.starttag(node, "mark", "", CLASS=f"ed-kind-{node['kind']}", **{"data-ed-ann": node["annotation_id"]})
    )


def depart_annotation_mark(self: HTML5Translator, node: annotation_mark) -> None:
    self.body.append("</mark>")


def visit_annotation_marker(self: HTML5Translator, node: annotation_marker) -> None:
    """The letter is drawn by CSS from ``data-ed-letter`` and named by ``aria-label``: it is no
    text of the page, so that copying, search and the anchoring clients of Web Annotation
    (which read the page's text) see the edition's text without it."""
    attributes = {
        "href": f"#{node['refid']}",
        "aria-label": f"Annotation {node['letter']}: {KINDS[node['kind']]}",
        "data-ed-ann": node["annotation_id"],
        "data-ed-letter": node["letter"],
    }
    tag = self.starttag(node, "a", "", CLASS=f"ed-kind-{node['kind']}", **attributes, **APPARATUS)
    self.body.append(tag + "</a>")
    raise nodes.SkipNode


def visit_annotation_filter(self: HTML5Translator, node: annotation_filter) -> None:
    html = [
        '<details class="ed-kinds"><summary>Notes</summary>',
        self.starttag(node, "fieldset", "", CLASS="ed-kind-filter", **APPARATUS),
        "<legend>Kinds of note shown</legend>",
    ]
    for kind in node["kinds"]:
        box = self.emptytag(nodes.Element(ids=[f"ed-kind-{kind}"]), "input", "", type="checkbox", checked="checked")
        label = self.starttag(nodes.Element(), "label", "", CLASS=f"ed-kind-{kind}", **{"for": f"ed-kind-{kind}"})
        html.append(f'<span class="ed-choice">{box}{label}{self.encode(KINDS[kind])}</label></span>')
    html.append('<span class="ed-kind-all" hidden><button type="button" data-ed-kinds="all">All</button>')
    html.append('<button type="button" data-ed-kinds="none">None</button></span>')
    html.append("</fieldset></details>\n")
    self.body.append("".join(html))
    raise nodes.SkipNode


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    parallel_block: (visit_parallel_block, depart_parallel_block),
    parallel_cell: (visit_parallel_cell, depart_div),
    parallel_notes: (visit_parallel_notes, depart_parallel_notes),
    note_ref: (visit_note_ref, depart_note_ref),
    note_label: (visit_note_label, depart_note_label),
    view_switch: (visit_view_switch, None),
    control_bar: (visit_control_bar, depart_control_bar),
    block_number: (visit_block_number, None),
    cite_control: (visit_cite_control, None),
    annotation_list: (visit_annotation_list, depart_annotation_list),
    annotation: (visit_annotation, depart_div),
    annotation_mark: (visit_annotation_mark, depart_annotation_mark),
    annotation_marker: (visit_annotation_marker, None),
    annotation_filter: (visit_annotation_filter, None),
}


def add_assets(app: Sphinx) -> None:
    """The extension's CSS and JS, through ``html_static_path`` (as sphinx-design does): Sphinx
    copies them before it writes the pages, so their links carry its cache-busting checksum."""
    if app.builder.format == "html":
        if str(STATIC) not in app.config.html_static_path:
            app.config.html_static_path.append(str(STATIC))
        app.add_css_file(ASSETS[0])
        # Set before the first paint, so that the notes do not move once the script has run.
        app.add_js_file(None, body='document.documentElement.classList.add("ed-js")')
        app.add_js_file(ASSETS[1], defer="defer")


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
