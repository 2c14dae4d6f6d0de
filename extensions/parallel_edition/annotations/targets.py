"""The blocks an annotation can target, paragraphs and headings alike, and their text cells
(a ``parallel_block``'s cells, or a heading's inlines)."""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

from ..nodes import (
    parallel_block,
)
from ..parallel.assemble import cells_of


@dataclass
class Target:
    """Where a block's annotations go: its two text cells and its container."""

    anchor: str
    number: int
    container: nodes.Element  # parallel_block, or the heading's section
    cells: dict[str, nodes.Element] = field(default_factory=dict)  # role -> cell


def targets_of(doctree: nodes.document) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for block in doctree.findall(parallel_block):
        if block["anchor"]:
            targets[block["anchor"]] = Target(block["anchor"], block["number"], block, cells_in(block))
    for section in doctree.findall(nodes.section):
        if section.get("edition_anchor"):
            anchor = section["edition_anchor"]
            targets[anchor] = Target(anchor, section["edition_number"], section, cells_in(section))
    return targets


def cells_in(container: nodes.Element) -> dict[str, nodes.Element]:
    """role -> text cell of a block: a ``parallel_block``'s cells, or a heading's inlines."""
    if isinstance(container, parallel_block):
        return {cell["role"]: cell for cell in cells_of(container)}
    cells: dict[str, nodes.Element] = {}
    if isinstance(container, nodes.section) and container.children:
        for inline in container[0].findall(nodes.inline):
            if inline.get("edition_lang"):
                cells["original" if "ed-original" in inline["classes"] else "translation"] = inline
    return cells
