"""The reading layout as a reader meets it, measured in headless Chromium (issue #16): the text
flows, each note sits at its call, markers are quiet, the measure holds at every width, the
article's first sentence is on the first screen, notes open under their line on a phone, and no
page scrolls sideways. Screenshots of every case go to ``build/screenshots/`` to be looked at.

The figures come from what Chromium laid out (``tests/browser/reading_metrics.js``), never from
the CSS."""

from __future__ import annotations

from pathlib import Path

import pytest

METRICS = (Path(__file__).parent / "browser" / "reading_metrics.js").read_text(encoding="utf-8")
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
DESKTOP = {"width": 1440, "height": 900}
LAPTOP = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}
SIZES = [DESKTOP, LAPTOP, PHONE]
SCHEMES = ["light", "dark"]
#: Side by side, each column holds 45 to 75 characters a line; one language alone, 60 to 75.
MEASURE, SINGLE_MEASURE, PROSE_MAX = (45, 75), (60, 75), 80


def size_id(size: dict) -> str:
    return f"{size['width']}x{size['height']}"


def open_text(browser, served_edition: str, size: dict, scheme: str = "light", page_name: str = "text.html", **options):
    context = browser.new_context(viewport=size, color_scheme=scheme, has_touch=size is PHONE, **options)
    page = context.new_page()
    page.goto(f"{served_edition}/{page_name}", wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(150)  # the notes are placed on the next frame after the fonts
    return context, page


def shoot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_text_flows_at_a_reading_measure(browser, served_edition: str, size: dict, scheme: str) -> None:
    """Item 1 and 4: rows take the height of their text, not of their notes (blank ≤ 10 % of the
    two columns), and each column holds 45–75 characters a line (the phone: one column, ≥ 35)."""
    context, page = open_text(browser, served_edition, size, scheme)
    shoot(page, f"text_{size_id(size)}_{scheme}")
    if scheme == "light":
        shoot(page, f"text_{size_id(size)}_{scheme}_full", full_page=True)
    m = page.evaluate(METRICS, "parallel")
    context.close()
    assert m["scrollWidth"] <= size["width"], "the page scrolls sideways"
    if size is PHONE:
        assert m["cpl"]["original"] >= 35 and m["cpl"]["translation"] >= 35, m["cpl"]
        return
    assert m["blank"] <= 0.10, f"{m['blank']:.1%} of the two text columns is blank"
    for column in ("original", "translation"):
        assert MEASURE[0] <= m["cpl"][column] <= MEASURE[1], (column, m["cpl"])


@pytest.mark.parametrize("view", ["original", "translation"])
@pytest.mark.parametrize("size", [DESKTOP, LAPTOP], ids=size_id)
def test_one_language_alone_keeps_a_measure_and_its_notes(browser, served_edition: str, size: dict, view: str) -> None:
    context, page = open_text(browser, served_edition, size)
    page.locator(f"label[for=ed-view-{view}]").click()
    page.wait_for_timeout(150)
    shoot(page, f"text_{size_id(size)}_{view}_only")
    m = page.evaluate(METRICS, "parallel")
    context.close()
    column = view
    assert SINGLE_MEASURE[0] <= m["cpl"][column] <= SINGLE_MEASURE[1], m["cpl"]
    if size is DESKTOP:
        assert len(m["notes"]) >= 50, "the margin notes must stay in a single-language view"
        assert m["overText"] == 0 and m["overlaps"] == 0


@pytest.mark.parametrize(
    "page_name", ["introduction.html", "about.html", "contribute.html", "bibliography.html", "index.html"]
)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_prose_pages_keep_to_80_characters_and_the_screen(
    browser, served_edition: str, size: dict, page_name: str
) -> None:
    context, page = open_text(browser, served_edition, size, page_name=page_name)
    shoot(page, f"{page_name[:-5]}_{size_id(size)}")
    m = page.evaluate(METRICS, "prose")
    context.close()
    assert m["scrollWidth"] <= size["width"], f"{page_name} scrolls sideways at {size['width']} px"
    if m["lines"]:
        assert m["cpl"] <= PROSE_MAX, m


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_note_sits_at_its_call(browser, served_edition: str, scheme: str) -> None:
    """Item 2, at rest: each margin note starts level with its marker's line, or directly below
    the note before it; none overlaps another or the text; one shown beside a later paragraph
    names its own."""
    context, page = open_text(browser, served_edition, DESKTOP, scheme)
    m = page.evaluate(METRICS, "parallel")
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('.ed-annotation')].map(n => {
            const where = n.querySelector('.ed-ann-where');
            const block = n.closest('.ed-pair, .ed-section').getBoundingClientRect();
            return {id: n.id, top: n.getBoundingClientRect().top, blockBottom: block.bottom,
                    named: !!where && !where.hidden};
        })"""
    )
    context.close()
    notes = sorted(m["notes"], key=lambda n: n["top"])
    assert len(notes) >= 90
    assert m["overlaps"] == 0 and m["overText"] == 0
    for before, note in zip([None, *notes], notes, strict=False):
        if note["markerTop"] is None:
            continue
        level = abs(note["top"] - (note["markerTop"] - 4)) <= 6
        stacked = before is not None and abs(note["top"] - (before["bottom"] + 8)) <= 2
        assert level or stacked, f"{note['id']} is {note['top'] - note['markerTop']:.0f} px from its marker"
    for note in gaps:
        if note["top"] >= note["blockBottom"] - 4:
            assert note["named"], f"{note['id']} stands beside another paragraph without naming its own"


@pytest.mark.parametrize("size", [DESKTOP, LAPTOP, PHONE], ids=size_id)
def test_activating_a_marker_brings_its_note_to_it(browser, served_edition: str, size: dict) -> None:
    """Item 2 and 6: click (or tap) each marker of the densest paragraph: its note opens level with
    the marker (wide) or directly under its line (narrower), fully on screen, and the pair is
    marked; Escape closes it and gives the focus back to the marker."""
    context, page = open_text(browser, served_edition, size)
    markers = page.locator("#expert-mission .ed-original a.ed-marker")
    count = markers.count()
    assert count >= 8
    for index in [0, count // 2, count - 1]:
        marker = markers.nth(index)
        marker.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -120)")
        box = marker.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if size is PHONE:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
        page.wait_for_timeout(120)
        state = page.evaluate(
            """(i) => {
                const marker = document.querySelectorAll('#expert-mission .ed-original a.ed-marker')[i];
                const note = document.getElementById(marker.getAttribute('href').slice(1));
                const id = note.id.replace(/^ann--/, '');
                const mark = marker.previousElementSibling;
                const line = (mark && mark.matches('mark') ? mark : marker).getClientRects();
                const r = note.getBoundingClientRect(), m = marker.getBoundingClientRect();
                return {id: note.id, open: note.classList.contains('ed-open'), top: r.top, bottom: r.bottom,
                        markerTop: m.top, lineBottom: line[line.length - 1].bottom, vh: innerHeight,
                        expanded: marker.getAttribute('aria-expanded'),
                        marked: [...document.querySelectorAll(`[data-ed-ann="${id}"]`)]
                            .every(e => e.classList.contains('ed-active')),
                        focused: document.activeElement === note};
            }""",
            index,
        )
        shoot(page, f"open_{size_id(size)}_{index}")
        assert state["open"] and state["expanded"] == "true" and state["marked"], state
        assert state["top"] >= 0 and state["bottom"] <= state["vh"], f"{state['id']} is not fully on screen: {state}"
        if size is DESKTOP:
            assert abs(state["top"] - (state["markerTop"] - 4)) <= 6, state
        else:
            assert 0 <= state["top"] - state["lineBottom"] <= 12, f"{state['id']} is not under its line: {state}"
        page.keyboard.press("Escape")
        assert page.evaluate("document.querySelectorAll('.ed-annotation.ed-open').length") == 0
        assert page.evaluate("document.activeElement.classList.contains('ed-marker')")
    context.close()


def test_a_note_opens_from_itself_and_by_keyboard(browser, served_edition: str) -> None:
    context, page = open_text(browser, served_edition, DESKTOP)
    toggle = page.locator("#ann--buzin-spelling .ed-ann-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    state = page.evaluate(
        """() => { const n = document.getElementById('ann--buzin-spelling');
                   const m = document.getElementById('ann--buzin-spelling--fr');
                   return {top: n.getBoundingClientRect().top, markerTop: m.getBoundingClientRect().top}; }"""
    )
    assert abs(state["top"] - (state["markerTop"] - 4)) <= 6, state
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    marker = page.locator("#ann--buzin-spelling--en")
    marker.focus()
    page.keyboard.press("Space")
    assert marker.get_attribute("aria-expanded") == "true"
    context.close()


def test_markers_are_quiet_and_light_up_with_their_passage_and_note(browser, served_edition: str) -> None:
    """Item 3: at rest no passage is painted (textual notes keep a dotted underline); hovering a
    passage, its marker or its note lights up all three; markers carry no brackets and are not
    set like the article's note calls."""
    context, page = open_text(browser, served_edition, DESKTOP)
    rest = page.evaluate(
        """() => [...document.querySelectorAll('mark.ed-mark')].map(m => ({
            kind: [...m.classList].find(c => c.startsWith('ed-kind-')),
            background: getComputedStyle(m).backgroundColor,
            underline: getComputedStyle(m).textDecorationStyle + ' ' + getComputedStyle(m).textDecorationLine}))"""
    )
    assert len(rest) >= 100
    for mark in rest:
        assert mark["background"] in ("rgba(0, 0, 0, 0)", "transparent"), mark
        if mark["kind"] == "ed-kind-textual":
            assert mark["underline"] == "dotted underline", mark
    looks = page.evaluate(
        """() => { const m = document.querySelector('a.ed-marker'), call = document.querySelector('a.ed-noteref');
            return {before: getComputedStyle(m, '::before').content, after: getComputedStyle(m, '::after').content,
                    marker: m.dataset.edLetter, text: m.textContent, call: call.textContent,
                    markerSize: parseFloat(getComputedStyle(m).fontSize),
                    textSize: parseFloat(getComputedStyle(m.parentElement).fontSize)}; }"""
    )
    # One letter, drawn by CSS (no text of the page), with no brackets around it.
    assert looks["before"] in ("none", "normal") and looks["after"] == f'"{looks["marker"]}"', looks
    assert looks["text"] == "" and looks["marker"].isalpha() and not looks["call"].strip("[]").isalpha(), looks
    assert looks["markerSize"] < 0.8 * looks["textSize"], looks
    for hovered in ["mark[data-ed-ann=capgemini-role]", "#ann--capgemini-role--fr", "#ann--capgemini-role"]:
        page.hover(hovered)
        lit = page.evaluate(
            """() => ['#ann--capgemini-role', '#ann--capgemini-role--fr', '#ann--capgemini-role--en',
                      'mark[data-ed-ann=capgemini-role]']
                      .map(s => document.querySelector(s).classList.contains('ed-lit'))"""
        )
        assert all(lit), (hovered, lit)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('mark[data-ed-ann=capgemini-role]')).backgroundColor"
        )
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        page.mouse.move(0, 0)
    context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=size_id)
