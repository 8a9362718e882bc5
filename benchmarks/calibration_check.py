"""How accidents of training move the model's figures: the calibration's folds, the
random state of its trees, a handful of training items, and which real news is held out.

Five parts, all on the training files of ``models/README.md`` (the real news items of
``build/conflibert/train.csv`` counting three times and alone fitting the calibration):

- ``--oof``: five-fold cross-validation by pair and paragraph (as ``stance train``
  does), fitting each fold two ways: with the
  copies of an item split across the calibration's folds (``copies``, how training
  worked until 2026-12-05) and kept together (``grouped``, as ``stance.train`` does).
  Prints macro-F1, log loss, Brier score, mean top probability and five-way accuracy
  out of fold, on the real items and on all.
- ``--heldout-seeds S …``: trains the final model once with the calibration's folds
  unshuffled (the shipped model) and once per seed with the folds drawn at random,
  and prints each model's figures on ``build/conflibert/holdout.csv`` and on the same
  sentences joined into paragraphs (``holdout_joined.csv``), on the written tests of
  short texts, of single sentences and of alignment (``seeds/_labelled/short_test.csv``,
  ``sentences_test.csv``, ``alignment_test.csv``), and its temperature of
  India-Russia on the seed article (the issue asks for +40 or above). It measures how
  much that figure moves with an accident of training; it chooses nothing.
- ``--random-states R …``: trains the final model with the random state of its trees
  at 0 (the shipped model) and at each ``R``, and prints each model's held-out
  figures: how much a change that alters a few training items can move them by
  accident, and the mean to compare two versions of the code by.
- ``--jackknife-seeds S …``: the same held-out figures for models trained without
  seven of the real neutral items, drawn at random with each seed (as many as a
  gazetteer fix removed at stop 9): how much a handful of training items moves them.
- ``--resplit-seeds S …``: splits the real news anew for each seed (the training and
  held-out parts together, 25% of the sentences held out by a hash of the sentence and
  the seed) and prints each model's figures on its own held-out part, with their mean
  and standard deviation. The event classes of each split learn from every
  ConfliBERT sentence but its held-out ones (read from ``../shared/data``), as
  ``conflibert_labels.py`` writes ``events.csv`` for the fixed split (in place of
  any ``events`` file that ``--model-params`` names); ``'{"events": null}'`` leaves
  them out. It does not read the fixed held-out part's figures, so it
  can compare two checkouts by the mean over several splits of the real news, split
  by split (``paired_draws.py BEFORE AFTER`` on two saved runs), where one held-out
  part cannot tell a change from the accident of which items it holds.
  ``--holdout-share F`` holds out another share of the sentences (default 0.25, as the
  fixed split; 0.4 for runs made before 2026-12-07), and ``--leave-out-share F``
  leaves the next ``F`` of them out of training: two runs with
  the same held-out share and another leave-out share measure, item for item, what more
  real news in training is worth. ``--paragraphs`` also reads each split's held-out
  sentences joined into paragraphs, as draws named ``seed N paragraphs``
  (``paired_draws.py --match paragraphs`` pairs those alone).

``--model-params JSON`` passes :func:`stance.make_model` parameters to every model
trained, as ``cv_designs.py --variant`` does, so that a variant's held-out figures can
be measured in the same checkout (``'{"forest_leaf": 10}'``; ``'{"events": null}'``
leaves out the event classes that the shipped model learns from
``build/conflibert/events.csv``; ``'{"joined": true}'`` trains on the real sentences
joined into paragraphs as well, ``train_joined.csv`` (with ``--resplit-seeds``, each
split's own training sentences joined anew, so that no held-out sentence is learnt);
``'{"real_weight": 2}'`` counts each real news item twice instead of three times
(:data:`WEIGHT`, as ``stance train --weight`` counts ``build/conflibert/train.csv``);
``'{"set_params": {…}}'`` sets parameters of the pipeline's steps after it is made,
such as the event classifier's,
``'{"set_params": {"features__dense__union__events__C": 4}}'``). Set
``OMP_NUM_THREADS=1`` on a shared machine. Usage::

    OMP_NUM_THREADS=1 python benchmarks/calibration_check.py --oof --heldout-seeds 1 2 3 4
    OMP_NUM_THREADS=1 python benchmarks/calibration_check.py --random-states 1 2 3 --model-params '{"forest": 0}'
    OMP_NUM_THREADS=1 python benchmarks/calibration_check.py --resplit-seeds 1 2 3 4 5
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from conflibert_labels import HOLDOUT_SHARE, JOIN_PASSES, event_sentences, joined_paragraphs, sentence_fraction
from paired_draws import draw_line
from stance.evaluation import evaluate_files
from stance.model import (LABELS, _cross_validation_splits, _fit_counted, _item_counts, _metrics, _ordered_proba,
                          labelled_pairs, make_model, mark_written, read_labels)

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "seeds" / "_labelled" / "corpus.csv", ROOT / "seeds" / "_labelled" / "seed.csv",
         ROOT / "build" / "conflibert" / "train.csv"]
WRITTEN = [str(FILES[0])]  # examples written for training, told apart from news (stance train --written)
HOLDOUT = ROOT / "build" / "conflibert" / "holdout.csv"
# the real news sentences joined into paragraphs of two or three (conflibert_labels.py):
# the held-out part's, six draws of them, as a held-out set of paragraphs; the training
# part's as extra training items (counting once, calibrating nothing) in a variant that
# sets "joined" to true (the shipped model does not learn from them)
JOINED = ROOT / "build" / "conflibert" / "train_joined.csv"
HOLDOUT_JOINED = ROOT / "build" / "conflibert" / "holdout_joined.csv"
# written headlines and one-sentence leads that no model trains on (seeds/README.md)
SHORT = ROOT / "seeds" / "_labelled" / "short_test.csv"
# written single sentences of hard constructions that no model trains on
SENTENCES = ROOT / "seeds" / "_labelled" / "sentences_test.csv"
# written paragraphs of countries on one side of a fight, and their contrasts, that no
# model trains on
ALIGNMENT = ROOT / "seeds" / "_labelled" / "alignment_test.csv"
WEIGHT = 3
# the news sentences labelled with event classes that the shipped model's EventClasses
# learns from (stance train --events); a variant sets "events" to null to leave them out
EVENTS = ROOT / "build" / "conflibert" / "events.csv"
SHIPPED = {"events": str(EVENTS)}
# ConfliBERT's sentences, from which --resplit-seeds writes each split's events.csv
CONFLIBERT = ROOT.parent / "shared" / "data" / "conflibert-train"


def model_params(params: dict | None = None) -> dict:
    """:func:`stance.make_model` parameters: those of ``models/README.md``'s training,
    updated by ``params``."""
    params = {**SHIPPED, **(params or {})}
    params.pop("joined", None)
    params.pop("real_weight", None)
    params.pop("set_params", None)
    return params


def build_model(params: dict | None = None, **fixed):
    """:func:`stance.make_model` with :func:`model_params` and ``fixed``, then the
    pipeline parameters of ``params["set_params"]`` set."""
    return make_model(**fixed, **model_params(params)).set_params(**(params or {}).get("set_params", {}))


def training_files(params: dict | None = None) -> list[Path]:
    """The labelled files of ``models/README.md``'s training (:data:`FILES`), and the
    training part's joined paragraphs if ``params`` sets ``"joined"`` to true."""
    return FILES + ([JOINED] if (params or {}).get("joined", False) else [])


