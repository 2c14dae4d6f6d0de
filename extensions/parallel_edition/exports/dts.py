"""A static DTS 1.0 API (Distributed Text Services, https://dtsapi.org/versions/v1.0), Level 1:
files under ``dts/`` that a plain web server serves, written by every HTML build.

- the entry point, ``dts/index.jsonld``;
- the collections: the root, the edition (a collection), and its two texts (resources);
- navigation for every reference and every depth and, up to ``edition_dts_ranges`` blocks in a
  text, every range and every block's siblings (Level 1; above it, Level 0: no ranges, and no
  ``down=0`` with a reference, whose answer repeats the whole text for each block);
- the documents: each text whole (TEI, as in ``edition.tei.xml``), each block and each range as
  a TEI fragment in ``dts:wrapper``.

The URI templates are path-style, as the specification's section on static sites shows:
``collection{/id,nav}``, ``navigation/{resource}{;tree}{;down}{/ref,start,end}`` and
``document/{resource}{/ref,start,end}``, with ``.jsonld`` (JSON-LD) and ``.xml`` (TEI) suffixes
so that servers give a media type. The citation tree is the TEI export's ``citeStructure``: one
level, every block, named by its anchor (so a reference lasts as the anchor does). URLs are
absolute under ``html_baseurl``; without it they start at the host's root (``/dts/…``).
"""

from __future__ import annotations

import copy
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..cite import page_url
from ..config import cite_title, edition_version, language_name
from .jsonlines import digest, digest_file, encode_json, is_written_from
from .tei import (
    CITE_UNIT,
    EXPORT,
    SINGLE_MATCH,
    XML_ID,
    XML_LANG,
    bibliography,
    cited_blocks,
    current_parts,
    element,
    header,
    serialize,
    text_document,
    texts_of,
)

ROLES = ("original", "translation")

FOLDER = "dts"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_NS = "https://w3id.org/api/dts#"
ET.register_namespace("dts", DTS_NS)

#: The one citation tree (the default, so it has no identifier).
TREES = [{"@type": "CitationTree", "citeStructure": [{"@type": "CiteStructure", "citeType": CITE_UNIT}]}]
#: The tree's depth; navigation is written for ``down`` = -1, 0 (with a reference, for texts of
#: up to ``edition_dts_ranges`` blocks) and 1 to one more than the depth (deeper values answer
#: as the deepest does).
DEPTH = 1


def reference(block: ET.Element) -> str:
    """A block's reference: its anchor (the TEI ``citeStructure``'s ``@use``)."""
    return str(block.get(XML_ID)).split("--", 1)[0]


