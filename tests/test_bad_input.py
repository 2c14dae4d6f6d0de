"""Bad sources give a clear warning naming file, line and anchor, of a documented subtype;
strict builds (-W) exit non-zero."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_annotations
import test_citation
import test_hostile
from conftest import copy_root, sphinx_build
from parallel_edition.config import SETTINGS
from parallel_edition.warnings_ import EditionWarning

ROOTS = Path(__file__).parent / "roots"

# root -> every warning the strict build must give: (file:line, subtype, words it must contain)
CASES = {
    "missing-translation": [("index.md:3", "missing_translation", ["'seul'", "add a {en} block"])],
    "missing-original": [("index.md:12", "missing_original", ["'orphan'", "no {fr} block"])],
    "duplicate-anchor": [
        ("index.md:12", "duplicate_anchor", ["'same'", "first at line 3"]),
        ("index.md:16", "missing_original", ["'other'"]),
    ],
    "duplicate-across-docs": [("other.md:3", "duplicate_anchor", ["'shared'", "document 'index'"])],
    "empty-block": [("index.md:3", "empty_block", ["'vide'", "is empty"])],
    "bad-anchor": [
        ("index.md:3", "bad_anchor", ["'Mauvais_Ancre#1'", "URL fragment"]),
        ("index.md:7", "bad_anchor", ["'Mauvais_Ancre#1'", "URL fragment"]),
    ],
    "note-problems": [
        ("index.md:4", "unknown_note", ["'inconnue'"]),
        ("index.md:17", "uncited_note", ["'note-x'", "{noteref}`note-x`"]),
        ("index.md:7", "note_mismatch", ["'texte'", "['note-x', 'inconnue']"]),
    ],
    "bad-heading": [("index.md:3", "bad_heading", ["'titre'", "one line of text"])],
    "bad-config": [("conf.py:4", "config", ["edition_original_lang", "'French!'"])],
}

WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<message>.*) \[edition\.(?P<subtype>\w+)\]$")


@pytest.mark.parametrize("root", sorted(CASES))
def test_bad_input_is_reported_precisely(root: str, tmp_path: Path) -> None:
    status, warnings = sphinx_build(ROOTS / f"test-{root}", tmp_path / "html")
    assert status != 0, "a strict build must fail"
    found = []
    for line in warnings.splitlines():
        match = WARNING.match(line)
        assert match, f"not a located, typed warning: {line!r}"
        path = Path(match["path"])
        assert path.is_absolute() and path.parent == ROOTS / f"test-{root}"
        found.append((f"{path.name}:{match['line']}", match["subtype"], match["message"]))
    assert [(where, subtype) for where, subtype, _ in found] == [(w, s) for w, s, _ in CASES[root]]
    for (_, _, message), (_, _, words) in zip(found, CASES[root], strict=True):
        for word in words:
            assert word in message


def test_a_clean_root_builds_strictly(tmp_path: Path) -> None:
    status, warnings = sphinx_build(ROOTS / "test-basic", tmp_path / "html")
    assert (status, warnings) == (0, "")


def test_every_subtype_is_exercised() -> None:
    exercised = (
        {subtype for cases in CASES.values() for _, subtype, _ in cases}
        | test_citation.EXERCISED
        | test_annotations.EXERCISED
        | test_hostile.EXERCISED
    )
    assert exercised == {kind.value for kind in EditionWarning}


#: A wrong value for every configuration value of the extension.
BAD_VALUES = {
    "edition_original_lang": "French!",
    "edition_translation_lang": "en_GB!",
    "edition_language_names": {"fr": 1},
    "edition_cite_title": 5,
    "edition_cite_authors": ["A. Editor", ""],
    "edition_cite_date": "2026-02-30",
    "edition_cite_key": "a key with spaces",
    "edition_cite_page": ["cite"],
    "edition_pdf": 3,
    "edition_cite_title_original": ["not", "a text"],
    "edition_organisations": "The editors",
    "edition_source": 5,
    "edition_anchor_registry": 5,
    "edition_annotations": 5,
    "edition_registry_update": "yes",
    "edition_translators": ["A. Translator", ""],
    "edition_license": "CC BY 4.0",
    "edition_rights": 5,
    "edition_source_metadata": {"title": "T", "date": "13 January 2026"},
    "edition_dts": "yes",
    "edition_dts_ranges": -1,
}


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_every_configuration_value_is_checked(name: str, tmp_path: Path) -> None:
    assert set(BAD_VALUES) == {setting.name for setting in SETTINGS}
    srcdir = copy_root("basic", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"{name} = {BAD_VALUES[name]!r}\n", encoding="utf-8")
    line = len(conf.read_text(encoding="utf-8").splitlines())
    status, warnings = sphinx_build(srcdir, tmp_path / "html")
    assert status != 0
    ours = [w for w in warnings.splitlines() if "[edition.config]" in w]
    assert len(ours) == 1 and f"conf.py:{line}: WARNING: {name} = {BAD_VALUES[name]!r} is not " in ours[0], warnings
    assert "using" in ours[0]
