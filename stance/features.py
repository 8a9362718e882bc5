"""Pair features: scikit-learn transformers over the rows of :func:`stance.build_pairs`.

Each transformer reads one row per paragraph and country pair and returns named
columns (``get_feature_names_out``; ``set_output(transform="pandas")`` gives a
DataFrame). None of them learns anything in ``fit``: they compute what the reading of
the paragraph says about the pair, and the classifier learns the weights.

- :class:`ParagraphSentiment`: VADER and TextBlob over the paragraph (the sentences'
  scores, weighted by length).
- :class:`PairContext`: the sentences that hold both countries, how far apart the two
  are, and the sentiment of the sentences that hold both.
- :class:`CueFeatures`: cooperation and conflict cues of the lexicon by where they
  stand relative to the pair (between the two, in a sentence with both, with only one),
  split by negation, hedging and reversal, with Goldstein weights and quad counts.
- :class:`ThirdParty`: other countries and constructions that set the pair apart ("A's
  adversaries, B and C", "A moved closer to B", "A and B signed", "between A and B").
- :class:`MentionRoles`: whether a country is named as a state, or only as the
  nationality of people who do not act for it ("Syrian rebels", "an Irish
  businessman"), as a place ("in northern Iraq") or through a former office holder.
- :class:`MaskedContext`: the words around the pair with the countries replaced by
  ``CTRYA``, ``CTRYB`` and ``CTRYX``, for a learned bag of n-grams.
- :class:`EventClasses`: what kind of event the pair's sentences report, as a
  classifier of news sentences labelled with event classes predicts it. It learns in
  ``fit``, from its own file of sentences, not from the pairs.
- :class:`ContextNgrams`: the TF-IDF n-grams of the masked context, once for every row
  and once more for news rows alone. It learns its vocabulary in ``fit``, as any
  TF-IDF does.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from bisect import bisect_left, bisect_right
from functools import lru_cache, partial
from itertools import chain, islice
from operator import is_not
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from stance._resources import data_dir
from stance.errors import InputError
from stance.gazetteer import read_input_csv, read_table, row_error
from stance.lexicon import QUADS
from stance.pairs import _sentence_index, mask_countries
from stance.sentiment import SENTIMENT_COLUMNS

__all__ = ["ParagraphSentiment", "PairContext", "CueFeatures", "ThirdParty", "MentionRoles", "MaskedContext",
           "ContextNgrams",
           "Provenance", "EventClasses", "EVENT_CLASSES", "read_events", "PAIR_INPUT_COLUMNS"]

#: The columns of :func:`stance.build_pairs` that the transformers read.
PAIR_INPUT_COLUMNS = ["text", "spans_a", "spans_b", "others", "sentences", "sentence_scores", "cues",
                      "sentences_a", "sentences_b", "cue_sides", "country_a", "country_b"]


class _PairTransformer(TransformerMixin, BaseEstimator):
    """Common checks and output naming for transformers over pair rows."""

    _names: tuple[str, ...] = ()
    # the fitted attribute that transform checks for
    _fitted = "n_features_in_"
    # attributes that fit sets to mark a transformer fitted since the last columns of
    # _names existed, one per column added, in the order the columns were added (the
    # last mark for the last column); one fitted before (in a model saved then) lacks
    # the marks from that column on and gives the columns before it, as it did
    _column_marks: tuple[str, ...] = ()
    # parameters that take one of two values, checked when fitting and transforming
    _choices: dict[str, tuple[str, str]] = {}

    def fit(self, X, y=None):
        """Check the input and record its columns; nothing is learnt.

        Parameters
        ----------
        X : pandas.DataFrame
            Rows of :func:`stance.build_pairs`.
        y : ignored

        Returns
        -------
        self
        """
        self._check(X)
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = len(X.columns)
        for mark in self._column_marks:
            setattr(self, mark, True)
        return self

    def _width(self) -> int:
        """How many of ``_names`` this fitted transformer gives (see ``_column_marks``)."""
        marks = self._column_marks
        for k, mark in enumerate(marks):
            if not getattr(self, mark, False):
                return len(self._names) - (len(marks) - k)
        return len(self._names)

    def _check(self, X) -> None:
        for name, choices in self._choices.items():
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(f"{name} is {value!r}; expected {repr(choices[0])} or {repr(choices[1])}")
        if not isinstance(X, pd.DataFrame):
            raise TypeError(
                f"{type(self).__name__} expects a pandas DataFrame of pairs as returned by "
                f"stance.build_pairs, got {type(X).__name__}"
            )
        missing = [c for c in PAIR_INPUT_COLUMNS if c not in X.columns]
        if missing:
            raise ValueError(
                f"{type(self).__name__}: the pairs are missing columns {missing}; expected "
                f"{PAIR_INPUT_COLUMNS} (as returned by stance.build_pairs), found {list(X.columns)}"
            )

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the output columns.

        Parameters
        ----------
        input_features : ignored

        Returns
        -------
        numpy.ndarray of str
        """
        check_is_fitted(self, "n_features_in_")
        return np.asarray(self._output_names(), dtype=object)

    def _output_names(self):
        """The names of the fitted transformer's output columns."""
        return self._names[:self._width()]

    def transform(self, X):
        """Compute the features of every pair.

        Parameters
        ----------
        X : pandas.DataFrame
            Rows of :func:`stance.build_pairs`.

        Returns
        -------
        numpy.ndarray of shape (n_pairs, n_features), or a DataFrame after
        ``set_output(transform="pandas")``.
        """
        check_is_fitted(self, self._fitted)
        self._check(X)
        values, width = self._values(X), self._width()
        return values if width == len(self._names) else values[:, :width]

    def _values(self, X) -> np.ndarray:
        """The features of checked pair rows, one column per name of ``_names``."""
        values = self._rows(zip(*(X[column].tolist() for column in PAIR_INPUT_COLUMNS)))
        return np.asarray(values, dtype=float).reshape(len(values), len(self._names))

    def _rows(self, rows) -> list[list[float]]:
        """The features of each row. Transformers that read something once for all the
        pairs of a paragraph override this, and keep what they read for one call only
        (see :func:`_memoised`)."""
        return [self._row(*row) for row in rows]

    def _row(self, text, spans_a, spans_b, others, sentences, scores, cues, in_a, in_b, sides, a, b) -> list[float]:
        raise NotImplementedError

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


def _memoised(function):
    """``function`` with a memory of its results that lives as long as the callable
    returned; a transformer makes one per call, so that nothing is kept between calls
    (and a benchmark's repeats cost what the first run costs)."""
    memory = {}

    def call(*args):
        try:
            return memory[args]
        except KeyError:
            memory[args] = value = function(*args)
            return value

    return call


def _weighted_scores(sentences, scores, keep) -> list[float]:
    """Length-weighted mean of the sentence scores of the kept sentences (zeros if none)."""
    total, sums = 0, [0.0] * len(SENTIMENT_COLUMNS)
    for (s, e), score, k in zip(sentences, scores, keep):
        if k:
            n = e - s
            total += n
            sums = [a + n * v for a, v in zip(sums, score)]
    return [v / total for v in sums] if total else sums


class ParagraphSentiment(_PairTransformer):
    """VADER's neg, neu, pos and compound and TextBlob's polarity and subjectivity of
    the paragraph around the pair: the scores of its sentences, weighted by their
    length.

    Parameters
    ----------
    scope : {"pair", "paragraph"}, default "pair"
        Which of the paragraph's sentences are scored for a pair: ``"pair"``, those
        that name either country of the pair (a phrase for both, "the two sides",
        names each); ``"paragraph"``, all of them (models saved before 2026-12-07
        read so). For a sentence alone, or a paragraph whose every sentence names one
        of the two, they are the same. In a paragraph that also tells of other
        countries, "paragraph" gives every pair the tone of every story, which the
        model learnt from single news sentences to read as the pair's own, as
        :class:`CueFeatures` (``paragraph_cues``) and :class:`ThirdParty`
        (``countries_scope``) found for cues and counts. Over twenty new splits of
        the held-out news, with the two scoped to the pair together, the held-out
        sentences joined into paragraphs read a three-way macro-F1 higher by
        +0.004 ± 0.003 and an MAE lower by 0.025 ± 0.006, the sentences alone the
        same (``models/README.md``, stop 26).
    """

    _names = tuple(f"paragraph_{c}" for c in SENTIMENT_COLUMNS)
    _choices = {"scope": ("pair", "paragraph")}

    def __init__(self, scope: str = "pair") -> None:
        self.scope = scope

    def __setstate__(self, state):
        # models saved before the parameter existed scored the whole paragraph
        state.setdefault("scope", "paragraph")
        super().__setstate__(state)

    def _values(self, X) -> np.ndarray:
        # the pairs of one paragraph share its tuple of scores, and those of one set of
        # sentences their mean: average each once
        means: dict[tuple, list[float]] = {}
        values = []
        whole = self.scope == "paragraph"
        for sentences, scores, in_a, in_b in zip(X["sentences"].tolist(), X["sentence_scores"].tolist(),
                                                 X["sentences_a"].tolist(), X["sentences_b"].tolist()):
            kept = None if whole else in_a | in_b
            key = (id(scores), kept)
            if key not in means:
                keep = ([True] * len(sentences) if not kept
                        else [k in kept for k in range(len(sentences))])
                means[key] = _weighted_scores(sentences, scores, keep)
            values.append(means[key])
        return np.asarray(values, dtype=float).reshape(len(values), len(self._names))


class PairContext(_PairTransformer):
    """Where the two countries stand: shared sentences, distance, and their sentiment.

    Distance (``log_char_distance``, ``words_between``) and order (``a_before_b``) are
    those of the nearest two mentions of the pair. A phrase that stands for both at
    once ("the two sides", a ``dyad`` mention) counts as a mention of each and as a
    sentence holding both, but gives no distance or order: a pair named only by such
    a phrase has distance 0 and order 0.5.

    Parameters
    ----------
    fallback : bool, default True
        When no sentence holds both countries, score the sentences that hold either one
        as the context (flagged by ``context_is_joint`` = 0).
    """

    _names = (
        "mentions_a", "mentions_b", "joint_sentences", "joint_share", "context_is_joint",
        "log_char_distance", "words_between", "a_before_b",
    ) + tuple(f"context_{c}" for c in SENTIMENT_COLUMNS)

    def __init__(self, fallback: bool = True) -> None:
        self.fallback = fallback

    def _row(self, text, spans_a, spans_b, others, sentences, scores, cues, in_a, in_b, sides, a, b):
        both = in_a & in_b
        n_joint = len(both)
        keep = [k in both for k in range(len(sentences))]
        if not n_joint and self.fallback:
            either = in_a | in_b
            keep = [k in either for k in range(len(sentences))]
        gap, between, order = None, 0, 0.0
        for a in spans_a:
            for b in spans_b:
                if a == b:  # one phrase for both ("the two sides"): no distance, no order
                    continue
                lo, hi = (a, b) if a[0] < b[0] else (b, a)
                d = max(hi[0] - lo[1], 0)
                if gap is None or d < gap:
                    gap = d
                    between = len(text[lo[1]:hi[0]].split())
                    order = 1.0 if a[0] < b[0] else 0.0
        if gap is None and set(spans_a) & set(spans_b):
            order = 0.5
        return [
            len(spans_a), len(spans_b), n_joint, n_joint / max(len(sentences), 1), float(n_joint > 0),
            math.log1p(gap or 0), min(between, 60), order,
        ] + _weighted_scores(sentences, scores, keep)


