"""The benchmark's correctness pass (CI runs it; it times nothing): at 100 blocks every tool
builds the same edition, and every output holds the aligned text, the notes beside their
passages with their citations resolved, and the bibliography; an annotation edit rewrites only
the pages that show it; the -j 2 output equals the serial one. And the checks can fail: a
damaged output is reported, not passed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
import run as bench  # noqa: E402
import verify  # noqa: E402


def require_peers() -> None:
    """Skip where mystmd or pandoc is missing; in CI (which installs both, see .ci/run) fail."""
    missing = [
        name
        for name, found in (
            ("mystmd", (BENCH / "node_modules" / ".bin" / "myst").exists()),
            ("pandoc", shutil.which("pandoc")),
        )
        if not found
    ]
    if missing:
        message = (
            f"{' and '.join(missing)} missing: `npm ci --prefix bench` and `apt-get install pandoc` (.ci/run does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_small_benchmark_run_is_correct() -> None:
    require_peers()
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "100", "--repeat", "1", "--check-only"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "built by baseline, edition, mystmd, pandoc" in result.stdout
    assert "-j 2 output identical" in result.stdout


def pandoc_build(root: Path) -> Path:
    for name in generate.pandoc(root, 100):
        command = ["pandoc", *bench.PANDOC_ARGS.split(), "-o", f"{name}.html", f"{name}.md"]
        subprocess.run(command, cwd=root, check=True)
    return root


def test_pandoc_check_reports_a_damaged_output(tmp_path: Path) -> None:
    require_peers()
    out = pandoc_build(tmp_path / "pandoc")
    assert verify.check_pandoc(out, 100) == []
    page = out / "part001.html"
    html = page.read_text(encoding="utf-8")
    # A changed French character, a lost note, an unresolved citation.
    page.write_text(
        html.replace("Bloc 3 :", "Bloc 3 ;", 1)
        .replace("A note on block 5,", "A nota on block 5,", 1)
        .replace("Institution 3 2024", "src03", 1)
        .replace("Institution 3", "?", 1),
        encoding="utf-8",
    )
    problems = verify.check_pandoc(out, 100)
    assert "part001: block b00003 reads otherwise" in problems
    assert "part001: the note on b00005 is missing" in problems
    assert any("b00007" in problem for problem in problems), problems


def test_mystmd_check_reports_a_damaged_output(tmp_path: Path) -> None:
    require_peers()
    root = tmp_path / "mystmd"
    generate.mystmd(root, 100)
    subprocess.run(
        [str(BENCH / "node_modules" / ".bin" / "myst"), "build", "--site"], cwd=root, check=True, capture_output=True
    )
    assert verify.check_mystmd(root, 100) == []
    page = root / "_build" / "site" / "content" / "part001.json"
    content = json.loads(page.read_text(encoding="utf-8"))
    grids = {node["identifier"]: after for node, after in verify.labelled(content["mdast"]) if node["type"] == "grid"}
    grids["b00001"]["type"] = "paragraph"  # the aside after block 1 is no longer an aside
    del content["references"]["cite"]["data"]["src01"]  # a source missing from the page's list
    page.write_text(json.dumps(content), encoding="utf-8")
    problems = verify.check_mystmd(root, 100)
    assert "part001: the note on b00001 is missing or its citation unresolved" in problems
    assert "part001.json: the bibliography does not list src01" in problems
