"""Articles → scored pairs: the model applied to every paragraph and country pair.

:func:`score` runs the whole reading half and the model over articles, a batch of
articles at a time, and returns two tables: one row per paragraph and pair, with the
evidence sentence, and one row per article and pair, aggregated.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from stance._gc import collector_paused
from stance.model import (PROBABILITY_COLUMNS, decide_labels, paragraph_weights, predict_pairs, resolve_model,
                          temperature_of)

__all__ = ["score", "score_batches", "score_pairs", "aggregate_articles", "Scores", "PARAGRAPH_SCORE_COLUMNS",
           "ARTICLE_SCORE_COLUMNS"]

_PROBABILITIES = list(PROBABILITY_COLUMNS)
#: Columns of :attr:`Scores.paragraphs`.
PARAGRAPH_SCORE_COLUMNS = ["article_id", "paragraph_id", "country_a", "country_b", "label", "temperature",
                           *_PROBABILITIES, "evidence"]
#: Columns of :attr:`Scores.articles`.
ARTICLE_SCORE_COLUMNS = ["article_id", "country_a", "country_b", "label", "temperature", *_PROBABILITIES,
                         "n_paragraphs"]


class Scores(NamedTuple):
    """The two tables of :func:`score`."""

    paragraphs: pd.DataFrame
    articles: pd.DataFrame


def score_pairs(pairs: pd.DataFrame, model=None) -> pd.DataFrame:
    """Score rows of :func:`stance.build_pairs`.

    Parameters
    ----------
    pairs : pandas.DataFrame
    model : fitted pipeline, or path to a ``.skops`` file, optional
        By default the model shipped with stance.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PARAGRAPH_SCORE_COLUMNS`.
    """
    model = resolve_model(model)
    predicted = predict_pairs(model, pairs)
    frame = pd.concat([pairs[["article_id", "paragraph_id", "country_a", "country_b"]], predicted,
                       pairs[["evidence"]]], axis=1)
    return frame[PARAGRAPH_SCORE_COLUMNS].reset_index(drop=True)


def aggregate_articles(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per article and pair from paragraph scores.

    A paragraph weighs by how much it says about the relation
    (:func:`stance.model.paragraph_weights`: ``1 - p_neutral``, at least 0.05), so
    that a pair's one substantive paragraph is not drowned by paragraphs where the two
    merely appear together.

    Parameters
    ----------
    scored : pandas.DataFrame
        Columns :data:`PARAGRAPH_SCORE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ARTICLE_SCORE_COLUMNS`.
    """
    if scored.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c.startswith("p_") or c == "temperature" else object)
                             for c in ARTICLE_SCORE_COLUMNS})
    weight = paragraph_weights(scored["p_neutral"].to_numpy())
    weighted = scored[_PROBABILITIES].to_numpy(dtype=float) * weight[:, None]
    keys = ["article_id", "country_a", "country_b"]
    # each article and pair, numbered in order of first appearance (as groupby with
    # sort=False), by factorising one key column at a time: a pandas groupby on three
    # string columns cost a batch of one article more than its classifier
    group = np.zeros(len(scored), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(scored[key], use_na_sentinel=False)
        group, _ = pd.factorize(group * len(uniques) + codes)
    n_groups = int(group.max()) + 1
    # pandas sums by the integer groups as it summed by the keys (with compensated
    # summation: the same bits)
    totals = pd.DataFrame(np.column_stack([weighted, weight])).groupby(group, sort=True).sum().to_numpy()
    probabilities = totals[:, :-1] / totals[:, -1:]
    _, first = np.unique(group, return_index=True)
    # one frame built at once: pandas inserts a column at a time slowly
    columns = {key: scored[key].array.take(first) for key in keys}
    columns["label"] = pd.array(decide_labels(probabilities), dtype=scored["label"].dtype)
    columns["temperature"] = temperature_of(probabilities)
    columns.update((column, probabilities[:, j]) for j, column in enumerate(_PROBABILITIES))
    columns["n_paragraphs"] = np.bincount(group, minlength=n_groups).astype("int64")
    return pd.DataFrame(columns)[ARTICLE_SCORE_COLUMNS]


class Batch(NamedTuple):
    """What :func:`score_batches` yields for one batch of articles."""

    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    scored: pd.DataFrame
    done: int  # articles read so far


def score_batches(articles: pd.DataFrame, model, batch_size: int = 500):
    """Read and score ``articles`` a batch at a time.

    The sentiment of each sentence is remembered across batches, so repeated text is
    scored once.

    Parameters
    ----------
    articles : pandas.DataFrame
        As returned by :func:`stance.read_articles`.
    model : fitted pipeline, or path to a ``.skops`` file, or None for the shipped model
    batch_size : int, default 500

    Yields
    ------
    Batch
        The batch's paragraphs, mentions and paragraph scores
        (:data:`PARAGRAPH_SCORE_COLUMNS`); at least one batch, empty for no articles.
    """
    from stance.mentions import find_mentions
    from stance.pairs import build_pairs
    from stance.paragraphs import split_paragraphs
    from stance.sentiment import SentimentScorer

    model = resolve_model(model)  # a path is loaded once, not once per batch
    scorer = SentimentScorer()
    for begin in range(0, max(len(articles), 1), batch_size):
        with collector_paused():  # not while the caller holds the batch
            paragraphs = split_paragraphs(articles.iloc[begin:begin + batch_size])
            mentions = find_mentions(paragraphs)
            pairs = build_pairs(paragraphs, mentions, scorer=scorer)
            scored = score_pairs(pairs, model)
            # the pair rows hold most of the batch's small tuples: freed now, while the
            # collector is paused, so that its first pass afterwards need not walk them
            # (about 30 ms of the 1.2 s of benchmarks/pipeline_speed.py)
            del pairs
        yield Batch(paragraphs, mentions, scored, min(begin + batch_size, len(articles)))


def score(source, *, model=None, batch_size: int = 500, **read_options) -> Scores:
    """Score every paragraph and country pair of some articles.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        Files, folders or ``"-"`` for standard input, read with
        :func:`stance.read_articles`; or an articles DataFrame already read.
    model : fitted pipeline, or path to a ``.skops`` file, optional
        By default the model shipped with stance (see :func:`stance.load_model`).
    batch_size : int, default 500
        Articles read and scored together; memory grows with it, not with the input.
    **read_options
        Passed to :func:`stance.read_articles` (``on_error``, ``text_column``, …).

    Returns
    -------
    Scores
        ``paragraphs``: one row per paragraph and pair (:data:`PARAGRAPH_SCORE_COLUMNS`),
        with ``country_a`` < ``country_b`` (ISO3), the label, the temperature from -100
        to +100, the five probabilities and the evidence sentence. ``articles``: one
        row per article and pair (:data:`ARTICLE_SCORE_COLUMNS`). Both carry
        ``attrs["skipped"]``, the inputs skipped with ``on_error="skip"``.
    """
    from stance.articles import read_articles

    model = resolve_model(model)
    articles = source if isinstance(source, pd.DataFrame) else read_articles(source, **read_options)
    scored = pd.concat([batch.scored for batch in score_batches(articles, model, batch_size)], ignore_index=True)
    by_article = aggregate_articles(scored)
    skipped = list(articles.attrs.get("skipped", []))
    scored.attrs["skipped"] = skipped
    by_article.attrs["skipped"] = skipped
    return Scores(scored, by_article)
