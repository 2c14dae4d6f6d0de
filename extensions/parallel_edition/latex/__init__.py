"""The LaTeX writer: synchronised columns (paracol), margin notes, the text's notes as
footnotes, PDF destinations for every anchor, babel for the two languages.
"""
