"""Articles per second of ``stance.score`` in one process and in worker processes.

The articles are the distinct paragraphs of the labelled corpus and the seed article's
body (those of ``benchmarks/pipeline_speed.py``), each a one-paragraph article, copied
``--copies`` times under new ids into one stream: long enough for the workers' start
(a Python interpreter each, which receives the model) to be paid back. Every copy
after the first finds its sentences' sentiment remembered, in one process as in each
worker, so the rates are those of a stream that repeats itself; what they compare is
the number of processes. Each setting runs ``--repeats`` times, in turns, and its
best time counts; the time includes starting the workers.

This measures how the pipeline scales over the machine's cores. It is not the speed
goal of ``benchmarks/pipeline_speed.py``, which compares one process with the
sentiment analysers alone, on paragraphs that are not repeated.

Usage::

    python benchmarks/workers_speed.py [--copies 10] [--jobs 1 2] [--batch-size 500] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import pandas as pd

import stance

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_speed import articles  # noqa: E402


def stream(copies: int) -> pd.DataFrame:
    """The benchmark's articles, ``copies`` times over, each copy under new ids."""
    one = articles()
    frames = [one.assign(article_id=[f"{k}-{i}" for i in one["article_id"]]) for k in range(copies)]
    return pd.concat(frames, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    batch = stream(args.copies)
    model = stance.load_model()
    stance.score(batch.head(50), model=model)  # warm-up: lexicons, automaton, model
    best = {jobs: float("inf") for jobs in args.jobs}
    results = {}
    for _ in range(args.repeats):
        for jobs in args.jobs:
            began = time.perf_counter()
            results[jobs] = stance.score(batch, model=model, batch_size=args.batch_size, n_jobs=jobs)
            best[jobs] = min(best[jobs], time.perf_counter() - began)
    first = results[args.jobs[0]]
    for jobs in args.jobs[1:]:  # the same scores whatever the number of processes
        pd.testing.assert_frame_equal(results[jobs].paragraphs, first.paragraphs, check_exact=True)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"articles: {len(batch)} ({args.copies} copies of {len(batch) // args.copies}), "
          f"{len(first.paragraphs)} paragraph-pair rows, batches of {args.batch_size}, "
          f"best of {args.repeats}, {cores} cores")
    base = best[args.jobs[0]]
    for jobs, seconds in best.items():
        print(f"n_jobs={jobs:<3} {seconds:7.2f} s {len(batch) / seconds:8.0f} articles/s  "
              f"x{base / seconds:.2f} against n_jobs={args.jobs[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
