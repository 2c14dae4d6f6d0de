"""Attach the stand-off annotations to the text of each document.

At ``doctree-read``, after the table of contents was collected: for each annotation of the
document, find its quote in the target block (exact match on NFC text, with prefix/suffix to
settle repeats), give it its letter, and add the note, with its parsed body, to the block's
annotation list; the passages found are kept on the note. When the document is written
(``AddAnnotationMarks``), the passages are highlighted and a lettered marker goes after each,
in both columns: the doctrees Sphinx holds between reading and writing stay smaller.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .annotations import (
    KINDS,
    Annotation,
    AnnotationSet,
    annotations_dir,
    fingerprint,
)
from .messages import EditionWarning, warn
from .nodes import (
    NO_SEARCH,
    annotation,
    annotation_list,
    annotation_mark,
    annotation_marker,
    note_label,
    note_ref,
    parallel_block,
)
from .sanitize import body_tokens, render_body, unsafe_nodes
from .transforms import cells_of

NOT_FOUND = 10**9  # block-level notes come after the quoted ones of their block


@dataclass
class Target:
    """Where a block's annotations go: its two text cells and its container."""

    anchor: str
    number: int
    container: nodes.Element  # parallel_block, or the heading's section
    cells: dict[str, nodes.Element] = field(default_factory=dict)  # role -> cell


@dataclass
class Placement:
    note: Annotation
    target: Target
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


# -- the text of a cell, and where each character comes from --------------------------------


def segments(cell: nodes.Element) -> tuple[str, list[tuple[nodes.Text, int, int, bool]]]:
    """The cell's text in NFC (paragraphs separated by a line break) and, for each Text node,
    its span in that text and whether it may be marked (not inside a note call or a marker).

    Each node's text is normalised on its own, so that every span is true for its node: a
    decomposed accent (e + U+0301) before a quote no longer shifts the highlight (see
    :func:`raw_index` for the way back into the node's own characters)."""
    parts: list[str] = []
    spans: list[tuple[nodes.Text, int, int, bool]] = []
    offset = 0

    def walk(node: nodes.Node, markable: bool) -> None:
        nonlocal offset
        if isinstance(node, (note_label, annotation_marker)):
            return
        if isinstance(node, nodes.Text):
            text = unicodedata.normalize("NFC", str(node))
            spans.append((node, offset, offset + len(text), markable))
            parts.append(text)
            offset += len(text)
            return
        if isinstance(node, nodes.paragraph) and parts:
            parts.append("\n")
            offset += 1
        for child in list(node.children) if isinstance(node, nodes.Element) else []:
            walk(child, markable and not isinstance(child, note_ref))

    walk(cell, True)
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


#: Sphinx's smart quotes change a translation's quotes in some builders and not in others
#: (not in text and man); quotes in a translation are matched whatever their shape. The
#: original is never touched by smart quotes, and is matched exactly.
QUOTE_SHAPES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def normal(text: str, fold_quotes: bool) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.translate(QUOTE_SHAPES) if fold_quotes else text


def find_quote(text: str, quote: dict[str, str], fold_quotes: bool = False) -> list[int]:
    text = normal(text, fold_quotes)
    exact, prefix, suffix = (normal(quote.get(key, ""), fold_quotes) for key in ("exact", "prefix", "suffix"))
    starts = []
    start = text.find(exact)
    while start != -1:
        if text[:start].endswith(prefix) and text[start + len(exact) :].startswith(suffix):
            starts.append(start)
        start = text.find(exact, start + 1)
    return starts


#: Longer quotes get no hint: comparing every window of the block with them costs seconds.
HINT_LIMIT = 200


