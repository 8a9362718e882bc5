"""Paragraphs per second: mention finding against VADER, on the same paragraphs.

Three paragraph sets are timed, each repeated to the requested count (see
:func:`corpora`). Both stages run on the same paragraphs in the same run, after a
warm-up, and the best of several repeats is reported.

Usage::

    python benchmarks/mentions_speed.py [--paragraphs 5000] [--repeats 5]
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


def _repeat(base: pd.DataFrame, count: int) -> pd.DataFrame:
    """``base`` repeated (as distinct articles) to ``count`` paragraphs."""
    repeats = -(-count // len(base))
    frames = [base.assign(article_id=base["article_id"].astype(str) + f"#{r}") for r in range(repeats)]
    return pd.concat(frames, ignore_index=True).head(count)


def corpora(count: int) -> dict[str, pd.DataFrame]:
    """The paragraph sets to time, each repeated to ``count`` paragraphs.

    - ``seed``: the paragraphs of ``seeds/`` (real news);
    - ``labelled``: the hand-labelled mention set, dense in mentions by design;
    - ``conflibert``: real news sentences from ``../shared/data/conflibert-train``,
      when that directory is present.
    """
    sets = {"seed": stance.split_paragraphs(stance.read_articles(ROOT / "seeds"))}
    gold = ROOT / "seeds" / "_labelled" / "mentions.jsonl"
    if gold.exists():
        items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets["labelled"] = stance.split_paragraphs(pd.DataFrame({
            "article_id": [i["id"] for i in items],
            "title": [None] * len(items),
            "date": [pd.Timestamp(i["date"]) if i.get("date") else pd.NaT for i in items],
            "text": [i["text"] for i in items],
        }))
    conflibert = ROOT.parent / "shared" / "data" / "conflibert-train" / "cameo_class_train.tsv"
    if conflibert.exists():
        sentences = [line.split("\t")[0] for line in conflibert.read_text(encoding="utf-8").splitlines() if line]
        sets["conflibert"] = pd.DataFrame({
            "article_id": [f"c{i}" for i in range(len(sentences))], "paragraph_id": 0,
            "text": sentences, "start": 0, "date": pd.NaT,
        })
    return {name: _repeat(frame, count) for name, frame in sets.items()}


def best_of(repeats: int, *jobs) -> list[float]:
    """The best time of each job over ``repeats`` rounds; the jobs take turns, so that
    a slow spell of the machine falls on all of them."""
    best = [float("inf")] * len(jobs)
    for _ in range(repeats):
        for i, job in enumerate(jobs):
            began = time.perf_counter()
            job()
            best[i] = min(best[i], time.perf_counter() - began)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    began = time.perf_counter()
    finder = MentionFinder()
    build = time.perf_counter() - began
    vader = SentimentIntensityAnalyzer()
    print(f"automaton build (once per process): {build:.2f} s; best of {args.repeats} runs;"
          " rates in paragraphs per second")
    print(f"{'paragraphs':<12}{'n':>7}{'words':>7}{'mentions':>10}{'finding/s':>12}{'VADER/s':>10}{'ratio':>7}")
    for name, paragraphs in corpora(args.paragraphs).items():
        texts = paragraphs["text"].tolist()
        finder.find(paragraphs.head(200))  # warm-up
        for text in texts[:200]:
            vader.polarity_scores(text)
        found = finder.find(paragraphs)
        mentions_seconds, vader_seconds = best_of(
            args.repeats, lambda: finder.find(paragraphs), lambda: [vader.polarity_scores(t) for t in texts])
        n = len(texts)
        words = sum(len(t.split()) for t in texts) / n
        mention_rate, vader_rate = n / mentions_seconds, n / vader_seconds
        print(f"{name:<12}{n:>7}{words:>7.0f}{len(found) / n:>10.1f}{mention_rate:>12.0f}"
              f"{vader_rate:>10.0f}{mention_rate / vader_rate:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
