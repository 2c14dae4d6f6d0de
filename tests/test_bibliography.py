"""The bibliography as a reader meets it (issue #17, item 7): in alphabetical order of its labels
(the rule is in the README and on the page), labels that are whole words of the title, the
entry a reader lands on highlighted, and each "Cited in" line tied to its own entry. Browser
checks at 1440 and 390 px in headless Chromium; screenshots go to ``build/screenshots/``."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pybtex.database import parse_file

REPO = Path(__file__).resolve().parents[1]
BIB = parse_file(str(REPO / "bibliography" / "edition.bib"))
SHOTS = REPO / "build" / "screenshots"
SIZES = [{"width": 1440, "height": 900}, {"width": 390, "height": 844}]


def collation_key(label: str) -> str:
    """The documented rule: letters and digits only, without case or accents."""
    text = unicodedata.normalize("NFKD", label.replace("œ", "oe").replace("Œ", "Oe")).casefold()
    return "".join(c for c in text if c.isalnum())


def labels(edition_html) -> list[tuple[str, str]]:
    soup = edition_html.soup("bibliography.html")
    return [
        (entry["id"], entry.select_one("span.label").get_text().strip("[]")) for entry in soup.select("div.citation")
    ]


def test_entries_are_in_alphabetical_order_of_their_labels(edition_html) -> None:
    found = [label for _, label in labels(edition_html)]
    assert len(found) == len(BIB.entries)
    keys = [(collation_key(label.rsplit(" ", 1)[0]), label.rsplit(" ", 1)[1]) for label in found]
    out_of_order = [(a, b) for a, b, ka, kb in zip(found, found[1:], keys, keys[1:], strict=False) if ka > kb]
    assert not out_of_order, f"out of alphabetical order: {out_of_order[:5]}"
    # Names in lower case (web sites as authors) are not filed after Z, nor entries without an
    # author before A.
    first_letters = [collation_key(label)[0] for label in found]
    assert first_letters == sorted(first_letters)


def test_the_rule_is_documented_on_the_page_and_in_the_readme(edition_html) -> None:
    page = " ".join(edition_html.soup("bibliography.html").select_one("[role=main]").get_text().split())
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    for text in (page, readme):
        assert re.search(r"alphabetical order of (their|its) labels", text), "the order is not explained"
        assert re.search(r"ignoring case, accents", text), "the collation rule is not explained"


def test_labels_are_never_cut_mid_title(edition_html) -> None:
    by_title = {}
    for key, entry in BIB.entries.items():
        if not (entry.persons.get("author") or entry.persons.get("editor")):
            by_title[key] = entry
    assert by_title, "no entry without an author to check"
    found = [label for _, label in labels(edition_html)]
    assert not [label for label in found if "…" in label], "a label is cut with an ellipsis"
    plain = [re.sub(r"\s+", " ", label) for label in found]
    for key, entry in by_title.items():
        title = re.sub(r"[{}]", "", entry.fields["title"])
        short = re.sub(r"[{}]", "", entry.fields.get("shorttitle", title))
        assert title.startswith(short), f"{key}: shorttitle is not the start of the title"
        rest = title[len(short) :]
        assert rest == "" or re.match(r"[\s,.:;–—]", rest), f"{key}: shorttitle ends inside a word: {short!r}"
        assert short.count("«") == short.count("»"), f"{key}: shorttitle cuts a quotation: {short!r}"
        year = entry.fields.get("year", "n.d.")
        assert any(re.fullmatch(re.escape(short) + r" " + year + r"[a-z]?", label) for label in plain), (
            f"{key}: no label {short} {year} in {plain}"
        )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}")
def test_arriving_from_a_note_highlights_the_entry(browser, served_edition: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    href = page.eval_on_selector(".ed-annotation a[href*='bibliography.html#']", "a => a.getAttribute('href')")
    # The note's own link, followed as a click does (the note may be folded at this width).
    page.eval_on_selector(f".ed-annotation a[href='{href}']", "a => a.click()")
    page.wait_for_url(re.compile(r"bibliography\.html#"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"bibliography_landed_{size['width']}.png"))
    m = page.evaluate(
        """() => {
        const target = document.querySelector(':target');
        const bg = el => getComputedStyle(el).backgroundColor;
        const box = el => el.getBoundingClientRect();
        const header = document.querySelector('header');
        const entry = target.querySelector(':scope > p:not(.ed-cited-in)');
        const cited = target.querySelector(':scope > .ed-cited-in');
        const next = target.nextElementSibling;
        return {
          isEntry: target.matches('div.citation'),
          targetBg: bg(target), bodyBg: bg(document.body), htmlBg: bg(document.documentElement),
          outline: getComputedStyle(target).outlineStyle,
          top: box(target).top, bottom: box(target).bottom,
          headerBottom: header && getComputedStyle(header).position.match(/sticky|fixed/) ? box(header).bottom : 0,
          citedInside: !!cited,
          gapToOwn: cited ? box(cited).top - box(entry).bottom : null,
          gapToNext: cited && next ? box(next).top - box(cited).bottom : null,
          scrollWidth: document.documentElement.scrollWidth,
        };
    }"""
    )
    context.close()
    assert m["isEntry"], "the link does not land on a bibliography entry"
    assert m["targetBg"] not in ("rgba(0, 0, 0, 0)", "transparent", m["bodyBg"], m["htmlBg"]), m
    assert m["headerBottom"] <= m["top"] < size["height"] / 2, f"the entry is not at the top of the screen: {m}"
    assert m["citedInside"], "the entry lost its 'Cited in' line"
    assert m["gapToOwn"] is not None and m["gapToNext"] is not None
    assert m["gapToOwn"] * 2 <= m["gapToNext"], f"'Cited in' is not visibly its entry's: {m}"
    assert m["scrollWidth"] <= size["width"], f"the page scrolls sideways: {m['scrollWidth']} px"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}")
def test_the_bibliography_fits_the_screen(browser, served_edition: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{served_edition}/bibliography.html", wait_until="load")
    page.screenshot(path=str(SHOTS / f"bibliography_{size['width']}.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= size["width"], f"the page scrolls sideways: {width} px"


COUNT_SCANS = """
import collections, sys
import pybtex.plugin
from sphinx.cmd.build import main

