"""Lexicon sentiment of sentences: VADER and TextBlob, each text scored once.

Both analysers are wrapped, not imitated. VADER's ``polarity_scores`` gives ``neg``,
``neu``, ``pos`` and ``compound``; TextBlob's pattern-based analyser gives
``polarity`` and ``subjectivity``. :class:`SentimentScorer` keeps what it has scored,
so a sentence repeated across syndicated articles, or shared by several country pairs
of one paragraph, is scored once.

Lexicon sentiment is one input among many: it reads the mood of a text, not the
relation between two countries ("The US imposed fresh sanctions on Russia." scores
positive on both).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["SentimentScorer", "SENTIMENT_COLUMNS"]

#: Names of the six scores, in the order :meth:`SentimentScorer.score` returns them.
SENTIMENT_COLUMNS = ("vader_neg", "vader_neu", "vader_pos", "vader_compound", "tb_polarity", "tb_subjectivity")


class SentimentScorer:
    """Score texts with VADER and TextBlob, remembering what was scored.

    Parameters
    ----------
    memory : int, default 200_000
        How many distinct texts to remember; when full, the memory starts afresh.

    Notes
    -----
    TextBlob's ``TextBlob(text).sentiment`` builds a new named-tuple class on every
    call; this class calls the same pattern analyser (``textblob.en.sentiment``)
    directly, which gives identical numbers at two thirds of the cost.
    """

    def __init__(self, memory: int = 200_000) -> None:
        self.memory = memory
        self._vader = None
        self._pattern = None
        self._seen: dict[str, tuple[float, ...]] = {}

    def _analysers(self):
        if self._vader is None:
            from textblob.en import sentiment as pattern_sentiment
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            self._vader = SentimentIntensityAnalyzer()
            self._pattern = pattern_sentiment
        return self._vader, self._pattern

    def score_one(self, text: str) -> tuple[float, ...]:
        """The six scores of one text (see :data:`SENTIMENT_COLUMNS`)."""
        known = self._seen.get(text)
        if known is not None:
            return known
        vader, pattern = self._analysers()
        v = vader.polarity_scores(text)
        polarity, subjectivity = pattern(text)[:2]
        scores = (v["neg"], v["neu"], v["pos"], v["compound"], float(polarity), float(subjectivity))
        if len(self._seen) >= self.memory:
            self._seen.clear()
        self._seen[text] = scores
        return scores

    def score(self, texts: Iterable[str]) -> np.ndarray:
        """Scores of many texts, one row per text, columns as :data:`SENTIMENT_COLUMNS`.

        Parameters
        ----------
        texts : iterable of str

        Returns
        -------
        numpy.ndarray of shape (n_texts, 6)
        """
        rows = [self.score_one(t) for t in texts]
        return np.asarray(rows, dtype=float).reshape(len(rows), len(SENTIMENT_COLUMNS))
