"""JSON written one item a line (diffs stay readable), and fingerprints of what an output was
last written from, kept in Sphinx's cache folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: Stands for the list of items while the rest of an export is encoded (see ``json_with_items``).
ITEMS = "\x00items\x00"


encode_json = json.JSONEncoder(ensure_ascii=False).encode


def json_with_items(document: dict[str, Any], items: list[Any]) -> str:
    """*document* as JSON, with *items* in place of the ``ITEMS`` value, one item a line.

    One line per item keeps a large export readable and diffable; it is also several times
    faster than ``indent``, which Python's C encoder does not serve.
    """
    return json_with_lines(document, [encode_json(item) for item in items])


def json_with_lines(document: dict[str, Any], lines: list[str]) -> str:
    """``json_with_items`` with items already encoded, one a line."""
    head = encode_json(document)
    placeholder = encode_json(ITEMS)
    if head.count(placeholder) != 1:
        raise ValueError("an export must hold its list of items exactly once")
    items = ",\n".join(lines)
    return head.replace(placeholder, f"[\n{items}\n]" if lines else "[]") + "\n"


def digest(value: Any) -> str:
    """A fingerprint of *value* (built from dicts, lists and strings in a stable order)."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def digest_file(app: Sphinx, name: str) -> Path:
    """Where the fingerprint of what an output was last written from is kept (Sphinx's cache
    folder, not the site). Written only once the output is, so a failed build leaves none."""
    return Path(app.doctreedir, f"parallel-edition-{name}.digest")


def is_written_from(app: Sphinx, name: str, fingerprint: str) -> bool:
    path = digest_file(app, name)
    return path.exists() and path.read_text(encoding="utf-8") == fingerprint
