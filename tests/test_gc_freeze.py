"""Python's cyclic garbage collector and the doctrees Sphinx keeps (issue #21): Sphinx holds every
document's doctree in memory from reading to writing, and each full collection while pages are
written scans them all again (a fifth of a 10,000-block build). The extension freezes what the
build has read once reading is done (``gc.freeze()`` at ``env-updated``) and releases it when
the build ends, whether it succeeded or failed (``build-finished``), or else when the next build
starts. The figures are in the README (``make bench``, ``bench/live_memory.py``)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_project, copy_root

PROBE = """
import gc
seen = []

def page(app, pagename, templatename, context, doctree):
    seen.append(gc.get_freeze_count())
    if app.config.probe_fail == "write" and pagename == "text":
        raise RuntimeError("a failure while writing")

def finished(app, exception):
    if app.config.probe_fail == "finish":
        raise RuntimeError("a failure in a build-finished listener")

def setup(app):
    app.add_config_value("probe_fail", "", "env")
    app.connect("html-page-context", page)
    app.connect("build-finished", finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


@pytest.fixture
def probe_project(tmp_path: Path) -> Iterator[Path]:
    src = copy_root("basic", tmp_path)
    (src / "gc_probe.py").write_text(PROBE, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8").replace('"parallel_edition"]', '"parallel_edition", "gc_probe"]'),
        encoding="utf-8",
    )
    try:
        yield src
    finally:
        sys.modules.pop("gc_probe", None)
        if gc.get_freeze_count():  # never leave the rest of the test session frozen
            gc.unfreeze()


def seen() -> list[int]:
    return list(sys.modules["gc_probe"].seen)


def test_what_was_read_is_frozen_while_pages_are_written_then_released(probe_project: Path) -> None:
    assert gc.get_freeze_count() == 0
    status, warnings, _ = build_project(probe_project)
    assert (status, warnings) == (0, "")
    assert seen() and min(seen()) > 0, f"objects frozen while each page was written: {seen()}"
    assert gc.get_freeze_count() == 0, "the build left objects frozen"


def test_a_build_that_fails_while_writing_releases_them(probe_project: Path) -> None:
    status, _, _ = build_project(probe_project, "-D", "probe_fail=write")
    assert status != 0
    assert seen() and min(seen()) > 0, "nothing was frozen while the pages were written"
    assert gc.get_freeze_count() == 0, "a failed build left objects frozen"


def test_a_freeze_left_by_a_failing_listener_is_released_by_the_next_build(probe_project: Path) -> None:
    # A build-finished listener that raises stops Sphinx from calling the later ones, ours
    # included; the next build of the process releases what was left frozen.
    status, _, _ = build_project(probe_project, "-E", "-D", "probe_fail=finish")
    assert status != 0
    status, warnings, _ = build_project(probe_project, "-E")
    assert (status, warnings) == (0, "")
    assert gc.get_freeze_count() == 0, "objects frozen by an earlier build were never released"
