"""Strict means strict, and nothing half-written is published: builds that fail, are rerun,
or are killed while writing; ``make html``'s staging; ``make epub``'s and ``make pdf``'s strictness and
the PDF's confined TeX (no shell escape, paranoid file access, a time limit)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root, require_tex, sphinx_build
from parallel_edition import publish

NEW_NOTE = (
    "---\nid: nouvelle\ntarget: premier\nkind: context\nauthors: [A. Editor]\ndate: 2026-11-28\n---\nA new note.\n"
)
BAD_CITATION = NEW_NOTE.replace("A new note.", "A note citing {cite:p}`nowhere2026`.")

#: An extension that kills the build (as a signal or a crash would) when it writes PAGE.
KILLER = """
import os

def setup(app):
    def kill(app, pagename, *args):
        if pagename == os.environ.get("KILL_WHEN_WRITING"):
            os._exit(137)
    app.connect("html-page-context", kill)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = copy_root("annotations", tmp_path)
    (srcdir / "killer.py").write_text(KILLER, encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        "import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parent))\n"
        + conf.read_text(encoding="utf-8")
        + '\nextensions.append("killer")\nexclude_patterns.append("killer.py")\n',
        encoding="utf-8",
    )
    return srcdir


def publish_in_process(srcdir: Path, outdir: Path, kill_at: str = "") -> int:
    """``make html`` (``python -m parallel_edition.publish html``) in a process of its own."""
    env = {**os.environ, "KILL_WHEN_WRITING": kill_at}
    command = [sys.executable, "-m", "parallel_edition.publish", "html", str(srcdir), str(outdir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False).returncode


def note_in(page: Path, note: str) -> bool:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id=f"ann--{note}") is not None


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_strict_build_fails_again_when_nothing_changed(project: Path, tmp_path: Path) -> None:
    (project / "annotations" / "nouvelle.md").write_text(BAD_CITATION, encoding="utf-8")
    first = sphinx_build(project, tmp_path / "html")
    assert first[0] != 0 and "nowhere2026" in first[1]
    again = sphinx_build(project, tmp_path / "html")
    assert again == first, "the rerun must repeat the failure, not pass silently"


@pytest.mark.parametrize(
    "note",
    [
        NEW_NOTE.replace("target: premier", "target: premeir"),  # attaches to no block: no page is read again
        NEW_NOTE.replace("A new note.", ":::{include} /etc/passwd\n:::"),  # refused: no page is read again
    ],
    ids=["unknown-target", "refused-body"],
)
def test_an_incremental_strict_build_validates_every_annotation(project: Path, tmp_path: Path, note: str) -> None:
    """A note added to a built project fails the next strict build, as it fails a fresh one."""
    assert sphinx_build(project, tmp_path / "html")[0] == 0
    (project / "annotations" / "nouvelle.md").write_text(note, encoding="utf-8")
    status, warnings = sphinx_build(project, tmp_path / "html")
    assert status != 0 and "nouvelle.md" in warnings
    assert sphinx_build(project, tmp_path / "fresh") == (
        status,
        warnings.replace(str(tmp_path / "html"), str(tmp_path / "fresh")),
    )


