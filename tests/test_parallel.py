"""The extension is parallel-safe: a ``-j 4`` build equals a serial one, and incremental
rebuilds keep the edition-wide anchor registry right."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from parallel_edition.cite import text_hash
from sphinx.testing.util import SphinxTestApp

CONF = 'extensions = ["myst_parser", "parallel_edition"]\nmyst_enable_extensions = ["colon_fence"]\n'
DOCS = [f"part{n}" for n in range(1, 9)]


def block(anchor: str, fr: str, en: str, options: str = "") -> str:
    return f":::{{fr}} {anchor}\n{options}{fr}\n:::\n\n:::{{en}} {anchor}\n:source-hash: {text_hash(fr)}\n{en}\n:::\n\n"


def write_edition(srcdir: Path) -> None:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    toctree = "\n".join(DOCS)
    (srcdir / "index.md").write_text(f"# Edition\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for doc in DOCS:
        text = block(f"{doc}-titre", f"Partie {doc}", f"Part {doc}", ":heading: 1\n")
        text += block(f"{doc}-p1", f"Texte{{noteref}}`{doc}-n`.", f"Text{{noteref}}`{doc}-n`.")
        text += block(f"{doc}-n", "Note.", "Note.", ":note:\n")
        (srcdir / f"{doc}.md").write_text(text, encoding="utf-8")


def build(srcdir: Path, builddir: Path, parallel: int, *, full: bool = False) -> tuple[SphinxTestApp, str, str]:
    warnings, status = StringIO(), StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, parallel=parallel, warning=warnings, status=status)
    try:
        app.build()
    finally:
        app.cleanup()
    if parallel > 1 and full:
        # Sphinx reads in chunks ("part2 .. part3") only when it really runs in parallel.
        assert re.search(r"reading sources.*part\d+\S* \.\. \S*part\d+", status.getvalue()), status.getvalue()
    return app, warnings.getvalue(), re.sub(r"\x1b\[[0-9;]*m", "", status.getvalue())


def pages(outdir: Path) -> dict[str, str]:
    return {doc: (outdir / f"{doc}.html").read_text(encoding="utf-8") for doc in ["index", *DOCS]}


def test_parallel_build_equals_serial_and_rebuilds_incrementally(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_edition(srcdir)
    serial, warnings, _ = build(srcdir, tmp_path / "serial", parallel=1)
    assert warnings == ""
    parallel, warnings, _ = build(srcdir, tmp_path / "parallel", parallel=4, full=True)
    assert warnings == ""
    assert pages(parallel.outdir) == pages(serial.outdir)
    domain = parallel.env.domains["edition"]
    assert sorted(domain.blocks) == DOCS
    assert len(list(domain.anchors())) == 3 * len(DOCS)

    # Change one translation: only that document is read again; the registry keeps all.
    part3 = srcdir / "part3.md"
    part3.write_text(part3.read_text(encoding="utf-8").replace("Text{", "Changed text{"), encoding="utf-8")
    app, warnings, status = build(srcdir, tmp_path / "parallel", parallel=4)
    assert warnings == ""
    assert re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status) == ["part3"]
    assert "Changed text" in (app.outdir / "part3.html").read_text(encoding="utf-8")
    assert sorted(app.env.domains["edition"].blocks) == DOCS
    assert app.env.all_docs.keys() == {"index", *DOCS}

    # An anchor reused in another document is caught on the incremental build too.
    part5 = srcdir / "part5.md"
    part5.write_text(part5.read_text(encoding="utf-8").replace("part5-p1", "part2-p1"), encoding="utf-8")
    _, warnings, _ = build(srcdir, tmp_path / "parallel", parallel=4)
    assert re.search(r"part5\.md:\d+: WARNING: anchor 'part2-p1' is already used in document 'part2'", warnings)
