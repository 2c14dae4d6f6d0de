"""The TEI P5 export (``edition.tei.xml``), as a TEI user meets it: valid against tei_all (jing),
every pointer resolving, each annotation's ``string-range()`` giving back its quote, the French
text verbatim, and the header describing the edition, its licence and its source."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EDITION, REPO, SEED, EditionBuild, copy_root, sphinx_build
from conftest import build_project as build
from edition_text import seed_blocks
from lxml import etree
from tei_check import NS, XML_ID, ids, jing, parse, passage, pointed_id, pointers

EXPORT = "edition.tei.xml"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
XML = "{http://www.w3.org/XML/1998/namespace}"
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@pytest.fixture(scope="module")
def tei(edition_html: EditionBuild) -> Path:
    return edition_html.outdir / EXPORT


def annotation_files(folder: Path) -> dict[str, tuple[dict, str]]:
    """id -> (front matter, body) of each annotation file, read here with PyYAML."""
    found = {}
    for path in sorted(folder.glob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(head)
        found[meta["id"]] = (meta, body)
    return found


def test_the_export_is_valid_tei(tei: Path) -> None:
    result = jing(tei)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_export(tei: Path, tmp_path: Path) -> None:
    """jing does reject what tei_all forbids: a motivation outside the Web Annotation list."""
    broken = tmp_path / EXPORT
    text = tei.read_text(encoding="utf-8")
    assert 'motivation="commenting"' in text
    broken.write_text(text.replace('motivation="commenting"', 'motivation="explaining"', 1), encoding="utf-8")
    result = jing(broken)
    assert result.returncode != 0 and "explaining" in result.stdout


def test_the_header_describes_the_edition_and_its_source(tei: Path) -> None:
    header = parse(tei).find("tei:teiHeader", NS)
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    contributors = [person["name"] for person in citation["authors"]]
    assert header.findtext("tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS) == citation["title"]
    resps = {
        stmt.find("tei:resp", NS).get("key"): [name.text for name in stmt.findall("tei:name", NS)]
        for stmt in header.findall("tei:fileDesc/tei:titleStmt/tei:respStmt", NS)
    }
    assert resps == {"editor": contributors, "translator": contributors}
    licence = header.find("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence", NS)
    assert licence.get("target") == CC_BY and "not covered" in licence.text
    source = header.find("tei:fileDesc/tei:sourceDesc/tei:bibl", NS)
    reference = citation["references"][0]
    assert source.findtext("tei:title", namespaces=NS) == reference["title"]
    assert source.findtext("tei:publisher", namespaces=NS) == "Kern Consulting"
    assert source.find("tei:date", NS).get("when") == "2026-01-13"
    assert source.find("tei:ptr", NS).get("target") == reference["url"]
    decl = header.find("tei:encodingDesc/tei:editorialDecl", NS)
    assert "character for character" in "".join(decl.itertext())
    structures = header.findall("tei:encodingDesc/tei:refsDecl/tei:citeStructure", NS)
    assert [s.get("unit") for s in structures] == ["block", "block"]


def test_each_block_is_an_element_with_its_anchor_and_number(tei: Path, edition_html: EditionBuild) -> None:
    tree = parse(tei)
    texts = tree.findall("tei:text/tei:group/tei:text", NS)
    assert [(t.get(f"{XML}lang"), t.get("type")) for t in texts] == [
        ("fr", "original"),
        ("en", "translation"),
    ]
    by_id = ids(tree)
    passages = json.loads((edition_html.outdir / "passages.json").read_text(encoding="utf-8"))["passages"]
    assert len(passages) > 20
    links = {link.get("target") for link in tree.iterfind("tei:standOff/tei:linkGrp/tei:link", NS)}
    for item in passages:
        for lang, text in (("fr", item["original"]["text"]), ("en", item["translation"]["text"])):
            node = by_id[f"{item['anchor']}--{lang}"]
            assert node.get("n") == str(item["number"])
            assert node.getparent() is not None and texts[lang == "en"] in node.iterancestors()
            if item["kind"] not in ("note", "list"):
                assert "".join(node.itertext()).strip() == text
        assert f"#{item['anchor']}--fr #{item['anchor']}--en" in links
    assert len(links) == len(passages)


def test_the_articles_notes_are_notes_and_their_calls_point_at_them(tei: Path) -> None:
    tree = parse(tei)
    notes = tree.findall(".//tei:text[@type='original']//tei:note", NS)
    assert [note.findtext("tei:label", namespaces=NS) for note in notes] == ["[1]", "[2]", "[3]", "[4]"]
    calls = tree.findall(".//tei:text[@type='original']//tei:ref[@type='noteAnchor']", NS)
    assert sorted(call.text for call in calls) == ["[1]", "[2]", "[3]", "[4]"]
    by_id = ids(tree)
    for call in calls:
        assert by_id[call.get("target")[1:]].findtext("tei:label", namespaces=NS) == call.text


def test_every_pointer_resolves_to_an_xml_id(tei: Path) -> None:
    tree = parse(tei)
    known = ids(tree)
    found = pointers(tree)
    assert len(found) > 200
    unresolved = [(etree.QName(node).localname, name, ptr) for node, name, ptr in found if pointed_id(ptr) not in known]
    assert unresolved == []


def test_each_annotation_targets_its_quote(tei: Path) -> None:
    tree = parse(tei)
    files = annotation_files(EDITION / "annotations")
    annotations = {a.get(XML_ID): a for a in tree.iterfind("tei:standOff/tei:listAnnotation/tei:annotation", NS)}
    assert len(annotations) == len(files) > 40
    bibliography = {b.get(XML_ID) for b in tree.iterfind(".//tei:back//tei:listBibl/tei:bibl", NS)}
    for name, (meta, body) in files.items():
        note = annotations[f"ann--{name}"]
        targets = note.get("target").split()
        original = [t for t in targets if pointed_id(t) == f"{meta['target']}--fr"]
        assert len(original) == 1, name
        if "quote" in meta:
            assert passage(tree, original[0]) == meta["quote"]["exact"], name
        else:
            assert original[0] == f"#{meta['target']}--fr"
        if "translation_quote" in meta:
            (english,) = [t for t in targets if pointed_id(t) == f"{meta['target']}--en"]
            assert passage(tree, english).translate(QUOTES) == meta["translation_quote"]["exact"].translate(QUOTES)
        assert note.get("motivation") == "commenting" and note.get("ana") == f"#kind--{meta['kind']}"
        assert [n.text for n in note.iterfind("tei:respStmt/tei:name", NS)] == meta["authors"]
        assert note.find("tei:revisionDesc/tei:change", NS).get("when") == str(meta["date"])
        assert note.find("tei:licence", NS).get("target") == CC_BY
        cited = {key.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", body) for key in group.split(",")}
        refs = {t[1:] for ref in note.iterfind(".//tei:ref[@type='citation']", NS) for t in ref.get("target").split()}
        assert refs == {f"bib--{key}" for key in cited}, name
        assert refs <= bibliography


def tei_blocks(tree: etree._ElementTree, lang: str) -> list[tuple[str, object]]:
    """The blocks of one text, read back from the TEI as the seed's reader gives them."""
    text = tree.find(f"tei:text/tei:group/tei:text[@xml:lang='{lang}']", {**NS, "xml": XML[1:-1]})
    blocks: list[tuple[str, object]] = []
    for node in text.iter():
        if not isinstance(node.tag, str) or node.get("n") is None:
            continue
        kind = etree.QName(node).localname
        if kind == "list":
            blocks.append(("list", ["".join(item.itertext()).strip() for item in node.findall("tei:item", NS)]))
        elif kind == "note":
            label = node.find("tei:label", NS)
            rest = (label.tail or "") + "".join("".join(n.itertext()) + (n.tail or "") for n in label.itersiblings())
            blocks.append(("note", (int(label.text.strip("[]")), rest.strip())))
        else:
            blocks.append(("text", "".join(node.itertext()).strip()))
    return blocks


