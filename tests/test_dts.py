"""The static DTS 1.0 API (``dts/``), served by a plain HTTP server on localhost as a static
host serves it, checked endpoint by endpoint against what the specification requires
(https://dtsapi.org/versions/v1.0: "Entry Endpoint", "Collection Endpoint", "Navigation
Endpoint", "Document Endpoint", "URI Templates examples for static website"), and against the
TEI export's ``citeStructure`` as dapytains, the DTS reference implementation, reads it."""

from __future__ import annotations

import functools
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import EDITION, QuietHandler, sphinx_build
from lxml import etree
from tei_check import NS, XML_ID, jing
from uritemplate import URITemplate

CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS = "https://w3id.org/api/dts#"

# The required properties, as the specification's tables give them ("Required: Y").
ENTRY = {"@id", "@type", "dtsVersion", "collection", "navigation", "document"}
COLLECTION = {"@id", "@type", "dtsVersion", "title", "totalParents", "totalChildren", "collection"}
RESOURCE = {"@id", "@type", "dtsVersion", "title", "totalParents", "collection", "navigation", "document"}
NAVIGATION = {"@id", "@type", "dtsVersion", "resource"}
NAV_RESOURCE = {"@id", "@type", "collection", "navigation", "document", "citationTrees"}
CITABLE_UNIT = {"identifier", "@type", "level", "parent"}
# The parameters each endpoint takes ("Query Parameters"); a template must offer them.
PARAMETERS = {
    "collection": {"id", "nav"},
    "navigation": {"resource", "ref", "start", "end", "down", "tree"},
    "document": {"resource", "ref", "start", "end"},
}


class JsonLdHandler(QuietHandler):
    # Static hosts serve .jsonld as JSON-LD (GitHub Pages does); say so whatever the system's
    # mime.types holds.
    extensions_map = {**QuietHandler.extensions_map, ".jsonld": "application/ld+json"}  # noqa: RUF012


