"""Agreement between the writers' labels of the written corpus and a second annotator's
blind labels (``seeds/_labelled/second_annotation.csv``), by round.

Prints, for each round, the items, exact and three-way agreement, quadratic Cohen's
kappa and the largest difference, and checks that every item of rounds 4 to 6 in
``seeds/_labelled/corpus.csv`` and of the written tests (``*_test.csv``: short texts,
sentences, alignment) carries the label closer to 0 where the two differ (the
annotation guide's rule 6; the sample of earlier rounds keeps its writers' labels).
Usage::

    python benchmarks/agreement.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

LABELLED = Path(__file__).resolve().parents[1] / "seeds" / "_labelled"


def closer_to_zero(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Of two labels, the one closer to 0 (0 when they lie on opposite sides)."""
    return np.where(a * b < 0, 0, np.where(np.abs(a) <= np.abs(b), a, b))


def written_tests() -> list[Path]:
    """The written tests that no model trains on: ``seeds/_labelled/*_test.csv``."""
    return sorted(LABELLED.glob("*_test.csv"))


def main() -> int:
    pairs = pd.read_csv(LABELLED / "second_annotation.csv")
    corpus = pd.concat([pd.read_csv(path, usecols=["id", "label"])
                        for path in (LABELLED / "corpus.csv", *written_tests())]).set_index("id")["label"]
    print(f"{'round':<58}{'items':>6}{'exact':>7}{'3-way':>7}{'kappa q':>9}{'max diff':>9}")
    for name, group in pairs.groupby("round", sort=False):
        a, b = group["writer"].to_numpy(), group["second"].to_numpy()
        print(f"{name:<58}{len(group):>6}{np.mean(a == b):>7.0%}{np.mean(np.sign(a) == np.sign(b)):>7.0%}"
              f"{cohen_kappa_score(a, b, weights='quadratic'):>9.2f}{np.abs(a - b).max():>9}")
    merged = pairs[pairs["round"].str.startswith(("round 4", "round 5", "round 6", "test"))]
    kept = corpus.loc[merged["id"]].to_numpy()
    expected = closer_to_zero(merged["writer"].to_numpy(), merged["second"].to_numpy())
    wrong = int((kept != expected).sum())
    print(f"labels of rounds 4 to 6 and of the tests that are not the one closer to 0: {wrong} of {len(merged)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
