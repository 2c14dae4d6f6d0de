"""The edition's id scheme, in one place. A block's id is its anchor (a slug: letters, digits
and single hyphens); every other id the edition makes joins parts with ``--``, which no anchor
and no docutils-made id contains, so that none can collide with an anchor or with each other:

- ``<anchor>--<lang>``: a block's cell in one language;
- ``ann--<id>``: an annotation; ``ann--<id>--<lang>``: its marker in one column;
- ``ann--<id>--ref<n>``: an id inside an annotation's body (a citation's back-reference).
"""

from __future__ import annotations

SEPARATOR = "--"


def cell_id(anchor: str, lang: str) -> str:
    return f"{anchor}{SEPARATOR}{lang}"


def annotation_id(note_id: str) -> str:
    return f"ann{SEPARATOR}{note_id}"


def marker_id(note_id: str, lang: str) -> str:
    return f"{annotation_id(note_id)}{SEPARATOR}{lang}"


def body_id(note_id: str, number: int) -> str:
    return f"{annotation_id(note_id)}{SEPARATOR}ref{number}"
