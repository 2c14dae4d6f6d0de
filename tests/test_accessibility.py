"""Accessibility and reading conditions, checked in Chromium: axe-core on every page in
light and dark mode, languages, focus, print, and the extension under Sphinx's default theme."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from conftest import EDITION, EditionBuild, sphinx_build
from pypdf import PdfReader

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def pages(edition_html: EditionBuild) -> list[str]:
    return sorted(p.name for p in edition_html.outdir.glob("*.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_axe_finds_no_violation_on_any_page(browser, served_edition, edition_html, scheme, viewport) -> None:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    loading = {"now": True}  # axe re-fetches stylesheets itself: only the page's own loading counts

    def note(message: str) -> None:
        if loading["now"]:
            errors.append(message)

    page.on("console", lambda m: note(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: note(f"{page.url}: {e}"))
    page.on("response", lambda r: note(f"{page.url}: {r.status} {r.url}") if r.status >= 400 else None)
    found = {}
    names = pages(edition_html)
    assert {"index.html", "text.html", "bibliography.html"} <= set(names)
    for name in names:
        loading["now"] = True
        page.goto(f"{served_edition}/{name}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)
        loading["now"] = False
        if scheme == "dark":
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        result = Axe().run(page)
        if result.violations_count:
            found[name] = [(v["id"], v["nodes"][0]["target"]) for v in result.response["violations"]]
    assert found == {}
    assert errors == []
    context.close()


def test_every_column_and_note_says_its_language(edition_html: EditionBuild) -> None:
    soup = BeautifulSoup((edition_html.outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en"
    main = soup.find(attrs={"role": "main"})
    for cell in main.select(".ed-cell"):
        assert cell["lang"] == ("fr" if "ed-original" in cell["class"] else "en")
    notes = main.select(".ed-annotation")
    assert notes and all(note["lang"] == "en" for note in notes)
    assert all(
        label.get("lang")
        for label in main.select(".ed-view-switch label[for$=original], .ed-view-switch label[for$=translation]")
    )


def test_focus_follows_reading_order_and_is_always_visible(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count() == 0
    seen: list[dict] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                const r = e.getBoundingClientRect(); const b = e.closest('.ed-pair, .ed-section');
                return {tag: e.tagName, id: e.id, cls: e.className, inArticle: !!e.closest('[role=main]'),
                        block: b ? b.id : null,
                        outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                        top: r.top + window.scrollY, visible: r.width > 0 && r.height > 0}; }"""
        )
        seen.append(info)
    in_text = [f for f in seen if f["inArticle"]]
    assert len(in_text) > 20
    blocks = page.evaluate(
        "() => Array.from(document.querySelectorAll('[role=main] .ed-pair, [role=main] .ed-section')).map(e => e.id)"
    )
    for focused in seen:
        assert focused["visible"], focused
        assert (focused["outline"] != "none" and focused["outlineWidth"] > 0) or focused["shadow"] != "none", focused
    # Inside the text, focus goes block by block in reading order (French column, then English
    # column, then the block's notes), never back to an earlier block.
    order = [blocks.index(f["block"]) for f in in_text if f["block"] in blocks]
    assert len(order) > 20 and order == sorted(order), order
    context.close()


def test_printing_keeps_the_readers_view_and_gives_the_notes(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    for view, french, english in (("both", True, True), ("original", True, False)):
        page.locator(f"label[for=ed-view-{view}]").click()
        pdf = page.pdf(format="A4", print_background=True)
        flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
        assert ("Le terme HDH (Health Data Hub) désigne" in flat) is french
        assert ("The term HDH (Health Data Hub) refers" in flat) is english, view
        assert "read Buzyn" in flat  # an annotation, whole
        assert "Sections" not in flat.split("politique", 1)[0]  # no control bar printed
    context.close()


def test_the_extension_works_with_sphinx_default_theme(tmp_path: Path, browser) -> None:
    srcdir = tmp_path / "edition"
    shutil.copytree(EDITION, srcdir, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(EDITION.parent / "bibliography", tmp_path / "bibliography")
    for name in ("CITATION.cff", "CONTRIBUTING.md"):
        shutil.copy(EDITION.parent / name, tmp_path / name)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:  # Sphinx's default theme, as it comes
        conf.write('\nhtml_theme = "alabaster"\nhtml_theme_options = {}\ntemplates_path = []\n')
    status, warnings = sphinx_build(srcdir, tmp_path / "html")
    assert (status, warnings) == (0, "")
    page_file = tmp_path / "html" / "text.html"
    assert "alabaster" in page_file.read_text(encoding="utf-8")
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(page_file.as_uri())
    french, english = page.locator("#hdh-term--fr").bounding_box(), page.locator("#hdh-term--en").bounding_box()
    assert french["x"] + french["width"] <= english["x"] and abs(french["y"] - english["y"]) <= 1
    assert page.locator("#ann--buzin-spelling").is_visible()
    context.close()
