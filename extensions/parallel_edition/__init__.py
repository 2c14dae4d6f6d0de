"""parallel_edition: bilingual, annotated critical editions with Sphinx.

Add ``"parallel_edition"`` to ``extensions`` in ``conf.py``; write the text as pairs of
``{fr}``/``{en}`` blocks (see the README).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


#: Bumped whenever what the extension stores in the environment changes shape.
ENV_VERSION = 10


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not when the package is: the reading theme (``parallel_edition.theme``,
    # usable without the extension) imports the package, and a site built with the theme alone
    # should not load the whole extension (a tenth of a second).
    from .accessibility import setup_accessibility  # noqa: PLC0415
    from .annotations import setup_annotations  # noqa: PLC0415
    from .bibliography import setup_bibliography  # noqa: PLC0415
    from .buildstate import setup_buildstate  # noqa: PLC0415
    from .citation_index import setup_citation_index  # noqa: PLC0415
    from .config import setup_config  # noqa: PLC0415
    from .epub.writer import setup_epub  # noqa: PLC0415
    from .exports.dts import setup_dts  # noqa: PLC0415
    from .exports.hypothesis import setup_hypothesis  # noqa: PLC0415
    from .exports.passages import setup_passages  # noqa: PLC0415
    from .exports.tei import setup_tei  # noqa: PLC0415
    from .exports.webannotation import setup_webannotation  # noqa: PLC0415
    from .gcfreeze import setup_gcfreeze  # noqa: PLC0415
    from .html.apparatus import setup_post_transforms  # noqa: PLC0415
    from .html.search import setup_search  # noqa: PLC0415
    from .html.visitors import setup_html  # noqa: PLC0415
    from .parallel.assemble import setup_transforms  # noqa: PLC0415
    from .parallel.directives import setup_directives  # noqa: PLC0415
    from .parallel.domain import setup_domain  # noqa: PLC0415
    from .parallel.registry import setup_registry  # noqa: PLC0415
    from .parallel.roles import setup_roles  # noqa: PLC0415
    from .plain import setup_nodes  # noqa: PLC0415
    from .theme import setup_theme  # noqa: PLC0415

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
