"""The scholarly apparatus: every citation resolves, every source is cited, every factual note
cites a source, the bibliography links back, and the introduction's timeline is sourced."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EDITION, REPO, EditionBuild
from parallel_edition.annotations.files import load_annotations
from pybtex.database import parse_file

BIB = parse_file(str(REPO / "bibliography" / "edition.bib"))
NOTES = load_annotations(EDITION / "annotations")
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
FACTUAL = {"context", "law", "source", "textual", "update"}
#: Kinds whose notes state facts about the world, not about the text: the article itself is no
#: source for them.
WORLDLY = {"context", "law", "source", "update"}
#: The convention for web sources (bibliography/README.md): ``urldate`` holds the day the editors
#: consulted the page, as YYYY-MM-DD; where that day was not recorded, the entry has no ``urldate``
#: and its ``note`` says so in these words.
NOT_RECORDED = "Access date not recorded."
#: The convention for entries whose ``author`` is a publication, site or firm and not a writer.
PUBLISHER_AS_AUTHOR = "No author is named; the publisher stands as author."
#: A date or a figure: a paragraph that holds one states a fact.
FACT_MARK = re.compile(r"\b(1[89]|20)\d\d\b|\d[\d  ,.]*\s?(%|€|million|billion|M€)|€\s?\d")
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
    name = Path(note.path).name
    keys = keys_in(note.body)
    assert keys, f"{name} states facts without citing a source"
    assert set(keys) <= set(BIB.entries), f"{name} cites unknown keys {set(keys) - set(BIB.entries)}"
    if note.kind in WORLDLY:
        assert set(keys) - {"kern2026hdh"}, f"{name}: the article is no source for facts about the world"
    # Strict: every sentence that gives a date or a figure is cited, by a citation in it or after
    # it in the same paragraph (or list item): no dated fact rides on a citation made before it.
    for chunk in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", note.body):
        sentences = re.split(r"(?<=[.;:])\s+(?=[A-Z*«(\[])", chunk)
        for i, sentence in enumerate(sentences):
            prose = re.sub(r"\{[\w:]+\}`[^`]+`", "", sentence)
            prose = re.sub(r"«[^»]*»|“[^”]*”", "", prose)  # figures inside quotations are the source's
            if FACT_MARK.search(prose):
                rest = " ".join(sentences[i:])
                assert keys_in(rest), f"{name}: a dated or numeric fact is not cited: {sentence[:90]!r}"


#: A note that checks a claim of the article against the sources says where a claim comes from:
#: it is of kind ``source``, not ``textual`` (the text's own slips and misquotations).
FACT_CHECK = re.compile(
    r"\b[Nn]o (public |such |other )?(source|transcript|original URL)s?\b[^.]* (was |were )?found"
    r"|\b[Nn]o (public |such |other )?(source|transcript)s? (consulted|read|that could be read)\b"
    r"|\bno such source\b"
)


@pytest.mark.parametrize("note", NOTES.annotations, ids=lambda n: n.id)
def test_fact_checks_are_source_notes(note) -> None:
    if FACT_CHECK.search(note.body) and "[sic]" not in note.body:
        assert note.kind in {"source", "context", "law", "update"}, f"{note.id} is a fact check, kind {note.kind}"


#: A site named as author or as ``howpublished`` (a domain name), or an address given in the note.
SITE = re.compile(r"\b[\w-]+\.(fr|com|org|news|eu|io|net|info|gouv\.fr)\b")


def is_web_source(entry) -> bool:
    """A web source: it has a ``url``, or the part of an address that is known is in its note, or
    it names a site (a domain) as its author or in ``howpublished``."""
    fields = entry.fields
    if "url" in fields or "Address recorded only in part: " in str(fields.get("note", "")):
        return True
    named = [str(p).strip("{}") for p in entry.persons.get("author", [])] + [str(fields.get("howpublished", ""))]
    return any(SITE.search(name) for name in named)


@pytest.mark.parametrize("key", [k for k, e in BIB.entries.items() if is_web_source(e)])
def test_every_web_source_has_an_access_date_or_says_not_recorded(key) -> None:
    entry = BIB.entries[key]
    urldate = entry.fields.get("urldate")
    note = str(entry.fields.get("note", ""))
    if urldate is None:
        assert NOT_RECORDED in note, f"{key}: no urldate, and the note does not say {NOT_RECORDED!r}"
    else:
        day = datetime.date.fromisoformat(str(urldate))  # a real date, YYYY-MM-DD
        assert datetime.date(2026, 11, 1) <= day <= datetime.date.today(), f"{key}: urldate {day}"
        assert NOT_RECORDED not in note, f"{key}: has a urldate and says it is not recorded"


def test_no_entry_without_a_title_or_an_address() -> None:
    """Every entry can be found by a reader: it has a title, or an address (in ``url``, or the
    part of it that is known, in the note: bibliography/README.md)."""
    for key, entry in BIB.entries.items():
        fields = entry.fields
        partial = "Address recorded only in part: " in str(fields.get("note", ""))
        assert "title" in fields or "url" in fields or partial, f"{key} cannot be located"
        assert not (partial and "url" in fields), f"{key}: both a url and a partial address"


def test_publishers_standing_as_authors_are_said_to_be() -> None:
    """A site, a publication or a firm in ``author`` (a corporate name in braces that is a domain
    or a known publisher) is declared as such in the entry's note."""
    publishers = re.compile(
        r"\.(fr|com|org|news|eu|io|net)$|^(Public Sénat|L'Usine Digitale|mind Health|Delsol Avocats)$"
    )
    for key, entry in BIB.entries.items():
        for person in entry.persons.get("author", []):
            name = str(person).strip("{}")
            if publishers.search(name):
                assert PUBLISHER_AS_AUTHOR in str(entry.fields.get("note", "")), f"{key}: {name} as author"


def test_entries_carry_only_bibliographic_fields() -> None:
    allowed = {
        "title",
        "shorttitle",
        "howpublished",
        "year",
        "month",
        "note",
        "url",
        "urldate",
        "number",
        "institution",
    }
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
    rows = soup.select("[role=main] table tbody tr")
    assert len(rows) >= 10
    years = [re.search(r"20\d\d", row.find("td").get_text()) for row in rows]
    assert all(years) and years[0].group() <= "2019" and years[-1].group() == "2026"
    assert [y.group() for y in years] == sorted(y.group() for y in years), "the rows are in date order"
    for row in rows:
        assert row.select("a[href^='bibliography.html#']"), row.get_text()[:80]
    headings = [h.get_text() for h in soup.select("[role=main] h2")]
    assert any("principles" in h.lower() for h in headings)
