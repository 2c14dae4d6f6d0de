"""The scholarly apparatus: every citation resolves, every source is cited, every factual note
cites a source, the bibliography links back, and the introduction's timeline is sourced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EDITION, REPO, EditionBuild
from parallel_edition.annotations import load_annotations
from pybtex.database import parse_file

BIB = parse_file(str(REPO / "bibliography" / "edition.bib"))
NOTES = load_annotations(EDITION / "annotations")
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
FACTUAL = {"context", "law", "source", "textual", "update"}
#: Entries listed in the bibliography without being cited anywhere (none so far).
LISTED_ONLY: set[str] = set()


def keys_in(text: str) -> list[str]:
    return [key.strip() for group in CITE.findall(text) for key in group.split(",")]


def test_annotations_are_valid_and_numerous() -> None:
    assert NOTES.problems == []
    assert len(NOTES.annotations) >= 25
    kinds = {note.kind for note in NOTES.annotations}
    assert kinds == {"context", "law", "source", "textual", "translation", "update"}
    assert sum(note.kind == "textual" for note in NOTES.annotations) >= 10


def test_every_cited_key_exists() -> None:
    sources = [note.body for note in NOTES.annotations]
    sources += [path.read_text(encoding="utf-8") for path in EDITION.glob("*.md")]
    cited = {key for text in sources for key in keys_in(text)}
    assert cited, "nothing is cited"
    assert cited - set(BIB.entries) == set()


def test_every_entry_is_cited_or_deliberately_listed() -> None:
    sources = [note.body for note in NOTES.annotations]
    sources += [path.read_text(encoding="utf-8") for path in EDITION.glob("*.md")]
    cited = {key for text in sources for key in keys_in(text)}
    assert set(BIB.entries) - cited == LISTED_ONLY


@pytest.mark.parametrize("note", [n for n in NOTES.annotations if n.kind in FACTUAL], ids=lambda n: n.id)
def test_every_factual_note_cites_a_source(note) -> None:
    assert keys_in(note.body), f"{Path(note.path).name} states facts without citing a source"


def test_entries_carry_only_bibliographic_fields() -> None:
    allowed = {"title", "howpublished", "year", "month", "note", "url", "number", "institution"}
    for key, entry in BIB.entries.items():
        assert set(entry.fields) <= allowed, key
        assert entry.persons.get("author") or "title" in entry.fields, key
        assert all(str(value).strip() for value in entry.fields.values()), key


def test_citations_are_author_year_and_the_bibliography_links_back(edition_html: EditionBuild) -> None:
    text = edition_html.soup("text.html")
    citation = text.select_one(".ed-annotation a[href^='bibliography.html#']")
    assert re.fullmatch(r"[^()\[\]]+, (\d{4}|n\.d\.)[a-z]?", citation.get_text().strip())
    assert citation.parent.get_text().strip().startswith("(") or "(" in citation.find_previous(string=True)
    bibliography = edition_html.soup("bibliography.html")
    entries = bibliography.select("div.citation")
    assert len(entries) == len(BIB.entries)
    ids = {tag["id"] for tag in text.find_all(id=True)}
    for entry in entries:
        links = entry.select(".ed-cited-in a")
        assert links, entry.get_text()[:80]
        for link in links:
            page, _, fragment = link["href"].partition("#")
            assert page in {"text.html", "introduction.html", "about.html", "cite.html"}
            if page == "text.html":
                assert fragment in ids


def test_introduction_has_a_sourced_timeline(edition_html: EditionBuild) -> None:
    soup: BeautifulSoup = edition_html.soup("introduction.html")
    rows = soup.select("article table tbody tr")
    assert len(rows) >= 10
    years = [re.search(r"20\d\d", row.find("td").get_text()) for row in rows]
    assert all(years) and years[0].group() == "2019" and years[-1].group() == "2026"
    for row in rows:
        assert row.select("a[href^='bibliography.html#']"), row.get_text()[:80]
    headings = [h.get_text() for h in soup.select("article h2")]
    assert any("principles" in h.lower() for h in headings)