class Api:
    """Paths and URLs of the static API, and its JSON objects."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        config = app.config
        self.base = config.html_baseurl.rstrip("/")
        self.key = config.edition_cite_key
        self.root_id = "root"
        self.resources = {
            "original": f"{self.key}-{config.edition_original_lang}",
            "translation": f"{self.key}-{config.edition_translation_lang}",
        }
        self.written: dict[str, str] = {}

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    # -- paths (what the templates expand to) --------------------------------------------
    @staticmethod
    def collection_path(ident: str | None = None, nav: str | None = None) -> str:
        return f"{FOLDER}/collection" + (f"/{ident}" if ident else "") + (f"/{nav}" if nav else "") + ".jsonld"

    @staticmethod
    def navigation_path(resource: str, down: int | None = None, refs: tuple[str, ...] = ()) -> str:
        matrix = f";down={down}" if down is not None else ""
        return f"{FOLDER}/navigation/{resource}{matrix}" + "".join(f"/{ref}" for ref in refs) + ".jsonld"

    @staticmethod
    def document_path(resource: str, refs: tuple[str, ...] = ()) -> str:
        return f"{FOLDER}/document/{resource}" + "".join(f"/{ref}" for ref in refs) + ".xml"

    # -- templates ------------------------------------------------------------------------
    def templates(self, resource: str = "{resource}") -> dict[str, str]:
        prefix = self.url(FOLDER)
        return {
            "navigation": f"{prefix}/navigation/{resource}{{;tree}}{{;down}}{{/ref,start,end}}.jsonld",
            "document": f"{prefix}/document/{resource}{{/ref,start,end}}.xml",
        }

    def collection_template(self, ident: str | None = None) -> str:
        prefix = self.url(FOLDER)
        return f"{prefix}/collection/{ident}{{/nav}}.jsonld" if ident else f"{prefix}/collection{{/id,nav}}.jsonld"

    # -- objects --------------------------------------------------------------------------
    def entry(self) -> dict[str, Any]:
        return {
            "@context": CONTEXT,
            "@id": self.url(f"{FOLDER}/index.jsonld"),
            "@type": "EntryPoint",
            "dtsVersion": "1.0",
            "collection": self.collection_template(),
            **self.templates(),
        }

    def root(self) -> dict[str, Any]:
        return {
            "@id": self.root_id,
            "@type": "Collection",
            "title": str(self.app.config.project),
            "totalParents": 0,
            "totalChildren": 1,
            "collection": self.collection_template(self.root_id),
        }

    def edition(self) -> dict[str, Any]:
        config = self.app.config
        return {
            "@id": self.key,
            "@type": "Collection",
            "title": cite_title(config),
            "totalParents": 1,
            "totalChildren": 2,
            "collection": self.collection_template(self.key),
            "dublinCore": {
                "language": [config.edition_original_lang, config.edition_translation_lang],
                **({"creator": list(config.edition_cite_authors)} if config.edition_cite_authors else {}),
                **({"date": config.edition_cite_date} if config.edition_cite_date else {}),
                **({"license": config.edition_license} if config.edition_license else {}),
                "hasVersion": edition_version(config),
            },
        }

    def resource(self, role: str) -> dict[str, Any]:
        config = self.app.config
        lang = config.edition_original_lang if role == "original" else config.edition_translation_lang
        ident = self.resources[role]
        what = "original" if role == "original" else "translation"
        return {
            "@id": ident,
            "@type": "Resource",
            "title": f"{cite_title(config)}: the {what} ({language_name(config, lang)})",
            "totalParents": 1,
            "totalChildren": 0,
            "collection": self.collection_template(ident),
            **self.templates(ident),
            "citationTrees": TREES,
            "mediaTypes": ["application/tei+xml"],
            "download": self.url(EXPORT),
            "dublinCore": {"language": [lang], "isPartOf": [self.key]},
        }

    def write(self, path: str, data: dict[str, Any] | str) -> None:
        self.written[path] = data if isinstance(data, str) else encode_json(data) + "\n"


def response(data: dict[str, Any]) -> dict[str, Any]:
    """A top-level response: the context and the version first."""
    return {"@context": CONTEXT, "dtsVersion": "1.0", **data}


def write_collections(api: Api) -> None:
    root, edition = api.root(), api.edition()
    resources = [api.resource(role) for role in ("original", "translation")]
    tree: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = [
        (root, [edition], []),
        (edition, resources, [root]),
        *((resource, [], [edition]) for resource in resources),
    ]
    for item, children, parents in tree:
        ident = item["@id"]
        paths = [api.collection_path(ident)] + ([api.collection_path()] if ident == api.root_id else [])
        for path in paths:
            api.write(path, response({**item, "member": children}))
        for nav, members in (("children", children), ("parents", parents)):
            api.write(api.collection_path(ident, nav), response({**item, "member": members}))
            if ident == api.root_id:
                api.write(api.collection_path(None, nav), response({**item, "member": members}))


def is_short(api: Api, blocks: list[ET.Element]) -> bool:
    """Whether a text gets its ranges and its blocks' siblings (``down=0`` with a reference): a
    range is a file per pair of blocks, and a block's siblings are every block of the text, so
    both grow with the square of the text (``edition_dts_ranges``)."""
    return len(blocks) <= api.app.config.edition_dts_ranges


def write_navigation(api: Api, role: str, blocks: list[ET.Element], units: list[dict[str, Any]]) -> None:
    resource = api.resources[role]
    described = {
        key: value for key, value in api.resource(role).items() if key not in ("totalParents", "totalChildren")
    }
    downs = [-1, *range(1, DEPTH + 2)]

    def navigation(path: str, **parts: Any) -> None:
        api.write(path, response({"@id": api.url(path), "@type": "Navigation", "resource": described, **parts}))

    short = is_short(api, blocks)
    for down in downs:
        navigation(api.navigation_path(resource, down), member=units)
    for index, unit in enumerate(units):
        ref = (unit["identifier"],)
        navigation(api.navigation_path(resource, None, ref), ref=unit)
        if short:
            navigation(api.navigation_path(resource, 0, ref), ref=unit, member=units)  # its siblings: all
        for down in downs:  # its subtree: itself (a block has no smaller units)
            navigation(api.navigation_path(resource, down, ref), ref=unit, member=[unit])
        if not short:
            continue
        for last in range(index, len(units)):
            pair = (unit["identifier"], units[last]["identifier"])
            navigation(api.navigation_path(resource, None, pair), start=unit, end=units[last])
            for down in downs:
                navigation(
                    api.navigation_path(resource, down, pair),
                    start=unit,
                    end=units[last],
                    member=units[index : last + 1],
                )


def fragment(blocks: list[ET.Element], lang: str) -> str:
    """Blocks as a DTS fragment: copies of their TEI elements in ``dts:wrapper`` in ``TEI``."""
    root = element(None, "TEI", xml_lang=lang)
    wrapper = ET.SubElement(root, f"{{{DTS_NS}}}wrapper")
    for block in blocks:
        piece = copy.deepcopy(block)
        piece.tail = "\n"
        wrapper.append(piece)
    wrapper.text = "\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_documents(api: Api, role: str, text: ET.Element, blocks: list[ET.Element], whole: str) -> None:
    """The text whole (*whole*, serialized), each block and each range."""
    resource, lang = api.resources[role], str(text.get(XML_LANG))
    api.write(api.document_path(resource), whole)
    for index, block in enumerate(blocks):
        api.write(api.document_path(resource, (reference(block),)), fragment([block], lang))
        if not is_short(api, blocks):
            continue
        for last in range(index, len(blocks)):
            pair = (reference(block), reference(blocks[last]))
            api.write(api.document_path(resource, pair), fragment(blocks[index : last + 1], lang))


def units_of(app: Sphinx, blocks: list[ET.Element], lang: str) -> list[dict[str, Any]]:
    where = {anchor: docname for anchor, docname, _ in app.env.domains["edition"].anchors()}  # type: ignore[attr-defined]
    units = []
    for block in blocks:
        ref = reference(block)
        unit: dict[str, Any] = {"identifier": ref, "@type": "CitableUnit", "level": 1, "parent": None}
        if app.config.html_baseurl and ref in where:
            unit["@id"] = page_url(app.builder, where[ref], str(block.get(XML_ID)))
        unit["citeType"] = CITE_UNIT
        unit["dublinCore"] = {"title": [{"lang": lang, "value": f"¶ {block.get('n')}"}]}
        units.append(unit)
    return units


def write_dts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.edition_dts:
        return
    config = app.config
    # What the API is made from (the two texts, as the TEI export's parts hold them, the header
    # and the settings it names): skip it all when nothing changed (it is many small files, and
    # serialising the texts alone takes half a second at 10,000 blocks).
    serialised = [part[role] for part in current_parts(app, bibliography(app)[1]).values() for role in ROLES]
    fingerprint = digest(
        (
            serialised,
            ET.tostring(header(app, [("", SINGLE_MATCH)]), encoding="unicode"),
            [config.html_baseurl, config.project, config.edition_dts_ranges, app.builder.name],
            [(anchor, page_url(app.builder, doc)) for anchor, doc, _ in app.env.domains["edition"].anchors()],  # type: ignore[attr-defined]
        )
    )
    folder = Path(app.outdir, FOLDER)
    if folder.exists() and is_written_from(app, FOLDER, fingerprint):
        return
    texts = texts_of(app)
    wholes = {role: serialize(text_document(app, text)) for role, text in texts.roles()}
    api = Api(app)
    api.write(f"{FOLDER}/index.jsonld", response({key: v for key, v in api.entry().items() if key != "@context"}))
    write_collections(api)
    for role, text in texts.roles():
        blocks = cited_blocks(text)
        lang = str(text.get(XML_LANG))
        write_navigation(api, role, blocks, units_of(app, blocks, lang))
        write_documents(api, role, text, blocks, wholes[role])
    shutil.rmtree(folder, ignore_errors=True)  # nothing left from an earlier build
    for path, data in api.written.items():
        target = Path(app.outdir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, encoding="utf-8")
    digest_file(app, FOLDER).write_text(fingerprint, encoding="utf-8")


def setup_dts(app: Sphinx) -> None:
    app.connect("build-finished", write_dts)
