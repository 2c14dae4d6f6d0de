"""Hostile annotations, as a stranger's pull request would bring them, through a real strict
build and through ``make check``, under an audit hook (``hostile_run.py``).

Every case in ``tests/hostile/`` (one annotation file each) and every case made here (files
that are links, folders, other names, bad bytes) must: be refused with a located, typed error by
both the build and ``make check``, which agree (or, for the few that Markdown makes inert text,
be shown as text); open no file outside the checkout, its environment and the case's folder;
connect nowhere; start no program; and leave no active content in any page.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
ROOT = HERE / "roots" / "test-annotations"


def header(name: str) -> str:
    return f"---\nid: {name}\ntarget: premier\nkind: context\nauthors: [Mallory]\ndate: 2026-11-28\n---\n"


#: Cases of tests/hostile/: file -> (warning subtype, line) of the error, or INERT where
#: Markdown itself makes the payload plain text (markdown-it refuses javascript:, data: and
#: file: links; dollar signs are not math here), which the page must then show as text.
INERT = "inert"
UNSAFE = "unsafe_content"
EXPECTED: dict[str, tuple[str, int] | str] = {
    # raw HTML, images, active links
    "a-tag": (UNSAFE, 8),
    "script-tag": (UNSAFE, 8),
    "style-tag": (UNSAFE, 8),
    "iframe": (UNSAFE, 8),
    "img-onerror": (UNSAFE, 8),
    "svg-onload": (UNSAFE, 8),
    "event-attribute-inline": (UNSAFE, 8),
    "html-block-comment": (UNSAFE, 8),
    "html-inline-in-nested-list": (UNSAFE, 9),
    "hard-break-html": (UNSAFE, 8),
    "data-image": (UNSAFE, 8),
    "remote-image": (UNSAFE, 8),
    "image-in-blockquote": (UNSAFE, 8),
    "javascript-link": INERT,
    "javascript-entity": INERT,
    "javascript-mixed-case": INERT,
    "autolink-javascript": INERT,
    "data-link": INERT,
    "file-autolink-is-text": INERT,
    "link-definition": INERT,  # markdown-it refuses a javascript: definition: it stays text
    "link-relative": (UNSAFE, 8),
    "link-anchor": (UNSAFE, 8),
    "link-inventory": (UNSAFE, 8),
    # directives in fences of every kind, at every depth
    "include-passwd": (UNSAFE, 8),
    "include-tilde": (UNSAFE, 8),
    "include-colon": (UNSAFE, 8),
    "include-long-colon-fence": (UNSAFE, 8),
    "include-nested-colon-fences": (UNSAFE, 8),
    "include-colon-blockquote": (UNSAFE, 10),
    "include-backtick-blockquote": (UNSAFE, 8),
    "include-colon-list-item": (UNSAFE, 10),
    "include-tilde-ordered-list": (UNSAFE, 9),
    "include-backtick-nested-list": (UNSAFE, 11),
    "include-after-lazy-continuation": (UNSAFE, 10),
    "include-list-lazy-continuation": (UNSAFE, 11),
    "include-indented-three-spaces": (UNSAFE, 8),
    "include-list-in-blockquote": (UNSAFE, 9),
    "include-blockquote-in-list": (UNSAFE, 10),
    "literalinclude": (UNSAFE, 8),
    "literalinclude-colon-list-item": (UNSAFE, 9),
    "literalinclude-tilde-blockquote": (UNSAFE, 8),
    "csv-table-file": (UNSAFE, 8),
    "csv-table-file-in-list": (UNSAFE, 10),
    "raw-directive": (UNSAFE, 8),
    "raw-colon": (UNSAFE, 8),
    "raw-url-in-list": (UNSAFE, 10),
    "raw-url-colon-blockquote": (UNSAFE, 8),
    "eval-rst": (UNSAFE, 8),
    "plain-code-fence": (UNSAFE, 8),
    "unclosed-fence": (UNSAFE, 10),
    "indented-code-block": (UNSAFE, 10),
    # math, in the browser and in TeX
    "math-role-href": (UNSAFE, 8),
    "math-role-style": (UNSAFE, 8),
    "math-role-input": (UNSAFE, 8),
    "math-def-loop": (UNSAFE, 8),
    "math-directive": (UNSAFE, 8),
    "math-amsmath": (UNSAFE, 8),
    "math-eq-role": (UNSAFE, 8),
    "dollar-math-is-text": INERT,
    # other roles and constructs outside the allowlist
    "raw-role": (UNSAFE, 8),
    "cite-thousand-keys": (UNSAFE, 8),  # (bibtex parses keys recursively: RecursionError)
    "cite-inside-link-text": (UNSAFE, 8),  # (a link inside a link)
    "uppercase-scheme-link": (UNSAFE, 8),
    "deep-blockquote-nesting": (UNSAFE, 8),  # (markdown-it drops text below 20 levels)
    # characters that only decoding reveals (the file's own bytes are clean)
    "entity-bidi-override": (UNSAFE, 8),
    "entity-control-characters": (UNSAFE, 8),
    "autolink-percent-escapes": (UNSAFE, 8),
    "cite-malformed": (UNSAFE, 8),  # (sphinxcontrib-bibtex raises on it: the build ended in a traceback)
    "cite-pre-post-notes": (UNSAFE, 8),
    "para-reference-malformed": (UNSAFE, 8),
    "download-role": (UNSAFE, 8),
    "doc-role": (UNSAFE, 8),
    "ref-role-in-list": (UNSAFE, 8),
    "myst-target-label": (UNSAFE, 8),
    "heading": (UNSAFE, 8),
    "setext-heading": (UNSAFE, 8),
    "table": (UNSAFE, 8),
    "footnote": (UNSAFE, 8),
    "substitution": (UNSAFE, 8),
    "attrs-inline": (UNSAFE, 8),
    "attrs-block": (UNSAFE, 9),
    "block-break": (UNSAFE, 10),
    "line-comment": (UNSAFE, 10),
    "field-list": (UNSAFE, 8),
    "definition-list": (UNSAFE, 8),
    "task-list": (UNSAFE, 8),
    "strikethrough": (UNSAFE, 8),
    "horizontal-rule": (UNSAFE, 10),
    "second-front-matter": (UNSAFE, 8),
    # headers
    "empty-body": ("empty_annotation", 8),
    "whitespace-body": ("empty_annotation", 8),
    "no-header": ("bad_header", 1),
    "header-not-a-mapping": ("bad_header", 2),
    "duplicate-key": ("bad_header", 4),
    "duplicate-nested-key": ("bad_header", 6),
    "impossible-date": ("bad_field", 6),
    "date-as-list": ("bad_field", 6),
    "id-as-number": ("bad_field", 2),
    "authors-as-mapping": ("bad_field", 5),
    "unknown-field": ("bad_field", 7),
    "yaml-alias-bomb": ("bad_header", 7),
    "yaml-merge-key": ("bad_header", 3),
    "long-quote-without-hint": ("quote_not_found", 4),
    "yaml-anchor-alias": ("bad_header", 2),
    "yaml-python-tag": ("bad_header", 4),
    "yaml-local-tag": ("bad_header", 4),
    "yaml-binary-tag": ("bad_header", 5),
    "yaml-deep-nesting": ("bad_header", 5),
    "authors-control-character": ("bad_field", 5),
    "authors-escape-character": ("bad_field", 5),
    "authors-right-to-left-override": ("bad_field", 5),
    "authors-zero-width-space": ("bad_field", 5),
    "body-bidi-isolate": ("annotation_file", 8),
    "body-nul-byte": ("annotation_file", 8),
}


def encoded(data: bytes | str) -> str:
    return base64.b64encode(data.encode("utf-8") if isinstance(data, str) else data).decode()


GOOD_BODY = "A harmless note.\n"
#: Cases made here: name -> (what goes into the annotations folder, [(file, line, subtype)]
#: expected; an empty list: accepted).
MADE: dict[str, tuple[dict[str, object], list[tuple[str, int, str]] | str]] = {
    # A name that would forge lines of the build log: reported by an escaped name, never read.
    "control-characters-in-a-file-name": (
        {"files": {"a\n\x1b[2K\x1b[1Aok\x1b[8m.md": encoded(header("forged") + GOOD_BODY)}},
        [("a\\n\\x1b[2K\\x1b[1Aok\\x1b[8m.md", 1, "annotation_file")],
    ),
    "symlink-to-system-file": ({"symlinks": {"passwd.md": "/etc/passwd"}}, [("passwd.md", 1, "annotation_file")]),
    "symlink-to-a-note": (
        {"files": {"real.md": encoded(header("real") + GOOD_BODY)}, "symlinks": {"alias.md": "real.md"}},
        [("alias.md", 1, "annotation_file")],
    ),
    "symlink-to-a-folder": ({"symlinks": {"etc": "/etc"}}, [("etc", 1, "annotation_file")]),
    "note-in-a-subfolder": (
        {"files": {"drafts/later.md": encoded(header("later") + GOOD_BODY)}},
        [("drafts/later.md", 1, "annotation_file")],
    ),
    "empty-subfolder": ({"dirs": ["empty"]}, [("empty", 1, "annotation_file")]),
    "uppercase-extension": (
        {"files": {"shout.MD": encoded(header("shout") + GOOD_BODY)}},
        [("shout.MD", 1, "annotation_file")],
    ),
    "yaml-file": ({"files": {"note.yml": encoded("id: note\n")}}, [("note.yml", 1, "annotation_file")]),
    "no-extension": ({"files": {"README": encoded("Notes go here.\n")}}, [("README", 1, "annotation_file")]),
    "fifo": ({"fifos": ["pipe.md"]}, [("pipe.md", 1, "annotation_file")]),
    "too-large": (
        {"files": {"huge.md": encoded(header("huge") + "word " * 8000)}},
        [("huge.md", 1, "annotation_file")],
    ),
    "not-utf8": (
        {"files": {"latin1.md": encoded((header("latin1") + "Caf\u00e9 cr\u00e8me.\n").encode("latin-1"))}},
        [("latin1.md", 8, "annotation_file")],
    ),
    "utf16": (
        {"files": {"wide.md": encoded((header("wide") + GOOD_BODY).encode("utf-16"))}},
        [("wide.md", 1, "annotation_file")],
    ),
    "byte-order-mark-is-dropped": ({"files": {"bom.md": encoded("\ufeff" + header("bom") + GOOD_BODY)}}, []),
    "windows-line-ends-are-read": (
        {"files": {"crlf.md": encoded((header("crlf") + GOOD_BODY).replace("\n", "\r\n"))}},
        [],
    ),
    "annotations-folder-is-a-symlink": ({"folder_symlink": True}, [(".", 1, "annotation_file")]),
    # Two honest notes with the same link label: each is refused on its own line, never
    # blamed on text.md (bodies share nothing).
    "same-link-label-in-two-notes": (
        {
            "files": {
                f"{name}.md": encoded(header(name) + "See [the report][r].\n\n[r]: https://example.org/\n")
                for name in ("label-one", "label-two")
            }
        },
        [("label-one.md", 10, UNSAFE), ("label-two.md", 10, UNSAFE)],
    ),
    # A fence left open in one note cannot carry a directive into the next.
    "fence-across-two-notes": (
        {
            "files": {
                "fence-a.md": encoded(header("fence-a") + "```\n"),
                "fence-b.md": encoded(header("fence-b") + "```\n:::{include} /etc/passwd\n:::\n"),
            }
        },
        # (B's fence is B's own: it runs to the end of B, the colon lines inside it included.)
        [("fence-a.md", 8, UNSAFE), ("fence-b.md", 8, UNSAFE)],
    ),
    # An honest note with every allowed construct is accepted.
    "every-allowed-construct": (
        {
            "files": {
                "allowed.md": encoded(
                    header("allowed")
                    + '*Emphasis*, **strong**, `code`, a [link](https://example.org/ "title"), <https://example.org/>,\n'
                    "a line break\\\nand {cite:p}`source2024`, {edition:para}`liste`.\n\n"
                    "- a list\n  1. nested, ordered\n\n> A block quote.\n\nMail <mailto:editor@example.org>.\n"
                )
            }
        },
        [],
    ),
}


def all_cases() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = [{"name": "clean"}, {"name": "audit-control", "control": True}]
    cases += [{"name": p.stem, "files": {p.name: encoded(p.read_bytes())}} for p in sorted(HOSTILE.glob("*.md"))]
    cases += [{"name": name, **setup} for name, (setup, _) in MADE.items()]
    return cases


@pytest.fixture(scope="session")
def results() -> dict[str, dict[str, object]]:
    """Every case, run in two processes at once (this machine has two cores)."""
    # Inside the checkout (build/ is ignored by git), so that the audit allows exactly the
    # checkout, its virtual environment and the Python installation, and nothing else.
    work = REPO / "build" / "hostile-cases"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    cases = all_cases()
    runs = []
    for part in range(2):
        spec = work / f"spec{part}.json"
        spec.write_text(
            json.dumps(
                {
                    "root": str(ROOT),
                    "work": str(work / f"cases{part}"),
                    "allowed": [str(REPO), sys.prefix, sys.base_prefix, sys.exec_prefix],
                    "cases": cases[part::2],
                }
            ),
            encoding="utf-8",
        )
        out = work / f"results{part}.json"
        command = [sys.executable, str(HERE / "hostile_run.py"), str(spec), str(out)]
        # (NO_COLOR: with CI=true, Sphinx colours its messages even when they go to a file.)
        env = {**os.environ, "NO_COLOR": "1"}
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        runs.append((process, out))
    found: dict[str, dict[str, object]] = {}
    for process, out in runs:
        output, _ = process.communicate(timeout=900)
        assert process.returncode == 0, output
        found |= {result["name"]: result for result in json.loads(out.read_text(encoding="utf-8"))}
    return found


def test_the_corpus_is_complete() -> None:
    files = {p.stem for p in HOSTILE.glob("*.md")}
    assert files == set(EXPECTED), "every file of tests/hostile/ has its expected outcome here, and no other"
    assert len(files) + len(MADE) >= 60


def test_the_audit_hook_sees_files_sockets_and_programs(results: dict[str, dict[str, object]]) -> None:
    """The control case opens a system file, connects to a port and starts a program, during
    its build: the hook must record all three (else the other cases prove nothing)."""
    events = " ".join(results["audit-control"]["events"])  # type: ignore[arg-type]
    assert "open /etc/passwd" in events and "socket.connect" in events and "subprocess.Popen" in events


WARNING = re.compile(r"^(?P<path>/\S+?):(?P<line>\d+): WARNING: (?P<message>.+) \[edition\.(?P<subtype>\w+)\]$")


def located(text: str, src: str) -> set[tuple[str, int, str]]:
    """(file relative to the annotations folder, line, subtype) of each warning; every line of
    *text* that is a warning must be one of the extension's, located."""
    found = set()
    for line in text.splitlines():
        if "WARNING" not in line and "ERROR" not in line:
            continue
        match = WARNING.match(line)
        assert match, f"not a located, typed warning of the extension: {line!r}"
        path = Path(match["path"]).relative_to(Path(src) / "annotations")
        found.add((str(path), int(match["line"]), match["subtype"]))
    return found