_CUE_SCOPES = ("between", "joint", "side", "paragraph")
_CUE_KINDS = ("plain", "negated", "hedged", "reversed")
_CUE_NAMES = tuple(f"cue_{scope}_{kind}" for scope in _CUE_SCOPES for kind in _CUE_KINDS) + tuple(
    f"cue_joint_{q}" for q in QUADS
) + ("cue_joint_max", "cue_joint_min", "cue_joint_count", "cue_nearest_pair_sum",
     "cue_attached_positive", "cue_attached_negative", "cue_attached_mutual", "cue_attached_hedged",
     "cue_attached_count", "cue_elsewhere")
# where each sum goes in a row of CueFeatures: (scope, kind index), ("quad", quad index), or a name
_CUE_INDEX = {
    **{(scope, k): _CUE_NAMES.index(f"cue_{scope}_{kind}") for scope in _CUE_SCOPES
       for k, kind in enumerate(_CUE_KINDS)},
    **{("quad", q): _CUE_NAMES.index(f"cue_joint_{name}") for q, name in enumerate(QUADS)},
    "max": _CUE_NAMES.index("cue_joint_max"), "min": _CUE_NAMES.index("cue_joint_min"),
    "count": _CUE_NAMES.index("cue_joint_count"), "nearest": _CUE_NAMES.index("cue_nearest_pair_sum"),
    "positive": _CUE_NAMES.index("cue_attached_positive"), "negative": _CUE_NAMES.index("cue_attached_negative"),
    "mutual": _CUE_NAMES.index("cue_attached_mutual"), "hedged": _CUE_NAMES.index("cue_attached_hedged"),
    "attached": _CUE_NAMES.index("cue_attached_count"), "elsewhere": _CUE_NAMES.index("cue_elsewhere"),
}
class CueFeatures(_PairTransformer):
    """Cooperation and conflict cues, by where they stand relative to the pair.

    Weights are Goldstein values divided by 10 (-1 to +1). A cue counts in the
    ``between`` scope when it lies between a mention of one country and a mention of
    the other in a sentence holding both ("A imposed sanctions on B"), in ``joint``
    when it is in a sentence holding both, in ``side`` when its sentence holds only one
    of them, and in ``paragraph`` when its sentence names either country (or, with
    ``paragraph_cues="all"``, wherever it is). In each scope, cues are summed apart
    by how they are modified: ``plain``, ``negated``, ``hedged`` and ``reversed``
    ("lifted sanctions").

    A cue in a sentence holding both counts there only if its clause (the stretch
    between semicolons, colons, "but", "while", "although" and quotation marks) names
    a country: in '"Normally, relations see ups and downs but India-Russia relations
    have not," Modi said' the first cue speaks of no one.

    A cue is *attached* to the pair when the countries just before it (with those
    joined to them by "and" or commas, "the" or not) and the countries just after it,
    in its clause and not named as a place ("China and Pakistan signed agreements, which
    India opposes": India is no side of the signing; "drills near Japan"), hold one
    country of the pair each ("A imposed sanctions on B"), or when both stand together
    before it with no other country after it ("A and B signed", "A and B exchanged
    fire"; in "A and B sent aid to C" they act on C, not on each other, and the cue is
    C's). ``cue_attached_*`` sum those cues, signed so that a negated or reversed cue
    counts against its weight; ``cue_elsewhere`` sums the cues of sentences holding
    both that are attached to another pair instead, which a reader discounts ("A and C
    signed a deal as B looked on"). A cue that a third country does to both ("C lifted
    its embargo against both A and B") counts only there, in no other sum of the pair,
    unless "between" introduces the two ("C brokered talks between A and B").

    Parameters
    ----------
    mutual_reach : int or None, default 3
        The most content words (words not among scikit-learn's English stop words)
        between the pair and a cue they both stand before for the cue to be mutual:
        "India and Pakistan exchanged fire" and "Indo-Russia relations have not seen
        any ups and downs" are, but in "South Africa, Russia and China began ten days
        of naval exercises, including drills to repel attacks" the attacks are no
        one's. In the labelled data, the items with a conflict cue right after the
        pair are conflictual in two thirds of cases, those with one more than three
        words away in a fifth. None sets no limit (models saved before
        2026-12-05 read so).
    paragraph_cues : {"pair", "all"}, default "pair"
        Which cues the ``cue_paragraph_*`` sums count: ``"pair"``, those of the
        sentences that name either country of the pair; ``"all"``, every cue of the
        paragraph (models saved before 2026-12-06 read so). For a sentence alone the
        two are the same. In a paragraph, "all" adds the sanctions and attacks of
        sentences about other countries, which the model learnt from single news
        sentences to read as the pair's: on the held-out news joined into paragraphs,
        "pair" scores a three-way macro-F1 of 0.685 against 0.677 over four random
        states, the sentences alone 0.683 against 0.683 (``models/README.md``,
        stop 18).
    deeds_end_mutual : bool, default True
        Whether a pair that a third country has acted on earlier in the sentence
        ("C closed its borders with A and B", "C expelled diplomats from A, B and D")
        stands as the object of that deed, not as the subject of the sentence's later
        cues: in "C closed its borders with A and B over security concerns" the
        concerns are not a mutual conflict of A and B. A hedged cue is still theirs
        ("C urged A and B to settle the dispute"), and so is a cue after a dyad ("C
        hosts A-B talks"), an apposition ("C's adversaries, A and B, opened joint
        exercises") or a clause of their own ("C was concerned after A and B traded
        barbs"). In the real training news, the eight items whose cues were read as
        mutual conflict were all of the first kind or co-action, none of them
        conflictual, and the model learnt from them to read "A and B clashed" as no
        clash. False reads as models saved before 2026-12-06 did.
    mutual_conflict : {"reciprocal", "any"}, default "reciprocal"
        Which conflict cues two countries standing together before them do to each
        other. ``"reciprocal"``: those of ``features/reciprocal_cues.csv`` ("A and B
        clashed", "A and B's rivalry"), those after "traded" or "exchanged" ("A and B
        traded accusations") and those followed by "each other" or "one another" ("A
        and B accused each other"); other conflict cues are deeds the two do together
        to someone else ("Russian and Syrian jets struck rebel positions", "A and B
        condemned the attack"), and attach to neither. ``"any"``: every cue, as models
        saved before 2026-12-07 read. Cooperation cues are mutual in either case ("A
        and B signed").
    """

    _names = _CUE_NAMES
    _choices = {"paragraph_cues": ("pair", "all"), "mutual_conflict": ("reciprocal", "any")}

    def __init__(self, mutual_reach: int | None = 3, paragraph_cues: str = "pair",
                 deeds_end_mutual: bool = True, mutual_conflict: str = "reciprocal") -> None:
        self.mutual_reach = mutual_reach
        self.paragraph_cues = paragraph_cues
        self.deeds_end_mutual = deeds_end_mutual
        self.mutual_conflict = mutual_conflict

    def __setstate__(self, state):
        # models saved before the parameters existed read as they did: no limit, every
        # cue of the paragraph in its scope, no deed ending a mutual reading, and any
        # conflict cue mutual
        state.setdefault("mutual_reach", None)
        state.setdefault("paragraph_cues", "all")
        state.setdefault("deeds_end_mutual", False)
        state.setdefault("mutual_conflict", "any")
        super().__setstate__(state)

    def _rows(self, rows):
        # the clause breaks of a sentence, and the clause of each cue, are found once
        # for all the pairs of its paragraph
        breaks = _memoised(_clause_breaks)

        def clause(text, s, e, start, end):
            return _clause(breaks(text, s, e), s, e, start, end)

        clause = _memoised(clause)
        return [self._row(*row, clause=clause) for row in rows]

    def _row(self, text, spans_a, spans_b, others, sentences, scores, cues, in_a, in_b, sides, a, b, *,
             clause):
        v = [0.0] * len(self._names)
        if not cues:
            return v
        weights = []
        pair = {a, b}
        everywhere = self.paragraph_cues == "all"
        deeds = {}  # sentence -> where a third country's first deed on the pair ends
        pair_spans = spans_a + spans_b
        pair_starts = sorted([x[0] for x in pair_spans])
        other_starts = sorted([o[1] for o in others])
        between = {}  # sentence -> the stretches between a mention of a and one of b in it
        for cue, (left, right) in zip(cues, sides):
            k = cue[10]
            has_a, has_b = k in in_a, k in in_b
            weight, kind = cue[5] / 10.0, _KIND_OF[cue[7] << 2 | cue[8] << 1 | cue[9]]
            signed = -weight if kind in (1, 3) else weight
            if not (has_a or has_b):
                if everywhere:
                    v[_AT_PARAGRAPH[kind]] += weight
                continue
            v[_AT_PARAGRAPH[kind]] += weight
            if has_a and has_b and pair <= right and left and not (left & pair) and not self._between(
                    text, spans_a + spans_b, cue[1]):
                # "C lifted its embargo against both A and B": C's deed on the two, not
                # a relation between them ("C brokered talks between A and B" is one)
                v[_AT_ELSEWHERE] += abs(weight)
                if weight and k not in deeds and _object_of(text, spans_a, spans_b, cue[1]):
                    deeds[k] = cue[1]
                continue
            if has_a and has_b:
                s, e = sentences[k]
                start = cue[0]
                lo, hi = clause(text, s, e, start, cue[1])
                if not (_any_within(pair_starts, lo, hi) or _any_within(other_starts, lo, hi)):
                    continue  # a clause that names no country: "Normally, relations see ups and downs"
                v[_AT_JOINT[kind]] += weight
                stretches = between.get(k)
                if stretches is None:
                    stretches = between[k] = [(min(x[1], y[1]), max(x[0], y[0]))
                                              for x in spans_a if s <= x[0] < e for y in spans_b if s <= y[0] < e]
                for after, before in stretches:
                    if after <= start < before:
                        v[_AT_BETWEEN[kind]] += weight
                        break
                v[_AT_QUAD[cue[6]]] += 1
                v[_AT_COUNT] += 1
                weights.append(signed)
                # is the pair nearer to this cue than any third country?
                if not other_starts or _gap(pair_starts, start) <= _gap(other_starts, start):
                    v[_AT_NEAREST] += weight
            else:
                v[_AT_SIDE[kind]] += weight
            across = (a in left and b in right) or (b in left and a in right)
            # both before the cue and no other country after it: they act on each other
            # ("A and B exchanged fire"), not together on a third ("A and B sent aid to C"),
            # unless a third country acted on them before ("C closed its borders with A
            # and B over security concerns"), though what it urges them to do is theirs
            # ("C urged A and B to settle the dispute"); cues come in the order of the text
            mutual = (pair <= left and not (right - pair) and self._near(text, pair_spans, cue[0])
                      and not (self.deeds_end_mutual and kind != 2 and _after_deed(text, deeds.get(k), cue[0]))
                      and not (weight < 0 and self.mutual_conflict == "reciprocal"
                               and not _reciprocal(text, cue, sentences[k])))
            if across or mutual:
                value = signed * (0.5 if kind == 2 else 1.0)
                v[_AT_POSITIVE if value > 0 else _AT_NEGATIVE] += value
                v[_AT_ATTACHED] += 1
                if mutual:
                    v[_AT_MUTUAL] += value
                if kind == 2:
                    v[_AT_HEDGED] += weight
            elif has_a and has_b and (left | right) - pair:
                v[_AT_ELSEWHERE] += abs(weight)
        if weights:
            v[_AT_MAX], v[_AT_MIN] = max(weights), min(weights)
        return v

    @staticmethod
    def _between(text: str, spans, end: int) -> bool:
        """Whether "between" stands from ``end`` to the pair's first mention after it."""
        first = min((s for s, _ in spans if s >= end), default=end)
        return "between" in text[end:first].lower()

    def _near(self, text: str, spans, start: int) -> bool:
        """Whether at most ``mutual_reach`` content words stand between the pair's last
        mention before ``start`` and ``start``."""
        if self.mutual_reach is None:
            return True
        end = max((e for _, e in spans if e <= start), default=None)
        if end is None:
            return False
        words = _WORDS.findall(text, end, start)
        return sum(w.lower() not in ENGLISH_STOP_WORDS for w in words) <= self.mutual_reach


