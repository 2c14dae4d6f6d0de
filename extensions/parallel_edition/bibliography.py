"""Bibliography entries link back to what cites them (with sphinxcontrib-bibtex).

Each entry of a ``{bibliography}`` gets a "Cited in" line: a link to every annotation that cites
it (``[c] ¶ 13``) and to every other page that does. HTML only, added late.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .ids import annotation_id
from .nodes import NO_SEARCH


def cited_by(env: Any) -> dict[str, list[tuple[str, str, str]]]:
    """bib key -> [(label, docname, fragment)], annotations first, in reading order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    annotated: set[tuple[str, str]] = set()
    for docname, records in sorted(env.domains["edition"].annotations.items()):
        for record in records:
            for key in record.get("cites", []):
                label = f"[{record['letter']}] ¶ {record['number']}"
                found.setdefault(key, []).append((label, docname, annotation_id(record["id"])))
                annotated.add((key, docname))
    for ref in env.domains["cite"].citation_refs:
        for target in ref.targets:
            if (target.key, ref.docname) in annotated:
                continue
            entry = (env.titles[ref.docname].astext(), ref.docname, "")
            if entry not in found.setdefault(target.key, []):
                found[target.key].append(entry)
    return found


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Adds the links themselves, once references are resolved: every target is known."""
    if app.builder.format != "html" or "cite" not in app.env.domains:
        return
    citations = list(doctree.findall(nodes.citation))
    if not citations:
        return
    key_of = {c.citation_id: c.key for c in app.env.domains["cite"].citations}  # type: ignore[attr-defined]
    backlinks = cited_by(app.env)
    uris: dict[str, str] = {}
    for citation in citations:
        key = next((key_of[i] for i in citation["ids"] if i in key_of), None)
        links = backlinks.get(key or "", [])
        if not links:
            continue
        line = nodes.paragraph("", "Cited in: ", classes=["ed-cited-in"])
        for index, (label, target, fragment) in enumerate(links):
            if index:
                line += nodes.Text(", ")
            link = nodes.reference("", "", internal=True)
            if target == docname and fragment:
                link["refid"] = fragment
            else:  # what make_refnode() does, with each page's URI computed once
                if target not in uris:
                    uris[target] = app.builder.get_relative_uri(docname, target)
                page = uris[target]
                if page.startswith("#") and fragment:  # singlehtml: every page is in this one
                    page = ""
                link["refuri"] = f"{page}#{fragment}" if fragment else page
            # An annotation's "[c] ¶ 13" is apparatus, no words to search; a page's title, as a
            # {doc} link shows it.
            link += nodes.inline("", label, classes=[NO_SEARCH] if fragment else ["doc"])
            line += link
        citation.append(line)


def pin_plaintext_backend(app: Sphinx) -> None:
    """sphinxcontrib-bibtex asks pybtex for its plain-text backend for every citation it resolves,
    and pybtex answers by reading the entry points of every installed distribution (about half
    of a 1,000-block build, README "Build performance"). Found once here and registered with pybtex's public
    ``register_plugin``, which pybtex looks in first: the same class, without the scans."""
    if "sphinxcontrib.bibtex" not in app.extensions:
        return
    import pybtex.plugin  # noqa: PLC0415 (sphinxcontrib-bibtex's dependency, loaded with it)

    group, name = "pybtex.backends", "plaintext"
    pybtex.plugin.register_plugin(group, name, pybtex.plugin.find_plugin(group, name), force=True)


def setup_bibliography(app: Sphinx) -> None:
    app.connect("builder-inited", pin_plaintext_backend)
    app.connect("doctree-resolved", add_backlinks)