scans = collections.Counter()
scan = pybtex.plugin.entry_points


def counted(*args, **kwargs):
    scans[kwargs.get("group")] += 1
    return scan(*args, **kwargs)


pybtex.plugin.entry_points = counted
status = main(["-q", "-b", "html", sys.argv[1], sys.argv[2]])
print(status, scans["pybtex.backends"])
"""


def test_pybtex_backends_are_looked_up_once_per_build_not_per_citation(tmp_path: Path) -> None:
    """sphinxcontrib-bibtex asks pybtex for its plain-text backend for every citation, and pybtex
    reads every installed distribution's entry points for each ask: a third of a build. The
    extension registers the class it finds once (pybtex's public ``register_plugin``)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    result = subprocess.run(
        [sys.executable, "-c", COUNT_SCANS, str(REPO / "edition"), str(tmp_path / "html")],
        capture_output=True,
        text=True,
        check=True,
    )
    status, scans = map(int, result.stdout.split())
    assert status == 0
    page = (tmp_path / "html" / "text.html").read_text(encoding="utf-8")
    citations = page.count('class="reference internal" href="bibliography.html#')
    assert citations > 20  # the count below would mean nothing without many citations
    # A few lookups a build (the docutils backend, the pinning itself), not one per citation;
    # and some: a count of 0 would mean the probe no longer sees pybtex's lookups at all.
    assert 1 <= scans <= 5, f"pybtex scanned the entry points for its backends {scans} times ({citations} citations)"
