"""parallel_edition: bilingual, annotated critical editions with Sphinx.

Add ``"parallel_edition"`` to ``extensions`` in ``conf.py``; write the text as pairs of
``{fr}``/``{en}`` blocks (see the README).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .accessibility import setup_accessibility
from .annotations import setup_annotations
from .bibliography import setup_bibliography
from .buildstate import setup_buildstate
from .citation_index import setup_citation_index
from .config import setup_config
from .epub.writer import setup_epub
from .exports.dts import setup_dts
from .exports.hypothesis import setup_hypothesis
from .exports.passages import setup_passages
from .exports.tei import setup_tei
from .exports.webannotation import setup_webannotation
from .gcfreeze import setup_gcfreeze
from .html.apparatus import setup_post_transforms
from .html.search import setup_search
from .html.visitors import setup_html
from .parallel.assemble import setup_transforms
from .parallel.directives import setup_directives
from .parallel.domain import setup_domain
from .parallel.registry import setup_registry
from .parallel.roles import setup_roles
from .plain import setup_nodes
from .theme import setup_theme

__version__ = "0.1.0"


#: Bumped whenever what the extension stores in the environment changes shape.
ENV_VERSION = 9


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_buildstate(app)
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_roles(app)
    setup_transforms(app)
    setup_post_transforms(app)
    setup_registry(app)
    setup_annotations(app)
    setup_bibliography(app)
    setup_citation_index(app)
    setup_passages(app)
    setup_webannotation(app)
    setup_tei(app)
    setup_dts(app)
    setup_hypothesis(app)
    setup_html(app)
    setup_epub(app)
    setup_search(app)
    setup_accessibility(app)
    setup_theme(app)
    setup_gcfreeze(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
