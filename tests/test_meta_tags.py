"""The pages' meta tags read as their readers read them: Zotero's Embedded Metadata translator
(its mapping, as zotero/translators' ``Embedded Metadata.js`` and the RDF translator it calls
define it, re-stated below), Google Scholar's inclusion guidelines (as far as an edition of a
web article can meet them), and Hypothesis's client (its HTML metadata: ``rel=canonical`` and
the Dublin Core fingerprint)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from conftest import EditionBuild, copy_root
from conftest import build_project as build

#: Prefixes the translator sends to the RDF translator (Embedded Metadata.js, ``_prefixes``).
RDF_PREFIXES = {"dc", "dcterms", "og", "z", "bib", "bibo", "prism", "eprints", "foaf", "so", "article"}
#: Highwire tags that set a type (``hwType``); ``citation_title`` only guesses a journal article.
HW_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}


def clean_author(name: str, use_comma: bool) -> dict[str, str]:
    """Zotero.Utilities.cleanAuthor: trailing punctuation off; "Last, First" when the original
    held a comma, else the last word is the family name."""
    name = re.sub(r"^[\s.,/\[\]:]+", "", name)
    name = re.sub(r"[\s.,/\[\]:]+$", "", name)
    if use_comma:
        parts = re.split(r", ?", name)
        return {"lastName": parts[0], **({"firstName": parts[1]} if len(parts) > 1 else {})}
    first, _, last = name.rpartition(" ")
    return {"firstName": first, "lastName": last}


def zotero_item(soup: BeautifulSoup) -> dict[str, object]:
    """What the translator makes of a page's head, for the tags this edition writes."""
    metas = [(m.get("name") or m.get("property"), m.get("content")) for m in soup.head.find_all("meta")]
    metas = [(name, content) for name, content in metas if name and content]
    rdf = {}
    hw_type = hw_guess = None
    for name, content in metas:
        prefix = re.split(r"[.:_]", name)[0].lower()
        if prefix in RDF_PREFIXES:
            prop = name[len(prefix) + 1 :]
            rdf.setdefault(f"{prefix}:{prop[:1].lower()}{prop[1:]}", []).append(content)
        elif name in HW_TYPES:
            hw_type = HW_TYPES[name]
        elif name == "citation_title":
            hw_guess = hw_guess or "journalArticle"
    # RDF.js detectType: z:itemType, then og:type, then dc:type; else the default, which is the
    # Highwire guess (a journal article for citation_title) before "webpage".
    og_types = {"website": "webpage", "book": "book", "article": None}
    item_type = (
        hw_type
        or (rdf.get("z:itemType") or [None])[0]
        or og_types.get((rdf.get("og:type") or [""])[0])
        or hw_guess
        or ("webpage" if rdf else None)
    )
    first = dict(reversed(metas))  # the first of each name
    authors = [content for name, content in metas if name == "citation_author"]
    creators = []
    for value in authors:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(authors) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        creators += [{**clean_author(n, "," in n), "creatorType": "author"} for n in names if n.strip()]
    return {
        "itemType": item_type,
        "title": first.get("citation_title"),
        "creators": creators,
        "date": first.get("citation_publication_date"),
        "language": first.get("citation_language") or (rdf.get("dc:language") or [None])[0],
        "url": first.get("citation_public_url"),
        "extra": (rdf.get("z:extra") or [None])[0],
        "abstractNote": (rdf.get("dc:description") or [None])[0] or first.get("description"),
    }


@pytest.fixture(scope="module")
def page(edition_html: EditionBuild) -> BeautifulSoup:
    assert edition_html.status == 0, edition_html.warnings
    return edition_html.soup("text.html")


def test_zotero_makes_a_web_page_by_the_edition_s_contributors(page: BeautifulSoup) -> None:
    item = zotero_item(page)
    assert item["itemType"] == "webpage"  # not a journal article
    assert item["creators"] == [{"lastName": "The edition's contributors", "creatorType": "author"}]  # not split
    assert item["title"] == "Quand la technologie se fait enjeu politique: a bilingual critical edition"
    assert item["date"] == "2026/11/28"
    assert item["language"] == "fr"  # the original's: no English title case of its title
    assert item["extra"] == "version: 0.1.0"  # cited by Zotero as CSL's version
    assert "published by Kern Consulting on 2026-01-13" in item["abstractNote"]
    languages = [m["content"] for m in page.select('meta[name="DC.language"]')]
    assert languages == ["fr", "en"]


def test_the_mapping_is_the_translator_s(page: BeautifulSoup) -> None:
    """Without the type tag the page would be a journal article, and a name without the
    inverted form would be split at its last space: what the review found Zotero doing."""
    bare = BeautifulSoup(str(page), "html.parser")
    bare.select_one('meta[property="og:type"]').decompose()
    bare.select_one('meta[name="citation_author"]')["content"] = "The edition's contributors"
    item = zotero_item(bare)
    assert item["itemType"] == "journalArticle"
    assert item["creators"] == [{"firstName": "The edition's", "lastName": "contributors", "creatorType": "author"}]


def test_google_scholar_s_tags_as_far_as_they_apply(page: BeautifulSoup) -> None:
    """Scholar's guidelines: exactly one citation_title, at least one citation_author, a
    citation_publication_date written YYYY/MM/DD, tags in the head. (No citation_pdf_url: the
    PDF is not part of the HTML site; no journal, report or thesis tag fits a web edition.)"""
    head = page.head
    assert len(head.select('meta[name="citation_title"]')) == 1
    assert len(head.select('meta[name="citation_author"]')) >= 1
    (date,) = head.select('meta[name="citation_publication_date"]')
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", date["content"])


def test_hypothesis_fingerprint_is_the_same_on_every_host_and_version(edition_html: EditionBuild) -> None:
    for name in ("text.html", "index.html"):
        soup = edition_html.soup(name)
        (identifier,) = [m["content"] for m in soup.select('meta[name="dc.identifier"]')]
        (part_of,) = [m["content"] for m in soup.select('meta[name="dc.relation.ispartof"]')]
        assert (part_of, identifier) == ("hdh-edition", name.removesuffix(".html"))
        # What the client makes of them (html-metadata.ts): one URN for the document.
        urn = f"urn:x-dc:{quote(part_of, safe='')}/{quote(identifier, safe='')}"
        assert urn == f"urn:x-dc:hdh-edition/{name.removesuffix('.html')}"
        assert "0.1.0" not in urn


def test_with_a_base_url_pages_name_their_canonical_address(tmp_path: Path) -> None:
    status, warnings, outdir = build(copy_root("annotations", tmp_path))  # html_baseurl: https://example.org/ed/
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert [link["href"] for link in soup.select('head link[rel="canonical"]')] == ["https://example.org/ed/text.html"]
    assert zotero_item(soup)["url"] == "https://example.org/ed/text.html"
