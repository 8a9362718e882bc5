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


# sentences with event classes for EventClasses, written for these tests; each class's
# words are its own, so that what the classifier learns from them is known
EVENT_SENTENCES = [
    ("Chile imposed sanctions on Peru over the dispute.", "material_conflict"),
    ("Kenya imposed new sanctions on Uganda.", "material_conflict"),
    ("Troops from Nepal attacked a border post in Bhutan.", "material_conflict"),
    ("The army of Mali attacked rebels near the border.", "material_conflict"),
    ("Norway signed a trade agreement with Iceland.", "material_cooperation"),
    ("Ghana and Togo signed an agreement on trade.", "material_cooperation"),
    ("Spain sent aid to Morocco after the floods.", "material_cooperation"),
    ("Japan sent aid and doctors to Fiji.", "material_cooperation"),
    ("Brazil praised Argentina for its hospitality.", "verbal_cooperation"),
    ("The leaders of Laos and Vietnam praised their friendship.", "verbal_cooperation"),
    ("Egypt criticised Sudan over the dam.", "verbal_conflict"),
    ("Poland criticised Belarus for the crackdown.", "verbal_conflict"),
    ("Canada said it would announce a decision on Monday.", "statement"),
    ("Officials in Austria said the statement would follow.", "statement"),
]


@pytest.fixture
def events_csv(tmp_path):
    """EVENT_SENTENCES as a file for EventClasses (``stance train --events``)."""
    import pandas as pd

    path = tmp_path / "events.csv"
    pd.DataFrame(EVENT_SENTENCES, columns=["text", "event"]).assign(source="stance tests").to_csv(path, index=False)
    return path
