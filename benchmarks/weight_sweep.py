"""Cross-validated three-way macro-F1 of the model for several weights of the real
news sentences (ConfliBERT's training part), on those sentences and on all items.

It calls ``stance.train`` with each weight: folds hold out whole country pairs, and
each real item counts ``weight`` times in the training folds and once in the test
fold. The held-out part of ConfliBERT is not read. Needs ``build/conflibert/train.csv``
(``python benchmarks/conflibert_labels.py``). With ``OMP_NUM_THREADS=1`` a weight takes
about a minute and a half with the 603 real items; with the trees' default threads it
can take ten times that when another job holds a core.

Usage::

    OMP_NUM_THREADS=1 python benchmarks/weight_sweep.py [--weights 1 3 5 8]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stance.model import read_labels, train

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "seeds" / "_labelled" / "corpus.csv", ROOT / "seeds" / "_labelled" / "seed.csv",
         ROOT / "build" / "conflibert" / "train.csv"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=int, nargs="+", default=[1, 3, 5, 8])
    args = parser.parse_args(argv)

    labels = read_labels(FILES)
    real = str(FILES[2])
    print(f"{(labels['file'] == real).sum()} real news items among {len(labels)}; 5-fold cross-validation by pair")
    print(f"{'weight':>6}{'macro-F1 real':>15}{'macro-F1 all':>14}")
    for weight in args.weights:
        _, report = train(labels, cv_folds=5, weights={real: weight})
        print(f"{weight:>6}{report.cv_weighted_scores['macro_f1_3way']:>15.3f}"
              f"{report.cv_scores['macro_f1_3way']:>14.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
