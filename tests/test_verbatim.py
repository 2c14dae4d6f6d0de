"""The French text of the built edition is the seed, character for character."""

from __future__ import annotations

from conftest import SEED, EditionBuild
from edition_text import cells, edition_blocks, seed_blocks, text_of

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_build_is_strictly_clean(edition_html: EditionBuild) -> None:
    assert edition_html.status == 0, edition_html.warnings
    assert edition_html.warnings == ""


def test_french_text_is_the_seed(edition_html: EditionBuild) -> None:
    expected = seed_blocks(SEED_TEXT)
    actual = edition_blocks(edition_html.soup("text.html"), "fr")
    assert len(actual) == len(expected)
    for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
        assert got == want, f"block {index + 1} differs from the seed"


def test_every_seed_character_is_kept(edition_html: EditionBuild) -> None:
    """A coarser, independent check: same characters, once structure and whitespace go."""

    def essentials(text: str) -> str:
        return "".join(c for c in text.replace("•", "") if not c.isspace())

    soup = edition_html.soup("text.html")
    french = "".join(text_of(cell) for cell in cells(soup, "fr"))
    labels = "".join(label.get_text() for label in soup.select('[lang="fr"] .ed-note-label'))
    assert sorted(essentials(french + labels)) == sorted(essentials(SEED_TEXT))

    # No-break spaces inside blocks are all kept (those at a block's very end may go).
    def nbsp(blocks: list) -> int:
        return sum(repr(content).count("\\xa0") for _, content in blocks)

    assert nbsp(edition_blocks(soup, "fr")) == nbsp(seed_blocks(SEED_TEXT)) > 15


def test_seed_blocks_reader_sees_the_structure() -> None:
    blocks = seed_blocks(SEED_TEXT)
    kinds = [kind for kind, _ in blocks]
    assert kinds.count("list") == 1 and kinds.count("note") == 4
    assert blocks[0] == ("text", "Quand la technologie se fait enjeu politique")
