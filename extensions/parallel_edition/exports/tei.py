"""The edition as one TEI P5 document (``edition.tei.xml``), written by every HTML build and by
the ``tei`` builder (``make tei``).

- ``teiHeader``: title, responsibility (editors, translators), publication statement with the
  licence, the source of the original, the editorial principles, the citation structure
  (``refsDecl``/``citeStructure``) and the kinds of annotation (a ``taxonomy``);
- ``standOff``: the annotations (``listAnnotation``: each ``annotation`` targets its passage with
  ``string-range()``, computed from its quote), and the alignment of the two texts (``linkGrp``);
- ``text``: a ``group`` of the original and the translation, each block an element whose
  ``xml:id`` is its cell's id (``<anchor>--<lang>``) and whose ``@n`` is its number; headings
  are the ``head`` of a ``div``, the text's notes ``note`` elements where they stand, note calls
  ``ref`` elements pointing at them; then the bibliography (``listBibl``) in ``back``.

The body of each document is made when it is read (:class:`TeiCollector`, from the doctree, with
the same walk over the text as :mod:`..text`), so that a build reads nothing twice; the
document is put together when the build ends. The text is copied from the doctree's Text
nodes as they are: no character is changed.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from ..annotations.model import KINDS
from ..annotations.selectors import find_quote
from ..blocks import block_of, cells_of
from ..config import cite_title, edition_version, language_name
from ..ids import annotation_id, cell_id
from ..nodes import annotation_list, annotation_marker, note_label, note_ref, parallel_block
from ..text import raw_index

EXPORT = "edition.tei.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", TEI_NS)

#: What every edition made with the extension does to its text, for ``editorialDecl``.
PRINCIPLES = {
    "normalization": (
        "None. The original is reproduced as its source files give it, character for character "
        "(spaces, no-break spaces, quotation marks, case, punctuation and slips included); the "
        "build applies no transform to it."
    ),
    "correction": (
        "None in the text. What the editors have to say about a passage (a slip, a source, a "
        "translation choice) is an annotation, kept apart from the text in standOff."
    ),
    "segmentation": (
        "The text is divided into blocks (headings, paragraphs, lists, notes), each with a "
        "permanent anchor and a number; the translation is aligned with the original block by "
        "block (linkGrp type='translation')."
    ),
    "interpretation": (
        "Annotations are stand-off: each targets its block, and the passage it quotes, with "
        "string-range(id, offset, length), offsets counted in characters from 0 within the "
        "block's text as encoded here."
    ),
}

#: The element that holds a block, by kind (headings: the ``head`` of their ``div``).
ELEMENTS = {"paragraph": "p", "list": "list", "note": "note", "heading": "head"}

#: The citation structure: every block, named by its anchor (the part of its xml:id before
#: ``--``), in document order. One level: a block's reference is its anchor, which lasts.
CITE_UNIT = "block"
CITE_USE = "substring-before(@xml:id, '--')"


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def element(parent: ET.Element | None, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A TEI element (under *parent*, if given); ``xml_id``/``xml_lang`` name the xml: attributes."""
    attrib = {XML_ID if k == "xml_id" else XML_LANG if k == "xml_lang" else k: v for k, v in attributes.items()}
    node = ET.Element(tei(tag), attrib) if parent is None else ET.SubElement(parent, tei(tag), attrib)
    if text is not None:
        node.text = text
    return node


def append_text(target: ET.Element, text: str) -> None:
    """Add *text* after what *target* already holds (ElementTree keeps text in ``text``/``tail``)."""
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


# -- the text, from the doctree -------------------------------------------------------------


def copy_inline(node: nodes.Element, target: ET.Element, lang: str) -> None:
    """The text of *node* into *target*: Text nodes as they are, note calls as ``ref``
    elements, links as ``ref``, emphasis as ``hi``; note labels and annotation markers
    (apparatus) left out, a line break between paragraphs (as :func:`..text.pieces` reads
    a cell)."""
    seen_paragraph = False
    for child in node.children:
        if isinstance(child, note_label):
            if target.tag == tei("note"):  # the note's own number, as the source shows it
                element(target, "label", child.astext())
            continue
        if isinstance(child, (annotation_marker, annotation_list)):
            continue
        if isinstance(child, nodes.Text):
            append_text(target, str(child))
        elif isinstance(child, note_ref):
            ref = element(target, "ref", type="noteAnchor", target=f"#{cell_id(child['target'], lang)}")
            ref.text = child.astext()
        elif isinstance(child, nodes.reference) and child.get("refuri"):
            copy_inline(child, element(target, "ref", target=child["refuri"]), lang)
        elif isinstance(child, (nodes.emphasis, nodes.strong, nodes.literal)):
            rend = {"emphasis": "italic", "strong": "bold", "literal": "code"}[child.tagname]
            copy_inline(child, element(target, "hi", rend=rend), lang)
        elif isinstance(child, nodes.paragraph):
            if seen_paragraph:
                append_text(target, "\n")
            seen_paragraph = True
            copy_inline(child, target, lang)
        elif isinstance(child, nodes.Element):
            copy_inline(child, target, lang)


