"""Visitors for every builder: HTML from :mod:`.html`, and for LaTeX, text, man and
texinfo a reading in order (original, then translation) that keeps the anchors."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .html.visitors import HTML_VISITORS
from .latex.visitors import (
    LATEX_OVERRIDES,
    AddFootnoteTexts,
    AddHeadingDestinations,
    MarkBibliographyPlace,
    PlaceBibliography,
    configure_latex,
)
from .nodes import (
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


def pass_through(self: Any, node: nodes.Node) -> None:
    """Render the children; the node itself adds nothing."""


PLAIN_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    parallel_block: (pass_through, pass_through),
    parallel_cell: (pass_through, pass_through),
    parallel_notes: (pass_through, pass_through),
    note_ref: (pass_through, pass_through),
    note_label: (pass_through, pass_through),
    # Annotations: after their block, markers as "[a]".
    annotation_list: (pass_through, pass_through),
    annotation: (pass_through, pass_through),
    annotation_mark: (pass_through, pass_through),
    annotation_marker: (pass_through, pass_through),
}


#: Made by the HTML-only post-transform (``AddHtmlApparatus``): no other builder meets them.
HTML_ONLY = (view_switch, block_number, cite_control, annotation_filter, control_bar)


LATEX_VISITORS = PLAIN_VISITORS | LATEX_OVERRIDES


def setup_nodes(app: Sphinx) -> None:
    app.connect("config-inited", configure_latex, priority=800)
    app.add_post_transform(AddHeadingDestinations)
    app.add_post_transform(AddFootnoteTexts)
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(PlaceBibliography)
    for node_class in HTML_ONLY:
        app.add_node(node_class, html=HTML_VISITORS[node_class])
    for node_class, html in HTML_VISITORS.items():
        if node_class in HTML_ONLY:
            continue
        app.add_node(
            node_class,
            html=html,
            latex=LATEX_VISITORS[node_class],
            text=PLAIN_VISITORS[node_class],
            man=PLAIN_VISITORS[node_class],
            texinfo=PLAIN_VISITORS[node_class],
        )
