"""Synthetic editions with the real edition's structure, for the benchmark.

``edition(root, blocks)`` writes an edition of *blocks* aligned French/English blocks in several
documents (200 blocks each, at least 2; *per_doc* changes that for the pages axis), a heading per
document, one annotation per two blocks (citing one of 20 sources), and a bibliography.

The same content, for comparison:

- ``baseline``: plain Sphinx + MyST paragraphs (the French, the English, the note after them),
  same theme (the edition's, ``parallel_edition``), same citations (sphinxcontrib-bibtex), without
  the extension, with the extension's one pybtex fix (``PIN``): a lower bound.
- ``mystmd``: the peer an editor would pick in Jupyter Book 2's world. Each block is a two-column
  ``grid`` (French ``grid-item``, English ``grid-item``) with a label (its anchor); its note is an
  ``aside`` (MyST's margin note) right after it, citing with the same ``{cite:p}`` role; the
  sources are the project's ``bibliography`` (the same refs.bib), which mystmd lists under each
  page that cites them.
- ``pandoc``: the engine of Quarto. Each block is a div with the anchor as its id holding a
  ``lang="fr"`` div and a ``lang="en"`` div (side by side by a two-line stylesheet), its note a
  ``.column-margin`` div (Quarto's margin-note class) with a ``[@src00]`` citation; ``--citeproc``
  with the same refs.bib puts the references under each page; a bibliography page lists every
  source (``nocite: '@*'``), and an index page links the parts, as the Sphinx toctree does.
"""

from __future__ import annotations

import random
from pathlib import Path

from parallel_edition.cite import text_hash

