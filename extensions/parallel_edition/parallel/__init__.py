"""The parallel text: block directives and roles, their assembly into aligned blocks, the
edition's domain (blocks, paragraph references, objects.inv) and the anchor registry.
"""