def closest_passage(text: str, exact: str) -> str:
    """The passage of *text* most like *exact*, for a typo hint."""
    size = len(exact)
    if not text or size == 0 or size > HINT_LIMIT:
        return ""
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for start in range(max(1, len(text) - size + 1)):
        window = text[start : start + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best


def locate(note: Annotation, target: Target, role: str, field_name: str) -> tuple[int, int, str] | None:
    """Where the note's *field_name* quote is in the *role* cell's text: start, end, and the
    text found there (in the translation, quotes may differ in shape); None if nowhere or
    more than once (with a warning)."""
    quote = getattr(note, field_name)
    cell = target.cells.get(role)
    if quote is None or cell is None:
        return None
    text, _ = segments(cell)
    starts = find_quote(text, quote, fold_quotes=role == "translation")
    location = f"{note.path}:{note.line(field_name)}"
    exact = unicodedata.normalize("NFC", quote["exact"])
    if not starts:
        hint = closest_passage(text, exact)
        warn(
            EditionWarning.QUOTE_NOT_FOUND,
            f"annotation {note.id!r}: {field_name} {quote['exact']!r} is not in block {target.anchor!r} "
            f"({cell.get('edition_lang') or cell.get('lang')}); "
            + (f"the closest passage is {hint!r}. " if hint else "")
            + "Copy the "
            "passage exactly (quotes, apostrophes and no-break spaces included), or leave the quote out "
            "to annotate the whole block.",
            location,
        )
        return None
    if len(starts) > 1:
        warn(
            EditionWarning.AMBIGUOUS_QUOTE,
            f"annotation {note.id!r}: {field_name} {quote['exact']!r} occurs {len(starts)} times in block "
            f"{target.anchor!r}: add a 'prefix' (the words just before) or a 'suffix' to say which.",
            location,
        )
        return None
    return starts[0], starts[0] + len(exact), text[starts[0] : starts[0] + len(exact)]


# -- marking --------------------------------------------------------------------------------


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
        refid=f"ann--{note['annotation_id']}",
        ids=[marker_id(note["annotation_id"], lang)],
        classes=["ed-marker", NO_SEARCH],
    )
    if after is not None:
        after.parent.insert(after.parent.index(after) + 1, marker)
        return
    # Block-level: at the end of the cell's last paragraph (or of the heading).
    paragraphs = list(cell.findall(nodes.paragraph))
    (paragraphs[-1] if paragraphs else cell).append(marker)


def marker_id(annotation_id: str, lang: str) -> str:
    return f"ann--{annotation_id}--{lang}"


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
            cells = cells_in(container) if container is not None else {}
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


def nearest(text: str, exact: str, start: int) -> tuple[int, int] | None:
    """The occurrence of *exact* in *text* closest to *start*, or None."""
    found = []
    position = text.find(exact)
    while position != -1:
        found.append(position)
        position = text.find(exact, position + 1)
    if not found:
        return None
    best = min(found, key=lambda position: abs(position - start))
    return best, best + len(exact)


# -- the note itself ----------------------------------------------------------------------------


def render_bodies(notes: list[Annotation], document: nodes.document, env: Any) -> dict[str, list[nodes.Node]]:
    """Each note's body as nodes of *document*.

    Each body is parsed on its own (:func:`.sanitize.body_tokens`), and only a body whose every
    token is on the allowlist is rendered, into a document of its own; notes whose bodies are
    refused never get here (``read_annotation`` refused them). The rendered nodes are checked
    once more (:func:`.sanitize.unsafe_nodes`), and their ids are renamed into the edition's
    scheme (``ann--<id>--ref<n>``) and registered in the page, so that no note can take or
    clash with an id of the page or of another note."""
    bodies: dict[str, list[nodes.Node]] = {}
    for note in notes:
        tokens, md_env, findings = body_tokens(note.body)
        if findings:  # refused when the file was read; never rendered
            continue
        refs = cite_refs(env)
        first_ref = len(refs) if refs is not None else 0
        try:
            sub = render_body(tokens, md_env, note.path, document.settings)
        except Exception as error:  # a stranger's note must never end the build
            if refs is not None:
                del refs[first_ref:]
            warn(
                EditionWarning.UNSAFE_CONTENT,
                f"annotation {note.id!r} could not be rendered and is left out ({type(error).__name__}: "
                f"{str(error)[:120]}); check its citations and paragraph references.",
                f"{note.path}:{note.body_line}",
            )
            continue
        piece = nodes.Element()
        piece += sub.children
        for bad in unsafe_nodes(piece):
            warn(
                EditionWarning.UNSAFE_CONTENT,
                f"annotation {note.id!r}: {describe_node(bad)} is not allowed in annotations and was removed.",
                f"{note.path}:{note.body_line + max((getattr(bad, 'line', None) or 1) - 1, 0)}",
            )
            bad.parent.remove(bad)
        renamed = own_ids(piece, note, document)
        if refs is not None and renamed:
            refs[first_ref:] = [
                ref._replace(citation_ref_id=renamed.get(ref.citation_ref_id, ref.citation_ref_id))
                for ref in refs[first_ref:]
            ]
        relocate(piece, note, document)
        bodies[note.id] = list(piece.children)
    return bodies


def cite_refs(env: Any) -> list[Any] | None:
    """sphinxcontrib-bibtex's list of citation references, where it is loaded."""
    try:
        return env.domains["cite"].citation_refs
    except (KeyError, AttributeError):
        return None


