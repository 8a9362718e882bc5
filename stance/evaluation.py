"""Labelled data → how well the model reads it, beside two lexicon baselines.

:func:`evaluate` scores every labelled row's text for its pair. A row whose two
countries are not both found in its text counts as neutral. It reports, for the model
and for VADER's compound and TextBlob's polarity on the same paragraphs (cut at
±0.05 into conflictual, neutral and cooperative):

- three-way macro-F1 and accuracy (conflictual -2/-1, neutral 0, cooperative +1/+2);
- five-point accuracy and mean absolute error on the -2 … +2 scale;
- Spearman's rank correlation between the true label and the predicted score;
- the three-way confusion matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance.model import LABEL_VALUES, LABELS, labelled_pairs, predict_pairs, read_labels, resolve_model
from stance.sentiment import SENTIMENT_COLUMNS, SentimentScorer

__all__ = ["evaluate", "evaluate_files", "scores_from_values", "format_report", "THREE_WAY"]

#: The collapsed classes, in order.
THREE_WAY = ("conflictual", "neutral", "cooperative")


def _three(values: np.ndarray) -> np.ndarray:
    return np.sign(np.asarray(values, dtype=float)).astype(int) + 1  # 0, 1, 2


def scores_from_values(true_values, predicted_values, predicted_scores) -> dict[str, float]:
    """Agreement figures between true and predicted labels.

    Parameters
    ----------
    true_values, predicted_values : array-like of int
        Labels on the five-point scale (-2 … +2).
    predicted_scores : array-like of float
        A continuous prediction (expected label, compound, polarity) for Spearman.

    Returns
    -------
    dict
        ``macro_f1_3way``, ``accuracy_3way``, ``accuracy_5way``, ``mae_5point``,
        ``spearman``.
    """
    from scipy.stats import spearmanr
    from sklearn.metrics import accuracy_score, f1_score

    true_values = np.asarray(true_values)
    predicted_values = np.asarray(predicted_values)
    t3, p3 = _three(true_values), _three(predicted_values)
    rho = spearmanr(true_values, predicted_scores).statistic if np.ptp(predicted_scores) > 0 else 0.0
    return {
        "macro_f1_3way": float(f1_score(t3, p3, labels=[0, 1, 2], average="macro", zero_division=0)),
        "accuracy_3way": float(accuracy_score(t3, p3)),
        "accuracy_5way": float(accuracy_score(true_values, predicted_values)),
        "mae_5point": float(np.mean(np.abs(true_values - predicted_values))),
        "spearman": float(rho),
    }


def _confusion(true_values, predicted_values) -> list[list[int]]:
    from sklearn.metrics import confusion_matrix

    return confusion_matrix(_three(true_values), _three(predicted_values), labels=[0, 1, 2]).tolist()


def _cut(raw: np.ndarray, cut: float = 0.05) -> np.ndarray:
    """A lexicon score's three-way value (-1, 0, +1), cut at ``±cut``."""
    return np.where(raw > cut, 1, np.where(raw < -cut, -1, 0))


def evaluate(labels, *, model=None) -> dict:
    """Score labelled data with a model and with two lexicon baselines.

    Parameters
    ----------
    labels : path, list of paths or DataFrame
        Labelled data in the annotation guide's CSV format (see
        :func:`stance.read_labels`).
    model : fitted pipeline or path, optional
        By default the model shipped with stance.

    Returns
    -------
    dict
        ``n_items``, ``n_not_found`` (rows whose pair was not found, counted as
        neutral), ``label_counts``, and for each of ``model``, ``vader`` and
        ``textblob`` the figures of :func:`scores_from_values` plus ``confusion`` (rows:
        true conflictual, neutral, cooperative; columns: predicted).
    """
    if not isinstance(labels, pd.DataFrame):
        labels = read_labels(labels)
    return _figures(_predictions(labels, resolve_model(model)))