def real_weight(params: dict | None = None) -> int:
    """How many times each real news item counts: :data:`WEIGHT`, or ``params``'s
    ``"real_weight"``."""
    weight = (params or {}).get("real_weight", WEIGHT)
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
        raise ValueError(f"real_weight is {weight!r}; expected a whole number of at least 1")
    return weight


def _data(params: dict | None = None):
    labels = read_labels(training_files(params))
    pairs = mark_written(labels, labelled_pairs(labels), WRITTEN)
    y = pairs["label"].to_numpy()
    counts, real = _item_counts(labels, pairs, {str(FILES[2]): real_weight(params)})
    return pairs, y, counts, real


def _fit(mode: str, pairs, y, rows, counts, real, seed=None, random_state: int = 0, params: dict | None = None):
    """Fit as ``models/README.md`` trains: the real items alone calibrate. ``params``
    go to :func:`stance.make_model`."""
    if mode == "copies":
        fit_rows = np.repeat(rows, counts[rows])
        return build_model(params).fit(pairs.iloc[fit_rows], y[fit_rows],
                                       classifier__calibration_weight=real[fit_rows].astype(float))
    return _fit_counted(build_model(params, random_state=random_state), pairs, y, rows, counts,
                        shuffle_seed=seed, calibrating=real)


