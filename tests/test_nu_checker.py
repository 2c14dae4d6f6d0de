"""Every page of the HTML edition, and the extension's and the edition's CSS, through the
Nu HTML Checker (the W3C's validator, npm ``vnu-jar``): no error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import EditionBuild, java, vnu_jar


def nu_check(files: list[Path]) -> list[dict]:
    """The checker's errors for *files* (HTML, and CSS for ``.css`` files), in one Java run."""
    command = [java(), "-jar", str(vnu_jar()), "--errors-only", "--also-check-css", "--format", "json"]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(result.stderr or result.stdout)
    assert (result.returncode != 0) == bool(report["messages"]), result.stderr[-2000:]
    return report["messages"]


def pages(outdir: Path) -> list[Path]:
    """Every page Sphinx wrote (not the theme's template copies under _static/)."""
    return sorted(path for path in outdir.rglob("*.html") if "_static" not in path.relative_to(outdir).parts)


def describe(messages: list[dict]) -> str:
    return "\n".join(f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages)


def test_every_page_and_stylesheet_is_valid(edition_html: EditionBuild) -> None:
    outdir = edition_html.outdir
    files = pages(outdir)
    assert {"index.html", "text.html", "introduction.html", "bibliography.html", "genindex.html"} <= {
        path.name for path in files
    }
    files += [outdir / "_static" / "parallel-edition.css", outdir / "_static" / "edition.css"]
    errors = nu_check(files)
    assert errors == [], describe(errors)


def test_the_checker_reports_errors(tmp_path: Path) -> None:
    """The check can fail: a duplicate id, an image without alt text and a CSS error are each reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<p id="a">one</p><p id="a">two</p><img src="x.png"></body></html>',
        encoding="utf-8",
    )
    style = tmp_path / "bad.css"
    style.write_text("p { colour: red; }\n", encoding="utf-8")
    errors = describe(nu_check([page, style]))
    assert "Duplicate ID" in errors
    assert "alt" in errors
    assert "colour" in errors
