# A second, small edition: a German original with an English translation, to prove that nothing
# in the extension is wired to the French article (languages, labels, notes, registry, exports).
project = "Die Verwandlung (opening)"
release = "0.1.0"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "parallel_edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "annotations"]
language = "en"
edition_original_lang = "de"
edition_translation_lang = "en"
edition_annotations = "annotations"
edition_anchor_registry = "anchors.yml"
edition_cite_authors = ["Test Editor"]
edition_cite_date = "2026-12-01"
edition_cite_key = "verwandlung"
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/verwandlung/"
latex_engine = "xelatex"
latex_documents = [("index", "verwandlung.tex", project, "Test Editor", "manual")]
latex_elements = {"fontpkg": "", "extraclassoptions": "openany,oneside"}
