"""The edition's citation style: author–year, in round brackets, with the same labels in the
bibliography, e.g. (CNIL, 2023) in a note and [CNIL 2023] in the list."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sphinxcontrib.bibtex.plugin
from pybtex.plugin import register_plugin
from pybtex.style import template
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)


def plain(text: str) -> str:
    return re.sub(r"[{}]", "", text)


class AuthorYearLabels(BaseLabelStyle):
    """``CNIL 2023``; the title's first words when there is no author; a, b for twins."""

    def format_labels(self, sorted_entries: Iterable) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = [self.label(entry) for entry in entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield f"{label}{chr(ord('a') + seen[label] - 1)}"
            else:
                yield label

    @staticmethod
    def label(entry) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor")
        if persons:
            who = " ".join(plain(" ".join(persons[0].last_names or persons[0].first_names)).split())
            if len(persons) > 1:
                who += " et al."
        else:
            words = plain(entry.fields.get("title", "Anon.")).split()
            who = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
        year = entry.fields.get("year", "n.d.")
        return f"{who} {year}"


class EditionStyle(UnsrtStyle):
    default_label_style = "authoryear"
    default_sorting_style = "author_year_title"

    def format_web_refs(self, e):
        """The address, and the day the editors consulted it (``urldate``, see
        bibliography/README.md): "consulted on", since the copies read were stored ones, not the
        live page that pybtex's "visited on" suggests."""
        return template.sentence[
            template.optional[self.format_url(e), template.optional[" (consulted on ", template.field("urldate"), ")"]],
            template.optional[self.format_doi(e)],
        ]

    def format_title(self, e, which_field, as_sentence=True):
        """Titles as the source spells them: French titles keep their capitals (l'État, SREN)."""
        title = template.field(which_field)
        return template.sentence[title] if as_sentence else title


def register_styles() -> None:
    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "edition", EditionStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle
    )
