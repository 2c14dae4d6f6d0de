"""The doctree nodes of a parallel edition.

They keep meaning, not layout: a block's anchor, kind and language travel with the
nodes to every writer (HTML, LaTeX, text, ...), which decide how to show them.
"""

from __future__ import annotations

from docutils import nodes

#: The class by which Sphinx leaves a node out of its search index: for apparatus (markers,
#: letters, numbers) that is no word of the text.
NO_SEARCH = "no-search"


class parallel_cell(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One language's version of a block.

    Attributes: ``anchor`` (the block's stable id), ``lang`` (BCP 47 code), ``role``
    (``"original"`` or ``"translation"``), and, on original cells, ``heading`` (a level,
    0 for none) and ``note`` (bool).  Original cells have ``support_smartquotes=False``
    so that no transform alters the text.
    """


class parallel_block(nodes.General, nodes.Element):  # noqa: N801
    """An aligned block: its original cell, then its translation cell.

    Attributes: ``anchor``, ``kind`` (``paragraph``, ``list``, ``note``; headings become
    sections), ``number`` (the block's place in its document, from 1) and, for notes,
    ``note_number``.  ``ids`` holds the anchor, then any old names (registry aliases).
    """


class parallel_notes(nodes.General, nodes.Element):  # noqa: N801
    """A run of note blocks: the text's own numbered notes."""


class note_ref(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A call to one of the text's notes, e.g. ``[1]``.

    Attributes: ``target`` (the note block's anchor), ``lang``, ``number``, ``refid``
    (the note cell's id) and ``ids``.  Its text child is the call as shown.
    """


class note_label(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The number at the head of a note, linking back to its first call (``refid``)."""


class view_switch(nodes.General, nodes.Element):  # noqa: N801
    """The reader's choice of original, translation or both (HTML only)."""


class block_number(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A block's number (``¶ 3``), a permalink to its ``anchor`` (HTML, added late). Attributes:
    ``anchor``, ``number``; no text child (the HTML writer writes it, and a heading's title
    keeps only its own words)."""


class control_bar(nodes.General, nodes.Element):  # noqa: N801
    """The reading controls before the text (HTML only): the view switch and the kind filter as
    children; ``sections`` [(anchor, number, original title, translation title)] for the
    in-page contents, ``last`` the highest block number (for "go to ¶")."""


class citation_index(nodes.General, nodes.Element):  # noqa: N801
    """Where the ``edition-citations`` directive lists every block's citation (replaced by a
    post-transform once every document is read)."""


class cite_control(nodes.General, nodes.Element):  # noqa: N801
    """The "cite this" control of the block ``anchor`` (HTML, added late)."""


class annotation_list(nodes.General, nodes.Element):  # noqa: N801
    """The annotations of one block, in reading order: a margin column in HTML, notes after
    the block elsewhere. Attribute: ``anchor``."""


class annotation(nodes.General, nodes.Element):  # noqa: N801
    """One stand-off annotation. Attributes: ``annotation_id``, ``kind``, ``kind_label``,
    ``letter``, ``authors``, ``date``, ``target``, ``source_file``, ``marker_id`` (its marker
    in the original), ``passages`` (for each column: role, lang, start, end and text of the
    quoted passage in the column's text; -1, -1 and "" for none) and ``ids`` (``ann--<id>``). Children: the
    body; a head paragraph and a byline paragraph are added when it is written."""


class annotation_mark(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The quoted passage in a column's text, highlighted (added when writing). Attributes:
    ``annotation_id``, ``kind``, ``lang``."""


class annotation_marker(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The marker (``[a]``) after the passage or the block, linking to the annotation (added
    when writing). Attributes: ``annotation_id``, ``letter``, ``kind``, ``lang``, ``refid``,
    ``ids``; its classes hold ``no-search``, so that Sphinx's search index leaves it out.

    Apparatus, not text: its ``astext()`` is empty, so a heading that carries a marker keeps
    its own words as its title (in the search page, say). Writers still show its text child,
    except where they write a heading from ``astext()``: docutils' man writer, for top-level
    headings (the annotation itself follows the heading there).
    """

    def astext(self) -> str:
        return ""


class annotation_filter(nodes.General, nodes.Element):  # noqa: N801
    """Readers' choice of the kinds of annotation to show (HTML only). Attribute: ``kinds``."""
