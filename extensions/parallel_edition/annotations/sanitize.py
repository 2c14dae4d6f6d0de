"""Annotations come from strangers: keep their bodies harmless.

An annotation body is parsed by markdown-it (with MyST's syntax plugins, so that every construct
a contributor may write is recognised) into a token stream, and accepted or refused on that
stream alone, children included, *before anything is rendered*:

* :func:`body_tokens` parses a body and lists every token that is not on the allowlist
  (:data:`BLOCK_TOKENS`, :data:`INLINE_TOKENS`, the roles in :data:`ALLOWED_ROLES`, links to
  :data:`SAFE_SCHEMES`, no attributes), each with its line and a hint saying how to write it
  instead. Directives, fences of every kind, math, raw HTML, images, tables, footnotes,
  headings, targets, substitutions, link definitions and attribute syntax are refused at any
  depth. A refused body is never rendered.
* :func:`render_body` renders an accepted token stream, and only that, with MyST's renderer,
  into a document of its own: no state is shared with other notes or with the page. No
  directive can run, since no directive token reaches the renderer.
* :func:`.bodies.unsafe_nodes` checks the rendered nodes against an allowlist of node types and URL
  schemes, a second layer should the first ever let something through.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Roles an annotation may use: citations (sphinxcontrib-bibtex) and paragraph references.
ALLOWED_ROLES = frozenset(
    {"cite", "edition:para"}
    | {f"cite:{style}" for style in ("p", "ps", "t", "ts", "ct", "cts", "year", "yearpar", "author", "authors")}
)


SAFE_SCHEMES = ("http://", "https://", "mailto:")


#: Block tokens an annotation may contain (their ``_open``/``_close`` pairs).
BLOCK_TOKENS = frozenset(
    {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
        "blockquote_open",
        "blockquote_close",
    }
)


#: Inline tokens (children of ``inline``) an annotation may contain.
INLINE_TOKENS = frozenset(
    {
        "text",
        "softbreak",
        "hardbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "code_inline",
        "link_open",
        "link_close",
        "myst_role",
    }
)


#: The only attributes a token may carry (anything else comes from attribute syntax).
ALLOWED_ATTRS = {"link_open": {"href", "title"}, "ordered_list_open": {"start"}}


#: MyST syntax recognised when a body is parsed, so that it can be named and refused (not so
#: that it is ever rendered). Dollar math is left out: "$5 and $3" would read as math.
DETECTED_EXTENSIONS = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "fieldlist",
        "html_image",
        "strikethrough",
        "substitution",
        "tasklist",
    }
)


WRITE_INSTEAD = (
    "An annotation may hold paragraphs, *emphasis*, **strong**, `inline code`, lists, block quotes, "
    "links written [text](https://…), citations ({cite:p}`key`) and paragraph references "
    "({edition:para}`anchor`)."
)


#: token type (or prefix) -> (what it is, how to write it instead)
REFUSED: dict[str, tuple[str, str]] = {
    "colon_fence": ("a colon fence (:::)", "Directives never run on annotation content; write plain text."),
    "fence": ("a fenced block (``` or ~~~)", "Use `inline code` for a short quotation of code."),
    "code_block": ("an indented code block", "Remove the indentation of four spaces or more."),
    "heading": ("a heading", "An annotation is one note: write **strong** text instead of a heading."),
    "lheading": ("a heading", "An annotation is one note: write **strong** text instead of a heading."),
    "hr": ("a horizontal rule", "Separate paragraphs with an empty line."),
    "html_block": ("raw HTML", "Write Markdown instead of HTML."),
    "html_inline": ("raw HTML", "Write Markdown instead of HTML."),
    "image": ("an image", "Link to the image instead: [description](https://…)."),
    "table": ("a table", "Write the figures in a sentence or a list."),
    "footnote": (
        "a footnote",
        "Footnotes inside annotations are not supported yet: put the remark in the note's text.",
    ),
    "myst_target": ("a target label ((name)=)", "The edition gives each note its own id (#ann--<id>); remove it."),
    "myst_block_break": ("a block break (+++)", "Separate paragraphs with an empty line."),
    "myst_line_comment": ("a comment line (%)", "Remove the comment: everything in a note is published."),
    "front_matter": ("a second YAML header", "An annotation has one header, at the top of the file."),
    "math": ("math", "Math is not allowed in annotations: write the formula in words or as `inline code`."),
    "amsmath": ("math", "Math is not allowed in annotations: write the formula in words or as `inline code`."),
    "dl": ("a definition list", "Write a bullet list: - **term**: definition."),
    "field_list": ("a field list", "Write a bullet list: - **name**: value."),
    "fieldlist": ("a field list", "Write a bullet list: - **name**: value."),
    "substitution": ("a substitution ({{…}})", "Write the text itself."),
    "s": ("strikethrough (~~…~~)", "Say in words what is struck out."),
}


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the body
    found: str  # what was found
    instead: str  # how to write it instead

    @property
    def message(self) -> str:
        return f"{self.found} is not allowed in annotations. {self.instead}"


@functools.cache
def body_parser() -> MarkdownIt:
    """The one parser of annotation bodies: MyST's, with the syntax in DETECTED_EXTENSIONS
    recognised, rendering to docutils with MyST's Sphinx renderer."""
    from myst_parser.config.main import MdParserConfig  # noqa: PLC0415 (MyST is needed only here)
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer  # noqa: PLC0415
    from myst_parser.parsers.mdit import create_md_parser  # noqa: PLC0415

    return create_md_parser(MdParserConfig(enable_extensions=set(DETECTED_EXTENSIONS)), SphinxRenderer)


