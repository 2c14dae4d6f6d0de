"""The layout as a reader meets it, in headless Chromium: side by side on wide screens
(without JavaScript), stacked on a phone, the view switch, and copying the French text."""

from __future__ import annotations

import itertools
import re

import pytest

WIDE = [{"width": 1440, "height": 900}, {"width": 1024, "height": 768}]
PHONE = {"width": 390, "height": 844}
ROWS = ".ed-pair, .ed-heading"


def row_boxes(page) -> list[dict]:
    """For every aligned row: the boxes of its French and its English cell."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map(row => {
            const box = lang => {
                const cell = row.querySelector(`:scope > .ed-cell[lang="${lang}"]`);
                const r = cell.getBoundingClientRect();
                return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, visible: r.width > 0 && r.height > 0};
            };
            return {id: row.id || row.parentElement.id, fr: box("fr"), en: box("en")};
        })""",
        ROWS,
    )


@pytest.mark.parametrize("viewport", WIDE, ids=lambda v: f"{v['width']}x{v['height']}")
def test_side_by_side_without_javascript(browser, served_edition: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    rows = row_boxes(page)
    assert len(rows) == 29
    for row in rows:
        fr, en = row["fr"], row["en"]
        assert fr["visible"] and en["visible"], row["id"]
        assert fr["right"] <= en["x"], f"{row['id']}: French must stand left of English"
        assert abs(fr["y"] - en["y"]) <= 1, f"{row['id']}: English must start level with French"
    context.close()


def test_stacked_on_a_phone(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    for row in row_boxes(page):
        assert row["en"]["y"] >= row["fr"]["bottom"] - 1, f"{row['id']}: English must follow French"
        assert row["en"]["right"] <= PHONE["width"]
    context.close()


def test_view_switch_works_without_javascript(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE[0], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    for choice, shown, hidden in [("original", "fr", "en"), ("translation", "en", "fr"), ("both", "fr", None)]:
        page.locator(f"label[for=ed-view-{choice}]").click()
        rows = row_boxes(page)
        assert all(row[shown]["visible"] for row in rows), choice
        if hidden:
            assert not any(row[hidden]["visible"] for row in rows), choice
        else:
            assert all(row["en"]["visible"] and row["fr"]["right"] <= row["en"]["x"] for row in rows)
    context.close()


def test_view_choice_is_remembered_with_javascript(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE[0])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{served_edition}/text.html")
    page.locator("label[for=ed-view-translation]").click()
    page.goto(f"{served_edition}/about.html")
    page.goto(f"{served_edition}/text.html")
    assert page.locator("#ed-view-translation").is_checked()
    assert not page.locator("#hdh-term--fr").is_visible()
    assert errors == []
    context.close()


def test_copying_a_french_paragraph_gives_its_text_without_marks(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE[0])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_edition)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    page.evaluate(
        """() => { const range = document.createRange();
                   range.selectNodeContents(document.querySelector('#ugap-procedure--fr > p'));
                   getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (
        "Ce choix avait eu lieu à la suite d’une procédure d’achat simplifiée par le biais de la centrale UGAP . "
        "Les conditions d’attribution furent l’objet de critiques de la part de certains politiques, "
        "d’associations, et des fournisseurs de cloud français."
    )
    context.close()


def test_a_permalink_opens_at_its_block_highlighted(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE[1])
    page = context.new_page()
    page.goto(f"{served_edition}/text.html#usine-digitale")
    block = page.locator("#usine-digitale")
    box = block.bounding_box()
    assert 0 <= box["y"] < WIDE[1]["height"] / 2
    outline = page.evaluate("getComputedStyle(document.getElementById('usine-digitale')).outlineStyle")
    assert outline == "solid"
    context.close()


def boxes(page, selector: str) -> list[dict]:
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map(e => {
            const r = e.getBoundingClientRect();
            return {id: e.id, x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height};
        })""",
        selector,
    )


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] and b["y"] < a["bottom"]


@pytest.mark.parametrize("viewport", WIDE[:1], ids=lambda v: f"{v['width']}x{v['height']}")
def test_margin_notes_stand_beside_their_block_without_javascript(browser, served_edition: str, viewport: dict) -> None:
    """Without the script, each block's notes stand whole in the margin beside it (with it, see
    test_reading.py: level with their markers)."""
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    notes = boxes(page, "[role=main] .ed-annotation")
    assert len(notes) >= 3
    texts = boxes(page, "[role=main] .ed-cell")
    for note in notes:
        assert note["w"] > 100 and note["h"] > 0, note["id"]
        block = page.evaluate(
            "(id) => { const b = document.getElementById(id).closest('.ed-pair, .ed-section');"
            " const t = b.querySelector('.ed-translation').getBoundingClientRect();"
            " return {top: b.getBoundingClientRect().top, right: t.right}; }",
            note["id"],
        )
        assert note["x"] >= block["right"], f"{note['id']} is not in the margin"
        assert abs(note["y"] - block["top"]) < 40 or note["y"] > block["top"], note["id"]
        assert not [t["id"] for t in texts if overlap(note, t)], f"{note['id']} overlaps the text"
        assert note["right"] <= viewport["width"], f"{note['id']} runs off the page"
    for first, second in itertools.combinations(notes, 2):
        assert not overlap(first, second), (first["id"], second["id"])
    context.close()


def test_on_a_phone_markers_open_and_close_notes_by_click_and_keyboard(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    note = page.locator("#ann--buzin-spelling")
    marker = page.locator("#ann--buzin-spelling--fr")
    assert not note.is_visible()
    assert marker.get_attribute("role") == "button"
    assert marker.get_attribute("aria-expanded") == "false"
    assert marker.get_attribute("aria-controls") == "ann--buzin-spelling"
    assert marker.get_attribute("aria-label") == f"Annotation {marker.get_attribute('data-ed-letter')}: Textual note"
    marker.click()
    assert note.is_visible() and marker.get_attribute("aria-expanded") == "true"
    assert page.locator("#ann--buzin-spelling--en").get_attribute("aria-expanded") == "true"
    marker.click()
    assert not note.is_visible()
    marker.focus()
    page.keyboard.press("Enter")
    assert note.is_visible()
    assert page.evaluate("document.activeElement.id") == "ann--buzin-spelling", "the focus goes to the opened note"
    page.keyboard.press("Escape")
    assert not note.is_visible() and marker.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "ann--buzin-spelling--fr", "and comes back to its marker"
    page.keyboard.press("Space")
    assert note.is_visible()
    context.close()


def test_on_a_phone_without_javascript_every_note_is_visible(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    notes = page.locator("[role=main] .ed-annotation")
    assert notes.count() >= 3
    for index in range(notes.count()):
        assert notes.nth(index).is_visible()
    context.close()


def test_readers_show_and_hide_each_kind(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=WIDE[0], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    textual = page.locator("[role=main] .ed-annotation.ed-kind-textual")
    others = page.locator("[role=main] .ed-annotation:not(.ed-kind-textual)")
    assert textual.count() >= 1 and others.count() >= 1
    page.locator(".ed-kinds > summary").click()  # the kinds are behind "Notes" in the control bar
    page.locator("label[for=ed-kind-textual]").click()
    assert not textual.first.is_visible() and not page.locator("#ann--buzin-spelling--fr").is_visible()
    assert others.first.is_visible()
    page.locator("label[for=ed-kind-textual]").click()
    assert textual.first.is_visible()
    context.close()


def test_no_page_loads_anything_from_another_host(browser, served_edition: str, edition_html) -> None:
    """Every HTML page of the edition, opened in Chromium with JavaScript, scrolled to its end
    and given time to load what it would: no script, stylesheet, font, image or anything else
    comes from a host other than the edition's own (requests elsewhere are recorded, and
    blocked). The markup is checked too, for what a browser might load later."""
    pages = sorted(p.relative_to(edition_html.outdir).as_posix() for p in edition_html.outdir.rglob("*.html"))
    assert "text.html" in pages and len(pages) >= 5
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    foreign: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith((served_edition + "/", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            foreign.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    for name in pages:
        page.goto(f"{served_edition}/{name}", wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(50)
    context.close()
    assert foreign == []
    for name in pages:
        soup = edition_html.soup(name)
        for tag in soup.find_all(["script", "link", "img", "iframe", "source", "video", "audio", "object", "embed"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else "") or ""
            assert not re.match(r"(?:https?:)?//", url), f"{name}: {tag}"
    for sheet in edition_html.outdir.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"""(?:@import|url\()\s*["']?(?:https?:)?//""", text), sheet
