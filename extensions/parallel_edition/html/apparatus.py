"""The HTML-only apparatus, added in one post-transform for HTML builders only, when a page is
written (so that the semantic doctree, and every other builder, never sees it): the reading
controls before the text (sections, view switch, kind filter, go to ¶), each block's number (a
permalink) in both languages, and one "cite" link per block, in the row's gutter."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..annotations.model import KINDS
from ..blocks import iter_blocks
from ..nodes import annotation, annotation_filter, block_number, cite_control, control_bar, parallel_block, view_switch
from ..text import plain_text


def number_node(anchor: str, number: int) -> block_number:
    """No text child: the writer shows the number, and search leaves it out of the title."""
    return block_number("", anchor=anchor, number=number, classes=["ed-num"])


class AddHtmlApparatus(SphinxPostTransform):
    """Numbers and cite controls for every block, headings included; the view switch and the
    kind filter before the first block."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        blocks = list(iter_blocks(self.document))
        sections = [
            (block.anchor, block.number, *(plain_text(cell).strip() for cell in block.cells.values()))
            for block in blocks
            if block.is_heading and len(block.cells) == 2
        ]
        for block in blocks:
            for cell in block.cells.values():
                cell.insert(0, number_node(block.anchor, block.number))
            # One per block, for the row (either language, or both): after the heading, or at
            # the end of the block.
            block.place(cite_control("", anchor=block.anchor, number=block.number))
        last = max((block.number for block in blocks), default=0)
        self.add_controls(sections, last)

    def add_controls(self, sections: list[tuple[Any, ...]], last: int) -> None:
        first = next(iter(self.document.findall(parallel_block)), None)
        if first is None or first.parent is None:
            return
        bar = control_bar("", sections=sections, last=last)
        bar.source, bar.line = first.source, first.line
        bar += view_switch("")
        kinds = {note["kind"] for note in self.document.findall(annotation)}
        if kinds:
            bar += annotation_filter("", kinds=[kind for kind in KINDS if kind in kinds])
        index = first.parent.index(first)
        first.parent.insert(index, bar)


def setup_post_transforms(app: Sphinx) -> None:
    app.add_post_transform(AddHtmlApparatus)
