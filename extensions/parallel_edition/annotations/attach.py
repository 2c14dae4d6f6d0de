"""Attach the stand-off annotations to the text of each document.

At ``doctree-read``, after the table of contents was collected: for each annotation of the
document, find its quote in the target block (exact match on NFC text, with prefix/suffix to
settle repeats), give it its letter, and add the note, with its parsed body, to the block's
annotation list; the passages found are kept on the note. When the document is written
(``AddAnnotationMarks``), the passages are highlighted and a lettered marker goes after each,
in both columns: the doctrees Sphinx holds between reading and writing stay smaller.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..blocks import Block, iter_blocks
from ..ids import annotation_id, marker_id
from ..nodes import (
    annotation,
    annotation_list,
)
from .bodies import check_citations, cited_keys, plain, render_bodies
from .files import fingerprint
from .model import KINDS, Annotation, AnnotationSet, annotations_dir
from .selectors import locate

NOT_FOUND = 10**9  # block-level notes come after the quoted ones of their block


@dataclass
class Placement:
    note: Annotation
    target: Block
    spans: dict[str, tuple[int, int, str] | None]  # role -> span in that cell's text, and its text

    def order(self) -> tuple[int, int, str]:
        span = self.spans.get("original")
        return (self.target.number, span[0] if span else NOT_FOUND, self.note.id)


def letter(index: int) -> str:
    """a, b, …, z, aa, ab, …"""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def build_note(
    note: Annotation, letter_: str, body: list[nodes.Node], passages: tuple[tuple[str, str, int, int, str], ...]
) -> annotation:
    """The note with its body, and its *passages*: for each column of its block, (role, lang,
    start, end, text) of the quoted passage, or (role, lang, -1, -1, "") when it has none (the
    marker then goes at the end). Its head and byline, the highlights and the markers are added
    when it is written (``AddAnnotationHeads``, ``AddAnnotationMarks``), which keeps the
    doctrees held between reading and writing small."""
    markers = {role: marker_id(note.id, lang) for role, lang, *_ in passages}
    node = annotation(
        "",
        annotation_id=note.id,
        kind=note.kind,
        kind_label=KINDS[note.kind],
        letter=letter_,
        authors=list(note.authors),
        date=note.date,
        target=note.target,
        source_file=Path(note.path).name,
        marker_id=markers.get("original", ""),
        passages=passages,
        ids=[annotation_id(note.id)],
        classes=["ed-annotation", f"ed-kind-{note.kind}"],
    )
    node += body
    node.source, node.line = note.path, note.body_line
    return node


def attach_annotations(app: Sphinx, doctree: nodes.document, found: AnnotationSet) -> None:
    """The annotations of this build (*found*, read once when it started) whose targets are
    blocks of *doctree*: located, rendered and placed in their blocks."""
    env = app.env
    domain = env.domains["edition"]
    folder = annotations_dir(app.config)
    domain.note_annotations(env.docname, [], {})  # type: ignore[attr-defined]
    if folder is None:
        return
    targets = {block.anchor: block for block in iter_blocks(doctree)}
    notes = found.for_targets(set(targets))
    if not notes:
        return
    # No env.note_dependency() for the files: the collector (``get_outdated_docs``) follows them (also
    # when one is added, or moves to another block), and thousands of paths in the
    # environment would only weigh on every build.
    placements = []
    for note in notes:
        target = targets[note.target]
        spans = {
            "original": locate(note, target, "original", "quote"),
            "translation": locate(note, target, "translation", "translation_quote"),
        }
        placements.append(Placement(note, target, spans))
    placements.sort(key=Placement.order)
    records = []
    lists: dict[str, annotation_list] = {}
    bodies = render_bodies([p.note for p in placements], doctree, env)
    shown = [(placement, bodies.get(placement.note.id)) for placement in placements]
    # Letters go to the notes shown, in reading order: a refused note leaves no gap.
    for index, (placement, body) in enumerate((p, b) for p, b in shown if b is not None):
        note, target = placement.note, placement.target
        check_citations(body, note, env)
        letter_ = letter(index)
        passages = []
        for role in target.cells:
            span = placement.spans.get(role) or (-1, -1, "")
            passages.append((role, target.lang(role), *span))
        if target.anchor not in lists:
            lists[target.anchor] = annotation_list("", anchor=target.anchor, classes=["ed-annotations"])
            target.place(lists[target.anchor])
        lists[target.anchor] += build_note(note, letter_, body, tuple(passages))
        records.append(
            {
                "id": note.id,
                "target": note.target,
                "kind": note.kind,
                "letter": letter_,
                # Tuples and flat dicts: once the garbage collector has seen them, these
                # records (one per annotation, kept in the environment) cost it nothing more.
                "authors": tuple(note.authors),
                "date": note.date,
                "quote": note.quote,
                "translation_quote": note.translation_quote,
                "text": plain(body),
                "number": target.number,
                "cites": tuple(cited_keys(body)),
            }
        )
    domain.note_annotations(  # type: ignore[attr-defined]
        env.docname, records, {note.path: file_stamp(domain, note) for note in notes}
    )


def file_stamp(domain: Any, note: Annotation) -> str:
    """The fingerprint of the note's file as this build read it."""
    found = domain.annotation_cache.get(note.path)
    return found[0] if found else fingerprint(note.path)
