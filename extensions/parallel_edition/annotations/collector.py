"""The annotation lifecycle across a build, in one ``EnvironmentCollector`` (as Sphinx's own
collectors are built): which documents an annotation change makes outdated, the annotations
read once per build, placing them when a document is read, the file-level problems reported on
every build, and when the bibliography pages must be written again for their "cited in" links.

The state of the current build lives on the collector (one per Sphinx application, inherited
by forked parallel readers), and what lasts between builds in the edition's domain.
"""

from __future__ import annotations

import difflib
from collections.abc import Set as AbstractSet
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from ..bibliography import cited_by
from ..exports.jsonlines import digest, digest_file, is_written_from
from ..warnings_ import EditionWarning, warn
from .attach import attach_annotations, file_stamp
from .files import load_annotations
from .model import AnnotationSet, annotations_dir

#: The fingerprint file of the bibliography pages' "cited in" links (see ``rewrite_bibliographies``).
BACKLINKS = "backlinks"


class AnnotationCollector(EnvironmentCollector):
    def __init__(self) -> None:
        #: The annotations as read when the current build started (once per build).
        self.found = AnnotationSet([], [])
        #: How many documents the current build reads.
        self.reading = 0
        #: The "cited in" links of the bibliography pages this build writes.
        self.backlinks: str | None = None

    def enable(self, app: Sphinx) -> None:
        assert self.listener_ids is None
        self.listener_ids = {
            "env-get-outdated": app.connect("env-get-outdated", self.get_outdated_docs),
            "env-before-read-docs": app.connect("env-before-read-docs", self.note_reading),
            # After the table of contents is collected.
            "doctree-read": app.connect("doctree-read", self.process_doc, priority=900),
            "env-updated": app.connect("env-updated", self.rewrite_bibliographies),
            "env-get-updated": app.connect("env-get-updated", self.get_updated_docs),
            "build-finished": app.connect("build-finished", self.note_backlinks_written),
        }

    # The edition's domain keeps, and clears and merges, what lasts between builds.
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        pass

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str], other: BuildEnvironment
    ) -> None:
        pass

    def get_outdated_docs(  # type: ignore[override]
        self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
    ) -> list[str]:
        """Documents whose annotations were added, changed, moved or removed since they were
        read. The files are read here, once for the whole build."""
        folder = annotations_dir(app.config)
        domain: Any = env.domains["edition"]
        self.found = load_annotations(folder, cache=domain.annotation_cache)
        where = {anchor: docname for anchor, docname, _ in domain.anchors()}
        now: dict[str, dict[str, str]] = {}
        for note in self.found.annotations:
            if note.target in where:
                now.setdefault(where[note.target], {})[note.path] = file_stamp(domain, note)
        before = domain.annotation_files
        stale = {doc for doc in set(now) | set(before) if now.get(doc, {}) != before.get(doc, {})}
        return sorted(doc for doc in stale if doc in env.found_docs and doc not in changed | added)

    def note_reading(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.reading = len(docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        attach_annotations(app, doctree, self.found)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Problems of the files themselves, and unknown targets: reported on every build
        (Sphinx emits ``env-get-updated`` on every build, also when no document was read
        again: a file added with a problem, or refused, marks no document outdated)."""
        for problem in self.found.problems:
            warn(problem.kind, problem.message, problem.location)
        anchors = {anchor for anchor, _, _ in env.domains["edition"].anchors()}  # type: ignore[attr-defined]
        for note in self.found.annotations:
            if note.target not in anchors:
                hint = difflib.get_close_matches(note.target, sorted(anchors), n=1)
                suggestion = f" Did you mean {hint[0]!r}?" if hint else ""
                warn(
                    EditionWarning.UNKNOWN_TARGET,
                    f"annotation {note.id!r} targets {note.target!r}, which is not the anchor of any block."
                    f"{suggestion}",
                    f"{note.path}:{note.line('target')}",
                )
        return []

    def rewrite_bibliographies(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The pages with a bibliography, to write again (not read again) when their "cited
        in" links change: they follow the annotations and the numbers of their blocks."""
        self.backlinks = None
        if not self.reading or "cite" not in env.domains:
            return []
        fingerprint = digest(sorted(cited_by(env).items()))
        if is_written_from(app, BACKLINKS, fingerprint):
            return []
        self.backlinks = fingerprint
        return sorted({key.docname for key in env.domains["cite"].bibliographies})  # type: ignore[attr-defined]

    def note_backlinks_written(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is None and self.backlinks is not None:
            digest_file(app, BACKLINKS).write_text(self.backlinks, encoding="utf-8")
        self.backlinks = None
