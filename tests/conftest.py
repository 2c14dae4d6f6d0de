"""Shared fixtures: Sphinx's own testing fixtures, the test roots, and one build of the
real edition per session."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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
        [
            "-q",
            "-n",
            "-W",
            "--keep-going",
            "-b",
            builder,
            "-w",
            str(warnings),
            "-d",
            str(outdir.parent / f"{outdir.name}-doctrees"),
            *args,
            str(srcdir),
            str(outdir),
        ]
    )
    return status, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


def copy_root(name: str, folder: Path) -> Path:
    """A fresh copy of the test root ``test-<name>``, to edit and build."""
    srcdir = folder / "src"
    shutil.copytree(Path(__file__).resolve().parent / "roots" / f"test-{name}", srcdir)
    return srcdir


def build_project(srcdir: Path, *args: str, builder: str = "html") -> tuple[int, str, Path]:
    """A strict build into a new folder beside *srcdir*; warnings name files relative to it."""
    outdir = srcdir.parent / f"{builder}{len(list(srcdir.parent.glob(builder + '*')))}"
    status, warnings = sphinx_build(srcdir, outdir, *args, builder=builder)
    return status, warnings.replace(str(srcdir) + "/", ""), outdir


@pytest.fixture(scope="session")
def edition_html(tmp_path_factory: pytest.TempPathFactory) -> EditionBuild:
    """The real edition, built once in strict mode."""
    outdir = tmp_path_factory.mktemp("edition") / "html"
    status, warnings = sphinx_build(EDITION, outdir)
    return EditionBuild(outdir, status, warnings)


@pytest.fixture
def warning_text(warning: io.StringIO) -> str:
    return warning.getvalue()


def missing_tool(message: str) -> None:
    """A tool the tests need is missing: skip on a developer's machine, fail in CI (CI=true),
    which installs every tool (see .ci/run)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (.ci/run installs it).")
    pytest.skip(message)


def require_tex() -> None:
    """Skip where TeX is missing; in CI (which installs it, see .ci/run) fail instead."""
    if shutil.which("xelatex") is None or shutil.which("latexmk") is None:
        missing_tool("TeX is missing: see README, 'PDF'")


#: Tools from npm, installed into the build folder (not committed; ``make clean`` removes them).
TOOLS = REPO / "build" / "tools"
VNU_VERSION = "26.9.27"


def java() -> str:
    executable = shutil.which("java")
    if executable is None:
        missing_tool("Java (17 or later) is missing: 'apt-get install default-jre-headless'")
    return str(executable)


def vnu_jar() -> Path:
    """The Nu HTML Checker (npm's ``vnu-jar``), installed with npm into build/tools on first use."""
    java()
    jar = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists() and shutil.which("npm") is not None:
        command = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS), f"vnu-jar@{VNU_VERSION}"]
        subprocess.run(command, check=False, capture_output=True, timeout=300)
    if not jar.exists():
        missing_tool(f"The Nu HTML Checker is missing: 'npm install --prefix build/tools vnu-jar@{VNU_VERSION}'")
    return jar


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def install_chromium() -> str | None:
    """Install Debian's Chromium where it is missing and we may (root, apt-get)."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env, capture_output=True)
    return chromium_path()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (which downloads no browser of its
    own). Where Chromium is missing it is installed with apt-get (as root); failing that, the
    browser tests are skipped on a developer's machine and fail in CI (CI=true)."""
    executable = chromium_path() or install_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: install it with 'apt-get install chromium' (.ci/run does).")
        pytest.skip("Chromium is not installed: 'apt-get install chromium' to run the browser tests.")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only where Chromium is)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_edition(edition_html: EditionBuild) -> Iterator[str]:
    """The built edition over HTTP on localhost, as a reader's browser gets it."""
    handler = functools.partial(QuietHandler, directory=str(edition_html.outdir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
