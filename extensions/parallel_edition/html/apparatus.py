"""The HTML-only apparatus, added in one post-transform for HTML builders only, when a page is
written (so that the semantic doctree, and every other builder, never sees it): the view switch
and the kind filter before the text, each block's number (a permalink) in both languages, and a
"cite this" control in the original."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..annotations.model import KINDS
from ..blocks import iter_blocks
from ..nodes import annotation, annotation_filter, block_number, cite_control, parallel_block, view_switch


def number_node(anchor: str, number: int) -> block_number:
    """No text child: the writer shows the number, and search leaves it out of the title."""
    return block_number("", anchor=anchor, number=number, classes=["ed-num"])


class AddHtmlApparatus(SphinxPostTransform):
    """Numbers and cite controls for every block, headings included; the view switch and the
    kind filter before the first block."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for block in list(iter_blocks(self.document)):
            for cell in block.cells.values():
                cell.insert(0, number_node(block.anchor, block.number))
            cite = cite_control("", anchor=block.anchor, number=block.number)
            if block.is_heading:
                cite["heading"] = True
            if block.is_heading:
                block.place(cite)  # after the heading
            elif "original" in block.cells:
                block.cells["original"].insert(1, cite)  # after the original's number
        self.add_switch_and_filter()

    def add_switch_and_filter(self) -> None:
        first = next(iter(self.document.findall(parallel_block)), None)
        if first is None or first.parent is None:
            return
        switch = view_switch("")
        switch.source, switch.line = first.source, first.line
        index = first.parent.index(first)
        controls: list[nodes.Node] = [switch]
        kinds = {note["kind"] for note in self.document.findall(annotation)}
        if kinds:
            controls.append(annotation_filter("", kinds=[kind for kind in KINDS if kind in kinds]))
        first.parent[index:index] = controls


def setup_post_transforms(app: Sphinx) -> None:
    app.add_post_transform(AddHtmlApparatus)
