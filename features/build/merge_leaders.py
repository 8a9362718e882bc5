"""Merge leader tables compiled in parts into features/leaders.csv.

Usage: python features/build/merge_leaders.py features/leaders_part_*.csv

Rows are sorted by country, role and start date; exact duplicates are dropped. The
merged file keeps the columns of features/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

COLUMNS = ["country", "name", "aliases", "role", "title", "start", "end", "source"]
ROLE_ORDER = ["head_of_state_and_government", "head_of_state", "head_of_government",
              "foreign_minister", "defence_minister"]


def main(paths: list[str]) -> int:
    target = Path(__file__).resolve().parent.parent / "leaders.csv"
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths]
    if target.exists():
        frames.insert(0, pd.read_csv(target, dtype=str, keep_default_na=False))
    table = pd.concat(frames, ignore_index=True)[COLUMNS].drop_duplicates()
    table["_role"] = table["role"].map({r: i for i, r in enumerate(ROLE_ORDER)})
    table = table.sort_values(["country", "_role", "start", "name"], kind="stable").drop(columns="_role")
    table.to_csv(target, index=False, lineterminator="\n")
    print(f"{target}: {len(table)} rows from {len(paths)} part(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