_HEADER = (f"{'macro-F1':>9}{'acc3':>7}{'acc5':>7}{'MAE':>7}{'Spearman':>9}"
           f"   joined:{'macro-F1':>9}{'MAE':>7}{'Spearman':>9}   short:{'macro-F1':>9}{'MAE':>7}"
           f"   sentences:{'macro-F1':>9}{'MAE':>7}   alignment:{'macro-F1':>9}{'MAE':>7}"
           f"   seed IND-RUS")


def _heldout_row(name: str, model) -> str:
    """``name`` and the model's figures on the held-out real news, as sentences and
    joined into paragraphs, on the written tests of short texts, of single sentences and
    of alignment, and its temperature of India-Russia on the seed article."""
    from stance.scoring import score

    _, by_file = evaluate_files({"m": HOLDOUT, "j": HOLDOUT_JOINED, "t": SHORT, "w": SENTENCES, "a": ALIGNMENT},
                                model=model)
    m, j, t, w, a = (by_file[name]["model"] for name in "mjtwa")
    pairs = score(ROOT / "seeds", model=model).articles
    seed = pairs.loc[(pairs["country_a"] == "IND") & (pairs["country_b"] == "RUS"), "temperature"]
    return (f"{name:<12}{m['macro_f1_3way']:>9.3f}{m['accuracy_3way']:>7.3f}{m['accuracy_5way']:>7.3f}"
            f"{m['mae_5point']:>7.3f}{m['spearman']:>9.3f}"
            f"{'':>10}{j['macro_f1_3way']:>9.3f}{j['mae_5point']:>7.3f}{j['spearman']:>9.3f}"
            f"{'':>9}{t['macro_f1_3way']:>9.3f}{t['mae_5point']:>7.3f}"
            f"{'':>13}{w['macro_f1_3way']:>9.3f}{w['mae_5point']:>7.3f}"
            f"{'':>13}{a['macro_f1_3way']:>9.3f}{a['mae_5point']:>7.3f}"
            f"{seed.iloc[0] if len(seed) else float('nan'):>+15.1f}")


def out_of_fold(params: dict | None = None) -> None:
    pairs, y, counts, real = _data(params)
    splits = list(_cross_validation_splits(pairs, 5))
    truth = np.array([LABELS.index(label) for label in y])
    values = pairs["value"].to_numpy()
    print(f"{'mode':<9}{'items':<6}{'macro-F1':>9}{'log loss':>10}{'Brier':>8}{'top p':>7}{'acc5':>7}")
    for mode in ("copies", "grouped"):
        probabilities = np.zeros((len(pairs), len(LABELS)))
        for train_rows, test_rows in splits:
            model = _fit(mode, pairs, y, train_rows, counts, real, params=params)
            probabilities[test_rows] = _ordered_proba(model, pairs.iloc[test_rows])
        onehot = np.eye(len(LABELS))[truth]
        for name, keep in (("real", real), ("all", np.ones(len(y), dtype=bool))):
            p, t = probabilities[keep], truth[keep]
            f1 = _metrics(values[keep], p)["macro_f1_3way"]
            loss = -np.log(np.clip(p[np.arange(len(t)), t], 1e-6, 1.0)).mean()
            brier = ((p - onehot[keep]) ** 2).sum(axis=1).mean()
            print(f"{mode:<9}{name:<6}{f1:>9.3f}{loss:>10.3f}{brier:>8.3f}{p.max(axis=1).mean():>7.3f}"
                  f"{(p.argmax(axis=1) == t).mean():>7.3f}", flush=True)


