"""Shared fixtures: Sphinx's own testing fixtures, the test roots, and one build of the
real edition per session."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ee79f876e10b9cd8.txt"
EDITION = REPO / "edition"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@dataclass
class EditionBuild:
    outdir: Path
    status: int
    warnings: str

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / page).read_text(encoding="utf-8"), "html.parser")


def sphinx_build(srcdir: Path, outdir: Path, *args: str, builder: str = "html") -> tuple[int, str]:
    """Run sphinx-build as a user does (strict: -n -W --keep-going); return (status, warnings)."""
    warnings = outdir.parent / f"{outdir.name}-warnings.txt"
    status = build_main(
        ["-q", "-n", "-W", "--keep-going", "-b", builder, "-w", str(warnings),
         "-d", str(outdir.parent / f"{outdir.name}-doctrees"), *args, str(srcdir), str(outdir)]
    )
    return status, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


@pytest.fixture(scope="session")
def edition_html(tmp_path_factory: pytest.TempPathFactory) -> EditionBuild:
    """The real edition, built once in strict mode."""
    outdir = tmp_path_factory.mktemp("edition") / "html"
    status, warnings = sphinx_build(EDITION, outdir)
    return EditionBuild(outdir, status, warnings)


@pytest.fixture
def warning_text(warning: io.StringIO) -> str:
    return warning.getvalue()
