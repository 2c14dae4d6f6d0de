"""The edition's citation style: author–year, in round brackets, with the same labels in the
bibliography, e.g. (CNIL, 2023) in a note and [CNIL 2023] in the list.

The list is in alphabetical order of its labels, ignoring case, accents, spaces and punctuation
(letter by letter: « L'Usine » files as "lusine"), then by year; an entry without an author is
filed under its label's title, among the others (see README, "The apparatus")."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sphinxcontrib.bibtex.plugin
from pybtex.plugin import register_plugin
from pybtex.style import template
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
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
            # The short title the editors chose (BibTeX ``shorttitle``, ending at a word and
            # punctuation boundary), else the whole title: never a title cut mid-phrase.
            who = " ".join(plain(entry.fields.get("shorttitle") or entry.fields.get("title", "Anon.")).split())
        year = entry.fields.get("year", "n.d.")
        return f"{who} {year}"


def collation_key(text: str) -> str:
    """Letters and digits only, without case or accents: « Etude… », l'Usine and Latombe file
    among the others, and lower-case site names (actuia.com) are not filed after Z."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")).casefold()
    return "".join(c for c in text if c.isalnum())


class LabelOrder(BaseSortingStyle):
    """Alphabetical order of the labels (name or title, then year), as the reader sees them."""

    def sorting_key(self, entry):
        who = AuthorYearLabels.label(entry).rsplit(" ", 1)[0]
        # The year as the label shows it: "n.d." after the years.
        title = collation_key(plain(entry.fields.get("title", "")))
        return (collation_key(who), entry.fields.get("year", "n.d."), title)


class EditionStyle(UnsrtStyle):
    default_label_style = "authoryear"
    default_sorting_style = "edition_labels"

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
    register_plugin("pybtex.style.sorting", "edition_labels", LabelOrder)
    register_plugin("pybtex.style.formatting", "edition", EditionStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle
    )
