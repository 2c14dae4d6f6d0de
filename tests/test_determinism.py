"""Builds are reproducible: two clean builds of the same sources give byte-identical HTML and
JSON, and the benchmark's small run checks its correctness claims (CI runs it; it times nothing)."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from conftest import EDITION, REPO, sphinx_build

OUTPUTS = {".html", ".json", ".jsonld", ".js", ".css", ".inv"}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert sphinx_build(EDITION, tmp_path / name / "html") == (0, "")
    one, two = tmp_path / "one" / "html", tmp_path / "two" / "html"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.suffix in OUTPUTS)
    assert len(files) > 20 and Path("passages.json") in files and Path("annotations.jsonld") in files
    different = [str(name) for name in files if not filecmp.cmp(one / name, two / name, shallow=False)]
    assert different == []


def test_small_benchmark_run_is_correct() -> None:
    """Builds succeed, an annotation edit rewrites only the pages that show it, and the -j 2
    output equals the serial one (the benchmark asserts all three)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "100", "--repeat", "1", "--check-only"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "-j 2 output identical" in result.stdout
