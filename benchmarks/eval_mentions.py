"""Mention precision and recall on the hand-labelled set ``seeds/_labelled/mentions.jsonl``.

Each record is a short news item with every country reference listed in order as
``{"surface", "country"}`` (``country`` null for an occurrence of the same string that
is not a reference), or ``{"surface", "countries"}`` for a phrase that stands for two
countries at once ("the two sides"). A predicted mention is correct when its span
overlaps a gold mention of the same country; each gold mention is matched at most once.

Usage::

    python benchmarks/eval_mentions.py [--gold FILE] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

import stance

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "seeds" / "_labelled" / "mentions.jsonl"


def load_gold(path: Path) -> tuple[pd.DataFrame, list[tuple[str, str, int, int]]]:
    """Return the items as an articles DataFrame and the gold mentions with offsets."""
    records, gold = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        records.append({"article_id": item["id"], "title": None,
                        "date": pd.Timestamp(item["date"]) if item.get("date") else pd.NaT,
                        "text": text})
        seen: Counter[str] = Counter()
        for mention in item["mentions"]:
            surface = mention["surface"]
            # the k-th listed occurrence is the k-th whole-word, case-sensitive occurrence
            found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
            if seen[surface] >= len(found):
                raise SystemExit(f"{path}:{number}: {surface!r} occurs fewer times than listed")
            position = found[seen[surface]]
            seen[surface] += 1
            # "countries" lists the two countries of a dyad phrase ("the two sides")
            for country in mention.get("countries") or [mention.get("country")]:
                if country:
                    gold.append((item["id"], country, position, position + len(surface)))
    return pd.DataFrame(records), gold


def evaluate(articles: pd.DataFrame, gold: list[tuple[str, str, int, int]]):
    """Match predictions to gold; return (predicted frame with a ``correct`` column, missed gold)."""
    predicted = stance.find_mentions(stance.split_paragraphs(articles))
    unmatched = set(range(len(gold)))
    by_article: dict[str, list[int]] = {}
    for index, (article, *_rest) in enumerate(gold):
        by_article.setdefault(article, []).append(index)
    correct = []
    for row in predicted.itertuples(index=False):
        hit = None
        for index in by_article.get(row.article_id, []):
            _, country, start, end = gold[index]
            if index in unmatched and country == row.country and start < row.end and row.start < end:
                hit = index
                break
        if hit is not None:
            unmatched.discard(hit)
        correct.append(hit is not None)
    predicted["correct"] = correct
    return predicted, [gold[i] for i in sorted(unmatched)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", action="store_true", help="list every false and missed mention")
    args = parser.parse_args(argv)
    articles, gold = load_gold(args.gold)
    predicted, missed = evaluate(articles, gold)
    tp = int(predicted["correct"].sum())
    precision = tp / len(predicted) if len(predicted) else 0.0
    recall = (len(gold) - len(missed)) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"gold set: {args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold}")
    print(f"items: {len(articles)}  gold mentions: {len(gold)}  predicted: {len(predicted)}")
    print(f"precision: {precision:.3f}  recall: {recall:.3f}  F1: {f1:.3f}")
    by_kind = predicted.groupby("kind")["correct"].agg(["size", "mean"])
    print("precision by predicted kind:")
    for kind, row in by_kind.iterrows():
        print(f"  {kind:<9} n={int(row['size']):4d}  precision={row['mean']:.3f}")
    if args.errors:
        texts = dict(zip(articles["article_id"], articles["text"]))
        print("\nfalse mentions:")
        for row in predicted[~predicted["correct"]].itertuples(index=False):
            context = texts[row.article_id][max(0, row.start - 40):row.end + 40].replace("\n", " ")
            print(f"  {row.article_id} {row.country} {row.kind:<8} {row.surface!r}  …{context}…")
        print("\nmissed mentions:")
        for article, country, start, end in missed:
            context = texts[article][max(0, start - 40):end + 40].replace("\n", " ")
            print(f"  {article} {country} {texts[article][start:end]!r}  …{context}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
