"""``python -m parallel_edition.publish {html,pdf,epub} SOURCE OUTDIR``: build an edition the way it
is published, strictly, and replace the published output only when the build succeeded.

What ``make html``, ``make pdf`` and ``make epub`` run:

* **html**: a strict Sphinx build (``-n -W --keep-going``) into a staging folder beside
  OUTDIR (a copy of the last good output, so that the build stays incremental), which replaces
  OUTDIR only if the build succeeded. A failed or killed build leaves OUTDIR as it was.
* **pdf**: a strict LaTeX build, then TeX (``latexmk``, XeLaTeX) with no shell escape, with
  ``openin_any`` and ``openout_any`` set to paranoid (TeX may read and write only files under
  the build folder and TeX's own tree: no absolute paths, no parent folders, no dot files),
  and under a time limit (``--timeout``, 300 s by default; a TeX loop is killed). The PDF is
  copied into OUTDIR only if TeX succeeded.
* **epub**: a strict EPUB 3 build in a fresh folder beside OUTDIR (the doctrees are kept, so
  reading stays incremental); the book (``*.epub``) is copied into OUTDIR only if the build
  succeeded.

The exit status is non-zero on any warning or failure, with a message saying what to do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

#: kpathsea settings for every TeX run (they override texmf.cnf when set in the environment).
TEX_ENVIRONMENT = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}


TEX_TIMEOUT = 300


def sphinx(builder: str, source: Path, outdir: Path, doctrees: Path, extra: list[str]) -> int:
    return build_main(
        ["-n", "-W", "--keep-going", "-b", builder, "-d", str(doctrees), *extra, str(source), str(outdir)]
    )


def staged(outdir: Path, *, keep: bool = True) -> Path:
    """A fresh staging folder beside *outdir*; with *keep*, holding a copy of the last good
    output (file times kept, so that Sphinx writes again only what changed)."""
    staging = outdir.with_name(f".{outdir.name}.staging")
    if staging.exists():
        shutil.rmtree(staging)  # left by a build that failed or was killed
    if keep and outdir.is_dir():
        shutil.copytree(outdir, staging, symlinks=True)
    else:
        staging.mkdir(parents=True)
    return staging


def replace(outdir: Path, staging: Path) -> None:
    """*staging* becomes *outdir*; the old output is removed only once the new one is in place."""
    old = outdir.with_name(f".{outdir.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if outdir.exists():
        outdir.rename(old)
    staging.rename(outdir)
    if old.exists():
        shutil.rmtree(old)


def publish_html(source: Path, outdir: Path, doctrees: Path, extra: list[str]) -> int:
    staging = staged(outdir)
    status = sphinx("html", source, staging, doctrees, extra)
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"The strict build failed (see the warnings above); {outdir} was left as it was. "
            "Fix each file:line named, then build again.",
            file=sys.stderr,
        )
        return status
    replace(outdir, staging)
    print(f"The HTML edition is in {outdir}/ (Sphinx built it in {staging.name}/, moved there on success).")
    return 0


def run_tex(command: list[str], cwd: Path, timeout: float) -> int:
    """Run a TeX command confined by TEX_ENVIRONMENT, killing it (and everything it started)
    after *timeout* seconds."""
    env = {**os.environ, **TEX_ENVIRONMENT, "TEXMFOUTPUT": str(cwd)}
    with subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True) as process:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            print(
                f"TeX did not finish within {timeout:g} s and was stopped (a loop in the LaTeX source?). "
                "Raise the limit with --timeout if the document is simply large.",
                file=sys.stderr,
            )
            return 124


def publish_pdf(source: Path, outdir: Path, doctrees: Path, extra: list[str], timeout: float) -> int:
    if not (shutil.which("latexmk") and shutil.which("xelatex")):
        print(
            "make pdf needs TeX. Install it with:\n  sudo apt-get install -y --no-install-recommends texlive-xetex "
            "texlive-lang-french texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended latexmk "
            "fonts-freefont-otf",
            file=sys.stderr,
        )
        return 1
    latex = outdir.with_name(f".{outdir.name}.latex")
    status = sphinx("latex", source, latex, doctrees, extra)
    if status != 0:
        print(f"The strict LaTeX build failed (see the warnings above); {outdir} was left as it was.", file=sys.stderr)
        return status
    command = [
        "make",
        "all-pdf",
        "LATEXMKOPTS=-silent -interaction=nonstopmode -halt-on-error",
        "LATEXOPTS=-no-shell-escape",
    ]
    status = run_tex(command, latex, timeout)
    pdfs = sorted(latex.glob("*.pdf"))
    if status != 0 or not pdfs:
        print(f"TeX failed (see {latex}/*.log); {outdir} was left as it was.", file=sys.stderr)
        return status or 1
    staging = staged(outdir, keep=False)
    for pdf in pdfs:
        shutil.copy2(pdf, staging / pdf.name)
    replace(outdir, staging)
    print(f"The PDF edition is in {outdir}/")
    return 0


def publish_epub(source: Path, outdir: Path, doctrees: Path, extra: list[str]) -> int:
    # A fresh folder each time: the builder packs every file it finds there, and files of an
    # earlier build (the exports, Sphinx's .buildinfo.bak) would be warnings, or stale pages.
    work = outdir.with_name(f".{outdir.name}.build")
    if work.exists():
        shutil.rmtree(work)
    status = sphinx("epub", source, work, doctrees, extra)
    books = sorted(work.glob("*.epub"))
    if status != 0 or not books:
        print(
            f"The strict EPUB build failed (see the warnings above); {outdir} was left as it was. "
            "Fix each file:line named, then build again.",
            file=sys.stderr,
        )
        return status or 1
    staging = staged(outdir, keep=False)
    for book in books:
        shutil.copy2(book, staging / book.name)
    replace(outdir, staging)
    print(f"The EPUB edition is in {outdir}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parallel_edition.publish", description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=["html", "pdf", "epub"])
    parser.add_argument("source", type=Path, help="the edition's source folder (where conf.py is)")
    parser.add_argument("outdir", type=Path, help="the published output folder (replaced only on success)")
    parser.add_argument("--doctrees", type=Path, help="Sphinx's cache (default: OUTDIR/../doctrees-FORMAT)")
    parser.add_argument("--timeout", type=float, default=TEX_TIMEOUT, help="seconds TeX may run (pdf)")
    parser.add_argument("-D", action="append", default=[], metavar="setting=value", help="passed to Sphinx")
    args = parser.parse_args(argv)
    outdir = args.outdir.absolute()
    doctrees = args.doctrees or outdir.with_name(f"doctrees-{args.format}")
    extra = [item for setting in args.D for item in ("-D", setting)]
    if args.format == "html":
        return publish_html(args.source, outdir, doctrees, extra)
    if args.format == "epub":
        return publish_epub(args.source, outdir, doctrees, extra)
    return publish_pdf(args.source, outdir, doctrees, extra, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