def heldout(seeds: list[int], params: dict | None = None) -> None:
    pairs, y, counts, real = _data(params)
    rows = np.arange(len(pairs))
    print(f"{'folds':<12}{_HEADER}")
    for seed in [None, *seeds]:
        model = _fit("grouped", pairs, y, rows, counts, real, seed, params=params)
        print(_heldout_row("unshuffled" if seed is None else f"seed {seed}", model), flush=True)


def random_states(states: list[int], params: dict | None = None) -> None:
    """Held-out figures of the model trained with each random state of its trees (the
    shipped one is 0): how much the figure moves with an accident of training, the
    yardstick for a change that alters a few training items."""
    pairs, y, counts, real = _data(params)
    rows = np.arange(len(pairs))
    print(f"{'state':<12}{_HEADER}")
    for state in [0, *(s for s in states if s != 0)]:
        model = _fit("grouped", pairs, y, rows, counts, real, random_state=state, params=params)
        print(_heldout_row(f"state {state}", model), flush=True)


def jackknife(seeds: list[int], size: int = 7, label: str = "neutral", params: dict | None = None) -> None:
    """Held-out figures of models trained without ``size`` real items of ``label``,
    drawn at random with each seed: how much a handful of training items moves them."""
    pairs, y, counts, real = _data(params)
    pool = np.flatnonzero(real & (y == label))
    print(f"{'dropped':<12}{_HEADER}")
    for seed in [None, *seeds]:
        rows = np.arange(len(pairs))
        if seed is not None:
            rows = np.setdiff1d(rows, np.random.default_rng(seed).choice(pool, size, replace=False))
        model = _fit("grouped", pairs, y, rows, counts, real, params=params)
        print(_heldout_row("none" if seed is None else f"seed {seed}", model), flush=True)


def held_out_anew(texts, seed: int, share: float = HOLDOUT_SHARE) -> np.ndarray:
    """Whether each text falls in the held-out part of split ``seed``: by a hash of the
    seed and the text (``conflibert_labels.sentence_fraction``), so that every item of a
    sentence falls on the same side, and a sentence on the same side in any checkout."""
    return _fractions(texts, seed) < share


def _fractions(texts, seed: int) -> np.ndarray:
    """Where each text falls from 0 to 1 in split ``seed``."""
    return np.array([sentence_fraction(text, seed) for text in texts])


