"""The seed is the article byte for byte, and its README gives its checksum."""

import hashlib
import re

from conftest import REPO, SEED

SHA256 = "cacc43b750aca85ffd284abf59399b562b920da40229f60b81f3d86efc1d9383"


def test_seed_checksum() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SHA256


def test_seed_readme_states_provenance_and_checksum() -> None:
    readme = (REPO / "seeds" / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"\b[0-9a-f]{64}\b", readme) == [SHA256]
    for fact in ("Quand la technologie se fait enjeu politique", "13 January 2026", "kern-consulting.fr"):
        assert fact in readme
