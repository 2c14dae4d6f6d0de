"""The ``{noteref}`` role: a call to one of the text's own notes."""

from __future__ import annotations

from docutils.nodes import Node, system_message
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from ..nodes import note_ref


class NoteRefRole(SphinxRole):
    """``{noteref}`note-ugap``` calls the note block whose anchor is ``note-ugap``."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        node = note_ref(self.rawtext, "", target=self.text.strip())
        self.set_source_info(node)
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("noteref", NoteRefRole())
