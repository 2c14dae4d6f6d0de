"""The reading controls (issue #17, items 1, 2 and 4), in Chromium: the text's sections reachable
at every width, one compact bar (sections, view, kinds of note with all and none, go to ¶) that
stays on screen while reading and remembers the reader's choices, and a gutter where no number
or cite collides with another."""

from __future__ import annotations

import pytest

SIZES = [{"width": 1440, "height": 900}, {"width": 1024, "height": 768}, {"width": 390, "height": 844}]


def size_id(size: dict) -> str:
    return f"{size['width']}x{size['height']}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_sections_are_reachable_from_the_bar_at_every_width(browser, served_edition: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    bar = page.locator(".ed-controls")
    box = bar.bounding_box()
    assert box["y"] <= 1 and box["y"] + box["height"] <= 0.2 * size["height"], f"the bar is not at the top: {box}"
    page.locator(".ed-toc > summary").click()
    links = page.locator(".ed-toc a")
    assert links.count() == 6
    links.nth(2).click()
    page.wait_for_timeout(100)
    target = page.evaluate("location.hash")
    assert target == "#history"
    heading = page.locator("#history > .ed-heading").bounding_box()
    assert bar.bounding_box()["height"] <= heading["y"] < size["height"] / 2, "the section must open under the bar"
    assert page.locator(".ed-toc").get_attribute("open") is None
    context.close()


def test_the_no_script_bar_holds_no_dead_control(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=SIZES[0], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html")
    assert not page.locator(".ed-goto").is_visible() and not page.locator(".ed-kind-all").is_visible()
    page.locator(".ed-toc > summary").click()
    page.locator(".ed-toc a").nth(1).click()
    assert page.evaluate("location.hash") == "#what-is-hdh"
    context.close()


def test_kinds_all_none_and_the_choices_are_remembered(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=SIZES[0])
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    page.locator(".ed-kinds > summary").click()
    page.locator("button[data-ed-kinds=none]").click()
    assert page.locator(".ed-annotation").evaluate_all("ns => ns.filter(n => n.getClientRects().length).length") == 0
    page.locator("button[data-ed-kinds=all]").click()
    page.locator("label[for=ed-kind-translation]").click()  # hide translation notes
    page.locator("label[for=ed-view-original]").click()
    page.goto(f"{served_edition}/introduction.html")
    page.goto(f"{served_edition}/text.html", wait_until="load")  # another visit
    assert page.locator("#ed-view-original").is_checked()
    assert not page.locator("#ed-kind-translation").is_checked() and page.locator("#ed-kind-textual").is_checked()
    assert not page.locator(".ed-annotation.ed-kind-translation").first.is_visible()
    context.close()


def test_go_to_a_paragraph_by_number(browser, served_edition: str) -> None:
    context = browser.new_context(viewport=SIZES[2])
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    field = page.locator("#ed-goto-number")
    field.fill("11")
    field.press("Enter")
    page.wait_for_timeout(100)
    assert page.evaluate("location.hash") == "#expert-mission"
    top = page.locator("#expert-mission").bounding_box()["y"]
    assert 0 <= top < SIZES[2]["height"] / 2
    context.close()


@pytest.mark.parametrize("size", SIZES[:2], ids=size_id)
def test_numbers_and_cite_links_in_the_gutter_never_collide(browser, served_edition: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.ed-original > .ed-num, .ed-pair > .ed-cite, .ed-section > .ed-cite')]
            .filter(e => e.getClientRects().length)
            .map(e => { const r = e.getBoundingClientRect();
                        return {t: e.textContent, x: r.x, y: r.y + scrollY, r: r.right, b: r.bottom + scrollY}; })"""
    )
    context.close()
    assert len(boxes) >= 58
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"]
            assert not overlap, (a, b)
