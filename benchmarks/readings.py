"""How the model reads items out of fold: as news, and as written examples.

The default model marks the items of the written corpus as written examples
(``stance train --written``, :class:`stance.features.Provenance`) and reads every text
it scores as news. This script trains under the strict folds of
``benchmarks/cv_designs.py`` (whole pairs held out, and the training rows of any
paragraph tested left out; files, weights and calibration as ``models/README.md``
trains) and predicts every tested item twice: with the mark set (read as a written
example) and with it clear (read as news). It prints, for the real news items and for
the written items:

- the three-way confusion matrix of each reading (rows true, columns predicted:
  conflictual, neutral, cooperative);
- three-way macro-F1 of each reading by how many pairs the item's paragraph holds (one;
  two or three; four to six; seven or more), with the share of items that are neutral
  by hand and as read.

The real items' own reading is as news, the written items' as written; the other
reading shows what the mark changes. ``--seed`` draws the folds (default: unshuffled),
as ``cv_designs.py --seeds`` does. One draw trains five models (about a minute and a half on
one core). Set ``OMP_NUM_THREADS=1`` on a shared machine. Usage::

    OMP_NUM_THREADS=1 python benchmarks/readings.py [--seed N]
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from calibration_check import _data, model_params
from stance.evaluation import THREE_WAY, _confusion, scores_from_values
from stance.model import (LABEL_VALUES, _cross_validation_splits, _fit_counted, _ordered_proba, decide_labels,
                          make_model)

SIZES = ((1, 1), (2, 3), (4, 6), (7, None))


def out_of_fold(pairs: pd.DataFrame, y: np.ndarray, counts: np.ndarray, real: np.ndarray,
                seed: int | None = None) -> pd.DataFrame:
    """Every item's true label and its label read as news and as written, out of fold.

    Parameters
    ----------
    pairs, y, counts, real
        As ``calibration_check._data`` returns them: the labelled pair rows (with
        their ``written`` mark), their labels, how many times each row counts, and
        which rows are real news items (they alone fit the calibration).
    seed : int or None, default None
        The draw of the strict folds; None leaves them unshuffled.

    Returns
    -------
    pandas.DataFrame
        ``true``, ``news`` and ``written`` (-2 … +2), ``pairs_in_paragraph``,
        ``real`` and ``marked`` (whether the item is a written example), one row per
        pair row of ``pairs``.
    """
    news = np.zeros((len(pairs), 5))
    written = np.zeros((len(pairs), 5))
    for train_rows, test_rows in _cross_validation_splits(pairs, 5, seed):
        model = _fit_counted(make_model(**model_params()), pairs, y, train_rows, counts, calibrating=real)
        tested = pairs.iloc[test_rows]
        news[test_rows] = _ordered_proba(model, tested.assign(written=False))
        written[test_rows] = _ordered_proba(model, tested.assign(written=True))

    def values(probabilities):
        return np.asarray([LABEL_VALUES[label] for label in decide_labels(probabilities)])

    size = pairs.groupby(["article_id", "paragraph_id"])["country_a"].transform("size").to_numpy()
    return pd.DataFrame({"true": pairs["value"].to_numpy(), "news": values(news), "written": values(written),
                         "pairs_in_paragraph": size, "real": real,
                         "marked": pairs["written"].to_numpy(dtype=bool)})


def _macro_f1(true, read) -> float:
    """Three-way macro-F1, as ``stance evaluate`` computes it."""
    return scores_from_values(true, read, read)["macro_f1_3way"]


def report(items: pd.DataFrame) -> str:
    """The tables described in the module docstring."""
    lines = []
    for name, part in (("real news items", items[items["real"]]), ("written items", items[items["marked"]])):
        lines.append(f"{name}: {len(part)}")
        for reading in ("news", "written"):
            rows = ", ".join("/".join(str(n) for n in row) for row in _confusion(part["true"], part[reading]))
            lines.append(f"  read as {reading:<8} macro-F1 {_macro_f1(part['true'], part[reading]):.3f}; "
                         f"confusion (rows {'/'.join(THREE_WAY)}): {rows}")
        lines.append(f"  {'pairs in paragraph':<20}{'items':>6}{'F1 news':>9}{'F1 written':>11}"
                     f"{'neutral':>9}{'as news':>9}{'as written':>11}")
        for low, high in SIZES:
            size = part["pairs_in_paragraph"]
            chosen = part[(size >= low) & (size <= (high if high is not None else size.max()))]
            label = f"{low}" if low == high else (f"{low}-{high}" if high else f"{low}+")
            if chosen.empty:
                lines.append(f"  {label:<20}{0:>6}")
                continue
            lines.append(f"  {label:<20}{len(chosen):>6}{_macro_f1(chosen['true'], chosen['news']):>9.3f}"
                         f"{_macro_f1(chosen['true'], chosen['written']):>11.3f}"
                         f"{(chosen['true'] == 0).mean():>9.0%}{(chosen['news'] == 0).mean():>9.0%}"
                         f"{(chosen['written'] == 0).mean():>11.0%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=None, help="draw of the folds (default: unshuffled)")
    args = parser.parse_args(argv)
    pairs, y, counts, real = _data()
    if not pairs["written"].any():
        print("readings: no item is marked as written; expected the written corpus among the files",
              file=sys.stderr)
        return 2
    print(f"draw of the folds: {'unshuffled' if args.seed is None else f'seed {args.seed}'}")
    print(report(out_of_fold(pairs, y, counts, real, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