def evaluate_files(files, *, model=None) -> tuple[dict, dict[str, dict]]:
    """Evaluate several labelled files, each on its own and all together.

    Each file's rows are scored once: the figures of all files together are those of
    :func:`evaluate` on the files joined, and each file's those of :func:`evaluate` on
    it alone.

    Parameters
    ----------
    files : mapping of name to path or DataFrame, or list of paths
        Labelled data in the annotation guide's CSV format; a list is named by its
        paths.
    model : fitted pipeline or path, optional
        By default the model shipped with stance.

    Returns
    -------
    together : dict
        The figures of :func:`evaluate` on all rows of all files.
    by_file : dict of str to dict
        The same for each file, in the order given.
    """
    if not hasattr(files, "items"):
        files = {str(name): name for name in files}
    model = resolve_model(model)
    read = {name: (labels if isinstance(labels, pd.DataFrame) else read_labels(labels))
            for name, labels in files.items()}
    predicted = {name: _predictions(labels, model) for name, labels in read.items()}
    together = {key: np.concatenate([p[key] for p in predicted.values()]) for key in _PREDICTED}
    together["labels"] = pd.concat([p["labels"] for p in predicted.values()], ignore_index=True)
    return _figures(together), {name: _figures(p) for name, p in predicted.items()}


# what _predictions returns besides the labels themselves
_PREDICTED = ("truth", "found", "values", "expected", "vader", "textblob")


def _predictions(labels: pd.DataFrame, model) -> dict:
    """The model's label and expected value of each row (neutral where the pair is not
    found), and the two baselines' raw scores."""
    pairs = labelled_pairs(labels)
    predicted = predict_pairs(model, pairs)
    values = np.zeros(len(labels), dtype=int)  # not found: neutral
    expected = np.zeros(len(labels))
    found = np.zeros(len(labels), dtype=bool)
    items = pairs["item"].to_numpy()
    values[items] = [LABEL_VALUES[name] for name in predicted["label"]]
    expected[items] = predicted["temperature"].to_numpy() / 50.0
    found[items] = True
    # the baselines: VADER's compound and TextBlob's polarity of each paragraph, a text
    # that several labelled pairs share scored once (the stock scores, checked when
    # the quick analysers are built)
    sentiment = SentimentScorer().score(labels["text"])
    return {"labels": labels, "truth": labels["value"].to_numpy(), "found": found, "values": values,
            "expected": expected, "vader": sentiment[:, SENTIMENT_COLUMNS.index("vader_compound")],
            "textblob": sentiment[:, SENTIMENT_COLUMNS.index("tb_polarity")]}


def _figures(predicted: dict) -> dict:
    """The figures of :func:`evaluate` from :func:`_predictions`."""
    labels, truth, values = predicted["labels"], predicted["truth"], predicted["values"]
    result = {
        "n_items": int(len(labels)),
        "n_not_found": int(len(labels) - predicted["found"].sum()),
        "label_counts": {name: int((labels["label"] == name).sum()) for name in LABELS},
        "model": {**scores_from_values(truth, values, predicted["expected"]), "confusion": _confusion(truth, values)},
    }
    for name in ("vader", "textblob"):
        raw = predicted[name]
        three = _cut(raw)
        result[name] = {**scores_from_values(truth, three, raw), "confusion": _confusion(truth, three)}
    return result


def format_report(result: dict) -> str:
    """The result of :func:`evaluate` as a plain-text table."""
    names = ("model", "vader", "textblob")
    measures = ("macro_f1_3way", "accuracy_3way", "accuracy_5way", "mae_5point", "spearman")
    lines = [
        f"items: {result['n_items']}  (pair not found in text, counted neutral: {result['n_not_found']})",
        "labels: " + ", ".join(f"{k} {v}" for k, v in result["label_counts"].items()),
        "",
        f"{'':16}" + "".join(f"{n:>10}" for n in names),
    ]
    for measure in measures:
        lines.append(f"{measure:16}" + "".join(f"{result[n][measure]:>10.3f}" for n in names))
    lines.append("")
    lines.append("baselines: VADER compound and TextBlob polarity of the paragraph, cut at ±0.05")
    for name in names:
        lines.append("")
        lines.append(f"confusion ({name}): rows true, columns predicted")
        lines.append(f"{'':14}" + "".join(f"{c:>13}" for c in THREE_WAY))
        for label, row in zip(THREE_WAY, result[name]["confusion"]):
            lines.append(f"{label:14}" + "".join(f"{v:>13}" for v in row))
    return "\n".join(lines)
