"""Texts per second: stance's quick VADER and TextBlob analysers against the stock ones.

On the distinct paragraphs of the labelled corpus and their sentences, it times the
stock ``SentimentIntensityAnalyzer().polarity_scores`` and ``textblob.en.sentiment``
and the analysers of :func:`stance.sentiment.quick_analysers`, taking turns, and counts
the texts on which any score differs (it should print 0).

Usage::

    python benchmarks/sentiment_speed.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from stance.paragraphs import sentence_spans
from stance.sentiment import quick_analysers

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from textblob.en import sentiment as stock_pattern
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    corpus = pd.read_csv(ROOT / "seeds" / "_labelled" / "corpus.csv", dtype=str, keep_default_na=False)
    paragraphs = corpus["text"].drop_duplicates().tolist()
    texts = paragraphs + [p[s:e] for p in paragraphs for s, e in sentence_spans(p)]
    stock_vader = SentimentIntensityAnalyzer()
    vader, pattern = quick_analysers()

    jobs = {
        "VADER, stock": lambda: [stock_vader.polarity_scores(t) for t in texts],
        "VADER, quick": lambda: [vader.polarity_scores(t) for t in texts],
        "TextBlob pattern, stock": lambda: [stock_pattern(t) for t in texts],
        "TextBlob pattern, quick": lambda: [pattern(t) for t in texts],
    }
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(args.repeats):
        for name, job in jobs.items():
            began = time.perf_counter()
            job()
            best[name] = min(best[name], time.perf_counter() - began)
    differ = sum(1 for t in texts if vader.polarity_scores(t) != stock_vader.polarity_scores(t)
                 or tuple(pattern(t)[:2]) != tuple(stock_pattern(t)[:2]))
    print(f"texts: {len(texts)} ({len(paragraphs)} paragraphs and their sentences), best of {args.repeats}")
    for name, seconds in best.items():
        print(f"{name + ':':26} {len(texts) / seconds:8.0f} texts/s")
    for lib in ("VADER", "TextBlob pattern"):
        saved = 1 - best[f"{lib}, quick"] / best[f"{lib}, stock"]
        print(f"{lib}: quick takes {saved:.0%} less time")
    print(f"texts with any score different: {differ}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
