"""parallel_edition: bilingual, annotated critical editions with Sphinx.

Add ``"parallel_edition"`` to ``extensions`` in ``conf.py``; write the text as pairs of
``{fr}``/``{en}`` blocks (see the README).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .accessibility import setup_accessibility
from .annotate import setup_annotations
from .bibliography import setup_bibliography
from .buildstate import setup_buildstate
from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .html import setup_html
from .passages import setup_passages
from .post_transforms import setup_post_transforms
from .registry import setup_registry
from .roles import setup_roles
from .transforms import setup_transforms
from .webannotation import setup_webannotation
from .writers import setup_nodes

__version__ = "0.1.0"

#: Bumped whenever what the extension stores in the environment changes shape.
ENV_VERSION = 8


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
    setup_passages(app)
    setup_webannotation(app)
    setup_html(app)
    setup_accessibility(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
