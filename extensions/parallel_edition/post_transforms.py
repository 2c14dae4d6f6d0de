"""HTML-only reshaping, done late (after the table of contents was collected): each heading's
number as a permalink in both languages, and a "cite this" control. (The other blocks get
theirs from the HTML writer.)"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import block_number, cite_control


def number_node(anchor: str, number: int) -> block_number:
    """No text child: the writer shows the number, and search leaves it out of the title."""
    return block_number("", anchor=anchor, number=number, classes=["ed-num"])


class AddBlockApparatus(SphinxPostTransform):
    """A heading's number in both languages, and a cite control after the heading."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        # Blocks get theirs from the HTML writer (visit_parallel_cell); headings here.
        for section in list(self.document.findall(nodes.section)):
            anchor = section.get("edition_anchor")
            if not anchor:
                continue
            title = section[0]
            for cell in title.findall(nodes.inline):
                if cell.get("edition_lang"):
                    cell.insert(0, number_node(anchor, section["edition_number"]))
            section.insert(1, cite_control("", anchor=anchor, number=section["edition_number"], heading=True))


def setup_post_transforms(app: Sphinx) -> None:
    app.add_post_transform(AddBlockApparatus)
