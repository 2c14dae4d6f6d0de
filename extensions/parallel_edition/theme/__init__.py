"""The extension's reading theme, ``html_theme = "parallel_edition"``: Sphinx's basic theme with
one compact header, no sidebar, and widths set for reading (see the README, "Theme").

Editors may keep any other theme; the extension's own CSS works under Sphinx's default theme.
The theme also works without the extension (``html_theme = "parallel_edition"`` alone: Sphinx
finds it through the package's ``sphinx.html_themes`` entry point and runs :func:`setup`), so
that a plain Sphinx page can be compared with the edition's in the same theme (``make bench``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..nodes import parallel_block

THEME = Path(__file__).parent / "parallel_edition"
#: The most documents the header lists (the theme option ``nav_limit``).
NAV_LIMIT = 12


def nav_entries(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The root document, then the documents of its toctrees, in order, each with its label.
    When the root lists more than ``nav_limit`` documents, the header keeps the root and the
    root's entry that holds the current page (the page itself, or the part it is in): a header,
    written on every page, that grew with the site would make each page cost more the larger
    the site (``make bench``, pages axis)."""
    env = app.env
    root = app.config.root_doc
    labels = dict(context.get("theme_nav_labels") or {})
    docnames = [root, *env.toctree_includes.get(root, [])]
    if len(docnames) - 1 > nav_limit(context):
        here = top_entry(app, pagename, set(docnames))
        docnames = [root, *([here] if here is not None and here != root else [])]
    entries = []
    for docname in docnames:
        if docname not in env.titles:
            continue
        label = labels.get(docname) or ("Home" if docname == root else env.titles[docname].astext())
        entries.append(
            {"docname": docname, "label": label, "link": context["pathto"](docname), "current": docname == pagename}
        )
    return entries


def nav_limit(context: dict[str, Any]) -> int:
    try:
        return int(context.get("theme_nav_limit", NAV_LIMIT))
    except (TypeError, ValueError):
        return NAV_LIMIT


def top_entry(app: Sphinx, pagename: str, entries: set[str]) -> str | None:
    """The root's toctree entry that *pagename* is, or is under: its parents, from the relations
    the HTML builder collects once per build (docname -> [parent, previous, next])."""
    relations = getattr(app.builder, "relations", None) or app.env.collect_relations()
    seen = set()
    current: str | None = pagename
    while current is not None and current not in entries and current not in seen:
        seen.add(current)
        current = (relations.get(current) or [None])[0]
    return current


def find_pdf(app: Sphinx) -> None:
    """The PDF edition named by ``edition_pdf``, if it is there when the build starts: looked
    for once, kept on the builder for every page and for publishing."""
    path = (Path(app.confdir) / app.config.edition_pdf).resolve() if app.config.edition_pdf else None
    app.builder.edition_pdf = path if path is not None and path.is_file() else None  # type: ignore[attr-defined]


def publish_pdf(app: Sphinx, exception: Exception | None) -> None:
    """The PDF goes out with the HTML, at the site's root, under its own name."""
    pdf = getattr(app.builder, "edition_pdf", None)
    if exception is None and pdf is not None and app.builder.format == "html" and app.builder.name != "epub":
        shutil.copyfile(pdf, Path(app.outdir) / pdf.name)


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if app.builder.format != "html" or "pathto" not in context:
        return
    pdf = getattr(app.builder, "edition_pdf", None)
    context["ed_pdf"] = context["pathto"](pdf.name, 1) if pdf is not None else ""
    context["ed_parallel_page"] = doctree is not None and next(iter(doctree.findall(parallel_block)), None) is not None
    if app.config.html_theme != "parallel_edition":
        return
    entries = nav_entries(app, pagename, context)
    context["ed_nav"] = entries
    by_link = {entry["link"]: entry["label"] for entry in entries}

    def label(related: dict[str, Any]) -> str:
        return by_link.get(related["link"], related["title"])

    context["ed_label"] = label


def setup(app: Sphinx) -> dict[str, Any]:
    """The theme, with or without the extension (the extension loads it as a sub-extension)."""
    if "edition_pdf" not in app.config:  # the theme alone: the one setting it reads
        app.add_config_value("edition_pdf", "", "html", str)
    app.add_html_theme("parallel_edition", str(THEME))
    app.connect("builder-inited", find_pdf)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", publish_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def setup_theme(app: Sphinx) -> None:
    app.setup_extension("parallel_edition.theme")
