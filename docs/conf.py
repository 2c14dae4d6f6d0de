"""The documentation of the parallel_edition extension, built with the extension itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "parallel_edition"
author = "The edition's contributors"
copyright = "2026, the edition's contributors"
extensions = ["myst_parser", "parallel_edition", "edition_reference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "example"]
language = "en"
edition_original_lang = "fr"
edition_translation_lang = "en"
html_theme = "alabaster"
