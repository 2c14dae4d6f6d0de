"""The cite panels' machine-readable forms read by the tools their users have: CSL-JSON by
the CSL schemas and citeproc-py with real styles (from ``../shared/standards/csl``), the two
BibTeX variants by classic BibTeX (``bibtex``, plain.bst) and by biber."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from conftest import REPO, EditionBuild
from edition_text import cite_panel
from standards import CSL, csl_validator, require_tool

VERSION = "0.1.0"
FRENCH_TITLE = "Quand la technologie se fait enjeu politique"


@pytest.fixture(scope="module")
def panels(edition_html: EditionBuild) -> list[tuple[int, BeautifulSoup]]:
    assert edition_html.status == 0, edition_html.warnings
    page = edition_html.soup("text.html")
    rows = page.select("[role=main] .ed-pair, [role=main] section.ed-section")
    found = [(number, cite_panel(page, row["id"])) for number, row in enumerate(rows, 1)]
    assert len(found) == 29
    return found


def form(panel: BeautifulSoup, name: str) -> str:
    return panel.select_one(f".ed-cite-{name}").get_text()


def test_csl_json_is_valid_against_the_csl_schemas(panels: list[tuple[int, BeautifulSoup]]) -> None:
    data, citations = csl_validator("csl-data.json"), csl_validator("csl-citation.json")
    for number, panel in panels:
        items = json.loads(form(panel, "csl"))
        assert [error.message for error in data.iter_errors(items)] == []
        citation = json.loads(form(panel, "csl-citation"))
        assert [error.message for error in citations.iter_errors(citation)] == []
        (cite_item,) = citation["citationItems"]
        assert (cite_item["locator"], cite_item["label"]) == (str(number), "paragraph")
        assert cite_item["itemData"] == items[0]
        assert items[0]["language"] == "en" and items[0]["version"] == VERSION
        assert items[0]["title"].startswith(f'<span class="nocase">{FRENCH_TITLE}</span>')


def test_the_schemas_catch_a_locator_label_in_the_item() -> None:
    """The checker can fail: ``label`` belongs to a cite item, not to the item."""
    item = {"id": "x", "type": "webpage", "title": "T", "locator": "5", "label": "paragraph"}
    assert not csl_validator("csl-data.json").is_valid([item])


@pytest.mark.parametrize(
    ("style", "locator"), [("chicago-author-date", "para. {n}"), ("modern-language-association", "par. {n}")]
)
def test_citeproc_renders_the_paragraph_and_keeps_the_french_title(
    panels: list[tuple[int, BeautifulSoup]], style: str, locator: str
) -> None:
    csl_style = CitationStylesStyle(str(CSL / f"{style}.csl"), locale="en-US", validate=False)
    for number, panel in panels[::7]:  # every seventh block, headings and paragraphs among them
        citation = json.loads(form(panel, "csl-citation"))
        (cite_item,) = citation["citationItems"]
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON([cite_item["itemData"]]), formatter.plain)
        cite = Citation([CitationItem(cite_item["id"], locator=Locator(cite_item["label"], cite_item["locator"]))])
        bibliography.register(cite)
        rendered = str(bibliography.cite(cite, lambda item: None))
        assert rendered.endswith(locator.format(n=number) + ")"), rendered
        (entry,) = [str(entry) for entry in bibliography.bibliography()]
        assert FRENCH_TITLE in entry, entry  # not "Quand La Technologie Se Fait…"
        assert "Bilingual Critical Edition" in entry or "bilingual critical edition" in entry
        assert VERSION in entry and "The edition's contributors" in entry


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_classic_bibtex_keeps_year_version_and_url(panels: list[tuple[int, BeautifulSoup]], tmp_path: Path) -> None:
    bibtex = require_tool("bibtex")
    number, panel = panels[4]
    entry = form(panel, "bibtex")
    key = re.match(r"@\w+\{([^,]+),", entry).group(1)
    (tmp_path / "panel.bib").write_text(entry, encoding="utf-8")
    (tmp_path / "t.aux").write_text(
        f"\\relax\n\\citation{{{key}}}\n\\bibstyle{{plain}}\n\\bibdata{{panel}}\n", encoding="utf-8"
    )
    log = run([bibtex, "t"], tmp_path)
    assert "Warning" not in log, log
    bbl = " ".join((tmp_path / "t.bbl").read_text(encoding="utf-8").split())
    assert f"\\bibitem{{{key}}}" in bbl
    assert "2026" in bbl and f"Version {VERSION}" in bbl and f"paragraph {number}" in bbl
    assert f"\\url{{{panel['data-ed-url']}}}" in bbl
    assert f"{{{FRENCH_TITLE}}}" in bbl  # kept from plain's case change


def test_biber_reads_the_biblatex_variant_without_loss(panels: list[tuple[int, BeautifulSoup]], tmp_path: Path) -> None:
    biber = require_tool("biber")
    for number, panel in panels[:3]:
        (tmp_path / "panel.bib").write_text(form(panel, "biblatex"), encoding="utf-8")
        log = run([biber, "--tool", "--validate-datamodel", "--output-file=out.bib", "panel.bib"], tmp_path)
        assert "WARN" not in log and "ERROR" not in log, log
        out = (tmp_path / "out.bib").read_text(encoding="utf-8")
        assert "@ONLINE{" in out
        assert "DATE = {2026-11-28}" in out and f"VERSION = {{{VERSION}}}" in out
        assert f"URL = {{{panel['data-ed-url']}}}" in out and f"NOTE = {{paragraph {number}}}" in out


def test_the_edition_cites_its_french_title_from_citation_cff() -> None:
    conf = (REPO / "edition" / "conf.py").read_text(encoding="utf-8")
    assert 'edition_cite_title_original = CITATION["references"][0]["title"]' in conf


@pytest.mark.parametrize(
    ("style", "form_name"), [("chicago-author-date", "chicago"), ("modern-language-association", "mla")]
)
def test_the_formatted_citations_say_what_citeproc_says(
    panels: list[tuple[int, BeautifulSoup]], style: str, form_name: str
) -> None:
    """The panel's Chicago and MLA lines carry what citeproc-py, with the real style, puts in
    the reference (author, title, version, date, address) and its locator for the paragraph."""
    csl_style = CitationStylesStyle(str(CSL / f"{style}.csl"), locale="en-US", validate=False)
    for number, panel in panels[::9]:
        (cite_item,) = json.loads(form(panel, "csl-citation"))["citationItems"]
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON([cite_item["itemData"]]), formatter.plain)
        cite = Citation([CitationItem(cite_item["id"], locator=Locator("paragraph", str(number)))])
        bibliography.register(cite)
        locator = str(bibliography.cite(cite, lambda item: None)).rsplit(", ", 1)[-1].rstrip(")")
        (entry,) = [str(entry) for entry in bibliography.bibliography()]
        ours = form(panel, form_name)
        assert locator in ours, (locator, ours)  # "para. 5" / "par. 5"
        for piece in re.split(r"[.,]\s+|\s+[“”]|[“”]", entry):
            part = re.sub(r"\s+:", ":", piece.strip(' .“”"'))  # citeproc-py sets a space before a colon
            if len(part) > 3 and not part.lower().startswith(("accessed", "version")):
                assert part.lower() in ours.lower(), (part, ours, entry)
