"""Search as a reader meets it, in headless Chromium on the built search page (issue #17, item 6):
each result's snippet holds the text alone (no cite data, no note bodies, no marker letters, no
¶ numbers), and each result opens at the block of its first match."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
#: What no snippet may hold: the cite panels' CSL-JSON and BibTeX, ¶ numbers (of the text's
#: gutter and of the bibliography's "Cited in" links), the notes' kind labels.
LEAKS = re.compile(r"[{}¶]|date-parts|\"type\"|@misc|Textual note|Cited in")


def norm(text: str) -> str:
    return " ".join(text.split())


def bare(text: str) -> str:
    """Text without its spaces, to compare text read by the browser and by BeautifulSoup (they
    differ only in the spaces between block elements)."""
    return re.sub(r"\s+", "", text)


def block_text(soup: BeautifulSoup, block_id: str) -> str:
    """The text alone of a block of text.html: the French and English cells' paragraphs and
    headings, read from the markup (not with the search script's rule)."""
    block = soup.find(id=block_id)
    assert block is not None, f"#{block_id} is not in text.html"
    if block.name == "section":  # a section's own text is its heading
        return norm(block.find(["h1", "h2", "h3"], recursive=False).get_text())
    parts = []
    for cell in block.select(":scope > .ed-cell"):
        parts.extend(el.get_text() for el in cell.find_all(["p", "h1", "h2", "h3"], recursive=False))
    return norm(" ".join(parts))


def text_blocks(soup: BeautifulSoup) -> list[str]:
    """The ids of text.html's blocks, in reading order (sections' headings and paragraph pairs)."""
    return [el["id"] for el in soup.select("[role=main] .ed-pair[id], [role=main] section.ed-section[id]")]


def search(browser, served_edition: str, query: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None)
    page.goto(f"{served_edition}/search.html?q={query}", wait_until="load")
    page.wait_for_function(
        "document.querySelector('#search-results ul.search') &&"
        " document.querySelectorAll('#search-results ul.search > li').length > 0 &&"
        " [...document.querySelectorAll('#search-results ul.search > li')].every(li => li.querySelector('p.context'))",
        timeout=30_000,
    )
    page.wait_for_timeout(200)
    results = page.eval_on_selector_all(
        "#search-results ul.search > li",
        "items => items.map(li => ({href: li.querySelector('a').getAttribute('href'),"
        " snippet: li.querySelector('p.context').textContent}))",
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search_{query}.png"))
    return context, page, results, errors


@pytest.mark.parametrize("query", ["Capgemini", "souveraineté"])
def test_snippets_hold_the_text_alone_and_open_at_their_block(
    browser, served_edition: str, edition_html, query: str
) -> None:
    context, page, results, errors = search(browser, served_edition, query)
    try:
        assert not [e for e in errors if "Anchored content" in e or "Content block" in e], errors
        pages = {urlsplit(r["href"]).path.rsplit("/", 1)[-1]: r for r in results}
        assert "text.html" in pages, results
        for result in results:
            snippet = result["snippet"]
            assert not LEAKS.search(snippet), f"{result['href']}: apparatus in the snippet: {snippet!r}"
            assert query.casefold()[:8] in snippet.casefold(), f"{result['href']}: {snippet!r}"
        for result in results:
            snippet = result["snippet"]
            fragment = urlsplit(result["href"]).fragment
            assert fragment, f"{result['href']} opens at the top of its page, not at its match"
            soup = edition_html.soup(urlsplit(result["href"]).path.rsplit("/", 1)[-1])
            target = soup.find(id=fragment)
            assert target is not None, f"{result['href']}: no such anchor"
            assert bare(snippet.strip(". ")) in bare(target.get_text()), f"{result['href']}: snippet not from its block"

        # text.html: the block of the first match of the text alone, and the snippet from it.
        text = edition_html.soup("text.html")
        result = pages["text.html"]
        block = urlsplit(result["href"]).fragment
        ids = text_blocks(text)
        assert block in ids, f"#{block} is not a block of the text"
        word = query.casefold()
        first = next(i for i in ids if word in block_text(text, i).casefold())
        assert block == first, f"links to #{block}; the first block holding {query!r} is #{first}"
        assert bare(result["snippet"].strip(". ")) in bare(block_text(text, block)), result["snippet"]

        # Opening the result shows that paragraph.
        page.click(f"#search-results a[href='{result['href']}']")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert urlsplit(page.url).fragment == block
        box = page.evaluate(
            "id => { const r = document.getElementById(id).getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom, target: document.querySelector(':target')?.id}; }",
            block,
        )
        assert box["target"] == block
        assert 0 <= box["top"] < 900 and box["bottom"] > 0, box
        page.screenshot(path=str(SHOTS / f"search_{query}_opened.png"))
    finally:
        context.close()
