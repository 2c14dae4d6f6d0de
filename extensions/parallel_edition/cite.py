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


#: The schema a CSL citation object names (CSL-JSON's ``csl-citation.json``).
CSL_CITATION_SCHEMA = "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json"


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
    title_original: str = ""  # the part of the title in the original's language, kept as it is
    language: str = "en"

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
            title_original=config.edition_cite_title_original,
            language=config.language or "en",
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

    def chicago(self) -> str:
        """Chicago author–date (CMOS 18, a web page): who, year, title, version, paragraph,
        address. The title is given as the edition spells it (no title case: its first part is
        French and verbatim)."""
        who = f"{_join(self.authors)}. " if self.authors else ""
        year = f"{self.year}. " if self.year else ""
        version = f"Version {self.version}. " if self.version else ""
        return f"{who}{year}“{self.title}.” {version}{_chicago_day(self.date)}para. {self.number}. {self.url}."

    def mla(self) -> str:
        """MLA 9 (a web page with a corporate author): who, title, version, date, paragraph,
        address."""
        who = f"{_join(self.authors)}. " if self.authors else ""
        version = f"version {self.version}, " if self.version else ""
        return f"{who}“{self.title}.” {version}{_mla_date(self.date)}par. {self.number}, {self.url}."

    def ris(self) -> str:
        """RIS (Zotero, EndNote, Mendeley): an electronic source with its version and the
        paragraph in a note."""
        lines = ["TY  - ELEC", f"TI  - {self.title}"]
        lines += [f"AU  - {author}" for author in self.authors]
        if self.year:
            lines.append(f"PY  - {self.year}")
        if self.date:
            lines.append(f"DA  - {self.date.replace('-', '/')}")
        if self.version:
            lines.append(f"ET  - {self.version}")
        lines += [f"UR  - {self.url}", f"N1  - Paragraph {self.number}", f"LA  - {self.language}", "ER  - "]
        return "\n".join(lines)

    def _protected_title(self, open_: str, close: str, escape: Any = str) -> str:
        """The title with its original-language part between *open_* and *close* (kept from
        case changes), the rest passed through *escape*."""
        head, found, tail = self.title.partition(self.title_original) if self.title_original else ("", "", "")
        if not found:
            return escape(self.title)
        return f"{escape(head)}{open_}{escape(found)}{close}{escape(tail)}"

    def _bibtex_entry(self, kind: str, fields: list[tuple[str, str]]) -> str:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@{kind}{{{self.key},\n{body},\n}}"

    def _bibtex_start(self) -> list[tuple[str, str]]:
        title = self._protected_title("{", "}", lambda text: _bibtex_escape(text, "title"))
        fields = [("title", title)]
        if self.authors:
            fields.append(("author", " and ".join("{" + a + "}" for a in self.authors)))
        return fields

    def biblatex(self) -> str:
        """For biblatex and biber: ``@online`` with its own version, date and url fields."""
        fields = [*self._bibtex_start(), ("version", self.version)]
        if self.date:
            fields.append(("date", self.date))
        fields += [("url", self.url), ("note", f"paragraph {self.number}")]
        return self._bibtex_entry("online", fields)

    def bibtex(self) -> str:
        """For classic BibTeX (plain, alpha, ...): ``@misc`` with the fields its styles print
        (year, howpublished, note), so that none of year, version or URL is lost."""
        fields = self._bibtex_start()
        fields.append(("howpublished", f"\\url{{{self.url}}}"))
        if self.year:
            fields.append(("year", self.year))
        version = f"Version {_bibtex_escape(self.version, 'note')}, " if self.version else ""
        fields.append(("note", f"{version}paragraph {self.number}"))
        return self._bibtex_entry("misc", fields)

    def csl(self) -> dict[str, Any]:
        """The edition as a CSL-JSON item (``csl-data.json``): a web page, its language, its
        original-language title part kept from case changes (``<span class="nocase">``)."""
        item: dict[str, Any] = {
            "id": self.key,
            "type": "webpage",
            "title": self._protected_title('<span class="nocase">', "</span>"),
            "version": self.version,
            "URL": self.url,
            "language": self.language,
        }
        if self.authors:
            item["author"] = [{"literal": a} for a in self.authors]
        if parts := [int(p) for p in re.findall(r"\d+", self.date)[:3]]:
            item["issued"] = {"date-parts": [parts]}
        return item

    def csl_citation(self) -> dict[str, Any]:
        """A CSL citation (``csl-citation.json``): the item, cited at the block's paragraph."""
        return {
            "schema": CSL_CITATION_SCHEMA,
            "citationID": self.key,
            "citationItems": [
                {"id": self.key, "locator": str(self.number), "label": "paragraph", "itemData": self.csl()}
            ],
            "properties": {"noteIndex": 0},
        }

    def csl_json(self) -> str:
        """One field a line: the JSON of ``indent=2``, short values kept on their line (several
        times faster: Python's C encoder serves only calls without ``indent``)."""
        fields = ",\n".join(f"    {json.dumps(name)}: {_compact(value)}" for name, value in self.csl().items())
        return f"[\n  {{\n{fields}\n  }}\n]"

    def csl_citation_json(self) -> str:
        """The CSL citation, laid out like ``csl_json``."""
        citation = self.csl_citation()
        (cite_item,) = citation["citationItems"]
        item_fields = ",\n".join(
            f"        {json.dumps(name)}: {_compact(value)}" for name, value in cite_item["itemData"].items()
        )
        head = ",\n".join(
            f"      {json.dumps(name)}: {_compact(cite_item[name])}" for name in ("id", "locator", "label")
        )
        return (
            "{\n"
            f'  "schema": {_compact(citation["schema"])},\n'
            f'  "citationID": {_compact(citation["citationID"])},\n'
            '  "citationItems": [\n    {\n'
            f'{head},\n      "itemData": {{\n{item_fields}\n      }}\n'
            "    }\n  ],\n"
            f'  "properties": {_compact(citation["properties"])}\n'
            "}"
        )


_compact = json.JSONEncoder(ensure_ascii=False).encode


MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _chicago_day(date: str) -> str:
    """``2026-11-28`` as Chicago's author–date reference gives a web page's day, ``November 28, ``."""
    parts = [int(p) for p in re.findall(r"\d+", date)[:3]]
    return f"{MONTHS[parts[1] - 1]} {parts[2]}, " if len(parts) == 3 else ""


def _mla_date(date: str) -> str:
    """``2026-11-28`` as MLA writes it, ``28 Nov. 2026, ``; empty for no date."""
    parts = [int(p) for p in re.findall(r"\d+", date)[:3]]
    if len(parts) == 3:
        return f"{parts[2]} {MLA_MONTHS[parts[1] - 1]} {parts[0]}, "
    return f"{parts[0]}, " if parts else ""


def _join(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _bibtex_escape(value: str, field: str) -> str:
    if field in ("url", "author"):
        return value
    return re.sub(r"([&%$#_{}])", r"\\\1", value)