def expected_for(name: str) -> list[tuple[str, int, str]] | str:
    if name in EXPECTED:
        outcome = EXPECTED[name]
        return INERT if outcome == INERT else [(f"{name}.md", outcome[1], outcome[0])]  # type: ignore[index]
    return MADE[name][1]


ACTIVE_URL = re.compile(r"^\s*(javascript|data|vbscript|file):", re.I)


def scripts(page: Path) -> list[str]:
    return sorted(str(s) for s in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"))


def assert_no_active_content(outdir: Path, baseline: Path) -> None:
    """No page has a script the clean build has not, an event attribute or an active URL; no
    note holds an element that could act; no system file's text is in any output."""
    for page in outdir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert scripts(page) == scripts(baseline / page.name), page.name
        for note in soup.select(".ed-annotation"):
            assert note.find_all(["script", "style", "iframe", "object", "embed", "svg", "img", "form", "math"]) == []
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
            for name in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                assert not ACTIVE_URL.match(str(tag.get(name, ""))), tag
        assert "mathjax" not in html.lower()
    for exported in [*outdir.glob("*.html"), *outdir.glob("*.json*"), *outdir.glob("_sources/**/*")]:
        if exported.is_file():
            text = exported.read_text(encoding="utf-8", errors="replace")
            assert "root:x:0:0" not in text and "/bin/bash" not in text, exported


CASES = sorted([*EXPECTED, *MADE])


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name: str, results: dict[str, dict[str, object]]) -> None:
    result = results[name]
    assert result["events"] == [], "the build opened, connected to or started something outside the project"
    src, out = str(result["src"]), Path(str(result["out"]))
    build_warnings, check_warnings = located(str(result["warnings"]), src), located(str(result["check_output"]), src)
    assert "Traceback" not in str(result["check_output"]) and "Exception occurred" not in str(result["check_output"])
    expected = expected_for(name)
    if expected in (INERT, []):
        assert (result["status"], build_warnings) == (0, set()), result["warnings"]
        assert (result["check_status"], check_warnings) == (0, set()), result["check_output"]
        page = BeautifulSoup((out / "text.html").read_text(encoding="utf-8"), "html.parser")
        note_id = name if name in EXPECTED else None
        if note_id:  # shown, as the text it is
            assert page.find(id=f"ann--{note_id}") is not None
    else:
        assert result["status"] != 0 and result["check_status"] != 0, "a refused case must fail both"
        assert build_warnings == check_warnings, "the strict build and make check must agree"
        assert set(expected) <= build_warnings, build_warnings  # type: ignore[arg-type]
        assert {where for where, _, _ in build_warnings} == {where for where, _, _ in expected}  # type: ignore[union-attr]
        page = BeautifulSoup((out / "text.html").read_text(encoding="utf-8"), "html.parser")
        for where, _, subtype in expected:  # type: ignore[union-attr]
            if subtype != "quote_not_found":  # (such a note stands at the end of its block)
                assert page.find(id=f"ann--{Path(where).stem}") is None, "a refused note is not published"
    assert_no_active_content(out, Path(str(results["clean"]["out"])))


#: The warning subtypes these cases exercise (see test_bad_input.test_every_subtype_is_exercised).
EXERCISED = {outcome[0] for outcome in EXPECTED.values() if outcome != INERT} | {
    subtype for _, expected in MADE.values() for _, _, subtype in expected
}
