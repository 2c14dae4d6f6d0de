"""The HTML writer: visitors for the edition's nodes, the HTML-only apparatus (view switch,
kind filter, numbers, cite controls) and the extension's CSS and JS.
"""
