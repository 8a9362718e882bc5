"""Scored paragraphs → the temperature of each country pair per period, with its uncertainty.

:func:`temperature` pools the calibrated probabilities of a pair's paragraphs in each
period. A paragraph weighs by how much it says about the relation, ``1 - p_neutral``
(at least 0.05), so that paragraphs where the two countries merely appear together
count less than those that report what one does to the other. The same paragraph
repeated across articles (syndicated wire copy) counts once. The 90% interval comes
from a bootstrap over the period's articles (over its paragraphs when there is only
one article); for a single paragraph it is the central 90% of the model's own
distribution over the five labels, which is wide, as one paragraph should be.
Articles without a date count only in the whole-set period ``"all"``.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from stance.model import _VALUES, LABELS, PROBABILITY_COLUMNS, decide_labels, paragraph_weights, temperature_of

__all__ = ["temperature", "PERIODS", "TEMPERATURE_COLUMNS", "paragraph_key"]

#: Periods :func:`temperature` can pool by.
PERIODS = ("day", "week", "month", "quarter", "year", "all")
#: Columns of :func:`temperature`.
TEMPERATURE_COLUMNS = [
    "country_a", "country_b", "name_a", "name_b", "period", "n_articles", "n_paragraphs",
    "temperature", "temp_low", "temp_high", "label", "change",
]
_PROBABILITIES = list(PROBABILITY_COLUMNS)
_SPACE = re.compile(r"\W+")


def paragraph_key(text: str) -> str:
    """A key that is equal for the same paragraph however it was spaced or punctuated."""
    return hashlib.blake2b(_SPACE.sub(" ", str(text).lower()).strip().encode("utf-8"), digest_size=8).hexdigest()


def _period_labels(dates: pd.Series, period: str) -> pd.Series:
    if period == "all":
        return pd.Series("all", index=dates.index, dtype=object)
    valid = dates.notna()
    out = pd.Series(None, index=dates.index, dtype=object)
    d = dates[valid]
    if period == "day":
        out[valid] = d.dt.strftime("%Y-%m-%d")
    elif period == "week":
        iso = d.dt.isocalendar()
        out[valid] = iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)
    elif period == "month":
        out[valid] = d.dt.strftime("%Y-%m")
    elif period == "quarter":
        out[valid] = d.dt.year.astype(str) + "-Q" + d.dt.quarter.astype(str)
    elif period == "year":
        out[valid] = d.dt.strftime("%Y")
    return out


#: How many counts the bootstrap holds at once (draws × resampled units): a pair in
#: 100,000 articles would otherwise hold 1,000 × 100,000 of them, 800 MB.
_BOOTSTRAP_CELLS = 2_000_000


def _interval(units: np.ndarray, weights: np.ndarray, rng: np.random.Generator, draws: int,
              confidence: float, cells: int = _BOOTSTRAP_CELLS) -> tuple[float, float]:
    """Bootstrap interval of the temperature pooled from ``units`` (n × 5 weighted sums).

    The draws are made ``cells // n`` at a time (at least one), so that a pair in many
    articles holds few of them at once. The generator gives the same draws in pieces as
    at once; only the last bits of their sums may differ, where BLAS adds a short
    block in another order.
    """
    n = len(units)
    tail = (1.0 - confidence) / 2.0
    if n < 2:
        # a single paragraph: nothing to resample, so the interval is the central part
        # of the model's own distribution over the five labels
        cdf = np.cumsum(units.sum(axis=0) / weights.sum())
        return float(50.0 * _VALUES[np.searchsorted(cdf, tail)]), float(
            50.0 * _VALUES[min(np.searchsorted(cdf, 1.0 - tail), len(_VALUES) - 1)])
    step = max(1, cells // n)
    even = np.full(n, 1.0 / n)  # each unit as likely as any other
    pooled = []
    for begin in range(0, draws, step):
        counts = rng.multinomial(n, even, size=min(step, draws - begin))
        pooled.append((counts @ units) / (counts @ weights)[:, None])
    temps = temperature_of(np.concatenate(pooled))
    low, high = np.quantile(temps, [tail, 1.0 - tail])
    return float(low), float(high)


def temperature(
    scored: pd.DataFrame,
    period: str = "month",
    *,
    confidence: float = 0.9,
    draws: int = 1000,
    random_state: int = 0,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The temperature of each country pair in each period.

    Parameters
    ----------
    scored : pandas.DataFrame
        Paragraph scores as in :attr:`stance.Scores.paragraphs` (``article_id``,
        ``country_a``, ``country_b``, ``p_hostile`` … ``p_friendly``), with ``date``
        (the article's date; without it every row is undated) and, to count repeated
        paragraphs once, ``paragraph_key`` (see :func:`paragraph_key`) or ``text``.
        :func:`stance.analyze` gives such a table.
    period : {"day", "week", "month", "quarter", "year", "all"}, default "month"
        Weeks are ISO weeks ("2017-W22"); "all" pools everything, undated articles
        included.
    confidence : float, default 0.9
        Coverage of the interval ``temp_low`` … ``temp_high``.
    draws : int, default 1000
        Bootstrap draws.
    random_state : int, default 0
        Seed of the bootstrap, so that the same input gives the same output.
    names : dict, optional
        Country names by ISO3 code; by default those of the gazetteer.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TEMPERATURE_COLUMNS`, one row per pair and period, sorted by
        pair and period. ``change`` is the difference from the pair's previous period
        (empty for its first).

    Raises
    ------
    ValueError
        For an unknown period or missing columns.
    """
    if period not in PERIODS:
        raise ValueError(f"period is {period!r}; expected one of {list(PERIODS)}")
    needed = ["article_id", "country_a", "country_b", *_PROBABILITIES]
    missing = [c for c in needed if c not in scored.columns]
    if missing:
        raise ValueError(f"scored is missing columns {missing}; expected at least {needed}")
    if names is None:
        from stance.gazetteer import load_gazetteer

        names = load_gazetteer().country_names()
    if "date" not in scored.columns and period != "all":
        raise ValueError(
            f"scored has no 'date' column, so it cannot be pooled by {period}; add the articles' dates "
            "(stance.analyze gives a table with them: analysis.paragraphs), or use period='all'")
    frame = scored.copy()
    frame["date"] = pd.to_datetime(frame["date"]) if "date" in frame.columns else pd.NaT
    if "paragraph_key" not in frame.columns and "text" in frame.columns:
        frame["paragraph_key"] = frame["text"].map(paragraph_key)
    if "paragraph_key" in frame.columns:
        # syndicated copy: the same paragraph about the same pair counts once, at its first date
        frame = frame.sort_values(["date", "article_id"], kind="stable", na_position="last")
        frame = frame.drop_duplicates(["country_a", "country_b", "paragraph_key"], keep="first")
    frame["period"] = _period_labels(frame["date"], period)
    frame = frame[frame["period"].notna()]
    weight = paragraph_weights(frame["p_neutral"].to_numpy(dtype=float))
    weighted = frame[_PROBABILITIES].to_numpy(dtype=float) * weight[:, None]
    rng = np.random.default_rng(random_state)
    rows = []
    keys = list(zip(frame["country_a"], frame["country_b"], frame["period"]))
    order = sorted(set(keys))
    index: dict[tuple, list[int]] = {}
    for i, key in enumerate(keys):
        index.setdefault(key, []).append(i)
    articles = frame["article_id"].to_numpy()
    for key in order:
        rows_of = np.asarray(index[key])
        sums, weights = weighted[rows_of], weight[rows_of]
        probabilities = sums.sum(axis=0) / weights.sum()
        ids = articles[rows_of]
        distinct = pd.unique(ids)
        if len(distinct) >= 2:  # resample articles: each unit is an article's weighted sums
            codes = pd.Index(distinct).get_indexer(ids)
            units = np.zeros((len(distinct), len(LABELS)))
            unit_weights = np.zeros(len(distinct))
            np.add.at(units, codes, sums)
            np.add.at(unit_weights, codes, weights)
        else:  # one article: resample its paragraphs
            units, unit_weights = sums, weights
        low, high = _interval(units, unit_weights, rng, draws, confidence)
        a, b, label = key
        rows.append((a, b, names.get(a, a), names.get(b, b), label, len(distinct), len(rows_of),
                     float(temperature_of(probabilities)), low, high, decide_labels(probabilities[None, :])[0]))
    out = pd.DataFrame(rows, columns=TEMPERATURE_COLUMNS[:-1])
    out["change"] = out.groupby(["country_a", "country_b"])["temperature"].diff()
    out["n_articles"] = out["n_articles"].astype("int64")
    out["n_paragraphs"] = out["n_paragraphs"].astype("int64")
    return out[TEMPERATURE_COLUMNS]
