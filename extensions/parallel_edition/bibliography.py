"""Bibliography entries link back to what cites them (with sphinxcontrib-bibtex).

Each entry of a ``{bibliography}`` gets a "Cited in" line: a link to every annotation that cites
it (``[c] ¶ 13``) and to every other page that does. HTML only, added late.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def cited_by(env: Any) -> dict[str, list[tuple[str, str, str]]]:
    """bib key -> [(label, docname, fragment)], annotations first, in reading order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    annotated: set[tuple[str, str]] = set()
    for docname, records in sorted(env.domains["edition"].annotations.items()):
        for record in records:
            for key in record.get("cites", []):
                label = f"[{record['letter']}] ¶ {record['number']}"
                found.setdefault(key, []).append((label, docname, f"ann--{record['id']}"))
                annotated.add((key, docname))
    for ref in env.domains["cite"].citation_refs:
        for target in ref.targets:
            if (target.key, ref.docname) in annotated:
                continue
            entry = (env.titles[ref.docname].astext(), ref.docname, "")
            if entry not in found.setdefault(target.key, []):
                found[target.key].append(entry)
    return found


def backlink(label: str, docname: str, fragment: str, fromdoc: str) -> addnodes.pending_xref:
    """A link to an annotation (resolved by the edition domain) or to a page."""
    if fragment:
        attributes = {"refdomain": "edition", "reftype": "annotation", "reftarget": fragment.removeprefix("ann--")}
    else:
        attributes = {"refdomain": "std", "reftype": "doc", "reftarget": f"/{docname}"}
    xref = addnodes.pending_xref("", refexplicit=True, refwarn=True, refdoc=fromdoc, **attributes)
    xref += nodes.inline("", label)
    return xref


class AddBibliographyBacklinks(SphinxPostTransform):
    """Adds cross-references, so it runs before Sphinx resolves them (priority 10)."""

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not self._has_cite():
            return
        citations = list(self.document.findall(nodes.citation))
        if not citations:
            return
        key_of = {c.citation_id: c.key for c in self.env.domains["cite"].citations}  # type: ignore[attr-defined]
        backlinks = cited_by(self.env)
        for citation in citations:
            key = next((key_of[i] for i in citation["ids"] if i in key_of), None)
            links = backlinks.get(key or "", [])
            if not links:
                continue
            line = nodes.paragraph("", "Cited in: ", classes=["ed-cited-in"])
            for index, (label, docname, fragment) in enumerate(links):
                if index:
                    line += nodes.Text(", ")
                line += backlink(label, docname, fragment, self.env.docname)
            citation.append(line)

    def _has_cite(self) -> bool:
        try:
            self.env.domains["cite"]
        except KeyError:
            return False
        return True


def setup_bibliography(app: Sphinx) -> None:
    app.add_post_transform(AddBibliographyBacklinks)
