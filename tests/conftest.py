"""Shared fixtures: the seed article and paths into the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d24a67c0221e1af6.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_paragraphs():
    import stance

    return stance.split_paragraphs(stance.read_articles(SEED))
