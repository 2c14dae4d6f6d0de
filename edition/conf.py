"""Sphinx configuration of the edition « Quand la technologie se fait enjeu politique »."""

project = "Quand la technologie se fait enjeu politique — a bilingual critical edition"
author = "The edition's contributors"
copyright = "2026, the edition's contributors; the article: its author"
release = version = "0.1.0"

extensions = ["myst_parser", "sphinx_design", "parallel_edition"]

# The apparatus is in English; the original text carries lang="fr" block by block.
language = "en"
edition_original_lang = "fr"
edition_translation_lang = "en"

myst_enable_extensions = ["colon_fence"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

html_theme = "sphinx_book_theme"
html_title = "Quand la technologie se fait enjeu politique"
html_theme_options = {"show_toc_level": 2}
# The theme reads its colour mode from here; left empty it logs an error in the console.
html_context = {"default_mode": "auto"}
