"""Where a quote is in a cell: W3C TextQuoteSelectors (``exact`` with ``prefix``/``suffix``)
matched on the cell's text as :mod:`..text` reads it (NFC, node by node); the closest passage
as a hint when a quote is not found."""

from __future__ import annotations

import difflib
import unicodedata

from ..blocks import Block
from ..text import segments
from ..warnings_ import EditionWarning, warn
from .model import Annotation

#: Sphinx's smart quotes change a translation's quotes in some builders and not in others
#: (not in text and man); quotes in a translation are matched whatever their shape. The
#: original is never touched by smart quotes, and is matched exactly.
QUOTE_SHAPES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def normal(text: str, fold_quotes: bool) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.translate(QUOTE_SHAPES) if fold_quotes else text


def find_quote(text: str, quote: dict[str, str], fold_quotes: bool = False) -> list[int]:
    text = normal(text, fold_quotes)
    exact, prefix, suffix = (normal(quote.get(key, ""), fold_quotes) for key in ("exact", "prefix", "suffix"))
    starts = []
    start = text.find(exact)
    while start != -1:
        if text[:start].endswith(prefix) and text[start + len(exact) :].startswith(suffix):
            starts.append(start)
        start = text.find(exact, start + 1)
    return starts


#: Longer quotes get no hint: comparing every window of the block with them costs seconds.
HINT_LIMIT = 200


def closest_passage(text: str, exact: str) -> str:
    """The passage of *text* most like *exact*, for a typo hint."""
    size = len(exact)
    if not text or size == 0 or size > HINT_LIMIT:
        return ""
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for start in range(max(1, len(text) - size + 1)):
        window = text[start : start + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best


def locate(note: Annotation, target: Block, role: str, field_name: str) -> tuple[int, int, str] | None:
    """Where the note's *field_name* quote is in the *role* cell's text: start, end, and the
    text found there (in the translation, quotes may differ in shape); None if nowhere or
    more than once (with a warning)."""
    quote = getattr(note, field_name)
    cell = target.cells.get(role)
    if quote is None or cell is None:
        return None
    text, _ = segments(cell)
    starts = find_quote(text, quote, fold_quotes=role == "translation")
    location = f"{note.path}:{note.line(field_name)}"
    exact = unicodedata.normalize("NFC", quote["exact"])
    if not starts:
        hint = closest_passage(text, exact)
        warn(
            EditionWarning.QUOTE_NOT_FOUND,
            f"annotation {note.id!r}: {field_name} {quote['exact']!r} is not in block {target.anchor!r} "
            f"({target.lang(role)}); " + (f"the closest passage is {hint!r}. " if hint else "") + "Copy the "
            "passage exactly (quotes, apostrophes and no-break spaces included), or leave the quote out "
            "to annotate the whole block.",
            location,
        )
        return None
    if len(starts) > 1:
        warn(
            EditionWarning.AMBIGUOUS_QUOTE,
            f"annotation {note.id!r}: {field_name} {quote['exact']!r} occurs {len(starts)} times in block "
            f"{target.anchor!r}: add a 'prefix' (the words just before) or a 'suffix' to say which.",
            location,
        )
        return None
    return starts[0], starts[0] + len(exact), text[starts[0] : starts[0] + len(exact)]


def nearest(text: str, exact: str, start: int) -> tuple[int, int] | None:
    """The occurrence of *exact* in *text* closest to *start*, or None."""
    found = []
    position = text.find(exact)
    while position != -1:
        found.append(position)
        position = text.find(exact, position + 1)
    if not found:
        return None
    best = min(found, key=lambda position: abs(position - start))
    return best, best + len(exact)
