"""Python's cyclic garbage collector and the doctrees Sphinx keeps (issue #21): Sphinx holds every
document's doctree in memory from reading to writing, and each full collection while pages are
written scans them all again (a fifth of a 10,000-block build). The extension freezes what the
build has read once reading is done (``gc.freeze()`` at ``env-updated``) and releases it when
the build ends, whether it succeeded or failed (``build-finished``). The figures are in the
README (``make bench``, ``bench/live_memory.py``)."""

from __future__ import annotations

import gc
from pathlib import Path

from conftest import build_project, copy_root

PROBE = """
import gc
seen = []

def page(app, pagename, templatename, context, doctree):
    seen.append(gc.get_freeze_count())
    if app.config.probe_fail and pagename == "text":
        raise RuntimeError("a failure while writing")

def setup(app):
    app.add_config_value("probe_fail", False, "env")
    app.connect("html-page-context", page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def probe_project(tmp_path: Path) -> Path:
    src = copy_root("basic", tmp_path)
    (src / "gc_probe.py").write_text(PROBE, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8").replace('"parallel_edition"]', '"parallel_edition", "gc_probe"]'),
        encoding="utf-8",
    )
    return src


def test_what_was_read_is_frozen_while_pages_are_written_then_released(tmp_path: Path) -> None:
    import sys  # noqa: PLC0415

    src = probe_project(tmp_path)
    assert gc.get_freeze_count() == 0
    status, warnings, _ = build_project(src)
    assert (status, warnings) == (0, "")
    seen = sys.modules["gc_probe"].seen
    assert seen and min(seen) > 0, f"objects frozen while each page was written: {seen}"
    assert gc.get_freeze_count() == 0, "the build left objects frozen"
    sys.modules.pop("gc_probe")


def test_a_failed_build_releases_them_too(tmp_path: Path) -> None:
    import sys  # noqa: PLC0415

    src = probe_project(tmp_path)
    status, _, _ = build_project(src, "-D", "probe_fail=1")
    assert status != 0
    assert sys.modules["gc_probe"].seen, "the probe never ran"
    assert gc.get_freeze_count() == 0, "a failed build left objects frozen"
    sys.modules.pop("gc_probe")
