"""The block directives: ``{original}``/``{translation}``, also named after the languages
(``{fr}``/``{en}`` by default)."""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ..cite import text_hash
from ..nodes import parallel_cell
from ..warnings_ import EditionWarning, warn

#: A stable anchor: a lowercase ASCII slug, safe in any URL fragment and LaTeX label.
ANCHOR = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


#: Punctuation and spaces that no Markdown rule reads (not ``* _ ` [ ] { } < > & \ $ ~ | #``).
PLAIN_PUNCTUATION = " \u00a0\u202f.,;:?!'’‘«»()%€–—/…\"“”-"


#: Letters and digits (``\w``: what ``str.isalnum`` accepts, and ``_``) and that punctuation.
PLAIN_CHARACTERS = re.compile(f"[\\w{re.escape(PLAIN_PUNCTUATION)}]*")


def is_plain_line(line: str) -> bool:
    """A line of prose that Markdown leaves as it is: it starts with a letter, holds only
    letters, digits, spaces (also no-break ones) and ``PLAIN_PUNCTUATION``, and ends with no
    space (Markdown strips it). Such a block becomes one paragraph of one text node without
    running the parser: most blocks of a prose text are like this."""
    return (
        line[:1].isalpha()
        and not line[-1:].isspace()
        and "_" not in line
        and PLAIN_CHARACTERS.fullmatch(line) is not None
    )


#: MyST extensions that change plain text too (quotes, dashes, bare URLs): with any of them
#: on, every block goes through the parser.
TEXT_CHANGING_EXTENSIONS = frozenset({"smartquotes", "replacements", "linkify"})


def heading_level(argument: str | None) -> int:
    return directives.choice(argument, ("1", "2", "3", "4", "5", "6")) and int(argument)  # type: ignore[arg-type]


class BlockDirective(SphinxDirective):
    """One language's version of a block, named by its anchor: ``:::{fr} hdh-term``."""

    role: ClassVar[str]
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {}

    def language(self) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        anchor = self.arguments[0]
        if not ANCHOR.match(anchor):
            warn(
                EditionWarning.BAD_ANCHOR,
                f"anchor {anchor!r} is unfit for a URL fragment: use lowercase ASCII letters, "
                "digits and single hyphens, starting with a letter (e.g. 'hdh-term').",
                self.get_location(),
            )
            return []
        lines = self.content.data  # the plain list (a StringList's items cost a call each)
        empty = not "".join(lines).strip()
        if empty:
            # Kept (empty) so that its partner block is not reported as unpaired too.
            warn(
                EditionWarning.EMPTY_BLOCK,
                f"block {anchor!r} ({self.name}) is empty: write its text inside the directive, or remove it.",
                self.get_location(),
            )
        cell = parallel_cell(
            anchor=anchor,
            lang=self.language(),
            role=self.role,
            heading=self.options.get("heading", 0),
            note="note" in self.options,
        )
        if self.role == "original":
            # The original is verbatim: no smart quotes, dashes or ellipses.
            cell["support_smartquotes"] = False
            cell["source_hash"] = text_hash("\n".join(lines))
        else:
            cell["recorded_hash"] = self.options.get("source-hash", "")
        self.set_source_info(cell)
        if not empty:
            cell += self.plain_paragraph(lines) or self.parse_content_to_nodes()
        return [cell]

    def plain_paragraph(self, lines: list[str]) -> list[nodes.Node]:
        """The block as MyST would parse it, when it is one line of plain prose; else []."""
        if len(lines) != 1 or not is_plain_line(line := lines[0]):
            return []
        # Only in Markdown documents (MyST's mock state), with this document's own MyST settings.
        config = getattr(getattr(self.state, "_renderer", None), "md_config", None)
        first_line = getattr(self.state, "_lineno", None)
        if config is None or first_line is None or not TEXT_CHANGING_EXTENSIONS.isdisjoint(config.enable_extensions):
            return []
        paragraph = nodes.paragraph(line, line)
        # Where MyST's nested parse would put it (its MockState.nested_parse).
        paragraph.source, paragraph.line = self.state.document["source"], first_line + self.content_offset + 1
        return [paragraph]


class OriginalBlock(BlockDirective):
    """The original text of a block (verbatim). ``:heading: N`` makes it a heading,
    ``:note:`` one of the text's own notes."""

    role = "original"
    option_spec: ClassVar[dict] = {"heading": heading_level, "note": directives.flag}

    def language(self) -> str:
        return self.config.edition_original_lang


class TranslationBlock(BlockDirective):
    """The translation of the original block with the same anchor."""

    role = "translation"
    option_spec: ClassVar[dict] = {"source-hash": directives.unchanged_required}

    def language(self) -> str:
        return self.config.edition_translation_lang


def setup_directives(app: Sphinx) -> None:
    app.add_directive("original", OriginalBlock)
    app.add_directive("translation", TranslationBlock)
    app.connect("config-inited", add_language_directives, priority=600)


def add_language_directives(app: Sphinx, config: Config) -> None:
    """Also name the directives after the languages, e.g. ``{fr}`` and ``{en}``."""
    app.add_directive(config.edition_original_lang, OriginalBlock, override=True)
    app.add_directive(config.edition_translation_lang, TranslationBlock, override=True)
