"""The text of a cell, read one way for every use: the passages quoted by annotations are
matched and highlighted on it (:func:`segments`), and ``passages.json`` and the PDF's footnotes
export it (:func:`plain_text`).

One walk (:func:`pieces`): every Text node in order, skipping note labels and annotation
markers (apparatus, not text), with a line break between paragraphs and list items; a Text
node inside a note call is text but may not be marked. Matching works on NFC, node by node, so
that offsets stay true for each node (:func:`raw_index` maps them back); export keeps the
characters as they are. (A translation's ``:source-hash:`` is computed from the source lines
of its original, at parse time: :func:`..cite.text_hash`. Published hashes stay as they are.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from docutils import nodes

from .nodes import annotation_marker, note_label, note_ref

#: A line break between paragraphs and list items.
BREAK = "\n"


def pieces(cell: nodes.Element) -> Iterator[tuple[nodes.Text | None, bool]]:
    """(Text node, may it be marked), or (None, False) for a line break between paragraphs and
    list items. (Not a string: docutils' Text nodes are strings too.)"""
    seen_text = False
    at_break = True

    def walk(node: nodes.Node, markable: bool) -> Iterator[tuple[nodes.Text | None, bool]]:
        nonlocal seen_text, at_break
        if isinstance(node, (note_label, annotation_marker)):
            return
        if isinstance(node, nodes.Text):
            if str(node):
                seen_text, at_break = True, str(node).endswith(BREAK)
            yield node, markable
            return
        if isinstance(node, (nodes.paragraph, nodes.list_item)) and seen_text and not at_break:
            at_break = True
            yield None, False
        for child in list(node.children) if isinstance(node, nodes.Element) else []:
            yield from walk(child, markable and not isinstance(child, note_ref))

    yield from walk(cell, True)


def plain_text(cell: nodes.Element) -> str:
    """A cell's text as it stands (note calls as their text), for export."""
    if len(cell.children) == 1 and len(cell[0].children) == 1 and isinstance(cell[0], nodes.paragraph):
        only = cell[0][0]
        if isinstance(only, nodes.Text):  # one paragraph of plain text, as most blocks are
            return str(only).strip()
    return "".join(BREAK if piece is None else str(piece) for piece, _ in pieces(cell)).strip()


def segments(cell: nodes.Element) -> tuple[str, list[tuple[nodes.Text, int, int, bool]]]:
    """The cell's text in NFC and, for each Text node, its span in that text and whether it
    may be marked. Each node's text is normalised on its own, so that every span is true for
    its node: a decomposed accent (e + U+0301) before a quote does not shift a highlight."""
    parts: list[str] = []
    spans: list[tuple[nodes.Text, int, int, bool]] = []
    offset = 0
    for piece, markable in pieces(cell):
        text = BREAK if piece is None else unicodedata.normalize("NFC", str(piece))
        if piece is not None:
            spans.append((piece, offset, offset + len(text), markable))
        parts.append(text)
        offset += len(text)
    return "".join(parts), spans


def raw_index(raw: str, index: int) -> int:
    """The position in *raw* of position *index* of its NFC form: the first boundary between
    characters (never inside a base letter and its combining marks) where that much of the
    NFC text has been read."""
    if unicodedata.is_normalized("NFC", raw):
        return index
    for position in range(len(raw) + 1):
        at_boundary = position == len(raw) or not unicodedata.combining(raw[position])
        if at_boundary and len(unicodedata.normalize("NFC", raw[:position])) >= index:
            return position
    return len(raw)
