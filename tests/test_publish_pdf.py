"""Issue #17, item 5: the typeset PDF is published with the HTML and offered in every page's
header when ``edition_pdf`` names a file that exists; when it does not, no page offers it."""

from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build_project, copy_root
from pypdf import PdfWriter


def test_the_pdf_goes_out_with_the_html_and_every_page_links_it(tmp_path: Path) -> None:
    srcdir = copy_root("annotations", tmp_path)
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    (srcdir / "edition.pdf").write_bytes(buffer.getvalue())
    status, warnings, outdir = build_project(
        srcdir, "-D", "html_theme=parallel_edition", "-D", "edition_pdf=edition.pdf"
    )
    assert (status, warnings) == (0, "")
    assert (outdir / "edition.pdf").read_bytes() == buffer.getvalue()
    for page in ("index.html", "text.html"):
        link = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser").select_one(
            ".ed-site-nav a[type='application/pdf']"
        )
        assert link is not None and link["href"] == "edition.pdf", page


def test_no_pdf_no_link(tmp_path: Path) -> None:
    srcdir = copy_root("annotations", tmp_path)
    status, warnings, outdir = build_project(
        srcdir, "-D", "html_theme=parallel_edition", "-D", "edition_pdf=missing.pdf"
    )
    assert (status, warnings) == (0, "")
    assert not list(outdir.glob("*.pdf"))
    soup = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".ed-site-nav a[type='application/pdf']") == []
