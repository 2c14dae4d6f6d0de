"""Builds are reproducible: two clean builds of the same sources give byte-identical HTML and
JSON (the benchmark's correctness pass is in test_bench.py)."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import EDITION, sphinx_build

OUTPUTS = {".html", ".json", ".jsonld", ".js", ".css", ".inv"}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert sphinx_build(EDITION, tmp_path / name / "html") == (0, "")
    one, two = tmp_path / "one" / "html", tmp_path / "two" / "html"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.suffix in OUTPUTS)
    assert len(files) > 20 and Path("passages.json") in files and Path("annotations.jsonld") in files
    different = [str(name) for name in files if not filecmp.cmp(one / name, two / name, shallow=False)]
    assert different == []