def walk(tokens: list[Token], line: int = 1) -> Iterator[tuple[Token, int]]:
    """Every token with its 1-based body line; an inline token's children get the line they
    are on (counted by their line breaks)."""
    for token in tokens:
        here = token.map[0] + 1 if token.map else line
        yield token, here
        if token.children:
            child_line = here
            for child in token.children:
                yield child, child_line
                if child.type in ("softbreak", "hardbreak"):
                    child_line += 1


#: Deeper than this, markdown-it would silently drop text (it stops at 20 levels).
MAX_LEVEL = 12


#: Keys in one citation (sphinxcontrib-bibtex parses them recursively).
MAX_KEYS = 20


Parsed = tuple[list[Token], dict[str, Any], list[Finding]]

#: Bodies parsed when their files were read (to be checked), kept for the page that renders
#: them, so that a build parses each body once. Keyed by the body's text: an entry is right for
#: any build. Emptied when reading ends (:func:`forget_parsed`).
PARSED: dict[str, Parsed] = {}


def body_tokens(body: str, *, keep: bool = False) -> Parsed:
    """The body's tokens, the parser's environment, and what in them is refused; *keep*: keep
    an accepted body's tokens for the one call that renders it."""
    kept = PARSED.pop(body, None)
    if kept is not None:
        return kept
    parsed = parse_body(body)
    if keep and not parsed[2]:
        PARSED[body] = parsed
    return parsed


def forget_parsed(*args: object) -> None:
    """Drop the bodies kept and not rendered (notes whose block is on no page)."""
    PARSED.clear()


def parse_body(body: str) -> Parsed:
    from .characters import FORBIDDEN, describe  # noqa: PLC0415 (the file reader imports this module lazily)

    env: dict[str, Any] = {}
    tokens = body_parser().parse(body, env)
    findings: list[Finding] = []
    in_link = 0
    for token, line in walk(tokens):
        problem = refusal(token)
        if problem:
            findings.append(Finding(line, *problem))
        if token.level >= MAX_LEVEL:
            findings.append(
                Finding(line, f"Nesting more than {MAX_LEVEL} levels deep", "Write a flatter note: a list or two.")
            )
        in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
        if in_link and token.type == "myst_role":
            findings.append(
                Finding(line, "A role inside a link's text", "Put the citation or reference after the link.")
            )
        # Entities and percent escapes are decoded by now: what reaches the page is checked here.
        found = FORBIDDEN.search(token.content) if token.type in ("text", "code_inline") else None
        if found:
            findings.append(
                Finding(
                    line,
                    f"The character {describe(found[0])}, written as an entity or an escape",
                    "Delete it: control and bidirectional-override characters are not allowed in annotations.",
                )
            )
    definitions = [(label.lower(), d) for label, d in env.get("references", {}).items()]
    definitions += [(d["label"], d) for d in env.get("duplicate_refs", [])]
    for label, definition in definitions:
        findings.append(
            Finding(
                definition["map"][0] + 1,
                f"A link definition ([{label}]: …)",
                "Write each link inline, where it is used: [text](https://…).",
            )
        )
    return tokens, env, sorted(set(findings), key=lambda f: f.line)