def test_the_first_sentence_is_on_the_first_screen(browser, served_edition: str, size: dict) -> None:
    """Item 5: the first line of the article's first paragraph is inside the first screen."""
    context, page = open_text(browser, served_edition, size)
    bottom = page.evaluate(
        """() => { const p = document.querySelector('#what-is-hdh .ed-pair.ed-paragraph .ed-original > p');
                   const r = document.createRange(); r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 1);
                   return r.getBoundingClientRect().bottom; }"""
    )
    context.close()
    assert bottom <= size["height"], f"the first sentence starts at {bottom:.0f} px"


def test_typography_tells_the_languages_apart_and_hyphenates(browser, served_edition: str) -> None:
    """Item 7: a chosen face and leading, hyphenation by language, original and translation set
    apart at a glance (different faces)."""
    context, page = open_text(browser, served_edition, DESKTOP)
    style = page.evaluate(
        """() => ['.ed-pair .ed-original', '.ed-pair .ed-translation'].map(s => {
            const e = document.querySelector(s), c = getComputedStyle(e);
            return {lang: e.lang, hyphens: c.hyphens, family: c.fontFamily, size: parseFloat(c.fontSize),
                    leading: parseFloat(c.lineHeight) / parseFloat(c.fontSize)}; })"""
    )
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    context.close()
    original, translation = style
    assert (original["lang"], translation["lang"]) == ("fr", "en")
    assert original["hyphens"] == translation["hyphens"] == "auto"
    assert original["family"] != translation["family"]
    assert 1.45 <= original["leading"] <= 1.75 and original["size"] >= 16
    assert any("Source Serif" in family for family in loaded), loaded


@pytest.mark.parametrize("width", [1120, 1280, 1920])
def test_the_measure_holds_at_every_width_from_1024_up(browser, served_edition: str, width: int) -> None:
    """Item 4 between and beyond the three reviewed sizes: where the margin appears (70 em), where
    the page reaches its widest (86 rem), and a large screen."""
    size = {"width": width, "height": 900}
    context, page = open_text(browser, served_edition, size)
    m = page.evaluate(METRICS, "parallel")
    context.close()
    assert m["scrollWidth"] <= width
    assert m["blank"] <= 0.10, f"{m['blank']:.1%} blank at {width} px"
    for column in ("original", "translation"):
        assert MEASURE[0] <= m["cpl"][column] <= MEASURE[1], (width, column, m["cpl"])
    assert m["overlaps"] == 0 and m["overText"] == 0
