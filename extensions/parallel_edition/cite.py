"""Citations of one block: a note-style reference, BibTeX and CSL-JSON, with the block's
number as a paragraph locator and the edition's version."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sphinx.builders import Builder
from sphinx.config import Config

from .config import cite_title, edition_version, export_base

HASH_LENGTH = 8


def text_hash(text: str) -> str:
    """A short, stable hash of a block's text (NFC, ends stripped)."""
    normal = unicodedata.normalize("NFC", text.strip())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def page_url(builder: Builder, docname: str, anchor: str = "") -> str:
    """The block's URL: absolute when ``html_baseurl`` is set, else relative to the site."""
    base = builder.config.html_baseurl.rstrip("/")
    target = builder.get_target_uri(docname) if builder.format == "html" else f"{docname}.html"
    if target.startswith("#"):
        # A single-page builder (singlehtml) puts every document in the root document's page
        # and gives targets such as "#document-text": the block's URL is that page's, named as
        # the html builder names pages.
        target = quote(builder.config.root_doc) + builder.link_suffix  # type: ignore[attr-defined]
    url = f"{base}/{target}" if base else target
    return f"{url}#{anchor}" if anchor else url


def absolute_page_url(builder: Builder, docname: str, anchor: str = "") -> str:
    """``page_url``, always absolute: under ``html_baseurl``, or under the placeholder base
    where it is not set (``config.PLACEHOLDER_BASE``; the exports that need absolute IRIs)."""
    url = page_url(builder, docname, anchor)
    return url if builder.config.html_baseurl else f"{export_base(builder.config)}/{url}"


@dataclass(frozen=True)
class Citation:
    title: str
    authors: tuple[str, ...]
    version: str
    date: str
    number: int | str  # a block's number, or a template's stand-in (html.py)
    anchor: str
    url: str
    key_prefix: str

    @classmethod
    def of(cls, config: Config, number: int | str, anchor: str, url: str) -> Citation:
        return cls(
            title=cite_title(config),
            authors=tuple(config.edition_cite_authors),
            version=edition_version(config),
            date=config.edition_cite_date,
            number=number,
            anchor=anchor,
            url=url,
            key_prefix=config.edition_cite_key or "edition",
        )

    @property
    def key(self) -> str:
        return f"{self.key_prefix}-{self.anchor}"

    @property
    def year(self) -> str:
        return self.date[:4]

    def text(self) -> str:
        """A note-style (Chicago-like) reference."""
        who = f"{_join(self.authors)}, " if self.authors else ""
        when = f" ({self.year})" if self.year else ""
        return f"{who}{self.title}, version {self.version}{when}, ¶ {self.number}, {self.url}."

    def bibtex(self) -> str:
        fields = [("title", self.title)]
        if self.authors:
            fields.append(("author", " and ".join("{" + a + "}" for a in self.authors)))
        fields += [("version", self.version)]
        if self.date:
            fields.append(("date", self.date))
        fields += [("url", self.url), ("note", f"paragraph {self.number}")]
        body = ",\n".join(f"  {name} = {{{_bibtex_escape(value, name)}}}" for name, value in fields)
        return f"@online{{{self.key},\n{body},\n}}"

    def csl(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "version": self.version,
            "URL": self.url,
            "locator": str(self.number),
            "label": "paragraph",
        }
        if self.authors:
            item["author"] = [{"literal": a} for a in self.authors]
        if parts := [int(p) for p in re.findall(r"\d+", self.date)[:3]]:
            item["issued"] = {"date-parts": [parts]}
        return item

    def csl_json(self) -> str:
        """One field a line: the JSON of ``indent=2``, short values kept on their line (several
        times faster: Python's C encoder serves only calls without ``indent``)."""
        fields = ",\n".join(f"    {json.dumps(name)}: {_compact(value)}" for name, value in self.csl().items())
        return f"[\n  {{\n{fields}\n  }}\n]"


_compact = json.JSONEncoder(ensure_ascii=False).encode


def _join(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _bibtex_escape(value: str, field: str) -> str:
    if field in ("url", "author"):
        return value
    return re.sub(r"([&%$#_{}])", r"\\\1", value)