# what makes the countries after a third country's deed the subject of a clause of
# their own ("C was concerned after A and B traded barbs", "C recalled its envoys to A
# and B after the two issued a joint statement")
_NEW_SUBJECT = re.compile(r"\b(?:after|as|when|while|because|since|before|until|once|if|that|which|where)\b",
                          re.IGNORECASE)
_DYAD_LINK = frozenset("-‐–/")


# what makes a conflict cue one that two countries before it do to each other, besides
# the cue itself (features/reciprocal_cues.csv): "each other" after it, "traded" or
# "exchanged" before it
_EACH_OTHER = re.compile(r"(?:\W+\w+){0,3}?\W+(?:each\s+other|one\s+another)\b", re.IGNORECASE)
_TRADED = re.compile(r"\b(?:trad|exchang)(?:e|es|ed|ing)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)


def _reciprocal(text: str, cue: tuple, sentence: tuple[int, int]) -> bool:
    """Whether the conflict ``cue`` (a :meth:`stance.lexicon.Lexicon.read` hit) is one
    that the countries before it do to each other."""
    if cue[11]:  # a cue of features/reciprocal_cues.csv
        return True
    s, e = sentence
    return (_EACH_OTHER.match(text, cue[1], e) is not None
            or _TRADED.search(text, max(s, cue[0] - 40), cue[0]) is not None)


def _after_deed(text: str, deed_end: int | None, start: int) -> bool:
    """Whether a cue at ``start`` continues the clause of a third country's deed on
    the pair that ended at ``deed_end``, with no clause of the pair's own between."""
    return deed_end is not None and deed_end <= start and not _NEW_SUBJECT.search(text, deed_end, start)


def _object_of(text: str, spans_a, spans_b, end: int) -> bool:
    """Whether the pair named after ``end`` (where a third country's deed ends) is that
    deed's object: not in apposition ("C's adversaries, A and B, opened joint
    exercises"), and not when they are named as a dyad, whose talks and ties are theirs
    ("C hosts A-B ceasefire talks")."""
    first = min((x[0] for x in spans_a + spans_b if x[0] >= end), default=None)
    if first is None or not text[end:first].strip(" ,:;(–—-"):
        return False  # an apposition: "C's two adversaries, A and B, signed"
    return not any(text[min(x[1], y[1]):max(x[0], y[0])] in _DYAD_LINK
                   for x in spans_a if x[0] >= end for y in spans_b if y[0] >= end)


# the words counted by CueFeatures' mutual reach
_WORDS = re.compile(r"[^\W\d_]+")

# a sentence holds a clause break only if it holds one of these
_CLAUSE_HINTS = (";", ":", '"', "“", "”", "but", "while", "whereas", "though")
_CLAUSE_BREAK = re.compile(r"[;:]\s*|,?\s+(?:but|while|whereas|although|though)\s+|,\s*[\"“]|[\"”]\s*,?\s*")


def _clause_breaks(text: str, s: int, e: int) -> tuple[list[int], list[int]]:
    """Where the clause breaks of the sentence ``text[s:e]`` start and end: semicolons,
    colons, "but", "while", "although" and the like, and quotation marks."""
    starts, ends = [], []
    sentence = text[s:e]
    if not any(hint in sentence for hint in _CLAUSE_HINTS):  # no break can match: skip the regex
        return starts, ends
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _any_within(ascending: list[int], lo: int, hi: int) -> bool:
    """Whether any of the ascending offsets is in ``[lo, hi)``."""
    i = bisect_left(ascending, lo)
    return i < len(ascending) and ascending[i] < hi


def _gap(ascending: list[int], at: int) -> int:
    """The least distance from ``at`` to any of the ascending offsets (at least one)."""
    i = bisect_left(ascending, at)
    if i == len(ascending):
        return at - ascending[-1]
    return min(at - ascending[i - 1], ascending[i] - at) if i else ascending[i] - at


def _clause(breaks: tuple[list[int], list[int]], s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence ``[s, e)`` around ``[start, end)``: from the end of the
    last break before it to the start of the first after it (``breaks`` as returned by
    :func:`_clause_breaks`)."""
    starts, ends = breaks
    i = bisect_right(ends, start)  # breaks are disjoint and in order: their ends ascend
    lo = ends[i - 1] if i else s
    j = bisect_left(starts, end, i)
    hi = starts[j] if j < len(starts) else e
    return lo, hi


def _cue_kind(negated: bool, hedged: bool, reversed_: bool) -> int:
    """The index in :data:`_CUE_KINDS` of a cue read with these modifiers.

    A negated reversal flips the cue twice ("will not lift the sanctions",
    "refused to end the blockade": the sanctions and the blockade stay), so it counts
    as the cue itself, hedged if a hedge governs it too.
    """
    if reversed_ and negated:
        return 2 if hedged else 0
    return 3 if reversed_ else 1 if negated else 2 if hedged else 0


# _cue_kind of every (negated, hedged, reversed), indexed by the three as bits
_KIND_OF = tuple(_cue_kind(bool(n & 4), bool(n & 2), bool(n & 1)) for n in range(8))

# _CUE_INDEX as plain indices, looked up once: by kind for each scope, by quad, by name
_AT_BETWEEN, _AT_JOINT, _AT_SIDE, _AT_PARAGRAPH = (
    tuple(_CUE_INDEX[scope, k] for k in range(len(_CUE_KINDS))) for scope in _CUE_SCOPES)
_AT_QUAD = tuple(_CUE_INDEX["quad", q] for q in range(len(QUADS)))
(_AT_MAX, _AT_MIN, _AT_COUNT, _AT_NEAREST, _AT_POSITIVE, _AT_NEGATIVE, _AT_MUTUAL, _AT_HEDGED, _AT_ATTACHED,
 _AT_ELSEWHERE) = (_CUE_INDEX[name] for name in ("max", "min", "count", "nearest", "positive", "negative",
                                                  "mutual", "hedged", "attached", "elsewhere"))


def _by_sentence(spans, sentences, at: int = 0) -> dict[int, list]:
    """The spans that start inside each sentence, in their order, by sentence index;
    a span starts at its item ``at`` (1 for the ``(country, start, end)`` of others).
    A span between two sentences is in neither."""
    starts = [s for s, _ in sentences]
    out: dict[int, list] = {}
    for span in spans:
        k = _sentence_index(starts, span[at]) if sentences else -1
        if k >= 0 and sentences[k][0] <= span[at] < sentences[k][1]:
            out.setdefault(k, []).append(span)
    return out


def _start_of_last_words(stretch: str, n: int) -> int:
    """Where the last ``n`` whitespace-separated words of ``stretch`` begin (its end if
    it has none), found with ``str.rsplit`` rather than a match per word."""
    parts = stretch.rsplit(None, n)
    if not parts:
        return len(stretch)
    if len(parts) <= n:  # n words or fewer: from the first
        return len(stretch) - len(stretch.lstrip())
    rest = stretch[len(parts[0]):]
    return len(stretch) - len(rest.lstrip())


def _end_of_first_words(stretch: str, n: int) -> int:
    """Where the first ``n`` whitespace-separated words of ``stretch`` end (0 if it has
    none)."""
    parts = stretch.split(None, n)
    if not parts:
        return 0
    if len(parts) <= n:  # n words or fewer: to the last
        return len(stretch.rstrip())
    return len(stretch[:len(stretch) - len(parts[n])].rstrip())
_ENEMY = r"(?:adversar(?:y|ies)|rivals?|arch-?rivals?|enem(?:y|ies)|foes?|nemesis)"
_FRIEND = r"(?:allies|ally|friends?|partners?)"
_CLOSER = r"(?:moved|moving|move|drawn|drew|drifted|drifting|grown|grew|edged|tilted|tilting)\s+(?:\w+\s+)?closer\s+to"
# what one country's forces are, and what is not a country's ("Russian-backed Syrian
# troops" against "Russian-backed Ukrainian separatists")
_FORCES = (r"(?:forces|troops|army|armed\s+forces|soldiers|military|government|regime|units|warplanes|jets"
           r"|aircraft|air\s+force|navy|police|coast\s+guard|offensive|operations?|commandos|brigades?"
           r"|battalions?|divisions?|gunboats|artillery)")
_NON_STATE = (r"(?:rebels?|separatists?|militants?|insurgents?|militias?|militiamen|fighters|guerrillas?"
              r"|prox(?:y|ies)|paramilitar\w*|opposition|jihadists?|mercenar\w*|groups?|factions?|gunmen"
              r"|dissidents|warlords?|Kurds|Kurdish|Houthis?|Islamists?)")
_BACKED = (r"(?:backed|supported|armed|funded|financed|trained|equipped|sponsored|assisted|aided|helped"
           r"|reinforced|escorted)")
_SUPPLIED = r"(?:supplied|provided|donated|delivered|made|built|manufactured|sent|given)"
# the words each form of ThirdParty's "backs" needs
_BACKING_TRIGGERS = {
    "backs_compound": tuple(form for verb in ("backed", "supported", "armed", "funded", "financed", "trained",
                                               "equipped", "sponsored", "assisted", "aided", "helped",
                                               "reinforced", "escorted")
                            for form in (f"-{verb}", f"{verb} by")),
    "backs_alongside": ("alongside", "together with", "side by side", "jointly with"),
    "backs_support": ("support of", "support from", "backing of", "backing from", "help of", "help from",
                      "assistance of", "assistance from", "cover of", "cover from"),
    "backs_supply": tuple(form for verb in ("supplied", "provided", "donated", "delivered", "made", "built",
                                             "manufactured", "sent", "given")
                          for form in (f"-{verb}", f"{verb} by")),
}
# each trigger of _BACKING_TRIGGERS holds one of these or is a hyphened compound
_BACKING_STEMS = ("ed by", "made by", "built by", "sent by", "given by", "alongside", "together with",
                  "side by side", "jointly with", "support", "backing", "help", "assistance", "cover")
_BACKING_COMPOUND = re.compile(r"-(?:[a-z]+ed|made|built|sent|given)\b")
# the first country of a sentence: no other country before it
_FIRST_OF_SENTENCE = r"(?:^|[.;!?]\s+)(?:(?!CTRY)[^.;!?]){0,40}?"


def _construction(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


class ThirdParty(_PairTransformer):
    """Other countries, and constructions that say how the pair stands.

    Counts:

    - ``countries``: how many countries the paragraph names, the pair's two included
      (by default only those named in sentences that name either country of the pair:
      see ``countries_scope``);
    - ``others_in_joint``: mentions of other countries in the sentences that hold both;
    - ``countries_in_context``: how many countries the pair's own sentences name (those
      that hold both, else those that hold either), the pair's two included. A sentence
      that names many countries is often a list that says little of any one pair; a
      paragraph of several sentences that names as many is not, and this count does not
      grow with the paragraph's other sentences.

    Flags are read from the paragraph with the pair masked as ``CTRYA``/``CTRYB`` and
    other countries as ``CTRYX``:

    - ``enemy_of``: one of the pair is called the other's adversary, rival or enemy
      ("CTRYA's adversaries, CTRYX and CTRYB");
    - ``friend_of``: one is called the other's ally, friend or partner;
    - ``closer_to``: one moved closer to the other (not to the other's adversaries:
      "CTRYB has moved closer to CTRYA's adversaries" is no warming of the two);
    - ``closer_to_other``: one of the pair moved closer to a third country;
    - ``coordinated``: "CTRYA and CTRYB" stand together as the subject of a clause;
    - ``between``: "between CTRYA and CTRYB";
    - ``listed``: the two stand in a comma list of three or more countries;
    - ``backs``: one backs the other's forces in a fight, fights alongside them or arms
      them ("Russian-backed Syrian troops", "Syrian government forces backed by
      Russian warplanes", "Ethiopian troops, fighting alongside Eritrean forces",
      "French forces ... with the support of Malian troops", "US air strikes in support
      of Iraqi forces", "Ukrainian troops using tanks supplied by Germany"), so that
      the fight's words are not read between them. Backed rebels, separatists or
      militias are not a country's forces ("Russian-backed Ukrainian separatists").
      Models fitted before it existed (2026-12-06) lack the fitted mark
      ``reads_backing_`` and read on without the column.

    Parameters
    ----------
    countries_scope : {"pair", "paragraph"}, default "pair"
        Where ``countries`` counts: ``"pair"``, in the paragraph's sentences that name
        either country of the pair; ``"paragraph"``, in the whole paragraph (models
        saved before 2026-12-07 read so). The news taught the model that a pair among
        many countries is most often in a list, which is neutral; a paragraph whose
        other sentences tell of other countries is not a list (see
        :class:`ParagraphSentiment`'s ``scope`` for what the two measured together).
    """

    _names = ("countries", "others_in_joint", "enemy_of", "friend_of", "closer_to", "closer_to_other",
              "coordinated", "between", "listed", "two_sides", "countries_in_context", "backs")
    # models fitted before countries_in_context, or before backs, existed read on
    # without the columns they lacked
    _column_marks = ("counts_context_", "reads_backing_")
    _choices = {"countries_scope": ("pair", "paragraph")}

    def __init__(self, countries_scope: str = "pair") -> None:
        self.countries_scope = countries_scope

    def __setstate__(self, state):
        # models saved before the parameter existed counted the whole paragraph
        state.setdefault("countries_scope", "paragraph")
        super().__setstate__(state)

    _PATTERNS = {
        "enemy_of": _construction(
            rf"CTRY([AB])(?:'s|’s)?\s+(?:\w+\s+){{0,2}}{_ENEMY}\b[^.;]{{0,60}}?CTRY(?!\1)[AB]"
            rf"|CTRY([AB])\s+(?:and|or)\s+(?:its|their)\s+(?:\w+\s+)?{_ENEMY}\s+CTRY(?!\2)[AB]"
            rf"|CTRY([AB])[^.;]{{0,40}}?\b{_ENEMY}\s+(?:of|to)\s+CTRY(?!\3)[AB]"
            rf"|CTRY([AB])\s+and\s+CTRY(?!\4)[AB][^.;]{{0,30}}\b(?:arch-?)?{_ENEMY}\b"
        ),
        "friend_of": _construction(
            rf"CTRY([AB])(?:'s|’s)\s+(?:\w+\s+){{0,3}}{_FRIEND}\b[^.;]{{0,60}}?CTRY(?!\1)[AB]"
            rf"|CTRY([AB])[^.;]{{0,40}}?\b{_FRIEND}\s+(?:of|to|with)\s+CTRY(?!\2)[AB]"
        ),
        # not closer to the other's adversaries ("CTRYB moved closer to CTRYA's adversaries")
        "closer_to": _construction(rf"CTRY([AB])\b[^.;]{{0,40}}?{_CLOSER}\s+(?:[\w'’]+,?\s+){{0,4}}CTRY(?!\1)[AB]"
                                   rf"(?!(?:'s|’s)\s+(?:\w+\s+){{0,2}}{_ENEMY})"),
        "closer_to_other": _construction(rf"CTRY[AB]\b[^.;]{{0,40}}?{_CLOSER}\s+(?:[\w'’]+,?\s+){{0,4}}CTRYX"),
        # one country backs the other's forces (the flag ``backs``), in four forms,
        # each tried only where its words are
        "backs_compound": _construction(
            # "Russian-backed Syrian troops", not "Russian-backed Ukrainian separatists"
            rf"CTRY([AB])-{_BACKED}\s+(?:(?!{_NON_STATE}\b)[\w-]+\s+){{0,2}}?CTRY(?!\1)[AB]\b"
            rf"(?!(?:\s+(?!{_FORCES}\b)[\w-]+){{0,2}}?\s+{_NON_STATE}\b)"
            # "Syrian government forces(, which are) backed by Russian warplanes"
            rf"|CTRY([AB])\s+(?:[\w-]+\s+){{0,2}}?{_FORCES}\b,?\s+(?:(?:which|that|who)\s+)?"
            rf"(?:(?:are|were|is|was|being|been)\s+)?(?:\w+ly\s+)?{_BACKED}\s+by\s+(?:the\s+)?"
            rf"(?:[\w,.-]+\s+){{0,4}}?CTRY(?!\2)[AB]\b"
        ),
        "backs_alongside": _construction(
            # "Ethiopian troops, fighting alongside Eritrean forces"
            rf"CTRY([AB])\b[^.;]{{0,60}}?\b(?:fight\w*|fought|battl\w*|operat\w*|serv\w*|deployed|patroll?\w*"
            rf"|advanc\w*|stood|stand\w*)\s+(?:\w+\s+)?(?:alongside|together\s+with|side\s+by\s+side\s+with"
            rf"|jointly\s+with)\s+(?:the\s+)?(?:[\w,.-]+\s+){{0,3}}?CTRY(?!\1)[AB]\b"
        ),
        "backs_support": _construction(
            # "French forces killed ... with the support of Malian troops", the forces
            # of the first country of the sentence as the ones supported
            rf"{_FIRST_OF_SENTENCE}CTRY([AB])\s+(?:[\w-]+\s+){{0,2}}?{_FORCES}\b[^.;]{{0,120}}?\b(?:with|under)"
            rf"\s+(?:the\s+)?(?:\w+\s+)?(?:support|backing|help|assistance|cover)\s+(?:of|from)\s+(?:the\s+)?"
            rf"(?:[\w,.-]+\s+){{0,3}}?CTRY(?!\1)[AB]\b"
            # "air strikes in support of Iraqi forces", the first country of its sentence
            # as the one supporting
            rf"|{_FIRST_OF_SENTENCE}CTRY([AB])\b[^.;]{{0,80}}?\bin\s+support\s+of\s+(?:the\s+)?"
            rf"(?:[\w,.-]+\s+){{0,2}}?CTRY(?!\2)[AB]\b"
        ),
        "backs_supply": _construction(
            # "Ukrainian troops using tanks supplied by Germany", "Azerbaijani forces using
            # Israeli-made drones"
            rf"CTRY([AB])\s+(?:[\w-]+\s+){{0,2}}?{_FORCES}\b[^.;]{{0,40}}?\b(?:using|used|with|flying|firing"
            rf"|fired|deploying|deployed|operating)\s+(?:[\w,.-]+\s+){{0,3}}?(?:CTRY(?!\1)[AB]-{_SUPPLIED}\b"
            rf"|[\w-]+\s+{_SUPPLIED}\s+by\s+(?:the\s+)?CTRY(?!\1)[AB]\b)"
        ),
    }
    _TWO_SIDES = _construction(
        r"\b(?:the\s+two\s+(?:sides|countries|leaders|nations|governments)|both\s+sides|each\s+other)\b")
    _AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)
    _LIST_GAP = re.compile(r",\s+(?:the\s+)?|,?\s+(?:and|or)\s+(?:the\s+)?", re.IGNORECASE)
    _CLAUSE_START = re.compile(r"(?:^|[.;:,]\s+)(?:the\s+)?$", re.IGNORECASE)
    _BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)

    _TRIGGERS = {
        "enemy_of": ("adversar", "rival", "enem", "foe", "nemesis"),
        "friend_of": ("ally", "allies", "friend", "partner"),
        "closer_to": ("closer",), "closer_to_other": ("closer",),
        **_BACKING_TRIGGERS,
    }

    def _rows(self, rows):
        # what a paragraph's words and the gaps between its mentions say is read once
        # for all its pairs
        words, gaps = _memoised(_paragraph_words), _memoised(_mention_gaps)
        return [self._row(*row, words=words, gaps=gaps) for row in rows]

    def _row(self, text, spans_a, spans_b, others, sentences, scores, cues, in_a, in_b, sides, a, b, *,
             words, gaps):
        triggered, two_sides = words(text)
        masked = None
        flags = []
        for name in ("enemy_of", "friend_of", "closer_to", "closer_to_other"):
            # a cheap test of the words a construction needs comes before its regex
            if name not in triggered:
                flags.append(0.0)
                continue
            if masked is None:
                masked = mask_countries(text, spans_a, spans_b, others)
            flags.append(float(bool(self._PATTERNS[name].search(masked))))
        backs = 0.0
        if not triggered.isdisjoint(_BACKING_TRIGGERS):
            if masked is None:
                masked = mask_countries(text, spans_a, spans_b, others)
            backs = float(any(self._PATTERNS[name].search(masked) for name in _BACKING_TRIGGERS if name in triggered))
        flags += self._adjacent(text, spans_a, spans_b, others, gaps)
        flags.append(two_sides)
        if not others:
            return [2, 0] + flags + [2, backs]
        # the other mentions by sentence, found once
        placed = _by_sentence(others, sentences, at=1)
        joint, either = in_a & in_b, in_a | in_b
        joint_others = sum(len(placed.get(k, ())) for k in joint)
        kept = joint or either
        near = {c for k in kept for c, _, _ in placed.get(k, ())}
        named = {c for c, _, _ in others} if self.countries_scope == "paragraph" else {
            c for k in either for c, _, _ in placed.get(k, ())}
        return [2 + len(named), joint_others] + flags + [2 + len(near), backs]

    def _adjacent(self, text, spans_a, spans_b, others, gaps_of) -> list[float]:
        """``coordinated``, ``between`` and ``listed``, read from the gaps between mentions."""
        marks = sorted([(s, e, "A") for s, e in spans_a] + [(s, e, "B") for s, e in spans_b]
                       + [(s, e, "X") for _, s, e in others])
        # what each gap between neighbouring mentions is depends only on the paragraph
        gaps, may_hold = gaps_of(text, tuple((s, e) for s, e, _ in marks))
        if not may_hold:  # no mentions joined by "and", no list of three: nothing for any pair
            return [0.0, 0.0, 0.0]
        coordinated = between = listed = 0.0
        chain, commas = [marks[0][2]], 0
        for (_, _, t1), (_, _, t2), (joined, listing, comma) in zip(marks, marks[1:], gaps):
            if joined and t1 != t2 and "X" not in (t1, t2):
                if joined == "between":
                    between = 1.0
                elif joined == "coordinated":
                    coordinated = 1.0
            if listing:
                chain.append(t2)
                commas += comma
            else:
                chain, commas = [t2], 0
            if len(chain) >= 3 and commas and "A" in chain and "B" in chain:
                listed = 1.0
        return [coordinated, between, listed]


def _mention_gaps(text: str, positions: tuple[tuple[int, int], ...]
                  ) -> tuple[tuple[tuple[str, bool, bool], ...], bool]:
    """For each gap between neighbouring mentions (``positions`` sorted): whether it
    joins them with "and" (``"between"`` after "between", ``"coordinated"`` at a clause
    start and not followed by a comma, ``"other"`` else, ``""`` if not), whether it is
    a list gap (comma, "and", "or"), and whether that gap has a comma. Then whether any
    pair can be ``coordinated``, ``between`` or ``listed`` at all: some gap joins with
    "and", or a run of list gaps links three mentions or more, one gap a comma."""
    out = []
    for (s1, e1), (s2, e2) in zip(positions, positions[1:]):
        joined = ""
        if ThirdParty._AND_GAP.fullmatch(text, e1, s2):
            if ThirdParty._BETWEEN.search(text[max(0, s1 - 14):s1]):
                joined = "between"
            elif (ThirdParty._CLAUSE_START.search(text[max(0, s1 - 6):s1])
                  and not text[e2:e2 + 2].lstrip().startswith(",")):
                joined = "coordinated"
            else:
                joined = "other"
        gap = ThirdParty._LIST_GAP.fullmatch(text, e1, s2)
        out.append((joined, gap is not None, gap is not None and gap.group(0).startswith(",")))
    run, commas, listed = 1, 0, False
    for _, listing, comma in out:
        run, commas = (run + 1, commas + comma) if listing else (1, 0)
        listed = listed or (run >= 3 and commas > 0)
    return tuple(out), listed or any(joined in ("between", "coordinated") for joined, _, _ in out)


def _paragraph_words(text: str) -> tuple[frozenset[str], float]:
    """What ThirdParty needs to know of a paragraph once, whatever the pair."""
    lower = text.lower()
    # the forms of "backs" have many words; a few stems tell most paragraphs apart first
    may_back = _BACKING_COMPOUND.search(lower) is not None or any(w in lower for w in _BACKING_STEMS)
    triggered = frozenset(name for name, words in ThirdParty._TRIGGERS.items()
                          if (may_back or name not in _BACKING_TRIGGERS) and any(w in lower for w in words))
    two_sides = float(bool(ThirdParty._TWO_SIDES.search(text))) if (
        "two " in lower or "both sides" in lower or "each other" in lower) else 0.0
    return triggered, two_sides


ROLES = ("people", "place", "place_modifier", "former", "topic", "topic_preposition", "topic_verb",
         "topic_situation", "topic_after")


def _phrase_pattern(phrase: str) -> str:
    """A regex for a word or phrase of a data file, any whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _alternation(phrases) -> str:
    """One group matching any of ``phrases`` (see :func:`_phrase_pattern`), the longest
    tried first."""
    patterns = {_phrase_pattern(p) for p in phrases if p.strip()}
    return "(?:" + "|".join(sorted(patterns, key=lambda p: (-len(p), p))) + ")"


@lru_cache(maxsize=4)
def _role_words(directory: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The words of ``roles.csv`` by role, checked; see :func:`role_patterns`."""
    path = (data_dir("features") if directory is None else Path(directory)) / "roles.csv"
    table = read_table(path, ["word", "role", "source"], "lexicon")
    words: dict[str, list[str]] = {role: [] for role in ROLES}
    for row, (word, role) in enumerate(zip(table["word"], table["role"])):
        if role not in words:
            raise row_error(path, row, f"role is {role!r}; expected one of {list(ROLES)}")
        if not word.strip():
            raise row_error(path, row, "word is empty")
        words[role].append(word)
    return {role: tuple(listed) for role, listed in words.items()}


@lru_cache(maxsize=4)
def role_patterns(directory: Path | None = None) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The regexes of ``roles.csv``: people after a mention, people before it
    ("refugees from"), a place before it and a former office holder before it.

    Parameters
    ----------
    directory : Path, optional
        The folder of ``roles.csv``; by default the ``features/`` shipped with stance.

    Raises
    ------
    stance.DataError
        When the file is missing or a row is malformed, naming the file and line.
    """
    words = _role_words(directory)

    def either(role: str) -> str:
        return _alternation(words[role])

    # "Syrian rebels", "Yemeni asylum seekers", "Syrian Muslim refugees", not "fighter jets";
    # a word between must be capitalised ("Putin met students" is no such phrase)
    people = rf"(?:{either('people')})\b(?![\s-]+(?:jets?|planes?|aircraft|bombers?|to\b))"
    after = re.compile(rf"(?:'s|’s)?\s+(?:(?-i:[A-Z])[\w-]*\s+)?{people}", re.IGNORECASE)
    before = re.compile(rf"\b{people}\s+(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)
    place = re.compile(
        rf"\b{either('place')}\s+(?:the\s+)?(?:(?:{either('place_modifier')})\s+)?(?:parts?\s+of\s+(?:the\s+)?)?$"
        rf"|\b{either('place')}\s+(?-i:[A-Z])[\w-]+,\s+$",
        re.IGNORECASE)
    former = re.compile(rf"\b{either('former')}\s*$", re.IGNORECASE)
    return after, before, place, former


@lru_cache(maxsize=4)
def _gazetteer_aliases(kind: str) -> frozenset[str]:
    """The gazetteer's aliases of one kind ("name", "demonym", …), lower-cased."""
    from stance.gazetteer import load_gazetteer

    aliases = load_gazetteer().aliases
    return frozenset(aliases.loc[aliases["kind"] == kind, "alias"].str.lower())


def _country_names() -> frozenset[str]:
    """The gazetteer's names of countries (not capitals, cities or demonyms), lower-cased:
    "unease in New Delhi" speaks of India's government, "strikes in northern Iraq" of a
    place."""
    return _gazetteer_aliases("name")


@lru_cache(maxsize=1)
def _plural_demonyms() -> frozenset[str]:
    """The gazetteer's demonyms that are plural nouns for people ("Russians",
    "Venezuelans", "Afghans"), lower-cased: a demonym ending in "s" whose singular is a
    demonym too ("Swiss" is not one)."""
    demonyms = _gazetteer_aliases("demonym")
    return frozenset(d for d in demonyms if d.endswith("s") and d[:-1] in demonyms)


# a plural demonym after "the" may stand for the government ("the Russians said")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "Pakistan-based groups", "a Moscow-based organisation": not the state
_BASED = re.compile(r"-based\b", re.IGNORECASE)


# what may follow a country named as a place: punctuation, or a word that starts a new
# phrase ("in northern Iraq on Tuesday"); not a possessive ("in India's ties") or the
# noun of a demonym ("in Russian people's hearts")
_PLACE_ENDS = re.compile(
    r"\s*(?:[,.;:!?)\"”]|$)|\s+(?:on|in|at|with|and|or|to|for|from|after|before|since|as|where|while|when|by|"
    r"amid|over|under|during|last|next|this|earlier|later|until|through|against|but|that|which|who|is|was|"
    r"were|are|has|have|had|will|would|said|says)\b")


class Provenance(_PairTransformer):
    """Whether a pair row is a written training example rather than news.

    The default model learns from paragraphs written for training and from real news
    sentences, which differ: the written ones state relations plainly, the news often
    names countries in passing. This column (``written``: 1 for a row whose
    ``written`` column is true, else 0) lets the classifier learn where the two
    differ, and since the rows it scores carry no ``written`` column, it reads every
    text as news. :func:`stance.train` sets the column for the files named in
    ``written``.

    On the held-out real news, over four random states of the trees: macro-F1 0.690
    against 0.659 without it (``benchmarks/calibration_check.py --random-states``,
    ``models/README.md``).
    """

    _names = ("written",)

    def _values(self, X) -> np.ndarray:
        return _written_rows(X).astype(float).reshape(-1, 1)


def _written_rows(X: pd.DataFrame) -> np.ndarray:
    """Which pair rows are written training examples (their ``written`` column true);
    none where there is no such column, as in every text scored."""
    if "written" not in X.columns:
        return np.zeros(len(X), dtype=bool)
    return X["written"].fillna(False).astype(bool).to_numpy()


class MentionRoles(_PairTransformer):
    """How each country of the pair is named: as a state, or otherwise.

    The annotation guide labels the relation between states. A country named only as
    the nationality of people who do not act for it, or only as the place where
    something happens, often leaves the pair neutral. The words are in
    ``features/roles.csv``. For each side, the share of its mentions that:

    - name people or groups ("Syrian rebels", "an Irish businessman", "Yemeni asylum
      seekers", "refugees from Serbia"): ``people_max`` and ``people_min`` over the
      two sides;
      A plural demonym ("165 Venezuelans", "three Russians"; not after "the") and a
      name followed by "-based" ("Pakistan-based groups") count here too;
    - stand as a place: a country's name after "in", "near", "neighbouring" and the
      like ("in northern Iraq", "in Idlib, Syria", "Bhutan, a nation neighbouring
      India"), followed by punctuation or a new phrase; capitals are left
      out, as "unease in New Delhi" speaks of a government: ``place_max`` and
      ``place_min``;
    - follow "former" or "late", or a former title in apposition ("Former U.S.
      President Barack Obama": both mentions): ``former_max``;
    - name the topic of talks or information rather than a party to them ("agreed to
      share information on North Korea", "talks set to touch on Syria", "to discuss
      Syria", "the Japanese government's North Korea policy", "Syria-related
      topics"): ``topic_max``. Models fitted before it existed (2026-12-06) lack the
      fitted mark ``reads_topics_`` and read on without the column.
    """

    _names = ("people_max", "people_min", "place_max", "place_min", "former_max", "topic_max")
    # models fitted before topic_max existed read on without it
    _column_marks = ("reads_topics_",)

    def _rows(self, rows):
        # each country's shares are read once, for all the pairs it is part of
        side = _memoised(_side_roles)
        return [self._row(*row, side=side) for row in rows]

    def _row(self, text, spans_a, spans_b, others, sentences, scores, cues, in_a, in_b, sides, a, b, *, side):
        (pa, la, fa, ta), (pb, lb, fb, tb) = side(text, spans_a), side(text, spans_b)
        return [max(pa, pb), min(pa, pb), max(la, lb), min(la, lb), max(fa, fb), max(ta, tb)]


def _side_roles(text: str, spans) -> tuple[float, float, float, float]:
    """The shares of a country's mentions ``spans`` in ``text`` that name people, a
    place, a former office holder and a topic (see :class:`MentionRoles`)."""
    people = located = earlier = topical = 0
    for s, e in spans:
        p, l, f = _mention_role(text, s, e)
        people += p
        located += l
        earlier += f
        topical += _mention_topic(text, s, e)
    n = max(len(spans), 1)
    return people / n, located / n, earlier / n, topical / n


@lru_cache(maxsize=1)
def _topic_patterns() -> tuple[re.Pattern, frozenset[str], re.Pattern, re.Pattern]:
    """The regexes of ``roles.csv``'s topic words: before a mention ("talks on",
    "information about", "to discuss", "to discuss the situation in", with
    ``topic_situation``'s words), the last words of the ``topic_preposition``
    phrases, lower-cased, a regex that finds the last word of any ``topic_verb`` verb
    in lower-cased text (the first regex matches no text without a preposition at its
    end, "the" aside, or one of the verbs), and the regex after a mention ("North
    Korea policy"; "Syria-related" always)."""
    words = _role_words()
    # no preposition in the file: no "talks on" reading ((?!) matches nothing); no
    # situation word: a verb's topic only right after it
    prepositions = _alternation(words["topic_preposition"]) if words["topic_preposition"] else "(?!)"
    situation = _alternation(words["topic_situation"]) if words["topic_situation"] else "(?!)"
    before = re.compile(
        rf"\b{_alternation(words['topic'])}\s+{prepositions}\s+(?:the\s+)?$"
        rf"|\b{_alternation(words['topic_verb'])}\s+(?:the\s+)?(?:{situation}\s+in\s+(?:the\s+)?)?$",
        re.IGNORECASE)
    ends = frozenset(w.lower().split()[-1] for w in words["topic_preposition"] if w.strip())
    # one regex finds any of the verbs in a lower-cased text, as a test of each would
    verbs = sorted({w.lower().split()[-1] for w in words["topic_verb"] if w.strip()})
    verbs = re.compile("|".join(map(re.escape, verbs))) if verbs else re.compile("(?!)")
    after = re.compile(rf"-related\b|\s+{_alternation(words['topic_after'])}\b", re.IGNORECASE)
    return before, ends, verbs, after


def _mention_topic(text: str, s: int, e: int) -> bool:
    """Whether the mention ``text[s:e]`` names the topic of talks or information rather
    than a party to them (see :class:`MentionRoles`): "talks on Syria", "agreed to share
    information on North Korea", "to discuss Syria", "the Japanese government's North
    Korea policy", "Syria-related topics"."""
    before, prepositions, verbs, after = _topic_patterns()
    if after.match(text, e):
        return True
    window = text[max(0, s - 40):s]
    end = window.rstrip()
    if len(end) == len(window):
        return False  # the regex ends in whitespace
    # cheap tests of what the regex needs come first: a preposition at the end ("talks
    # on", "talks on the") or one of the verbs anywhere
    words = end.rsplit(None, 2)
    last = words[-1].lower()
    if not (last in prepositions or (last == "the" and len(words) > 1 and words[-2].lower() in prepositions)):
        if verbs.search(window.lower()) is None:
            return False
    return bool(before.search(window))


@lru_cache(maxsize=1)
def _people_first_words() -> frozenset[str]:
    return frozenset(w.split()[0].lower() for w in _role_words()["people"])


_PUNCTUATION = "'’\".,;:!?()[]{}“”‘"


def _may_name_people(after: str) -> bool:
    """Whether one of the first three words after a mention begins a people word: the
    "people" regex cannot match otherwise."""
    first = _people_first_words()
    for token in after.split(None, 3)[:3]:
        word = token.strip(_PUNCTUATION).lower()
        if word in first or word.split("-")[0] in first:
            return True
    return False


@lru_cache(maxsize=1)
def _former_words() -> tuple[str, ...]:
    """The words of ``roles.csv`` for a former office holder, lower-cased."""
    return tuple(w.lower() for w in _role_words()["former"])


@lru_cache(maxsize=1)
def _former_title() -> re.Pattern:
    """A former office holder's title just before a name: "Former U.S. President "
    before "Barack Obama", "the late Saudi king " before "Abdullah". The words of
    ``roles.csv`` (role ``former``) and the titles of the gazetteer's ``titles.csv``."""
    from stance.gazetteer import load_gazetteer

    former = _alternation(_role_words()["former"])
    titles = _alternation(load_gazetteer().titles["surface"])
    # "late" must end its word ("later President"), "ex-" may run into the next
    return re.compile(rf"\b{former}(?:\b|(?<=-))\s*(?:[\w.'’-]+\s+){{0,2}}{titles}\s+$", re.IGNORECASE)


def _mention_role(text: str, s: int, e: int) -> tuple[bool, bool, bool]:
    """Whether the mention ``text[s:e]`` names people, a place or a former office
    holder (see :class:`MentionRoles`); the same for every pair of its paragraph."""
    after, before, place, former = role_patterns()
    window = text[max(0, s - 40):s]
    end = window.rstrip()
    # cheap tests of what each regex needs at the end of the window come first
    stem = end[:-3].rstrip() if end[-3:].lower() == "the" else end
    people = _may_name_people(text[e:e + 40]) and bool(after.match(text, e, min(len(text), e + 40))) or (
        (stem[-4:].lower() == "from" or stem[-2:].lower() == "of") and bool(before.search(window))) or (
        text[e:e + 1] == "-" and bool(_BASED.match(text, e))) or (
        text[s:e].lower() in _plural_demonyms() and not _THE_BEFORE.search(window))
    located = (text[s:e].lower() in _country_names() and bool(_PLACE_ENDS.match(text, e))
               and bool(place.search(window)))
    words = _former_words()
    earlier = end[-12:].lower().endswith(words) and bool(former.search(window[-12:]))
    if not earlier and text[s:s + 1].isupper():
        # a name in apposition to a former title ("Former U.S. President Barack Obama")
        lower = window.lower()
        for w in words:
            if w in lower:
                earlier = bool(_former_title().search(window))
                break
    return people, located, earlier


@lru_cache(maxsize=1)
def _stop_phrases() -> tuple[re.Pattern, re.Pattern] | None:
    """One regex for the stop phrases of the default lexicon, and one that finds the
    longest word of any of them, lower-cased, in a lower-cased text (a text holds no
    stop phrase without one; a regex that ignored case was slower than lower-casing
    the text), or None if the lexicon has none."""
    from stance.lexicon import load_lexicon

    phrases = [p for p in load_lexicon().stops["phrase"] if p.strip()]
    if not phrases:
        return None
    needles = sorted({max(p.lower().split(), key=len) for p in phrases})
    return (re.compile(rf"\b{_alternation(phrases)}\b", re.IGNORECASE),
            re.compile("|".join(map(re.escape, needles))))


class MaskedContext(_PairTransformer):
    """The pair's context as text, with the countries masked, for a bag of n-grams.

    Where a sentence holds both countries, the context is the stretch of it from the
    nearest mentions of the two, widened by ``window`` words on each side ("… CTRYA
    imposed fresh sanctions on CTRYB over …"); otherwise it is the sentences that hold
    either. The pair's countries become ``CTRYA`` and ``CTRYB`` and other countries
    ``CTRYX``, so that a model learns "CTRYA imposed sanctions on CTRYB" and not the
    names of particular countries. Which country is A is only alphabetical order, so
    with ``symmetric`` (the default) both become ``CTRYP``, which keeps the features
    free of that accident.

    The lexicon's stop phrases (``features/cue_stops.csv``: "World War II", "war
    memorial", "Siege of Leningrad") become ``STOPPHRASE`` with ``hide_stop_phrases``
    (the default), so that the n-grams, like the cues, read no clash into a war
    recalled during a friendly visit.

    Parameters
    ----------
    window : int, default 6
        Words kept on each side of the two mentions.
    symmetric : bool, default True
    hide_stop_phrases : bool, default True
    """

    def __init__(self, window: int = 6, symmetric: bool = True, hide_stop_phrases: bool = True) -> None:
        self.window = window
        self.symmetric = symmetric
        self.hide_stop_phrases = hide_stop_phrases

    def __setstate__(self, state):
        # models saved before the parameter existed read stop phrases as words
        state.setdefault("hide_stop_phrases", False)
        super().__setstate__(state)

    def transform(self, X) -> np.ndarray:
        """Masked context of every pair.

        Parameters
        ----------
        X : pandas.DataFrame

        Returns
        -------
        numpy.ndarray of str, shape (n_pairs,)
        """
        check_is_fitted(self, "n_features_in_")
        self._check(X)
        out = []
        stops = _stop_phrases() if self.hide_stop_phrases else None
        columns = ("text", "spans_a", "spans_b", "others", "sentences", "sentences_a", "sentences_b")
        for text, spans_a, spans_b, others, sentences, in_a, in_b in zip(*(X[c].tolist() for c in columns)):
            joint = in_a & in_b
            if joint:
                masked = self._window(text, spans_a, spans_b, others, sentences, joint)
            else:
                masked = " ".join(mask_countries(text, spans_a, spans_b, others, *sentences[k])
                                  for k in sorted(in_a | in_b))
            if self.symmetric:
                masked = masked.replace("CTRYA", "CTRYP").replace("CTRYB", "CTRYP")
            if stops is not None and stops[1].search(masked.lower()) is not None:
                masked = stops[0].sub("STOPPHRASE", masked)
            out.append(masked)
        return np.asarray(out, dtype=object)

    def _window(self, text, spans_a, spans_b, others, sentences, joint) -> str:
        """The closest A…B stretch within a sentence holding both, widened by ``window`` words."""
        best = None
        # each mention looked up in its sentence once, so that a long paragraph with
        # many mentions costs their number, not its product with the sentences
        in_a, in_b = _by_sentence(spans_a, sentences), _by_sentence(spans_b, sentences)
        for k in sorted(joint):
            s, e = sentences[k]
            for a in in_a.get(k, ()):
                for b in in_b.get(k, ()):
                    lo, hi = min(a[0], b[0]), max(a[1], b[1])
                    if best is None or hi - lo < best[1] - best[0]:
                        best = (lo, hi, s, e)
        if best is None:  # a mention crossing a sentence boundary: use the sentences
            return " ".join(mask_countries(text, spans_a, spans_b, others, *sentences[k]) for k in sorted(joint))
        lo, hi, s, e = best
        start, end = lo, hi
        if self.window:
            start = s + _start_of_last_words(text[s:lo], self.window)
            end = hi + _end_of_first_words(text[hi:e], self.window)
        return mask_countries(text, spans_a, spans_b, others, start, end)

    _names = ("masked_context",)



#: The event classes of :class:`EventClasses`' sentences: statements and appeals, and
#: CAMEO's four quad classes, in the order ConfliBERT numbers them (0 to 4).
EVENT_CLASSES = ("statement", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def read_events(path: str | Path) -> pd.DataFrame:
    """Read sentences labelled with event classes, for :class:`EventClasses`.

    Parameters
    ----------
    path : str or Path
        A UTF-8 CSV with a ``text`` column (one sentence of news each) and an ``event``
        column, one of :data:`EVENT_CLASSES` or its number (0 to 4); other columns
        (``source``, say) are ignored. ``benchmarks/conflibert_labels.py`` writes one
        from ConfliBERT's sentences.

    Returns
    -------
    pandas.DataFrame
        ``text``, ``event`` (the class's name) and ``source`` (empty where the file has
        none), one row per sentence.

    Raises
    ------
    stance.InputError
        When the file cannot be read or a row breaks the format; the message names the
        file and line.
    """
    path = str(path)
    table = read_input_csv(path, ["text", "event"], "CSV of sentences", "expected text and event")
    events = []
    for line, (text, event) in enumerate(zip(table["text"], table["event"]), start=2):
        name = EVENT_CLASSES[int(event)] if event.strip().isdigit() and int(event) < len(EVENT_CLASSES) else event
        if name not in EVENT_CLASSES:
            raise InputError(path, f"line {line}: event is {event!r}; expected one of {list(EVENT_CLASSES)} "
                                   "or their numbers 0 to 4")
        if not text.strip():
            raise InputError(path, f"line {line}: text is empty")
        events.append(name)
    if len(set(events)) < 2:
        raise InputError(path, f"{len(events)} sentences of {len(set(events))} event class; expected at least two "
                               "classes to learn from")
    sources = table["source"] if "source" in table.columns else pd.Series("", index=table.index)
    return pd.DataFrame({"text": table["text"].to_numpy(dtype=object), "event": events,
                         "source": sources.to_numpy(dtype=object)})


def _mask_all(text: str, spans, lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` with every country named at ``spans`` masked alike, as ``CTRY``."""
    return mask_countries(text, spans, (), (), lo, hi, tags=("CTRY", "CTRY", "CTRY"))


def _sentence_key(text: str) -> int:
    """A 64-bit hash of ``text`` with its runs of white space made single spaces: how
    :class:`EventClasses` knows a paragraph that is one of its sentences."""
    return int.from_bytes(hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=8).digest(), "little")


@lru_cache(maxsize=4)
def _masked_events(path: str, modified: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    """The sentences of ``path`` (read at modification time ``modified``) with the
    countries that the mention finder finds in them masked, their event classes, and
    the keys of the sentences as written (:func:`_sentence_key`)."""
    from stance.mentions import find_mentions

    table = read_events(path)
    paragraphs = pd.DataFrame({
        "article_id": [f"e{i}" for i in range(len(table))], "paragraph_id": 0, "kind": "body",
        "text": table["text"], "start": 0, "end": table["text"].str.len(), "date": pd.NaT,
    })
    mentions = find_mentions(paragraphs)
    spans: dict[str, list] = {}
    for article_id, start, end in zip(mentions["article_id"], mentions["start"], mentions["end"]):
        spans.setdefault(article_id, []).append((int(start), int(end)))
    masked = tuple(_mask_all(text, spans.get(f"e{i}", ())) for i, text in enumerate(table["text"]))
    return masked, tuple(table["event"]), tuple(map(_sentence_key, table["text"]))


class EventClasses(_PairTransformer):
    """What kind of event the sentences of a pair report, as learnt from news sentences
    labelled with event classes.

    In ``fit``, a classifier of sentences (TF-IDF word n-grams and a class-balanced
    logistic regression) learns the :data:`EVENT_CLASSES` from the sentences of
    ``sentences``, with the countries that the mention finder finds in them masked,
    so that it learns "CTRY imposed sanctions on CTRY" and not the names. In
    ``transform``, it reads each pair's sentences that hold both countries (else those
    that hold either), masked the same way, and gives the predicted probabilities:

    - ``event_statement``: a statement or appeal;
    - ``event_cooperation``: verbal or material cooperation;
    - ``event_conflict``: verbal or material conflict;
    - ``event_material``: material cooperation or conflict (deeds rather than words).

    It is how the default model learns from the real news sentences of ConfliBERT
    (Parolin et al. 2022) that name fewer than two countries, and so hold no pair to
    label by the annotation guide: their event classes are theirs. It also learns from
    the sentences whose pairs the model trains on.

    A pair of a paragraph that is one of ``sentences`` (the same words, white space
    aside) is read by a classifier that did not learn from it: the one of the
    ``cross_fit`` folds of ``sentences`` that held it out (out-of-fold predictions,
    made in ``fit``). So when the model trains on the pairs of those sentences, their
    event features are what the classifier makes of news it has not seen, as they
    will be in use, and not what it learnt by heart; any other paragraph is read by
    the classifier of all the sentences. ``fit`` learns from ``sentences`` alone; the
    pairs it is given are only checked.

    Parameters
    ----------
    sentences : str or Path, optional
        A CSV of sentences and their event classes (:func:`read_events`). It is needed
        to fit; None (the default) only lets the transformer be built and cloned.
    C : float, default 10.0
        Inverse regularisation strength of the sentence classifier. Learning from the
        1,081 sentences of stop 23's default model, twenty new splits of the real news
        (``benchmarks/calibration_check.py --resplit-seeds``) read 10 against 4 at
        macro-F1 +0.005 ± 0.003 and MAE -0.011 ± 0.004 (paired); ten read 2 at -0.001
        ± 0.004 (``models/README.md``, stop 23).
    cross_fit : int, default 5
        Folds of the out-of-fold predictions for the sentences themselves (stratified
        by event class, drawn with a fixed seed); 0 reads them with the classifier of
        all the sentences, as models saved before the parameter existed do.

    Attributes
    ----------
    vectorizer_ : sklearn.feature_extraction.text.TfidfVectorizer
    classifier_ : sklearn.linear_model.LogisticRegression
    n_sentences_ : int
        How many sentences it learnt from.
    sentence_keys_ : numpy.ndarray of uint64
        The keys of the distinct sentences (hashes of their words, not the words),
        sorted; empty when ``cross_fit`` is 0.
    sentence_proba_ : numpy.ndarray of shape (len(sentence_keys_), 5)
        Their out-of-fold probabilities of the :data:`EVENT_CLASSES` (the mean over a
        sentence's copies).
    """

    _names = ("event_statement", "event_cooperation", "event_conflict", "event_material")
    _fitted = "classifier_"

    def __init__(self, sentences: str | Path | None = None, C: float = 10.0, cross_fit: int = 5) -> None:
        self.sentences = sentences
        self.C = C
        self.cross_fit = cross_fit

    def __setstate__(self, state):
        # models saved before the parameter existed read every paragraph with the
        # classifier of all the sentences
        state.setdefault("cross_fit", 0)
        state.setdefault("sentence_keys_", np.zeros(0, dtype=np.uint64))
        state.setdefault("sentence_proba_", np.zeros((0, len(EVENT_CLASSES))))
        super().__setstate__(state)

    def fit(self, X, y=None):
        """Learn the event classes of ``sentences`` and their out-of-fold predictions;
        check the pairs.

        Parameters
        ----------
        X : pandas.DataFrame
            Rows of :func:`stance.build_pairs` (only checked).
        y : ignored

        Returns
        -------
        self

        Raises
        ------
        ValueError
            When ``sentences`` is None, or ``cross_fit`` is neither 0 nor at least 2.
        stance.InputError
            When the file of sentences cannot be read or breaks the format, or its
            sentences are too few to leave two event classes in every fold.
        """
        super().fit(X)
        if self.sentences is None:
            raise ValueError("EventClasses needs sentences labelled with event classes to learn from: got "
                             "sentences=None; expected a CSV with text and event columns (stance.features."
                             "read_events)")
        if self.cross_fit == 1 or self.cross_fit < 0 or int(self.cross_fit) != self.cross_fit:
            raise ValueError(f"EventClasses: cross_fit is {self.cross_fit!r}; expected 0 (no out-of-fold "
                             "predictions) or a whole number of folds of at least 2")
        path = Path(self.sentences)
        try:
            modified = path.stat().st_mtime_ns
        except OSError:
            modified = 0  # read_events names the problem
        texts, events, keys = _masked_events(str(path), modified)
        events = np.asarray(events)
        self.vectorizer_, self.classifier_ = self._sentence_classifier(texts, events)
        self.n_sentences_ = len(texts)
        self.sentence_keys_, self.sentence_proba_ = self._out_of_fold(texts, events, np.asarray(keys, dtype=np.uint64))
        return self

    def _sentence_classifier(self, texts, events: np.ndarray):
        """The vectorizer and classifier fitted on ``texts`` and their ``events``."""
        from sklearn.linear_model import LogisticRegression

        vectorizer = PairTfidf(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        features = vectorizer.fit_transform(texts)
        vectorizer.stop_words_ = None  # the rare terms it dropped: not needed, and not shipped
        classifier = LogisticRegression(C=self.C, max_iter=5000, class_weight="balanced").fit(features, events)
        return vectorizer, classifier

    def _out_of_fold(self, texts, events: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The distinct ``keys`` and the out-of-fold probabilities of their sentences."""
        from sklearn.model_selection import StratifiedKFold

        if not self.cross_fit:
            return np.zeros(0, dtype=np.uint64), np.zeros((0, len(EVENT_CLASSES)))
        # a class with fewer sentences than folds cannot be in every fold: fewer folds,
        # and a class of one sentence is missing where that sentence is held out (it
        # reads as probability 0 there)
        folds = max(2, min(int(self.cross_fit), int(pd.Series(events).value_counts().min())))
        texts = np.asarray(texts, dtype=object)
        proba = np.zeros((len(texts), len(EVENT_CLASSES)))
        counts = {name: int(n) for name, n in pd.Series(events).value_counts().items()}
        few = InputError(str(self.sentences), f"too few sentences of each event class to read them out of fold "
                                              f"({counts}); expected at least two classes of {folds} sentences or "
                                              "more, so that every fold learns from two classes")
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "The least populated class", UserWarning)
                splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, events))
        except ValueError:  # no class has as many sentences as there are folds
            raise few from None
        for train, test in splits:
            if len(set(events[train])) < 2:
                raise few
            vectorizer, classifier = self._sentence_classifier(texts[train], events[train])
            found = classifier.predict_proba(_tfidf(vectorizer, list(texts[test])))
            for j, name in enumerate(classifier.classes_):
                proba[test, EVENT_CLASSES.index(name)] = found[:, j]
        distinct, where = np.unique(keys, return_inverse=True)
        mean = np.zeros((len(distinct), len(EVENT_CLASSES)))
        np.add.at(mean, where, proba)
        return distinct, mean / np.bincount(where)[:, None]

    def _values(self, X) -> np.ndarray:
        texts = []
        # every pair of a paragraph masks the same mentions (its own and the others'), so
        # a sentence is masked once for all of them
        masked = _memoised(_mask_all)
        columns = ("text", "spans_a", "spans_b", "others", "sentences", "sentences_a", "sentences_b")
        for text, spans_a, spans_b, others, sentences, in_a, in_b in zip(*(X[c].tolist() for c in columns)):
            spans = tuple(sorted({*spans_a, *spans_b, *((s, e) for _, s, e in others)}))
            chosen = sorted(in_a & in_b) or sorted(in_a | in_b)
            texts.append(" ".join(masked(text, spans, *sentences[k]) for k in chosen))
        if not texts:
            return np.zeros((0, len(self._names)))
        # the pairs of a paragraph often share their sentences: each text is read once
        unique = list(dict.fromkeys(texts))
        found = self.classifier_.predict_proba(_tfidf(self.vectorizer_, unique))
        p = np.zeros((len(unique), len(EVENT_CLASSES)))
        for j, name in enumerate(self.classifier_.classes_):
            p[:, EVENT_CLASSES.index(name)] = found[:, j]
        index = {text: i for i, text in enumerate(unique)}
        p = p[[index[text] for text in texts]]
        if len(self.sentence_keys_):
            # a paragraph that is one of the sentences (their keys are sorted): the
            # classifier that did not see it; each distinct paragraph is hashed once
            codes, paragraphs = pd.factorize(X["text"])
            keys = np.fromiter(map(_sentence_key, paragraphs), dtype=np.uint64, count=len(paragraphs))
            at = np.searchsorted(self.sentence_keys_, keys).clip(max=len(self.sentence_keys_) - 1)
            known = (self.sentence_keys_[at] == keys)[codes]
            p[known] = self.sentence_proba_[at[codes][known]]
        return np.column_stack([p[:, 0], p[:, 1] + p[:, 2], p[:, 3] + p[:, 4], p[:, 2] + p[:, 4]])


def _tfidf(vectorizer, texts: list[str]):
    """``vectorizer.transform(texts)`` for a fitted ``TfidfVectorizer`` of words and word
    pairs with the default analyser (as :class:`EventClasses` and :class:`PairTfidf`
    fit it; other settings go to ``vectorizer.transform``): the same numbers in about
    three fifths of the time (62 against 100 ms on the 5,742 pair contexts of
    ``benchmarks/pipeline_speed.py``).

    scikit-learn builds every word pair of a text in a Python loop and counts terms in
    a dictionary; here the pairs are joined, looked up and counted by built-in
    functions (``map``, ``filter``) and scipy's ``sum_duplicates``, with no Python step
    per word (:func:`_term_counts`). The rest is the vectorizer's own arithmetic, with
    the settings it was fitted with (lower case, its token pattern, sublinear term
    frequency, its ``idf_``, l2 norm; :func:`_weigh`); ``tests/test_features.py``
    checks that the two agree.
    """
    if not _plain(vectorizer):
        # settings this reading does not repeat: scikit-learn's own (not a subclass's
        # transform, which may be this function)
        return TfidfVectorizer.transform(vectorizer, texts)
    return _weigh(vectorizer, _term_counts(vectorizer, texts), getattr(vectorizer, "idf_", None), copy=False)


def _plain(vectorizer) -> bool:
    """Whether :func:`_term_counts` reads ``vectorizer``'s terms as scikit-learn does."""
    return not (vectorizer.analyzer != "word" or tuple(vectorizer.ngram_range) != (1, 2) or vectorizer.binary
                or vectorizer.stop_words is not None or vectorizer.preprocessor is not None
                or vectorizer.tokenizer is not None or vectorizer.strip_accents is not None
                or vectorizer.dtype is not np.float64)


def _term_counts(vectorizer, texts: list[str]):
    """How often each term of the fitted ``vectorizer``'s vocabulary occurs in each text
    (a CSR matrix), as its ``CountVectorizer.transform`` counts them."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import CountVectorizer

    if not _plain(vectorizer):
        return CountVectorizer.transform(vectorizer, texts).astype(np.float64)
    column = vectorizer.vocabulary_.get
    tokens = re.compile(vectorizer.token_pattern).findall
    lower, join = vectorizer.lowercase, " ".join
    indptr, indices = [0], []
    for text in texts:
        words = tokens(text.lower() if lower else text)
        # the columns of the words, then of the word pairs; a term found twice is
        # listed twice, and summed below
        indices += filter(_IS_TERM, map(column, chain(words, map(join, zip(words, islice(words, 1, None))))))
        indptr.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64),
                         np.asarray(indptr, dtype=np.int64)), shape=(len(texts), len(vectorizer.vocabulary_)))
    matrix.sum_duplicates()
    return matrix


def _weigh(vectorizer, counts, idf, copy: bool = True):
    """TF-IDF of term ``counts`` with ``vectorizer``'s settings and the given ``idf``
    (``counts`` itself is changed unless ``copy``)."""
    from sklearn.preprocessing import normalize

    matrix = counts.copy() if copy else counts
    if vectorizer.sublinear_tf:
        matrix.data = np.log(matrix.data) + 1.0
    if vectorizer.use_idf:
        matrix = matrix.multiply(idf).tocsr()
    return normalize(matrix, norm=vectorizer.norm, copy=False) if vectorizer.norm else matrix


# whether a vocabulary lookup found a column
_IS_TERM = partial(is_not, None)


class PairTfidf(TfidfVectorizer):
    """scikit-learn's ``TfidfVectorizer``, which reads the n-grams of the masked pair
    contexts (:func:`stance.make_model`) and the masked sentences of
    :class:`EventClasses`, with a faster ``transform`` that gives the same numbers
    (:func:`_tfidf`; ``tests/test_features.py`` checks them). Fitting is
    scikit-learn's own.

    Its state keeps the vocabulary as one JSON string, so that a model file holds it
    as one item and not as two per term: skops reads each item of a file on its own,
    and the 27,000 terms of the default model's two vocabularies were half of what it
    read to load it.
    """

    def __getstate__(self):
        state = super().__getstate__()
        if isinstance(state.get("vocabulary_"), dict):
            state = {**state, "vocabulary_": json.dumps(state["vocabulary_"], ensure_ascii=False)}
        return state

    def __setstate__(self, state):
        if isinstance(state.get("vocabulary_"), str):
            state = {**state, "vocabulary_": json.loads(state["vocabulary_"])}
        super().__setstate__(state)

    def transform(self, raw_documents):
        """TF-IDF of ``raw_documents``, as ``TfidfVectorizer.transform`` gives it.

        Parameters
        ----------
        raw_documents : iterable of str

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_documents, n_terms)
        """
        check_is_fitted(self, "vocabulary_", msg="The TF-IDF vectorizer is not fitted")
        if isinstance(raw_documents, str):  # as scikit-learn refuses it
            return super().transform(raw_documents)
        return _tfidf(self, list(raw_documents))


# how make_model's TF-IDF reads the masked contexts: words and word pairs, with
# apostrophes and hyphens inside words ("Russia's", "anti-terror")
TOKEN_PATTERN = r"(?u)\b\w[\w'’-]*\b"


def default_vectorizer() -> "PairTfidf":
    """The TF-IDF of :func:`stance.make_model`'s masked contexts, unfitted."""
    return PairTfidf(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True, token_pattern=TOKEN_PATTERN)


class ContextNgrams(_PairTransformer):
    """TF-IDF n-grams of each pair's masked context, with a second copy for news.

    :class:`MaskedContext` gives the pair's context with the countries masked, and
    ``vectorizer`` its word n-grams: the columns from which a linear model learns
    "CTRYP imposed sanctions on CTRYP" and not the names of countries. The default
    model learns from paragraphs written for training and from real news sentences,
    whose words differ: the news names countries in passing, in its own phrases. With
    ``news_copy`` the n-grams come twice, once for every row and once more for the
    news rows alone, those whose ``written`` column is false (:class:`Provenance`).
    Every text scored carries no ``written`` column, so it is news and fills both. A
    linear model then learns in the first copy what the two kinds of text share and in
    the second what the news says otherwise: the feature augmentation of Daumé III,
    "Frustratingly easy domain adaptation" (ACL 2007).

    The second copy keeps the terms of the vocabulary that occur in at least
    ``min_df`` news contexts (a share of them where ``min_df`` is a fraction, and at
    most ``max_df``), weighted by their inverse document frequency among the news
    contexts, as a ``TfidfVectorizer`` with that vocabulary fitted on the news alone
    weighs them (``tests/test_features.py`` checks the numbers). The context is masked
    and its words counted once for both copies.

    Twenty new splits of the real news (``benchmarks/calibration_check.py
    --resplit-seeds $(seq 1 20) --paragraphs``) read the held-out sentences at
    macro-F1 +0.006 ± 0.002 with the copy, paired (MAE -0.008 ± 0.003), and the same
    sentences joined into paragraphs at +0.005 ± 0.002 (MAE -0.010 ± 0.003), 15 of the
    20 splits higher (``models/README.md``, stop 25).

    Parameters
    ----------
    mask : MaskedContext, optional
        How the context is masked; ``MaskedContext()`` by default.
    vectorizer : PairTfidf, optional
        The TF-IDF of the masked contexts, unfitted; by default word n-grams of one
        and two words seen in at least two contexts, with sublinear term frequency
        (:func:`default_vectorizer`).
    news_copy : bool, default True
        False gives the first copy alone, as the TF-IDF of models saved before the
        copy existed does.

    Attributes
    ----------
    mask_ : MaskedContext
    vectorizer_ : PairTfidf
        Fitted on the contexts of every row.
    news_columns_ : numpy.ndarray of int
        The columns of ``vectorizer_`` that the news copy keeps (with ``news_copy``).
    news_idf_ : numpy.ndarray of float
        Their inverse document frequency among the news contexts (with ``news_copy``
        and the vectorizer's ``use_idf``).
    n_news_ : int
        How many news rows the copy was fitted on.

    ``transform`` gives a ``scipy.sparse.csr_matrix`` of shape (n_pairs, n_terms +
    n_news_terms), whose news copy is empty for written rows (``written`` true).
    """

    _fitted = "vectorizer_"

    def __init__(self, mask: MaskedContext | None = None, vectorizer: "PairTfidf | None" = None,
                 news_copy: bool = True) -> None:
        self.mask = mask
        self.vectorizer = vectorizer
        self.news_copy = news_copy

    def fit(self, X, y=None):
        """Fit the TF-IDF on every row's masked context, and the news copy on the news rows'.

        Parameters
        ----------
        X : pandas.DataFrame
            Rows of :func:`stance.build_pairs`, with a boolean ``written`` column where
            some are written examples.
        y : ignored

        Returns
        -------
        self
        """
        from sklearn.base import clone

        super().fit(X)
        self.mask_ = clone(self.mask if self.mask is not None else MaskedContext()).fit(X)
        texts = list(self.mask_.transform(X))
        self.vectorizer_ = clone(self.vectorizer if self.vectorizer is not None else default_vectorizer()).fit(texts)
        if self.news_copy:
            news = ~_written_rows(X)
            self.n_news_ = int(news.sum())
            if not self.n_news_:
                raise ValueError(f"{type(self).__name__}(news_copy=True) got {len(X)} rows, all of them written "
                                 "examples; expected some news rows (written false, or no written column) to fit "
                                 "the news copy on, or news_copy=False")
            found = (_term_counts(self.vectorizer_, [t for t, n in zip(texts, news) if n]) > 0).sum(axis=0).A1
            lowest, highest = (_document_count(limit, self.n_news_)
                               for limit in (self.vectorizer_.min_df, self.vectorizer_.max_df))
            self.news_columns_ = np.flatnonzero((found >= lowest) & (found <= highest))
            if self.vectorizer_.use_idf:
                df = found[self.news_columns_].astype(float)
                smooth = int(self.vectorizer_.smooth_idf)
                self.news_idf_ = np.log((self.n_news_ + smooth) / (df + smooth)) + 1.0
        return self

    def _values(self, X):
        # a sparse matrix: the n-grams of every row, then the news copy (empty for a
        # written row)
        return self._ngrams(list(self.mask_.transform(X)), _written_rows(X))

    def _ngrams(self, texts: list[str], written: np.ndarray):
        """:meth:`transform` of the masked contexts ``texts``, whose rows ``written`` are
        written examples."""
        from scipy.sparse import hstack

        vectorizer = self.vectorizer_
        if not self.news_copy:
            return _tfidf(vectorizer, texts)
        counts = _term_counts(vectorizer, texts)
        every = _weigh(vectorizer, counts, getattr(vectorizer, "idf_", None))
        news = _weigh(vectorizer, counts[:, self.news_columns_], getattr(self, "news_idf_", None), copy=False)
        if written.any():
            news = news.multiply((~written).astype(float)[:, None]).tocsr()
        return hstack([every, news], format="csr")

    def _output_names(self):
        # the n-grams, then the news copy's as "news:" and the n-gram
        terms = np.asarray(self.vectorizer_.get_feature_names_out(), dtype=object)
        if not self.news_copy:
            return terms
        return np.concatenate([terms, np.asarray(["news:" + t for t in terms[self.news_columns_]], dtype=object)])


def _document_count(limit: int | float, documents: int) -> float:
    """A vectorizer's ``min_df`` or ``max_df`` as a count of ``documents``, as
    scikit-learn reads it: a whole number counts documents, a fraction is a share."""
    return limit if isinstance(limit, (int, np.integer)) else limit * documents
