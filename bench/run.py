"""``make bench``: the extension's cost over plain Sphinx, at 100, 1,000 and 10,000 blocks.

For each size it builds a synthetic edition (bench/generate.py) and the same text as plain
Sphinx + MyST paragraphs (the baseline, same theme), and measures, as medians over repeated
runs: a full HTML build, a no-change rebuild, a rebuild after editing one annotation, a rebuild
after editing one French block (one paragraph for the baseline), a full build with ``-j 2``,
and the peak memory of the full build. It prints a table with the ratios to the baseline, and
checks correctness: builds succeed, an annotation edit rewrites only the page that shows it, and
the ``-j 2`` output is identical to the serial one.

    python bench/run.py [--sizes 100 1000 10000] [--repeat 3] [--check-only]
"""

from __future__ import annotations

import argparse
import compileall
import filecmp
import importlib.util
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate

SPHINX = [sys.executable, "-m", "sphinx", "-b", "html", "-q"]


def build(src: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    """Wall time (s), peak memory (MiB) and the written documents of one build."""
    command = ["/usr/bin/time", "-f", "%M", *SPHINX[:-1], *extra, str(src), str(out)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kib // 1024, result.stdout


def written(stdout: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", stdout)
    return sorted(set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", plain)))


def same_output(one: Path, two: Path) -> bool:
    names = sorted(p.relative_to(one) for p in one.rglob("*") if p.suffix in {".html", ".json", ".jsonld"})
    return all(filecmp.cmp(one / name, two / name, shallow=False) for name in names)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def one_round(kind: str, src: Path, blocks: int, round_: int, work: Path, runs: dict[str, list[float]]) -> None:
    """One run of every measure on one source tree (the edition, or the baseline)."""
    out = work / f"{kind}-{blocks}-html"
    first_doc = generate.documents(blocks)[0][0]
    shutil.rmtree(out, ignore_errors=True)
    seconds, memory, _ = build(src, out)
    runs["full"].append(seconds)
    runs["memory"].append(memory)
    runs["nochange"].append(build(src, out)[0])
    if kind == "edition":
        note = src / "annotations" / "n00001.md"
        edit(note, "A note on block 1", f"A note (round {round_}) on block 1")
        seconds, _, stdout = build(src, out, "-v")
        runs["annotation"].append(seconds)
        pages = [page for page in written(stdout) if page != "genindex"]
        # The page that shows it, the bibliography (its "cited in" links), and what Sphinx
        # rewrites after any one-page change (the page that holds its toctree).
        assert set(pages) <= {first_doc, "bibliography", "index", "search"}, f"annotation edit rewrote {pages}"
    else:
        runs["annotation"].append(float("nan"))
    edit(src / f"{first_doc}.md", "Bloc 2 :", f"Bloc 2 ({round_}) :")
    runs["block"].append(build(src, out)[0])
    j2 = work / f"{kind}-{blocks}-j2"
    shutil.rmtree(j2, ignore_errors=True)
    runs["j2"].append(build(src, j2, "-j", "2")[0])
    if round_ == 0:
        serial = work / f"{kind}-{blocks}-serial"
        shutil.rmtree(serial, ignore_errors=True)
        build(src, serial)
        assert same_output(serial, j2), "the -j 2 output differs from the serial output"


def measure(blocks: int, repeat: int, work: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Medians for the baseline and the edition. Their runs alternate, round by round, so that
    a machine that slows down or speeds up during the benchmark weighs on both alike."""
    kinds = ("baseline", "edition")
    runs: dict[str, dict[str, list[float]]] = {
        kind: {k: [] for k in ("full", "nochange", "annotation", "block", "j2", "memory")} for kind in kinds
    }
    sources = {kind: work / f"{kind}-{blocks}" for kind in kinds}
    generate.baseline(sources["baseline"], blocks)
    generate.edition(sources["edition"], blocks)
    for round_ in range(repeat):
        for kind in kinds:
            one_round(kind, sources[kind], blocks, round_, work, runs[kind])
    base, ours = ({name: statistics.median(values) for name, values in runs[kind].items()} for kind in kinds)
    return base, ours


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="correctness only (for CI): no table")
    args = parser.parse_args()
    # Measure the extension as an installed package runs: from bytecode. pip compiles a package
    # when it installs it, but an editable install never is, and under PYTHONDONTWRITEBYTECODE
    # (set on some CI machines, and on ours) every build would compile its modules again.
    package = importlib.util.find_spec("parallel_edition")
    if package is None or not package.submodule_search_locations:
        raise SystemExit("the extension is not installed: run `make test` or `pip install -e .` first")
    compileall.compile_dir(package.submodule_search_locations[0], quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as scratch:
        work = Path(scratch)
        for blocks in args.sizes:
            base, ours = measure(blocks, args.repeat, work)
            rows.append((blocks, base, ours))
            print(f"measured {blocks} blocks ({args.repeat} run(s))", file=sys.stderr)
    if args.check_only:
        print(f"bench check: {len(rows)} size(s) built; annotation edits rewrite one page; -j 2 output identical")
        return
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    header = "| blocks | measure | baseline | edition | ratio |"
    print(header + "\n|---|---|---|---|---|")
    labels = {
        "full": "full build (s)",
        "nochange": "no-change rebuild (s)",
        "annotation": "edit one annotation (s)",
        "block": "edit one French block (s)",
        "j2": "full build, -j 2 (s)",
        "memory": "peak memory (MiB)",
    }
    for blocks, base, ours in rows:
        for key, label in labels.items():
            reference = base["block"] if key == "annotation" else base[key]
            ratio = ours[key] / reference if reference else float("nan")
            shown = "–" if key == "annotation" else f"{base[key]:.2f}"
            print(f"| {blocks} | {label} | {shown} | {ours[key]:.2f} | {ratio:.2f}× |")
    if len(rows) >= 2:
        (small, base_small, ours_small), (large, base_large, ours_large) = rows[-2], rows[-1]
        print(
            f"\nGrowth from {small} to {large} blocks: baseline ×{base_large['full'] / base_small['full']:.1f}, "
            f"edition ×{ours_large['full'] / ours_small['full']:.1f}"
        )
    print("\n(edit one annotation is compared with the baseline's one-file rebuild)")


if __name__ == "__main__":
    main()
