"""``make bench``: the edition's build against the tools an editor would use instead, and against
plain Sphinx, at 100, 1,000 and 10,000 blocks; then the pages axis.

For each size it writes the same synthetic edition (bench/generate.py) for four tools: this
extension, plain Sphinx + MyST paragraphs (the baseline, same theme: a lower bound, not a peer),
mystmd and pandoc (the peers; their mappings of the same content are in generate.py). Runs
alternate tool by tool, round by round, the order turning each round, so that a machine that
slows down weighs on all alike; the table gives medians.

- Edition and baseline: a full HTML build, a no-change rebuild, a rebuild after editing one
  annotation (the edition) or one paragraph (the baseline), a rebuild after editing one French
  block, a full build with ``-j 2``, the full build's peak memory; plain Sphinx also as installed
  (without the pybtex fix the baseline shares with the edition, ``generate.PIN``), and the edition
  also with its static DTS API (off in the compared build: the peers make none), up to
  ``--j2-max`` blocks.
- Peers: a full build and its peak memory (neither has an incremental build outside a watch
  mode: pandoc converts one page per run, as Quarto does; mystmd rebuilds its site).
- Pages axis: documents of 20 blocks, from 10 to 500 documents (edition and baseline): a full
  build's cost per page, and the marginal cost of a page from one size to the next.

Correctness, checked in the first round of every size (and all that ``--check-only`` does):
every tool's output holds every block's French and English, every note beside its passage with
its citation resolved, and the bibliography (bench/verify.py); an annotation edit rewrites only
the page that shows it; the ``-j 2`` output is identical to the serial one.

    python bench/run.py [--sizes 100 1000 10000] [--repeat 3] [--pages 10 50 100 500]
                        [--page-repeat 1] [--no-peers] [--check-only]
"""

from __future__ import annotations

import argparse
import compileall
import filecmp
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate
import verify

HERE = Path(__file__).resolve().parent
SPHINX = [sys.executable, "-m", "sphinx", "-b", "html"]
MYST = HERE / "node_modules" / ".bin" / "myst"
PANDOC_ARGS = "-f markdown-smart -t html5 --standalone --citeproc --bibliography refs.bib --css edition.css"
SPHINX_KINDS = ("baseline", "edition")
PEERS = ("mystmd", "pandoc")
Runs = dict[str, list[float]]


