"""One view of every block of the parallel text, paragraphs and headings alike.

A paragraph, list or note is a ``parallel_block`` holding its two ``parallel_cell`` children; a
heading becomes a section (so that the table of contents and the PDF's outline see it) whose
title holds one inline per language. Every feature that works on blocks (annotations, numbers,
cite controls, PDF destinations) goes through :func:`iter_blocks` and :class:`Block`, so that
there is one path for both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes

from .nodes import parallel_block, parallel_cell


@dataclass
class Block:
    anchor: str
    number: int
    container: nodes.Element  # the parallel_block, or the heading's section
    cells: dict[str, nodes.Element] = field(default_factory=dict)  # role ("original"…) -> cell

    @property
    def is_heading(self) -> bool:
        return isinstance(self.container, nodes.section)

    def lang(self, role: str) -> str:
        cell = self.cells[role]
        return str(cell.get("lang") or cell.get("edition_lang"))

    def place(self, node: nodes.Element) -> None:
        """Put *node* (the block's annotations, its cite control) right after the block's text:
        after a heading's title, or at the end of a block."""
        if self.is_heading:
            self.container.insert(1, node)
        else:
            self.container.append(node)


def cells_of(block: parallel_block) -> list[parallel_cell]:
    """A ``parallel_block``'s cells, original first (they are its children)."""
    return [child for child in block.children if isinstance(child, parallel_cell)]


def block_of(container: nodes.Element) -> Block | None:
    """The block *container* is (a ``parallel_block`` or a heading's section), if any."""
    if isinstance(container, parallel_block):
        if not container["anchor"]:
            return None
        cells: dict[str, nodes.Element] = {cell["role"]: cell for cell in cells_of(container)}
        return Block(container["anchor"], container["number"], container, cells)
    if isinstance(container, nodes.section) and container.get("edition_anchor") and container.children:
        cells = {}
        for inline in container[0].findall(nodes.inline):
            if inline.get("edition_lang"):
                cells["original" if "ed-original" in inline["classes"] else "translation"] = inline
        return Block(container["edition_anchor"], container["edition_number"], container, cells)
    return None


def iter_blocks(document: nodes.Node) -> Iterator[Block]:
    """Every anchored block of *document*, headings included, in document order."""
    for node in document.findall(lambda n: isinstance(n, (parallel_block, nodes.section))):
        block = block_of(node)  # type: ignore[arg-type]
        if block is not None:
            yield block
