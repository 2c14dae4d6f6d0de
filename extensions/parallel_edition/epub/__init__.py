"""EPUB (``make epub``): Sphinx's EPUB 3 builder with a writer that makes XHTML (every start tag
with a language carries ``xml:lang`` too, meta tags are closed), the annotations as EPUB
footnotes after their block, and no interactive apparatus (no script runs in the book)."""
