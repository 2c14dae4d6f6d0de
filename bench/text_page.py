"""The edition's own text page against a plain Sphinx page of the same text and notes, as a
reader on a slow phone meets them (issue #17, item 10): bytes (gzip), and first contentful
paint with Lighthouse's mobile profile (bench/reader.py's emulation), median of cold loads.

The plain page: the same reading theme (``parallel_edition``, which works without the
extension), no extension; each block's French
paragraph, then its English one, then its notes as a list, from the built edition's own
``passages.json`` and ``annotations.jsonld``. Run after ``make html``:

    .venv/bin/python bench/text_page.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reader import CHROMIUM_ARGS, Quiet, fcp

ROOT = Path(__file__).resolve().parents[1]
BUILT = ROOT / "build" / "html"


def plain_page(folder: Path) -> Path:
    passages = json.loads((BUILT / "passages.json").read_text(encoding="utf-8"))["passages"]
    items = json.loads((BUILT / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    notes: dict[str, list[str]] = {}
    for item in items:
        value = item["target"][0]["selector"]["value"].split("--")[0]
        notes.setdefault(value, []).append(item["body"][0]["value"].replace("\n", " "))
    lines = ["# Quand la technologie se fait enjeu politique", ""]
    for passage in passages:
        original, translation = passage["original"]["text"], passage["translation"]["text"]
        lines += [original.replace("\n", " "), "", translation.replace("\n", " "), ""]
        lines += [f"- {note}" for note in notes.get(passage["anchor"], [])] + [""]
    source = folder / "src"
    source.mkdir()
    (source / "conf.py").write_text('project = "plain"\nhtml_theme = "parallel_edition"\n', encoding="utf-8")
    (source / "index.rst").write_text("\n".join(lines), encoding="utf-8")
    out = folder / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)], check=True)
    return out


def weight(out: Path, page: str) -> int:
    html = (out / page).read_bytes()
    return len(gzip.compress(html, 6))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_page(Path(tmp))
        servers = {}
        for kind, out in (("edition", BUILT), ("plain", plain)):
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[kind] = server
        urls = {
            "edition": f"http://127.0.0.1:{servers['edition'].server_port}/text.html",
            "plain": f"http://127.0.0.1:{servers['plain'].server_port}/index.html",
        }
        times: dict[str, list[float]] = {"edition": [], "plain": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(args.repeat):  # alternating
                for kind in ("edition", "plain"):
                    times[kind].append(fcp(browser, urls[kind]))
            browser.close()
        for server in servers.values():
            server.shutdown()
        html = {"edition": weight(BUILT, "text.html"), "plain": weight(plain, "index.html")}
    print(f"| page | HTML (gzip) | first contentful paint, slow phone (median of {args.repeat}) |")
    print("|---|---|---|")
    for kind in ("edition", "plain"):
        print(f"| {kind} | {html[kind] / 1000:.1f} KB | {statistics.median(times[kind]):.0f} ms |")


if __name__ == "__main__":
    main()