WORDS = [
    "données",
    "santé",
    "plateforme",
    "hébergement",
    "souveraineté",
    "nuage",
    "européen",
    "marché",
    "public",
    "contrat",
    "ministère",
    "commission",
    "rapport",
    "sénat",
    "autorité",
    "protection",
    "recherche",
    "migration",
    "sécurité",
    "transparence",
    "calendrier",
    "financement",
    "économies",
    "prestataire",
    "qualification",
]
EN_WORDS = [
    "data",
    "health",
    "platform",
    "hosting",
    "sovereignty",
    "cloud",
    "european",
    "procurement",
    "contract",
    "ministry",
    "commission",
    "report",
    "senate",
    "authority",
    "protection",
    "research",
    "migration",
    "security",
    "transparency",
    "timetable",
    "funding",
    "savings",
    "provider",
    "qualification",
]
BLOCKS_PER_DOC = 200
#: Both Sphinx sides use the edition's reading theme (it works without the extension too).
THEME = 'html_theme = "parallel_edition"\n'
#: The edition's exports the peers do not make: the static DTS API (ten small files a block) is
#: off in the compared build and timed on its own (run.py, "with the DTS API"); the TEI, JSON-LD
#: and Hypothesis exports (a file each) stay on.
EDITION_EXTRA = "edition_dts = False\n"
#: The baseline gets the one fix the extension makes to sphinxcontrib-bibtex's speed (pybtex's
#: plain-text backend registered once, not looked up among the entry points for every citation),
#: so that the ratio measures the extension's own work; ``-t as_installed`` builds it without.
PIN = """
if not tags.has("as_installed"):
    import pybtex.plugin
    pybtex.plugin.register_plugin(
        "pybtex.backends", "plaintext", pybtex.plugin.find_plugin("pybtex.backends", "plaintext"), force=True
    )
"""


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def documents(blocks: int, per_doc: int = BLOCKS_PER_DOC) -> list[tuple[str, int]]:
    count = max(2, -(-blocks // per_doc))
    sizes = [blocks // count + (1 if i < blocks % count else 0) for i in range(count)]
    return [(f"part{i + 1:03d}", size) for i, size in enumerate(sizes)]


def texts(blocks: int, per_doc: int = BLOCKS_PER_DOC) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(docname, title, [(anchor, french, english)]) — the same for the edition and its peers."""
    rng = random.Random(blocks)
    out = []
    number = 0
    for docname, size in documents(blocks, per_doc):
        rows = []
        for _ in range(size):
            number += 1
            fr = f"Bloc {number} : " + " ".join(sentence(rng, WORDS, 12) for _ in range(3))
            en = f"Block {number}: " + " ".join(sentence(rng, EN_WORDS, 12) for _ in range(3))
            rows.append((f"b{number:05d}", fr, en))
        out.append((docname, f"Partie {docname}", rows))
    return out


def write_index(root: Path, docnames: list[str], extra: str = "") -> None:
    toctree = "\n".join(docnames)
    (root / "index.md").write_text(f"# Edition\n\n```{{toctree}}\n{toctree}\n{extra}```\n", encoding="utf-8")


def bibliography(root: Path) -> None:
    entries = "\n".join(
        f"@misc{{src{i:02d},\n  author = {{{{Institution {i}}}}},\n  title = {{Source {i}}},\n  year = {{2024}},\n}}\n"
        for i in range(20)
    )
    (root / "refs.bib").write_text(entries, encoding="utf-8")
    (root / "bibliography.md").write_text("# Bibliography\n\n```{bibliography}\n```\n", encoding="utf-8")


def pair(anchor: str, fr: str, en: str, options: str = "") -> str:
    """One aligned block: the French, then the English that records the French's hash."""
    french = f":::{{fr}} {anchor}\n{options}{fr}\n:::\n"
    return f"{french}\n:::{{en}} {anchor}\n:source-hash: {text_hash(fr)}\n{en}\n:::\n"


def notes(rows: list[tuple[str, str, str]], count: int) -> tuple[list[tuple[str, str, str, str | None]], int]:
    """[(anchor, french, english, the note's source key or None)] and the notes so far: one note
    per two blocks (the odd ones), citing the sources in turn; *count* is the notes before."""
    out = []
    for anchor, fr, en in rows:
        key = None
        if int(anchor[1:]) % 2:
            key = f"src{count % 20:02d}"
            count += 1
        out.append((anchor, fr, en, key))
    return out, count


def note_text(anchor: str) -> str:
    """The note's words before its citation (the same in every tool)."""
    return f"A note on block {int(anchor[1:])}, citing"


def edition(root: Path, blocks: int, per_doc: int = BLOCKS_PER_DOC) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "parallel_edition"]\n'
        'myst_enable_extensions = ["colon_fence"]\nexclude_patterns = ["_build", "annotations"]\n'
        'edition_annotations = "annotations"\nbibtex_bibfiles = ["refs.bib"]\n' + THEME + EDITION_EXTRA,
        encoding="utf-8",
    )
    docs = texts(blocks, per_doc)
    kinds = ["context", "law", "source", "textual", "translation", "update"]
    count = 0
    for docname, title, rows in docs:
        parts = [pair(f"{docname}-h", title, f"Part {docname}", ":heading: 1\n")]
        for anchor, fr, en in rows:
            parts.append(pair(anchor, fr, en))
            number = int(anchor[1:])
            if number % 2:
                quote = fr.split(": ", 1)[0]
                (root / "annotations" / f"n{number:05d}.md").write_text(
                    f"---\nid: n{number:05d}\ntarget: {anchor}\nquote:\n  exact: '{quote}'\n"
                    f"kind: {kinds[count % 6]}\nauthors: [Bench]\ndate: 2026-11-28\n---\n"
                    f"A note on block {number}, citing {{cite:p}}`src{count % 20:02d}`.\n",
                    encoding="utf-8",
                )
                count += 1
        (root / f"{docname}.md").write_text("\n".join(parts), encoding="utf-8")
    bibliography(root)
    write_index(root, [d for d, _, _ in docs], "bibliography\n")


def baseline(root: Path, blocks: int, per_doc: int = BLOCKS_PER_DOC) -> None:
    """The same text, and the same notes (as paragraphs after their block, with their
    citations), as plain Sphinx + MyST, without the extension."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n' + THEME + PIN,
        encoding="utf-8",
    )
    docs = texts(blocks, per_doc)
    count = 0
    for docname, title, rows in docs:
        parts = []
        for anchor, fr, en in rows:
            parts.append(f"{fr}\n\n{en}")
            number = int(anchor[1:])
            if number % 2:
                parts.append(f"A note on block {number}, citing {{cite:p}}`src{count % 20:02d}`.")
                count += 1
        body = "\n\n".join(parts)
        (root / f"{docname}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    bibliography(root)
    write_index(root, [d for d, _, _ in docs], "bibliography\n")


def mystmd(root: Path, blocks: int, per_doc: int = BLOCKS_PER_DOC) -> None:
    """The same edition for mystmd: grids, asides and citations (see the module's docstring).
    Its site template is a local stub: mystmd's themes are downloaded from the internet when a
    site is built, so the benchmark measures mystmd's site content build (parsing, numbering,
    cross-references, citations, search index), not the theme's rendering of it into HTML:
    a lower bound for a mystmd HTML build."""
    root.mkdir(parents=True, exist_ok=True)
    docs = texts(blocks, per_doc)
    toc = "".join(f"    - file: {docname}.md\n" for docname, _, _ in docs)
    (root / "myst.yml").write_text(
        "version: 1\nproject:\n  title: Edition\n  bibliography:\n    - refs.bib\n"
        f"  toc:\n    - file: index.md\n{toc}site:\n  template: ./template\n",
        encoding="utf-8",
    )
    (root / "template").mkdir(exist_ok=True)
    (root / "template" / "template.yml").write_text("jtex: v1\ntitle: stub\nkind: site\n", encoding="utf-8")
    count = 0
    for docname, title, rows in docs:
        parts = [f"({docname}-h)=\n# {title}\n"]
        noted, count = notes(rows, count)
        for anchor, fr, en, key in noted:
            parts.append(
                f"({anchor})=\n::::{{grid}} 2\n:::{{grid-item}}\n{fr}\n:::\n:::{{grid-item}}\n{en}\n:::\n::::\n"
            )
            if key:
                parts.append(f":::{{aside}}\n{note_text(anchor)} {{cite:p}}`{key}`.\n:::\n")
        (root / f"{docname}.md").write_text("\n".join(parts), encoding="utf-8")
    bibliography(root)
    (root / "bibliography.md").unlink()
    (root / "index.md").write_text("# Edition\n", encoding="utf-8")


PANDOC_CSS = ".aligned { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }\n.column-margin { float: right; }\n"


def pandoc(root: Path, blocks: int, per_doc: int = BLOCKS_PER_DOC) -> list[str]:
    """The same edition for pandoc (see the module's docstring); returns the documents' names,
    each to be converted to <name>.html by one pandoc run, as Quarto does."""
    root.mkdir(parents=True, exist_ok=True)
    docs = texts(blocks, per_doc)
    count = 0
    for docname, title, rows in docs:
        parts = [f"# {title} {{#{docname}-h}}\n"]
        noted, count = notes(rows, count)
        for anchor, fr, en, key in noted:
            parts.append(
                f'::: {{#{anchor} .aligned}}\n::: {{.fr lang="fr"}}\n{fr}\n:::\n\n'
                f'::: {{.en lang="en"}}\n{en}\n:::\n:::\n'
            )
            if key:
                parts.append(f"::: {{.column-margin}}\n{note_text(anchor)} [@{key}].\n:::\n")
        front = f"---\ntitle: {title}\nlang: fr\n---\n\n"
        (root / f"{docname}.md").write_text(front + "\n".join(parts), encoding="utf-8")
    bibliography(root)
    (root / "bibliography.md").write_text(
        "---\ntitle: Bibliography\nnocite: '@*'\n---\n\n::: {#refs}\n:::\n", encoding="utf-8"
    )
    links = "\n".join(f"- [{title}]({docname}.html)" for docname, title, _ in docs)
    index = f"---\ntitle: Edition\n---\n\n{links}\n- [Bibliography](bibliography.html)\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    (root / "edition.css").write_text(PANDOC_CSS, encoding="utf-8")
    return ["index", *(d for d, _, _ in docs), "bibliography"]
