"""``python -m parallel_edition.check SOURCE_DIR``: validate an edition in seconds.

Reads every source and annotation with Sphinx's ``dummy`` builder (nothing is written),
reports every problem at once (``--keep-going``), and exits non-zero if there is any. It is
what ``make check`` runs, and what a contributor runs before opening a pull request.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sphinx.cmd.build import build_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parallel_edition.check", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the edition's source folder (where conf.py is)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="edition-check-") as scratch:
        warnings = Path(scratch, "warnings.txt")
        status = build_main(
            [
                "-q",
                "-E",
                "-n",
                "-W",
                "--keep-going",
                "-b",
                "dummy",
                "-w",
                str(warnings),
                "-d",
                str(Path(scratch, "doctrees")),
                str(args.source),
                str(Path(scratch, "out")),
            ]
        )
        problems = [
            line for line in warnings.read_text(encoding="utf-8").splitlines() if "WARNING" in line or "ERROR" in line
        ]
    elapsed = time.perf_counter() - started
    if status == 0 and not problems:
        print(f"edition check: no problems ({elapsed:.1f} s)")
        return 0
    print(f"edition check: {len(problems)} problem(s) ({elapsed:.1f} s); each line names the file and line to fix.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
