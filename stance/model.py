"""Pair features → calibrated label probabilities → temperature.

The labels are the five points of the annotation guide:

===========  =====
label        value
===========  =====
hostile       -2
strained      -1
neutral        0
cordial       +1
friendly      +2
===========  =====

:func:`make_model` builds the scikit-learn pipeline (features, a logistic regression
and its calibration); :func:`train` fits it on labelled data in the guide's CSV
format; :func:`save_model` and :func:`load_model` store it in the skops format, and
loading trusts only the types the pipeline is made of. The temperature of a pair is 50
times the expected label under the model's probabilities, from -100 to +100.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.ensemble import ExtraTreesClassifier

from stance._resources import data_dir
from stance.errors import DataError, InputError
from stance.gazetteer import read_input_csv

__all__ = [
    "LABELS", "LABEL_VALUES", "make_model", "read_labels", "labelled_pairs", "mark_written", "train",
    "save_model", "load_model", "resolve_model", "predict_pairs", "DEFAULT_MODEL", "LogisticCalibration",
]

#: Label names in order of value, -2 to +2.
LABELS = ("hostile", "strained", "neutral", "cordial", "friendly")
#: Columns of the probability of each label, in the order of :data:`LABELS`.
PROBABILITY_COLUMNS = tuple(f"p_{name}" for name in LABELS)
#: Value of each label on the guide's five-point scale.
LABEL_VALUES = dict(zip(LABELS, (-2, -1, 0, 1, 2)))
_VALUE_LABELS = {v: k for k, v in LABEL_VALUES.items()}
_VALUES = np.asarray([LABEL_VALUES[name] for name in LABELS], dtype=float)
#: The least weight a paragraph has when scores are pooled (see :func:`paragraph_weights`).
MIN_PARAGRAPH_WEIGHT = 0.05
#: File name of the model shipped in ``models/``.
DEFAULT_MODEL = "stance-default.skops"

_LABEL_COLUMNS = ["text", "country_a", "country_b", "label"]


def make_model(C: float = 8.0, calibration: str = "logistic", cv: int = 3, trees: int = 40,
               learning_rate: float = 0.2, forest: int = 100, forest_leaf: int = 5,
               forest_features: float | str = 0.3, events: str | Path | None = None, random_state: int = 0,
               drop_features: Iterable[str] = (), news_copy: bool = True):
    """The unfitted pipeline: pair features, a classifier and its calibration.

    Parameters
    ----------
    C : float, default 8.0
        Inverse regularisation strength of the logistic regression. Cross-validated
        by pair and paragraph, the real news weighted three times, three draws of the
        folds, macro-F1 on the real news: 2 gives 0.660, 8 gives 0.665
        (``benchmarks/cv_designs.py``, ``models/README.md``). Twenty new splits of the
        real news, paired against 8 (``benchmarks/calibration_check.py
        --resplit-seeds``, stop 23): 4 gives +0.001 ± 0.002, 16 gives -0.007 ± 0.002.
    calibration : {"logistic", "isotonic", "sigmoid"}, default "logistic"
        ``"logistic"``: :class:`LogisticCalibration`, a multinomial logistic regression
        on the out-of-fold log-probabilities, which :func:`train` can fit on some
        files' items only (``calibrate_on``). ``"isotonic"`` and ``"sigmoid"``: that
        method of :class:`sklearn.calibration.CalibratedClassifierCV`, one curve per
        class. Ten draws of the folds by pair and paragraph (macro-F1 on the real
        news): logistic +0.004 ± 0.003 over isotonic fitted on the same rows; on the
        held-out real news over seven draws of the calibration's folds, 0.647 against
        0.642, and 0.654 fitted on the real news alone (``models/README.md``).
    cv : int, default 3
        Folds of the out-of-fold probabilities the calibration is fitted on.
    trees : int, default 40
        Boosting iterations of the gradient-boosted trees (one tree per label each).
    learning_rate : float, default 0.2
        Their learning rate. Forty trees at 0.2 cross-validate as well as a hundred at
        0.1 on the corpus, and predict in less than half the time.
    forest : int, default 100
        Extremely randomised trees over the dense features, a third voter; 0 leaves
        them out. With 100, five draws of the folds by pair and paragraph gave
        macro-F1 0.668 on the real news against 0.663 without (0.672 against 0.660
        before the clause rule of the cue features; ``benchmarks/cv_designs.py
        --variant``, ``models/README.md``).
    forest_leaf : int, default 5
        The fewest training rows in a leaf of those trees, which keeps them small.
    forest_features : float or {"sqrt", "log2"}, default 0.3
        The share of the dense features each split of those trees draws from (their
        ``max_features``). Seven paired draws of the strict folds, real items, against
        ``"sqrt"`` (8 of 66): 0.3 gives macro-F1 +0.004 ± 0.002 and Spearman +0.004 ±
        0.001, 0.6 gives +0.002 ± 0.002; on the held-out news over four random states
        0.3 scores 0.689 (0.689 to 0.690) against 0.690 (0.684 to 0.700), Spearman
        0.643 against 0.634 (``models/README.md``, stop 15).
    events : str or Path, optional
        A CSV of news sentences labelled with event classes
        (:func:`stance.features.read_events`). With it, the dense features include
        :class:`stance.features.EventClasses`: what kind of event the pair's sentences
        report, as a classifier learnt from those sentences predicts it. The default
        model learns it from the 1,167 ConfliBERT sentences that are not of the held-out
        part (``build/conflibert/events.csv``; ``models/README.md``, stops 16 and 23),
        and reads the pairs of those among them that it trains on out of fold.
    random_state : int, default 0
    drop_features : iterable of str, default ()
        Dense features to leave out, by name (``"paragraph_vader_compound"``,
        ``"countries"``: the names of :meth:`get_feature_names_out` after the last
        ``__``), for ablations. The dense part then selects the rest
        (a :class:`sklearn.compose.ColumnTransformer` step ``select`` before the
        scaling), and the trees see only those. Leaving out the paragraph's sentiment
        and the other features that read beyond the sentences holding both countries
        (the count of countries, the pair's share of sentences, the paragraph's cues)
        changed the macro-F1 of twenty new splits' held-out sentences joined into
        paragraphs by +0.003 ± 0.003, their MAE by -0.021 ± 0.007 and their Spearman
        by +0.010 ± 0.003, and the sentences' own macro-F1 by -0.000 ± 0.003 and their
        MAE by +0.008 ± 0.004 (``models/README.md``, stop 25, when the paragraph's
        sentiment and count still read all its sentences): the default keeps them.
    news_copy : bool, default True
        The n-grams of the masked context come twice, the second time for news rows
        alone (:class:`stance.features.ContextNgrams`), so that the logistic regression
        learns what real news says otherwise than the written examples. Twenty new
        splits of the real news, paired against False: macro-F1 +0.006 ± 0.002 on the
        held-out sentences and +0.005 ± 0.002 on the same joined into paragraphs
        (``models/README.md``, stop 25).

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``features`` (the dense pair features, scaled, then TF-IDF n-grams of
        the masked context, with their copy for news) and ``classifier``: the soft
        vote of gradient-boosted trees over the dense features, which catch their
        interactions ("a conflict cue *attached* to the pair"), extremely randomised
        trees over the same features, and a class-balanced logistic regression over
        all features, calibrated together on cross-validated predictions (one fitted
        ensemble, not one per fold, which keeps the model small and fast). It takes
        rows of :func:`stance.build_pairs` and predicts :data:`LABELS`. Among the dense
        features, :class:`stance.features.Provenance` tells written training examples
        from news where the rows say so (:func:`train`'s ``written``).
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import StandardScaler

    from stance.features import (ContextNgrams, CueFeatures, EventClasses, MentionRoles, PairContext,
                                 ParagraphSentiment, Provenance, ThirdParty)

    parts = [("paragraph", ParagraphSentiment()), ("context", PairContext()), ("cues", CueFeatures()),
             ("third_party", ThirdParty()), ("roles", MentionRoles()), ("provenance", Provenance())]
    if events is not None:
        parts.append(("events", EventClasses(str(events))))
    names = [name for _, t in parts for name in t._names]
    left_out = {drop_features} if isinstance(drop_features, str) else set(drop_features)
    unknown = sorted(left_out - set(names))
    if unknown:
        raise ValueError(f"drop_features names {unknown}, which are not dense features of this model; "
                         f"expected some of {names}")
    keep = [i for i, name in enumerate(names) if name not in left_out]
    if not keep:
        raise ValueError(f"drop_features leaves out all {len(names)} dense features; expected some to stay")
    n_dense = len(keep)
    steps = [("union", FeatureUnion(parts)), ("scale", StandardScaler())]
    if left_out:
        steps.insert(1, ("select", ColumnTransformer([("keep", "passthrough", keep)], sparse_threshold=0,
                                                     verbose_feature_names_out=False)))
    dense = Pipeline(steps)
    words = ContextNgrams(news_copy=news_copy)

    def on_dense(trees) -> Pipeline:
        """``trees`` fitted on the dense features alone."""
        return Pipeline([
            ("dense_columns", FirstColumns(n_dense)),
            ("trees", trees),
        ])

    boosted = on_dense(HistGradientBoostingClassifier(max_iter=trees, learning_rate=learning_rate,
                                                      max_leaf_nodes=15, l2_regularization=1.0,
                                                      class_weight="balanced", random_state=random_state))
    linear = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    voters = [("boosted", boosted), ("linear", linear)]
    if forest:
        voters.insert(1, ("forest", on_dense(SerialExtraTrees(
            forest, min_samples_leaf=forest_leaf, max_features=forest_features, class_weight="balanced_subsample",
            n_jobs=1, random_state=random_state))))
    vote = VotingClassifier(voters, voting="soft")
    if calibration == "logistic":
        classifier = LogisticCalibration(vote, cv=cv)
    elif calibration in ("isotonic", "sigmoid"):
        classifier = CalibratedClassifierCV(vote, method=calibration, cv=cv, ensemble=False)
    else:
        raise ValueError(f"calibration is {calibration!r}; expected 'logistic', 'isotonic' or 'sigmoid'")
    return Pipeline([("features", FeatureUnion([("dense", dense), ("words", words)])),
                     ("classifier", classifier)])


class FirstColumns(TransformerMixin, BaseEstimator):
    """The first ``n`` columns of a matrix, as a dense array: the dense features of
    :func:`make_model`'s matrix, whose other columns are TF-IDF n-grams, for the trees.

    It gives what ``ColumnTransformer([("dense", "passthrough", slice(0, n))],
    sparse_threshold=0)`` gives (models saved before 2026-12-07 select so), without
    keeping a list of the dropped columns' indices: the default model's two lists of
    29,000 numbers were a third of what skops read to load it.

    Parameters
    ----------
    n : int, default 1
        How many columns to keep, from the first.
    """

    def __init__(self, n: int = 1) -> None:
        self.n = n

    def fit(self, X, y=None):
        """Check ``X`` and remember its width.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        from sklearn.utils.validation import check_array

        if isinstance(self.n, bool) or not isinstance(self.n, (int, np.integer)) or self.n < 1:
            raise ValueError(f"FirstColumns: n is {self.n!r}; expected a whole number of at least 1")
        X = check_array(X, accept_sparse=("csr", "csc"), dtype="numeric", ensure_all_finite=False)
        if X.shape[1] < self.n:
            raise ValueError(f"FirstColumns: n is {self.n}, but X has {X.shape[1]} columns; expected at least n")
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        """The first ``n`` columns of ``X``, dense.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)

        Returns
        -------
        numpy.ndarray of shape (n_samples, n)
        """
        from scipy import sparse
        from sklearn.utils.validation import check_array, check_is_fitted

        check_is_fitted(self, "n_features_in_")
        X = check_array(X, accept_sparse=("csr", "csc"), dtype="numeric", ensure_all_finite=False)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but FirstColumns is expecting "
                             f"{self.n_features_in_} features as input")
        part = X[:, :self.n]
        return part.toarray() if sparse.issparse(part) else np.asarray(part)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.input_tags.allow_nan = True
        return tags

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The names of the kept columns (``x0`` … without ``input_features``).

        Parameters
        ----------
        input_features : array-like of str, optional

        Returns
        -------
        numpy.ndarray of str
        """
        from sklearn.utils.validation import _check_feature_names_in, check_is_fitted

        check_is_fitted(self, "n_features_in_")
        return np.asarray(_check_feature_names_in(self, input_features), dtype=object)[:self.n]