def test_make_html_leaves_the_published_output_alone_when_the_build_fails(project: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "build" / "html"
    assert publish.main(["html", str(project), str(outdir)]) == 0
    published = snapshot(outdir)
    (project / "annotations" / "nouvelle.md").write_text(BAD_CITATION, encoding="utf-8")
    assert publish.main(["html", str(project), str(outdir)]) != 0
    assert snapshot(outdir) == published, "a failed build must not touch the published output"
    assert not note_in(outdir / "text.html", "nouvelle")
    assert sorted(p.name for p in outdir.parent.iterdir()) == ["doctrees-html", "html"], "no staging left behind"
    # Fixed, it is published.
    (project / "annotations" / "nouvelle.md").write_text(NEW_NOTE, encoding="utf-8")
    assert publish.main(["html", str(project), str(outdir)]) == 0
    assert note_in(outdir / "text.html", "nouvelle")


def test_a_build_killed_while_writing_publishes_nothing_and_the_next_one_writes_everything(
    project: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "build" / "html"
    assert publish_in_process(project, outdir) == 0
    published = snapshot(outdir)
    (project / "annotations" / "nouvelle.md").write_text(NEW_NOTE, encoding="utf-8")
    assert publish_in_process(project, outdir, kill_at="text") == 137
    assert snapshot(outdir) == published, "a killed build must not touch the published output"
    assert publish_in_process(project, outdir) == 0
    assert note_in(outdir / "text.html", "nouvelle")
    assert '"nouvelle"' in (outdir / "annotations.jsonld").read_text(encoding="utf-8").replace("#ann--", '"')


def test_plain_sphinx_build_killed_while_writing_rewrites_the_page_next_time(project: Path, tmp_path: Path) -> None:
    """Without the staging of ``make html`` (CI, Read the Docs run sphinx-build): Sphinx saved its
    environment before writing, so the killed build's unwritten page would never be rewritten."""
    outdir, doctrees = tmp_path / "html", tmp_path / "doctrees"
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", "-d", str(doctrees), str(project), str(outdir)]
    assert subprocess.run(command, check=False).returncode == 0
    (project / "annotations" / "nouvelle.md").write_text(NEW_NOTE, encoding="utf-8")
    env = {**os.environ, "KILL_WHEN_WRITING": "text"}
    assert subprocess.run(command, env=env, check=False).returncode == 137
    assert not note_in(outdir / "text.html", "nouvelle")
    assert subprocess.run(command, check=False).returncode == 0
    assert note_in(outdir / "text.html", "nouvelle")
    jsonld = (outdir / "annotations.jsonld").read_text(encoding="utf-8")
    assert "ann--nouvelle" in jsonld


# -- make pdf ---------------------------------------------------------------------------------


def test_make_epub_is_strict_and_publishes_only_the_book(project: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "build" / "epub"
    # EPUB 3 wants a version and a copyright (the test project has neither: a warning, so a failure).
    args = ["epub", str(project), str(outdir), "-D", "version=1.0", "-D", "copyright=2026, its editors"]
    assert publish.main(args[:3]) != 0
    assert not outdir.exists()
    assert publish.main(args) == 0
    published = snapshot(outdir)
    assert [name for name in published if name.endswith(".epub")] == list(published), "only the book is published"
    (project / "annotations" / "nouvelle.md").write_text(BAD_CITATION, encoding="utf-8")
    assert publish.main(args) != 0
    assert snapshot(outdir) == published, "a failed build must not touch the published book"


@pytest.fixture
def tex() -> None:
    require_tex()


def test_make_pdf_is_strict(tex: None, project: Path, tmp_path: Path) -> None:
    (project / "annotations" / "nouvelle.md").write_text(BAD_CITATION, encoding="utf-8")
    outdir = tmp_path / "build" / "pdf"
    assert publish.main(["pdf", str(project), str(outdir)]) != 0
    assert not outdir.exists()


def pdf_with_preamble(tmp_path: Path, preamble: str, timeout: float = 120) -> tuple[int, Path]:
    """The PDF of a small edition whose LaTeX preamble is *preamble*, as make pdf builds it."""
    srcdir = copy_root("basic", tmp_path)
    outdir = tmp_path / "build" / "pdf"
    args = ["pdf", str(srcdir), str(outdir), "--timeout", str(timeout), "-D", "latex_engine=xelatex"]
    args += ["-D", f"latex_elements.preamble={preamble}"]
    return publish.main(args), outdir


def tex_log(tmp_path: Path) -> str:
    return next((tmp_path / "build" / ".pdf.latex").glob("*.log")).read_text(encoding="utf-8", errors="replace")


def test_tex_cannot_read_files_outside_the_build(tex: None, tmp_path: Path) -> None:
    """A file outside the build folder, by absolute path: TeX's paranoid mode refuses it (and
    reports it as not found); without it, TeX reads it into the PDF."""
    secret = tmp_path / "secret.tex"
    secret.write_text("SECRET-CANARY", encoding="utf-8")
    status, outdir = pdf_with_preamble(tmp_path, rf"\input{{{secret}}}")
    assert status != 0 and not outdir.exists()
    log = tex_log(tmp_path)
    assert f"File `{secret}' not found" in "".join(log.splitlines())  # (TeX wraps its log at 79 characters)
    assert "SECRET-CANARY" not in log


def test_tex_cannot_run_programs(tex: None, tmp_path: Path) -> None:
    canary = tmp_path / "shell-escape-ran"
    pdf_with_preamble(tmp_path, rf"\immediate\write18{{touch {canary}}}")
    assert not canary.exists()
    log = tex_log(tmp_path)
    # Shell escape is off altogether, not only restricted to TeX Live's list of commands.
    assert re.search(r"runsystem\(touch .*\)\.\.\.disabled\.", "".join(log.splitlines()))


def test_tex_cannot_write_outside_the_build(tex: None, tmp_path: Path) -> None:
    target = tmp_path / "written-by-tex.txt"
    pdf_with_preamble(tmp_path, rf"\newwrite\out\immediate\openout\out={target}\immediate\write\out{{x}}")
    assert not target.exists()


def test_a_tex_loop_is_stopped_by_the_time_limit(tex: None, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    status, outdir = pdf_with_preamble(tmp_path, r"\def\loop{\loop}\loop", timeout=15)
    assert status == 124 and not outdir.exists()
    assert "did not finish within 15 s" in capfd.readouterr().err
