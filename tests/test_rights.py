"""Rights: the edition says under which licence its own work (apparatus, translation, code) is
published, and that the French text is not under it, in CITATION.cff, on the about page and,
machine-readably, as a ``rel="license"`` link in the built HTML."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import EDITION, REPO, EditionBuild

CITATION = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_citation_cff_declares_the_licence() -> None:
    assert CITATION.get("license") == "CC-BY-4.0"
    # The code's licence is the package's (pyproject.toml), and the message names both.
    assert PYPROJECT["project"]["license"] == "MIT"
    message = CITATION["message"]
    assert "CC BY 4.0" in message and "MIT" in message


def test_about_page_states_the_rights() -> None:
    about = (EDITION / "about.md").read_text(encoding="utf-8")
    assert CC_BY in about
    assert "MIT" in about
    # The source text is not the edition's to license: the page says no permission is on record.
    assert re.search(r"no permission", about, re.IGNORECASE)


def test_built_pages_carry_a_rel_license_link(edition_html: EditionBuild) -> None:
    for page in ("about.html", "text.html", "index.html"):
        links = edition_html.soup(page).select('a[rel~="license"]')
        assert links, f"{page} has no rel=license link"
        assert {link["href"] for link in links} == {CC_BY}, page
