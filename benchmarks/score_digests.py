"""Digests of what the pipeline computes, to show that a change leaves it exactly as it was.

Speed work must not move a number. This script reads the same texts as
``benchmarks/pipeline_speed.py`` (the distinct paragraphs of the labelled corpus and
the seed's body, each a one-paragraph article), every labelled text of
``seeds/_labelled/`` and ``build/conflibert/`` (where present), and the seed article,
and prints a SHA-256 digest of:

- ``mentions``: the mentions found (country, offsets, kind);
- ``pairs``: the pair rows of :func:`stance.build_pairs` (countries, spans, sentence
  scores, cues and their sides);
- ``features``: the model's feature matrix, value by value;
- ``probabilities``: the model's five probabilities;
- ``scores``: the label, temperature and probabilities of every labelled pair, read as
  ``stance evaluate`` reads it;
- ``seed``: the seed article's paragraph and article scores.

Run it before and after a change (``git stash``, or in two checkouts) and compare the
lines: equal digests mean equal bits. Floats are hashed by their bytes, not printed
rounded, so a change in the last bit shows.

Usage::

    python benchmarks/score_digests.py [--model PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from scipy.sparse import csr_matrix

import stance
from stance.model import labelled_pairs, predict_pairs, read_labels
from stance.pairs import build_pairs

ROOT = Path(__file__).resolve().parent.parent
LABELLED = [ROOT / "seeds" / "_labelled" / "corpus.csv", ROOT / "seeds" / "_labelled" / "seed.csv",
            *(ROOT / "build" / "conflibert" / f"{name}.csv" for name in ("train", "holdout", "holdout_joined"))]


def canonical(value):
    """``value`` with every set as a sorted tuple, so that its ``repr`` does not depend
    on the process's string hashing."""
    if isinstance(value, (set, frozenset)):
        return ("set",) + tuple(sorted(canonical(v) for v in value))
    if isinstance(value, (tuple, list)):
        return tuple(canonical(v) for v in value)
    return value


def digest(*parts) -> str:
    """SHA-256 of ``parts``: arrays by their bytes, frames by their CSV with every float
    written in full, anything else by the ``repr`` of :func:`canonical`."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.DataFrame):
            h.update(part.to_csv(index=False, float_format="%r").encode())
        elif isinstance(part, np.ndarray):
            h.update(str(part.shape).encode() + str(part.dtype).encode())
            h.update(np.ascontiguousarray(part).tobytes())
        else:
            h.update(repr(canonical(part)).encode())
    return h.hexdigest()[:16]


def benchmark_articles() -> pd.DataFrame:
    """The paragraphs of ``benchmarks/pipeline_speed.py``, each as an article."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pipeline_speed import articles

    return articles()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="a model file (default: the shipped model)")
    args = parser.parse_args(argv)
    model = stance.load_model(args.model)

    batch = benchmark_articles()
    paragraphs = stance.split_paragraphs(batch)
    mentions = stance.find_mentions(paragraphs)
    pairs = build_pairs(paragraphs, mentions)
    features = csr_matrix(model.named_steps["features"].transform(pairs))
    features.sort_indices()
    # every labelled pair read as stance evaluate reads it
    labels = read_labels([path for path in LABELLED if path.exists()])
    scores = predict_pairs(model, labelled_pairs(labels))
    seed = stance.score(ROOT / "seeds", model=model)
    columns = ["country_a", "country_b", "spans_a", "spans_b", "others", "sentences", "sentence_scores", "cues",
               "sentences_a", "sentences_b", "cue_sides", "evidence"]
    rows = [
        ("texts", f"{len(batch)} benchmark paragraphs, {len(labels)} labelled pairs, the seed"),
        ("mentions", digest(mentions[["article_id", "paragraph_id", "country", "start", "end", "kind"]])),
        ("pairs", digest(*(tuple(pairs[c].tolist()) for c in columns))),
        ("features", digest(features.data, features.indices, features.indptr, np.asarray(features.shape))),
        ("probabilities", digest(model.predict_proba(pairs))),
        ("scores", digest(scores)),
        ("seed", digest(seed.paragraphs, seed.articles)),
    ]
    for name, value in rows:
        print(f"{name:14} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
