"""Paragraphs per second: the whole scoring pipeline against VADER plus TextBlob alone.

Both run in the same process on the same paragraphs: the distinct paragraphs of the
labelled corpus (``seeds/_labelled/corpus.csv``), each read as a one-paragraph
article, plus the body of the seed article. No paragraph is repeated, so the
pipeline's memory of scored sentences gains nothing it would not gain on real news.

- *sentiment alone*, measured two ways:

  - *as documented*: ``SentimentIntensityAnalyzer().polarity_scores(text)`` and
    ``TextBlob(text).sentiment``, the calls each library documents; this is what
    running "VADER plus TextBlob" costs a user, and the goal's yardstick;
  - *analyser only*: the same VADER call and TextBlob's pattern analyser
    (``textblob.en.sentiment``) called directly, without building a ``TextBlob``:
    a stricter yardstick, printed alongside.

- *whole pipeline*: ``stance.score`` on the same paragraphs as articles: paragraphs,
  sentences, mentions, pairs, sentence sentiment, features and the shipped model.
  It scores each sentence once, with VADER and pattern subclasses that give the stock
  scores with less bookkeeping (:func:`stance.sentiment.quick_analysers`), all the
  sentences of a batch in one pass of each analyser. Both analysers there remember
  what they read of each distinct word for the process (VADER its tokens, TextBlob its
  tokenizer's tokens and which words change nothing), as in a long run over many
  articles; the benchmark also times one run with those memories emptied before each
  run (*words unseen*), which is what a first batch costs.

The goal is a ratio of at least 0.5: sentiment is the cost no pipeline avoids.

Usage::

    python benchmarks/pipeline_speed.py [--paragraphs N] [--repeats 5] [--stages] [--batch-size N]

With ``--stages`` it also prints where the pipeline's time goes, stage by stage, each
with the cyclic garbage collector paused as ``stance.score`` pauses it while it reads a
batch (with it running, the sentence sentiment's many small objects made the
collector walk the batch's pair rows again and again, and the stage read a third
slower than it is in the pipeline). The
pipeline scores all the paragraphs as one batch; ``--batch-size 5`` scores them five
articles at a time, which adds what each batch costs whatever its size (the model's
steps, building tables), as for a stream of single articles.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import stance

ROOT = Path(__file__).resolve().parent.parent


def articles(count: int | None = None) -> pd.DataFrame:
    """Up to ``count`` distinct one-paragraph articles from the labelled corpus and the seed."""
    corpus = pd.read_csv(ROOT / "seeds" / "_labelled" / "corpus.csv", dtype=str, keep_default_na=False)
    texts = corpus.drop_duplicates("text")[["text", "date"]]
    seed = stance.split_paragraphs(stance.read_articles(ROOT / "seeds"))
    seed = seed[seed["kind"] == "body"][["text", "date"]].assign(date="2017-06-01")
    frame = pd.concat([texts, seed], ignore_index=True).drop_duplicates("text").head(count)
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(len(frame))], "title": None,
        "date": pd.to_datetime(frame["date"]), "source": None, "url": None,
        "text": frame["text"].to_numpy(),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=None, help="at most this many (default: all)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="also time each stage on its own")
    parser.add_argument("--batch-size", type=int, default=None, metavar="N",
                        help="score the articles N at a time, as a stream of small inputs would "
                             "(default: all in one batch)")
    args = parser.parse_args(argv)

    from textblob import TextBlob
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    batch = articles(args.paragraphs)
    texts = batch["text"].tolist()
    vader = SentimentIntensityAnalyzer()
    model = stance.load_model()
    stance.score(batch.head(50), model=model)  # warm-up: lexicons, automaton, model
    TextBlob("warm up").sentiment

    def documented():
        for text in texts:
            vader.polarity_scores(text)
            TextBlob(text).sentiment

    def analyser_only():
        for text in texts:
            vader.polarity_scores(text)
            pattern_sentiment(text)

    batch_size = args.batch_size or len(batch)

    def pipeline():
        return stance.score(batch, model=model, batch_size=batch_size)

    from stance.sentiment import quick_analysers

    # the stock analysers, if the quick ones were not used, remember nothing
    forgetting = [getattr(analyser, "forget", lambda: None) for analyser in quick_analysers()]

    def pipeline_unseen():
        # the analysers' memories of words emptied first: what a first batch costs
        for forget in forgetting:
            forget()
        return pipeline()

    jobs = (("sentiment alone, as documented", documented), ("sentiment alone, analyser only", analyser_only),
            ("whole pipeline", pipeline), ("whole pipeline, words unseen", pipeline_unseen))
    # the jobs take turns, so that a slow spell of the machine falls on all of them
    timings = {name: float("inf") for name, _ in jobs}
    for _ in range(args.repeats):
        for name, job in jobs:
            began = time.perf_counter()
            job()
            timings[name] = min(timings[name], time.perf_counter() - began)
    n = len(texts)
    words = sum(len(t.split()) for t in texts) / n
    pairs = len(pipeline().paragraphs)
    print(f"paragraphs: {n} (mean {words:.0f} words, {pairs / n:.1f} pairs each), best of {args.repeats}, "
          f"in batches of {batch_size} one-paragraph articles")
    for name, seconds in timings.items():
        print(f"{name + ':':38} {n / seconds:8.0f} paragraphs/s")
    whole = timings["whole pipeline"]
    print(f"ratio, pipeline / sentiment as documented: {timings[jobs[0][0]] / whole:.2f} (goal: at least 0.5)")
    print(f"ratio, pipeline / sentiment analyser only: {timings[jobs[1][0]] / whole:.2f} (stricter)")
    print(f"ratio, pipeline with words unseen / sentiment as documented: "
          f"{timings[jobs[0][0]] / timings['whole pipeline, words unseen']:.2f}")
    if args.stages:
        stages(batch, model, args.repeats)
    return 0


def stages(batch: pd.DataFrame, model, repeats: int) -> None:
    """Print the best time of each stage of the pipeline on ``batch``, in milliseconds."""
    from stance._gc import collector_paused
    from stance.pairs import build_pairs
    from stance.sentiment import SentimentScorer

    class NoSentiment(SentimentScorer):
        def score_many(self, texts):  # score_one reads through it
            return [(0.0,) * 6] * len(texts)

    def best(job):
        # with the collector paused, as stance.score reads a batch
        times = []
        for _ in range(repeats):
            with collector_paused():
                began = time.perf_counter()
                result = job()
                times.append(time.perf_counter() - began)
        return min(times) * 1000, result

    rows = []
    ms, paragraphs = best(lambda: stance.split_paragraphs(batch))
    rows.append(("paragraphs", ms))
    ms, mentions = best(lambda: stance.find_mentions(paragraphs))
    rows.append(("mentions", ms))
    ms, _ = best(lambda: build_pairs(paragraphs, mentions, scorer=NoSentiment()))
    rows.append(("pair rows without sentiment", ms))
    ms, pairs = best(lambda: build_pairs(paragraphs, mentions))
    rows.append(("sentence sentiment (pair rows with it, less without)", ms - rows[-1][1]))
    features = model.named_steps["features"]
    for name, part in features.transformer_list:
        steps = getattr(part, "named_steps", {})
        if "union" in steps:
            for sub, transformer in steps["union"].transformer_list:
                rows.append((f"features: {sub}", best(lambda t=transformer: t.transform(pairs))[0]))
        elif "mask" in steps:  # models saved before stop 25: masking, then TF-IDF
            ms, masked = best(lambda: steps["mask"].transform(pairs))
            rows.append(("features: masked context", ms))
            rows.append(("features: tf-idf", best(lambda: steps["tfidf"].transform(masked))[0]))
        else:  # ContextNgrams: masking, then both copies of the n-grams
            ms, masked = best(lambda: list(part.mask_.transform(pairs)))
            rows.append(("features: masked context", ms))
            news = np.zeros(len(pairs), dtype=bool)  # scored text: every row fills both copies
            rows.append(("features: n-grams, both copies", best(lambda: part._ngrams(masked, news))[0]))
    ms, matrix = best(lambda: features.transform(pairs))
    rows.append(("features, all together", ms))
    rows.append(("classifier", best(lambda: model.named_steps["classifier"].predict_proba(matrix))[0]))
    print(f"stages on {len(batch)} paragraphs, {len(pairs)} pairs (best of {repeats}):")
    for name, ms in rows:
        print(f"  {name:<52} {ms:8.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
