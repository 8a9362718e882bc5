"""Which features make the model read a sentence differently inside a paragraph.

``benchmarks/conflibert_labels.py`` writes the held-out real news sentences alone
(``build/conflibert/holdout.csv``) and joined at random into paragraphs of two or three
(``holdout_joined.csv``), each item with its sentence's label. This script reads both
with a model, prints three-way macro-F1 on the joined items, and then, one group of
dense features at a time, gives the joined items the values that their sentence has
alone and prints the macro-F1 again. A group whose substitution brings the figure back
towards the sentences' is where the paragraph changes the reading (``models/README.md``,
stop 17: the paragraph's count of countries, before ``countries_in_context``). The last
column goes the other way: the sentences alone, given that one group's values from
their paragraph, which is what the group costs when nothing else changes (stop 25: the
paragraph's sentiment most, -0.014, then the paragraph's cues and its count of
countries, -0.008 each; the mention counts and shares alone raise it).
Usage::

    python benchmarks/paragraph_features.py [--model PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from stance import load_model, read_labels
from stance.evaluation import scores_from_values
from stance.model import LABEL_VALUES, LABELS, decide_labels, labelled_pairs

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "build" / "conflibert" / "holdout.csv"
JOINED = ROOT / "build" / "conflibert" / "holdout_joined.csv"

# groups of dense features, by the transformer's name and, where a transformer holds
# parts that read the paragraph and parts that read the pair's sentences, by column
# (the written mark is left out: it is the same for a sentence alone and in a paragraph)
GROUPS = {
    "paragraph sentiment": lambda n: n.startswith("paragraph__"),
    "mention counts and shares": lambda n: n.split("__")[-1] in (
        "mentions_a", "mentions_b", "joint_sentences", "joint_share", "context_is_joint"),
    "the pair's context": lambda n: n.startswith("context__") and n.split("__")[-1] not in (
        "mentions_a", "mentions_b", "joint_sentences", "joint_share", "context_is_joint"),
    "cues of the paragraph and elsewhere": lambda n: n.startswith("cues__") and (
        "cue_paragraph" in n or "cue_elsewhere" in n),
    "other cues": lambda n: n.startswith("cues__") and not ("cue_paragraph" in n or "cue_elsewhere" in n),
    "countries in the paragraph": lambda n: n == "third_party__countries",
    "other constructions and counts": lambda n: n.startswith("third_party__") and n != "third_party__countries",
    "roles": lambda n: n.startswith("roles__"),
    "event classes": lambda n: n.startswith("events__"),
}


def feature_groups(names) -> dict[str, list[int]]:
    """The column indices of each of :data:`GROUPS` among the dense ``names`` (as
    ``get_feature_names_out`` of the model's dense union gives them)."""
    return {group: [i for i, name in enumerate(names) if chosen(name)] for group, chosen in GROUPS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="a model saved by stance train (default: the shipped one)")
    args = parser.parse_args(argv)
    for path in (SENTENCES, JOINED):
        if not path.exists():
            print(f"{path}: not found; run python benchmarks/conflibert_labels.py first", file=sys.stderr)
            return 2
    model = load_model(args.model)
    features, classifier = model.named_steps["features"], model.named_steps["classifier"]
    alone_labels, joined_labels = read_labels(SENTENCES), read_labels(JOINED)
    alone, joined = labelled_pairs(alone_labels), labelled_pairs(joined_labels)
    # each joined item's sentence alone: its id is joined-N-<id of the item alone>
    alone_ids = alone_labels["id"].to_numpy()[alone["item"].to_numpy()]
    joined_ids = joined_labels["id"].to_numpy()[joined["item"].to_numpy()]
    row_of = {item: row for row, item in enumerate(alone_ids)}
    rows = np.asarray([row_of[item.split("-", 2)[2]] for item in joined_ids])

    def dense_matrix(matrix):
        return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix, dtype=float)

    on_joined = dense_matrix(features.transform(joined))
    on_alone = dense_matrix(features.transform(alone))[rows]
    names = list(features.get_feature_names_out())
    prefix = "dense__"
    dense_names = [name[len(prefix):] for name in names if name.startswith(prefix)]
    truth = joined["value"].to_numpy()
    order = [list(classifier.classes_).index(label) for label in LABELS]

    def macro_f1(matrix) -> float:
        values = np.asarray([LABEL_VALUES[label]
                             for label in decide_labels(classifier.predict_proba(matrix)[:, order])])
        return scores_from_values(truth, values, values)["macro_f1_3way"]

    print(f"{len(joined)} joined items; three-way macro-F1 with their sentence's features alone: "
          f"{macro_f1(on_alone):.4f}, inside the paragraph: {macro_f1(on_joined):.4f}")
    print(f"{'group given its values alone':<40}{'columns':>8}{'rows differing':>16}{'macro-F1':>10}"
          f"{'alone, given the paragraph':>28}")
    for group, columns in feature_groups(dense_names).items():
        columns = [names.index(prefix + dense_names[i]) for i in columns]
        swapped = on_joined.copy()
        swapped[:, columns] = on_alone[:, columns]
        costly = on_alone.copy()
        costly[:, columns] = on_joined[:, columns]
        differing = (np.abs(on_joined[:, columns] - on_alone[:, columns]).sum(axis=1) > 1e-9).mean()
        print(f"{group:<40}{len(columns):>8}{differing:>16.0%}{macro_f1(swapped):>10.4f}{macro_f1(costly):>28.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
