"""The landing page (issue #17, item 8): one primary way into the text, with the article's
opening words quoted verbatim; the original's publisher and address; what the edition adds
(sourced notes, the list of what could not be verified, the timeline), each linked; the other
pages after. Checked in the built HTML and in headless Chromium at 1440 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "build" / "screenshots"
SOURCE = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["references"][0]
SIZES = [{"width": 1440, "height": 900}, {"width": 390, "height": 844}]
PRIMARY = ".ed-read"


def main_of(edition_html, page: str):
    return edition_html.soup(page).select_one("[role=main]")


def first_paragraph(edition_html) -> str:
    """The French text of the article's first paragraph (the first block of its first section)."""
    cell = main_of(edition_html, "text.html").select_one("section.ed-section section.ed-section .ed-pair .ed-original")
    return "".join(p.get_text() for p in cell.find_all("p", recursive=False))


def test_one_primary_way_into_the_text_first(edition_html) -> None:
    main = main_of(edition_html, "index.html")
    primary = main.select(PRIMARY)
    assert len(primary) == 1, f"{len(primary)} primary links"
    link = primary[0] if primary[0].name == "a" else primary[0].find("a")
    assert link.get_text(" ", strip=True) == "Read the text"
    assert urlsplit(link["href"]).path == "text.html"
    links = main.find_all("a", href=True)
    assert links.index(link) == min(i for i, a in enumerate(links) if not a["href"].startswith("#")), (
        "a link comes before 'Read the text'"
    )
    others = [a for a in links if urlsplit(a["href"]).path == "text.html" and a is not link]
    assert not others, "a second way into the text competes with the first"


def test_the_opening_words_are_quoted_verbatim(edition_html) -> None:
    main = main_of(edition_html, "index.html")
    incipit = main.select_one("[lang=fr].ed-incipit")
    assert incipit is not None, "no incipit marked as French"
    quoted = incipit.get_text().strip()
    assert quoted.startswith("«\u00a0") and quoted.endswith("…\u00a0»"), repr(quoted)
    words = quoted[2:-3]
    assert len(words.split()) >= 8
    opening = first_paragraph(edition_html)
    assert opening.startswith(words), f"not the article's opening words, verbatim: {words!r} / {opening[:120]!r}"
    source = (REPO / "edition" / "text.md").read_text(encoding="utf-8")
    assert re.search(r":::\{fr\} [\w-]+\n" + re.escape(words), source), "not as in edition/text.md"
    # Next to the primary link, not elsewhere on the page.
    assert incipit.find_parent(class_="ed-landing-read") is main.select_one(PRIMARY).find_parent(
        class_="ed-landing-read"
    )


def test_the_original_publisher_and_address(edition_html) -> None:
    main = main_of(edition_html, "index.html")
    text = " ".join(main.get_text().split())
    conf = (REPO / "edition" / "conf.py").read_text(encoding="utf-8")
    (latex_url,) = re.findall(r"\\url\{([^}]+)\}", conf)
    assert SOURCE["url"] == latex_url
    assert SOURCE["publisher"]["name"] in text
    assert main.find("a", href=SOURCE["url"]) is not None, "no link to the original"
    assert "13 January 2026" in text and SOURCE["date-published"] == "2026-01-13"


def test_what_the_edition_adds_is_linked(edition_html) -> None:
    main = main_of(edition_html, "index.html")
    adds = main.select_one(".ed-landing-adds")
    assert adds is not None, "the page does not say what the edition adds"
    intro = edition_html.soup("introduction.html")
    landed = []
    for a in adds.find_all("a", href=True):
        path, fragment = urlsplit(a["href"]).path, urlsplit(a["href"]).fragment
        if path == "introduction.html" and fragment and intro.find(id=fragment) is not None:
            landed.append(intro.find(id=fragment))
    unverified = intro.find(lambda el: el.name == "h2" and "could not verify" in el.get_text()).find_parent("section")
    timeline = intro.find("table", id="timeline")
    for what, element in {"the list of what could not be verified": unverified, "the timeline": timeline}.items():
        assert any(el is element or element in el.parents for el in landed), f"{what} is not linked"
    assert adds.find("a", href=re.compile(r"^bibliography\.html")), "the notes' sources are not linked"


def test_the_secondary_links_come_after(edition_html) -> None:
    main = main_of(edition_html, "index.html")
    html = str(main)
    primary_at = html.index('class="' + main.select_one(PRIMARY)["class"][0]) if main.select_one(PRIMARY) else -1
    for page in ("introduction.html", "bibliography.html", "cite.html", "contribute.html", "about.html"):
        link = main.find("a", href=re.compile("^" + re.escape(page)))
        assert link is not None, f"no link to {page}"
        assert html.index(str(link)) > primary_at


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_read_the_text_is_the_first_thing_to_do(browser, served_edition: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{served_edition}/index.html", wait_until="load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"landing_{size['width']}.png"))
    page.screenshot(path=str(SHOTS / f"landing_{size['width']}_full.png"), full_page=True)
    m = page.evaluate(
        """sel => {
        const read = document.querySelector(sel);
        const a = read.matches('a') ? read : read.querySelector('a');
        const r = a.getBoundingClientRect();
        const others = [...document.querySelectorAll('[role=main] a')]
          .filter(x => x !== a && !x.closest('.ed-landing-read') && !x.matches('.headerlink'));
        const area = x => { const b = x.getBoundingClientRect(); return b.width * b.height; };
        const incipit = document.querySelector('.ed-incipit').getBoundingClientRect();
        return {
          bottom: r.bottom, area: r.width * r.height, fontSize: parseFloat(getComputedStyle(a).fontSize),
          bg: getComputedStyle(a).backgroundColor,
          otherFont: Math.max(...others.map(x => parseFloat(getComputedStyle(x).fontSize))),
          othersBelow: others.every(x => x.getBoundingClientRect().top >= r.top || x.closest('.ed-landing-source')),
          incipitBottom: incipit.bottom,
          scrollWidth: document.documentElement.scrollWidth,
        };
    }""",
        PRIMARY,
    )
    page.click(f"{PRIMARY} >> nth=0") if page.locator(f"a{PRIMARY}").count() else page.click(f"{PRIMARY} a")
    page.wait_for_load_state("load")
    landed = urlsplit(page.url).path
    context.close()
    assert landed.endswith("/text.html")
    assert m["bottom"] <= size["height"], f"'Read the text' is below the first screen: {m}"
    assert m["incipitBottom"] <= size["height"], f"the opening words are below the first screen: {m}"
    assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), "the primary link does not stand out"
    assert m["fontSize"] >= m["otherFont"], m
    assert m["othersBelow"], "a secondary link comes before the primary one on the screen"
    assert m["scrollWidth"] <= size["width"], f"the page scrolls sideways: {m['scrollWidth']}"