@dataclass
class Site:
    root: str
    outdir: Path

    def get(self, url: str) -> tuple[int, str, bytes]:
        assert url.startswith(self.root), f"{url} is not on the site"
        try:
            with urllib.request.urlopen(url, timeout=10) as reply:
                return reply.status, reply.headers.get("Content-Type", ""), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, "", b""

    def json(self, url: str) -> dict[str, Any]:
        status, kind, body = self.get(url)
        assert status == 200, url
        assert kind == "application/ld+json", url
        data = json.loads(body)
        assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0", url
        return data

    def xml(self, url: str) -> etree._Element:
        status, _, body = self.get(url)
        assert status == 200, url
        return etree.fromstring(body)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The edition built for its address on localhost, and served from there."""
    outdir = tmp_path_factory.mktemp("dts") / "html"
    outdir.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(JsonLdHandler, directory=str(outdir)))
    root = f"http://127.0.0.1:{server.server_port}/"
    assert sphinx_build(EDITION, outdir, "-D", f"html_baseurl={root}") == (0, "")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, outdir)
    server.shutdown()
    thread.join()


def expand(template: str, **values: Any) -> str:
    return URITemplate(template).expand(**{k: str(v) for k, v in values.items()})


@pytest.fixture(scope="module")
def entry(site: Site) -> dict[str, Any]:
    return site.json(f"{site.root}dts/index.jsonld")


@pytest.fixture(scope="module")
def resources(site: Site, entry: dict[str, Any]) -> list[dict[str, Any]]:
    root = site.json(expand(entry["collection"]))
    edition = site.json(expand(entry["collection"], id=root["member"][0]["@id"]))
    return [site.json(expand(entry["collection"], id=member["@id"])) for member in edition["member"]]


def test_the_entry_point(entry: dict[str, Any], site: Site) -> None:
    assert set(entry) >= ENTRY
    assert entry["@type"] == "EntryPoint" and entry["@id"] == f"{site.root}dts/index.jsonld"
    for endpoint, names in PARAMETERS.items():
        assert names <= set(URITemplate(entry[endpoint]).variable_names), endpoint
        assert entry[endpoint].startswith(site.root)


def test_the_collection_tree(site: Site, entry: dict[str, Any]) -> None:
    """Root -> the edition (a collection) -> the original and the translation (resources);
    each object has the required properties, its members and its parents."""
    root = site.json(expand(entry["collection"]))
    assert set(root) >= COLLECTION and root["@type"] == "Collection"
    assert root["totalParents"] == 0 and root["totalChildren"] == len(root["member"]) == 1
    assert site.json(expand(entry["collection"], id=root["@id"])) == root
    (child,) = root["member"]
    assert child["@type"] == "Collection"
    edition = site.json(expand(child["collection"]))  # a member's own template
    assert set(edition) >= COLLECTION and edition["@id"] == child["@id"]
    assert edition["totalChildren"] == len(edition["member"]) == 2
    assert site.json(expand(entry["collection"], id=edition["@id"], nav="parents"))["member"][0]["@id"] == root["@id"]
    for member in edition["member"]:
        assert member["@type"] == "Resource"
        resource = site.json(expand(entry["collection"], id=member["@id"]))
        assert set(resource) >= RESOURCE and resource["@type"] == "Resource"
        assert (
            resource["citationTrees"][0]["@type"] == "CitationTree" and "identifier" not in resource["citationTrees"][0]
        )
        parents = site.json(expand(resource["collection"], nav="parents"))
        assert [p["@id"] for p in parents["member"]] == [edition["@id"]] and resource["totalParents"] == 1
    languages = [m["dublinCore"]["language"] for m in edition["member"]]
    assert languages == [["fr"], ["en"]]


def check_navigation(data: dict[str, Any], url: str) -> None:
    assert set(data) >= NAVIGATION and data["@type"] == "Navigation" and data["@id"] == url
    assert set(data["resource"]) >= NAV_RESOURCE
    for unit in data.get("member", []) + [data[k] for k in ("ref", "start", "end") if k in data]:
        assert set(unit) >= CITABLE_UNIT and unit["@type"] == "CitableUnit"


def oracle(path: Path, tree: str | None = None) -> list[dict[str, Any]]:
    """The citation tree dapytains (the reference implementation) reads from a TEI file."""
    from dapytains.tei.document import Document  # noqa: PLC0415

    return [unit.json() for unit in Document(str(path)).get_reffs(tree)]


def test_navigation_agrees_with_the_tei_citestructure(site: Site, resources: list[dict[str, Any]]) -> None:
    for resource, lang in zip(resources, ("fr", "en"), strict=True):
        url = expand(resource["navigation"], down=-1)
        data = site.json(url)
        check_navigation(data, url)
        units = [{k: u[k] for k in ("citeType", "identifier", "level", "parent")} for u in data["member"]]
        # The resource's own document, and the whole edition's TEI (one tree per language).
        status, _, body = site.get(expand(resource["document"]))
        assert status == 200
        document = site.outdir / "resource.xml"
        document.write_bytes(body)
        assert units == oracle(document) == oracle(site.outdir / "edition.tei.xml", lang)
        assert len(units) > 20 and len({u["identifier"] for u in units}) == len(units)
        for down in (1, 2):  # the tree is one level deep: deeper answers as deep as it goes
            assert site.json(expand(resource["navigation"], down=down))["member"] == data["member"]


def test_navigation_for_every_reference(site: Site, resources: list[dict[str, Any]]) -> None:
    for resource in resources:
        units = site.json(expand(resource["navigation"], down=1))["member"]
        for unit in units:
            url = expand(resource["navigation"], ref=unit["identifier"])
            alone = site.json(url)
            check_navigation(alone, url)
            assert alone["ref"] == unit and "member" not in alone
            siblings = site.json(expand(resource["navigation"], ref=unit["identifier"], down=0))
            assert siblings["member"] == [u for u in units if u["parent"] == unit["parent"]]
            for down in (-1, 1):
                below = site.json(expand(resource["navigation"], ref=unit["identifier"], down=down))
                assert below["ref"] == unit and below["member"] == [unit]
        assert site.get(expand(resource["navigation"], ref="no-such-block", down=1))[0] == 404


def test_navigation_for_every_range(site: Site, resources: list[dict[str, Any]]) -> None:
    """Level 1: start and end, with and without down."""
    for resource in resources:
        units = site.json(expand(resource["navigation"], down=1))["member"]
        for first in range(len(units)):
            for last in range(first, len(units)):
                start, end = units[first]["identifier"], units[last]["identifier"]
                url = expand(resource["navigation"], start=start, end=end, down=1)
                data = site.json(url)
                check_navigation(data, url)
                assert data["start"] == units[first] and data["end"] == units[last]
                assert data["member"] == units[first : last + 1]
                bare = site.json(expand(resource["navigation"], start=start, end=end))
                assert "member" not in bare and bare["start"] == units[first]


def wrapped_ids(document: etree._Element) -> list[str]:
    assert etree.QName(document).localname == "TEI" and etree.QName(document).namespace == NS["tei"]
    (wrapper,) = document.iter(f"{{{DTS}}}wrapper")
    return [child.get(XML_ID) for child in wrapper]


def test_documents_whole_by_reference_and_by_range(site: Site, resources: list[dict[str, Any]]) -> None:
    from dapytains.tei.document import Document  # noqa: PLC0415

    export = etree.parse(str(site.outdir / "edition.tei.xml"))
    texts = {node.get(XML_ID): "".join(node.itertext()) for node in export.iter() if node.get(XML_ID)}
    for resource, lang in zip(resources, ("fr", "en"), strict=True):
        whole = site.outdir / f"whole-{lang}.xml"
        whole.write_bytes(site.get(expand(resource["document"]))[2])
        result = jing(whole)  # a resource's whole document is a TEI document of its own
        assert result.returncode == 0, result.stdout
        reference = Document(str(whole))
        units = [u["identifier"] for u in site.json(expand(resource["navigation"], down=1))["member"]]
        for ref in units:
            document = site.xml(expand(resource["document"], ref=ref))
            assert wrapped_ids(document) == [f"{ref}--{lang}"]
            (block,) = document.iter(f"{{{DTS}}}wrapper")
            ours = "".join(block[0].itertext())
            assert ours == texts[f"{ref}--{lang}"]
            theirs = [n for n in reference.get_passage(ref).iter() if n.get(XML_ID) == f"{ref}--{lang}"]
            assert "".join(theirs[0].itertext()) == ours
        for first in range(0, len(units), 5):
            for last in range(first, len(units), 7):
                document = site.xml(expand(resource["document"], start=units[first], end=units[last]))
                assert wrapped_ids(document) == [f"{u}--{lang}" for u in units[first : last + 1]]
        assert site.get(expand(resource["document"], ref="no-such-block"))[0] == 404


def test_the_templates_are_path_style(entry: dict[str, Any]) -> None:
    """No query string: a static host can serve every expansion as a file."""
    for endpoint in ("collection", "navigation", "document"):
        assert "{?" not in entry[endpoint] and "{&" not in entry[endpoint]
    assert expand(entry["navigation"], resource="r", down=-1, ref="x").endswith("/navigation/r;down=-1/x.jsonld")


def test_above_the_range_limit_the_api_is_level_0(tmp_path: Path) -> None:
    """With more blocks than ``edition_dts_ranges``, no range and no list of a block's siblings
    (``down=0`` with a reference: the whole text again, once per block) is written; every
    reference still is, with its own answers."""
    from conftest import build_project, copy_root  # noqa: PLC0415

    status, warnings, outdir = build_project(copy_root("second-edition", tmp_path), "-D", "edition_dts_ranges=1")
    assert (status, warnings) == (0, "")
    navigation = outdir / "dts" / "navigation"
    files = [p.relative_to(navigation).as_posix() for p in navigation.rglob("*.jsonld")]
    assert "verwandlung-de;down=1/erwachen.jsonld" in files
    assert not [f for f in files if f.count("/") == 2]  # start/end: two segments after the resource
    assert not [f for f in files if f.startswith("verwandlung-de;down=0/")]
    assert "verwandlung-de;down=-1/erwachen.jsonld" in files
    status, warnings, outdir = build_project(outdir.parent / "src", "-D", "edition_dts=0")
    assert (status, warnings) == (0, "") and not (outdir / "dts").exists()


def test_the_api_is_written_again_only_when_the_texts_change(tmp_path: Path) -> None:
    """A rebuild with no change, or with an annotation edited, leaves ``dts/`` as it is (it is
    thousands of files in a large edition); an edit to a block writes it again, with the edit."""
    from conftest import copy_root  # noqa: PLC0415

    srcdir = copy_root("annotations", tmp_path)
    outdir = tmp_path / "html"
    assert sphinx_build(srcdir, outdir) == (0, "")
    marker = outdir / "dts" / "left-by-the-test"
    marker.write_text("", encoding="utf-8")
    assert sphinx_build(srcdir, outdir) == (0, "")
    note = next((srcdir / "annotations").glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert sphinx_build(srcdir, outdir) == (0, "")
    assert marker.exists(), "dts/ was written again though its texts did not change"
    text = srcdir / "text.md"
    source = text.read_text(encoding="utf-8")
    assert "l'a écrit" in source
    text.write_text(source.replace("l'a écrit", "l'a noté"), encoding="utf-8")
    _, warnings = sphinx_build(srcdir, outdir)  # strict, so status 1: the translation is now stale
    assert warnings.count("WARNING") == 1 and "[edition.stale_translation]" in warnings, warnings
    assert not marker.exists()
    documents = "".join(p.read_text(encoding="utf-8") for p in (outdir / "dts" / "document").rglob("*.xml"))
    assert "l'a noté" in documents
