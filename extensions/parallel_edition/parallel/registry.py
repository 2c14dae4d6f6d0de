"""The anchor registry: a committed YAML file listing every published anchor.

A published anchor never disappears and never moves to another block: the build checks the
registry against the text, and a renamed anchor keeps working through an alias.

.. code-block:: yaml

   anchors:                 # every anchor ever published: never remove one
     hdh-term: {doc: text, hash: 1a2b3c4d}
   aliases:                 # old name: the anchor that replaced it
     hdh-definition: hdh-term
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import config_path
from ..warnings_ import EditionWarning, logger, warn
from .directives import ANCHOR

HEADER = """\
# The anchor registry of this edition: every published block anchor.
# Never remove an entry: a published anchor must keep working for years.
# To rename an anchor, keep its entry and add `old-name: new-name` under aliases.
# New anchors are added by `make anchors`; review the diff like any other change.
"""


@dataclass
class Registry:
    path: Path
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    bad_aliases: list[str] = field(default_factory=list)  # old names that are not slugs

    def location(self, name: str) -> str:
        return f"{self.path}:{self.lines.get(name, 1)}"

    def aliases_of(self, anchor: str) -> list[str]:
        return sorted(old for old, new in self.aliases.items() if new == anchor)


def registry_path(config: Config) -> Path | None:
    """The registry's path (made absolute against conf.py's folder at ``config-inited``)."""
    return config_path(config, "edition_anchor_registry")


def load_registry(path: Path) -> Registry:
    """Read the registry (cached until the file changes). A missing file is an empty one."""
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return Registry(path)
    return _load(path, mtime)


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime: int) -> Registry:
    registry = Registry(path)
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if match := re.match(r"\s+([^\s:][^:]*?)\s*:", line):
            registry.lines.setdefault(match[1], number)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        registry.errors.append(((mark.line + 1) if mark else 1, f"is not valid YAML: {problem}"))
        return registry
    if not isinstance(data, dict) or not set(data) <= {"anchors", "aliases"}:
        registry.errors.append((1, "must be a mapping with the keys 'anchors' and 'aliases'"))
        return registry
    anchors, aliases = data.get("anchors") or {}, data.get("aliases") or {}
    for name, entry in anchors.items() if isinstance(anchors, dict) else []:
        if not (ANCHOR.match(str(name)) and isinstance(entry, dict) and {"doc", "hash"} <= set(entry)):
            registry.errors.append(
                (registry.lines.get(str(name), 1), f"entry {name!r} needs the form `{name}: {{doc: DOC, hash: HASH}}`")
            )
            continue
        registry.anchors[name] = {"doc": str(entry["doc"]), "hash": str(entry["hash"])}
    for old, new in aliases.items() if isinstance(aliases, dict) else []:
        if not ANCHOR.match(str(old)):  # it would become an id and a PDF destination
            registry.bad_aliases.append(str(old))
            continue
        registry.aliases[str(old)] = str(new)
    if not isinstance(anchors, dict) or not isinstance(aliases, dict):
        registry.errors.append((1, "'anchors' and 'aliases' must be mappings"))
    return registry


def check_registry(app: Sphinx, published: dict[str, dict[str, Any]]) -> None:
    """Compare the registry with the anchors the build publishes (anchor -> doc, hash, line)."""
    path = registry_path(app.config)
    if path is None:
        return
    registry = load_registry(path)
    for line, problem in registry.errors:
        warn(EditionWarning.BAD_REGISTRY, f"the anchor registry {problem}.", f"{path}:{line}")
    check_entries(registry, published)
    check_aliases(registry, published)
    if not app.config.edition_registry_update:
        check_unregistered(registry, published)


def check_entries(registry: Registry, published: dict[str, dict[str, Any]]) -> None:
    """Every registered anchor still names its block, or has an alias."""
    for anchor, entry in registry.anchors.items():
        now = published.get(anchor)
        if now is None:
            if anchor not in registry.aliases:
                warn(
                    EditionWarning.ANCHOR_REMOVED,
                    f"published anchor {anchor!r} (in {entry['doc']!r}) no longer exists: restore the block, "
                    f"or, if it was renamed, add `{anchor}: NEW-ANCHOR` under aliases.",
                    registry.location(anchor),
                )
        elif now["doc"] != entry["doc"]:
            warn(
                EditionWarning.ANCHOR_MOVED,
                f"published anchor {anchor!r} moved from document {entry['doc']!r} to {now['doc']!r}, "
                "so its URL would change: keep the block in its document.",
                (now["doc"], now["line"]),
            )
        elif now["hash"] != entry["hash"]:
            warn(
                EditionWarning.ANCHOR_MOVED,
                f"published anchor {anchor!r} now names a different block (its original text hashed "
                f"{entry['hash']}, now {now['hash']}): put the anchor back on its block and give this one "
                "a new anchor; if the original text itself was deliberately corrected, update the hash "
                "in the registry.",
                (now["doc"], now["line"]),
            )


def check_aliases(registry: Registry, published: dict[str, dict[str, Any]]) -> None:
    for old in registry.bad_aliases:
        warn(
            EditionWarning.BAD_ALIAS,
            f"alias {old!r} is not a lowercase ASCII slug (letters, digits, single hyphens), so it cannot be an "
            "anchor of a URL or a PDF destination: write the old name as it was published, or remove it.",
            registry.location(old),
        )
    for old, new in registry.aliases.items():
        if old in published:
            warn(
                EditionWarning.BAD_ALIAS,
                f"alias {old!r} is also a block's anchor: an old name cannot be reused.",
                registry.location(old),
            )
        elif new not in published:
            warn(
                EditionWarning.BAD_ALIAS,
                f"alias {old!r} points to {new!r}, which is not an anchor of the edition.",
                registry.location(old),
            )


def check_unregistered(registry: Registry, published: dict[str, dict[str, Any]]) -> None:
    for anchor, now in published.items():
        if anchor not in registry.anchors:
            warn(
                EditionWarning.UNREGISTERED_ANCHOR,
                f"anchor {anchor!r} is not in the anchor registry {registry.path.name}: run `make anchors` "
                "to register it, and commit the registry with the block.",
                (now["doc"], now["line"]),
            )


def update_registry(app: Sphinx, published: dict[str, dict[str, Any]]) -> int:
    """Add the new anchors to the registry file; never remove or change an entry."""
    path = registry_path(app.config)
    if path is None:
        return 0
    registry = load_registry(path)
    if registry.errors:
        return 0
    new = {a: {"doc": p["doc"], "hash": p["hash"]} for a, p in published.items() if a not in registry.anchors}
    if not new:
        return 0
    anchors = registry.anchors | new
    lines = [HEADER, "anchors:"]
    lines += [f"  {anchor}: {{doc: {entry['doc']}, hash: {entry['hash']}}}" for anchor, entry in anchors.items()]
    lines += ["aliases:" + ("" if registry.aliases else " {}")]
    lines += [f"  {old}: {new_}" for old, new_ in registry.aliases.items()]
    # Write beside the file, then rename: a failed write leaves the old registry whole.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".anchors-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    Path(temporary).replace(path)
    return len(new)


def published_anchors(app: Sphinx) -> dict[str, dict[str, Any]]:
    domain = app.env.domains["edition"]
    return {
        anchor: {"doc": docname, "line": info["line"], "hash": info["hash"]}
        for anchor, docname, info in domain.anchors()  # type: ignore[attr-defined]
    }


def on_check_consistency(app: Sphinx, env: Any) -> None:
    check_registry(app, published_anchors(app))


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.config.edition_registry_update:
        added = update_registry(app, published_anchors(app))
        logger.info("anchor registry: %d new anchor(s) added to %s", added, app.config.edition_anchor_registry)


def setup_registry(app: Sphinx) -> None:
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("build-finished", on_build_finished)
