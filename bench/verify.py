"""What every tool in the benchmark must have made, checked in its output: each block's French
and its English (whitespace aside: pandoc wraps lines), each note beside its passage with its
citation resolved, and the bibliography. The benchmark times nothing that fails these checks.

Each ``check_*`` function returns the problems it found (an empty list when the output is right),
at most a few per kind, so that a broken build reads as a short list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import generate
from bs4 import BeautifulSoup, Tag

Row = tuple[str, str, str, str | None]


def expected(blocks: int, per_doc: int) -> Iterator[tuple[str, list[Row]]]:
    """(docname, [(anchor, french, english, the note's source key or None)]) of a size."""
    count = 0
    for docname, _, rows in generate.texts(blocks, per_doc):
        noted, count = generate.notes(rows, count)
        yield docname, noted


def words(text: str) -> str:
    return " ".join(text.split())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class Problems(list[str]):
    def add(self, message: str) -> None:
        if len(self) < 20:
            self.append(message)


def resolved(text: str, key: str) -> bool:
    """A citation of source *key* (``srcNN``) rendered, not left as markup: by its author and
    year (mystmd, pandoc) or by sphinxcontrib-bibtex's label (author and year: Institution024)."""
    number = int(key[3:])
    rendered = f"Institution {number}" in text or f"Institution{number}24" in text
    return rendered and "cite:p" not in text and "[@" not in text


def sources(page: BeautifulSoup) -> str:
    return words(page.get_text(" "))


def check_bibliography(text: str, keys: set[str], where: str, problems: Problems) -> None:
    for key in sorted(keys):
        if not re.search(rf"Source {int(key[3:])}\b", text):
            problems.add(f"{where}: the bibliography does not list {key}")


def check_edition(out: Path, blocks: int, per_doc: int = generate.BLOCKS_PER_DOC) -> list[str]:
    """The Sphinx edition: each block's two cells (their numbers, markers and cite controls
    aside), each annotation in the block's apparatus, and the bibliography page."""
    problems = Problems()
    cited: set[str] = set()
    for docname, rows in expected(blocks, per_doc):
        page = soup(out / f"{docname}.html")
        for node in page.select(".ed-cell a[data-ed-apparatus], .ed-cell details[data-ed-apparatus]"):
            node.decompose()
        ids = {tag["id"]: tag for tag in page.find_all(id=True)}  # one pass, not one search a block
        for anchor, fr, en, key in rows:
            block = ids.get(anchor)
            cells = [ids.get(f"{anchor}--{lang}") for lang in ("fr", "en")]
            if not isinstance(block, Tag) or not all(isinstance(cell, Tag) for cell in cells):
                problems.add(f"{docname}: block {anchor} is missing")
                continue
            for cell, text in zip(cells, (fr, en), strict=True):
                if words(cell.get_text()) != words(text):
                    problems.add(f"{docname}: {cell['id']} reads {words(cell.get_text())[:60]!r}")
            if key:
                cited.add(key)
                note = ids.get(f"ann--n{int(anchor[1:]):05d}")
                text = words(note.get_text(" ")) if isinstance(note, Tag) else ""
                if generate.note_text(anchor) not in text or not resolved(text, key):
                    problems.add(f"{docname}: the note on {anchor} is missing or its citation unresolved")
    check_bibliography(sources(soup(out / "bibliography.html")), cited, "bibliography.html", problems)
    return problems


def check_baseline(out: Path, blocks: int, per_doc: int = generate.BLOCKS_PER_DOC) -> list[str]:
    """Plain Sphinx: the French, the English and the note, as paragraphs in that order."""
    problems = Problems()
    cited: set[str] = set()
    for docname, rows in expected(blocks, per_doc):
        paragraphs = [words(p.get_text()) for p in soup(out / f"{docname}.html").select('[role="main"] p')]
        position = {text: i for i, text in enumerate(paragraphs)}
        for anchor, fr, en, key in rows:
            at = position.get(words(fr))
            if at is None or at + 1 >= len(paragraphs) or paragraphs[at + 1] != words(en):
                problems.add(f"{docname}: block {anchor} is missing")
                continue
            if key:
                cited.add(key)
                note = paragraphs[at + 2] if at + 2 < len(paragraphs) else ""
                if not note.startswith(generate.note_text(anchor)) or not resolved(note, key):
                    problems.add(f"{docname}: the note on {anchor} is missing or its citation unresolved")
    check_bibliography(sources(soup(out / "bibliography.html")), cited, "bibliography.html", problems)
    return problems


def mdast_text(node: dict[str, Any]) -> str:
    if "value" in node and node.get("type") == "text":
        return str(node["value"])
    return "".join(mdast_text(child) for child in node.get("children", []))


def labelled(node: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Every labelled node of a mdast tree, with the node after it (None at the end)."""
    children = node.get("children", [])
    for i, child in enumerate(children):
        if child.get("identifier"):
            yield child, children[i + 1] if i + 1 < len(children) else None
        yield from labelled(child)


def check_mystmd(root: Path, blocks: int, per_doc: int = generate.BLOCKS_PER_DOC) -> list[str]:
    """mystmd's site content (one JSON document per page): each block a grid labelled with its
    anchor, of two items (the French, the English), and for the noted ones an aside after it
    with a resolved citation; each page's references list its sources."""
    problems = Problems()
    for docname, rows in expected(blocks, per_doc):
        path = root / "_build" / "site" / "content" / f"{docname}.json"
        if not path.exists():
            problems.add(f"{path.name} was not built")
            continue
        page = json.loads(path.read_text(encoding="utf-8"))
        grids = {node["identifier"]: (node, after) for node, after in labelled(page["mdast"]) if node["type"] == "grid"}
        for anchor, fr, en, key in rows:
            grid, after = grids.get(anchor, ({}, None))
            if [words(mdast_text(item)) for item in grid.get("children", [])] != [words(fr), words(en)]:
                problems.add(f"{docname}: block {anchor} is missing or its grid differs")
                continue
            if key:
                text = words(mdast_text(after)) if after and after.get("type") == "aside" else ""
                if not text.startswith(generate.note_text(anchor)) or not resolved(text, key):
                    problems.add(f"{docname}: the note on {anchor} is missing or its citation unresolved")
        references = page.get("references", {}).get("cite", {}).get("data", {})
        keys = {key for _, _, _, key in rows if key}
        listing = " ".join(str(entry.get("html", "")) for entry in references.values())
        check_bibliography(listing, keys, f"{docname}.json", problems)
    return problems


def check_pandoc(out: Path, blocks: int, per_doc: int = generate.BLOCKS_PER_DOC) -> list[str]:
    """pandoc's pages: each block a div holding the French and the English divs, each note the
    margin div after it with a resolved citation, each page's references, the bibliography."""
    problems = Problems()
    for docname, rows in expected(blocks, per_doc):
        page = soup(out / f"{docname}.html")
        ids = {tag["id"]: tag for tag in page.find_all(id=True)}
        for anchor, fr, en, key in rows:
            block = ids.get(anchor)
            cells = [block.find("div", lang=lang) if isinstance(block, Tag) else None for lang in ("fr", "en")]
            if not all(isinstance(cell, Tag) for cell in cells):
                problems.add(f"{docname}: block {anchor} is missing")
                continue
            if [words(cell.get_text()) for cell in cells] != [words(fr), words(en)]:  # type: ignore[union-attr]
                problems.add(f"{docname}: block {anchor} reads otherwise")
            if key:
                note = block.find_next_sibling("div")  # type: ignore[union-attr]
                classes = note.get("class", []) if isinstance(note, Tag) else []
                text = words(note.get_text(" ")) if isinstance(note, Tag) else ""
                if "column-margin" not in classes or not text.startswith(generate.note_text(anchor)):
                    problems.add(f"{docname}: the note on {anchor} is missing")
                elif not resolved(text, key):
                    problems.add(f"{docname}: the citation in the note on {anchor} is unresolved")
        refs = page.find(id="refs")
        keys = {key for _, _, _, key in rows if key}
        listed = words(refs.get_text(" ")) if isinstance(refs, Tag) else ""
        check_bibliography(listed, keys, f"{docname}.html", problems)
    listing = soup(out / "bibliography.html").select("#refs .csl-entry")
    if len(listing) != 20:
        problems.add(f"bibliography.html lists {len(listing)} sources, not 20")
    if re.search(r"\?\?\?", (out / "index.html").read_text(encoding="utf-8")):
        problems.add("index.html has an unresolved reference")
    return problems
