"""The reading theme without the extension: ``html_theme = "parallel_edition"`` in a plain Sphinx
project (Sphinx finds it through the package's ``sphinx.html_themes`` entry point). The benchmark
builds its plain-Sphinx baseline this way, so that both sides pay for the same theme."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import sphinx_build


def test_a_plain_sphinx_project_builds_in_the_theme(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('project = "Plain"\nhtml_theme = "parallel_edition"\n', encoding="utf-8")
    (src / "index.rst").write_text("Plain\n=====\n\n.. toctree::\n\n   other\n", encoding="utf-8")
    (src / "other.rst").write_text("Other page\n==========\n\nSome text.\n", encoding="utf-8")
    status, warnings = sphinx_build(src, tmp_path / "html")
    assert (status, warnings) == (0, "")
    page = BeautifulSoup((tmp_path / "html" / "other.html").read_text(encoding="utf-8"), "html.parser")
    assert page.body is not None and page.body["class"] == ["ed-prose-page"]
    assert [a.get_text() for a in page.select("header nav a")] == ["Home", "Other page"]
    assert (tmp_path / "html" / "_static" / "edition-theme.css").is_file()
    # Nothing of the extension: no edition CSS or script, no exports.
    assert not (tmp_path / "html" / "_static" / "parallel-edition.js").exists()
    assert not (tmp_path / "html" / "dts").exists()


def test_the_header_does_not_grow_with_the_site(tmp_path: Path) -> None:
    """Up to ``nav_limit`` documents the header lists them all; above, the home page (which lists
    them) and the current page, so that no page costs more the larger the site."""
    src = tmp_path / "src"
    src.mkdir()
    names = [f"part{i:02d}" for i in range(1, 15)]
    (src / "conf.py").write_text('project = "Plain"\nhtml_theme = "parallel_edition"\n', encoding="utf-8")
    toctree = "\n".join(f"   {name}" for name in names)
    (src / "index.rst").write_text(f"Plain\n=====\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8")
    for name in names:
        (src / f"{name}.rst").write_text(f"Title {name}\n=============\n\nText.\n", encoding="utf-8")
    with (src / "part03.rst").open("a", encoding="utf-8") as part:
        part.write("\n.. toctree::\n\n   sub\n")
    (src / "sub.rst").write_text("A section of part 3\n===================\n\nText.\n", encoding="utf-8")

    def header(html: Path, page: str) -> list[str]:
        soup = BeautifulSoup((html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        return [a.get_text() for a in soup.select("header nav a")]

    status, warnings = sphinx_build(src, tmp_path / "html")
    assert (status, warnings) == (0, "")
    assert header(tmp_path / "html", "part03") == ["Home", "Title part03"]
    assert header(tmp_path / "html", "sub") == ["Home", "Title part03"]  # the part it is in
    assert header(tmp_path / "html", "index") == ["Home"]
    # Up to the limit, every document: 14 documents and a limit of 14.
    status, warnings = sphinx_build(src, tmp_path / "wide", "-D", "html_theme_options.nav_limit=14")
    assert (status, warnings) == (0, "")
    assert header(tmp_path / "wide", "part03") == ["Home", *(f"Title {name}" for name in names)]


def test_the_theme_alone_does_not_load_the_extension(tmp_path: Path) -> None:
    """A plain project in the theme imports the theme's module, not the extension's (whose
    import would cost the baseline of the benchmark a tenth of a second it does not use)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('project = "Plain"\nhtml_theme = "parallel_edition"\n', encoding="utf-8")
    (src / "index.rst").write_text("Plain\n=====\n\nText.\n", encoding="utf-8")
    script = (
        "import sys\nfrom sphinx.cmd.build import main\n"
        f"assert main(['-q', '-b', 'html', {str(src)!r}, {str(tmp_path / 'html')!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('parallel_edition')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "parallel_edition.theme" in loaded
    assert "parallel_edition.annotations" not in loaded and "parallel_edition.exports" not in loaded, loaded
