"""What an HTML build exports besides its pages: ``passages.json``, the W3C Web Annotation
collection (``annotations.jsonld``), the ``citation_*`` meta tags, and their JSON helpers.
"""
