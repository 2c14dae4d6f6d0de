"""``make live``'s memory over repeated rebuilds (issue #21): the preview server is started on a
copy of the edition, one annotation's body is edited 20 times (each edit waited for until the
rebuilt page shows it), and after each rebuild the script prints the server's resident memory
and the peak memory of the build it ran (sphinx-autobuild runs each rebuild as a new
``python -m sphinx build`` process; its peak is read from /proc while it runs).

    .venv/bin/python bench/live_memory.py [--rebuilds 20]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTE = "hdh-creation.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return ""  # not served yet, or being rewritten


def status_kib(pid: int, field: str) -> int:
    """VmRSS or VmHWM (peak) of *pid*, in KiB; 0 once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except (FileNotFoundError, ProcessLookupError):
                continue
            found += children
            queue += children
    return found


def is_build(pid: int) -> bool:
    try:
        return b"sphinx\x00build" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return False


def server_pid(root: int) -> int:
    """The sphinx-autobuild process (make's child)."""
    for pid in descendants(root):
        try:
            if b"sphinx_autobuild" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except (FileNotFoundError, ProcessLookupError):
            continue
    return root


def wait_for(url: str, words: str, root: int, limit: float) -> int:
    """Wait until *url* shows *words*; the largest peak memory (KiB) of the builds seen meanwhile."""
    peak, deadline = 0, time.monotonic() + limit
    while time.monotonic() < deadline:
        for pid in descendants(root):
            if is_build(pid):
                peak = max(peak, status_kib(pid, "VmHWM"))
        if words in fetch(url):
            return peak
        time.sleep(0.02)
    raise SystemExit(f"the page did not show {words!r} within {limit:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuilds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-live-") as scratch:
        folder = Path(scratch)
        shutil.copytree(REPO / "edition", folder / "edition", ignore=shutil.ignore_patterns("_build"))
        shutil.copytree(REPO / "bibliography", folder / "bibliography")
        for name in ("CITATION.cff", "CONTRIBUTING.md"):
            shutil.copy(REPO / name, folder / name)
        note = folder / "edition" / "annotations" / NOTE
        original = note.read_text(encoding="utf-8")
        port = free_port()
        make = subprocess.Popen(
            ["make", "--no-print-directory", "live", f"LIVE_SOURCE={folder / 'edition'}",
             f"LIVE_OUT={folder / 'out'}", f"LIVE_PORT={port}"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/text.html"
        rows = []
        try:
            wait_for(url, "</html>", make.pid, 300)
            server = server_pid(make.pid)
            for number in range(1, args.rebuilds + 1):
                words = f"Rebuildmarker{number:02d}"
                note.write_text(original.rstrip("\n") + f" {words}\n", encoding="utf-8")
                started = time.monotonic()
                peak = wait_for(url, words, make.pid, 120)
                rows.append((number, time.monotonic() - started, status_kib(server, "VmRSS"), peak))
        finally:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=30)
    print(f"make live, {args.rebuilds} rebuilds after an annotation edit (load {os.getloadavg()[0]:.1f})\n")
    print("| rebuild | edit to page (s) | server RSS (MiB) | build peak (MiB) |\n|---|---|---|---|")
    for number, seconds, rss, peak in rows:
        print(f"| {number} | {seconds:.1f} | {rss / 1024:.1f} | {peak / 1024:.1f} |")
    rss = [row[2] / 1024 for row in rows]
    peaks = [row[3] / 1024 for row in rows if row[3]] or [0.0]
    print(
        f"\nServer RSS: first {rss[0]:.1f} MiB, last {rss[-1]:.1f} MiB; build peaks: median "
        f"{statistics.median(peaks):.1f} MiB, range {min(peaks):.1f}–{max(peaks):.1f}."
    )


if __name__ == "__main__":
    sys.exit(main())
