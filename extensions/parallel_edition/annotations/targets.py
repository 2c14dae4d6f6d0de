"""The blocks an annotation can target, paragraphs and headings alike (see :mod:`..blocks`)."""

from __future__ import annotations

from docutils import nodes

from ..blocks import Block, block_of, iter_blocks

#: Where a block's annotations go: its text cells and its container.
Target = Block


def targets_of(doctree: nodes.document) -> dict[str, Block]:
    return {block.anchor: block for block in iter_blocks(doctree)}


def cells_in(container: nodes.Element) -> dict[str, nodes.Element]:
    """role -> text cell of a block (a ``parallel_block``'s cells, or a heading's inlines)."""
    block = block_of(container)
    return block.cells if block is not None else {}
