"""Sphinx configuration of the edition « Quand la technologie se fait enjeu politique »."""

import os
import sys
import time
import uuid
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
# Each block's citations, listed on the how-to-cite page (where "cite" leads without script).
edition_cite_page = "cite"
# The typeset PDF (make pdf), published with the HTML and offered in the header when it is built.
edition_pdf = "../build/pdf/hdh-edition.pdf"
# The original's own title, kept from case changes in citations (CSL nocase, BibTeX braces).
edition_cite_title_original = CITATION["references"][0]["title"]
# The text the edition reproduces, with its publisher (the pages' description meta tags).
SOURCE = CITATION["references"][0]
edition_source = (
    f"« {SOURCE['title']} », published by {SOURCE['publisher']['name']} on {SOURCE['date-published']}, "
    f"{SOURCE['url']}; reproduced verbatim with an English translation, annotations and bibliography."
)
# Authors that are groups, not persons (the annotations are signed by the editors as a group).
edition_organisations = ["The edition's editors", *edition_cite_authors]
# The TEI export's header (edition.tei.xml): who translated, under which licence, and the source.
edition_translators = edition_cite_authors  # the translation is the contributors' (see about.md)
edition_license = CITATION["license-url"]
edition_rights = (
    "The edition's own work (English translation, annotations, introduction, bibliography and "
    "other pages) is published under CC BY 4.0. The French article is not covered by this "
    "licence: the edition holds no rights in it and no permission to reproduce it is on record."
)
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

# The extension's reading theme (see the README, "Theme"): no sidebar, a measure for reading.
html_theme = "parallel_edition"
html_title = "Quand la technologie se fait enjeu politique"
html_short_title = "Quand la technologie se fait enjeu politique — a bilingual edition"
html_theme_options = {
    "nav_labels": {"index": "Home", "text": "The text", "about": "About", "cite": "How to cite", "contribute": "Contribute"},
}
html_static_path = ["_static"]
templates_path = ["_templates"]
html_favicon = "_static/favicon.svg"

# --- PDF (make pdf): XeLaTeX for Unicode text and fonts -------------------------------------
PDF_METADATA = ", ".join(
    f"{key}={{{value}}}"
    for key, value in {
        "pdftitle": project,
        "pdfauthor": author,  # hyperxmp reads commas as separating names
        "pdfsubject": " ".join(CITATION["abstract"].split()),
        "pdfkeywords": ", ".join(CITATION["keywords"]),
        "pdfversionid": release,
        "pdfdate": str(CITATION["date-released"]),
        "pdfcopyright": "The edition's own work (translation, annotations, introduction, bibliography): "
        "CC BY 4.0, the edition's contributors. The French article: its rightholders; not licensed.",
        "pdflicenseurl": CITATION["license-url"],
    }.items()
)
# hyperxmp drops Author and Keywords from the Info dictionary unless told to keep them.
PDF_METADATA += ", keeppdfinfo"
# Reproducible: make pdf sets SOURCE_DATE_EPOCH (the last commit's time); hyperxmp would take the
# XMP dates and instance id from the clock. Without it, the build's time is used.
if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
    _built = time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"]))
    _stamp = time.strftime("D:%Y%m%d%H%M%SZ", _built)
    _instance = uuid.uuid5(uuid.NAMESPACE_URL, f"{project} {release} {_stamp}")
    PDF_METADATA += (
        f", pdfcreationdate={{{_stamp}}}, pdfmoddate={{{_stamp}}}, pdfmetadate={{{_stamp}}}"
        f", pdfinstanceid={{uuid:{_instance}}}"
    )
latex_engine = "xelatex"
latex_documents = [("index", "hdh-edition.tex", project, author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "sphinxsetup": "hmargin={1.8cm,1.8cm}, vmargin={2cm,2.2cm}",
    "extraclassoptions": "openany,oneside",
    # Long source URLs break at any character instead of running into the margin. The PDF's own
    # metadata (what reference managers read), in its Info dictionary and as XMP (hyperxmp):
    # the edition, its editors, version, date, licence and rights.
    "preamble": r"\usepackage{xurl}\usepackage{hyperxmp}\hypersetup{" + PDF_METADATA + "}",
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

# --- EPUB (make epub): Sphinx's EPUB 3 builder, with the extension's EPUB writer ---------------
epub_basename = "hdh-edition"
epub_title = project
epub_author = author
epub_publisher = author
epub_contributor = author
epub_copyright = copyright
epub_description = " ".join(CITATION["abstract"].split())
# The book's identifier (its citation key): Sphinx writes it into toc.ncx too, as an XML id.
epub_uid = epub_identifier = edition_cite_key
# The book's contents list every page (the landing page's toctree is hidden, for the theme).
epub_tocscope = "includehidden"
# Links stay links: no URL is added to the text (nothing may be added inside the French text).
epub_show_urls = "no"
