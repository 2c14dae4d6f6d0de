"""Every builder meets the extension's nodes: HTML shows the pairs; LaTeX, text, man and
texinfo read original then translation; the original is never touched by smart quotes."""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root, sphinx_build
from edition_text import text_of
from parallel_edition.plain import HTML_ONLY
from sphinx.testing.util import SphinxTestApp

ORIGINAL = 'Il a dit "oui" -- puis... l\'a écrit'


@pytest.mark.sphinx("html", testroot="basic")
def test_original_escapes_smart_quotes_translation_does_not(app: SphinxTestApp, warning_text: str) -> None:
    app.build()
    assert warning_text == ""
    soup = BeautifulSoup((app.outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    french = soup.find(id="premier--fr").get_text()
    english = soup.find(id="premier--en").get_text()
    assert ORIGINAL in french
    assert "“yes”" in english and "–" in english  # smart quotes are on in this build
    heading = text_of(soup.select_one("h1 [lang=fr]"))
    assert heading == 'Un "titre" -- court...'


LATEX_DOCS = {"latex_documents": [("index", "edition.tex", "T", "A", "manual")]}


def builder_case(builder: str, suffix: str):
    mark = pytest.mark.sphinx(builder, testroot="basic", confoverrides=LATEX_DOCS)
    return pytest.param(builder, suffix, marks=mark, id=builder)


@pytest.mark.parametrize(
    ("builder", "suffix"),
    [
        builder_case("text", ".txt"),
        builder_case("latex", ".tex"),
        builder_case("man", ".1"),
        builder_case("texinfo", ".texi"),
    ],
)
def test_other_builders_render_both_languages(app: SphinxTestApp, warning_text: str, builder: str, suffix: str) -> None:
    app.build()
    assert warning_text == ""
    body = "\n".join(path.read_text(encoding="utf-8") for path in app.outdir.rglob(f"*{suffix}"))
    assert "Une note." in body and "A note." in body
    assert ("{[}1{]}" if builder == "latex" else "[1]") in body
    assert body.index("Une note.") < body.index("A note.")
    if builder == "latex":
        assert r"\label{\detokenize{text:premier}}" in body


def test_the_extension_assets_carry_sphinx_checksum_on_a_fresh_build(tmp_path) -> None:
    """Copied by Sphinx before the pages are written (html_static_path), so that even the first
    build links them with ``?v=<checksum>`` and a reader's cache never keeps an old copy."""
    outdir = tmp_path / "html"
    assert sphinx_build(Path(__file__).parent / "roots" / "test-basic", outdir) == (0, "")
    page = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    links = [
        t.get("href") or t.get("src")
        for t in page.select('link[href*="parallel-edition"], script[src*="parallel-edition"]')
    ]
    assert len(links) == 2
    for link in links:
        name, _, version = link.partition("?v=")
        content = (outdir / name).read_bytes().translate(None, b"\r")
        assert version == f"{zlib.crc32(content):08x}", link


def test_html_only_apparatus_is_never_in_the_semantic_doctree(tmp_path: Path) -> None:
    """The view switch, the kind filter, numbers and cite controls are added by one HTML-only
    post-transform when a page is written: the doctrees Sphinx keeps, and every other builder,
    never see them."""
    srcdir = copy_root("annotations", tmp_path)
    for builder in ("html", "text"):
        assert sphinx_build(srcdir, tmp_path / builder, builder=builder) == (0, "")
    with (tmp_path / "html-doctrees" / "text.doctree").open("rb") as file:
        doctree = pickle.load(file)
    assert [node for kind in HTML_ONLY for node in doctree.findall(kind)] == []
    page = BeautifulSoup((tmp_path / "html" / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("fieldset.ed-view-switch") is not None and page.select(".ed-kind-filter")
    assert len(page.select("a.ed-num")) == 2 * len(page.select("a.ed-cite"))
    text = (tmp_path / "text" / "text.txt").read_text(encoding="utf-8")
    assert "cite" not in text.lower() and "Both" not in text