def split_rows(texts, real: np.ndarray, seed: int, share: float = HOLDOUT_SHARE,
               leave_out: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """The real rows that split ``seed`` holds out, and those it keeps out of training:
    the held-out ones and the real sentences just above them by the same hash (from
    ``share`` to ``share + leave_out``)."""
    fraction = _fractions(texts, seed)  # each text hashed once for both parts
    return real & (fraction < share), real & (fraction < share + leave_out)


def with_joined(labels, pairs, counts: np.ndarray, real: np.ndarray, left_out: np.ndarray, seed: int):
    """``pairs``, ``counts``, ``real`` and the training rows, with the split's own real
    training sentences (real rows not ``left_out``) joined into paragraphs added as rows
    that count once and calibrate nothing, as ``train_joined.csv`` serves the fixed
    split; no held-out or left-out sentence is among them."""
    taught = labels.iloc[np.unique(pairs.loc[real & ~left_out, "item"].to_numpy())]
    extra = labelled_pairs(joined_paragraphs(taught, JOIN_PASSES["train"], seed=seed)).assign(written=False)
    rows = np.concatenate([np.flatnonzero(~left_out), len(pairs) + np.arange(len(extra))])
    return (pd.concat([pairs, extra], ignore_index=True), np.concatenate([counts, np.ones(len(extra), counts.dtype)]),
            np.concatenate([real, np.zeros(len(extra), dtype=bool)]), rows)


def _figures_row(name: str, items, figures: dict) -> str:
    """One line of the resplit table: a name, the items read, and their figures."""
    return (f"{name:<12}{items:>9}{figures['macro_f1_3way']:>9.3f}{figures['accuracy_3way']:>7.3f}"
            f"{figures['accuracy_5way']:>7.3f}{figures['mae_5point']:>7.3f}{figures['spearman']:>9.3f}")


def resplit(seeds: list[int], share: float = HOLDOUT_SHARE, params: dict | None = None,
            leave_out: float = 0.0, paragraphs: bool = False) -> None:
    """Figures of models trained with the real news split anew: every real item, of
    the training part and of the held-out part alike, goes to a new held-out part by a
    hash of its sentence and the seed, ``share`` of the sentences as
    ``conflibert_labels.py`` splits them, and the model trains on the rest with the
    written corpus and the seed article. One held-out part of 463 items (40% of the
    sentences) moves a figure by about ±0.02 with any small change of the training
    data; the mean over several splits moves less, and two checkouts given the same
    seeds split every sentence they share alike, so their figures pair split by split.

    ``leave_out`` drops the real sentences just above the held-out part (those from
    ``share`` to ``share + leave_out`` by the same hash) from training and from the
    event classes, so that runs with the same ``share`` and another ``leave_out`` test
    the same items with less real news in training: a learning curve, paired split by
    split.

    ``paragraphs`` also reads each split's held-out sentences joined at random into
    paragraphs of two or three (six draws, as ``conflibert_labels.py`` joins the fixed
    held-out part), the nearest stand-in for the real news paragraphs the toolkit
    scores, and prints their figures as draws named ``seed N paragraphs``."""
    labels = read_labels(FILES + [HOLDOUT])
    pairs = mark_written(labels, labelled_pairs(labels), WRITTEN)
    values = pairs["value"].to_numpy()
    weight = real_weight(params)
    counts, real = _item_counts(labels, pairs, {str(FILES[2]): weight, str(HOLDOUT): weight})
    print(f"real items: {real.sum()} of {len(pairs)} rows, in {pairs.loc[real, 'text'].nunique()} sentences")
    print(f"{'split':<12}{'held out':>9}{'macro-F1':>9}{'acc3':>7}{'acc5':>7}{'MAE':>7}{'Spearman':>9}", flush=True)
    found, found_joined = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for seed in seeds:
            test, left_out = split_rows(pairs["text"], real, seed, share, leave_out)
            chosen = dict(params or {})
            if model_params(params)["events"] is not None:
                # the event classes learn from every sentence but the split's held-out ones,
                # as conflibert_labels.py writes events.csv for the fixed split
                events = event_sentences(CONFLIBERT, set(pairs.loc[left_out, "text"]))
                chosen["events"] = str(Path(scratch) / f"events-{seed}.csv")
                events.to_csv(chosen["events"], index=False)
            fit_pairs, fit_counts, fit_real, rows = pairs, counts, real, np.flatnonzero(~left_out)
            if (params or {}).get("joined", False):
                fit_pairs, fit_counts, fit_real, rows = with_joined(labels, pairs, counts, real, left_out, seed)
            model = _fit("grouped", fit_pairs, fit_pairs["label"].to_numpy(), rows, fit_counts, fit_real,
                         params=chosen)
            figures = _metrics(values[test], _ordered_proba(model, pairs.iloc[np.flatnonzero(test)]))
            found.append(figures)
            print(_figures_row(f"seed {seed}", test.sum(), figures))
            # the same, as paired_draws.py reads two such runs split by split
            print(draw_line(f"seed {seed}", figures, None), flush=True)
            if paragraphs:
                held = labels.iloc[np.unique(pairs.loc[test, "item"].to_numpy())]
                joined = labelled_pairs(joined_paragraphs(held, JOIN_PASSES["holdout"], seed=seed))
                inside = _metrics(joined["value"].to_numpy(), _ordered_proba(model, joined))
                found_joined.append(inside)
                print(_figures_row("  joined", len(joined), inside))
                print(draw_line(f"seed {seed} paragraphs", inside, None), flush=True)
    for kind, runs in (("", found), ("joined ", found_joined)):
        if len(runs) > 1:
            for name, pick in (("mean", np.mean), ("sd", lambda v: np.std(v, ddof=1))):
                print(_figures_row(kind + name, "", {key: pick([f[key] for f in runs]) for key in runs[0]}))


def _json_object(text: str) -> dict:
    """``--model-params``: a JSON object, or a clear error."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not JSON ({exc}); expected an object such as "
                                         "'{\"forest_leaf\": 10}'") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError(f"{text!r} is not a JSON object; expected make_model parameters "
                                         "such as '{\"forest_leaf\": 10}'")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oof", action="store_true", help="out-of-fold probabilities, copies vs grouped")
    parser.add_argument("--heldout-seeds", type=int, nargs="*", default=None, metavar="S",
                        help="held-out figures with the calibration's folds drawn with these seeds")
    parser.add_argument("--jackknife-seeds", type=int, nargs="*", default=None, metavar="S",
                        help="held-out figures without 7 real neutral items, drawn with these seeds")
    parser.add_argument("--random-states", type=int, nargs="*", default=None, metavar="R",
                        help="held-out figures of models trained with random state 0 and these")
    parser.add_argument("--resplit-seeds", type=int, nargs="*", default=None, metavar="S",
                        help="figures of models trained with the real news split anew by each seed")
    parser.add_argument("--holdout-share", type=float, default=HOLDOUT_SHARE, metavar="F",
                        help=f"--resplit-seeds: the share of real sentences held out (default {HOLDOUT_SHARE})")
    parser.add_argument("--leave-out-share", type=float, default=0.0, metavar="F",
                        help="--resplit-seeds: the share of real sentences above the held-out part left out of "
                             "training (a learning curve; default 0)")
    parser.add_argument("--paragraphs", action="store_true",
                        help="--resplit-seeds: also read each split's held-out sentences joined into paragraphs")
    parser.add_argument("--model-params", type=_json_object, default={}, metavar="JSON",
                        help='make_model parameters for every model trained, e.g. \'{"forest_leaf": 10}\'')
    args = parser.parse_args(argv)
    if (not args.oof and args.heldout_seeds is None and args.jackknife_seeds is None and args.random_states is None
            and args.resplit_seeds is None):
        parser.error("nothing to do: give --oof, --heldout-seeds, --jackknife-seeds, --random-states and/or "
                     "--resplit-seeds")
    if not 0 < args.holdout_share < 1 or not 0 <= args.leave_out_share < 1 - args.holdout_share:
        parser.error(f"--holdout-share is {args.holdout_share} and --leave-out-share {args.leave_out_share}; "
                     "expected 0 < holdout share < 1 and 0 <= leave-out share < 1 - holdout share")
    if args.oof:
        out_of_fold(args.model_params)
    if args.heldout_seeds is not None:
        heldout(args.heldout_seeds, args.model_params)
    if args.jackknife_seeds is not None:
        jackknife(args.jackknife_seeds, params=args.model_params)
    if args.random_states is not None:
        random_states(args.random_states, args.model_params)
    if args.resplit_seeds is not None:
        resplit(args.resplit_seeds, share=args.holdout_share, params=args.model_params,
                leave_out=args.leave_out_share, paragraphs=args.paragraphs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
