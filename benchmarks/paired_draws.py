"""Paired differences between two runs of ``cv_designs.py --per-draw`` or of
``calibration_check.py --resplit-seeds``.

Run ``cv_designs.py`` with the same ``--seeds`` and ``--per-draw`` in two checkouts
(before and after a change) or with two variants, save what each prints, and give
the two files to this script. Runs of ``calibration_check.py --resplit-seeds`` with
the same seeds pair the same way, split by split (they test the real items alone, so
they have no "all F1"). A draw of the folds is the same in both runs when the
labelled pairs are the same, so the differences are taken draw by draw; their mean
and its standard error are the figures ``models/README.md`` reports ("+0.004 ±
0.002"). When the runs read different numbers of pair items their folds differ, and
the script refuses: compare such runs by their means, which are far noisier.

Usage::

    OMP_NUM_THREADS=1 python benchmarks/cv_designs.py --seeds 1 2 3 4 5 6 --per-draw > before.txt
    # … change the code, or check out the change …
    OMP_NUM_THREADS=1 python benchmarks/cv_designs.py --seeds 1 2 3 4 5 6 --per-draw > after.txt
    python benchmarks/paired_draws.py before.txt after.txt
    # or, ten new splits of the real news in each checkout:
    OMP_NUM_THREADS=1 python benchmarks/calibration_check.py --resplit-seeds 1 2 3 4 5 6 7 8 9 10 > before.txt

With several variants or designs in one run, each draw line is read in order, so
give it runs of one variant and one design each. ``calibration_check.py
--resplit-seeds --paragraphs`` prints each split twice, as ``seed N`` (the held-out
sentences) and ``seed N paragraphs`` (the same joined into paragraphs): pair one kind
with ``--match '^seed [0-9]+$'`` or ``--match paragraphs``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

FIGURES = ("real F1", "MAE", "Spearman", "all F1")
_DRAW = re.compile(r"\s+draw (.+?): real F1 ([\d.]+), MAE ([\d.]+), Spearman (-?[\d.]+)(?:, all F1 ([\d.]+))?\s*$")
_ITEMS = re.compile(r"^(\d+) pair items")


def draw_line(name: str, real: dict[str, float], all_f1: float | None) -> str:
    """The line ``cv_designs.py --per-draw`` (and ``calibration_check.py
    --resplit-seeds``) prints for one draw, which :func:`read_run` reads back.

    Parameters
    ----------
    name : str
        The draw ("unshuffled", "seed 1", …).
    real : dict
        The real items' figures, as ``stance.model._metrics`` gives them.
    all_f1 : float or None
        All items' three-way macro-F1; None where only real items were tested.
    """
    return (f"  draw {name}: real F1 {real['macro_f1_3way']:.4f}, MAE {real['mae_5point']:.4f}, "
            f"Spearman {real['spearman']:.4f}" + ("" if all_f1 is None else f", all F1 {all_f1:.4f}"))


def read_run(path: Path) -> tuple[int | None, dict[str, np.ndarray]]:
    """The number of pair items and each draw's figures, by draw name, of one saved run.

    Parameters
    ----------
    path : Path
        What ``cv_designs.py --per-draw`` printed.

    Returns
    -------
    (int or None, dict)
        The pair items the run read (None if the file does not say), and for each draw
        ("unshuffled", "seed 1", …) its real items' macro-F1, MAE, Spearman and all
        items' macro-F1 (NaN where the run tested only real items).

    Raises
    ------
    ValueError
        When the file holds no draw line, or the same draw twice.
    """
    items, draws = None, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = _ITEMS.match(line)
        if found and items is None:
            items = int(found.group(1))
        found = _DRAW.match(line)
        if found:
            name = found.group(1)
            if name in draws:
                raise ValueError(f"{path}: draw {name!r} appears twice; expected a run of one variant and "
                                 "one design")
            draws[name] = np.array([float("nan") if x is None else float(x) for x in found.groups()[1:]])
    if not draws:
        raise ValueError(f"{path}: no draw lines; expected the output of cv_designs.py --per-draw")
    return items, draws


def paired(before: Path, after: Path, match: str | None = None) -> tuple[list[str], np.ndarray]:
    """The draws both runs hold and the differences ``after - before``, one row each;
    with ``match``, only the draws whose name the regular expression finds.

    Raises
    ------
    ValueError
        When the runs read different numbers of pair items (their folds differ) or
        share no draw.
    """
    items_a, a = read_run(before)
    items_b, b = read_run(after)
    if items_a != items_b:
        raise ValueError(f"{before} read {items_a} pair items and {after} {items_b}: the folds differ, "
                         "so draws cannot be paired")
    names = [name for name in a if name in b and (match is None or re.search(match, name))]
    if not names:
        found = "" if match is None else f" that {match!r} finds"
        raise ValueError(f"{before} and {after} share no draw{found}; expected runs with the same --seeds")
    return names, np.array([b[name] - a[name] for name in names])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--match", metavar="REGEX", default=None,
                        help="pair only the draws whose name this finds: 'paragraphs' or '^seed [0-9]+$' in "
                             "runs of calibration_check.py --resplit-seeds --paragraphs")
    args = parser.parse_args(argv)
    try:
        names, differences = paired(args.before, args.after, args.match)
    except (OSError, ValueError) as error:
        print(f"paired_draws: {error}", file=sys.stderr)
        return 2
    print(f"{len(names)} paired draws: " + ", ".join(
        f"{name} {d:+.4f}" for name, d in zip(names, differences[:, 0])))
    for i, figure in enumerate(FIGURES):
        column = differences[:, i]
        if np.isnan(column).all():  # runs that tested the real items alone
            continue
        error = column.std(ddof=1) / np.sqrt(len(column)) if len(column) > 1 else float("nan")
        print(f"{figure:<9} {column.mean():+.4f} ± {error:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
