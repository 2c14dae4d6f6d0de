"""LaTeX (PDF): the parallel text in synchronised columns with paracol.

Each run of aligned blocks is a ``paracol`` environment: the original in column 0 (typeset in
its language with babel), the translation in column 1 and, when the document has annotations,
the notes in a narrow column 2 beside their block. Every block ends with ``\\switchcolumn[0]*``,
which starts the next block level in all columns, so notes never overlap the text or each other
and break across pages with it. Block numbers stand in the margin; each block anchor is a PDF
named destination (``\\hypertarget``); the text's own notes become numbered footnotes where
they are called, in each language.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..blocks import iter_blocks
from ..nodes import annotation, annotation_list, annotation_marker, note_label, note_ref, parallel_block, parallel_cell
from ..parallel.directives import ANCHOR
from ..text import plain_text

#: babel names of the languages the edition may meet.
BABEL = {"fr": "french", "en": "english", "de": "ngerman", "it": "italian", "es": "spanish", "pt": "portuguese"}


PREAMBLE = r"""
% --- parallel_edition ---------------------------------------------------------
\usepackage{paracol}
\usepackage{xcolor}
\footnotelayout{m}
\setlength{\columnsep}{1.6em}
\newcommand{\edBlockNumber}[1]{\leavevmode\llap{\scriptsize\color{gray}\P\,#1\hspace{0.45em}}}
\newcommand{\edMarker}[1]{\textsuperscript{\scriptsize\textbf{[#1]}}}
\newenvironment{edNotes}{\footnotesize\raggedright\setlength{\parskip}{0.3em}}{\par}
\newcommand{\edNoteHead}[2]{\noindent\textbf{[#1]}~\textsc{#2}\par}
% Titles as written: fncychap's chapter styles uppercase them, and the original's are verbatim.
\ifdefined\ChTitleAsIs\ChTitleAsIs\fi
% The bibliography stands where the project puts it (see PlaceBibliography), under that
% chapter's own title: no second, unnumbered "Bibliography" chapter and outline entry.
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\begingroup\let\chapter\@gobbletwo\begin{thebibliography}{#1}}{\end{thebibliography}\endgroup}
\makeatother
"""


def destinations(container: nodes.Element) -> str:
    """The PDF named destinations of a block (its anchor and its old names: …pdf#hdh-term),
    paragraph or heading. Only slugs: a name with TeX's special characters must never reach the
    .tex file (and cell ids, with "--", are not destinations)."""
    return "".join(f"\\hypertarget{{{name}}}{{}}" for name in container["ids"] if ANCHOR.match(name))


class AddHeadingDestinations(SphinxPostTransform):
    """Heading blocks are sections, which Sphinx's writer renders: their destinations go in
    as LaTeX after the title (the block visitor writes those of the other blocks)."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for block in list(iter_blocks(self.document)):
            if block.is_heading:
                block.place(nodes.raw("", destinations(block.container) + "%\n", format="latex"))


class bibliography_place(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Where the first citation stood, until the bibliography is put back there."""


class MarkBibliographyPlace(SphinxPostTransform):
    """Sphinx's LaTeX builder gathers every citation at the end of the book, in a chapter of its
    own (a second "Bibliography" in the outline). Before it does (priority 750), mark where the
    first citation stands: in the project's own bibliography page."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None and first.parent is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class PlaceBibliography(SphinxPostTransform):
    """After Sphinx has gathered the citations, move them back to the marked place."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        place = next(iter(self.document.findall(bibliography_place)), None)
        if place is None:
            return
        gathered = [node for node in self.document.findall(thebibliography) if node.parent is self.document]
        if gathered:
            gathered[0].parent.remove(gathered[0])
            place.replace_self(gathered[0])
        else:
            place.parent.remove(place)


def babel_name(code: str) -> str:
    return BABEL.get(code.split("-", maxsplit=1)[0], "english")


def has_annotations(node: nodes.Node) -> bool:
    document = node.document
    return document is not None and any(True for _ in document.findall(annotation_list))


def in_run(node: nodes.Node) -> bool:
    """Whether *node* is a parallel block whose previous sibling is one too."""
    previous = node.previous_sibling() if node.parent is not None else None
    return isinstance(previous, parallel_block)


def ends_run(node: nodes.Node) -> bool:
    following = node.next_node(descend=False, siblings=True, ascend=False)
    return not isinstance(following, parallel_block)


def visit_parallel_block(self: Any, node: parallel_block) -> None:
    if not in_run(node):
        columns = 3 if has_annotations(node) else 2
        ratio = r"\columnratio{0.375,0.375}" if columns == 3 else r"\columnratio{0.5}"
        self.body.append(f"\n{ratio}\\begin{{paracol}}{{{columns}}}\n")
    if node["anchor"]:
        self.body.append(f"{destinations(node)}{self.hypertarget(node['anchor'])}%\n")


def depart_parallel_block(self: Any, node: parallel_block) -> None:
    self.body.append("\\switchcolumn[0]*\n" if not ends_run(node) else "\n\\end{paracol}\n")


def visit_parallel_cell(self: Any, node: parallel_cell) -> None:
    column = 0 if node["role"] == "original" else 1
    if column:
        self.body.append("\\switchcolumn[1]\n")
    block = node.parent
    lang = babel_name(node["lang"])
    self.body.append(f"\\begin{{otherlanguage*}}{{{lang}}}\n")
    number = block.get("number") if isinstance(block, parallel_block) else None
    if number:
        self.body.append(f"\\edBlockNumber{{{number}}}")


def depart_parallel_cell(self: Any, node: parallel_cell) -> None:
    self.body.append("\\end{otherlanguage*}\n")


def visit_annotation_list(self: Any, node: annotation_list) -> None:
    if isinstance(node.parent, parallel_block):
        self.body.append("\\switchcolumn[2]\n")
    self.body.append("\\begin{edNotes}\n")


def depart_annotation_list(self: Any, node: annotation_list) -> None:
    self.body.append("\\end{edNotes}\n")


def visit_annotation(self: Any, node: annotation) -> None:
    head = node[0]
    if isinstance(head, nodes.paragraph) and "ed-ann-head" in head["classes"]:
        self.body.append(f"\\edNoteHead{{{self.encode(node['letter'])}}}{{{self.encode(node['kind_label'])}}}\n")
        node.remove(head)  # written above, with its own layout


def depart_annotation(self: Any, node: annotation) -> None:
    self.body.append("\\par\n")


def visit_annotation_marker(self: Any, node: annotation_marker) -> None:
    """The marker; nothing in PDF strings (a heading's outline entry is its text only)."""
    self.body.append(f"\\texorpdfstring{{\\edMarker{{{self.encode(node['letter'])}}}}}{{}}")
    raise nodes.SkipNode


#: document -> {cell id: cell}, built on first use while a document is written.
class AddFootnoteTexts(SphinxPostTransform):
    """Each call of the text's own notes gets its note's text, written as a LaTeX footnote (the
    LaTeX builder's merged document has no id registry to find the note by when writing)."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        cells = {i: cell for cell in self.document.findall(parallel_cell) for i in cell["ids"]}
        for ref in self.document.findall(note_ref):
            cell = cells.get(ref.get("refid", ""))
            if cell is not None:
                ref["footnote_text"] = " ".join(plain_text(cell).split())


def visit_note_ref(self: Any, node: note_ref) -> None:
    """The text's own note, as a numbered footnote in the caller's language."""
    if "footnote_text" not in node:
        return  # an unresolved call: its text "[?]" is written as is
    text = self.encode(node["footnote_text"])
    self.body.append(f"\\footnote[{node['number']}]{{{text}}}")
    raise nodes.SkipNode


def visit_note_label(self: Any, node: note_label) -> None:
    self.body.append(f"\\textbf{{{self.encode(node.astext())}}}~")
    raise nodes.SkipNode


def pass_through(self: Any, node: nodes.Node) -> None:
    pass


LATEX_OVERRIDES: dict[type[nodes.Element], tuple[Any, Any]] = {
    parallel_block: (visit_parallel_block, depart_parallel_block),
    parallel_cell: (visit_parallel_cell, depart_parallel_cell),
    annotation_list: (visit_annotation_list, depart_annotation_list),
    annotation: (visit_annotation, depart_annotation),
    annotation_marker: (visit_annotation_marker, None),
    note_ref: (visit_note_ref, pass_through),
    note_label: (visit_note_label, None),
}


def configure_latex(app: Sphinx, config: Config) -> None:
    """paracol and babel for the two languages, added to whatever the project sets."""
    elements = dict(config.latex_elements)
    languages = [babel_name(config.edition_translation_lang), babel_name(config.edition_original_lang)]
    main = babel_name(config.language or config.edition_translation_lang)
    others = [lang for lang in languages if lang != main]
    if "babel" not in elements:
        # babel rather than polyglossia, and no automatic French punctuation spacing:
        # the original's own (no-break) spaces are kept and nothing is added.
        elements["babel"] = (
            f"\\usepackage[{','.join([*others, f'main={main}'])}]{{babel}}\n"
            "\\ifdefined\\frenchsetup\\frenchsetup{AutoSpacePunctuation=false}\\fi\n"
        )
        elements.setdefault("polyglossia", "")
    # The document's language (the apparatus's), as the PDF's /Lang.
    language = (config.language or config.edition_translation_lang).replace("_", "-")
    codes = ",".join(
        dict.fromkeys(
            c.replace("_", "-") for c in (language, config.edition_original_lang, config.edition_translation_lang)
        )
    )
    lang = (
        f"\\hypersetup{{pdflang={{{language}}}}}\n"
        # With hyperxmp (XMP metadata), dc:language lists every language of the text, not only
        # the document's (hyperxmp takes pdflang alone once it is set).
        "\\makeatletter\\AtBeginDocument{\\ifdefined\\hyxmp@auto@assign@data"
        f"\\g@addto@macro\\hyxmp@auto@assign@data{{\\def\\hyxmp@dc@lang{{{codes}}}}}\\fi}}\\makeatother\n"
    )
    elements["preamble"] = PREAMBLE + lang + elements.get("preamble", "")
    config.latex_elements = elements
