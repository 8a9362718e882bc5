"""Paragraphs per second: mention finding against VADER, on the same paragraphs.

The paragraphs are those of ``seeds/`` and of the hand-labelled mention set, repeated
to the requested count. Both are timed in the same run, after a warm-up, and the best
of several repeats is reported.

Usage::

    python benchmarks/mentions_speed.py [--paragraphs 5000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

import stance
from stance.mentions import MentionFinder

ROOT = Path(__file__).resolve().parent.parent


def corpus(count: int) -> pd.DataFrame:
    """Return ``count`` paragraphs (article_id, paragraph_id, text, start, date)."""
    articles = [stance.read_articles(ROOT / "seeds")]
    gold = ROOT / "seeds" / "_labelled" / "mentions.jsonl"
    if gold.exists():
        items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        articles.append(pd.DataFrame({
            "article_id": [i["id"] for i in items],
            "title": [None] * len(items),
            "date": [pd.Timestamp(i["date"]) if i.get("date") else pd.NaT for i in items],
            "text": [i["text"] for i in items],
        }))
    base = stance.split_paragraphs(pd.concat(articles, ignore_index=True))
    repeats = -(-count // len(base))
    frames = []
    for r in range(repeats):
        copy = base.copy()
        copy["article_id"] = copy["article_id"].astype(str) + f"#{r}"
        frames.append(copy)
    return pd.concat(frames, ignore_index=True).head(count)


def best_of(repeats: int, job) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        job()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    paragraphs = corpus(args.paragraphs)
    texts = paragraphs["text"].tolist()
    began = time.perf_counter()
    finder = MentionFinder()
    build = time.perf_counter() - began
    vader = SentimentIntensityAnalyzer()
    finder.find(paragraphs.head(200))  # warm-up
    for text in texts[:200]:
        vader.polarity_scores(text)

    mentions_seconds = best_of(args.repeats, lambda: finder.find(paragraphs))
    vader_seconds = best_of(args.repeats, lambda: [vader.polarity_scores(t) for t in texts])
    n = len(texts)
    mention_rate, vader_rate = n / mentions_seconds, n / vader_seconds
    words = sum(len(t.split()) for t in texts) / n
    print(f"paragraphs: {n} (mean {words:.0f} words), best of {args.repeats}")
    print(f"automaton build (once per process): {build:.2f} s")
    print(f"mention finding: {mention_rate:10.0f} paragraphs/s")
    print(f"VADER compound:  {vader_rate:10.0f} paragraphs/s")
    print(f"ratio (mentions / VADER): {mention_rate / vader_rate:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
