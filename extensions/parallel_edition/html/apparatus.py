"""The HTML-only apparatus, added in one post-transform for HTML builders only, when a page is
written (so that the semantic doctree, and every other builder, never sees it): the reading
controls before the text (sections, view switch, kind filter, go to ¶), and each heading's number
(a permalink) in both languages and its "cite" link, in the row's gutter (those of the other
blocks are written by the HTML writer)."""

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
    """Numbers and cite controls for the headings; the view switch and the kind filter before
    the first block. (A paragraph's number and cite link are written by the HTML writer from
    the block's own attributes, ``html.visitors``: as nodes they made a large page's doctree a
    seventh larger for every transform that walks it after this one, and for the writer.)"""

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
            if not block.is_heading:
                continue  # the HTML writer writes a paragraph's number and cite link itself
            for cell in block.cells.values():
                cell.insert(0, number_node(block.anchor, block.number))
            # One per block, for the row (either language, or both): after the heading.
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
