"""The PDF edition, compiled by real LaTeX (XeLaTeX) and read back: the French text is the
seed, every English block, annotation and bibliography entry is there, every anchor is a named
destination, and the LaTeX log is clean."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
import yaml
from conftest import EDITION, REPO, SEED, require_tex
from edition_text import seed_blocks
from parallel_edition import publish
from parallel_edition.annotations.files import load_annotations
from pybtex.database import parse_file

#: Overfull boxes allowed in the whole book (today: 2, in a table of CONTRIBUTING.md).
OVERFULL_BUDGET = 4
LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"})
BODY_SIZE = 10.0
HEADINGS = {
    heading.strip()
    for heading in re.findall(r":::\{fr\} [a-z0-9-]+\n:heading: \d\n(.*?)\n", (EDITION / "text.md").read_text("utf-8"))
}


@dataclass
class PdfBuild:
    pdf: Path
    log: str
    doc: pymupdf.Document


#: Fixed, so that the PDF is reproducible (``make pdf`` takes the last commit's time).
SOURCE_DATE_EPOCH = "1768262400"


def compile_pdf(folder: Path) -> tuple[Path, str]:
    """The edition through Sphinx's LaTeX builder and XeLaTeX, as ``make pdf`` does it
    (``python -m parallel_edition.publish pdf``: strict, confined TeX, a time limit)."""
    require_tex()
    outdir = folder / "pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        status = publish.main(["pdf", str(EDITION), str(outdir)])
    latexdir = folder / ".pdf.latex"
    (pdf,) = outdir.glob("*.pdf") or [None]
    log = next(latexdir.glob("*.log")).read_text(encoding="utf-8", errors="replace")
    assert status == 0 and pdf is not None, log[-3000:]
    return pdf, log


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    pdf, log = compile_pdf(tmp_path_factory.mktemp("pdf"))
    return PdfBuild(pdf, log, pymupdf.open(pdf))


def test_the_pdf_is_reproducible(pdf_build: PdfBuild, tmp_path: Path) -> None:
    """Given SOURCE_DATE_EPOCH, a second build gives the same PDF, byte for byte."""
    again, _ = compile_pdf(tmp_path)
    assert again.read_bytes() == pdf_build.pdf.read_bytes()


def test_latex_log_is_clean_and_within_the_overfull_budget(pdf_build: PdfBuild) -> None:
    errors = [line for line in pdf_build.log.splitlines() if line.startswith("!")]
    assert errors == []
    overfull = re.findall(r"^Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\) (?:in|has)", pdf_build.log, re.M)
    print(
        f"\noverfull boxes: {len(overfull)} (budget {OVERFULL_BUDGET}); worst {max(map(float, overfull), default=0)} pt"
    )
    assert len(overfull) <= OVERFULL_BUDGET
    assert all(float(points) < 20 for points in overfull)


def test_every_anchor_is_a_named_destination(pdf_build: PdfBuild) -> None:
    names = pdf_build.doc.resolve_names()
    anchors = [line.split(":")[0].strip() for line in (EDITION / "anchors.yml").read_text().splitlines()
               if re.match(r"  [a-z]", line)]  # fmt: skip
    assert len(anchors) == 29
    missing = [anchor for anchor in anchors if anchor not in names]
    assert missing == []
    # Destinations follow the text: each block's page is not before the previous block's.
    pages = [names[anchor]["page"] for anchor in anchors]
    assert pages == sorted(pages)


def text_pages(doc: pymupdf.Document) -> range:
    """From the title to the page before the next chapter: the last note's annotations may run
    on past the page where the note starts."""
    names = doc.resolve_names()
    last = names["note-usine-digitale"]["page"]
    chapters = [v["page"] for k, v in names.items() if k.startswith("chapter.") and v.get("page", -1) > last]
    return range(names["title"]["page"], min(chapters, default=last + 1))


def in_french_body(span: dict, width: float, height: float) -> bool:
    """Body-size text (not numbers, markers, footnotes or headings) in the first column, off
    the running header and footer."""
    x, y = span["bbox"][0], span["bbox"][1]
    return abs(span["size"] - BODY_SIZE) < 0.3 and x < width * 0.38 and 40 < y < height - 45


def french_column(doc: pymupdf.Document) -> str:
    """The body text of the French column of the text's pages, line by line."""
    lines: list[tuple[int, float, float, str]] = []
    width = doc[0].rect.width
    for number in text_pages(doc):
        page = doc[number]
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                spans = [s for s in line["spans"] if in_french_body(s, width, page.rect.height)]
                if spans:
                    lines.append(
                        (number, round(spans[0]["bbox"][1], 1), spans[0]["bbox"][0], "".join(s["text"] for s in spans))
                    )
    lines.sort()
    return "\n".join(text for *_, text in lines).translate(LIGATURES)