class SerialExtraTrees(ExtraTreesClassifier):
    """scikit-learn's ``ExtraTreesClassifier``, whose ``predict_proba`` in one job sums
    the trees' probabilities in a plain loop.

    scikit-learn dispatches each tree's prediction through joblib, even in one job,
    and copies its configuration and warning filters for each: on a small batch that
    costs several times what the trees' own work does (``benchmarks/pipeline_speed.py
    --batch-size 5`` scores such batches). This class adds the trees' probabilities in
    the same order, so they are the same to the last bit (``tests/test_scoring.py``
    checks them). With ``n_jobs`` other than 1 or None, several outputs, or a
    scikit-learn without the forest's own check of ``X`` (``_validate_X_predict``),
    it predicts as scikit-learn does. Fitting is scikit-learn's own.
    """

    def predict_proba(self, X):
        """Class probabilities of ``X``: the mean of the trees' probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        numpy.ndarray of shape (n_samples, n_classes)
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self)
        validate = getattr(self, "_validate_X_predict", None)  # scikit-learn's own check of X
        if self.n_jobs not in (None, 1) or self.n_outputs_ != 1 or validate is None:
            return super().predict_proba(X)
        X = validate(X)
        proba = np.zeros((X.shape[0], self.n_classes_), dtype=np.float64)
        for tree in self.estimators_:
            proba += tree.predict_proba(X, check_input=False)
        proba /= len(self.estimators_)
        return proba


class LogisticCalibration(ClassifierMixin, BaseEstimator):
    """A classifier whose probabilities a multinomial logistic regression recalibrates.

    The regression reads the logarithms of the probabilities that copies of
    ``estimator`` give out of fold (cross-validated over ``cv``) and learns the
    probability of each class from all of them at once ("matrix scaling"). Unlike one
    isotonic curve per class, it can move probability from one class to another (from
    neutral to cordial, say) and has few parameters, so it can be fitted on a small
    part of the training rows: ``calibration_weight`` in :meth:`fit` chooses which,
    for instance the real news among written examples. ``estimator`` itself is then
    fitted on all the rows, once.

    Parameters
    ----------
    estimator : classifier with ``predict_proba``
    cv : int or iterable of (train, test) splits, default 3
        Folds for the out-of-fold probabilities, as for
        :func:`sklearn.model_selection.cross_val_predict` (an int gives stratified
        folds); the test sets must cover each row once.
    C : float, default 1.0
        Inverse regularisation strength of the calibrating regression.

    Attributes
    ----------
    estimator_ : classifier
        ``estimator`` fitted on all rows.
    calibrator_ : sklearn.linear_model.LogisticRegression
        Fitted on the out-of-fold log-probabilities.
    classes_ : numpy.ndarray
    n_features_in_ : int
    """

    #: Probabilities are clipped to at least this before their logarithm is taken.
    floor = 1e-4

    def __init__(self, estimator=None, cv=3, C: float = 1.0) -> None:
        self.estimator = estimator
        self.cv = cv
        self.C = C

    def _base(self):
        from sklearn.linear_model import LogisticRegression

        return clone(self.estimator if self.estimator is not None else LogisticRegression())

    def fit(self, X, y, calibration_weight=None):
        """Fit the estimator on all rows and the calibration on its out-of-fold
        probabilities.

        Parameters
        ----------
        X : array-like or DataFrame
        y : array-like of shape (n,)
        calibration_weight : array-like of shape (n,), optional
            Weight of each row in the calibrating regression; rows of weight 0 take no
            part in it (their out-of-fold probabilities are still computed, as the folds
            need every row). By default every row weighs 1.

        Returns
        -------
        self
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import check_cv, cross_val_predict
        from sklearn.utils.multiclass import check_classification_targets
        from sklearn.utils.validation import _check_sample_weight, column_or_1d

        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        if len(np.unique(y)) < 2:
            raise ValueError(f"y holds 1 class ({np.unique(y).tolist()}); LogisticCalibration needs at least 2")
        weight = None
        if calibration_weight is not None:
            # non-negative, one per row, and not all 0
            weight = _check_sample_weight(calibration_weight, np.empty((len(y), 0)), ensure_non_negative=True)
        cv = check_cv(self.cv, y, classifier=True)
        out_of_fold = cross_val_predict(self._base(), X, y, cv=cv, method="predict_proba")
        self.estimator_ = self._base().fit(X, y)
        self.calibrator_ = LogisticRegression(C=self.C, max_iter=5000).fit(
            self._log(out_of_fold), y, sample_weight=weight)
        self.classes_ = self.estimator_.classes_
        if hasattr(self.estimator_, "n_features_in_"):
            self.n_features_in_ = self.estimator_.n_features_in_
        return self

    def _log(self, probabilities: np.ndarray) -> np.ndarray:
        return np.log(np.clip(probabilities, self.floor, 1.0))

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probabilities, columns in the order of ``classes_``.

        A class the calibration rows never showed gets probability 0.
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self)
        calibrated = self.calibrator_.predict_proba(self._log(self.estimator_.predict_proba(X)))
        out = np.zeros((calibrated.shape[0], len(self.classes_)))
        out[:, np.searchsorted(self.classes_, self.calibrator_.classes_)] = calibrated
        return out

    def predict(self, X) -> np.ndarray:
        """The class of highest calibrated probability."""
        best = self.predict_proba(X).argmax(axis=1)
        return self.classes_[best]

    def __sklearn_tags__(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.utils import get_tags

        tags = super().__sklearn_tags__()
        # the estimator's own tags, not a clone's: scikit-learn asks for them at every
        # prediction, and cloning the whole ensemble each time cost more than a small
        # batch's logistic regression
        base = self.estimator if self.estimator is not None else LogisticRegression()
        tags.input_tags.sparse = get_tags(base).input_tags.sparse
        return tags


# -- labelled data ---------------------------------------------------------------------

def _label_value(raw: str, path: str, line: int) -> int:
    text = str(raw).strip().lower()
    if text in LABEL_VALUES:
        return LABEL_VALUES[text]
    try:
        value = int(float(text))
    except ValueError:
        value = None
    if value is None or value not in _VALUE_LABELS or float(text) != value:
        raise InputError(path, f"line {line}: label is {raw!r}; expected -2, -1, 0, +1, +2 or one of {list(LABELS)}")
    return value


def read_labels(paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Read labelled data in the annotation guide's CSV format.

    Parameters
    ----------
    paths : path or iterable of paths
        CSV files with at least ``text``, ``country_a``, ``country_b`` and ``label``
        (-2 … +2, or the label names); ``date``, ``direction``, ``id`` and ``source``
        are kept when present. Country codes are read in any case, with spaces
        around them dropped.

    Returns
    -------
    pandas.DataFrame
        One row per item, with ``label`` as the label name, ``value`` on the five-point
        scale, ``country_a`` < ``country_b`` (swapped where needed, ``direction`` too),
        ``date`` as a timestamp (NaT when absent) and ``file``.

    Raises
    ------
    stance.InputError
        When a file cannot be read or a row breaks the format; the message names the
        file and line.
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    frames = []
    for path in paths:
        path = str(path)
        table = read_input_csv(path, _LABEL_COLUMNS, "labelled CSV",
                               f"the annotation guide's format needs {_LABEL_COLUMNS}")
        if table.empty:
            raise InputError(path, "no labelled rows under the header; expected one row per item")
        values, dates = [], []
        # "ind" and " IND" are India as the guide writes it, "IND"
        written = {column: table[column].astype(str).tolist() for column in ("country_a", "country_b")}
        for column in written:
            table[column] = table[column].astype(str).str.strip().str.upper()
        for i, row in enumerate(table.itertuples(index=False), start=2):
            values.append(_label_value(row.label, path, i))
            for column in ("country_a", "country_b"):
                code = getattr(row, column)
                if len(code) != 3 or not code.isalpha() or not code.isascii():
                    raise InputError(path, f"line {i}: {column} is {written[column][i - 2]!r}; expected an "
                                           "ISO 3166-1 alpha-3 code")
            if row.country_a == row.country_b:
                raise InputError(path, f"line {i}: country_a and country_b are both {row.country_a}")
            if not str(row.text).strip():
                raise InputError(path, f"line {i}: text is empty")
            raw_date = getattr(row, "date", "") if "date" in table.columns else ""
            try:
                dates.append(pd.Timestamp(raw_date) if raw_date else pd.NaT)
            except ValueError:
                raise InputError(path, f"line {i}: date is {raw_date!r}; expected YYYY-MM-DD") from None
        table["value"] = values
        table["label"] = [_VALUE_LABELS[v] for v in values]
        table["date"] = pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]"))
        for column in ("direction", "id", "source"):
            if column not in table.columns:
                table[column] = ""
        swap = table["country_a"] > table["country_b"]
        table.loc[swap, ["country_a", "country_b"]] = table.loc[swap, ["country_b", "country_a"]].to_numpy()
        table.loc[swap, "direction"] = table.loc[swap, "direction"].map({"a>b": "b>a", "b>a": "a>b"}).fillna(
            table.loc[swap, "direction"])
        table["file"] = path
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def labelled_pairs(labels: pd.DataFrame, *, scorer=None) -> pd.DataFrame:
    """Read each labelled paragraph and return its pairs joined with the labels.

    Each distinct (text, date) is read as one paragraph. A labelled pair whose two
    countries the mention finder does not both find in the text has no row; the
    returned frame's ``attrs["unmatched"]`` counts them.

    Parameters
    ----------
    labels : pandas.DataFrame
        As returned by :func:`read_labels`.
    scorer : stance.sentiment.SentimentScorer, optional

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`stance.build_pairs` with ``label``, ``value``, ``item``
        (the row of ``labels``) and ``source``.
    """
    from stance.mentions import find_mentions
    from stance.pairs import build_pairs

    keys = labels[["text"]].assign(date=labels["date"].astype(str))
    paragraph_of = keys.groupby(["text", "date"], sort=False, dropna=False).ngroup()
    first = labels.assign(_p=paragraph_of.to_numpy()).drop_duplicates("_p")
    paragraphs = pd.DataFrame({
        "article_id": [f"p{i}" for i in first["_p"]],
        "paragraph_id": 0,
        "kind": "body",
        "text": first["text"].to_numpy(),
        "start": 0,
        "end": first["text"].str.len().to_numpy(),
        "date": first["date"].to_numpy(),
    })
    pairs = build_pairs(paragraphs, find_mentions(paragraphs), scorer=scorer)
    wanted = pd.DataFrame({
        "article_id": [f"p{i}" for i in paragraph_of],
        "country_a": labels["country_a"].to_numpy(),
        "country_b": labels["country_b"].to_numpy(),
        "label": labels["label"].to_numpy(),
        "value": labels["value"].to_numpy(),
        "source": labels["source"].to_numpy(),
        "item": np.arange(len(labels)),
    })
    joined = wanted.merge(pairs, on=["article_id", "country_a", "country_b"], how="inner")
    joined.attrs["unmatched"] = int(len(wanted) - len(joined))
    return joined.reset_index(drop=True)


# -- fitting, saving, loading ----------------------------------------------------------

@dataclass
class TrainingReport:
    """What :func:`train` measured: cross-validated scores with whole pairs, and the
    paragraphs that name them, held out."""

    n_items: int
    n_pairs: int
    n_unmatched: int
    label_counts: dict[str, int]
    cv_folds: int
    cv_scores: dict[str, float]
    sources: list[str]
    files: list[str]
    trained_at: str
    heldout: dict | None = None  # stance.evaluate's figures on held-out files, all together
    heldout_files: list[str] | None = None
    heldout_by_file: dict[str, dict] | None = None  # the same on each file, when there are several
    weights: dict[str, int] | None = None  # files whose items count several times
    cv_weighted_scores: dict[str, float] | None = None  # cross-validated, on those files' items only
    calibration: str = ""  # how the probabilities were calibrated
    calibrated_on: list[str] | None = None  # the files whose items alone fitted the calibration
    written: list[str] | None = None  # the files of written examples, told apart from news
    events: str | None = None  # the file of sentences with event classes that EventClasses learnt from
    n_event_sentences: int | None = None
    software: dict[str, str] | None = None  # the versions of Python and the libraries that trained it


#: The distributions whose versions a model card names: what reads the text and what
#: fits and stores the model.
_SOFTWARE = ("stance", "scikit-learn", "skops", "numpy", "scipy", "pandas", "vaderSentiment", "textblob")


def _software() -> dict[str, str]:
    """The versions of Python and of :data:`_SOFTWARE` in this environment ("not
    installed" for one that is missing, as stance is when run from a checkout)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"Python": platform.python_version()}
    for name in _SOFTWARE:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def _metrics(true_values: np.ndarray, probabilities: np.ndarray) -> dict[str, float]:
    from stance.evaluation import scores_from_values

    predicted = np.asarray([LABEL_VALUES[name] for name in decide_labels(probabilities)])
    expected = probabilities @ _VALUES
    return scores_from_values(true_values, predicted, expected)


def train(labels: pd.DataFrame | str | Path | Iterable, *, cv_folds: int = 5, random_state: int = 0,
          weights: dict[str, int] | None = None, calibrate_on: Iterable[str] | None = None,
          written: Iterable[str] | None = None, **model_params):
    """Fit :func:`make_model` on labelled data, after cross-validating it by pair and
    paragraph (:func:`_cross_validation_splits`).

    Parameters
    ----------
    labels : DataFrame or path(s)
        As returned by :func:`read_labels`, or files for it.
    cv_folds : int, default 5
        Folds of the cross-validation, which holds out whole country pairs and the
        paragraphs that name them (no pair and no paragraph is in both training and
        test folds). 0 skips it.
    random_state : int, default 0
    weights : dict of {file: int}, optional
        Labelled files whose items count several times in training (``{"real.csv":
        5}``: each item of ``real.csv`` counts as five), for a small set of real news
        among many written examples. Cross-validation still scores each item once.
        The keys are files as named in ``labels["file"]``.
    calibrate_on : iterable of str, optional
        Labelled files whose items alone fit the calibration (named as in
        ``labels["file"]``), for instance the real news among written examples: the
        probabilities are then calibrated to that kind of text. The classifier still
        learns from every item. By default every item calibrates. Needs the
        ``"logistic"`` calibration of :func:`make_model`.
    written : iterable of str, optional
        Labelled files of examples written for training rather than taken from the
        news (named as in ``labels["file"]``). Their rows get ``written`` true, which
        :class:`stance.features.Provenance` gives the classifier, so that it learns
        where written examples differ from news; the texts it scores later are read
        as news.
    **model_params
        Passed to :func:`make_model`.

    Returns
    -------
    model : sklearn.pipeline.Pipeline
        Fitted on all the items.
    report : TrainingReport
    """
    if not isinstance(labels, pd.DataFrame):
        labels = read_labels(labels)
    pairs = labelled_pairs(labels)
    if pairs.empty:
        raise InputError("labelled data", "none of the labelled pairs was found in its text; nothing to train on")
    missing = [name for name in LABELS if name not in set(pairs["label"])]
    if missing:
        raise InputError("labelled data", f"no item is labelled {missing}; every label needs examples")
    y = pairs["label"].to_numpy()
    groups = _pair_groups(pairs)
    counts, listed = _item_counts(labels, pairs, weights or {})
    calibrating = _calibration_rows(labels, pairs, calibrate_on)
    pairs = mark_written(labels, pairs, written)
    # the n-grams' copy for news (make_model's news_copy) learns from news rows alone
    if pairs["written"].all() and dict(make_model(**model_params)["features"].transformer_list)["words"].news_copy:
        raise InputError("labelled data", "every labelled file is named as written examples; expected at least one "
                         "file of news, not named as written, which the n-grams' news copy learns from "
                         "(stance.train(..., news_copy=False) trains without the copy)")

    def fitted(rows: np.ndarray):
        return _fit_counted(make_model(random_state=random_state, **model_params), pairs, y, rows, counts,
                            calibrating=calibrating)

    cv_scores: dict[str, float] = {}
    cv_weighted_scores: dict[str, float] | None = None
    if cv_folds:
        probabilities = np.zeros((len(pairs), len(LABELS)))
        for train_rows, test_rows in _cross_validation_splits(pairs, cv_folds):
            fold = fitted(train_rows)
            probabilities[test_rows] = _ordered_proba(fold, pairs.iloc[test_rows])
        cv_scores = _metrics(pairs["value"].to_numpy(), probabilities)
        if listed.any():
            cv_weighted_scores = _metrics(pairs["value"].to_numpy()[listed], probabilities[listed])
    model = fitted(np.arange(len(pairs)))
    sources = {s.split(",")[0].strip() for s in labels["source"] if s}
    events = _event_classes(model)
    if events is not None:
        from stance.features import read_events

        sources |= {s.split(",")[0].strip() for s in read_events(events.sentences)["source"] if s}
    report = TrainingReport(
        n_items=len(labels),
        n_pairs=int(pd.Series(groups).nunique()),
        n_unmatched=pairs.attrs.get("unmatched", 0),
        label_counts={name: int((y == name).sum()) for name in LABELS},
        cv_folds=cv_folds,
        cv_scores=cv_scores,
        sources=sorted(sources),
        files=sorted(set(labels["file"])) if "file" in labels.columns else [],
        trained_at=datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        weights=dict(weights) if weights else None,
        cv_weighted_scores=cv_weighted_scores,
        calibration=_calibration_name(model),
        calibrated_on=sorted(set(map(str, calibrate_on))) if calibrate_on is not None else None,
        written=sorted(set(map(str, written))) if written else None,
        events=str(events.sentences) if events is not None else None,
        n_event_sentences=events.n_sentences_ if events is not None else None,
        software=_software(),
    )
    return model, report


def _event_classes(model):
    """The fitted :class:`stance.features.EventClasses` of ``model``, or None."""
    dense = dict(model.named_steps["features"].transformer_list).get("dense")
    union = getattr(dense, "named_steps", {}).get("union")
    return dict(union.transformer_list).get("events") if union is not None else None


def _pair_groups(pairs: pd.DataFrame) -> np.ndarray:
    """Each row's country pair as one string ("IND-RUS"), to group rows by pair."""
    return (pairs["country_a"] + "-" + pairs["country_b"]).to_numpy()


def _cross_validation_splits(pairs: pd.DataFrame, folds: int, seed: int | None = None):
    """``(train, test)`` rows of a cross-validation that holds out whole country pairs
    and the paragraphs of the pairs it tests.

    Folds hold out whole pairs (:class:`sklearn.model_selection.GroupKFold`; with
    ``seed``, the pairs in a random order, each to the fold with fewest rows so far,
    which keeps the folds' sizes even where pairs' sizes are not). A paragraph that
    names three countries is an item for each of its pairs; when one of its pairs is
    tested, its other pairs leave that fold's training rows too. Kept, they let the
    model learn the test paragraph's words under another pair: on the real news items they raised the
    three-way macro-F1 from 0.665 to 0.732, while a held-out set of other paragraphs
    gave 0.60 (``models/README.md``).
    """
    from sklearn.model_selection import GroupKFold

    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {folds}")
    groups = _pair_groups(pairs)
    texts = pd.factorize(pairs["text"])[0]
    if seed is None:
        splits = GroupKFold(n_splits=folds).split(pairs, groups=groups)
    else:
        names, codes, sizes = np.unique(groups, return_inverse=True, return_counts=True)
        fold_of = np.zeros(len(names), dtype=int)
        rows_in = np.zeros(folds, dtype=int)
        for name in np.random.default_rng(seed).permutation(len(names)):
            fold_of[name] = rows_in.argmin()
            rows_in[fold_of[name]] += sizes[name]
        assigned = fold_of[codes]
        splits = ((np.flatnonzero(assigned != k), np.flatnonzero(assigned == k)) for k in range(folds))
    for train_rows, test_rows in splits:
        shared = np.isin(texts[train_rows], texts[test_rows])
        yield train_rows[~shared], test_rows


def _fit_counted(model, pairs: pd.DataFrame, y: np.ndarray, rows: np.ndarray, counts: np.ndarray,
                 shuffle_seed: int | None = None, calibrating: np.ndarray | None = None):
    """Fit ``model`` on ``pairs.iloc[rows]``, each row repeated ``counts[row]`` times.

    ``calibrating`` (a weight of at least 0 per row of ``pairs``, or a boolean) is each
    row's weight in fitting the calibration (:class:`LogisticCalibration`'s
    ``calibration_weight``; each copy of a row has its weight).

    The calibration's cross-validation keeps the copies of an item in one fold: split
    apart, a copy would sit in the folds that fit the classifier and in the fold that
    calibrates it, and the calibration would learn that the classifier is surer than it
    is. The splits are set for the fit only; the fitted model keeps its plain ``cv``.
    ``shuffle_seed`` draws the folds at random (``benchmarks/calibration_check.py``).
    """
    fit_rows = np.repeat(rows, counts[rows])
    params = {}
    if calibrating is not None:
        if not isinstance(model.named_steps["classifier"], LogisticCalibration):
            raise ValueError("calibrating on some rows only needs make_model(calibration='logistic')")
        weight = np.asarray(calibrating, dtype=float)[fit_rows]
        if not (weight > 0).any():
            raise InputError("labelled data", "none of the items chosen to calibrate is among the training rows")
        params["classifier__calibration_weight"] = weight
    if (counts[rows] == 1).all() and shuffle_seed is None:
        return model.fit(pairs.iloc[fit_rows], y[fit_rows], **params)
    folds = model.get_params()["classifier__cv"]
    model.set_params(classifier__cv=_calibration_splits(fit_rows, y[fit_rows], folds, shuffle_seed))
    try:
        model.fit(pairs.iloc[fit_rows], y[fit_rows], **params)
    finally:
        model.set_params(classifier__cv=folds)
    return model


def _calibration_splits(fit_rows: np.ndarray, y: np.ndarray, folds: int,
                        shuffle_seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds over training rows in which the copies of an item (equal values
    of ``fit_rows``) stay together: ``(train, test)`` positions into ``fit_rows``;
    drawn at random with ``shuffle_seed``."""
    from sklearn.model_selection import StratifiedGroupKFold

    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=shuffle_seed is not None, random_state=shuffle_seed)
    return list(splitter.split(fit_rows, y, groups=fit_rows))


def _item_files(labels: pd.DataFrame, pairs: pd.DataFrame, named: list[str], why: str) -> np.ndarray:
    """The labelled file of each row of ``pairs``, after checking that every file of
    ``named`` is among the labelled files (``why`` says what was asked of it)."""
    files = labels["file"].astype(str).to_numpy() if "file" in labels.columns else np.array([""] * len(labels))
    known = set(files)
    for name in named:
        if name not in known:
            raise InputError(name, f"{why}, but it is not among the labelled files {sorted(known)}")
    return files[pairs["item"].to_numpy()]


def _from_files(labels: pd.DataFrame, pairs: pd.DataFrame, files: list[str], why: str) -> np.ndarray:
    """Whether each row of ``pairs`` comes from one of ``files`` (checked as
    :func:`_item_files` checks them)."""
    return np.isin(_item_files(labels, pairs, files, why), files)


def _calibration_rows(labels: pd.DataFrame, pairs: pd.DataFrame,
                      files: Iterable[str] | None) -> np.ndarray | None:
    """Whether each row of ``pairs`` comes from one of ``files`` (None for none given)."""
    if files is None:
        return None
    files = [str(name) for name in files]
    chosen = _from_files(labels, pairs, files, "chosen to calibrate the model")
    if not files or not chosen.any():
        raise InputError(", ".join(files) or "calibrate_on", "no labelled pair of these files was found in its "
                                                             "text; nothing to calibrate on")
    return chosen


def mark_written(labels: pd.DataFrame, pairs: pd.DataFrame, files: Iterable[str] | None) -> pd.DataFrame:
    """``pairs`` with a ``written`` column: whether each row's item comes from one of
    ``files``, the labelled files of written examples (see :func:`train`).

    Parameters
    ----------
    labels : pandas.DataFrame
        As returned by :func:`read_labels`.
    pairs : pandas.DataFrame
        As returned by :func:`labelled_pairs` for ``labels``.
    files : iterable of str or None
        As named in ``labels["file"]``; None or empty marks no row.

    Returns
    -------
    pandas.DataFrame
    """
    files = [str(name) for name in files or ()]
    return pairs.assign(written=_from_files(labels, pairs, files, "named as written examples") if files else False)


def _calibration_name(model) -> str:
    """How a fitted pipeline's probabilities are calibrated, in words."""
    classifier = model.named_steps["classifier"]
    if isinstance(classifier, LogisticCalibration):
        return "logistic"
    return str(getattr(classifier, "method", type(classifier).__name__))


def _item_counts(labels: pd.DataFrame, pairs: pd.DataFrame,
                 weights: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """How many times each pair row counts in training, from its file's weight, and
    whether its file is one of ``weights``."""
    counts = np.ones(len(pairs), dtype=int)
    if not weights:
        return counts, np.zeros(len(pairs), dtype=bool)
    of_item = _item_files(labels, pairs, [str(name) for name in weights], "a weight was given for this file")
    for name, weight in weights.items():
        if not isinstance(weight, (int, np.integer)) or isinstance(weight, bool) or weight < 1:
            raise InputError(str(name), f"weight is {weight!r}; expected a whole number of at least 1")
    for name, weight in weights.items():
        counts[of_item == str(name)] = int(weight)
    return counts, np.isin(of_item, [str(name) for name in weights])


def temperature_of(probabilities: np.ndarray) -> np.ndarray:
    """50 times the expected label of each row of probabilities (columns in
    :data:`LABELS` order), from -100 to +100."""
    return (50.0 * np.asarray(probabilities, dtype=float)) @ _VALUES


def paragraph_weights(p_neutral) -> np.ndarray:
    """How much each paragraph weighs when its scores are pooled with others:
    ``1 - p_neutral``, at least :data:`MIN_PARAGRAPH_WEIGHT`, so that a pair's one
    substantive paragraph is not drowned by paragraphs where the two merely appear."""
    return np.maximum(1.0 - np.asarray(p_neutral, dtype=float), MIN_PARAGRAPH_WEIGHT)


def _ordered_proba(model, pairs: pd.DataFrame) -> np.ndarray:
    """Probabilities with columns in :data:`LABELS` order.

    The gradient-boosted trees predict in one OpenMP thread: a batch's trees take a
    few milliseconds, and threads that wait on each other while another process holds
    a core (a second job, or worker processes, one per core) made the whole pipeline
    twice as slow on a busy machine.
    """
    with _openmp().limit(limits=1):
        raw = model.predict_proba(pairs)
    out = np.zeros((len(pairs), len(LABELS)))
    for j, name in enumerate(model.classes_):
        out[:, LABELS.index(name)] = raw[:, j]
    return out


@lru_cache(maxsize=1)
def _openmp():
    """The OpenMP libraries of this process, found once: ``threadpool_limits`` looks
    for them anew on every call, reading ``/proc``, which cost a small batch about as
    much as its classifier. Importing this module imports scikit-learn's ensembles,
    and with them its OpenMP runtime, before the first call."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api="openmp")


def decide_labels(probabilities: np.ndarray) -> list[str]:
    """The label of each row of probabilities (columns in :data:`LABELS` order).

    The side is decided first, by the summed probability of conflict (hostile +
    strained), neutral and cooperation (cordial + friendly), then the degree within
    that side. This is the Bayes decision for the three-way reading that analysts
    (and the evaluation) care about most; a plain five-way arg-max can call a
    paragraph neutral when most of its probability is on conflict, split between
    hostile and strained.

    Parameters
    ----------
    probabilities : numpy.ndarray of shape (n, 5)

    Returns
    -------
    list of str
    """
    p = np.asarray(probabilities, dtype=float)
    sides = np.stack([p[:, 0] + p[:, 1], p[:, 2], p[:, 3] + p[:, 4]], axis=1).argmax(axis=1)
    labels = []
    for row, side in zip(p, sides):
        if side == 0:
            labels.append("hostile" if row[0] > row[1] else "strained")
        elif side == 1:
            labels.append("neutral")
        else:
            labels.append("friendly" if row[4] > row[3] else "cordial")
    return labels


def predict_pairs(model, pairs: pd.DataFrame) -> pd.DataFrame:
    """Label probabilities and temperature of each pair row.

    Parameters
    ----------
    model : fitted pipeline
        From :func:`train` or :func:`load_model`.
    pairs : pandas.DataFrame
        Rows of :func:`stance.build_pairs`.

    Returns
    -------
    pandas.DataFrame
        ``label`` (see :func:`decide_labels`), ``temperature`` and ``p_hostile`` …
        ``p_friendly``, on the index of ``pairs``.
    """
    columns = ["label", "temperature", *PROBABILITY_COLUMNS]
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "label" else float) for c in columns},
                            index=pairs.index)
    probabilities = _ordered_proba(model, pairs)
    frame = pd.DataFrame(probabilities, columns=list(PROBABILITY_COLUMNS), index=pairs.index)
    frame.insert(0, "temperature", temperature_of(probabilities))
    frame.insert(0, "label", decide_labels(probabilities))
    return frame


def _trusted_prefixes() -> tuple[str, ...]:
    return ("sklearn.", "numpy.", "scipy.sparse.", "stance.features.", "builtins.")


#: Types of stance outside its feature transformers that a saved model may hold.
_TRUSTED_TYPES = frozenset({"stance.model.FirstColumns", "stance.model.LogisticCalibration",
                            "stance.model.SerialExtraTrees"})

#: The types of :func:`make_model`'s pipelines that skops does not trust of itself (all
#: of them trusted by :func:`_trusted_prefixes` or :data:`_TRUSTED_TYPES`). A model that
#: holds no others loads in one pass; any other model has its types listed first and
#: checked, which reads the file twice (about 3 of the default model's 6 seconds).
_EXPECTED_TYPES = (
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor", "sklearn.tree._tree.Tree",
    "sklearn.utils._bunch.Bunch", "stance.features.ContextNgrams", "stance.features.CueFeatures",
    "stance.features.EventClasses", "stance.features.MaskedContext", "stance.features.MentionRoles",
    "stance.features.PairContext", "stance.features.PairTfidf", "stance.features.ParagraphSentiment",
    "stance.features.Provenance", "stance.features.ThirdParty", *sorted(_TRUSTED_TYPES),
)


def save_model(model, path: str | Path, report: TrainingReport | None = None) -> Path:
    """Save a fitted model in the skops format, with its card beside it.

    Parameters
    ----------
    model : fitted pipeline
    path : str or Path
        The ``.skops`` file to write (whole or not at all). The model card is written
        to the same name with ``.md``.
    report : TrainingReport, optional
        What the card reports: data, training date and cross-validated scores.

    Returns
    -------
    Path
        The model file.
    """
    import skops.io as sio

    from stance._atomic import write_bytes, write_text

    path = Path(path)
    _drop_stop_words(model)
    write_bytes(path, sio.dumps(model, compression=zipfile.ZIP_DEFLATED, compresslevel=9))
    if report is not None:
        write_text(path.with_suffix(".md"), model_card(report, path.name))
        write_text(path.with_suffix(".json"), json.dumps(report.__dict__, indent=2, sort_keys=True) + "\n")
    return path


def _drop_stop_words(model) -> None:
    """Forget the terms TF-IDF dropped for rarity: they only make the file large."""
    for step in getattr(model, "named_steps", {}).values():
        for _, part in getattr(step, "transformer_list", []):
            inner_parts = [getattr(part, "vectorizer_", None), *getattr(part, "named_steps", {}).values()]
            for inner in inner_parts:
                if hasattr(inner, "stop_words_"):
                    inner.stop_words_ = None


_CALIBRATIONS = {
    "logistic": "a multinomial logistic regression on the log-probabilities",
    "isotonic": "one isotonic curve per label",
    "sigmoid": "one sigmoid per label",
}


def model_card(report: TrainingReport, name: str) -> str:
    """The model card of a trained model, as Markdown."""
    scores = report.cv_scores
    calibration = _CALIBRATIONS.get(report.calibration, report.calibration)
    calibrated_on = (" fitted on the items of " + ", ".join(f"`{Path(f).name}`" for f in report.calibrated_on)
                     if report.calibrated_on else "")
    lines = [
        f"# Model card: {name}",
        "",
        "Predicts the state of relations between two countries named in a news paragraph, "
        "as calibrated probabilities over five labels (hostile, strained, neutral, cordial, "
        "friendly; annotation guide of the stance project) and a temperature from -100 to "
        "+100 (50 times the expected label).",
        "",
        "## Model",
        "A scikit-learn pipeline (`stance.make_model()`): lexicon sentiment of the paragraph's "
        "sentences that name either country and of those holding both (VADER, TextBlob), the "
        "pair's distance and shared sentences, cooperation and conflict cues of `features/cues.csv` by where "
        "they stand relative to the pair (with negation, hedging and reversal), third-party "
        "constructions, the kind of event the pair's sentences report where the model learnt "
        "event classes (`stance.features.EventClasses`), and TF-IDF n-grams of the context with "
        "the countries masked, once for every row and once more for the news rows alone "
        "(`stance.features.ContextNgrams`). The "
        "classifier is the soft vote of gradient-boosted trees and extremely randomised trees "
        "over the dense features and a class-balanced logistic regression over all of them, "
        f"calibrated on cross-validated predictions ({calibration}){calibrated_on}.",
        "",
        "## Data",
        f"- Trained on {report.trained_at or 'an unknown date'} from {report.n_items} labelled items; "
        f"{report.n_items - report.n_unmatched} had both countries found in the text and were used, "
        f"over {report.n_pairs} country pairs.",
        "- Labels: " + ", ".join(f"{k} {v}" for k, v in report.label_counts.items()) + ".",
        "- Files: " + ", ".join(f"`{Path(f).name}`" for f in report.files) + ".",
        "- Sources named by the items: " + ", ".join(f"`{s}`" for s in report.sources) + ".",
    ]
    if report.written:
        lines.append("- Written examples: " + ", ".join(f"`{Path(f).name}`" for f in report.written)
                     + "; the model knows them from news (`stance.features.Provenance`) and reads "
                       "every text it scores as news.")
    if report.events:
        lines.append(f"- Event classes: `{Path(report.events).name}`, {report.n_event_sentences} news sentences "
                     "labelled with the kind of event they report (statement, verbal or material cooperation "
                     "or conflict), which `stance.features.EventClasses` learns from; the pairs of those it trains "
                     "on are read out of fold.")
    if report.weights:
        lines.append("- Weights: " + ", ".join(f"each item of `{Path(f).name}` counts {k} times"
                                               for f, k in report.weights.items())
                     + " in training (real news among written examples); cross-validation scores each "
                       "item once.")
    lines += ["", "## Cross-validated scores"]
    if scores and report.cv_weighted_scores:
        weighted = ", ".join(f"`{Path(f).name}`" for f in report.weights)
        lines += [
            f"{report.cv_folds}-fold cross-validation holding out whole country pairs and the "
            f"paragraphs that name them (no pair and no paragraph in both training and test folds), "
            f"on all items and on the items of {weighted}:",
            "",
            "| measure | all items | " + weighted + " |",
            "|---|---|---|",
        ] + [f"| {k} | {v:.3f} | {report.cv_weighted_scores[k]:.3f} |" for k, v in scores.items()]
    elif scores:
        lines += [
            f"{report.cv_folds}-fold cross-validation holding out whole country pairs and the "
            "paragraphs that name them (no pair and no paragraph in both training and test folds):",
            "",
            "| measure | value |",
            "|---|---|",
        ] + [f"| {k} | {v:.3f} |" for k, v in scores.items()]
    else:
        lines.append("Not measured.")
    if report.heldout:
        names = ("model", "vader", "textblob")
        measures = ("macro_f1_3way", "accuracy_3way", "accuracy_5way", "mae_5point", "spearman")

        def table(figures: dict) -> list[str]:
            return ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)] + [
                "| " + m + " | " + " | ".join(f"{figures[n][m]:.3f}" for n in names) + " |" for m in measures]

        files = ", ".join(f"`{f}`" for f in report.heldout_files or [])
        lines += [
            "",
            "## Held-out evaluation",
            f"`stance evaluate` on {files} ({report.heldout['n_items']} items, never trained on; "
            f"{report.heldout['n_not_found']} whose pair was not found count as neutral), beside "
            "VADER's compound and TextBlob's polarity on the same paragraphs, cut at ±0.05",
        ]
        if report.heldout_by_file:
            lines[-1] += "; each file on its own, then all together:"
            for name, figures in report.heldout_by_file.items():
                lines += ["", f"`{name}` ({figures['n_items']} items):", ""] + table(figures)
            lines += ["", "All files together:", ""] + table(report.heldout)
        else:
            lines[-1] += ":"
            lines += [""] + table(report.heldout)
    lines += [
        "",
        "Cross-validated scores are measured on the training corpus's own style of text; "
        "the held-out evaluation on real news is the figure to trust.",
        "",
    ]
    if report.software:
        lines += [
            "## Software",
            "Trained and saved with " + ", ".join(f"{k} {v}" for k, v in report.software.items()) + ". "
            "`stance.load_model` refuses a model saved by a newer scikit-learn than the one "
            "installed, which may not read it.",
            "",
        ]
    lines += [
        "## Limits",
        "- English news only; countries are found by the gazetteer in `features/`.",
        "- One paragraph at a time: what an article says elsewhere does not change a "
        "paragraph's label.",
        "",
    ]
    return "\n".join(lines)


def load_model(path: str | Path | None = None):
    """Load a model saved with :func:`save_model`, trusting only the types it needs.

    Parameters
    ----------
    path : str or Path, optional
        A ``.skops`` file; by default the model shipped with stance.

    Returns
    -------
    fitted pipeline

    Raises
    ------
    stance.DataError
        When the file is missing, unreadable, or holds types other than scikit-learn's,
        NumPy's, SciPy's sparse matrices, stance's feature transformers and
        :class:`LogisticCalibration`.
    """
    if path is None:
        return _default_model()
    return _load(Path(path))


def resolve_model(model=None):
    """The fitted pipeline that ``model`` names, as the scoring functions accept it.

    Parameters
    ----------
    model : fitted pipeline, str or Path, optional
        A fitted pipeline (returned as it is), a ``.skops`` file loaded with
        :func:`load_model`, or ``None`` for the model shipped with stance.

    Returns
    -------
    fitted pipeline

    Raises
    ------
    TypeError
        When ``model`` is neither a path nor an object with ``predict_proba``.
    stance.DataError
        When the file cannot be loaded (see :func:`load_model`).
    """
    if model is None or isinstance(model, (str, Path)):
        return load_model(model)
    if not callable(getattr(model, "predict_proba", None)):
        raise TypeError(f"model: expected a fitted pipeline (from stance.train or stance.load_model), a path to a "
                        f".skops file or None; got {type(model).__name__}")
    return model


@lru_cache(maxsize=1)
def _default_model():
    return _load(data_dir("models") / DEFAULT_MODEL)


def _load(path: Path):
    import skops.io as sio

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such model file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read the model: {exc}") from None
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        # skops refuses any type of the file outside the list
        return _versions_checked(path, lambda: sio.loads(data, trusted=list(_EXPECTED_TYPES)))
    except UntrustedTypesFoundException:
        pass  # other types: listed and checked below
    except DataError:
        raise
    except Exception:
        pass  # a corrupt file: named below, by what fails first
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # skops raises several kinds on a corrupt file
        raise DataError(f"{path}: not a skops model file ({type(exc).__name__}: {exc})") from None
    refused = [t for t in untrusted if not (t.startswith(_trusted_prefixes()) or t in _TRUSTED_TYPES)]
    if refused:
        raise DataError(f"{path}: the model holds types stance does not trust: {refused}")
    try:
        return _versions_checked(path, lambda: sio.loads(data, trusted=untrusted))
    except DataError:
        raise
    except Exception as exc:
        raise DataError(f"{path}: cannot load the model ({type(exc).__name__}: {exc})") from None


def _release(version: str) -> tuple[int, int]:
    """The major and minor numbers of a version ("1.9.1" -> (1, 9))."""
    import re

    numbers = [int(n) for n in re.findall(r"\d+", version)[:2]]
    return tuple(numbers + [0] * (2 - len(numbers)))


def _versions_checked(path: Path, load):
    """``load()``, refused when the model was saved by a newer scikit-learn than this one.

    A fitted estimator read by an older scikit-learn lacks what the newer one gave it
    (the shipped model, saved by 1.9, fails to predict under 1.6 with an
    ``AttributeError``). scikit-learn warns on any other difference of versions, and
    those warnings are passed on.
    """
    import warnings

    from sklearn.exceptions import InconsistentVersionWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InconsistentVersionWarning)
        model = load()
    newer = sorted({w.message.original_sklearn_version for w in caught
                    if isinstance(w.message, InconsistentVersionWarning)
                    and _release(w.message.original_sklearn_version) > _release(w.message.current_sklearn_version)})
    if newer:
        import sklearn

        raise DataError(f"{path}: the model was saved with scikit-learn {newer[-1]}, and this is scikit-learn "
                        f"{sklearn.__version__}, which cannot read it; expected scikit-learn {newer[-1]} or "
                        f"newer (pip install 'scikit-learn>={newer[-1]}'), or a model trained again with "
                        f"'stance train'")
    for w in caught:  # the others, as they came
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return model
