"""A second, small edition, in another language pair: the opening of Kafka's *Die Verwandlung*
(1915, public domain) in German with an English translation (``tests/roots/test-second-edition``).
Built in HTML and PDF with its notes, registry and exports, it shows that nothing in the
extension is wired to the French article or to French and English."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf
import pytest
from bs4 import BeautifulSoup
from conftest import build_project as build
from conftest import copy_root, require_tex
from edition_text import text_of
from parallel_edition import publish

OPENING = (
    "Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem Bett zu einem "
    "ungeheueren Ungeziefer verwandelt"
)


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_root("second-edition", tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="module")
def html(srcdir: Path) -> Path:
    status, warnings, outdir = build(srcdir)
    assert (status, warnings) == (0, "")
    return outdir


def test_the_german_original_and_its_translation_stand_side_by_side(html: Path) -> None:
    page = BeautifulSoup((html / "text.html").read_text(encoding="utf-8"), "html.parser")
    original, translation = page.select_one("#erwachen--de"), page.select_one("#erwachen--en")
    assert original["lang"] == "de" and translation["lang"] == "en"
    assert OPENING in text_of(original)
    assert "Deutsch" in page.select_one(".ed-view-switch").get_text()
    # the text's own note, numbered, in both languages
    assert page.select_one("#anmerkung--de") is not None and page.select_one("#anmerkung--en") is not None


def test_its_notes_are_placed_and_exported(html: Path) -> None:
    page = BeautifulSoup((html / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert [m.get_text() for m in page.select("#erwachen--de mark")] == ["Gregor Samsa", "ungeheueren"]
    assert [m.get_text() for m in page.select("#erwachen--en mark")] == ["Gregor Samsa", "monstrous"]
    export = json.loads((html / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["total"] == 2
    targets = [target for item in export["first"]["items"] for target in item["target"]]
    assert {t["language"] for t in targets} == {"de", "en"}
    assert {t["source"] for t in targets} == {"https://example.org/verwandlung/text.html"}
    passages = json.loads((html / "passages.json").read_text(encoding="utf-8"))
    assert "erwachen" in json.dumps(passages)
    citation = page.select_one('#ann--samsa a[href^="bibliography.html#"]')  # its citation, resolved
    assert citation is not None and "Kafka" in citation["title"]


def test_its_registry_guards_its_anchors(srcdir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(srcdir, copy)
    text = copy / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace("} erwachen", "} morgen"), encoding="utf-8")
    status, warnings, _ = build(copy)
    assert status != 0 and "published anchor 'erwachen'" in warnings and "[edition.anchor_removed]" in warnings


def test_its_pdf_has_the_german_text_hyphenated_as_german(srcdir: Path, tmp_path: Path) -> None:
    require_tex()
    outdir = tmp_path / "pdf"
    assert publish.main(["pdf", str(srcdir), str(outdir)]) == 0
    document = pymupdf.open(next(outdir.glob("*.pdf")))
    text = "".join(page.get_text() for page in document)
    joined = text.replace("-\n", "").replace("\n", " ").replace("[a]", "").replace("[b]", "")
    assert " ".join(OPENING.split()) in " ".join(joined.split())
    assert "erwachen" in document.resolve_names()  # the anchor as a PDF named destination
    log = next((tmp_path / ".pdf.latex").glob("*.log")).read_text(encoding="utf-8", errors="replace")
    assert "No hyphenation patterns were preloaded for" not in log, "German hyphenation (texlive-lang-german)"
