"""Cross-validated figures of the model under three designs of the folds, and of
variants of the model, averaged over random draws of the folds.

A paragraph that names three countries is an item for each of its three pairs. The
designs:

- ``pair``: folds hold out whole country pairs (``GroupKFold``), as ``stance train``
  did until 2026-12-05; a test paragraph's other pairs can sit in training;
- ``paragraph``: folds hold out whole paragraphs, like the held-out part of the real
  news, which is split by sentence (``benchmarks/conflibert_labels.py``);
- ``strict``: whole pairs, and the training rows of any paragraph tested are left out
  (``stance.model._cross_validation_splits``, what ``stance train`` does now).

It first prints how many pair items share their paragraph with another and how many
training rows the strict design leaves out. Trained on the files of
``models/README.md``; the figures are three-way macro-F1,
five-way accuracy, MAE and Spearman on the real news items (595 today) of
``build/conflibert/train.csv`` and macro-F1 on all items. The held-out part is not read.

Each ``--variant NAME=JSON`` is a set of :func:`stance.make_model` parameters (over
those of the shipped model: ``{"events": null}`` leaves its event classes out), and may
carry ``"weight"`` (how many times a real item counts; default 3),
``"calibrate_on_real"`` (whether the real items alone fit the calibration, as
``models/README.md`` trains; default true, and false for calibrations other than
``"logistic"``), ``"written"`` (whether the written corpus's items are marked as
written examples, as ``models/README.md`` trains: default true), and ``"joined"``
(whether the real sentences joined into paragraphs,
``build/conflibert/train_joined.csv``, are trained on too: default false; they are
never tested, the folds are drawn over the other items as without them, and a joined
paragraph trains only where none of its sentences is tested). ``--seeds`` adds
draws of the folds to the unshuffled one; the figures are their mean, with the
standard deviation of the real items' macro-F1 across draws. ``--per-draw`` prints
each draw too: the same draw in two checkouts (or two variants) uses the same folds
when the labelled pairs are the same, so differences can be taken draw by draw, as
``models/README.md`` reports them (``benchmarks/paired_draws.py BEFORE AFTER`` takes
them from two saved runs). Set
``OMP_NUM_THREADS=1`` on a shared machine. Usage::

    OMP_NUM_THREADS=1 python benchmarks/cv_designs.py --designs pair paragraph strict
    OMP_NUM_THREADS=1 python benchmarks/cv_designs.py --seeds 1 2 \\
        --variant 'C=2={"C": 2}' --variant 'weight 5={"weight": 5}'
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from calibration_check import FILES, JOINED, WRITTEN, model_params, training_files
from paired_draws import draw_line
from stance.model import (_cross_validation_splits, _fit_counted, _item_counts, _metrics, _ordered_proba,
                          _pair_groups, labelled_pairs, make_model, mark_written, read_labels)


def splits(pairs, design: str, seed: int | None, folds: int = 5):
    """``(train, test)`` rows of one draw of the folds under ``design``."""
    from sklearn.model_selection import GroupKFold

    if design == "strict":
        return list(_cross_validation_splits(pairs, folds, seed))
    if design == "pair":
        groups = _pair_groups(pairs)
    elif design == "paragraph":
        groups = pairs["text"].to_numpy()
    else:
        raise ValueError(f"unknown design {design!r}; expected pair, paragraph or strict")
    # GroupKFold draws at random from scikit-learn 1.6 on
    splitter = GroupKFold(folds) if seed is None else GroupKFold(folds, shuffle=True, random_state=seed)
    return list(splitter.split(pairs, groups=groups))


def with_joined(splits_of_base, pairs, n_base: int):
    """Draws of the folds over the first ``n_base`` rows of ``pairs`` (the labelled files
    without the joined paragraphs), each with the joined rows added to training where
    their paragraph holds no tested sentence. The joined rows are never tested, so the
    folds and the figures' items are those of a run without them."""
    joined = np.arange(n_base, len(pairs))
    texts = pairs["text"].to_numpy()
    for train_rows, test_rows in splits_of_base:
        tested = set(texts[test_rows])
        free = [row for row in joined if not any(sentence in texts[row] for sentence in tested)]
        yield np.concatenate([train_rows, np.asarray(free, dtype=int)]), test_rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designs", nargs="+", default=["strict"], choices=["pair", "paragraph", "strict"])
    parser.add_argument("--seeds", type=int, nargs="*", default=[],
                        help="draws of the folds besides the unshuffled one")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=JSON",
                        help="model parameters (and \"weight\") to compare; default: the shipped settings")
    parser.add_argument("--per-draw", action="store_true",
                        help="also print each draw's figures, to pair draws across runs or checkouts")
    args = parser.parse_args(argv)
    variants = {"shipped": {}}
    if args.variant:
        variants = {}
        for spec in args.variant:
            name, _, params = spec.rpartition("=")
            variants[name] = json.loads(params)

    labels = read_labels(FILES)
    base = labelled_pairs(labels)
    real_file = str(FILES[2])
    print(f"{len(base)} pair items, {len(labels)} labelled items; draws of the folds: unshuffled"
          + "".join(f", seed {s}" for s in args.seeds))
    shared = base["text"].duplicated(keep=False).sum()
    strict = list(_cross_validation_splits(base, 5))
    left_out = np.mean([len(base) - len(test) - len(train) for train, test in strict])
    trained = np.mean([len(base) - len(test) for _, test in strict])
    print(f"{shared} pair items share their paragraph with another; the strict design leaves "
          f"{left_out:.0f} of a fold's {trained:.0f} training rows out (unshuffled folds)")
    print(f"{'variant':<16}{'design':<10}{'real F1':>8}{'±sd':>7}{'acc5':>7}{'MAE':>7}{'Spearman':>9}"
          f"{'all F1':>8}{'time':>7}")
    for name, params in variants.items():
        params = dict(params)
        weight = int(params.pop("weight", 3))
        files = training_files(params)
        variant_labels = read_labels(files) if JOINED in files else labels
        pairs = labelled_pairs(variant_labels) if JOINED in files else base
        if not pairs["text"].iloc[:len(base)].equals(base["text"]):
            raise RuntimeError("the joined paragraphs' items do not follow the other files' items")
        y = pairs["label"].to_numpy()
        values = pairs["value"].to_numpy()[:len(base)]
        counts, real = _item_counts(variant_labels, pairs, {real_file: weight})
        real = real[:len(base)]
        calibrating = np.concatenate([real, np.zeros(len(pairs) - len(base), dtype=bool)])
        marked = mark_written(variant_labels, pairs, WRITTEN if params.pop("written", True) else None)
        on_real_only = params.pop("calibrate_on_real", params.get("calibration", "logistic") == "logistic")
        calibrating = calibrating if on_real_only else None
        for design in args.designs:
            began = time.perf_counter()
            on_real, on_all = [], []
            for seed in [None, *args.seeds]:
                probabilities = np.zeros((len(base), 5))
                for train_rows, test_rows in with_joined(splits(base, design, seed), pairs, len(base)):
                    model = _fit_counted(make_model(**model_params(params)), marked, y, train_rows, counts,
                                         calibrating=calibrating)
                    probabilities[test_rows] = _ordered_proba(model, marked.iloc[test_rows])
                on_real.append(_metrics(values[real], probabilities[real]))
                on_all.append(_metrics(values, probabilities))
                if args.per_draw:
                    print(draw_line("unshuffled" if seed is None else f"seed {seed}", on_real[-1],
                                    on_all[-1]["macro_f1_3way"]), flush=True)
            mean = {k: np.mean([m[k] for m in on_real]) for k in on_real[0]}
            spread = np.std([m["macro_f1_3way"] for m in on_real])
            print(f"{name:<16}{design:<10}{mean['macro_f1_3way']:>8.3f}{spread:>7.3f}{mean['accuracy_5way']:>7.3f}"
                  f"{mean['mae_5point']:>7.3f}{mean['spearman']:>9.3f}"
                  f"{np.mean([m['macro_f1_3way'] for m in on_all]):>8.3f}"
                  f"{time.perf_counter() - began:>6.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
