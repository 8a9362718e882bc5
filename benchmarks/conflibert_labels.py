"""Convert ConfliBERT's real news sentences to the annotation guide's CSV format.

Reads ``../shared/data/conflibert-train/cameo_class_train.tsv`` (1,349 real news
sentences with a CAMEO event class) and ``cameo_joined_train.jsonl`` (the source,
target and reciprocal actors of 937 of them, as text; Parolin et al., Multi-CoPED,
AIES 2022). Every pair of countries that the stance mention finder finds in a sentence
is an item, as the guide defines one.

Labels come from ``seeds/_labelled/conflibert_guide_labels.csv``: every item was
labelled by the guide itself, blind to the event class and to the model, by two
annotators working independently; where they differed the label closer to 0 was
taken, as the guide's rule 6 says (``seeds/README.md`` gives their agreement). The file
holds ids, pairs, labels and short notes, no text. An item that it lacks (after a
change of the gazetteer, say) gets the event class's label when its pair is the
sentence's actors (a country inside the source actor and another inside the target,
or two inside the reciprocal actors), as ``../shared/data/README.md`` maps the
classes, and is left out otherwise:

=====================  =====
class                  label
=====================  =====
0 statement/appeal       0
1 verbal cooperation    +1
2 material cooperation  +2
3 verbal conflict       -1
4 material conflict     -2
=====================  =====

That mapping is rough: the guide gives +1 to condolences and congratulations (class
0), +1 to talks and +2 to agreements signed, -2 to threats and accusations of
aggression (class 3). ``cameo_label`` keeps the event class's label of actor pairs;
``--cameo-labels`` writes the actor pairs with those labels alone, as this script did
before the guide labels.

Sentences are split by a hash of their text into a training part and a held-out part
that is only reported on (25% of the sentences; 40% until 2026-12-07: with 75% of
the real news in training instead of 60%, twenty new splits read the same held-out
items better, ``models/README.md``, stop 24). Every sentence but the held-out part's
items' (1,167: the training part's, and those that give no item, most of which name
fewer than two countries) goes to ``events.csv`` with its event class alone (``text``, ``event``,
``source``), for the model's :class:`stance.features.EventClasses` (``stance train
--events``), which reads the training part's pairs out of fold. The sentences stay the
news agencies' copyright: the CSVs are written under ``build/`` (not committed) and
nowhere else.

Each part's sentences are also joined at random into paragraphs of two or three
(:func:`joined_paragraphs`), each item keeping its sentence's label:
``holdout_joined.csv`` (six draws, so every held-out item is read in up to six
paragraphs) measures how the model reads real news inside paragraphs, where the
toolkit scores it; ``train_joined.csv`` (one draw) is there for the benchmarks'
``"joined"`` variant, which trains on it (``models/README.md``: the shipped model does
not).

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

from stance.features import EVENT_CLASSES

ROOT = Path(__file__).resolve().parent.parent
CLASS_TO_LABEL = {0: 0, 1: 1, 2: 2, 3: -1, 4: -2}
HOLDOUT_SHARE = 0.25
# sentences per joined paragraph, and how many joined paragraphs each sentence of a part
# goes into (joined_paragraphs)
JOIN_SIZES = (2, 3)
JOIN_PASSES = {"train": 1, "holdout": 6}
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


def _actor_pairs(text: str, mentions: pd.DataFrame, record: dict) -> set[tuple[str, str]]:
    """The pairs of countries inside the sentence's source and target actors, or inside
    two of its reciprocal actors."""
    pairs = set()
    sources = _countries(text, mentions, record.get("source", []))
    targets = _countries(text, mentions, record.get("target", []))
    for a in sources:
        for b in targets:
            if a != b:
                pairs.add(tuple(sorted((a, b))))
    reciprocal = sorted(_countries(text, mentions, record.get("reciprocal", [])))
    for j, a in enumerate(reciprocal):
        for b in reciprocal[j + 1:]:
            pairs.add((a, b))
    return pairs


def sentence_fraction(text: str, seed: int | None = None) -> float:
    """Where a sentence falls from 0 to 1, by a hash of its text (and of ``seed``, for
    another split): the held-out part is the sentences below :data:`HOLDOUT_SHARE`."""
    key = text if seed is None else f"{seed}:{text}"
    return int(hashlib.md5(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF


def convert(directory: Path) -> pd.DataFrame:
    """Every pair of countries found in every sentence, with ``cameo_label`` (the event
    class's label, for actor pairs; else missing), ``actors`` and ``part``."""
    import stance

    lines = (directory / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    sentences = [line.split("\t") for line in lines]
    joined = directory / "cameo_joined_train.jsonl"
    records = {}
    if joined.exists():
        for line in joined.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[int(record["class_line"])] = record
    paragraphs = pd.DataFrame({
        "article_id": [f"c{i}" for i in range(len(sentences))], "paragraph_id": 0, "kind": "body",
        "text": [s[0] for s in sentences], "start": 0, "end": [len(s[0]) for s in sentences],
        "date": pd.NaT,
    })
    mentions = stance.find_mentions(paragraphs)
    rows = []
    for article_id, found in mentions.groupby("article_id", sort=False):
        i = int(article_id[1:])
        text, event_class = sentences[i][0], int(sentences[i][1])
        countries = sorted(set(found["country"]))
        actors = _actor_pairs(text, found, records[i]) if i in records else set()
        part = "holdout" if sentence_fraction(text) < HOLDOUT_SHARE else "train"
        for j, a in enumerate(countries):
            for b in countries[j + 1:]:
                is_actor = (a, b) in actors
                rows.append({
                    "id": f"conflibert-{i}-{a}-{b}", "text": text, "country_a": a, "country_b": b,
                    "label": np.nan, "cameo_label": CLASS_TO_LABEL[event_class] if is_actor else np.nan,
                    "actors": is_actor, "date": "", "direction": "",
                    "source": f"conflibert-train (Parolin et al. 2022), class line {i}", "part": part,
                })
    items = pd.DataFrame(rows)
    items["cameo_label"] = items["cameo_label"].astype("Int64")
    items["label"] = items["label"].astype("Int64")
    return items


def apply_guide_labels(items: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``items`` labelled by the guide's labels (and directions) of ``path``, or by the
    event class for actor pairs that ``path`` lacks; items with neither are left out.

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
    items.loc[~known, "label"] = items.loc[~known, "cameo_label"]
    items["label_from"] = np.where(known, "guide", "cameo class")
    return items[items["label"].notna()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "conflibert")
    parser.add_argument("--guide-labels", type=Path, default=GUIDE_LABELS,
                        help="the guide's labels of the converted items (default: %(default)s)")
    parser.add_argument("--cameo-labels", action="store_true",
                        help="write the actor pairs labelled by their event class alone, as before the guide labels")
    args = parser.parse_args(argv)
    directory = args.shared / "data" / "conflibert-train"
    if not (directory / "cameo_class_train.tsv").exists():
        print(f"{directory / 'cameo_class_train.tsv'}: not found; nothing to convert", file=sys.stderr)
        return 1
    items = convert(directory)
    if args.cameo_labels:
        items = items[items["actors"]].assign(label=lambda d: d["cameo_label"])
    else:
        found = len(items)
        items = apply_guide_labels(items, args.guide_labels)
        guided = items["label_from"] == "guide"
        actors = guided & items["actors"]
        same = (np.sign(items.loc[actors, "label"]) == np.sign(items.loc[actors, "cameo_label"])).mean()
        print(f"{args.guide_labels}: guide labels for {guided.sum()} of the {found} pairs found; "
              f"{len(items) - guided.sum()} labelled by their event class, {found - len(items)} left out. "
              f"On the actor pairs the event class gives the guide's three-way class for {same:.1%}")
    args.out.mkdir(parents=True, exist_ok=True)
    for part in ("train", "holdout"):
        chosen = items[items["part"] == part].drop(columns=["part"])
        chosen.to_csv(args.out / f"{part}.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        counts = {int(k): int(v) for k, v in chosen["label"].value_counts().sort_index().items()}
        print(f"{args.out / (part + '.csv')}: {len(chosen)} items, {chosen['text'].nunique()} sentences, "
              f"{(chosen['country_a'] + '-' + chosen['country_b']).nunique()} pairs, labels {counts}")
        joined = joined_paragraphs(chosen, JOIN_PASSES[part])
        joined.to_csv(args.out / f"{part}_joined.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        print(f"{args.out / (part + '_joined.csv')}: {len(joined)} items in {joined['text'].nunique()} paragraphs "
              f"of {' or '.join(map(str, JOIN_SIZES))} of those sentences")
    events = event_sentences(directory, set(items.loc[items["part"] == "holdout", "text"]))
    events.to_csv(args.out / "events.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    counts = events["event"].value_counts().reindex(EVENT_CLASSES).to_dict()
    print(f"{args.out / 'events.csv'}: {len(events)} sentences not of the held-out part's items, by event class "
          f"{counts}")
    return 0


def _countries_by_sentence(texts: list[str], starts: list[list[int]]) -> list[list[set[str]]]:
    """The countries that the mention finder finds in each sentence of each text, where
    ``starts[k]`` are the offsets at which text ``k``'s sentences begin; a dateline's
    place ("New York (CNN)…") is left out, as it forms no pair."""
    from stance import find_mentions
    from stance.mentions import PAIRLESS_KINDS

    paragraphs = pd.DataFrame({"article_id": [f"t{k}" for k in range(len(texts))], "paragraph_id": 0,
                               "text": texts, "start": 0, "date": pd.NaT})
    found = [[set() for _ in begins] for begins in starts]
    for row in find_mentions(paragraphs).itertuples(index=False):
        if row.kind in PAIRLESS_KINDS:
            continue
        k = int(row.article_id[1:])
        found[k][int(np.searchsorted(starts[k], row.start, side="right")) - 1].add(row.country)
    return found


def joined_paragraphs(items: pd.DataFrame, passes: int, seed: int = 0,
                      sizes: tuple[int, ...] = JOIN_SIZES) -> pd.DataFrame:
    """Paragraphs of two or three sentences of ``items`` joined, each with its own items.

    The real news items are single sentences, while the toolkit scores paragraphs of
    several; read inside a paragraph, a sentence's pair keeps its sentence but the
    paragraph's sentiment, cues and count of countries change. Joining sentences of one
    part at random shows the model real news in paragraphs. Each joined paragraph keeps
    the items of its sentences, with their labels: a pair's relation is what its own
    sentence says. Sentences join only where no other sentence of the paragraph names
    both countries of one of their pairs, and a paragraph is kept only where the
    mention finder finds in each of its sentences the countries that it finds in the
    sentence alone, so no item's reading rests on words it was not labelled from. Pairs
    whose countries meet only across sentences have no item, nor do pairs that the
    toolkit does not form (with the place of a dateline).

    Parameters
    ----------
    items : pandas.DataFrame
        Converted items of one part (``id``, ``text``, ``country_a``, ``country_b``,
        ``source`` and the other columns, which are kept).
    passes : int
        How many joined paragraphs each sentence goes into (each pass draws new groups).
    seed : int, default 0
        The draw.
    sizes : tuple of int, default (2, 3)
        How many sentences a paragraph joins, drawn from these.

    Returns
    -------
    pandas.DataFrame
        The items, with ``id`` ``joined-N-<id>`` and the joined paragraph as ``text``.
    """
    sentences = items["text"].drop_duplicates().tolist()
    alone = [found[0] for found in _countries_by_sentence(sentences, [[0]] * len(sentences))]
    rows_of = {text: rows for text, rows in items.groupby("text", sort=False)}
    pairs_of = [list(zip(rows_of[text]["country_a"], rows_of[text]["country_b"])) for text in sentences]

    def apart(i: int, j: int) -> bool:
        return (not any({a, b} <= alone[j] for a, b in pairs_of[i])
                and not any({a, b} <= alone[i] for a, b in pairs_of[j]))

    rng = np.random.default_rng(seed)
    groups = []
    for _ in range(passes):
        order = [int(i) for i in rng.permutation(len(sentences))]
        while order:
            size = int(rng.choice(sizes))
            group = [order.pop()]
            for i in list(reversed(order)):
                if len(group) == size:
                    break
                if all(apart(i, j) for j in group):
                    group.append(i)
                    order.remove(i)
            if len(group) > 1:
                groups.append(group)
    texts = [" ".join(sentences[i] for i in group) for group in groups]
    starts = [list(np.cumsum([0] + [len(sentences[i]) + 1 for i in group[:-1]])) for group in groups]
    found = _countries_by_sentence(texts, starts)
    rows = []
    for n, (group, text, sets) in enumerate(zip(groups, texts, found)):
        if any(sets[k] != alone[i] for k, i in enumerate(group)):
            continue
        lines = ", ".join(str(rows_of[sentences[i]]["source"].iloc[0]).rsplit(" ", 1)[1] for i in group)
        for i in group:
            # an item whose pair the toolkit does not form (a dateline's place) has no reading here
            mine = rows_of[sentences[i]]
            mine = mine[[{a, b} <= alone[i] for a, b in zip(mine["country_a"], mine["country_b"])]]
            rows.append(mine.assign(
                id=lambda d, n=n: f"joined-{n}-" + d["id"], text=text,
                source=lambda d, lines=lines: d["source"] + f"; joined with class lines {lines}"))
    return pd.concat(rows, ignore_index=True) if rows else items.iloc[:0]


def event_sentences(directory: Path, held_out: set[str]) -> pd.DataFrame:
    """The sentences of ``cameo_class_train.tsv`` that are not in ``held_out``, with
    their event class by name (``text``, ``event``, ``source``)."""
    lines = (directory / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    rows = []
    for i, line in enumerate(lines):
        text, event_class = line.split("\t")
        if text in held_out:
            continue
        rows.append({"text": text, "event": EVENT_CLASSES[int(event_class)],
                     "source": f"conflibert-train (Parolin et al. 2022), class line {i}"})
    return pd.DataFrame(rows, columns=["text", "event", "source"])


if __name__ == "__main__":
    sys.exit(main())
