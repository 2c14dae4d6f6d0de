"""Reading the annotations folder and its files: only regular ``*.md`` files directly in it,
valid UTF-8 of a bounded size, no control or bidirectional-override characters, a valid header
(:mod:`.header`) and an accepted body (:mod:`.sanitize`); every problem with its file and line.

An annotation file::

    ---
    id: buzin-spelling
    target: concerns
    quote:
      exact: Agnès Buzin
    kind: textual
    authors: [A. Editor]
    date: 2026-11-28
    ---
    Read *Buzyn*: Agnès Buzyn was minister of Health from 2017 to 2020 {cite:p}`key`.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path

import yaml

from ..warnings_ import EditionWarning
from .characters import FORBIDDEN, forbidden_characters, value_problems
from .header import HeaderError, field_lines, parse_yaml, schema_problem
from .model import KINDS, SCHEMA, Annotation, AnnotationSet, Problem, is_valid, validator

assert list(KINDS) == SCHEMA["properties"]["kind"]["enum"]


#: The largest annotation file read, in bytes (the longest note of the edition is about 1 KB).
MAX_BYTES = 32 * 1024


def annotation_files(folder: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The folder's annotation files, sorted, each with its fingerprint (one directory scan,
    not one Path object and stat call each: thousands of files in a large edition), and a
    problem for everything else in the folder.

    Annotation files are the regular files directly in the folder whose names end in ``.md``.
    Dot files and dot folders (editors' lock and backup files) are ignored. Anything else (a
    symbolic link, a subfolder, another name) is an error naming it: a contributor's note must
    not silently go missing, and a link must never lead the build to a file outside the
    edition. Nothing is followed or read here.
    """
    if folder.is_symlink():
        return [], [file_problem(str(folder), "the annotations folder is a symbolic link; make it a real folder")]
    if not folder.is_dir():
        return [], []
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not entry.name.isprintable() or FORBIDDEN.search(entry.name):
                shown = entry.name.encode("unicode_escape").decode("ascii")
                problems.append(
                    Problem(
                        EditionWarning.ANNOTATION_FILE,
                        f"a file name in the annotations folder holds control or invisible characters "
                        f"({shown!r}); rename it <id>.md.",
                        str(folder / shown),
                        1,
                    )
                )
                continue
            if entry.is_symlink():
                problems.append(
                    file_problem(
                        entry.path,
                        "is a symbolic link; an annotation must be a regular file in the annotations folder "
                        "(links are never followed: copy the note itself here)",
                    )
                )
            elif entry.is_dir(follow_symlinks=False):
                problems += subfolder_problems(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                problems.append(file_problem(entry.path, "is not a regular file; remove it"))
            elif not entry.name.endswith(".md"):
                stem = entry.name.rsplit(".", 1)[0] if "." in entry.name else entry.name
                problems.append(
                    file_problem(
                        entry.path,
                        f"is not an annotation file: annotation files are named <id>.md (lowercase .md); "
                        f"rename it {stem}.md, or move it out of the annotations folder",
                    )
                )
            else:
                found.append((entry.path, stamp(entry.stat(follow_symlinks=False))))
    return sorted(found), sorted(problems, key=lambda p: p.path)


def subfolder_problems(path: str) -> list[Problem]:
    """A subfolder of the annotations folder: each file in it (or the folder, if it holds
    none) is named, so that the contributor sees which note will never appear."""
    where = Path(path)
    message = (
        f"is in the subfolder {where.name}/ of the annotations folder, where annotations are not read; "
        "move it into the annotations folder itself"
    )
    files = []
    for root, dirs, names in os.walk(path):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [str(Path(root, name)) for name in sorted(names) if not name.startswith(".")]
        if len(files) > 20:
            break
    if not files:
        return [
            file_problem(path, "is a subfolder of the annotations folder, where annotations are not read; remove it")
        ]
    return [file_problem(name, message) for name in files[:20]]


def file_problem(path: str, message: str) -> Problem:
    return Problem(EditionWarning.ANNOTATION_FILE, f"{Path(path).name} {message}.", path, 1)


def fingerprint(path: str) -> str:
    return stamp(Path(path).stat())


def stamp(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


#: path -> (fingerprint, annotation or None, problems): what reading a file gave.
Cache = dict[str, tuple[str, "Annotation | None", tuple[Problem, ...]]]


def load_annotations(folder: Path | None, *, cache: Cache | None = None) -> AnnotationSet:
    """Every annotation of the edition, with every problem found in reading them. A *cache*
    (kept in the environment between builds) spares reading the files that did not change.
    (A build reads them once, when it starts: see ``collector.AnnotationCollector``.)
    """
    if folder is None:
        return AnnotationSet([], [])
    files, problems = annotation_files(folder)
    found = collect(files, {} if cache is None else cache)
    found.problems[:0] = problems
    return found


def collect(files: list[tuple[str, str]], cache: Cache) -> AnnotationSet:
    """The annotations of *files* (path, fingerprint), read again only when not in *cache*
    with the same fingerprint."""
    annotations: list[Annotation] = []
    problems: list[Problem] = []
    seen: dict[str, Annotation] = {}
    for key, fingerprint_ in files:
        cached = cache.get(key)
        if cached is None or cached[0] != fingerprint_:
            read, found = read_annotation(key)
            cached = cache[key] = (fingerprint_, read, tuple(found))
        _, annotation, reported = cached
        problems += reported
        if annotation is None:
            continue
        if annotation.id in seen:
            first = seen[annotation.id]
            problems.append(
                Problem(
                    EditionWarning.DUPLICATE_ANNOTATION,
                    f"annotation id {annotation.id!r} is already used by {Path(first.path).name}: give each "
                    "annotation its own id (the file name without .md is a good one).",
                    annotation.path,
                    annotation.line("id"),
                )
            )
            continue
        seen[annotation.id] = annotation
        annotations.append(annotation)
    for gone in set(cache) - {key for key, _ in files}:
        del cache[gone]
    return AnnotationSet(annotations, problems)


def read_annotation(path: str) -> tuple[Annotation | None, list[Problem]]:
    """Read and validate one annotation file: its bytes, its header and its body. Whatever the
    file holds, the answer is an annotation or a list of problems, never an exception."""
    try:
        text = read_text(path)
        return parse_annotation(path, text)
    except BadFileError as error:
        return None, [Problem(EditionWarning.ANNOTATION_FILE, error.message, path, error.line)]
    except Exception as error:  # a stranger's file must never end the build
        message = (
            f"this file could not be read ({type(error).__name__}: {str(error)[:200]}); check that it is a "
            "UTF-8 Markdown file with a YAML header (see CONTRIBUTING.md), and report this message if it is."
        )
        return None, [Problem(EditionWarning.ANNOTATION_FILE, message, path, 1)]


class BadFileError(Exception):
    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def read_text(path: str) -> str:
    """The file's text: at most MAX_BYTES of valid UTF-8, never through a symbolic link. A
    UTF-8 byte order mark at the start (some Windows editors write one) is dropped; line ends
    are made ``\\n``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise BadFileError(f"cannot be opened ({error.strerror}); an annotation must be a regular file") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise BadFileError("is not a regular file; an annotation must be a regular .md file")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BadFileError(
            f"is larger than {MAX_BYTES // 1024} KB, the limit for one annotation: split it into several notes"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadFileError(
            f"is not valid UTF-8 (byte {data[error.start]:#04x} at line {line}); save the file as UTF-8", line
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_annotation(path: str, text: str) -> tuple[Annotation | None, list[Problem]]:  # noqa: PLR0911
    match = re.match(r"---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.S)
    if match is None:
        return None, [
            Problem(
                EditionWarning.BAD_HEADER,
                "an annotation must start with a YAML header between two '---' lines "
                "(see CONTRIBUTING.md for an example).",
                path,
                1,
            )
        ]
    header = match[1] or ""
    body_line = text[: match.end()].count("\n") + 1
    body = text[match.end() :]
    problems = forbidden_characters(header, path, 2, in_field=True)
    problems += forbidden_characters(body, path, body_line, in_field=False)
    if problems:
        return None, problems
    try:
        node, data = parse_yaml(header)
    except HeaderError as error:
        return None, [Problem(EditionWarning.BAD_HEADER, error.message, path, error.line)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        line = mark.line + 2 if mark else 1
        return None, [Problem(EditionWarning.BAD_HEADER, f"the YAML header is malformed: {problem}.", path, line)]
    lines = field_lines(node)
    if not isinstance(data, dict):
        return None, [Problem(EditionWarning.BAD_HEADER, "the YAML header must be a mapping of fields.", path, 2)]
    problems = value_problems(data, path, lines)
    if problems:
        return None, problems
    problems = [] if is_valid(data) else [schema_problem(e, path, lines) for e in validator().iter_errors(data)]
    if not problems:
        problems += date_problems(data["date"], path, lines.get("date", 2))
    problems += body_problems(body, path, body_line)
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return (
        Annotation(
            path=path,
            id=data["id"],
            target=data["target"],
            kind=data["kind"],
            authors=tuple(data["authors"]),
            date=data["date"],
            body=body,
            body_line=body_line,
            quote=data.get("quote"),
            translation_quote=data.get("translation_quote"),
            lines=lines,
        ),
        [],
    )


def date_problems(value: str, path: str, line: int) -> list[Problem]:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return [
            Problem(
                EditionWarning.BAD_FIELD,
                f"field 'date' is {value!r}, which is not a day of the calendar: write a real date as YYYY-MM-DD.",
                path,
                line,
            )
        ]
    return []


def body_problems(body: str, path: str, body_line: int) -> list[Problem]:
    """The body's refused Markdown (see :mod:`.sanitize`), or its absence."""
    from .sanitize import body_tokens  # noqa: PLC0415 (markdown-it is needed only here)

    if not body.strip():
        return [
            Problem(
                EditionWarning.EMPTY_ANNOTATION,
                "the annotation has no text after its header: write the note below the closing '---'.",
                path,
                body_line,
            )
        ]
    _, _, findings = body_tokens(body, keep=True)  # kept for rendering
    return [
        Problem(
            EditionWarning.UNSAFE_CONTENT,
            f"the annotation is refused: {finding.message}",
            path,
            body_line + finding.line - 1,
        )
        for finding in findings
    ]
