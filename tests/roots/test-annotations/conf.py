extensions = ["myst_parser", "sphinxcontrib.bibtex", "parallel_edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "annotations"]
edition_annotations = "annotations"
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/ed/"
