"""Reference tables generated from the extension's own definitions, so that the documentation
cannot drift from the code: ``{edition-settings}`` (every configuration value, from
``parallel_edition.config.SETTINGS``), ``{edition-warnings}`` (every warning subtype, from
``parallel_edition.warnings_.EditionWarning``) and ``{edition-schema}`` (every field of an
annotation header, from ``annotation.schema.json``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from parallel_edition.annotations.model import KINDS, SCHEMA
from parallel_edition.config import SETTINGS
from parallel_edition.warnings_ import EditionWarning
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def table(headers: list[str], rows: list[list[str]]) -> nodes.table:
    """A plain docutils table; cells are parsed as inline text, ``code`` kept as literals."""
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=1) for _ in headers]
    head = nodes.thead()
    head += row_of(headers)
    body = nodes.tbody()
    body += [row_of(cells) for cells in rows]
    group += [head, body]
    result = nodes.table()
    result += group
    return result


def row_of(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        for index, piece in enumerate(text.replace("``", "`").split("`")):
            paragraph += nodes.literal(piece, piece) if index % 2 else nodes.Text(piece)
        entry += paragraph
        row += entry
    return row


class SettingsTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [[f"`{s.name}`", f"`{s.default!r}`", s.help, s.allowed] for s in SETTINGS]
        return [table(["name", "default", "what it is", "allowed"], rows)]


class WarningsTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [[f"`edition.{kind.value}`", kind.description] for kind in EditionWarning]
        return [table(["subtype", "meaning"], rows)]


class SchemaTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        required = set(SCHEMA["required"])
        rows = []
        for name, prop in SCHEMA["properties"].items():
            kind = prop.get("type") or ("one of " + ", ".join(f"`{k}`" for k in KINDS) if "enum" in prop else "quote")
            rows.append([f"`{name}`", "yes" if name in required else "no", str(kind), prop.get("description", "")])
        return [table(["field", "required", "type", "what it is"], rows)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("edition-settings", SettingsTable)
    app.add_directive("edition-warnings", WarningsTable)
    app.add_directive("edition-schema", SchemaTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
