"""The cite control as a reader meets it (issue #17, item 3), in Chromium: one panel for the
page, filled from the block's link, reachable in either language, opened where the reader is,
formatted citations first and machine formats behind "More formats", closed by Escape, a click
elsewhere or scrolling away; without script, each link leads to the block's citations on the
how-to-cite page."""

from __future__ import annotations

import re

WIDE = {"width": 1440, "height": 900}


def open_page(browser, served_edition: str, **options):
    context = browser.new_context(viewport=WIDE, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_edition)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    return context, page


def test_the_page_carries_one_panel_not_one_per_block(edition_html) -> None:
    html = (edition_html.outdir / "text.html").read_text(encoding="utf-8")
    soup = edition_html.soup("text.html")
    links = soup.select("a.ed-cite")
    assert len(links) == 29 and len({link["data-ed-cite"] for link in links}) == 29
    assert len(soup.select("template#ed-cite-template")) == 1
    assert html.count('class="ed-cite-panel"') == 1  # inside the template only
    assert len(re.findall(r'id="ed-cite-biblatex"', html)) == 1


def test_cite_by_keyboard_gives_chicago_and_mla_first_and_copies(browser, served_edition: str) -> None:
    context, page = open_page(browser, served_edition)
    link = page.locator("#hdh-term > a.ed-cite")
    link.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".ed-cite-panel")
    assert panel.count() == 1 and panel.is_visible()
    chicago = panel.locator(".ed-cite-chicago").inner_text()
    mla = panel.locator(".ed-cite-mla").inner_text()
    assert chicago.endswith(f"para. 5. {served_edition}/text.html#hdh-term.")  # made absolute
    assert "Quand la technologie se fait enjeu politique" in chicago and "Version 0.1.0" in chicago
    assert "par. 5" in mla and "28 Nov. 2026" in mla
    # Opened where the reader is: just under the link, on screen.
    box, at = panel.bounding_box(), link.bounding_box()
    assert 0 <= box["y"] - (at["y"] + at["height"]) <= 10 and box["y"] + box["height"] <= WIDE["height"]
    assert not panel.locator(".ed-cite-bibtex").is_visible()  # behind "More formats"
    panel.locator(".ed-cite-more > summary").click()
    assert panel.locator(".ed-cite-ris").is_visible() and panel.locator(".ed-cite-csl").is_visible()
    page.locator("button[data-ed-copy=ed-cite-chicago]").focus()
    page.keyboard.press("Enter")
    panel.locator(".ed-copy-status").filter(has_text="copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == chicago
    page.keyboard.press("Escape")
    assert page.locator(".ed-cite-panel").count() == 0
    assert page.evaluate("document.activeElement.dataset.edCite") == "hdh-term"
    context.close()


def test_cite_is_there_in_english_only_and_closes_on_a_click_elsewhere_or_scrolling(
    browser, served_edition: str
) -> None:
    context, page = open_page(browser, served_edition)
    page.locator("label[for=ed-view-translation]").click()
    link = page.locator("#expert-mission > a.ed-cite")
    assert link.is_visible()
    link.click()
    assert page.locator(".ed-cite-panel").is_visible()
    assert "para. 11" in page.locator(".ed-cite-chicago").inner_text()
    page.mouse.click(WIDE["width"] - 5, 5)
    assert page.locator(".ed-cite-panel").count() == 0
    link.click()
    assert page.locator(".ed-cite-panel").count() == 1
    page.evaluate("window.scrollBy(0, 3 * window.innerHeight)")
    page.wait_for_timeout(400)
    assert page.locator(".ed-cite-panel").count() == 0, "scrolling away closes the panel"
    context.close()


def test_without_javascript_cite_leads_to_the_citation_on_the_how_to_cite_page(browser, served_edition: str) -> None:
    context, page = open_page(browser, served_edition, java_script_enabled=False)
    page.locator("#hdh-term > a.ed-cite").click()
    page.wait_for_load_state()
    assert page.url.endswith("/cite.html#cite-hdh-term")
    entry = page.locator("#cite-hdh-term")
    assert entry.is_visible()
    definition = page.locator("#cite-hdh-term + dd")
    assert "para. 5" in definition.inner_text() and "par. 5" in definition.inner_text()
    context.close()
