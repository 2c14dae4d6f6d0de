"""Sphinx configuration of the edition « Quand la technologie se fait enjeu politique »."""

import os
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
from bibstyle import register_styles  # edition/_ext/bibstyle.py

register_styles()

# CITATION.cff is the one source of truth for the edition's title, version and date.
CITATION = yaml.safe_load((Path(__file__).parent.parent / "CITATION.cff").read_text(encoding="utf-8"))

project = CITATION["title"]
author = ", ".join(person["name"] for person in CITATION["authors"])
copyright = "2026, the edition's contributors; the French article: its rightholders"
release = version = str(CITATION["version"])

extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "parallel_edition"]

# The apparatus is in English; the original text carries lang="fr" block by block.
language = "en"
edition_original_lang = "fr"
edition_translation_lang = "en"

# Citations: "cite this" controls, passages.json and citation_* meta tags.
edition_cite_title = CITATION["title"]
edition_cite_authors = [person["name"] for person in CITATION["authors"]]
edition_cite_date = str(CITATION["date-released"])
edition_cite_key = "hdh-edition"
# The TEI export's header (edition.tei.xml): who translated, under which licence, and the source.
edition_translators = edition_cite_authors  # the translation is the contributors' (see about.md)
edition_license = CITATION["license-url"]
edition_rights = (
    "The edition's own work (English translation, annotations, introduction, bibliography and "
    "other pages) is published under CC BY 4.0. The French article is not covered by this "
    "licence: the edition holds no rights in it and no permission to reproduce it is on record."
)
SOURCE = CITATION["references"][0]
edition_source_metadata = {
    "title": SOURCE["title"],
    "publisher": SOURCE["publisher"]["name"],
    "date": str(SOURCE["date-published"]),
    "url": SOURCE["url"],
    "note": "Published by Kern Consulting on its website; the page names no author.",
}
# Where the edition is published; citations use absolute URLs when it is set.
html_baseurl = os.environ.get("EDITION_BASEURL", os.environ.get("READTHEDOCS_CANONICAL_URL", ""))
# Every published anchor, checked on each build (see README: "Anchors").
edition_anchor_registry = "anchors.yml"
# Stand-off annotations, one file each (see CONTRIBUTING.md).
edition_annotations = "annotations"

bibtex_bibfiles = ["../bibliography/edition.bib"]
# Author–year citations in round brackets, e.g. (CNIL, 2023), so that they cannot be confused
# with the article's own numbered notes [1]–[4]; the bibliography is labelled the same way.
bibtex_reference_style = "author_year_round"
bibtex_default_style = "edition"

myst_enable_extensions = ["colon_fence"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "annotations"]

html_theme = "sphinx_book_theme"
html_title = "Quand la technologie se fait enjeu politique"
html_theme_options = {
    "show_toc_level": 2,
    # The text page needs its width for the two columns and the margin notes.
    "secondary_sidebar_items": {"**": ["page-toc"], "text": []},
}
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["edition.css"]
html_favicon = "_static/favicon.svg"
# The theme reads its colour mode from here; left empty it logs an error in the console.
html_context = {"default_mode": "auto"}

# --- PDF (make pdf): XeLaTeX for Unicode text and fonts -------------------------------------
latex_engine = "xelatex"
latex_documents = [("index", "hdh-edition.tex", project, author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "sphinxsetup": "hmargin={1.8cm,1.8cm}, vmargin={2cm,2.2cm}",
    "extraclassoptions": "openany,oneside",
    # Long source URLs break at any character instead of running into the margin; the PDF's
    # own metadata (what reference managers read) names the edition and its editors.
    "preamble": r"\usepackage{xurl}"
    + r"\AtBeginDocument{\hypersetup{pdftitle={" + project + "}, pdfauthor={" + author + "}}}",
    "maketitle": r"""
\begin{titlepage}
  \centering\vspace*{3cm}
  {\Huge\bfseries Quand la technologie se fait enjeu politique\par}
  \vspace{0.6cm}{\Large\itshape When Technology Becomes a Political Issue\par}
  \vspace{1cm}{\large A bilingual critical edition\par}
  \vspace{2cm}
  \begin{minipage}{0.8\textwidth}\centering\small
    French text: « Quand la technologie se fait enjeu politique », published on
    13 January 2026 on the website of Kern Consulting
    (\url{https://www.kern-consulting.fr/quand-la-technologie-se-fait-enjeu-politique}),
    reproduced verbatim; English translation, annotations and bibliography by
    """ + author + r""".\par\vspace{0.8cm}
    Edition version """ + release + r""" (""" + str(CITATION["date-released"]) + r""")\par
  \end{minipage}
  \vfill
\end{titlepage}
""",
}
