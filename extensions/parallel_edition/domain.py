"""Cross-document state: which anchors each document publishes.

Stored per document so that incremental and parallel builds stay correct: ``clear_doc``
forgets exactly one document and ``merge_domaindata`` takes exactly the documents given.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains import Domain

from .messages import EditionWarning, warn


class EditionDomain(Domain):
    """Blocks of the parallel text, by document."""

    name = "edition"
    label = "Parallel edition"
    initial_data = {"blocks": {}}  # noqa: RUF012 (Sphinx's API)
    data_version = 1

    @property
    def blocks(self) -> dict[str, dict[str, dict[str, Any]]]:
        """docname -> anchor -> {"line": int, "kind": str}, in document order."""
        return self.data.setdefault("blocks", {})

    def note_blocks(self, docname: str, blocks: dict[str, dict[str, Any]]) -> None:
        self.blocks[docname] = blocks

    def clear_doc(self, docname: str) -> None:
        self.blocks.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["blocks"]:
                self.blocks[docname] = otherdata["blocks"][docname]

    def check_consistency(self) -> None:
        """An anchor names one block in the whole edition."""
        seen: dict[str, str] = {}
        for docname in sorted(self.blocks):
            for anchor, info in self.blocks[docname].items():
                if anchor in seen:
                    warn(
                        EditionWarning.DUPLICATE_ANCHOR,
                        f"anchor {anchor!r} is already used in document {seen[anchor]!r}; "
                        "anchors must be unique in the edition: rename one of them.",
                        (docname, info["line"]),
                    )
                else:
                    seen[anchor] = docname

    def anchors(self) -> Iterable[tuple[str, str, dict[str, Any]]]:
        for docname, blocks in self.blocks.items():
            for anchor, info in blocks.items():
                yield anchor, docname, info


def setup_domain(app: Sphinx) -> None:
    app.add_domain(EditionDomain)
