"""Visitors for every builder: HTML from :mod:`.html`, and for LaTeX, text, man and
texinfo a reading in order (original, then translation) that keeps the anchors."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .html import HTML_VISITORS
from .latex import LATEX_OVERRIDES, AddHeadingDestinations, configure_latex
from .nodes import (
    annotation,
    annotation_filter,
    annotation_list,
    annotation_mark,
    annotation_marker,
    block_number,
    cite_control,
    note_label,
    note_ref,
    parallel_block,
    parallel_cell,
    parallel_notes,
    view_switch,
)


def pass_through(self: Any, node: nodes.Node) -> None:
    """Render the children; the node itself adds nothing."""


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


PLAIN_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    parallel_block: (pass_through, pass_through),
    parallel_cell: (pass_through, pass_through),
    parallel_notes: (pass_through, pass_through),
    note_ref: (pass_through, pass_through),
    note_label: (pass_through, pass_through),
    view_switch: (skip, None),
    # Added for HTML only; should another builder meet them, they show nothing.
    block_number: (skip, None),
    cite_control: (skip, None),
    # Annotations: after their block, markers as "[a]".
    annotation_list: (pass_through, pass_through),
    annotation: (pass_through, pass_through),
    annotation_mark: (pass_through, pass_through),
    annotation_marker: (pass_through, pass_through),
    annotation_filter: (skip, None),
}

LATEX_VISITORS = PLAIN_VISITORS | LATEX_OVERRIDES


def setup_nodes(app: Sphinx) -> None:
    app.connect("config-inited", configure_latex, priority=800)
    app.add_post_transform(AddHeadingDestinations)
    for node_class, html in HTML_VISITORS.items():
        app.add_node(
            node_class,
            html=html,
            latex=LATEX_VISITORS[node_class],
            text=PLAIN_VISITORS[node_class],
            man=PLAIN_VISITORS[node_class],
            texinfo=PLAIN_VISITORS[node_class],
        )
