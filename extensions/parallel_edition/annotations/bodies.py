"""Annotation bodies rendered into a page: each on its own, only if accepted
(:mod:`.sanitize`), checked once more, its ids renamed into the edition's scheme; its citations
checked against the bibliography; its plain text for the exports."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from ..ids import body_id
from ..warnings_ import EditionWarning, warn
from .model import Annotation
from .sanitize import body_tokens, render_body, safe_url


def render_bodies(notes: list[Annotation], document: nodes.document, env: Any) -> dict[str, list[nodes.Node]]:
    """Each note's body as nodes of *document*.

    Each body is parsed on its own (:func:`.sanitize.body_tokens`), and only a body whose every
    token is on the allowlist is rendered, into a document of its own; notes whose bodies are
    refused never get here (``read_annotation`` refused them). The rendered nodes are checked
    once more (:func:`.sanitize.unsafe_nodes`), and their ids are renamed into the edition's
    scheme (``ann--<id>--ref<n>``) and registered in the page, so that no note can take or
    clash with an id of the page or of another note."""
    bodies: dict[str, list[nodes.Node]] = {}
    for note in notes:
        tokens, md_env, findings = body_tokens(note.body)
        if findings:  # refused when the file was read; never rendered
            continue
        refs = cite_refs(env)
        first_ref = len(refs) if refs is not None else 0
        try:
            sub = render_body(tokens, md_env, note.path, document.settings)
        except Exception as error:  # a stranger's note must never end the build
            if refs is not None:
                del refs[first_ref:]
            warn(
                EditionWarning.UNSAFE_CONTENT,
                f"annotation {note.id!r} could not be rendered and is left out ({type(error).__name__}: "
                f"{str(error)[:120]}); check its citations and paragraph references.",
                f"{note.path}:{note.body_line}",
            )
            continue
        piece = nodes.Element()
        piece += sub.children
        for bad in unsafe_nodes(piece):
            warn(
                EditionWarning.UNSAFE_CONTENT,
                f"annotation {note.id!r}: {describe_node(bad)} is not allowed in annotations and was removed.",
                f"{note.path}:{note.body_line + max((getattr(bad, 'line', None) or 1) - 1, 0)}",
            )
            bad.parent.remove(bad)
        renamed = own_ids(piece, note, document)
        if refs is not None and renamed:
            refs[first_ref:] = [
                ref._replace(citation_ref_id=renamed.get(ref.citation_ref_id, ref.citation_ref_id))
                for ref in refs[first_ref:]
            ]
        relocate(piece, note, document)
        bodies[note.id] = list(piece.children)
    return bodies


def cite_refs(env: Any) -> list[Any] | None:
    """sphinxcontrib-bibtex's list of citation references, where it is loaded."""
    try:
        return env.domains["cite"].citation_refs
    except (KeyError, AttributeError):
        return None


def own_ids(piece: nodes.Element, note: Annotation, document: nodes.document) -> dict[str, str]:
    """Give every id in the note's nodes a name in the edition's scheme, register it in the
    page, and drop names (no note may create a reference target). Old id -> new id."""
    renamed: dict[str, str] = {}
    for node in piece.findall(nodes.Element):
        node["names"] = []
        node["dupnames"] = []
        ids = []
        for old in node["ids"]:
            new = renamed.setdefault(old, body_id(note.id, len(renamed) + 1))
            if new in document.ids:
                warn(
                    EditionWarning.DUPLICATE_ANNOTATION,
                    f"annotation {note.id!r}: the id {new!r} is already used in the page; give the annotation "
                    "another id.",
                    f"{note.path}:{note.body_line}",
                )
                continue
            document.ids[new] = node
            ids.append(new)
        node["ids"] = ids
    return renamed


