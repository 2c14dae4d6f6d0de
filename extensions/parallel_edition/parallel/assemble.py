"""Assemble the parallel text after reading: pair the cells, check the pairing, number the
text's notes, and turn heading blocks into real sections."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..blocks import cells_of
from ..ids import cell_id
from ..nodes import note_label, note_ref, parallel_block, parallel_cell, parallel_notes
from ..text import plain_text
from ..warnings_ import EditionWarning, warn
from .domain import EditionDomain
from .registry import load_registry, registry_path

#: Suffix of a cell's id: ``hdh-term--fr``.  ``--`` cannot occur in an anchor.
CELL_SEPARATOR = "--"


class AssembleParallelText(SphinxTransform):
    """Turn the ``parallel_cell`` nodes of a document into aligned blocks and sections."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        cells = list(self.document.findall(parallel_cell))
        if not cells:
            return
        originals, translations = self.index_cells(cells)
        blocks = self.pair(originals, translations)
        for number, block in enumerate(blocks, 1):
            block["number"] = number
        self.number_notes(blocks)
        self.check_staleness(blocks)
        registered = self.record(blocks)
        containers = {id(b.parent): b.parent for b in blocks if b["kind"] == "heading"}
        for container in containers.values():
            self.sectionize(container)
        self.group_notes()
        domain: EditionDomain = self.env.domains["edition"]  # type: ignore[assignment]
        domain.note_blocks(self.env.docname, registered)

    def record(self, blocks: list[parallel_block]) -> dict[str, dict[str, Any]]:
        """What the edition publishes of each block; also gives renamed anchors their aliases."""
        path = registry_path(self.config)
        aliases = load_registry(path) if path else None
        if path is not None:
            self.env.note_dependency(str(path))
        registered: dict[str, dict[str, Any]] = {}
        for block in blocks:
            anchor = block["anchor"]
            if not anchor:
                continue
            cells = cells_of(block)
            texts = {cell["role"]: plain_text(cell) for cell in cells}
            original = cells[0] if cells else None
            registered[anchor] = {
                "line": block.line,
                "kind": block["kind"],
                "number": block["number"],
                "original": texts.get("original", ""),
                "translation": texts.get("translation", ""),
                "hash": original.get("source_hash", "") if original is not None else "",
            }
            for old in aliases.aliases_of(anchor) if aliases else []:
                if old not in self.document.ids:
                    block["ids"].append(old)
                    self.document.ids[old] = block
        return registered

    def check_staleness(self, blocks: list[parallel_block]) -> None:
        for block in blocks:
            cells = list(block.findall(parallel_cell))
            if len(cells) != 2 or not block["anchor"]:
                continue
            original, translation = cells
            source, recorded = original["source_hash"], translation["recorded_hash"]
            if not recorded:
                warn(
                    EditionWarning.UNHASHED_TRANSLATION,
                    f"translation {block['anchor']!r} does not say which original it translates: "
                    f"add `:source-hash: {source}` under its directive line.",
                    translation,
                )
            elif recorded != source:
                warn(
                    EditionWarning.STALE_TRANSLATION,
                    f"translation {block['anchor']!r} is stale: it translates an original that hashed "
                    f"{recorded}, but the {original['lang']} text now hashes {source}. Check the "
                    f"translation against the new original, then set `:source-hash: {source}`.",
                    translation,
                )

    # -- pairing ---------------------------------------------------------------------

    def index_cells(self, cells: list[parallel_cell]) -> tuple[dict[str, parallel_cell], dict[str, parallel_cell]]:
        originals: dict[str, parallel_cell] = {}
        translations: dict[str, parallel_cell] = {}
        for cell in cells:
            table = originals if cell["role"] == "original" else translations
            anchor = cell["anchor"]
            if anchor in table:
                warn(
                    EditionWarning.DUPLICATE_ANCHOR,
                    f"anchor {anchor!r} is used by two {cell['role']} blocks (the first at line "
                    f"{table[anchor].line}); give each block its own anchor.",
                    cell,
                )
                # Keep the text visible rather than lose it: render it as a lone block.
                cell["anchor"] = ""
                table[f"{anchor}{CELL_SEPARATOR}{cell.line}"] = cell
                continue
            table[anchor] = cell
        return originals, translations

    def pair(self, originals: dict[str, parallel_cell], translations: dict[str, parallel_cell]) -> list[parallel_block]:
        blocks: list[parallel_block] = []
        for key, original in originals.items():
            translation = translations.pop(key, None)
            if translation is None and original["anchor"]:
                warn(
                    EditionWarning.MISSING_TRANSLATION,
                    f"block {key!r} ({original['lang']}) has no translation: add a "
                    f"{{{self.config.edition_translation_lang}}} block with the anchor {key!r} after it.",
                    original,
                )
            blocks.append(self.make_block(original, translation))
        for key, translation in translations.items():
            if translation["anchor"]:
                warn(
                    EditionWarning.MISSING_ORIGINAL,
                    f"block {key!r} ({translation['lang']}) translates nothing: no "
                    f"{{{self.config.edition_original_lang}}} block has the anchor {key!r}. "
                    "Fix the anchor, or remove the block.",
                    translation,
                )
            blocks.append(self.make_block(None, translation))
        return blocks

    def take_id(self, anchor: str, other: nodes.Element, block: parallel_block) -> None:
        """The page already has an element with the id *anchor* (a plain heading, a target):
        the block keeps its anchor, its published address, and the other element gets another id
        (two elements with one id would send every citation of the block to the wrong place)."""
        what = "heading" if isinstance(other, nodes.section) else f"{other.tagname} element"
        where = f" at line {other.line}" if other.line else ""
        if isinstance(other, nodes.section) and other.children and other[0].line:
            where = f" at line {other[0].line}"
        warn(
            EditionWarning.DUPLICATE_ANCHOR,
            f"anchor {anchor!r} is already the id of a {what}{where} of this page; the block keeps it, the "
            f"{what} gets another id. Give the {what} another name, or the block another anchor.",
            (self.env.docname, block.line),
        )
        other["ids"].remove(anchor)
        del self.document.ids[anchor]
        if not other["ids"]:
            names, other["names"] = other["names"], []
            self.document.set_id(other)
            other["names"] = names

    def make_block(self, original: parallel_cell | None, translation: parallel_cell | None) -> parallel_block:
        first = original if original is not None else translation
        assert first is not None
        anchor = first["anchor"]
        kind = self.kind_of(original) if original is not None else "paragraph"
        block = parallel_block(anchor=anchor, kind=kind, classes=["ed-pair", f"ed-{kind}"])
        if original is not None:
            block["level"] = original["heading"]
        block.source, block.line = first.source, first.line
        if anchor:
            other = self.document.ids.get(anchor)
            if other is not None and other is not block:
                self.take_id(anchor, other, block)
            block["ids"].append(anchor)
            self.document.ids[anchor] = block
        first.parent.replace(first, block)  # not replace_self: it would copy the ids
        for cell in (original, translation):
            if cell is None:
                continue
            if cell is translation and original is not None:
                cell.parent.remove(cell)
            cell["edition_lang"] = cell["lang"]
            cell["classes"] += ["ed-cell", f"ed-{cell['role']}"]
            if anchor:
                cell["ids"].append(cell_id(anchor, cell["lang"]))
            block += cell
        return block

    def kind_of(self, original: parallel_cell) -> str:
        if original["heading"]:
            return "heading"
        if original["note"]:
            return "note"
        if len(original.children) == 1 and isinstance(original[0], (nodes.bullet_list, nodes.enumerated_list)):
            return "list"
        return "paragraph"

    # -- notes -----------------------------------------------------------------------

    def number_notes(self, blocks: list[parallel_block]) -> None:
        notes: dict[str, parallel_block] = {}
        for block in blocks:
            if block["kind"] == "note" and block["anchor"]:
                block["note_number"] = len(notes) + 1
                notes[block["anchor"]] = block
        calls: dict[tuple[str, str], list[note_ref]] = {}
        for ref in self.document.findall(note_ref):
            lang = self.lang_of(ref)
            note = notes.get(ref["target"])
            if note is None or lang is None:
                where = "no note block of this document" if lang else "a note, but stands outside the parallel text"
                warn(
                    EditionWarning.UNKNOWN_NOTE,
                    f"note call {ref['target']!r} names {where}: call notes from inside a block, "
                    "and give the note block ':note:' and this anchor.",
                    ref,
                )
                ref["number"] = 0
                ref.append(nodes.Text("[?]"))
                continue
            ref_calls = calls.setdefault((ref["target"], lang), [])
            ref["lang"], ref["number"] = lang, note["note_number"]
            ref["refid"] = cell_id(note["anchor"], lang)
            ref["ids"].append(f"{ref['refid']}-call{len(ref_calls) + 1}")
            ref["classes"].append("ed-noteref")
            ref.append(nodes.Text(f"[{note['note_number']}]"))
            ref_calls.append(ref)
        for anchor, note in notes.items():
            for cell in note.findall(parallel_cell):
                refs = calls.get((anchor, cell["lang"]), [])
                if not refs:
                    warn(
                        EditionWarning.UNCITED_NOTE,
                        f"note {anchor!r} is never called in the {cell['lang']} text: "
                        f"add {{noteref}}`{anchor}` where its number belongs.",
                        cell,
                    )
                label = note_label("", f"[{note['note_number']}]", classes=["ed-note-label"])
                label["number"] = note["note_number"]
                label["refid"] = refs[0]["ids"][0] if refs else ""
                cell["backrefs"] = [r["ids"][0] for r in refs]
                first = cell.children[0] if cell.children else None
                if isinstance(first, nodes.TextElement):
                    first.insert(0, label)
                else:
                    cell.insert(0, label)
        self.check_note_alignment(blocks)

    def check_note_alignment(self, blocks: list[parallel_block]) -> None:
        for block in blocks:
            cells = list(block.findall(parallel_cell))
            if len(cells) != 2:
                continue
            original, translation = cells
            called = [[r["target"] for r in cell.findall(note_ref)] for cell in cells]
            if called[0] != called[1]:
                warn(
                    EditionWarning.NOTE_MISMATCH,
                    f"block {block['anchor']!r}: the {original['lang']} text calls notes {called[0]} "
                    f"but the {translation['lang']} text calls {called[1]}; call the same notes in the same order.",
                    translation,
                )

    @staticmethod
    def lang_of(node: nodes.Node) -> str | None:
        parent = node.parent
        while parent is not None:
            if isinstance(parent, parallel_cell):
                return parent["lang"]
            parent = parent.parent
        return None

    # -- headings and notes sections -------------------------------------------------

    def sectionize(self, container: nodes.Element) -> None:
        """Heading blocks become sections holding what follows them, nested by level."""
        children = list(container.children)
        container.clear()
        stack: list[tuple[int, nodes.Element]] = [(0, container)]
        for child in children:
            if isinstance(child, parallel_block) and child["kind"] == "heading":
                level = child["level"]
                while stack[-1][0] >= level:
                    stack.pop()
                section = self.heading_section(child)
                stack[-1][1].append(section)
                stack.append((level, section))
            else:
                stack[-1][1].append(child)

    def heading_section(self, block: parallel_block) -> nodes.section:
        section = nodes.section(
            "",
            ids=list(block["ids"]),
            classes=["ed-section"],
            edition_anchor=block["anchor"],
            edition_number=block["number"],
        )
        section.source, section.line = block.source, block.line
        title = nodes.title("", "", classes=["ed-heading"])
        title.source, title.line = block.source, block.line
        for index, cell in enumerate(block.findall(parallel_cell)):
            if index:
                title += nodes.inline("", " / ", classes=["ed-sep"])
            paragraphs = [c for c in cell.children if not isinstance(c, nodes.system_message)]
            if len(paragraphs) != 1 or not isinstance(paragraphs[0], nodes.paragraph):
                warn(
                    EditionWarning.BAD_HEADING,
                    f"heading {block['anchor']!r} ({cell['lang']}) must be one line of text.",
                    cell,
                )
            inline = nodes.inline(
                "",
                "",
                *[grandchild.deepcopy() for p in paragraphs for grandchild in p.children],
                classes=[*cell["classes"], f"language-{cell['lang']}"],
                edition_lang=cell["lang"],
                # The cell's own id, as a paragraph's cell has: what the Web Annotation
                # export's selectors name.
                ids=[cell_id(block["anchor"], cell["lang"])] if block["anchor"] else [],
            )
            if cell.get("support_smartquotes") is False:
                inline["support_smartquotes"] = False
            title += inline
        section += title
        return section

    def group_notes(self) -> None:
        for block in list(self.document.findall(parallel_block)):
            if block["kind"] != "note" or isinstance(block.parent, parallel_notes):
                continue
            previous = block.previous_sibling() if block.parent is not None else None
            if isinstance(previous, parallel_notes):
                block.parent.remove(block)
                previous += block
            else:
                group = parallel_notes("", classes=["ed-notes"])
                group.source, group.line = block.source, block.line
                block.parent.replace(block, group)
                group += block


def drop_cell_ids_from_toc(app: Sphinx, doctree: nodes.document) -> None:
    """The table of contents copies each heading's title, its cells' ids too: the copies must
    not hold them (an id names one element of a page)."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is None:
        return
    for inline in toc.findall(nodes.inline):
        if inline.get("edition_lang"):
            inline["ids"] = []


def setup_transforms(app: Sphinx) -> None:
    app.add_transform(AssembleParallelText)
    # After Sphinx's table-of-contents collector (priority 500) has copied the titles.
    app.connect("doctree-read", drop_cell_ids_from_toc, priority=900)
