"""The annotations in Hypothesis's import format (``annotations.hypothesis.json``): the file its
client writes when a reader exports annotations, and reads back with "Import annotations"
(``readExportFile`` and ``ImportAnnotationsService`` in hypothesis/client: an object with an
``annotations`` array; of each annotation the import keeps ``target``, ``tags``, ``text``,
``uri`` and ``document``, and the import panel names it by ``user`` and ``user_info``).

Made from the Web Annotation export, after it is written: one Hypothesis annotation per
annotation, on its first passage (the original's quote; the client anchors ``target[0]`` with
its TextQuoteSelector), its kind as a tag. An importing reader becomes the author of the copies
in Hypothesis; the editors' names stay in ``user_info`` and the text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from ..config import cite_title, edition_version
from .webannotation import page_export

EXPORT = "annotations.hypothesis.json"


def hypothesis_annotation(item: dict[str, Any], title: str) -> dict[str, Any]:
    first = item["target"][0]
    selectors = []
    refined = first["selector"].get("refinedBy")
    if refined:
        selectors.append({key: refined[key] for key in ("type", "exact", "prefix", "suffix") if key in refined})
    names = ", ".join(creator["name"] for creator in item["creator"])
    host = urlsplit(first["source"]).hostname or "edition"
    text = next(body["value"] for body in item["body"] if body.get("purpose") == "commenting")
    tags = [body["value"] for body in item["body"] if body.get("purpose") == "tagging"]
    return {
        "id": item["id"],
        "created": item["created"],
        "updated": item["created"],
        "user": f"acct:editors@{host}",
        "user_info": {"display_name": names},
        "uri": first["source"],
        "text": text,
        "tags": tags,
        "target": [{"source": first["source"], "selector": selectors}],
        "document": {"title": [title]},
    }


def page_items(app: Sphinx, docname: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """A page's annotations in Hypothesis's format, one JSON text each, from its lines of the
    Web Annotation export, and what they depend on."""
    key, lines = page_export(app, docname)
    title = cite_title(app.config)
    # Each by json's C encoder: with ``indent`` json falls back to its pure-Python one.
    items = tuple(json.dumps(hypothesis_annotation(json.loads(line), title), ensure_ascii=False) for line in lines)
    return (key, title), items


def exported(app: Sphinx) -> bool:
    """Whether this build writes the export: an HTML build of an edition with annotations,
    not an e-book."""
    return app.builder.format == "html" and bool(app.config.edition_annotations) and app.builder.name != "epub"


def prepare_hypothesis(app: Sphinx, env: Any) -> list[str]:
    """The items of each page read in this build, kept with the page's data (after the Web
    Annotation lines they are made from): an edit to one page's annotations makes that page's
    items only."""
    if exported(app):
        domain = env.domains["edition"]
        for docname in domain.annotations:
            if docname not in domain.hypothesis_export:
                domain.hypothesis_export[docname] = page_items(app, docname)
    return []


def write_hypothesis(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not exported(app):
        return
    domain: Any = app.env.domains["edition"]
    title = cite_title(app.config)
    pages: list[str] = []
    for docname in sorted(domain.annotations):
        key, items = domain.hypothesis_export.get(docname) or ((), ())
        if key != (page_export(app, docname)[0], title):
            key, items = page_items(app, docname)
        pages += items
    head = {
        "export_date": f"{app.config.edition_cite_date or '1970-01-01'}T00:00:00Z",
        "export_userid": "",
        "client_version": f"parallel_edition {edition_version(app.config)}",
    }
    # One annotation a line (readable diffs).
    items = ",\n".join(pages)
    fields = "".join(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n" for key, value in head.items())
    text = "{\n" + fields + '"annotations": [\n' + items + ("\n" if items else "") + "]\n}\n"
    output = Path(app.outdir, EXPORT)
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.write_text(text, encoding="utf-8")


def setup_hypothesis(app: Sphinx) -> None:
    app.connect("env-updated", prepare_hypothesis, priority=600)  # after the Web Annotation lines
    app.connect("build-finished", write_hypothesis, priority=600)
