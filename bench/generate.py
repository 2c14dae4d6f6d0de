"""Synthetic editions with the real edition's structure, for the benchmark.

``edition(root, blocks)`` writes an edition of *blocks* aligned French/English blocks in several
documents (200 blocks each, at least 2), a heading per document, one annotation per two blocks,
and a bibliography; ``baseline(root, blocks)`` writes the same text as plain MyST paragraphs,
without the extension, for comparison.
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
THEME = 'html_theme = "sphinx_book_theme"\n'


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def documents(blocks: int) -> list[tuple[str, int]]:
    count = max(2, -(-blocks // BLOCKS_PER_DOC))
    sizes = [blocks // count + (1 if i < blocks % count else 0) for i in range(count)]
    return [(f"part{i + 1:03d}", size) for i, size in enumerate(sizes)]


def texts(blocks: int) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(docname, title, [(anchor, french, english)]) — the same for edition and baseline."""
    rng = random.Random(blocks)
    out = []
    number = 0
    for docname, size in documents(blocks):
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


def edition(root: Path, blocks: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "parallel_edition"]\n'
        'myst_enable_extensions = ["colon_fence"]\nexclude_patterns = ["_build", "annotations"]\n'
        'edition_annotations = "annotations"\nbibtex_bibfiles = ["refs.bib"]\n' + THEME,
        encoding="utf-8",
    )
    docs = texts(blocks)
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


def baseline(root: Path, blocks: int) -> None:
    """The same text, and the same notes (as paragraphs after their block, with their
    citations), as plain Sphinx + MyST, without the extension."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n' + THEME,
        encoding="utf-8",
    )
    docs = texts(blocks)
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