def refusal(token: Token) -> tuple[str, str] | None:
    """What *token* is and how to write it instead, if it is refused; None if it is allowed."""
    kind = token.type
    if kind in BLOCK_TOKENS or kind in INLINE_TOKENS:
        extra = set(token.attrs) - ALLOWED_ATTRS.get(kind, set())
        if extra or token.meta.get("checked") is not None:
            return (
                f"Attribute syntax or a task list ({', '.join(sorted(extra)) or 'a [ ] box'} on "
                f"{kind.rsplit('_', 1)[0]})",
                "Write plain Markdown, without {…} attributes or [ ] boxes.",
            )
        if kind == "myst_role" and token.meta.get("name") not in ALLOWED_ROLES:
            return (
                f"The role {{{token.meta.get('name')}}}",
                "Annotations may use only the citation roles ({cite:p}`key` and the other {cite:…} roles) and "
                "{edition:para}`anchor`.",
            )
        if kind == "myst_role":
            return role_content_refusal(str(token.meta.get("name")), token.content)
        if kind == "link_open" and not safe_url(str(token.attrs.get("href", ""))):
            return (
                f"A link to {token.attrs.get('href')!r}",
                "Link only to http, https or mailto URLs; to a paragraph of the edition, write {edition:para}`anchor`.",
            )
        return None
    return describe_refused(token)


#: What a role's content may be: bibliography keys separated by commas; a block anchor, with
#: or without a link text before it in angle brackets.
CITE_CONTENT = re.compile(r"^\s*[A-Za-z0-9_:.+/-]+(\s*,\s*[A-Za-z0-9_:.+/-]+)*\s*$")


PARA_CONTENT = re.compile(r"^\s*(?:[^<>`]+\s<)?[a-z][a-z0-9]*(?:-[a-z0-9]+)*>?\s*$")


def role_content_refusal(name: str, content: str) -> tuple[str, str] | None:
    if name == "edition:para":
        if PARA_CONTENT.match(content) and content.count("<") == content.count(">"):
            return None
        return (
            f"The paragraph reference {{edition:para}}`{content[:60]}`",
            "Write {edition:para}`anchor`, or {edition:para}`link text <anchor>`, with a block's anchor.",
        )
    if CITE_CONTENT.match(content) and content.count(",") < MAX_KEYS:
        return None
    return (
        f"The citation {{{name}}}`{content[:60]}`",
        f"Write at most {MAX_KEYS} bibliography keys separated by commas, e.g. {{cite:p}}`key1,key2` (page "
        "numbers and other pre- or post-notes are not supported in annotations: put them in the sentence).",
    )


def describe_refused(token: Token) -> tuple[str, str]:
    kind = token.type
    directive = re.match(r"\{([^}\s]*)\}", token.info.strip())
    if kind in ("fence", "colon_fence") and directive:
        return (
            f"The directive {{{directive[1]}}}, in {REFUSED[kind][0]}",
            "No directive ever runs on annotation content. " + WRITE_INSTEAD,
        )
    for key in (kind, kind.rsplit("_", 1)[0], kind.split("_", 1)[0]):
        if key in REFUSED:
            what, instead = REFUSED[key]
            return what[0].upper() + what[1:], instead
    return f"Markdown of the kind {kind!r}", WRITE_INSTEAD


def safe_url(url: str) -> bool:
    """An http, https or mailto URL, its scheme in lowercase (as MyST takes it: ``HTTPS://`` would
    be read as a link inside the project)."""
    return url.strip().startswith(SAFE_SCHEMES)


def render_body(tokens: list[Token], env: dict[str, Any], source: str, settings: Any) -> nodes.document:
    """The accepted *tokens* rendered into a new document of their own (shared with nothing:
    not the page's ids, names or footnotes, not another note's)."""
    from sphinx.util.docutils import new_document  # noqa: PLC0415

    # A copy of the settings: MyST's renderer writes some of its own into them when it finishes,
    # which must not change the page's.
    document = new_document(source, copy.copy(settings))
    parser = body_parser()
    options = {**parser.options, "document": document}
    # MyST's setup_render evaluates ``options.get("document", make_document())``: it builds a
    # default docutils document (about 2 ms) and throws it away, on every call. One call per
    # note made that a tenth of a build; while rendering, the default is the note's document.
    from myst_parser.mdit_to_docutils import base  # noqa: PLC0415

    make_document = base.make_document
    base.make_document = lambda *args, **kwargs: document
    try:
        parser.renderer.render(tokens, options, env)  # type: ignore[arg-type]
    finally:
        base.make_document = make_document
    return document
