"""``make live`` (issue #17, item 9): sphinx-autobuild serves a copy of the edition; an edit to
an annotation's body (a file Sphinx does not read as a page: the extension marks text.md
outdated) is rebuilt and shows up in the open browser page by itself, within a bound. The time
from the edit to the new words on screen is printed in the test output."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import EDITION

REPO = EDITION.parent
#: The first build of the copy (about 15 s on an idle 2-core machine) and a rebuild after an edit.
FIRST_BUILD, REBUILD = 300, 60
NEW_WORDS = "Zebrafinch quagmire marmalade"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def copy_edition(folder: Path) -> Path:
    srcdir = folder / "edition"
    shutil.copytree(EDITION, srcdir, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(REPO / "bibliography", folder / "bibliography")
    for name in ("CITATION.cff", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, folder / name)
    return srcdir


def test_make_live_serves_the_edition_and_shows_an_edited_annotation(tmp_path: Path, browser, capsys) -> None:
    srcdir = copy_edition(tmp_path)
    port = free_port()
    log = (tmp_path / "live.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "live", f"LIVE_SOURCE={srcdir}", f"LIVE_OUT={tmp_path / 'out'}",
         f"LIVE_PORT={port}"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/text.html"
    context = None
    try:
        started = time.monotonic()
        while (page_html := fetch(url)) is None:
            assert server.poll() is None, f"make live stopped: {log.seek(0) or log.read()[-3000:]}"
            assert time.monotonic() - started < FIRST_BUILD, f"not served after {FIRST_BUILD} s"
            time.sleep(1)
        first_build = time.monotonic() - started
        assert "hdh-term" in page_html and NEW_WORDS not in page_html

        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)  # the reload script's websocket is open

        note = srcdir / "annotations" / "a-la-fois-mais.md"
        body = note.read_text(encoding="utf-8")
        assert "id: a-la-fois-mais" in body and "target: hdh-term" in body
        note.write_text(body.rstrip("\n") + f" {NEW_WORDS}.\n", encoding="utf-8")
        edited = time.monotonic()
        page.wait_for_function(
            "words => document.querySelector('#ann--a-la-fois-mais')?.textContent.includes(words)",
            arg=NEW_WORDS,
            timeout=REBUILD * 1000,
        )
        on_screen = time.monotonic() - edited
        served = fetch(url)
        assert served is not None and NEW_WORDS in served
        with capsys.disabled():
            print(
                f"\nmake live: first build served after {first_build:.1f} s; an annotation edit was on screen"
                f" (reloaded by itself) after {on_screen:.1f} s"
            )
        assert server.poll() is None, "make live stopped after the rebuild"
    finally:
        if context is not None:
            context.close()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
