"""Highlights and markers (in both columns) and each note's head and byline, added when a page
is written, from the passages found when it was read."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..blocks import block_of
from ..ids import annotation_id, marker_id
from ..nodes import (
    NO_SEARCH,
    annotation,
    annotation_mark,
    annotation_marker,
)
from ..text import raw_index, segments
from .selectors import nearest


def mark(
    cell: nodes.Element,
    span: tuple[int, int],
    note: annotation,
    lang: str,
    spans: list[tuple[nodes.Text, int, int, bool]],
) -> nodes.Element | None:
    """Wrap the text in *span* in ``annotation_mark`` nodes; return the last one. *spans*:
    the cell's ``segments``."""
    start, end = span
    last = None
    for text_node, node_start, node_end, markable in spans:
        if not markable or node_end <= start or node_start >= end:
            continue
        text = str(text_node)
        cut_start = raw_index(text, max(start, node_start) - node_start)
        cut_end = raw_index(text, min(end, node_end) - node_start)
        parent = text_node.parent
        pieces: list[nodes.Node] = []
        if cut_start:
            pieces.append(nodes.Text(text[:cut_start]))
        last = annotation_mark(
            "",
            text[cut_start:cut_end],
            annotation_id=note["annotation_id"],
            kind=note["kind"],
            lang=lang,
            classes=["ed-mark"],
        )
        pieces.append(last)
        if cut_end < len(text):
            pieces.append(nodes.Text(text[cut_end:]))
        index = parent.index(text_node)
        parent[index : index + 1] = pieces
    return last


def add_marker(cell: nodes.Element, after: nodes.Element | None, note: annotation, lang: str) -> None:
    marker = annotation_marker(
        "",
        f"[{note['letter']}]",
        annotation_id=note["annotation_id"],
        letter=note["letter"],
        kind=note["kind"],
        lang=lang,
        refid=annotation_id(note["annotation_id"]),
        ids=[marker_id(note["annotation_id"], lang)],
        classes=["ed-marker", NO_SEARCH],
    )
    if after is not None:
        after.parent.insert(after.parent.index(after) + 1, marker)
        return
    # Block-level: at the end of the cell's last paragraph (or of the heading).
    paragraphs = list(cell.findall(nodes.paragraph))
    (paragraphs[-1] if paragraphs else cell).append(marker)


class AddAnnotationMarks(SphinxPostTransform):
    """The notes' passages highlighted and their markers, in both columns, added when the
    document is written, from what ``attach_annotations`` found when reading it: in the order
    the notes were found, so that marks in the same cell come out as if made at once.

    Each note marks the block it sits in (not "the block with its target anchor": a merged
    doctree, for LaTeX or singlehtml, may hold a page twice). It runs first of all
    post-transforms, so the text is the one read; should another extension's post-transform
    have changed it even so, the passage is looked for again near where it was."""

    default_priority = 0

    def run(self, **kwargs: Any) -> None:
        for note in list(self.document.findall(annotation)):
            container = note.parent.parent if note.parent is not None else None
            block = block_of(container) if container is not None else None
            cells = block.cells if block is not None else {}
            for role, lang, start, end, exact in note["passages"]:
                cell = cells.get(role)
                if cell is None:
                    continue
                last = None
                if start >= 0:
                    text, spans = segments(cell)
                    span = (start, end) if text[start:end] == exact else nearest(text, exact, start)
                    last = mark(cell, span, note, lang, spans) if span else None
                add_marker(cell, last, note, lang)


class AddAnnotationHeads(SphinxPostTransform):
    """Each note's head (its letter, a link back to its marker, and its kind) and byline."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(annotation):
            letter_ = node["letter"]
            head = nodes.paragraph("", "", classes=["ed-ann-head"])
            back = nodes.reference("", f"[{letter_}]", refid=node["marker_id"], classes=["ed-ann-letter", NO_SEARCH])
            head += [back, nodes.Text(" "), nodes.inline("", node["kind_label"], classes=["ed-ann-kind"])]
            byline = f"— {', '.join(node['authors'])}, {node['date']}"
            node.insert(0, head)
            node.append(nodes.paragraph("", byline, classes=["ed-ann-by"]))