def block_element(parent: ET.Element, kind: str, cell: nodes.Element, anchor: str, number: int, lang: str) -> None:
    attributes = {"xml_id": cell_id(anchor, lang), "n": str(number)}
    if kind == "note":
        attributes |= {"type": "note", "place": "end"}
    target = element(parent, ELEMENTS.get(kind, "p"), **attributes)
    if kind == "list" and len(cell.children) == 1 and isinstance(cell[0], nodes.Sequential):
        items = [item for item in cell[0].children if isinstance(item, nodes.list_item)]
        for index, item in enumerate(items):
            entry = element(target, "item")
            copy_inline(item, entry, lang)
            if index < len(items) - 1:
                entry.tail = "\n"  # the break :func:`..text.pieces` reads between items
        return
    copy_inline(cell, target, lang)


def body_of(node: nodes.Element, parent: ET.Element, role: str) -> None:
    """The blocks of one language under *node*, sections as ``div`` elements."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        block = block_of(child)
        if block is not None and block.is_heading:
            if role not in block.cells:
                continue
            div = element(parent, "div", type="section")
            head = element(div, "head", xml_id=cell_id(block.anchor, block.lang(role)), n=str(block.number))
            copy_inline(block.cells[role], head, block.lang(role))
            body_of(child, div, role)
        elif block is not None and isinstance(child, parallel_block):
            cell = next((c for c in cells_of(child) if c["role"] == role), None)
            if cell is not None:
                block_element(parent, child["kind"], cell, block.anchor, block.number, cell["lang"])
        elif not isinstance(child, annotation_list):
            body_of(child, parent, role)


class TeiCollector(EnvironmentCollector):
    """Each document's blocks as TEI, one ``body`` per language, made when it is read."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        bodies(env).pop(docname, None)
        parts(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        for docname in docnames:
            if docname in bodies(other):
                bodies(env)[docname] = bodies(other)[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if not any(True for _ in doctree.findall(parallel_block)) and not any(
            block_of(s) for s in doctree.findall(nodes.section)
        ):
            return
        made = {}
        for role in ("original", "translation"):
            body = element(None, "body")
            body_of(doctree, body, role)
            made[role] = ET.tostring(body, encoding="unicode")
        bodies(app.env)[app.env.docname] = made


def bodies(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """docname -> role -> its ``body`` as XML (kept in the environment between builds)."""
    store: dict[str, dict[str, str]] = env.domaindata["edition"].setdefault("tei_bodies", {})
    return store


# -- the document ---------------------------------------------------------------------------


@dataclass
class Texts:
    """The two texts of the edition as TEI, with their blocks by id."""

    original: ET.Element
    translation: ET.Element

    def roles(self) -> list[tuple[str, ET.Element]]:
        return [("original", self.original), ("translation", self.translation)]

    def blocks(self) -> Iterator[ET.Element]:
        for text in (self.original, self.translation):
            yield from cited_blocks(text)


def cited_blocks(text: ET.Element) -> list[ET.Element]:
    """The blocks of a text, in document order (what the citation structure matches)."""
    return [node for node in text.iter() if node.get("n") is not None and node.get(XML_ID)]


def string_value(node: ET.Element) -> str:
    return "".join(node.itertext())


def texts_of(app: Sphinx) -> Texts:
    config = app.config
    docnames = text_docnames(app)
    result = []
    for role, lang in (("original", config.edition_original_lang), ("translation", config.edition_translation_lang)):
        text = element(None, "text", xml_id=f"text--{lang}", xml_lang=lang, type=role)
        body = element(text, "body")
        for docname in docnames:
            holder = element(body, "div", type="document") if len(docnames) > 1 else body
            holder.extend(document_blocks(app.env, docname)[role])
        if not len(body):
            element(body, "p")  # a body must hold something: an edition with no block yet
        result.append(text)
    return Texts(*result)


def title_statement(config: Any, file_desc: ET.Element) -> list[str]:
    """The title and who is responsible: the editors, and the translators (by default the
    editors); returns the editors."""
    title_stmt = element(file_desc, "titleStmt")
    element(title_stmt, "title", cite_title(config))
    editors = list(config.edition_cite_authors)
    translators = list(config.edition_translators) or editors
    for name in editors:
        element(title_stmt, "editor", name)
    for resp, names in (("editor", editors), ("translator", translators)):
        if names:
            stmt = element(title_stmt, "respStmt")
            label = (
                "edited by"
                if resp == "editor"
                else f"translated into {language_name(config, config.edition_translation_lang)} by"
            )
            element(stmt, "resp", label, key=resp)
            for name in names:
                element(stmt, "name", name)
    return editors


def header(app: Sphinx, refs: list[tuple[str, str]]) -> ET.Element:
    """The ``teiHeader``; *refs*: (name, match) of each citation structure to declare."""
    config = app.config
    head = element(None, "teiHeader")
    file_desc = element(head, "fileDesc")
    editors = title_statement(config, file_desc)
    edition_stmt = element(file_desc, "editionStmt")
    version = f"Version {edition_version(config)}"
    edition = element(edition_stmt, "edition", version, n=edition_version(config))
    if config.edition_cite_date:
        edition.text = f"{version} of "
        element(edition, "date", config.edition_cite_date, when=config.edition_cite_date)
    publication = element(file_desc, "publicationStmt")
    element(publication, "authority", ", ".join(editors) or cite_title(config))
    if config.edition_cite_date:
        element(publication, "date", config.edition_cite_date, when=config.edition_cite_date)
    element(publication, "idno", edition_version(config), type="version")
    if config.html_baseurl:
        element(publication, "ptr", target=config.html_baseurl)
    availability = element(publication, "availability")
    if config.edition_license or config.edition_rights:
        licence = element(
            availability, "licence", **({"target": config.edition_license} if config.edition_license else {})
        )
        licence.text = config.edition_rights or config.edition_license
    else:
        element(availability, "p", "No licence is declared (edition_license).")
    source_desc = element(file_desc, "sourceDesc")
    source_desc.append(source_bibl(config))

    encoding = element(head, "encodingDesc")
    decl = element(encoding, "editorialDecl")
    for part, text in PRINCIPLES.items():
        element(element(decl, part), "p", text)
    for name, match in refs:
        refs_decl = element(encoding, "refsDecl", **({"n": name} if name else {}))
        element(refs_decl, "citeStructure", unit=CITE_UNIT, match=match, use=CITE_USE)
    class_decl = element(encoding, "classDecl")
    taxonomy = element(class_decl, "taxonomy", xml_id="annotation-kinds")
    for kind, label in KINDS.items():
        element(element(taxonomy, "category", xml_id=f"kind--{kind}"), "catDesc", label)

    profile = element(head, "profileDesc")
    usage = element(profile, "langUsage")
    for lang in (config.edition_original_lang, config.edition_translation_lang):
        element(usage, "language", language_name(config, lang), ident=lang)
    return head


def source_bibl(config: Any) -> ET.Element:
    """The source of the original (``edition_source_metadata``), as a ``bibl``."""
    source = config.edition_source_metadata
    if not source:
        return element(None, "p", "The source of the original is not described (edition_source_metadata).")
    bibl = element(None, "bibl", type="source")
    if source.get("title"):
        element(bibl, "title", source["title"], level="a")
    if source.get("author"):
        element(bibl, "author", source["author"])
    if source.get("publisher"):
        element(bibl, "publisher", source["publisher"])
    if source.get("date"):
        element(bibl, "date", source["date"], when=source["date"])
    if source.get("url"):
        element(bibl, "ptr", target=source["url"])
    element(
        bibl, "textLang", language_name(config, config.edition_original_lang), mainLang=config.edition_original_lang
    )
    if source.get("note"):
        element(bibl, "note", source["note"])
    return bibl


# -- annotations ----------------------------------------------------------------------------


def passage_pointer(node: ET.Element, quote: dict[str, str] | None, translation: bool) -> str | None:
    """``#string-range(id,offset,length)`` of *quote* in *node*'s text; ``#id`` without a quote;
    None if the quote is not found there once (the build has warned already)."""
    ident = node.get(XML_ID)
    if not quote:
        return f"#{ident}"
    text = string_value(node)
    starts = find_quote(text, quote, fold_quotes=translation)
    if len(starts) != 1:
        return None
    length = len(unicodedata.normalize("NFC", quote["exact"]))
    start, end = raw_index(text, starts[0]), raw_index(text, starts[0] + length)
    return f"#string-range({ident},{start},{end - start})"


CITATION = re.compile(r"\[([^\[\]\s]+)\]")


def annotation_body(parent: ET.Element, text: str, cites: tuple[str, ...], labels: dict[str, str]) -> None:
    """The body's paragraphs; its citations (``[key,key]`` in the plain text) as ``ref``
    elements pointing at the bibliography's entries."""
    note = element(parent, "note", type="body")
    for paragraph in text.split("\n\n"):
        p = element(note, "p")
        position = 0
        for match in CITATION.finditer(paragraph):
            keys = match[1].split(",")
            if not all(key in cites for key in keys):
                continue
            append_text(p, paragraph[position : match.start()])
            targets = " ".join(f"#{bibl_id(key)}" for key in keys)
            ref = element(p, "ref", type="citation", target=targets)
            ref.text = "(" + "; ".join(labels.get(key, key) for key in keys) + ")"
            position = match.end()
        append_text(p, paragraph[position:])


def annotation_element(
    config: Any, record: dict[str, Any], by_id: dict[Any, ET.Element], labels: dict[str, str]
) -> ET.Element:
    """One annotation of ``listAnnotation``; *by_id*: the blocks it may target, by xml:id."""
    targets = []
    for lang, field, translation in (
        (config.edition_original_lang, "quote", False),
        (config.edition_translation_lang, "translation_quote", True),
    ):
        node = by_id.get(cell_id(record["target"], lang))
        if node is None or (translation and not record.get(field)):
            continue
        pointer = passage_pointer(node, record.get(field), translation)
        if pointer is not None:
            targets.append(pointer)
    note = element(
        None,
        "annotation",
        xml_id=annotation_id(record["id"]),
        target=" ".join(targets),
        motivation="commenting",
        ana=f"#kind--{record['kind']}",
    )
    for name in record["authors"]:
        stmt = element(note, "respStmt")
        element(stmt, "resp", "author")
        element(stmt, "name", name)
    if record["date"]:
        revisions = element(note, "revisionDesc")
        element(revisions, "change", "created", when=str(record["date"]), status="created")
    if config.edition_license:
        element(note, "licence", target=config.edition_license)
    if record.get("quote"):
        element(note, "note", record["quote"]["exact"], type="quote", xml_lang=config.edition_original_lang)
    annotation_body(note, record["text"], tuple(record.get("cites", ())), labels)
    return note


def alignment_links(config: Any, originals: list[ET.Element], translations: list[ET.Element]) -> list[ET.Element]:
    """A ``link`` from each block of *originals* to its translation among *translations*."""
    translated = {node.get(XML_ID) for text in translations for node in cited_blocks(text)}
    links = []
    for node in (node for text in originals for node in cited_blocks(text)):
        anchor = str(node.get(XML_ID)).rsplit("--", 1)[0]
        other = cell_id(anchor, config.edition_translation_lang)
        if other in translated:
            links.append(element(None, "link", target=f"#{node.get(XML_ID)} #{other}"))
    return links


# -- the bibliography -----------------------------------------------------------------------


def bibl_id(key: str) -> str:
    return "bib--" + re.sub(r"[^A-Za-z0-9._-]", "_", key)


def latex_text(value: str) -> str:
    """A BibTeX field as plain text: LaTeX decoded by latexcodec (a dependency of pybtex),
    braces gone. (pybtex's ``Text.from_latex`` took 19 ms a field here, latexcodec 0.4 ms.)"""
    import codecs  # noqa: PLC0415

    import latexcodec  # noqa: F401, PLC0415 (registers the codec)

    return re.sub(r"(?<!\\)[{}]", "", codecs.decode(value, "ulatex"))  # type: ignore[call-overload]


def bibliography(app: Sphinx) -> tuple[ET.Element | None, dict[str, str]]:
    """The bibliography's entries as a ``listBibl``, and an author–year label for each."""
    domain = app.env.domains.get("cite") if "cite" in app.env.domains else None
    entries = domain.bibdata.data.entries if domain is not None else {}  # type: ignore[attr-defined]
    if not entries:
        return None, {}
    listing = element(None, "listBibl")
    labels: dict[str, str] = {}
    for key in sorted(entries):
        entry = entries[key]
        bibl = element(listing, "bibl", xml_id=bibl_id(key), type=entry.type)
        names = [latex_text(str(person)) for person in entry.persons.get("author", [])]
        for name in names:
            element(bibl, "author", name)
        fields = entry.fields
        if "title" in fields:
            element(bibl, "title", latex_text(fields["title"]))
        if "howpublished" in fields:
            element(bibl, "publisher", latex_text(fields["howpublished"]))
        year = fields.get("year", "")
        if year:
            element(bibl, "date", latex_text(year))
        if "url" in fields:
            element(bibl, "ptr", target=fields["url"])
        if "note" in fields:
            element(bibl, "note", latex_text(fields["note"]))
        first = names[0].split(",")[0] if names else latex_text(fields.get("howpublished", fields.get("title", key)))
        labels[key] = f"{first}, {latex_text(year)}" if year else first
    return listing, labels


# -- writing --------------------------------------------------------------------------------


def group_match(lang: str) -> str:
    return f"/TEI/text/group/text[@xml:lang='{lang}']/body//*[@n]"


#: What goes into the export's skeleton: an element, or (from the documents' parts) the
#: serialisation of some.
Item = ET.Element | str


def edition_tree(
    app: Sphinx,
    listing: ET.Element | None,
    annotations: list[Item],
    links: list[Item],
    texts: dict[str, list[Item]],
    add: Callable[[ET.Element, Item], None],
) -> ET.Element:
    """The whole edition around its content: both texts in a ``group`` (*texts*: role -> what
    goes in its ``body``), the annotations and the alignment links in ``standOff``, the
    bibliography (*listing*) in ``back``; *add* puts each item in its parent."""
    config = app.config
    original, translation = config.edition_original_lang, config.edition_translation_lang
    root = element(None, "TEI", xml_lang=config.language or "en")
    root.append(header(app, [(lang, group_match(lang)) for lang in (original, translation)]))
    stand_off = element(root, "standOff")
    if annotations:
        listing_annotations = element(stand_off, "listAnnotation")
        for item in annotations:
            add(listing_annotations, item)
    group = element(stand_off, "linkGrp", type="translation", domains=f"#text--{original} #text--{translation}")
    for item in links:
        add(group, item)
    if not len(group):
        element(group, "ptr", target=f"#text--{original}")  # a linkGrp must hold something
    text_element = element(root, "text")
    texts_group = element(text_element, "group")
    for role, lang in (("original", original), ("translation", translation)):
        body = element(element(texts_group, "text", xml_id=f"text--{lang}", xml_lang=lang, type=role), "body")
        for item in texts[role]:
            add(body, item)
        if not len(body):
            element(body, "p")  # a body must hold something: an edition with no block yet
    if listing is not None:
        div = element(element(text_element, "back"), "div", type="bibliography")
        element(div, "head", "Bibliography")
        div.append(listing)
    return root


def edition_document(app: Sphinx, texts: Texts) -> ET.Element:
    """The whole edition as one tree, from the two texts (the export is put together from the
    documents' parts instead, :func:`assembled`; this tree is what it must equal)."""
    listing, labels = bibliography(app)
    by_id = {node.get(XML_ID): node for node in texts.blocks()}
    records = [r for _, rs in sorted(app.env.domains["edition"].annotations.items()) for r in rs]  # type: ignore[attr-defined]
    annotations: list[Item] = [annotation_element(app.config, record, by_id, labels) for record in records]
    links: list[Item] = list(alignment_links(app.config, [texts.original], [texts.translation]))
    bodies_: dict[str, list[Item]] = {role: list(text[0]) for role, text in texts.roles()}
    return edition_tree(app, listing, annotations, links, bodies_, lambda parent, item: parent.append(item))  # type: ignore[arg-type]


#: The match of the citation structure in a document holding one of the texts (DTS).
SINGLE_MATCH = "/TEI/text/body//*[@n]"


def text_document(app: Sphinx, text: ET.Element) -> ET.Element:
    """One of the texts on its own, with the header (the documents of the DTS API)."""
    root = element(None, "TEI", xml_lang=str(text.get(XML_LANG)))
    root.append(header(app, [("", SINGLE_MATCH)]))
    single = element(root, "text", xml_lang=str(text.get(XML_LANG)), type=str(text.get("type")))
    single.extend([ET.fromstring(ET.tostring(child)) for child in text])
    return root


#: Elements whose content may be text: never indented (whitespace there would be text).
MIXED = frozenset(
    tei(tag)
    for tag in (
        "p", "head", "item", "label", "ref", "hi", "title", "name", "resp", "catDesc", "licence", "change",
        "edition", "date", "publisher", "author", "note", "language", "authority", "idno", "textLang",
    )
)  # fmt: skip


def indent(node: ET.Element, level: int = 0) -> None:
    """Line breaks and indentation between the elements of element-only containers (the
    header's, ``standOff``'s, the texts' sections), for readable diffs; never inside a block,
    whose string value is the text (the ``string-range()`` offsets count in it)."""
    if node.tag in MIXED or node.get("n") is not None or not len(node) or (node.text or "").strip():
        return
    if any((child.tail or "").strip() for child in node):
        return
    inner = "\n" + "  " * (level + 1)
    node.text = inner
    for child in node:
        indent(child, level + 1)
        child.tail = inner
    node[-1].tail = "\n" + "  " * level


def serialize(root: ET.Element) -> str:
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- the export, from parts made once per document -------------------------------------------
#
# Serialising the whole edition for every build made an edit to one annotation of a large
# edition rebuild and rewrite everything (0.4 s at 10,000 blocks). Each document's share of
# the export (its blocks in both texts, its annotations, its alignment links) is serialised
# once, at ``env-updated`` (so it is kept in the environment with the document, and made again
# only when the document is read again or what it depends on changes), and the export is put
# together from the parts: the same text, character for character, as the whole tree gives
# (tests/test_tei.py checks it).

#: The depth of what a part holds in the document: a document's ``div`` (or, in an edition
#: of one document, its blocks) in TEI/text/group/text/body; annotations and links in
#: TEI/standOff/listAnnotation and TEI/standOff/linkGrp.
TEXT_LEVEL, STAND_OFF_LEVEL = 5, 3
NAMESPACE_DECLARATION = f' xmlns="{TEI_NS}"'
#: A part's stand-in, as ElementTree writes it (nothing else in the skeleton can be: its text
#: is escaped).
PLACEHOLDER = re.compile(r'<part n="([0-9]+)" />')


def sequence(elements: list[ET.Element], level: int) -> str:
    """*elements* as they appear, indented, among the children of an element at *level* - 1."""
    pieces = []
    for node in elements:
        indent(node, level)
        pieces.append(ET.tostring(node, encoding="unicode").replace(NAMESPACE_DECLARATION, "", 1))
    return ("\n" + "  " * level).join(pieces)


def text_docnames(app: Sphinx) -> list[str]:
    """The documents holding blocks, in the order of the texts."""
    held = set(bodies(app.env)) | {name for name, (_, part) in parts(app.env).items() if part["original"]}
    return [name for name in sorted(held) if name in app.env.all_docs]


def document_blocks(env: BuildEnvironment, docname: str) -> dict[str, list[ET.Element]]:
    """role -> the document's blocks (and sections) in that text, as TEI: from its body as read,
    or, once its part is made (and the body dropped, not to keep the text twice in the
    environment), from its part."""
    stored = bodies(env).get(docname)
    if stored is not None:
        return {role: list(ET.fromstring(stored[role])) for role in ("original", "translation")}
    key, part = parts(env).get(docname, ((False,), {}))
    found = {}
    for role in ("original", "translation"):
        holder = ET.fromstring(f'<body xmlns="{TEI_NS}">{part.get(role, "")}</body>')
        children = list(holder[0]) if key[0] and len(holder) else list(holder)  # key[0]: in a div
        for child in children:
            child.tail = None  # the indentation: made again where the part is serialised again
        found[role] = children
    return found


def part_key(app: Sphinx, labels: dict[str, str], several: bool) -> tuple[Any, ...]:
    """What a document's part depends on besides the document (its blocks and annotations)."""
    config = app.config
    langs = (config.edition_original_lang, config.edition_translation_lang)
    return (several, tuple(sorted(labels.items())), config.edition_license, langs)


def document_part(app: Sphinx, docname: str, labels: dict[str, str], several: bool) -> dict[str, str]:
    """One document's share of the export, serialised: its blocks in each text, its
    annotations, its alignment links."""
    made: dict[str, list[ET.Element]] = {"original": [], "translation": []}
    for role, children in document_blocks(app.env, docname).items():
        if several:
            holder = element(None, "div", type="document")
            holder.extend(children)
            made[role] = [holder]
        else:
            made[role] = children
    by_id = {node.get(XML_ID): node for role in made for text in made[role] for node in cited_blocks(text)}
    records = app.env.domains["edition"].annotations.get(docname, [])  # type: ignore[attr-defined]
    annotations = [annotation_element(app.config, record, by_id, labels) for record in records]
    links = alignment_links(app.config, made["original"], made["translation"])
    part = {role: sequence(made[role], TEXT_LEVEL) for role in made}
    return part | {"annotations": sequence(annotations, STAND_OFF_LEVEL), "links": sequence(links, STAND_OFF_LEVEL)}


def parts(env: BuildEnvironment) -> dict[str, tuple[tuple[Any, ...], dict[str, str]]]:
    """docname -> (what its part depends on, the part) (kept in the environment)."""
    store: dict[str, tuple[tuple[Any, ...], dict[str, str]]] = env.domaindata["edition"].setdefault("tei_parts", {})
    return store


def part_docnames(app: Sphinx) -> list[str]:
    """The documents with a part: those with blocks, and those with annotations."""
    annotated = app.env.domains["edition"].annotations  # type: ignore[attr-defined]
    return sorted(set(text_docnames(app)) | {name for name in annotated if annotated[name]})


def prepare_parts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The part of each document read in this build (or whose dependencies changed), kept."""
    if app.builder.format in ("html", "tei"):
        current_parts(app, bibliography(app)[1], keep=True)
    return []


def current_parts(app: Sphinx, labels: dict[str, str], *, keep: bool = False) -> dict[str, dict[str, str]]:
    """Each document's part (made again here where one is missing or stale), in text order;
    *keep*: store the parts made in the environment, and drop the bodies they now hold."""
    several = len(text_docnames(app)) > 1
    key = part_key(app, labels, several)
    store = parts(app.env)
    made = {}
    for docname in part_docnames(app):
        stored_key, part = store.get(docname, ((), {}))
        if stored_key != key:
            part = document_part(app, docname, labels, several)
            if keep:
                store[docname] = (key, part)
        if keep:
            bodies(app.env).pop(docname, None)  # its part holds its text now
        made[docname] = part
    return made


def assembled(app: Sphinx) -> str:
    """The export, from the documents' parts (made again here where one is missing or stale)."""
    listing, labels = bibliography(app)
    made = current_parts(app, labels)
    held: list[str] = []

    def hold(parent: ET.Element, item: Item) -> None:
        """A stand-in for a serialised part, replaced after the whole is serialised."""
        element(parent, "part", n=str(len(held)))
        held.append(str(item))

    texts: dict[str, list[Item]] = {
        role: [made[name][role] for name in text_docnames(app) if made[name][role]]
        for role in ("original", "translation")
    }
    annotations: list[Item] = [part["annotations"] for part in made.values() if part["annotations"]]
    links: list[Item] = [part["links"] for part in made.values() if part["links"]]
    root = edition_tree(app, listing, annotations, links, texts, hold)
    pieces = PLACEHOLDER.split(serialize(root))  # text, number, text, number, ..., text
    pieces[1::2] = [held[int(number)] for number in pieces[1::2]]
    return "".join(pieces)


def write_tei(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format not in ("html", "tei"):
        return
    text = assembled(app)
    output = Path(app.outdir, EXPORT)
    if not output.exists() or output.read_text(encoding="utf-8") != text:  # left alone when the same
        output.write_text(text, encoding="utf-8")


class TeiBuilder(Builder):
    """``-b tei``: the TEI export alone (``make tei``)."""

    name = "tei"
    format = "tei"
    epilog = "The TEI export is in %(outdir)s."

    def get_outdated_docs(self) -> Iterator[str]:
        yield from self.env.found_docs

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.html"

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass


def setup_tei(app: Sphinx) -> None:
    app.add_env_collector(TeiCollector)
    app.add_builder(TeiBuilder)
    app.connect("env-updated", prepare_parts)
    app.connect("build-finished", write_tei)