def relocate(piece: nodes.Element, note: Annotation, document: nodes.document) -> None:
    """Nodes parsed from a note's body: name its file and lines, and make them nodes of
    *document*. (Left pointing at the document they were parsed in, they would drag it, its
    settings and the whole build environment into the pickled doctree.)"""
    source = note.path
    for node in piece.findall():
        node.document = document
        if isinstance(node, nodes.Element):
            node.source = source
            node.line = note.body_line + max((node.line or 1) - 1, 0)


def describe_node(node: nodes.Node) -> str:
    if isinstance(node, nodes.system_message):
        return f"a markup error ({node.astext().strip()[:80]})"
    if isinstance(node, nodes.reference):
        return f"a link to {node.get('refuri', '')!r}"
    return f"a {node.__class__.__name__} element"


def check_citations(body: list[nodes.Node], note: Annotation, env: Any) -> None:
    """Unknown bibliography keys, reported on the annotation's own line."""
    try:
        domain = env.domains["cite"]
    except KeyError:  # sphinxcontrib-bibtex is not loaded: the cite roles are unknown anyway
        return
    known = domain.bibdata.data.entries
    for root in body:
        for xref in list(root.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "cite":
                continue
            keys = [k.strip() for k in xref["reftarget"].split(",") if k.strip()]
            unknown = [k for k in keys if k not in known]
            if not unknown:
                continue
            warn(
                EditionWarning.UNKNOWN_BIBKEY,
                f"annotation {note.id!r} cites {', '.join(map(repr, unknown))}, not in the bibliography: "
                "add the entry to a .bib file under bibliography/, or fix the key.",
                f"{note.path}:{xref.line or note.body_line}",
            )
            domain.data["citation_refs"] = [r for r in domain.citation_refs if r.citation_ref_id not in xref["ids"]]
            xref.parent.replace(xref, nodes.Text(xref.astext()))


def cited_keys(body: list[nodes.Node]) -> list[str]:
    keys: list[str] = []
    for root in body:
        for xref in root.findall(addnodes.pending_xref):
            if xref.get("refdomain") == "cite":
                keys += [k.strip() for k in xref["reftarget"].split(",") if k.strip() and k.strip() not in keys]
    return keys


def plain(body: list[nodes.Node]) -> str:
    """The body as plain text; citations as ``[key]``."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
            parts.append(f"[{node['reftarget']}]")
        elif isinstance(node, nodes.Text):
            parts.append(str(node))
        else:
            for child in node.children if isinstance(node, nodes.Element) else ():
                walk(child)
            if isinstance(node, nodes.paragraph):
                parts.append("\n\n")

    for root in body:
        walk(root)
    return "\n\n".join(" ".join(p.split()) for p in "".join(parts).split("\n\n") if p.strip())


ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Text,
    nodes.paragraph,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.reference,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
    addnodes.pending_xref,
)

#: What MyST makes of a hard line break: a raw line break for HTML and for LaTeX, and nothing else.
LINE_BREAKS = {("html", "<br />\n"), ("latex", "\\\\\n")}


def unsafe_nodes(tree: nodes.Node) -> list[nodes.Node]:
    """Nodes outside the allowlist, or links to unsafe URLs (outermost first)."""
    found: list[nodes.Node] = []

    def visit(node: nodes.Node) -> None:
        if is_unsafe(node):
            found.append(node)  # and not its children: the whole node goes
            return
        for child in node.children if isinstance(node, nodes.Element) else ():
            visit(child)

    for child in tree.children if isinstance(tree, nodes.Element) else ():
        visit(child)
    return found


def is_unsafe(node: nodes.Node) -> bool:
    if isinstance(node, nodes.raw):
        return (node.get("format"), node.astext()) not in LINE_BREAKS
    if not isinstance(node, ALLOWED_NODES):
        return True
    if isinstance(node, nodes.reference):
        return "refuri" not in node or not safe_url(node["refuri"])
    if isinstance(node, addnodes.pending_xref):
        return node.get("refdomain") not in ("cite", "edition")
    return False
