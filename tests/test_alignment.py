"""Every French block has its English block beside it, with unique anchors, languages
marked, and the text's notes linked both ways."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import EditionBuild, copy_root
from conftest import build_project as build
from edition_text import cells, edition_blocks

PAGE = "text.html"


@pytest.fixture(scope="module")
def soup(edition_html: EditionBuild):
    assert edition_html.status == 0, edition_html.warnings
    return edition_html.soup(PAGE)


def test_one_english_block_per_french_block(soup) -> None:
    french, english = edition_blocks(soup, "fr"), edition_blocks(soup, "en")
    assert len(french) == len(english) == 29
    assert [kind for kind, _ in french] == [kind for kind, _ in english]
    for (kind, fr), (_, en) in zip(french, english, strict=True):
        assert en, f"no English for {fr!r}"
        if kind == "list":
            assert len(fr) == len(en)


def test_pairs_hold_french_left_then_english(soup) -> None:
    pairs = soup.select("[role=main] .ed-pair")
    headings = soup.select("[role=main] .ed-heading")
    assert len(pairs) + len(headings) == 29
    for row in [*pairs, *headings]:
        langs = [cell["lang"] for cell in row.find_all(class_="ed-cell", recursive=False)]
        assert langs == ["fr", "en"], row.get("id")


def test_anchors_are_explicit_unique_and_url_safe(soup) -> None:
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    anchors = [row["id"] for row in soup.select("[role=main] .ed-pair, [role=main] section.ed-section")]
    assert len(anchors) == 29
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", anchor) for anchor in anchors)
    # Anchors come from the source, not from position or content.
    assert {"title", "hdh-term", "challenges", "note-ugap"} <= set(anchors)


def test_columns_carry_their_language(soup) -> None:
    assert len(cells(soup, "fr")) == len(cells(soup, "en")) == 29
    assert soup.html["lang"] == "en"


def test_notes_are_numbered_and_linked_both_ways(soup) -> None:
    for lang in ("fr", "en"):
        calls = [a for cell in cells(soup, lang) for a in cell.select("a[role=doc-noteref]")]
        assert [a.get_text() for a in calls] == ["[1]", "[2]", "[3]", "[4]"]
        for call in calls:
            note = soup.find(id=call["href"].lstrip("#"))
            assert note is not None and note["lang"] == lang and note["role"] == "doc-footnote"
            back = note.select_one("a[role=doc-backlink]")
            assert back["href"] == f"#{call['id']}"
            assert back.get_text() == call.get_text()


def test_view_switch_offers_three_views(soup) -> None:
    switch = soup.select_one("[role=main] fieldset.ed-view-switch")
    values = [radio["value"] for radio in switch.select("input[type=radio]")]
    assert values == ["both", "original", "translation"]
    assert switch.select_one("#ed-view-both").has_attr("checked")
    assert switch.has_attr("data-ed-apparatus")


def test_a_heading_cannot_capture_a_block_anchor(tmp_path) -> None:
    """A plain Markdown heading whose id is a block's anchor: the block keeps its anchor (its
    published address), the heading gets another id, and the strict build says so."""
    srcdir = copy_root("basic", tmp_path)
    text = srcdir / "text.md"
    text.write_text("# Premier\n\n" + text.read_text(encoding="utf-8"), encoding="utf-8")
    status, warnings, outdir = build(srcdir)
    assert status != 0
    assert "text.md:" in warnings and "anchor 'premier' is already the id of a heading at line 1" in warnings
    assert "[edition.duplicate_anchor]" in warnings
    page = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    found = page.select('[id="premier"]')
    assert len(found) == 1 and "ed-pair" in found[0]["class"]