def test_the_french_text_is_the_seed(tei: Path) -> None:
    expected = seed_blocks(SEED.read_text(encoding="utf-8"))
    actual = tei_blocks(parse(tei), "fr")
    assert len(actual) == len(expected)
    for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
        assert got == want, f"block {index + 1} differs from the seed"
    # No-break spaces and curly quotes survive serialisation (as characters, not as entities).
    raw = tei.read_text(encoding="utf-8")
    assert raw.count("\u00a0") >= 15 and "’" in raw and "&#" not in raw


def test_make_tei_writes_the_same_export(tei: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "tei"
    assert sphinx_build(EDITION, outdir, builder="tei") == (0, "")
    assert [p.name for p in outdir.iterdir() if not p.name.startswith(".")] == [EXPORT]
    assert (outdir / EXPORT).read_bytes() == tei.read_bytes()


def test_the_second_edition_gets_a_valid_tei(tmp_path: Path) -> None:
    """German and English: nothing in the export is wired to the French article."""
    status, warnings, outdir = build(copy_root("second-edition", tmp_path))
    assert (status, warnings) == (0, "")
    export = outdir / EXPORT
    result = jing(export)
    assert result.returncode == 0, result.stdout + result.stderr
    tree = parse(export)
    langs = [t.get(f"{XML}lang") for t in tree.iterfind("tei:text/tei:group/tei:text", NS)]
    assert langs == ["de", "en"]
    assert "ungeheueren Ungeziefer" in "".join(ids(tree)["erwachen--de"].itertext())
    targets = [a.get("target") for a in tree.iterfind(".//tei:annotation", NS)]
    passages = sorted(passage(tree, t) for group in targets for t in group.split() if "string-range" in t)
    assert passages == ["Gregor Samsa", "Gregor Samsa", "monstrous", "ungeheueren"]
    shutil.rmtree(outdir)


def test_an_edition_of_several_documents_gets_one_valid_tei(tmp_path: Path) -> None:
    """Each document's blocks in a div of its own, in both texts; a section after a paragraph."""
    from parallel_edition.cite import text_hash  # noqa: PLC0415

    srcdir = copy_root("duplicate-across-docs", tmp_path)
    other = srcdir / "other.md"
    blocks = [
        ("autre", "", "Deux.", "Two."),
        ("titre", ":heading: 2\n", "Titre", "Title"),
        ("apres", "", "Après.", "After."),
    ]
    other.write_text(
        "# Other\n"
        + "".join(
            f"\n:::{{fr}} {a}\n{h}{fr}\n:::\n\n:::{{en}} {a}\n:source-hash: {text_hash(fr)}\n{en}\n:::\n"
            for a, h, fr, en in blocks
        ),
        encoding="utf-8",
    )
    status, warnings, outdir = build(srcdir)
    assert (status, warnings) == (0, "")
    result = jing(outdir / EXPORT)
    assert result.returncode == 0, result.stdout + result.stderr
    tree = parse(outdir / EXPORT)
    for lang in ("fr", "en"):
        parts = tree.findall(
            f"tei:text/tei:group/tei:text[@type='{'original' if lang == 'fr' else 'translation'}']/tei:body/tei:div", NS
        )
        assert [[n.get(XML_ID) for n in part.iter() if n.get("n")] for part in parts] == [
            [f"shared--{lang}"],
            [f"autre--{lang}", f"titre--{lang}", f"apres--{lang}"],
        ]


def test_the_export_is_put_together_from_parts_that_follow_each_edit(tmp_path: Path) -> None:
    """Each document's part of the export is serialised when it is read, and kept: after an edit
    to one annotation (one document read again) and after a change to the bibliography (every
    part made again, from the texts the parts hold), the export is, byte for byte, the one the
    whole tree serialises and the one a clean build writes."""
    import sys  # noqa: PLC0415

    from parallel_edition.exports import tei as tei_export  # noqa: PLC0415
    from sphinx.application import Sphinx  # noqa: PLC0415
    from sphinx.util.docutils import docutils_namespace, patch_docutils  # noqa: PLC0415

    sys.path.insert(0, str(REPO / "bench"))
    import generate  # noqa: PLC0415

    srcdir = tmp_path / "src"
    generate.edition(srcdir, 40, per_doc=10)  # four documents, twenty annotations
    outdir = tmp_path / "html"

    def built(out: Path) -> tuple[str, str]:
        # (as sphinx-build runs it: node classes registered by the build are forgotten after it)
        with patch_docutils(srcdir), docutils_namespace():
            app = Sphinx(srcdir, srcdir, out, out / ".doctrees", "html", status=None, warning=None)
            app.build()
            assert app.statuscode == 0
            whole = tei_export.serialize(tei_export.edition_document(app, tei_export.texts_of(app)))
            # Each document's text is kept once in the environment: in its part, not also as read.
            assert app.env.domaindata["edition"]["tei_bodies"] == {}
        return (out / EXPORT).read_text(encoding="utf-8"), whole

    first, whole = built(outdir)
    assert first == whole and first.count("<annotation ") == 20
    note = srcdir / "annotations" / "n00011.md"
    note.write_text(note.read_text(encoding="utf-8").replace("A note on", "A changed note on"), encoding="utf-8")
    bib = srcdir / "refs.bib"
    for step, edit in enumerate((None, lambda text: text.replace("Institution 3", "Institut 3"))):
        if edit:
            bib.write_text(edit(bib.read_text(encoding="utf-8")), encoding="utf-8")
        after, whole = built(outdir)
        clean, _ = built(tmp_path / f"clean{step}")
        assert after == whole == clean
        assert "A changed note on block 11" in after
    assert "Institut 3, 2024" in after
