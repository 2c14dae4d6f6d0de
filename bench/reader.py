"""The reader's side: what a text page weighs and how soon it paints, against a plain Sphinx page
of the same text and notes (the benchmark's baseline, same theme).

For one document of *blocks* aligned blocks (bench/generate.py: a note on every other block,
with its citation), built by the edition and by plain Sphinx, it measures in real Chromium
(Debian's, driven by Playwright):

- HTML bytes per block: the page's HTML file (and gzip-compressed, as a server sends it);
- DOM elements per block: ``document.getElementsByTagName('*')`` once the page has loaded (the
  theme's own elements are the same on both sides, so they weigh alike);
- first contentful paint (FCP) on a slow phone, as Lighthouse's mobile profile emulates one
  with Chromium's DevTools protocol: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the CPU
  slowed 4×, a 412 × 823 viewport, no cache. Pages are served over HTTP on localhost (throttling
  does not apply to file:// URLs); medians of alternating loads.

    python bench/reader.py [--blocks 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate
import verify

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SLOW_PHONE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 412, "height": 823}
KINDS = ("baseline", "edition")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(kind: str, root: Path, blocks: int) -> Path:
    src, out = root / kind, root / f"{kind}-html"
    getattr(generate, kind)(src, blocks, per_doc=blocks)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the {kind} build failed:\n{result.stderr[-2000:]}")
    checker = verify.check_edition if kind == "edition" else verify.check_baseline
    problems = checker(out, blocks, blocks)
    if problems:
        raise SystemExit(f"the {kind} output is wrong:\n  " + "\n  ".join(problems))
    return out


def first_page(blocks: int) -> tuple[str, int]:
    """The measured page and its number of blocks (the edition's documents hold at least two)."""
    docname, size = generate.documents(blocks, blocks)[0]
    return docname, size


def fcp(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    """One cold load of *url* on the emulated slow phone; its first contentful paint (ms)."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load", timeout=120_000)
    paint = page.evaluate(
        "() => new Promise(done => { const get = () => performance.getEntriesByName('first-contentful-paint')[0];"
        " if (get()) return done(get().startTime);"
        " new PerformanceObserver(() => get() && done(get().startTime)).observe({type: 'paint', buffered: true}); })"
    )
    context.close()
    return float(paint)


def elements(browser, url: str) -> int:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(url, wait_until="load")
    count = int(page.evaluate("() => document.getElementsByTagName('*').length"))
    page.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocks", type=int, default=200, help="blocks on the measured page")
    parser.add_argument("--repeat", type=int, default=5, help="cold loads per page for the FCP")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only when measuring)

    with tempfile.TemporaryDirectory(prefix="edition-reader-") as scratch:
        root = Path(scratch)
        docname, blocks = first_page(args.blocks * 2)
        outs = {kind: build(kind, root, args.blocks * 2) for kind in KINDS}
        servers = {}
        for kind, out in outs.items():
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[kind] = server
        urls = {kind: f"http://127.0.0.1:{server.server_port}/{docname}.html" for kind, server in servers.items()}
        figures: dict[str, dict[str, float]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            paints: dict[str, list[float]] = {kind: [] for kind in KINDS}
            for round_ in range(args.repeat):
                for kind in KINDS if round_ % 2 == 0 else KINDS[::-1]:
                    paints[kind].append(fcp(browser, urls[kind]))
            for kind, out in outs.items():
                html = (out / f"{docname}.html").read_bytes()
                figures[kind] = {
                    "bytes": len(html) / blocks,
                    "gzip": len(gzip.compress(html, mtime=0)) / blocks,
                    "elements": elements(browser, urls[kind]) / blocks,
                    "fcp": statistics.median(paints[kind]),
                }
            browser.close()
        for server in servers.values():
            server.shutdown()
    base, ours = figures["baseline"], figures["edition"]
    print(f"Reader's side: {docname}.html, {blocks} blocks, {blocks // 2} notes; load {os.getloadavg()[0]:.1f}\n")
    print("| measure | plain Sphinx | edition | ratio |\n|---|---|---|---|")
    labels = {
        "bytes": "HTML bytes per block",
        "gzip": "HTML bytes per block, gzip",
        "elements": "DOM elements per block",
        "fcp": f"first contentful paint, slow phone (ms, median of {args.repeat})",
    }
    for key, label in labels.items():
        digits = 1 if key == "elements" else 0
        print(f"| {label} | {base[key]:.{digits}f} | {ours[key]:.{digits}f} | {ours[key] / base[key]:.2f}× |")


if __name__ == "__main__":
    main()
