"""Independent readers of the seed and of the built HTML, for the verbatim tests.

The verbatim rule: every character of the seed appears, in order, in the French text of
the edition. The only allowed differences are (a) line breaks, indentation and spaces
between blocks, and whitespace at a block's very start or end; (b) the seed's structural
marks turned into structure: "•" bullets into list items, "[n]" calls into note calls,
and the "[n] ..." note texts into notes.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

Block = tuple[str, object]  # ("text", str) | ("list", [str, ...]) | ("note", (n, str))


def seed_blocks(seed: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in re.split(r"\n[ \t]*\n", seed):
        chunk = raw.strip("\n")
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if all(line.lstrip().startswith("•") for line in lines):
            blocks.append(("list", [line.lstrip()[1:].strip() for line in lines]))
        elif match := re.match(r"\[(\d+)\]", chunk):
            blocks.append(("note", (int(match[1]), chunk[match.end() :].strip())))
        else:
            assert len(lines) == 1, f"unexpected multi-line block in the seed: {chunk!r}"
            blocks.append(("text", chunk.strip()))
    return blocks


def text_of(element: Tag) -> str:
    """The edition's text in *element*: apparatus skipped, note calls back to "[n]"."""
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag):
            if child.has_attr("data-ed-note"):
                parts.append(f"[{child['data-ed-note']}]")
            elif not child.has_attr("data-ed-apparatus"):
                parts.append(text_of(child))
    return "".join(parts)


def edition_blocks(soup: BeautifulSoup, lang: str = "fr") -> list[Block]:
    """The blocks of one language, in page order, from the built HTML."""
    blocks: list[Block] = []
    for cell in cells(soup, lang):
        if cell.find(["ul", "ol"]):
            blocks.append(("list", [text_of(li).strip() for li in cell.find_all("li")]))
        elif cell.get("role") == "doc-footnote":
            label = cell.select_one(".ed-note-label")
            number = int(label.get_text().strip("[]")) if label else 0
            blocks.append(("note", (number, text_of(cell).strip())))
        else:
            blocks.append(("text", text_of(cell).strip()))
    return blocks


def cells(soup: BeautifulSoup, lang: str) -> list[Tag]:
    """The text cells of one language in the page's main text (not in navigation copies)."""
    main = soup.find("article") or soup.find(attrs={"role": "main"}) or soup
    return [cell for cell in main.find_all(attrs={"lang": lang, "class": "ed-cell"}) if not cell.find_parent("nav")]


def cite_panel(page, anchor: str):
    """The cite panel of block *anchor*, as the page's script makes it: the page's one
    ``<template>`` with the block's anchor and number (from its cite link) in place of the
    stand-ins."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    link = page.select_one(f'a.ed-cite[data-ed-cite="{anchor}"]')
    template = page.select_one("template#ed-cite-template")
    html = template.decode_contents().replace("\ue000", anchor).replace("\ue001", link["data-ed-number"])
    panel = BeautifulSoup(html, "html.parser").select_one(".ed-cite-panel")
    panel["data-ed-url"] = template["data-ed-url"].replace("\ue000", anchor)
    return panel
