"""The HTML writer: visitors for the edition's nodes, the HTML-only apparatus (view switch,
kind filter, numbers, cite controls) and the extension's CSS and JS.
"""

#: Marks an element inside a text column that is not text of the edition (note calls,
#: labels, controls): extractors skip it, and readers do not copy it.
APPARATUS = {"data-ed-apparatus": ""}
