"""Peak memory of reading and scoring large inputs: files read a row at a time.

It builds the inputs from the speed benchmark's paragraphs (``pipeline_speed.py``),
each a one-paragraph article, in a temporary folder, and runs each job in a process of
its own, which prints its peak resident memory (``VmHWM`` of ``/proc/self/status``,
so Linux only) and its time:

- ``iter_articles`` over a CSV of ``--copies`` × 5 copies of the paragraphs (258,750
  articles, 84 MB, by default), from the file and piped to standard input with
  ``format="csv"``;
- ``stance score FILE -o OUT`` on a CSV of ``--copies`` copies (51,750 articles), and
  on the same file gzip-compressed; the two outputs must be the same bytes;
- ``iter_articles`` over an Excel workbook of those 51,750 rows, read whole and a row
  at a time (the threshold ``stance.articles._LAZY_EXCEL_BYTES`` set to 0);
- ``stance.temperature(table, "all")`` for one pair in 200,000 articles, with random
  probabilities (seed 0).

Usage::

    python benchmarks/large_inputs.py [--tree DIR] [--copies 25]

``--tree`` runs the jobs with another checkout of stance first on ``PYTHONPATH`` (a
worktree at an older commit, say), to compare; the inputs are the same.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# each job prints "peak_MB seconds" on its last line of standard error
# (VmHWM, the high-water mark of this process's own memory: ru_maxrss would also
# count what the parent held when it started the process, which Linux carries over)
_MEASURED = """
import sys, time
began = time.perf_counter()
try:
{body}
finally:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    print(f"{{peak:.0f}} {{time.perf_counter() - began:.1f}}", file=sys.stderr)
"""


def _job(body: str, tree: Path, stdin: Path | None = None, cwd: Path | None = None) -> tuple[str, str, str]:
    """Run ``body`` (Python, indented under a try) in a new process; its peak memory in
    MB, its time in seconds and the last line it printed."""
    code = _MEASURED.format(body="\n".join("    " + line for line in body.strip().splitlines()))
    env = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as handle:
        done = subprocess.run([sys.executable, "-c", code], stdin=handle, capture_output=True, env=env, cwd=cwd,
                              check=False)
    errors = done.stderr.decode().strip().splitlines()
    if done.returncode:  # an older checkout may not read the input: say so and go on
        told = [line for line in errors if line.startswith("stance: error")] or errors[-1:]
        return "-", "-", f"failed: {told[0][:100] if told else done.returncode}"
    peak, seconds = errors[-1].split()
    printed = done.stdout.decode().strip().splitlines()
    return peak, seconds, printed[-1] if printed else ""


def _count(path: str, **options) -> str:
    return (f"import stance\nn = sum(len(b) for b in stance.iter_articles({path!r}, on_error='skip', "
            f"**{options!r}))\nprint(n)")


def build(folder: Path, copies: int) -> dict[str, Path]:
    """The input files, in ``folder``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import pipeline_speed

    batch = pipeline_speed.articles()
    rows = [(d.date().isoformat(), t) for t, d in zip(batch["text"], batch["date"])]
    files = {"csv": folder / "news.csv", "big": folder / "news_big.csv", "gz": folder / "news.csv.gz",
             "xlsx": folder / "news.xlsx"}

    def write(path: Path, repeats: int) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(["id", "date", "title", "text"])
            n = 0
            for copy in range(repeats):
                for date, text in rows:
                    out.writerow([f"c{n}", date, f"Story {n}", f"{text} (Report {copy}.)"])
                    n += 1

    write(files["csv"], copies)
    write(files["big"], copies * 5)
    files["gz"].write_bytes(gzip.compress(files["csv"].read_bytes()))
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    with open(files["csv"], newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(files["xlsx"])
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout of stance to run (default: this one)")
    parser.add_argument("--copies", type=int, default=25, help="copies of the benchmark's paragraphs (default: 25)")
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory(prefix="stance-large-") as name:
        folder = Path(name)
        files = build(folder, args.copies)
        sizes = {key: f"{path.stat().st_size / 1e6:.0f} MB" for key, path in files.items()}
        print(f"stance from {tree}; inputs in {folder}")
        print(f"{'job':<64} {'peak MB':>8} {'seconds':>8}  printed")

        def show(label: str, measured: tuple[str, str, str]) -> None:
            print(f"{label:<64} {measured[0]:>8} {measured[1]:>8}  {measured[2]}")

        show(f"iter_articles, CSV of {args.copies * 5 * 2070:,} articles ({sizes['big']})",
             _job(_count(str(files["big"])), tree))
        show("  the same piped to standard input, format='csv'",
             _job(_count("-", format="csv"), tree, stdin=files["big"]))
        for key, label in (("csv", f"stance score -o, CSV of {args.copies * 2070:,} articles ({sizes['csv']})"),
                           ("gz", f"  the same gzip-compressed ({sizes['gz']})")):
            body = (f"import sys, runpy\nsys.argv = ['stance', 'score', {str(files[key])!r}, '-o', "
                    f"{str(folder / (key + '.out.csv'))!r}]\ntry:\n    runpy.run_module('stance', run_name='__main__')\n"
                    "except SystemExit as exc:\n    assert not exc.code, exc.code")
            show(label, _job(body, tree))
        outputs = [folder / "csv.out.csv", folder / "gz.out.csv"]
        if all(path.exists() for path in outputs):
            same = outputs[0].read_bytes() == outputs[1].read_bytes()
            print(f"  the two outputs are {'the same bytes' if same else 'DIFFERENT'}")
        for threshold, label in ((10**12, f"iter_articles, Excel workbook of {args.copies * 2070:,} rows "
                                          f"({sizes['xlsx']}), read whole"),
                                 (0, "  the same, a row at a time")):
            body = f"import stance.articles\nstance.articles._LAZY_EXCEL_BYTES = {threshold}\n" + _count(
                str(files["xlsx"]))
            show(label, _job(body, tree))
        body = """
import numpy as np, pandas as pd, stance
n = 200_000
p = np.random.default_rng(0).dirichlet(np.ones(5), size=n)
table = pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "country_a": "RUS", "country_b": "USA",
                      "date": pd.Timestamp("2020-01-01")})
for j, name in enumerate(stance.LABELS):
    table[f"p_{name}"] = p[:, j]
row = stance.temperature(table, "all").iloc[0]
print(row["temp_low"], row["temperature"], row["temp_high"])
"""
        show("stance.temperature, one pair in 200,000 articles", _job(body, tree))
    return 0


if __name__ == "__main__":
    sys.exit(main())
