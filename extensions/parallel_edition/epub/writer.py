"""The EPUB writer: the HTML writer of the edition (``html.visitors``), with what XHTML and EPUB
reading systems need.

* Every element with ``lang`` also gets ``xml:lang`` (XHTML's own attribute; EPUB reading systems
  read either), the root ``<html>`` included.
* Each annotation is an EPUB footnote (``<aside epub:type="footnote">``), after its block, and its
  marker in the text a note reference (``epub:type="noteref"``): reading systems that show
  footnotes in a pop-up do so; the others show the notes after the block, as the PDF does.
* The view switch, the kind filter and the "cite this" panels are left out: they need the
  page's script, and an e-book runs none (its citation URL would be a file inside the book).
* The ``<meta>`` tags of the page head (``citation_*``) are closed, as XML requires.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..annotations.model import KINDS
from ..html import APPARATUS
from ..html.visitors import depart_div, visit_parallel_block
from ..nodes import (
    annotation,
    annotation_filter,
    annotation_list,
    annotation_marker,
    cite_control,
    control_bar,
    parallel_block,
    view_switch,
)

#: The builders this writer is for (Sphinx's EPUB 3 builder is called "epub").
EPUB_BUILDERS = ("epub",)

LANG = re.compile(r'(<[A-Za-z][^<>]*?\slang="([^"]*)")(?![^<>]*\sxml:lang=)')
META = re.compile(r"<meta\b([^<>]*?)\s*/?>")


def with_xml_lang(html: str) -> str:
    """*html* with ``xml:lang`` beside every ``lang`` attribute of its start tags."""
    return LANG.sub(r'\1 xml:lang="\2"', html)


def skip(self: HTML5Translator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_annotation_list(self: HTML5Translator, node: annotation_list) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_annotation_list(self: HTML5Translator, node: annotation_list) -> None:
    self.body.append("</div>\n")


def visit_annotation(self: HTML5Translator, node: annotation) -> None:
    attributes = {
        "lang": self.builder.config.language or "en",
        "epub:type": "footnote",
        "role": "doc-footnote",
        "data-ed-kind": node["kind"],
        "aria-label": f"Annotation {node['letter']}",
    }
    self.body.append(self.starttag(node, "aside", "", **attributes))


def depart_annotation(self: HTML5Translator, node: annotation) -> None:
    self.body.append("</aside>\n")


def visit_annotation_marker(self: HTML5Translator, node: annotation_marker) -> None:
    attributes = {
        "href": f"#{node['refid']}",
        "epub:type": "noteref",
        "role": "doc-noteref",
        "aria-label": f"Annotation {node['letter']}: {KINDS[node['kind']]}",
        "data-ed-ann": node["annotation_id"],
    }
    tag = self.starttag(node, "a", "", CLASS=f"ed-kind-{node['kind']}", **attributes, **APPARATUS)
    self.body.append(tag + self.encode(node["letter"]) + "</a>")
    raise nodes.SkipNode


#: Node class -> (visit, depart) for the EPUB writer, in place of the HTML writer's.
EPUB_OVERRIDES: dict[type[nodes.Node], tuple[Any, Any]] = {
    view_switch: (skip, None),
    annotation_filter: (skip, None),
    cite_control: (skip, None),
    parallel_block: (visit_parallel_block, depart_div),  # without the cite link
    control_bar: (skip, None),  # the reading controls and the cite panel need the page's script
    annotation_list: (visit_annotation_list, depart_annotation_list),
    annotation: (visit_annotation, depart_annotation),
    annotation_marker: (visit_annotation_marker, None),
}


class EpubWriterMixin:
    """Put before the HTML translator class: the edition's EPUB visitors take precedence over
    the HTML ones (which Sphinx attaches to every HTML-format writer), and tags get ``xml:lang``."""

    def dispatch_visit(self, node: nodes.Node) -> None:
        handlers = EPUB_OVERRIDES.get(type(node))
        if handlers is None:
            super().dispatch_visit(node)  # type: ignore[misc]
        else:
            handlers[0](self, node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        handlers = EPUB_OVERRIDES.get(type(node))
        if handlers is None:
            super().dispatch_departure(node)  # type: ignore[misc]
        elif handlers[1] is not None:
            handlers[1](self, node)

    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        return with_xml_lang(super().starttag(node, tagname, suffix, empty, **attributes))  # type: ignore[misc]


def use_epub_writer(app: Sphinx) -> None:
    """For the EPUB builder: the edition's writer, and the book's language on ``<html>``."""
    builder = app.builder
    if builder.name not in EPUB_BUILDERS:
        return
    base = app.registry.translators.get(builder.name) or builder.default_translator_class  # type: ignore[attr-defined]
    writer = type("EditionEpubTranslator", (EpubWriterMixin, base), {})
    app.set_translator(builder.name, writer, override=True)
    lang = escape(app.config.epub_language or app.config.language or "en")
    builder.html_tag = with_xml_lang(builder.html_tag.replace(">", f' lang="{lang}">', 1))  # type: ignore[attr-defined]


def close_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name in EPUB_BUILDERS and context.get("metatags"):
        context["metatags"] = META.sub(r"<meta\1 />", context["metatags"])


def setup_epub(app: Sphinx) -> None:
    app.connect("builder-inited", use_epub_writer)
    app.connect("html-page-context", close_meta_tags, priority=900)
