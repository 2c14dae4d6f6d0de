"""The extension's own documentation (``docs/``), built with the extension itself: every
configuration value, warning subtype and annotation field is documented (generated from their
definitions), and the quickstart's example edition builds exactly as the page shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, sphinx_build
from parallel_edition import publish
from parallel_edition.annotations.model import SCHEMA
from parallel_edition.config import SETTINGS
from parallel_edition.warnings_ import EditionWarning

DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("docs") / "html"
    assert sphinx_build(DOCS, outdir) == (0, "")
    return outdir


def page_text(outdir: Path, name: str) -> str:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser").get_text(" ")


def test_every_configuration_value_is_documented(docs: Path) -> None:
    text = page_text(docs, "configuration.html")
    for setting in SETTINGS:
        assert setting.name in text and setting.help.replace("``", "")[:20] in text


def test_every_warning_is_documented(docs: Path) -> None:
    text = page_text(docs, "warnings.html")
    for kind in EditionWarning:
        assert f"edition.{kind.value}" in text


def test_every_annotation_field_is_documented(docs: Path) -> None:
    text = page_text(docs, "annotations.html")
    for field in SCHEMA["properties"]:
        assert field in text


def test_the_docs_show_the_extension_at_work(docs: Path) -> None:
    page = BeautifulSoup((docs / "source-format.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('#exemple--fr[lang="fr"]') is not None
    assert page.select_one('#exemple--en[lang="en"]') is not None


def test_the_quickstart_example_builds_as_shown(docs: Path, tmp_path: Path) -> None:
    quickstart = BeautifulSoup((docs / "quickstart.html").read_text(encoding="utf-8"), "html.parser").get_text("")
    for example in ("conf.py", "text.md", "annotations/premier-mot.md"):
        for line in (DOCS / "example" / example).read_text(encoding="utf-8").splitlines():
            assert line in quickstart, f"the quickstart shows {example} as it is"
    outdir = tmp_path / "html"
    assert publish.main(["html", str(DOCS / "example"), str(outdir)]) == 0
    page = BeautifulSoup((outdir / "text.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("#ann--premier-mot") is not None
    assert [m.get_text() for m in page.select("mark")] == ["premier paragraphe", "first paragraph"]


def test_the_tei_and_dts_exports_are_documented(docs: Path) -> None:
    """The exports page names the files and the DTS templates the build writes (its own build:
    the docs are an edition made with the extension)."""
    import json  # noqa: PLC0415

    text = page_text(docs, "exports.html")
    assert "edition.tei.xml" in text and (docs / "edition.tei.xml").exists()
    entry = json.loads((docs / "dts" / "index.jsonld").read_text(encoding="utf-8"))
    for endpoint in ("collection", "navigation", "document"):
        assert entry[endpoint].removeprefix("/") in text, endpoint
    for setting in ("edition_translators", "edition_license", "edition_source_metadata", "edition_dts_ranges"):
        assert setting in text
