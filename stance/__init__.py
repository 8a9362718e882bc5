"""stance: the temperature of country-pair relations in news text.

The pipeline runs over pandas DataFrames, one batch at a time::

    import stance

    articles = stance.read_articles("seeds/")
    paragraphs = stance.split_paragraphs(articles)
    mentions = stance.find_mentions(paragraphs)
    pairs = stance.build_pairs(paragraphs, mentions)

    scores = stance.score("seeds/")   # all of it, with the shipped model
    scores.paragraphs                 # one row per paragraph and country pair
    scores.articles                   # one row per article and country pair

    for batch in stance.score_stream("big/"):   # a batch at a time, for inputs too large to hold
        batch.paragraphs.to_csv(...)

Nothing is loaded at import time: each name below is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_articles": "stance.articles",
    "iter_articles": "stance.articles",
    "parse_date": "stance.articles",
    "split_paragraphs": "stance.paragraphs",
    "split_sentences": "stance.paragraphs",
    "find_mentions": "stance.mentions",
    "extract_mentions": "stance.mentions",
    "load_gazetteer": "stance.gazetteer",
    "load_lexicon": "stance.lexicon",
    "build_pairs": "stance.pairs",
    "make_model": "stance.model",
    "read_labels": "stance.model",
    "train": "stance.model",
    "load_model": "stance.model",
    "save_model": "stance.model",
    "LABELS": "stance.model",
    "score": "stance.scoring",
    "score_stream": "stance.scoring",
    "evaluate": "stance.evaluation",
    "temperature": "stance.temperatures",
    "analyze": "stance.report",
    "StanceError": "stance.errors",
    "InputError": "stance.errors",
    "DataError": "stance.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from stance.articles import iter_articles, parse_date, read_articles
    from stance.errors import DataError, InputError, StanceError
    from stance.evaluation import evaluate
    from stance.gazetteer import load_gazetteer
    from stance.lexicon import load_lexicon
    from stance.model import LABELS, load_model, make_model, read_labels, save_model, train
    from stance.pairs import build_pairs
    from stance.report import analyze
    from stance.scoring import score, score_stream
    from stance.temperatures import temperature
    from stance.mentions import extract_mentions, find_mentions
    from stance.paragraphs import split_paragraphs, split_sentences


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stance' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
