"""Annotations come from strangers: keep their bodies harmless.

Two independent layers:

1. :func:`scan_markdown` reads the body's Markdown tokens *before* anything is parsed into
   the document, and refuses raw HTML, every directive (``include`` and ``raw`` among them:
   directives run while parsing), images, roles outside a short list, and links whose
   scheme is not ``http``, ``https`` or ``mailto``.
2. :func:`unsafe_nodes` checks the parsed doctree against an allowlist of node types and
   URL schemes, so that whatever the first layer missed is still dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docutils import nodes
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes

#: Roles an annotation may use: citations, paragraph references, and inline formatting.
ALLOWED_ROLES = frozenset(
    {"cite", "edition:para", "abbr", "sub", "sup", "code", "math"}
    | {f"cite:{style}" for style in ("p", "ps", "t", "ts", "ct", "cts", "year", "yearpar", "author", "authors")}
)
SAFE_SCHEMES = ("http://", "https://", "mailto:")

ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Text,
    nodes.paragraph,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.literal_block,
    nodes.inline,
    nodes.reference,
    nodes.target,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
    nodes.subscript,
    nodes.superscript,
    nodes.abbreviation,
    nodes.math,
    nodes.comment,
    addnodes.pending_xref,
)


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the body
    message: str


_PARSER = None


def markdown_parser() -> object:
    global _PARSER  # noqa: PLW0603 (one parser, built on first use)
    if _PARSER is None:
        _PARSER = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
    return _PARSER


def walk(tokens: list[Token], line: int = 1) -> Iterator[tuple[Token, int]]:
    for token in tokens:
        here = token.map[0] + 1 if token.map else line
        yield token, here
        if token.children:
            yield from walk(token.children, here)


def scan_markdown(body: str) -> list[Finding]:
    """What the body must not contain, with the body line of each."""
    findings: list[Finding] = []
    for number, text in enumerate(body.splitlines(), 1):
        if re.match(r" {0,3}:{3,}", text):
            findings.append(Finding(number, "lines that start with ':::' (fences) are not allowed in annotations"))
    for token, line in walk(markdown_parser().parse(body)):  # type: ignore[attr-defined]
        kind = token.type
        if kind in ("html_block", "html_inline"):
            findings.append(Finding(line, f"raw HTML is not allowed in annotations ({token.content.strip()[:40]!r})"))
        elif kind == "colon_fence":
            continue  # reported above, line by line
        elif kind == "fence" and token.info.strip().startswith("{"):
            name = re.match(r"\{([^}]*)\}", token.info.strip())
            findings.append(
                Finding(line, f"directives are not allowed in annotations ({{{name[1] if name else '?'}}})")
            )
        elif kind == "image":
            findings.append(Finding(line, "images are not allowed in annotations"))
        elif kind == "myst_role" and token.meta.get("name") not in ALLOWED_ROLES:
            findings.append(
                Finding(
                    line,
                    f"the role {{{token.meta.get('name')}}} is not allowed in annotations; "
                    f"allowed: {', '.join(sorted(ALLOWED_ROLES))}",
                )
            )
        elif kind == "link_open" and not safe_url(str(token.attrs.get("href", ""))):
            findings.append(
                Finding(
                    line, f"link {token.attrs.get('href')!r}: annotations may link only to http, https or mailto URLs"
                )
            )
        elif kind.startswith(("substitution", "footnote")):
            findings.append(Finding(line, f"{kind.split('_')[0]}s are not allowed in annotations"))
    # One construct can give several tokens (a footnote: its reference, block and anchor).
    return list(dict.fromkeys(findings))


def safe_url(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


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
    if not isinstance(node, ALLOWED_NODES):
        return True
    if isinstance(node, (nodes.reference, nodes.target)) and "refuri" in node:
        return not safe_url(node["refuri"])
    if isinstance(node, addnodes.pending_xref):
        return node.get("refdomain") not in ("cite", "edition")
    return False
