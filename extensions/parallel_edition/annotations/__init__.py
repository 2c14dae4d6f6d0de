"""Stand-off annotations: one Markdown file each, with a YAML header, in the edition's
annotations folder.

- ``model``: what an annotation is (the header's schema, kinds, problems);
- ``files``: reading the folder and the files (names, bytes, characters, header, body);
- ``header``: the YAML header (anchors, tags, duplicate keys, line numbers);
- ``sanitize``: the body's token-level allowlist, and rendering accepted bodies;
- ``selectors``: where a quote (a W3C TextQuoteSelector) is matched in a cell's text;
- ``bodies``: bodies rendered into a page, their ids and citations;
- ``attach``: placing the annotations of a page in its blocks (letters, lists);
- ``marks``: highlights, markers and note heads, added when a page is written;
- ``collector``: the annotation lifecycle across a build (an ``EnvironmentCollector``).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .collector import AnnotationCollector
from .marks import AddAnnotationHeads, AddAnnotationMarks
from .sanitize import forget_parsed


def setup_annotations(app: Sphinx) -> None:
    app.add_post_transform(AddAnnotationMarks)
    app.add_post_transform(AddAnnotationHeads)
    app.add_env_collector(AnnotationCollector)
    app.connect("env-updated", forget_parsed)