def test_french_text_satisfies_the_verbatim_rule(pdf_build: PdfBuild) -> None:
    """Every character of the seed's paragraphs, lists and notes, in order. Allowed: whitespace
    (PDF text does not tell a no-break space from a space), hyphens that French hyphenation
    adds at a line's end, the "•" of list items, and note calls, which are footnote marks."""
    expected = ""
    for kind, content in seed_blocks(SEED.read_text(encoding="utf-8")):
        if kind == "text":
            if content in HEADINGS:  # headings are full-width titles: checked below
                continue
            expected += re.sub(r"\[\d\]", "", content)
        elif kind == "list":
            expected += "".join(content)
        else:
            number, text = content
            expected += f"[{number}]{text}"
    mismatch = first_mismatch(expected, french_column(pdf_build.doc))
    assert mismatch is None, mismatch


def first_mismatch(expected: str, pdf: str) -> str | None:
    """Where the PDF's text departs from *expected*, or None. Whitespace is ignored, and so
    are a hyphen that ends a line (hyphenation) and the bullets of list items."""
    expected = re.sub(r"\s", "", expected)
    pdf = pdf.replace("•", "")
    got, line_end_hyphen = [], []
    for index, char in enumerate(pdf):
        if char.isspace():
            continue
        got.append(char)
        line_end_hyphen.append(char == "-" and pdf[index + 1 : index + 2] == "\n")
    i = j = 0
    while i < len(expected):
        if j >= len(got):
            return f"the PDF's text stops before {expected[i : i + 60]!r}"
        if expected[i] == got[j]:
            i, j = i + 1, j + 1
        elif line_end_hyphen[j]:
            j += 1
        else:
            return f"seed {expected[max(0, i - 40) : i + 40]!r}\n vs pdf {''.join(got[max(0, j - 40) : j + 40])!r}"
    rest = "".join(got[j:])
    return f"the PDF has more text: {rest[:60]!r}" if rest else None


def test_the_comparison_can_fail() -> None:
    assert first_mismatch("la procédure d’achat", "la procé-\ndure\nd’achat") is None
    assert first_mismatch("Morin-Dessailly", "Morin-\nDessailly") is None
    assert first_mismatch("Agnès Buzin", "Agnès Buzyn") is not None
    assert first_mismatch("procédure", "procé- dure") is not None  # a hyphen inside a line is text
    assert first_mismatch("ceci\u00a0:", "ceci :") is None
    assert first_mismatch("ceci", "ceci en plus") is not None


MARKER = re.compile(r"\[[a-z]{1,2}\]")


def flat(text: str) -> str:
    """Text without whitespace, annotation markers, and the hyphens that end a line."""
    return re.sub(r"\s", "", MARKER.sub("", re.sub(r"-\n", "", text.translate(LIGATURES))))


@pytest.fixture(scope="module")
def whole_text(pdf_build: PdfBuild) -> tuple[str, str]:
    text = "\n".join(page.get_text() for page in pdf_build.doc)
    return flat(text), re.sub(r"\s", "", MARKER.sub("", text.translate(LIGATURES)))


def present(snippet: str, whole_text: tuple[str, str]) -> bool:
    wanted = re.sub(r"\s", "", snippet)
    return wanted in whole_text[0] or wanted in whole_text[1]


def test_french_headings_are_verbatim(whole_text) -> None:
    """As written, case included: no chapter style may uppercase them (fncychap's do)."""
    found = 0
    for kind, content in seed_blocks(SEED.read_text(encoding="utf-8")):
        if kind == "text" and content in HEADINGS:
            found += 1
            assert present(content, whole_text), content
            if content != content.upper():
                assert not present(content.upper(), whole_text), f"uppercased in the PDF: {content}"
    assert found == len(HEADINGS) == 6


def test_the_outline_gives_french_headings_verbatim_and_one_bibliography(pdf_build: PdfBuild) -> None:
    """The bookmarks: each French heading as written, then its English one (no annotation
    markers in them); the bibliography once, as the chapter where its entries are."""
    toc = pdf_build.doc.get_toc()
    titles = [title for _, title, _ in toc]
    for heading in HEADINGS:
        assert any(title.startswith(f"{heading} / ") for title in titles), heading
    assert not [title for title in titles if MARKER.search(title)]
    chapters = [(title, page) for level, title, page in toc if level == 1]
    assert [title for title, _ in chapters].count("Bibliography") == 1
    names = [title for title, _ in chapters]
    start = dict(chapters)["Bibliography"]
    end = chapters[names.index("Bibliography") + 1][1] if names[-1] != "Bibliography" else len(pdf_build.doc)
    entries = "".join(pdf_build.doc[number - 1].get_text() for number in range(start, end + 1))
    assert "Kern Consulting" in entries and "CNIL" in entries  # the entries are in that chapter


