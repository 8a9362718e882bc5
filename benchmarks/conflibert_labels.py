"""Convert ConfliBERT's state-to-state sentences to the annotation guide's CSV format.

Reads ``../shared/data/conflibert-train/cameo_joined_train.jsonl`` (real news
sentences with a CAMEO event class and the source, target and reciprocal actors as
text; Parolin et al., Multi-CoPED, AIES 2022). A sentence becomes labelled items when
the stance mention finder finds a country inside its source actor and a different one
inside its target actor (or two in its reciprocal actors). The event class gives the
label, as ``../shared/data/README.md`` maps it:

=====================  =====
class                  label
=====================  =====
0 statement/appeal       0
1 verbal cooperation    +1
2 material cooperation  +2
3 verbal conflict       -1
4 material conflict     -2
=====================  =====

That mapping is rough: the guide gives +1 to condolences and congratulations (class 0),
+1 to talks and +2 to agreements signed, -2 to threats and accusations of aggression
(class 3). So every converted item was also labelled by the guide itself, blind to the
event class and to the model, by two annotators working independently; where they
differed (by one step, every time) the label closer to 0 was taken, as the guide's
rule 6 says. Those labels are in ``seeds/_labelled/conflibert_guide_labels.csv`` (ids,
pairs, labels and short notes; no text). Items found there get the guide label, and the
event class's label stays in the column ``cameo_label``; ``--cameo-labels`` writes the
event class's labels instead.

Sentences are split by a hash of their text into a training part and a held-out part
that is only reported on. The sentences stay the news agencies' copyright: the CSVs
are written under ``build/`` (not committed) and nowhere else.

Usage::

    python benchmarks/conflibert_labels.py [--shared ../shared] [--out build/conflibert]
                                           [--guide-labels FILE] [--cameo-labels]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CLASS_TO_LABEL = {0: 0, 1: 1, 2: 2, 3: -1, 4: -2}
HOLDOUT_SHARE = 0.4
GUIDE_LABELS = ROOT / "seeds" / "_labelled" / "conflibert_guide_labels.csv"


def _countries(text: str, mentions: pd.DataFrame, actors: list[str]) -> set[str]:
    """Countries named inside any occurrence of the actor phrases in ``text``."""
    found = set()
    for actor in actors:
        at = text.find(actor)
        while at >= 0:
            inside = mentions[(mentions["start"] >= at) & (mentions["end"] <= at + len(actor))]
            found |= set(inside["country"])
            at = text.find(actor, at + 1)
    return found


def convert(source: Path) -> pd.DataFrame:
    """Labelled items (guide format plus ``part``) from the joined ConfliBERT file."""
    import stance

    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = pd.DataFrame({
        "article_id": [f"c{i}" for i in range(len(records))], "paragraph_id": 0, "kind": "body",
        "text": [r["text"] for r in records], "start": 0, "end": [len(r["text"]) for r in records],
        "date": pd.NaT,
    })
    mentions = stance.find_mentions(paragraphs)
    by_sentence = dict(tuple(mentions.groupby("article_id")))
    rows = []
    for i, record in enumerate(records):
        found = by_sentence.get(f"c{i}")
        if found is None:
            continue
        text = record["text"]
        pairs = set()
        sources = _countries(text, found, record.get("source", []))
        targets = _countries(text, found, record.get("target", []))
        for a in sources:
            for b in targets:
                if a != b:
                    pairs.add(tuple(sorted((a, b))))
        reciprocal = sorted(_countries(text, found, record.get("reciprocal", [])))
        for j, a in enumerate(reciprocal):
            for b in reciprocal[j + 1:]:
                pairs.add((a, b))
        digest = int(hashlib.md5(text.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
        part = "holdout" if digest < HOLDOUT_SHARE else "train"
        for a, b in sorted(pairs):
            label = CLASS_TO_LABEL[int(record["label"])]
            rows.append({
                "id": f"conflibert-{record.get('class_line', i)}-{a}-{b}",
                "text": text, "country_a": a, "country_b": b,
                "label": label, "cameo_label": label, "date": "", "direction": "",
                "source": f"conflibert-train (Parolin et al. 2022), class line {record.get('class_line', i)}",
                "part": part,
            })
    return pd.DataFrame(rows)


def apply_guide_labels(items: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``items`` with the guide's labels (and directions) of ``path`` where it has them.

    Adds ``label_from``: ``guide`` or ``cameo class``.
    """
    guide = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id")
    items = items.copy()
    known = items["id"].isin(guide.index)
    chosen = guide.loc[items.loc[known, "id"]]
    if not ((chosen["country_a"].to_numpy() == items.loc[known, "country_a"].to_numpy()).all()
            and (chosen["country_b"].to_numpy() == items.loc[known, "country_b"].to_numpy()).all()):
        raise SystemExit(f"{path}: its pairs do not match the converted items of the same id")
    items.loc[known, "label"] = chosen["label"].astype(int).to_numpy()
    items.loc[known, "direction"] = chosen["direction"].to_numpy()
    items["label_from"] = np.where(known, "guide", "cameo class")
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "conflibert")
    parser.add_argument("--guide-labels", type=Path, default=GUIDE_LABELS,
                        help="the guide's labels of the converted items (default: %(default)s)")
    parser.add_argument("--cameo-labels", action="store_true",
                        help="label every item by its event class alone, as before the guide labels")
    args = parser.parse_args(argv)
    source = args.shared / "data" / "conflibert-train" / "cameo_joined_train.jsonl"
    if not source.exists():
        print(f"{source}: not found; nothing to convert", file=sys.stderr)
        return 1
    items = convert(source)
    if not args.cameo_labels:
        items = apply_guide_labels(items, args.guide_labels)
        guided = items["label_from"] == "guide"
        same = (np.sign(items.loc[guided, "label"]) == np.sign(items.loc[guided, "cameo_label"])).mean()
        print(f"{args.guide_labels}: guide labels for {guided.sum()} of {len(items)} items; the event class "
              f"gives the same three-way class for {same:.1%} of them")
    args.out.mkdir(parents=True, exist_ok=True)
    for part in ("train", "holdout"):
        chosen = items[items["part"] == part].drop(columns="part")
        chosen.to_csv(args.out / f"{part}.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        counts = chosen["label"].value_counts().sort_index().to_dict()
        print(f"{args.out / (part + '.csv')}: {len(chosen)} items, {chosen['text'].nunique()} sentences, "
              f"{(chosen['country_a'] + '-' + chosen['country_b']).nunique()} pairs, labels {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
