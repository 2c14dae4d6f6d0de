"""Strict means strict: a build that failed, or was killed, leaves nothing that lets the next
one pass silently.

Sphinx keeps the environment it read (``environment.pickle``) and, next time, reads again only
the documents that changed. Two things then go wrong:

* after a strict build (``-W``) that failed on warnings, the next build with nothing changed
  reads nothing, so it repeats no warning and passes;
* Sphinx saves the environment *before* it writes the pages: after a build killed while writing,
  the environment says every page is up to date, and pages that were not written again (such
  as ``text.html`` after an annotation changed) are never rewritten.

So: when a strict build ends with warnings, the saved environment is deleted (Sphinx already
deletes it when a build ends in an exception); and a mark is left in the doctree folder while
pages are written, removed when the build succeeds. A build that finds the mark (the last one
did not finish) deletes the saved environment before Sphinx loads it, and starts afresh.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


#: Left in the doctree folder while a build is under way; removed when it succeeds.
MARK = "parallel-edition-unfinished"


def start_afresh_after_failure(app: Sphinx, config: Config) -> None:
    """``config-inited`` (before Sphinx loads the saved environment)."""
    mark = Path(app.doctreedir, MARK)
    if mark.exists():
        Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)
        mark.unlink()
        logger.info("parallel_edition: the last build failed or did not finish; reading every document again.")


def note_unfinished(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: reading is over, the environment is about to be saved, pages written."""
    Path(app.doctreedir).mkdir(parents=True, exist_ok=True)
    Path(app.doctreedir, MARK).write_text("a build is under way, or did not finish\n", encoding="utf-8")


def note_finished(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the mark goes if the build succeeded; it stays (and the saved
    environment goes) if it failed."""
    failed_strict = bool(getattr(app, "_warncount", 0)) and bool(
        getattr(app, "_fail_on_warnings", getattr(app, "warningiserror", False))
    )
    if exception is None and not failed_strict:
        Path(app.doctreedir, MARK).unlink(missing_ok=True)
    else:
        Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)


def setup_buildstate(app: Sphinx) -> None:
    app.connect("config-inited", start_afresh_after_failure, priority=0)
    app.connect("env-updated", note_unfinished, priority=999)
    app.connect("build-finished", note_finished, priority=999)
