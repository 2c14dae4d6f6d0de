"""Regression snapshots: the doctree (as read) and the HTML body of every page of every test
root, normalised (paths, asset checksums), so that a restructuring that changes what the
extension makes shows in a reviewed diff. Update them with ``pytest --force-regen`` and read the
diff before committing."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root, sphinx_build

ROOTS = sorted(p.name.removeprefix("test-") for p in (Path(__file__).parent / "roots").glob("test-*"))


def normalise(text: str, srcdir: Path) -> str:
    text = text.replace(str(srcdir), "<srcdir>")
    return re.sub(r"\?v=[0-9a-f]{8}", "?v=<checksum>", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    found = {}
    for root in ROOTS:
        folder = tmp_path_factory.mktemp(root)
        srcdir = copy_root(root, folder)
        outdir = folder / "html"
        sphinx_build(srcdir, outdir)  # (the bad-input roots fail: their output is what they give)
        found[root] = (srcdir, outdir, folder / "html-doctrees")
    return found


@pytest.mark.parametrize("root", ROOTS)
def test_doctrees(root: str, built: dict[str, tuple[Path, Path, Path]], file_regression) -> None:
    srcdir, _, doctrees = built[root]
    parts = []
    for path in sorted(doctrees.glob("*.doctree")):
        with path.open("rb") as file:
            document = pickle.load(file)  # (our own build's doctrees)
        parts.append(f"=== {path.stem}\n{document.pformat()}")
    file_regression.check(normalise("\n".join(parts), srcdir), extension=".xml")


@pytest.mark.parametrize("root", ROOTS)
def test_html_bodies(root: str, built: dict[str, tuple[Path, Path, Path]], file_regression) -> None:
    srcdir, outdir, _ = built[root]
    parts = []
    for page in sorted(outdir.glob("*.html")):
        if page.name in {"genindex.html", "search.html"}:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.find(attrs={"role": "main"}) or soup.body
        parts.append(f"=== {page.name}\n{body.prettify()}")
    file_regression.check(normalise("\n".join(parts), srcdir), extension=".html")
