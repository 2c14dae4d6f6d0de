"""Cross-document state and cross-references: which blocks each document publishes.

Stored per document so that incremental and parallel builds stay correct: ``clear_doc``
forgets exactly one document and ``merge_domaindata`` takes exactly the documents given.
The blocks are also objects of the inventory (``objects.inv``), so other Sphinx projects
reach them through intersphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..exports.jsonlines import digest
from ..warnings_ import EditionWarning, warn
from .registry import load_registry, registry_path


class ParagraphRole(XRefRole):
    """``{edition:para}`hdh-term``` links to a block and reads ``¶ 5``."""

    def __init__(self) -> None:
        super().__init__(warn_dangling=True)


class EditionDomain(Domain):
    """Blocks of the parallel text, by document."""

    name = "edition"
    label = "Parallel edition"
    object_types = {"block": ObjType("block", "para")}  # noqa: RUF012 (Sphinx's API)
    roles = {"para": ParagraphRole()}  # noqa: RUF012
    #: Each key maps docname -> that document's data, so clear/merge work per document.
    initial_data = {  # noqa: RUF012
        "blocks": {},
        "block_digests": {},
        "annotations": {},
        "annotation_files": {},
        "annotation_export": {},
        "hypothesis_export": {},
    }
    dangling_warnings = {"para": "no block has the anchor %(target)s"}  # noqa: RUF012
    data_version = 6

    @property
    def blocks(self) -> dict[str, dict[str, dict[str, Any]]]:
        """docname -> anchor -> {line, kind, number, original, translation, hash}, in order."""
        return self.data.setdefault("blocks", {})

    @property
    def block_digests(self) -> dict[str, str]:
        """docname -> a fingerprint of its blocks (``passages.json`` is written again only
        when one changes)."""
        return self.data.setdefault("block_digests", {})

    @property
    def annotation_export(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """docname -> (what they depend on, its annotations as Web Annotation JSON lines),
        made when the document was read (``webannotation.prepare_export``)."""
        return self.data.setdefault("annotation_export", {})

    @property
    def hypothesis_export(self) -> dict[str, tuple[tuple[Any, ...], tuple[str, ...]]]:
        """docname -> (what they depend on, its annotations in Hypothesis's format), made from
        its Web Annotation lines (``hypothesis.prepare_hypothesis``)."""
        return self.data.setdefault("hypothesis_export", {})

    @property
    def annotations(self) -> dict[str, list[dict[str, Any]]]:
        """docname -> the annotations shown there, in reading order."""
        return self.data.setdefault("annotations", {})

    @property
    def annotation_files(self) -> dict[str, dict[str, str]]:
        """docname -> {annotation file: fingerprint} it was read with."""
        return self.data.setdefault("annotation_files", {})

    @property
    def annotation_cache(self) -> dict[str, Any]:
        """What reading each annotation file gave, by path and fingerprint (not per document:
        kept between builds so that unchanged files are not read again)."""
        return self.data.setdefault("annotation_cache", {})

    def note_blocks(self, docname: str, blocks: dict[str, dict[str, Any]]) -> None:
        self.blocks[docname] = blocks
        self.block_digests[docname] = digest(list(blocks.items()))

    def note_annotations(self, docname: str, records: list[dict[str, Any]], files: dict[str, str]) -> None:
        self.annotations[docname] = records
        self.annotation_files[docname] = files

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.initial_data:
            for docname in docnames:
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]

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

    def anchors(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for docname in sorted(self.blocks):
            for anchor, info in self.blocks[docname].items():
                yield anchor, docname, info

    def find(self, anchor: str) -> tuple[str, str, dict[str, Any]] | None:
        """The block named *anchor*, or by an alias of the registry."""
        path = registry_path(self.env.config)
        if path is not None:
            anchor = load_registry(path).aliases.get(anchor, anchor)
        for name, docname, info in self.anchors():
            if name == anchor:
                return name, docname, info
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self.find(target)
        if found is None:
            return None
        anchor, docname, info = found
        if not node.get("refexplicit"):
            contnode = nodes.inline("", f"¶\u00a0{info['number']}", classes=["ed-pararef"])
        return make_refnode(builder, fromdocname, docname, anchor, contnode, f"¶ {info['number']}")

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "para", target, node, contnode)
        return [("edition:para", found)] if found is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Every block, for ``objects.inv`` (intersphinx). Priority -1 keeps them out of the
        search page: "¶ 5" is no word a reader looks for, and at thousands of blocks they made
        most of the search index that every reader's browser loads."""
        for anchor, docname, info in self.anchors():
            yield anchor, f"¶ {info['number']}", "block", docname, anchor, -1


def setup_domain(app: Sphinx) -> None:
    app.add_domain(EditionDomain)
