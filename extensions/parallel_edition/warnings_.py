"""The warnings this extension emits: one type, ``edition``, and a documented subtype each.

Every warning is logged with ``type="edition"``, one of the subtypes below and a
``location``, so that a reader can find it (``file:line``) and, if they must, silence one
kind with ``suppress_warnings = ["edition.<subtype>"]``.  The README's table of warnings
is checked against this enum by the test suite.
"""

from __future__ import annotations

import enum
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "edition"


logger = logging.getLogger("parallel_edition")


class EditionWarning(enum.Enum):
    """A kind of problem in an edition's sources; the value is the warning subtype."""

    description: str

    def __new__(cls, value: str, description: str) -> EditionWarning:
        member = object.__new__(cls)
        member._value_ = value
        member.description = description
        return member

    CONFIG = ("config", "A configuration value of the extension is invalid; the default is used.")
    BAD_ANCHOR = (
        "bad_anchor",
        "An anchor is not a lowercase ASCII slug (letters, digits, single hyphens) and so is unfit for a URL fragment.",
    )
    EMPTY_BLOCK = ("empty_block", "A block directive has no content.")
    DUPLICATE_ANCHOR = (
        "duplicate_anchor",
        "Two blocks of the same language, or blocks in two documents, use the same anchor; or an anchor is "
        "already the id of another element of its page (a heading, a target).",
    )
    MISSING_TRANSLATION = (
        "missing_translation",
        "An original block has no translation block with the same anchor in its document.",
    )
    MISSING_ORIGINAL = (
        "missing_original",
        "A translation block has no original block with the same anchor in its document.",
    )
    BAD_HEADING = ("bad_heading", "A heading block holds more than one line of plain text.")
    UNKNOWN_NOTE = ("unknown_note", "A note call names an anchor that is not a note block of its document.")
    UNCITED_NOTE = ("uncited_note", "A note block is never called from the text of its language.")
    NOTE_MISMATCH = (
        "note_mismatch",
        "The note calls of a translation block differ from those of its original block.",
    )
    STALE_TRANSLATION = (
        "stale_translation",
        "The original of a block changed since its translation was checked: its recorded "
        "``:source-hash:`` differs from the original's hash.",
    )
    UNHASHED_TRANSLATION = (
        "unhashed_translation",
        "A translation block does not record the ``:source-hash:`` of the original it translates.",
    )
    BAD_REGISTRY = ("bad_registry", "The anchor registry file is malformed.")
    UNREGISTERED_ANCHOR = ("unregistered_anchor", "An anchor is not yet in the anchor registry (run ``make anchors``).")
    ANCHOR_REMOVED = ("anchor_removed", "A published anchor disappeared and no alias says where it went.")
    ANCHOR_MOVED = (
        "anchor_moved",
        "A published anchor now names another block (another original text) or another document.",
    )
    BAD_ALIAS = ("bad_alias", "An alias in the anchor registry points nowhere, or reuses a current anchor.")
    ANNOTATION_FILE = (
        "annotation_file",
        "A file or folder in the annotations folder is not a regular ``*.md`` file directly in it (a symbolic "
        "link, a subfolder, another name), or a file is too large, not UTF-8, or holds control characters.",
    )
    BAD_HEADER = ("bad_header", "An annotation file has no YAML header, or a malformed one.")
    BAD_FIELD = ("bad_field", "A field of an annotation header is missing, unknown or malformed.")
    UNKNOWN_KIND = ("unknown_kind", "An annotation's kind is not one of the documented kinds.")
    DUPLICATE_ANNOTATION = ("duplicate_annotation", "Two annotation files use the same id.")
    UNKNOWN_TARGET = ("unknown_target", "An annotation targets an anchor that no block of the edition has.")
    QUOTE_NOT_FOUND = (
        "quote_not_found",
        "An annotation's quote is not in its target block (a hint shows the closest passage).",
    )
    AMBIGUOUS_QUOTE = (
        "ambiguous_quote",
        "An annotation's quote occurs more than once in its block, and no prefix or suffix settles which.",
    )
    UNKNOWN_BIBKEY = ("unknown_bibkey", "An annotation cites a bibliography key that no .bib file defines.")
    EMPTY_ANNOTATION = ("empty_annotation", "An annotation file has a header but no text.")
    UNSAFE_CONTENT = (
        "unsafe_content",
        "An annotation's body uses Markdown outside the allowlist (a directive or fence, math, raw HTML, an "
        "image, a table, a footnote, a heading, a target, a link definition, attribute syntax, a role other "
        "than citations and paragraph references, a link other than http, https or mailto); it is refused.",
    )


def warn(kind: EditionWarning, message: str, location: Any) -> None:
    """Log *message* as a warning of this extension's type and the subtype *kind*."""
    logger.warning(message, type=WARNING_TYPE, subtype=kind.value, location=location)