def test_every_english_block_is_there(whole_text) -> None:
    source = (EDITION / "text.md").read_text(encoding="utf-8")
    blocks = re.findall(r":::\{en\} [a-z0-9-]+\n(?::source-hash: \w+\n)?(.*?)\n:::", source, re.S)
    assert len(blocks) == 29
    for block in blocks:
        first = re.sub(r"\{noteref\}`[^`]+`|<|>|^- ", "", block.split("\n")[0])[:40]
        assert present(first, whole_text) or present(first.upper(), whole_text), first


def test_every_annotation_and_bibliography_entry_is_there(whole_text) -> None:
    notes = load_annotations(EDITION / "annotations").annotations
    assert len(notes) >= 25
    for note in notes:
        words = re.sub(r"\{[^}]+\}`[^`]*`|[*_]", "", note.body).split()[:6]
        assert present(" ".join(words), whole_text), note.id
    for key, entry in parse_file(str(EDITION.parent / "bibliography" / "edition.bib")).entries.items():
        title = entry.fields.get("title") or entry.fields.get("howpublished") or entry.fields["note"]
        assert present(title[:30].replace("{", "").replace("}", ""), whole_text), key


def test_title_page_gives_provenance_and_version(pdf_build: PdfBuild) -> None:
    first = pdf_build.doc[0].get_text()
    assert "Kern Consulting" in first and "13 January 2026" in first
    assert re.search(r"Edition version \d+\.\d+\.\d+", first)
    toc = pdf_build.doc.get_toc()
    assert any("Introduction" in title for _, title, _ in toc)
    assert any("Bibliography" in title for _, title, _ in toc)


def test_pdf_metadata_names_the_edition(pdf_build: PdfBuild) -> None:
    """What reference managers read from the file itself."""
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    metadata = pdf_build.doc.metadata
    assert metadata["title"] == citation["title"]
    assert metadata["author"] == ", ".join(person["name"] for person in citation["authors"])
    assert metadata["keywords"] == ", ".join(citation["keywords"])


def test_pdf_declares_its_language(pdf_build: PdfBuild) -> None:
    """The document's language (the apparatus's, as ``language`` in conf.py) in the Catalog."""
    doc = pdf_build.doc
    assert doc.xref_get_key(doc.pdf_catalog(), "Lang") == ("string", "en")


XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}


def test_pdf_xmp_metadata_names_title_editors_version_and_licence(pdf_build: PdfBuild) -> None:
    """The XMP packet (what archives and PDF/A tools read), parsed as RDF/XML."""
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    packet = pdf_build.doc.get_xml_metadata()
    assert packet, "no XMP metadata stream"
    root = ET.fromstring(packet.strip().split("?>", 1)[1].rsplit("<?xpacket", 1)[0])

    def values(path: str) -> list[str]:
        return [(element.text or "").strip() for element in root.iterfind(f".//{path}", XMP)]

    assert values("dc:title/rdf:Alt/rdf:li") == [citation["title"]]
    assert values("dc:creator/rdf:Seq/rdf:li") == [person["name"] for person in citation["authors"]]
    assert values("xmpMM:VersionID") == [str(citation["version"])]
    assert values("xmpRights:WebStatement") == [citation["license-url"]]
    assert "CC BY 4.0" in values("dc:rights/rdf:Alt/rdf:li")[0]
    assert values("dc:date/rdf:Seq/rdf:li") == [str(citation["date-released"])]
    assert {"en", "fr"} <= set(values("dc:language/rdf:Bag/rdf:li"))


def test_printing_the_text_page_takes_at_most_half_as_many_pages_again_as_the_typeset_text(
    pdf_build: PdfBuild, browser, served_edition: str
) -> None:
    """Issue #17, item 5: the browser's print of text.html (A4, both languages, every note under
    its block) takes no more than 1.5 times the pages of the text in the typeset PDF. The first
    printed pages are saved as pictures to be looked at."""
    typeset = len(text_pages(pdf_build.doc))
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{served_edition}/text.html", wait_until="load")
    printed = pymupdf.open(stream=page.pdf(format="A4", print_background=True), filetype="pdf")
    context.close()
    shots = REPO / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for number in range(min(3, len(printed))):
        printed[number].get_pixmap(dpi=60).save(shots / f"print_p{number + 1}.png")
    print(f"printed: {len(printed)} pages; typeset text: {typeset} pages")
    assert len(printed) <= 1.5 * typeset, (len(printed), typeset)
    text = " ".join(p.get_text() for p in printed)
    assert "Le terme HDH" in text and "The term HDH" in text and "read Buzyn" in text