CPU: dict[str, float] = {"last": 0.0}


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall time (s), peak memory (MiB, the largest process) and the output of one command; its
    CPU time (user + system, with its children's) is left in CPU["last"]: on a shared machine
    it moves much less than the wall time when other work competes for the cores."""
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %M", *command], capture_output=True, text=True, check=False, cwd=cwd
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stdout[-1000:]}{result.stderr[-2000:]}")
    user, system, peak_kib = result.stderr.strip().splitlines()[-1].split()
    CPU["last"] = float(user) + float(system)
    return elapsed, int(peak_kib) // 1024, result.stdout


def sphinx(src: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    return timed([*SPHINX, *extra, str(src), str(out)])


def mystmd(src: Path) -> tuple[float, int, str]:
    """mystmd's site content build, from scratch (its cache removed)."""
    shutil.rmtree(src / "_build", ignore_errors=True)
    return timed([str(MYST), "build", "--site"], cwd=src)


def pandoc(src: Path, names: list[str]) -> tuple[float, int, str]:
    """One pandoc run per page, as Quarto runs it, into src/out/."""
    shutil.rmtree(src / "out", ignore_errors=True)
    (src / "out").mkdir()
    loop = f'for f do pandoc {PANDOC_ARGS} -o "out/$f.html" "$f.md" || exit 1; done'
    return timed(["sh", "-c", loop, "sh", *names], cwd=src)


def written(stdout: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", stdout)
    return sorted(set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", plain)))


def same_output(one: Path, two: Path) -> bool:
    names = sorted(p.relative_to(one) for p in one.rglob("*") if p.suffix in {".html", ".json", ".jsonld"})
    return all(filecmp.cmp(one / name, two / name, shallow=False) for name in names)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(problems: list[str], tool: str, blocks: int) -> None:
    if problems:
        raise SystemExit(f"{tool}'s output at {blocks} blocks is wrong:\n  " + "\n  ".join(problems))


def sphinx_round(kind: str, src: Path, blocks: int, round_: int, work: Path, runs: Runs, parallel: bool) -> None:
    """One run of every measure on one Sphinx source tree (the edition, or the baseline); the
    ``-j 2`` build and its comparison with a serial one only when *parallel*."""
    out = work / f"{kind}-{blocks}-html"
    first_doc = generate.documents(blocks)[0][0]
    shutil.rmtree(out, ignore_errors=True)
    seconds, memory, _ = sphinx(src, out)
    runs["full"].append(seconds)
    runs["cpu"].append(CPU["last"])
    runs["memory"].append(memory)
    if round_ == 0:
        checker = verify.check_edition if kind == "edition" else verify.check_baseline
        check(checker(out, blocks), kind, blocks)
    if kind == "baseline":  # plain Sphinx as installed: without the pybtex fix (generate.PIN)
        scratch = work / f"{kind}-{blocks}-installed"
        shutil.rmtree(scratch, ignore_errors=True)
        runs["installed"].append(sphinx(src, scratch, "-t", "as_installed")[0])
        runs["installed cpu"].append(CPU["last"])
    elif parallel:  # the edition with its static DTS API (off in the compared build)
        scratch = work / f"{kind}-{blocks}-dts"
        shutil.rmtree(scratch, ignore_errors=True)
        runs["dts"].append(sphinx(src, scratch, "-D", "edition_dts=1")[0])
        runs["dts cpu"].append(CPU["last"])
        if round_ == 0:
            assert (scratch / "dts" / "index.jsonld").is_file(), "the DTS build wrote no API"
    runs["nochange"].append(sphinx(src, out)[0])
    if kind == "edition":
        note = src / "annotations" / "n00001.md"
        edit(note, "A note on block 1", f"A note (round {round_}) on block 1")
        seconds, _, stdout = sphinx(src, out, "-v")
        runs["annotation"].append(seconds)
        pages = [page for page in written(stdout) if page != "genindex"]
        # The page that shows it, the bibliography (its "cited in" links), and what Sphinx
        # rewrites after any one-page change (the page that holds its toctree).
        assert set(pages) <= {first_doc, "bibliography", "index", "search"}, f"annotation edit rewrote {pages}"
    else:
        runs["annotation"].append(float("nan"))
    edit(src / f"{first_doc}.md", "Bloc 2 :", f"Bloc 2 ({round_}) :")
    runs["block"].append(sphinx(src, out)[0])
    if not parallel:
        return
    j2 = work / f"{kind}-{blocks}-j2"
    shutil.rmtree(j2, ignore_errors=True)
    runs["j2"].append(sphinx(src, j2, "-j", "2")[0])
    if round_ == 0:
        serial = work / f"{kind}-{blocks}-serial"
        shutil.rmtree(serial, ignore_errors=True)
        sphinx(src, serial)
        assert same_output(serial, j2), "the -j 2 output differs from the serial output"


def peer_round(kind: str, src: Path, blocks: int, round_: int, names: list[str], runs: Runs) -> None:
    if kind == "mystmd":
        seconds, memory, _ = mystmd(src)
        problems = verify.check_mystmd(src, blocks) if round_ == 0 else []
    else:
        seconds, memory, _ = pandoc(src, names)
        problems = verify.check_pandoc(src / "out", blocks) if round_ == 0 else []
    check(problems, kind, blocks)
    runs["full"].append(seconds)
    runs["cpu"].append(CPU["last"])
    runs["memory"].append(memory)


def rotated(kinds: tuple[str, ...], round_: int) -> tuple[str, ...]:
    turn = round_ % len(kinds)
    return kinds[turn:] + kinds[:turn]


def load() -> float:
    return os.getloadavg()[0]


def measure(
    blocks: int, repeat: int, work: Path, peers: bool, parallel: bool
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Medians for every tool at one size, and the load average at the start of each round."""
    kinds = SPHINX_KINDS + (PEERS if peers else ())
    measures = (
        "full",
        "cpu",
        "nochange",
        "annotation",
        "block",
        "j2",
        "memory",
        "installed",
        "installed cpu",
        "dts",
        "dts cpu",
    )
    runs: dict[str, Runs] = {kind: {k: [] for k in measures} for kind in kinds}
    sources = {kind: work / f"{kind}-{blocks}" for kind in kinds}
    generate.baseline(sources["baseline"], blocks)
    generate.edition(sources["edition"], blocks)
    names: list[str] = []
    if peers:
        generate.mystmd(sources["mystmd"], blocks)
        names = generate.pandoc(sources["pandoc"], blocks)
    loads = []
    for round_ in range(repeat):
        loads.append(load())
        for kind in rotated(kinds, round_):
            if kind in SPHINX_KINDS:
                sphinx_round(kind, sources[kind], blocks, round_, work, runs[kind], parallel)
            else:
                peer_round(kind, sources[kind], blocks, round_, names, runs[kind])
    medians = {kind: {k: statistics.median(v) for k, v in runs[kind].items() if v} for kind in kinds}
    return medians, loads


def pages_axis(counts: list[int], repeat: int, work: Path) -> list[tuple[int, dict[str, float], list[float]]]:
    """Full builds of *count* documents of 20 blocks, edition and baseline alternating: medians
    of the wall time ("baseline", "edition") and of the CPU time ("baseline cpu", "edition cpu")."""
    out = []
    for count in counts:
        blocks = count * 20
        sources = {kind: work / f"pages-{kind}-{count}" for kind in SPHINX_KINDS}
        generate.baseline(sources["baseline"], blocks, per_doc=20)
        generate.edition(sources["edition"], blocks, per_doc=20)
        runs: dict[str, list[float]] = {key: [] for kind in SPHINX_KINDS for key in (kind, f"{kind} cpu")}
        loads = []
        for round_ in range(repeat):
            loads.append(load())
            for kind in rotated(SPHINX_KINDS, round_):
                html = work / f"pages-{kind}-{count}-html"
                shutil.rmtree(html, ignore_errors=True)
                runs[kind].append(sphinx(sources[kind], html)[0])
                runs[f"{kind} cpu"].append(CPU["last"])
                if round_ == 0:
                    checker: Callable[..., list[str]] = (
                        verify.check_edition if kind == "edition" else verify.check_baseline
                    )
                    check(checker(html, blocks, 20), kind, blocks)
        out.append((count, {key: statistics.median(v) for key, v in runs.items()}, loads))
        print(f"measured {count} documents of 20 blocks ({repeat} run(s))", file=sys.stderr)
    return out


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f", {int(found.group(1)) / 2**20:.0f} GiB" if found else ""
    return f"{platform.machine()}, {os.cpu_count()} cores (nproc), {model}{memory}, Python {platform.python_version()}"


def versions(peers: bool) -> str:
    import sphinx as sphinx_module  # noqa: PLC0415 (only for the report)

    parts = [f"Sphinx {sphinx_module.__version__}"]
    if peers:
        for command in ([str(MYST), "--version"], ["pandoc", "--version"]):
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            parts.append(result.stdout.splitlines()[0].strip())
    return ", ".join(parts).replace(", v1", ", mystmd 1", 1)


def require_peers() -> None:
    if not MYST.exists():
        raise SystemExit("mystmd is not installed: run `npm ci --prefix bench` (see README, 'Build performance').")
    if shutil.which("pandoc") is None:
        raise SystemExit("pandoc is not installed: run `apt-get install pandoc` (see README, 'Build performance').")


def span(loads: list[float]) -> str:
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "–"


def report(rows: list[tuple[int, dict[str, dict[str, float]], list[float], int]], peers: bool) -> None:
    print("\n| blocks | measure | baseline | edition | ratio |\n|---|---|---|---|---|")
    labels = {
        "full": "full build (s)",
        "cpu": "full build, CPU time (s)",
        "nochange": "no-change rebuild (s)",
        "annotation": "edit one annotation (s)",
        "block": "edit one French block (s)",
        "j2": "full build, -j 2 (s)",
        "memory": "peak memory (MiB)",
    }
    for blocks, medians, _, _ in rows:
        base, ours = medians["baseline"], medians["edition"]
        for key, label in labels.items():
            if key not in ours:
                continue
            reference = base["block"] if key == "annotation" else base[key]
            shown = "–" if key == "annotation" else f"{base[key]:.2f}"
            print(f"| {blocks} | {label} | {shown} | {ours[key]:.2f} | {ours[key] / reference:.2f}× |")
        # Plain Sphinx as an editor installs it (pybtex's lookups unfixed), and the edition with its
        # DTS API, each against the other side's compared build (CPU time).
        if "installed cpu" in base:
            print(
                f"| {blocks} | full build, CPU, plain Sphinx as installed (s) | {base['installed cpu']:.2f} "
                f"| {ours['cpu']:.2f} | {ours['cpu'] / base['installed cpu']:.2f}× |"
            )
        if "dts cpu" in ours:
            print(
                f"| {blocks} | full build, CPU, edition with its DTS API (s) | {base['cpu']:.2f} "
                f"| {ours['dts cpu']:.2f} | {ours['dts cpu'] / base['cpu']:.2f}× |"
            )
    if len(rows) >= 2:
        (small, s, _, _), (large, g, _, _) = rows[-2], rows[-1]
        base_growth = g["baseline"]["full"] / s["baseline"]["full"]
        ours_growth = g["edition"]["full"] / s["edition"]["full"]
        print(f"\nGrowth from {small} to {large} blocks: baseline ×{base_growth:.1f}, edition ×{ours_growth:.1f}")
    print("(edit one annotation is compared with the baseline's one-file rebuild)")
    if peers:
        print("\nAgainst the peers (full build; ratio = edition ÷ peer, below 1 is faster):\n")
        print(
            "| blocks | measure | mystmd | pandoc | edition | ÷ mystmd | ÷ pandoc | baseline |\n"
            "|---|---|---|---|---|---|---|---|"
        )
        for blocks, medians, loads, _ in rows:
            m, p, e, b = (medians[kind] for kind in ("mystmd", "pandoc", "edition", "baseline"))
            for key, label in (("full", "wall (s)"), ("cpu", "CPU (s)"), ("memory", "peak MiB")):
                print(
                    f"| {blocks} | {label} | {m[key]:.2f} | {p[key]:.2f} | {e[key]:.2f} | {e[key] / m[key]:.2f}× "
                    f"| {e[key] / p[key]:.2f}× | {b[key]:.2f} |"
                )
            print(f"| {blocks} | load | {span(loads)} | | | | | |")
    runs = ", ".join(f"{repeat} at {blocks}" for blocks, _, _, repeat in rows)
    print(f"\nMedians of the runs per tool ({runs}); load = 1-minute load average at each round's start.")


def report_pages(rows: list[tuple[int, dict[str, float], list[float]]], repeat: int) -> None:
    print("\nPages axis (documents of 20 blocks, full build). Per page: the build's CPU time divided by")
    print("the documents; marginal: the extra CPU time per extra page from the size above.\n")
    print(
        "| documents | wall (s): baseline, edition | CPU (s): baseline, edition | CPU ratio "
        "| per page (ms): baseline, edition | marginal (ms): baseline, edition | load |\n"
        "|---|---|---|---|---|---|---|"
    )
    previous: tuple[int, dict[str, float]] | None = None
    for count, m, loads in rows:
        base, ours = m["baseline cpu"], m["edition cpu"]
        marginal = "–"
        if previous:
            extra, before = count - previous[0], previous[1]
            marginal = ", ".join(f"{(m[f'{k} cpu'] - before[f'{k} cpu']) / extra * 1000:.0f}" for k in SPHINX_KINDS)
        print(
            f"| {count} | {m['baseline']:.2f}, {m['edition']:.2f} | {base:.2f}, {ours:.2f} | {ours / base:.2f}× "
            f"| {base / count * 1000:.0f}, {ours / count * 1000:.0f} | {marginal} | {span(loads)} |"
        )
        previous = (count, m)
    print(f"\nMedians of {repeat} run(s).")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large-repeat", type=int, default=2, help="runs at 10,000 blocks and above")
    parser.add_argument("--j2-max", type=int, default=1000, help="largest size with the -j 2 build")
    parser.add_argument("--pages", type=int, nargs="*", default=[10, 50, 100, 500], help="documents of 20 blocks")
    parser.add_argument("--page-repeat", type=int, default=1)
    parser.add_argument("--no-peers", action="store_true", help="edition and baseline only")
    parser.add_argument("--check-only", action="store_true", help="correctness only (for CI): no table")
    args = parser.parse_args()
    peers = not args.no_peers
    if peers:
        require_peers()
    # Measure the extension as an installed package runs: from bytecode. pip compiles a package
    # when it installs it, but an editable install never is, and under PYTHONDONTWRITEBYTECODE
    # (set on some CI machines, and on ours) every build would compile its modules again.
    package = importlib.util.find_spec("parallel_edition")
    if package is None or not package.submodule_search_locations:
        raise SystemExit("the extension is not installed: run `make test` or `pip install -e .` first")
    compileall.compile_dir(package.submodule_search_locations[0], quiet=1)
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as scratch:
        work = Path(scratch)
        for blocks in args.sizes:
            repeat = args.repeat if blocks < 10000 else min(args.repeat, args.large_repeat)
            medians, loads = measure(blocks, repeat, work, peers, blocks <= args.j2_max)
            rows.append((blocks, medians, loads, repeat))
            print(f"measured {blocks} blocks ({repeat} run(s))", file=sys.stderr)
        if args.check_only:
            tools = ", ".join(SPHINX_KINDS + (PEERS if peers else ()))
            print(
                f"bench check: {len(rows)} size(s) built by {tools}; every output holds the aligned text, "
                "the notes and the bibliography; annotation edits rewrite one page; -j 2 output identical"
            )
            return
        pages = pages_axis(args.pages, args.page_repeat, work) if args.pages else []
    print(f"Machine: {machine()}; {versions(peers)}")
    report(rows, peers)
    if pages:
        report_pages(pages, args.page_repeat)
    print(f"\nThe benchmark took {(time.perf_counter() - started) / 60:.1f} minutes.")


if __name__ == "__main__":
    main()