def own_ids(piece: nodes.Element, note: Annotation, document: nodes.document) -> dict[str, str]:
    """Give every id in the note's nodes a name in the edition's scheme, register it in the
    page, and drop names (no note may create a reference target). Old id -> new id."""
    renamed: dict[str, str] = {}
    for node in piece.findall(nodes.Element):
        node["names"] = []
        node["dupnames"] = []
        ids = []
        for old in node["ids"]:
            new = renamed.setdefault(old, f"ann--{note.id}--ref{len(renamed) + 1}")
            if new in document.ids:
                warn(
                    EditionWarning.DUPLICATE_ANNOTATION,
                    f"annotation {note.id!r}: the id {new!r} is already used in the page; give the annotation "
                    "another id.",
                    f"{note.path}:{note.body_line}",
                )
                continue
            document.ids[new] = node
            ids.append(new)
        node["ids"] = ids
    return renamed


def relocate(piece: nodes.Element, note: Annotation, document: nodes.document) -> None:
    """Nodes parsed from a note's body: name its file and lines, and make them nodes of
    *document*. (Left pointing at the document they were parsed in, they would drag it, its
    settings and the whole build environment into the pickled doctree.)"""
    source = note.path
    for node in piece.findall():
        node.document = document
        if isinstance(node, nodes.Element):
            node.source = source
            node.line = note.body_line + max((node.line or 1) - 1, 0)


def describe_node(node: nodes.Node) -> str:
    if isinstance(node, nodes.system_message):
        return f"a markup error ({node.astext().strip()[:80]})"
    if isinstance(node, nodes.reference):
        return f"a link to {node.get('refuri', '')!r}"
    return f"a {node.__class__.__name__} element"


def check_citations(body: list[nodes.Node], note: Annotation, env: Any) -> None:
    """Unknown bibliography keys, reported on the annotation's own line."""
    try:
        domain = env.domains["cite"]
    except KeyError:  # sphinxcontrib-bibtex is not loaded: the cite roles are unknown anyway
        return
    known = domain.bibdata.data.entries
    for root in body:
        for xref in list(root.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "cite":
                continue
            keys = [k.strip() for k in xref["reftarget"].split(",") if k.strip()]
            unknown = [k for k in keys if k not in known]
            if not unknown:
                continue
            warn(
                EditionWarning.UNKNOWN_BIBKEY,
                f"annotation {note.id!r} cites {', '.join(map(repr, unknown))}, not in the bibliography: "
                "add the entry to a .bib file under bibliography/, or fix the key.",
                f"{note.path}:{xref.line or note.body_line}",
            )
            domain.data["citation_refs"] = [r for r in domain.citation_refs if r.citation_ref_id not in xref["ids"]]
            xref.parent.replace(xref, nodes.Text(xref.astext()))


def cited_keys(body: list[nodes.Node]) -> list[str]:
    keys: list[str] = []
    for root in body:
        for xref in root.findall(addnodes.pending_xref):
            if xref.get("refdomain") == "cite":
                keys += [k.strip() for k in xref["reftarget"].split(",") if k.strip() and k.strip() not in keys]
    return keys


def plain(body: list[nodes.Node]) -> str:
    """The body as plain text; citations as ``[key]``."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
            parts.append(f"[{node['reftarget']}]")
        elif isinstance(node, nodes.Text):
            parts.append(str(node))
        else:
            for child in node.children if isinstance(node, nodes.Element) else ():
                walk(child)
            if isinstance(node, nodes.paragraph):
                parts.append("\n\n")

    for root in body:
        walk(root)
    return "\n\n".join(" ".join(p.split()) for p in "".join(parts).split("\n\n") if p.strip())


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
        ids=[f"ann--{note.id}"],
        classes=["ed-annotation", f"ed-kind-{note.kind}"],
    )
    node += body
    node.source, node.line = note.path, note.body_line
    return node


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


# -- the event handler ---------------------------------------------------------------------------


def attach_annotations(app: Sphinx, doctree: nodes.document, found: AnnotationSet) -> None:
    """The annotations of this build (*found*, read once when it started) whose targets are
    blocks of *doctree*: located, rendered and placed in their blocks."""
    env = app.env
    domain = env.domains["edition"]
    folder = annotations_dir(app.config)
    domain.note_annotations(env.docname, [], {})  # type: ignore[attr-defined]
    if folder is None:
        return
    targets = targets_of(doctree)
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
        for role, cell in target.cells.items():
            span = placement.spans.get(role) or (-1, -1, "")
            passages.append((role, cell.get("lang") or cell.get("edition_lang"), *span))
        if target.anchor not in lists:
            lists[target.anchor] = annotation_list("", anchor=target.anchor, classes=["ed-annotations"])
            container = target.container
            if isinstance(container, nodes.section):
                container.insert(1, lists[target.anchor])
            else:
                container.append(lists[target.anchor])
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


def setup_annotations(app: Sphinx) -> None:
    from .collector import AnnotationCollector  # noqa: PLC0415 (it calls back into this module)

    app.add_post_transform(AddAnnotationMarks)
    app.add_post_transform(AddAnnotationHeads)
    app.add_env_collector(AnnotationCollector)
