"""Seconds for inputs that used to cost more than their length: long paragraphs, and
batches with a word in another script.

- *long paragraph*: the seed article's body repeated N times as one paragraph (no
  blank line), scored with ``stance.score``; time should grow about in proportion;
- *other script*: the matching key of 500 copies of the seed article with one Cyrillic
  word appended, read as the finder reads it (letters of other scripts as "0") and
  the old way (character by character), beside the same batch without that word.

Usage::

    python benchmarks/long_text.py [--repeats 8 16 32 64]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

import stance
from stance.mentions import _default_finder, _match_key

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, nargs="+", default=[8, 16, 32, 64])
    args = parser.parse_args(argv)

    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    body = " ".join(p.replace("\n", " ") for p in seed.split("\n\n")[2:])
    model = stance.load_model()
    stance.score(pd.DataFrame({"article_id": ["warm-up"], "text": [body]}), model=model)
    print(f"{'copies':>7}{'characters':>12}{'seconds':>9}")
    for copies in args.repeats:
        text = " ".join([body] * copies)
        articles = pd.DataFrame({"article_id": ["long"], "date": [pd.Timestamp("2017-06-01")], "text": [text]})
        began = time.perf_counter()
        stance.score(articles, model=model)
        print(f"{copies:>7}{len(text):>12}{time.perf_counter() - began:>9.2f}")

    batch = "\0".join([p for p in seed.split("\n\n") if p.strip()] * 500)
    letter = _default_finder()._other_letter
    cases = (("Latin letters only", batch, letter), ("one Cyrillic word, as read now", batch + " Путин", letter),
             ("one Cyrillic word, character by character", batch + " Путин", None))
    for label, text, other in cases:
        best = min(_timed(lambda: _match_key(text, other)) for _ in range(5))
        print(f"matching key of {len(text)} characters, {label}: {best * 1000:.1f} ms")
    return 0


def _timed(job) -> float:
    began = time.perf_counter()
    job()
    return time.perf_counter() - began


if __name__ == "__main__":
    sys.exit(main())
