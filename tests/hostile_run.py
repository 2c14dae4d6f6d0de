"""Run hostile annotation cases, as an attacker's pull request would be built, under a Python
audit hook.

    python tests/hostile_run.py SPEC.json RESULTS.json

For each case of SPEC (see ``test_hostile.py``), a fresh copy of the test root gets the case's
files in its annotations folder, and is then built twice, as CI and ``make check`` build it: a
strict HTML build (``sphinx-build -n -W --keep-going -b html``) and ``python -m
parallel_edition.check``. Meanwhile an audit hook (``sys.addaudithook``) records every file
opened or listed outside the allowed folders (the checkout, where the cases are built, under
``build/``; its virtual environment; the Python installation), every connection and every
subprocess. A hook
cannot be removed once added, so this runs in a process of its own.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from parallel_edition import check
from parallel_edition.annotations.model import validator
from sphinx.cmd.build import build_main

#: Audit events that open, list or change a file; the first argument is the path.
FILE_EVENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "os.chdir",
    "os.mkdir",
    "os.remove",
    "os.rename",
    "os.symlink",
    "shutil.copyfile",
    "os.truncate",
}
#: Audit events that reach the network or start a program: always recorded. (Not
#: ``socket.bind``: urllib3, imported by Sphinx, binds a socket to ``::1`` once at import to
#: learn whether the machine has IPv6; it connects nowhere.)
ACTIVE_EVENTS = (
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "socket.sendmsg",
    "subprocess.",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.startfile",
    "urllib.",
    "http.client.",
    "ftplib.",
    "smtplib.",
    "webbrowser.",
    "ctypes.dlopen",
)


class Recorder:
    def __init__(self, allowed: list[str]) -> None:
        self.allowed = tuple(os.path.realpath(path) + os.sep for path in allowed)
        self.case = ""
        self.events: dict[str, list[str]] = {}

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        if not self.case:
            return
        if event in FILE_EVENTS:
            path = args[0] if args else None
            if isinstance(path, int) or path is None:
                return
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            full = os.path.realpath(Path.cwd() / str(path))
            if not (full + os.sep).startswith(self.allowed):
                self.events[self.case].append(f"{event} {full}")
        elif event.startswith(ACTIVE_EVENTS):
            self.events[self.case].append(f"{event} {str(args)[:200]}")


def prepare(case: dict[str, object], root: Path, work: Path) -> Path:
    """The test root copied into the case's folder, with the case's files in it."""
    folder = work / str(case["name"])
    if folder.exists():
        shutil.rmtree(folder)
    src = folder / "src"
    shutil.copytree(root, src, symlinks=True)
    notes = src / "annotations"
    for rel, text in dict(case.get("files", {})).items():  # type: ignore[call-overload]
        path = notes / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(text))
    for rel in case.get("dirs", []):  # type: ignore[union-attr]
        (notes / str(rel)).mkdir(parents=True, exist_ok=True)
    for rel, target in dict(case.get("symlinks", {})).items():  # type: ignore[call-overload]
        (notes / rel).symlink_to(target)
    for rel in case.get("fifos", []):  # type: ignore[union-attr]
        os.mkfifo(notes / str(rel))
    if case.get("folder_symlink"):
        shutil.move(notes, folder / "elsewhere")
        notes.symlink_to(folder / "elsewhere")
    return src


def run_case(case: dict[str, object], root: Path, work: Path, recorder: Recorder) -> dict[str, object]:
    name = str(case["name"])
    src = prepare(case, root, work)
    out = src.parent / "html"
    warnings_file = src.parent / "warnings.txt"
    recorder.case, recorder.events[name] = name, []
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(
            ["-q", "-n", "-W", "--keep-going", "-b", "html", "-w", str(warnings_file), "-d",
             str(src.parent / "doctrees"), str(src), str(out)]
        )  # fmt: skip
    if case.get("control"):
        control()
    check_out, check_err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(check_out), contextlib.redirect_stderr(check_err):
        check_status = check.main([str(src)])
    recorder.case = ""
    return {
        "name": name,
        "src": str(src),
        "out": str(out),
        "status": status,
        "warnings": warnings_file.read_text(encoding="utf-8") if warnings_file.exists() else "",
        "check_status": check_status,
        "check_output": check_out.getvalue() + check_err.getvalue(),
        "events": recorder.events[name],
    }


def control() -> None:
    """What the audit hook must catch: a system file read, a connection, a program started."""
    with contextlib.suppress(OSError), open("/etc/passwd", "rb"):  # noqa: PTH123
        pass
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 9), timeout=1):
        pass
    subprocess.run(["true"], check=False)


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    root, work = Path(spec["root"]), Path(spec["work"])
    work.mkdir(parents=True, exist_ok=True)
    # make check's scratch folder goes into the case's folder, not the system's /tmp.
    os.environ["TMPDIR"] = str(work)
    tempfile.tempdir = None
    # jsonschema, which a build imports only to word the problems of a header that fails the
    # schema, imports ctypes (through its format checkers' dateutil), and importing ctypes
    # dlopens the interpreter itself: imported before recording, as Sphinx's own modules are.
    validator()
    recorder = Recorder(spec["allowed"])
    sys.addaudithook(recorder)
    results = [run_case(case, root, work, recorder) for case in spec["cases"]]
    Path(sys.argv[2]).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
