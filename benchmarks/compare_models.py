"""Which items two models read differently, on labelled files.

``stance evaluate FILE --model M`` gives each model's totals; this script pairs the two
models item by item. For each labelled file it prints how many items the first model
reads in their hand label's three-way class (conflictual, neutral, cooperative) and
the second does not, how many the other way, the exact McNemar p-value of that split
(two-sided, the binomial test of the discordant items), and then each such item with
its pair, hand label, the two temperatures and the start of its text. Usage::

    python benchmarks/compare_models.py OLD.skops NEW.skops FILE.csv [FILE.csv ...] [--quiet]

``NEW.skops`` may be ``default`` for the model shipped with stance. To compare with an
earlier commit's model: ``git show REV:models/stance-default.skops > /tmp/old.skops``.
``--quiet`` prints the counts alone.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from scipy.stats import binomtest

from stance import load_model, read_labels
from stance.evaluation import _predictions


def discordant(labels, old, new) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The items the ``old`` model reads in their three-way class and ``new`` does not
    (``lost``), those the other way (``gained``), and both models' temperatures.

    A pair not found in its text reads neutral for both, as ``stance evaluate`` counts it.
    """
    before, after = _predictions(labels, old), _predictions(labels, new)
    truth = np.sign(labels["value"].to_numpy())
    right_before = np.sign(before["values"]) == truth
    right_after = np.sign(after["values"]) == truth
    return (np.flatnonzero(right_before & ~right_after), np.flatnonzero(~right_before & right_after),
            before["expected"] * 50.0, after["expected"] * 50.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the first model (.skops)")
    parser.add_argument("new", help="the second model (.skops), or 'default' for the shipped one")
    parser.add_argument("files", nargs="+", help="labelled files in the annotation guide's format")
    parser.add_argument("--quiet", action="store_true", help="print the counts alone")
    args = parser.parse_args(argv)
    old = load_model(args.old)
    new = load_model(None if args.new == "default" else args.new)
    for name in args.files:
        labels = read_labels(name)
        lost, gained, before, after = discordant(labels, old, new)
        n = len(lost) + len(gained)
        p = binomtest(len(lost), n, 0.5).pvalue if n else 1.0
        print(f"{name}: {len(labels)} items; right before and wrong now {len(lost)}, wrong before and right "
              f"now {len(gained)} (exact McNemar p = {p:.3f})")
        if args.quiet:
            continue
        for title, rows in (("lost", lost), ("gained", gained)):
            for i in rows:
                item = labels.iloc[i]
                print(f"  {title}: {item['country_a']}-{item['country_b']} {item['label']}, "
                      f"{before[i]:+.0f} -> {after[i]:+.0f}: {item['text'][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
