"""Blocks of plain prose skip the Markdown parser (a speed-up, see ``is_plain_line``): the doctree
must be exactly what MyST makes of them, node for node, line for line."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import EDITION, sphinx_build
from docutils import nodes
from parallel_edition.cite import text_hash
from parallel_edition.parallel import directives

#: Lines that take the fast path, and lines that look plain but must not.
LINES = [
    "Bloc 1 : données de santé, hébergement (public) et marché.",
    "L’« État » a dit : « oui » ; puis… non ? 100 % – 3 €/an — fin.",
    'Il a dit "oui" -- puis... l\'a écrit.',  # plain for MyST without smartquotes/replacements
    "Plateforme\u00a0: souveraineté\u202f! Fin.",
    "Voir https://example.org/page et www.example.org.",  # a link only with MyST's linkify
    "Fin avec espace insécable\u00a0",  # stripped by Markdown: must not take the fast path
    "1. une liste ordonnée",
    "Un *accent* et un `code`.",
    "Une ligne\\ avec une barre oblique inverse.",
    "Entité &amp; esperluette.",
    "Ligne ~barrée~ et $x$.",
    "Un_mot et un ½ : fin.",
    "½ au début.",
    "E\u0301tat décomposé.",
]


def project(root: Path, extensions: list[str]) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(
        f'extensions = ["myst_parser", "parallel_edition"]\nmyst_enable_extensions = {extensions!r}\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text("# Plain\n\n```{toctree}\ntext\n```\n", encoding="utf-8")
    blocks = []
    for number, line in enumerate(LINES, 1):
        blocks.append(
            f":::{{fr}} b{number}\n{line}\n:::\n\n:::{{en}} b{number}\n:source-hash: {text_hash(line)}\n{line}\n:::\n"
        )
    (root / "text.md").write_text("# Text\n\n" + "\n".join(blocks), encoding="utf-8")
    return root


def shape(doctree: nodes.document) -> list[tuple]:
    """Every node with what it carries: type, attributes, line, source and text."""
    out: list[tuple] = []
    for node in doctree.findall():
        if isinstance(node, nodes.Text):
            out.append(("#text", str(node)))
        else:
            out.append((node.tagname, repr(sorted(node.attributes.items())), node.line, node.source, node.rawsource))
    return out


def doctrees(
    srcdir: Path, outdir: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool
) -> tuple[dict[str, list[tuple]], int]:
    """The shape of every doctree, and how many blocks took the fast path."""
    calls: list[bool] = []
    original = directives.BlockDirective.plain_paragraph

    def counted(self: directives.BlockDirective, lines: list[str]) -> list[nodes.Node]:
        result = original(self, lines) if fast else []
        calls.append(bool(result))
        return result

    monkeypatch.setattr(directives.BlockDirective, "plain_paragraph", counted)
    status, warnings = sphinx_build(srcdir, outdir, "-E", builder="dummy")
    assert status == 0, warnings
    monkeypatch.undo()
    found = {}
    for path in sorted((outdir.parent / f"{outdir.name}-doctrees").glob("*.doctree")):
        with path.open("rb") as handle:
            found[path.stem] = shape(pickle.load(handle))
    return found, sum(calls)


def test_plain_blocks_are_parsed_as_myst_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = project(tmp_path / "src", ["colon_fence"])
    fast, taken = doctrees(src, tmp_path / "fast", monkeypatch, fast=True)
    slow, _ = doctrees(src, tmp_path / "slow", monkeypatch, fast=False)
    assert taken == 10  # the first five lines, in both languages
    assert fast["text"] == slow["text"]


def test_no_fast_path_when_myst_changes_plain_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = project(tmp_path / "src", ["colon_fence", "smartquotes", "replacements"])
    _, taken = doctrees(src, tmp_path / "fast", monkeypatch, fast=True)
    assert taken == 0


def test_which_lines_take_the_fast_path() -> None:
    plain = [line for line in LINES if directives.is_plain_line(line)]
    assert plain == LINES[:5]


def test_the_real_edition_reads_the_same_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, taken = doctrees(EDITION, tmp_path / "fast", monkeypatch, fast=True)
    slow, _ = doctrees(EDITION, tmp_path / "slow", monkeypatch, fast=False)
    assert taken >= 20
    assert fast.keys() == slow.keys()
    for docname in fast:
        assert fast[docname] == slow[docname], docname
