"""Citable paragraphs: numbers and permalinks, "cite this" in five forms, the
``{edition:para}`` role, the anchor registry, translation staleness, the passage index,
``citation_*`` meta tags and CITATION.cff, all carrying the edition's version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, SEED, EditionBuild, copy_root, sphinx_build
from conftest import build_project as build
from edition_text import cite_panel, seed_blocks
from parallel_edition.cite import text_hash
from pybtex.database import parse_string
from sphinx.util.inventory import InventoryFile

CITATION = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
VERSION = str(CITATION["version"])


# -- the real edition ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(edition_html: EditionBuild) -> BeautifulSoup:
    assert edition_html.status == 0, edition_html.warnings
    return edition_html.soup("text.html")


def blocks(page: BeautifulSoup) -> list:
    return page.select("[role=main] .ed-pair, [role=main] section.ed-section")


def test_every_block_shows_its_number_in_both_columns_as_a_permalink(page: BeautifulSoup) -> None:
    rows = blocks(page)
    assert len(rows) == 29
    for expected, row in enumerate(rows, 1):
        numbers = [
            a
            for a in row.select(".ed-num")
            if a.find_parent(["section", "div"], class_=["ed-pair", "ed-section"]) is row
        ]
        assert [a.get_text() for a in numbers] == [f"¶\u00a0{expected}"] * 2, row["id"]
        assert {a["href"] for a in numbers} == {f"#{row['id']}"}
        assert all(a.has_attr("data-ed-apparatus") for a in numbers)


def test_every_block_can_be_cited_in_seven_forms(page: BeautifulSoup) -> None:
    for number, row in enumerate(blocks(page), 1):
        links = [a for a in row.select("a.ed-cite") if a.find_parent(class_=["ed-pair", "ed-section"]) is row]
        assert len(links) == 1, row["id"]
        anchor = row["id"]
        assert links[0]["href"] == f"cite.html#cite-{anchor}" and links[0]["data-ed-number"] == str(number)
        cite = cite_panel(page, anchor)
        chicago = cite.select_one(".ed-cite-chicago").get_text()
        assert f"Version {VERSION}" in chicago and f"para. {number}." in chicago and f"text.html#{anchor}" in chicago
        assert CITATION["title"] in chicago
        mla = cite.select_one(".ed-cite-mla").get_text()
        assert f"version {VERSION}" in mla and f"par. {number}," in mla and mla.endswith(f"text.html#{anchor}.")
        bib = parse_string(cite.select_one(".ed-cite-biblatex").get_text(), "bibtex")
        ((key, entry),) = bib.entries.items()
        assert key == f"hdh-edition-{anchor}" and entry.type == "online"
        assert entry.fields["version"] == VERSION and entry.fields["note"] == f"paragraph {number}"
        bib = parse_string(cite.select_one(".ed-cite-bibtex").get_text(), "bibtex")
        ((key, entry),) = bib.entries.items()
        assert key == f"hdh-edition-{anchor}" and entry.type == "misc"
        assert entry.fields["note"] == f"Version {VERSION}, paragraph {number}" and entry.fields["year"] == "2026"
        (csl,) = json.loads(cite.select_one(".ed-cite-csl").get_text())
        assert csl["version"] == VERSION and csl["URL"].endswith(f"text.html#{anchor}")
        (cited,) = json.loads(cite.select_one(".ed-cite-csl-citation").get_text())["citationItems"]
        assert (cited["locator"], cited["label"], cited["itemData"]) == (str(number), "paragraph", csl)
        ris = cite.select_one(".ed-cite-ris").get_text().splitlines()
        assert ris[0] == "TY  - ELEC" and ris[-1] == "ER  - " and f"N1  - Paragraph {number}" in ris
        assert f"ET  - {VERSION}" in ris and any(line.startswith("UR  - ") and line.endswith(anchor) for line in ris)


def test_passage_index(edition_html: EditionBuild) -> None:
    index = json.loads((edition_html.outdir / "passages.json").read_text(encoding="utf-8"))
    assert index["edition"]["version"] == VERSION
    passages = index["passages"]
    assert [p["number"] for p in passages] == list(range(1, 30))
    page_ids = [row["id"] for row in blocks(edition_html.soup("text.html"))]
    assert [p["anchor"] for p in passages] == page_ids
    seed = seed_blocks(SEED.read_text(encoding="utf-8"))
    for passage, (kind, content) in zip(passages, seed, strict=True):
        assert passage["version"] == VERSION and passage["url"].endswith(f"text.html#{passage['anchor']}")
        assert passage["original"]["lang"] == "fr" and passage["translation"]["lang"] == "en"
        assert passage["translation"]["text"]
        assert re.fullmatch(r"[0-9a-f]{8}", passage["original"]["hash"])
        if kind == "text":
            assert passage["original"]["text"] == content
        elif kind == "list":
            assert passage["original"]["text"].split("\n") == content
        else:
            assert passage["original"]["text"] == content[1]


def test_meta_tags_and_citation_cff(page: BeautifulSoup) -> None:
    meta = {tag["name"]: tag["content"] for tag in page.select("meta[name^=citation_]")}
    assert meta["citation_title"] == CITATION["title"]
    assert meta["citation_version"] == VERSION
    assert meta["citation_publication_date"] == str(CITATION["date-released"]).replace("-", "/")
    assert CITATION["cff-version"] == "1.2.0"
    assert {"title", "version", "date-released", "authors", "message"} <= set(CITATION)


def test_the_registry_lists_every_published_anchor(edition_html: EditionBuild) -> None:
    registry = yaml.safe_load((REPO / "edition" / "anchors.yml").read_text(encoding="utf-8"))
    index = json.loads((edition_html.outdir / "passages.json").read_text(encoding="utf-8"))
    assert {p["anchor"]: p["original"]["hash"] for p in index["passages"]} == {
        anchor: entry["hash"] for anchor, entry in registry["anchors"].items()
    }


def test_inventory_offers_the_blocks_to_intersphinx(edition_html: EditionBuild) -> None:
    with (edition_html.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org/", lambda base, uri: base + uri)
    blocks_ = inventory["edition:block"]
    assert len(blocks_) == 29
    assert blocks_["hdh-term"].uri.endswith("text.html#hdh-term")
    assert blocks_["hdh-term"].display_name == "¶ 5"
    # ... but not to the search page, where "¶ 5" would only be noise.
    index = (edition_html.outdir / "searchindex.js").read_text(encoding="utf-8")
    search = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    assert search["objects"] == {} and "edition:block" not in search["objtypes"].values()
    assert len(search["terms"]) > 100  # the text itself is indexed


def test_search_shows_headings_without_their_apparatus(edition_html: EditionBuild) -> None:
    """The search page lists sections by their titles and finds words of the text: block numbers
    ("¶ 7") and annotation markers ("[c]") are apparatus, not words of either."""
    index = (edition_html.outdir / "searchindex.js").read_text(encoding="utf-8")
    search = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    titles = list(search["alltitles"])
    assert "Un peu d’histoire / A little history" in titles, titles
    assert "Qu’est-ce que le Health Data Hub / What is the Health Data Hub?" in titles, titles
    assert not [title for title in titles if "¶" in title or "[" in title]
    page = edition_html.soup("text.html")
    letters = {marker["data-ed-letter"] for marker in page.select("a.ed-marker")}
    # Letters the edition shows (markers, heads, "cited in" links) and that are no word of the
    # text or the bibliography, as single letters and "ai" or "au" are in French:
    apparatus_only = {"ag", "ah", "ak", "aq", "ax"}
    assert apparatus_only <= letters
    assert not apparatus_only & set(search["terms"])
    assert {"hub", "health"} <= set(search["terms"])


# -- small projects: role, registry, staleness ------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("registry", tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_paragraph_role_links_with_its_number(project: Path) -> None:
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select("a.reference.internal")
    by_text = {a.get_text(): a["href"] for a in links}
    assert by_text["¶\u00a02"] == "text.html#premier"
    assert by_text["the list"] == "text.html#liste"


def test_unknown_paragraph_reference_is_an_error(project: Path) -> None:
    edit(project / "index.md", "{edition:para}`premier`", "{edition:para}`nowhere`")
    status, warnings, _ = build(project)
    assert status != 0
    assert re.search(r"index\.md:3: WARNING: no block has the anchor nowhere", warnings)


def test_citations_use_the_base_url_and_version(project: Path) -> None:
    _, _, outdir = build(project)
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    text = cite_panel(soup, "premier").select_one(".ed-cite-chicago").get_text()
    assert (
        text
        == "Ada Editor. 2026. “A Test Edition.” Version 2.1.0. November 28, para. 2. https://example.org/edition/text.html#premier."
    )
    meta = {tag["name"]: tag["content"] for tag in soup.select("meta[name^=citation_]")}
    assert meta["citation_public_url"] == "https://example.org/edition/text.html"


def test_single_page_builds_cite_the_one_page(tmp_path: Path) -> None:
    """With singlehtml every document is in the root page, whose builder gives targets such as
    ``#document-text``: a block's URL is that page and the block's anchor (one fragment)."""
    status, warnings, outdir = build(copy_root("annotations", tmp_path), builder="singlehtml")
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("template#ed-cite-template")["data-ed-url"] == "https://example.org/ed/index.html#\ue000"
    index = json.loads((outdir / "passages.json").read_text(encoding="utf-8"))
    urls = [passage["url"] for passage in index["passages"]]
    assert "https://example.org/ed/index.html#premier" in urls
    assert all(url.count("#") == 1 for url in urls), urls
    export = json.loads((outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    items = export["first"]["items"]
    assert items
    assert {target["source"] for item in items for target in item["target"]} == {"https://example.org/ed/index.html"}
    assert all(item["id"].count("#") == 1 for item in items), [item["id"] for item in items]
    # The bibliography's "cited in" links go to each annotation in the same page.
    cited_in = [a["href"] for a in soup.select(".ed-cited-in a")]
    assert "#ann--oui" in cited_in, cited_in
    assert all(href.count("#") == 1 for href in cited_in), cited_in
    # Pages are named as html_link_suffix says, as the html builder names them.
    _, _, bare = build(copy_root("annotations", tmp_path / "bare"), "-D", "html_link_suffix=", builder="singlehtml")
    soup = BeautifulSoup((bare / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("template#ed-cite-template")["data-ed-url"] == "https://example.org/ed/index#\ue000"


def test_citation_fields_holding_the_template_stand_ins_are_cited_as_they_are(project: Path) -> None:
    # The page's cite panel is one template with private-use stand-ins for the anchor and the
    # number; with a title that holds one, no template is written (none could be filled in
    # safely) and each cite link leads to its block instead.
    title = "Odd \ue000 title \ue001"
    status, warnings, outdir = build(project, "-D", f"edition_cite_title={title}")
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("template#ed-cite-template") is None
    for anchor in ("premier", "liste"):
        assert soup.select_one(f'a.ed-cite[data-ed-cite="{anchor}"]')["href"] == f"#{anchor}"


def test_a_removed_anchor_fails_the_build(project: Path) -> None:
    edit(project / "text.md", ":::{fr} liste", ":::{fr} liste-new")
    edit(project / "text.md", ":::{en} liste", ":::{en} liste-new")
    status, warnings, _ = build(project)
    assert status != 0
    assert re.search(
        r"anchors\.yml:9: WARNING: published anchor 'liste' .* no longer exists.*\[edition\.anchor_removed\]", warnings
    )
    assert re.search(
        r"text\.md:\d+: WARNING: anchor 'liste-new' is not in the anchor registry.*\[edition\.unregistered_anchor\]",
        warnings,
    )


def test_an_anchor_moved_to_another_block_fails_the_build(project: Path) -> None:
    # Swap the anchors of two blocks: each anchor now names another block.
    text = (project / "text.md").read_text(encoding="utf-8")
    text = text.replace("} premier", "} TMP").replace("} liste", "} premier").replace("} TMP", "} liste")
    (project / "text.md").write_text(text, encoding="utf-8")
    status, warnings, _ = build(project)
    assert status != 0
    moved = re.findall(r"text\.md:\d+: WARNING: published anchor '(\w+)' now names a different block", warnings)
    assert sorted(moved) == ["liste", "premier"]


def test_a_renamed_anchor_keeps_working_through_its_alias(project: Path) -> None:
    edit(project / "text.md", ":::{fr} premier", ":::{fr} first")
    edit(project / "text.md", ":::{en} premier", ":::{en} first")
    edit(project / "anchors.yml", "aliases: {}", "aliases:\n  premier: first")
    edit(project / "anchors.yml", "  liste:", "  first: {doc: text, hash: 65677e23}\n  liste:")
    status, warnings, outdir = build(project)
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    old = soup.find(id="premier")
    assert old is not None
    # The old id stands inside the renamed block, so #premier lands on it.
    assert old.find_parent(class_="ed-pair") is soup.find(id="first")
    index = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "text.html#first" in [a["href"] for a in index.select("a.reference.internal")]


def test_a_bad_alias_and_a_malformed_registry_are_reported(project: Path) -> None:
    edit(project / "anchors.yml", "aliases: {}", "aliases:\n  gone: nowhere")
    status, warnings, _ = build(project)
    assert status != 0
    assert re.search(r"anchors\.yml:12: WARNING: alias 'gone' points to 'nowhere'.*\[edition\.bad_alias\]", warnings)
    (project / "anchors.yml").write_text("anchors: [oops\n", encoding="utf-8")
    status, warnings, _ = build(project)
    assert status != 0
    assert re.search(
        r"anchors\.yml:\d+: WARNING: the anchor registry is not valid YAML.*\[edition\.bad_registry\]", warnings
    )


def test_a_non_slug_alias_is_reported_and_never_reaches_the_pages_or_the_latex(project: Path) -> None:
    """An old name with TeX's special characters (# and %) would break the PDF's destinations."""
    edit(project / "anchors.yml", "aliases: {}", "aliases:\n  old_name#1: premier\n  Ancien%nom: premier")
    status, warnings, outdir = build(project)
    assert status != 0
    assert re.search(
        r"anchors\.yml:12: WARNING: alias 'old_name#1' is not a lowercase ASCII slug.*\[edition\.bad_alias\]", warnings
    )
    assert re.search(
        r"anchors\.yml:13: WARNING: alias 'Ancien%nom' is not a lowercase ASCII slug.*\[edition\.bad_alias\]", warnings
    )
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="old_name#1") is None and soup.find(id="Ancien%nom") is None
    _, _, latexdir = build(project, builder="latex")
    tex = next(latexdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "old_name#1" not in tex and "Ancien%nom" not in tex
    assert "\\hypertarget{premier}{}" in tex


def test_a_changed_original_makes_its_translation_stale(project: Path) -> None:
    edit(project / "text.md", 'Il a dit "oui"', 'Il a dit "non"')
    status, warnings, _ = build(project)
    assert status != 0
    new_hash = text_hash('Il a dit "non" -- puis... l\'a écrit{noteref}`note-a`.')
    assert re.search(
        rf"text\.md:15: WARNING: translation 'premier' is stale: .* now hashes {new_hash}\."
        r".*\[edition\.stale_translation\]",
        warnings,
    )
    # The registry notices too: the anchor's original is no longer the published one.
    assert "[edition.anchor_moved]" in warnings


def test_a_translation_must_record_its_source_hash(project: Path) -> None:
    edit(project / "text.md", ":source-hash: 65677e23\n", "")
    status, warnings, _ = build(project)
    assert status != 0
    assert re.search(
        r"text\.md:15: WARNING: translation 'premier' .* add `:source-hash: 65677e23`"
        r".*\[edition\.unhashed_translation\]",
        warnings,
    )


EXERCISED = {
    "stale_translation",
    "unhashed_translation",
    "bad_registry",
    "unregistered_anchor",
    "anchor_removed",
    "anchor_moved",
    "bad_alias",
}


def test_other_projects_cite_paragraphs_through_intersphinx(edition_html: EditionBuild, tmp_path: Path) -> None:
    srcdir = tmp_path / "other"
    srcdir.mkdir()
    inventory = edition_html.outdir / "objects.inv"
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.intersphinx", "parallel_edition"]\n'
        f'intersphinx_mapping = {{"hdh": ("https://example.org/hdh/", {str(inventory)!r})}}\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Other\n\nAs {external+hdh:edition:para}`hdh-term` says.\n", encoding="utf-8")
    status, warnings = sphinx_build(srcdir, tmp_path / "html")
    assert (status, warnings) == (0, "")
    soup = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.reference.external")
    assert link["href"] == "https://example.org/hdh/text.html#hdh-term"
    assert link.get_text(" ", strip=True).replace("\u00a0", " ") == "¶ 5"


def test_exports_are_json_with_one_item_a_line() -> None:
    from parallel_edition.exports.jsonlines import ITEMS, json_with_items  # noqa: PLC0415

    items = [{"text": "« L’État »\u00a0!", "n": 1}, {"text": 'a "quote"\nand a line', "n": 2}]
    text = json_with_items({"head": {"items": ITEMS}, "after": True}, items)
    assert json.loads(text) == {"head": {"items": items}, "after": True}
    assert text.count("\n") == len(items) + 2  # the head, one line per item, the close
    assert json.loads(json_with_items({"items": ITEMS}, [])) == {"items": []}
    with pytest.raises(ValueError, match="exactly once"):
        json_with_items({"a": ITEMS, "b": ITEMS}, items)
