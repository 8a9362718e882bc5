"""The ``stance`` command line.

Each command only parses its options and calls a library function that returns a
DataFrame; writing the result is shared. Exit codes: 0 on success, 2 on bad usage or
bad input (with the file and the problem on standard error), 130 when interrupted
(Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import stance
from stance._atomic import source_date_epoch
from stance.errors import StanceError

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C


def _add_reader_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files or folders (read recursively), or - for standard input",
    )
    group = parser.add_argument_group("reading articles")
    group.add_argument(
        "--input-format", dest="format", default=None,
        choices=["text", "html", "jsonl", "json", "csv", "tsv", "excel"],
        help="read every input in this format instead of guessing from the extension",
    )
    for name in ("text", "title", "date", "source", "url", "id"):
        group.add_argument(
            f"--{name}-column", dest=f"{name}_column", default=None, metavar="NAME",
            help=f"field or column that holds the article {name} (JSON, CSV, Excel)",
        )
    group.add_argument(
        "--on-error", choices=["raise", "skip"], default="raise",
        help="on a file or record that cannot be read: stop (raise, the default) or "
        "skip it, go on with the rest and report it on standard error",
    )


def _add_output_option(parser: argparse.ArgumentParser, streamed: bool = False) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="write CSV to FILE (written whole or not at all) instead of standard output"
             + ("; FILE is written a batch at a time, so that memory does not grow with the input, and "
                "replaces any FILE before it once all is written" if streamed else ""),
    )


def _add_labels_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("labels", nargs="+", metavar="LABELS.csv",
                        help="labelled CSV file(s) in the annotation guide's format")


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="PATH", default=None,
                        help="a model saved by 'stance train' (default: the model shipped with stance)")


def _whole_number(value: str, every_core: bool = False) -> int:
    """``--batch-size``, and ``--jobs`` with ``every_core``: a whole number of at least 1
    (or -1 for every core)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1 and not (every_core and number == -1):
        raise argparse.ArgumentTypeError("expected a whole number of at least 1"
                                         + (", or -1 for every core" if every_core else "") + f"; got {value!r}")
    return number


def _jobs(value: str) -> int:
    """``--jobs``: see :func:`_whole_number`."""
    return _whole_number(value, every_core=True)


def _add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help="score in N worker processes side by side, -1 for every core (default: 1); "
                        "the scores are the same, and it pays off from a few thousand articles")


def _add_batch_size_option(parser: argparse.ArgumentParser, work: str, results: str) -> None:
    parser.add_argument("--batch-size", type=_whole_number, default=500, metavar="N",
                        help=f"articles read and {work} together (default: 500); the {results} are the same "
                        "whatever it is, and the memory a batch takes grows with it")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``stance`` command."""
    parser = argparse.ArgumentParser(
        prog="stance",
        description="Measure the temperature of country-pair relations in news articles.",
    )
    parser.add_argument("--version", action="version", version=f"stance {stance.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    mentions = commands.add_parser(
        "mentions",
        help="list every country mention in the articles, as CSV",
        description="Find every country that each paragraph refers to and write one CSV "
        "row per mention: article_id, paragraph_id, country (ISO3), surface, start, "
        "end (character offsets into the article text) and kind.",
    )
    _add_reader_options(mentions)
    _add_output_option(mentions, streamed=True)
    _add_batch_size_option(mentions, "searched", "mentions")
    mentions.set_defaults(run=_run_mentions)

    score = commands.add_parser(
        "score",
        help="score every country pair of the articles, as CSV",
        description="Score every paragraph and country pair with the model and write CSV: "
        "per paragraph (article_id, paragraph_id, country_a, country_b, label, "
        "temperature, p_hostile ... p_friendly, evidence) or per article (the same, "
        "aggregated, without paragraph_id and evidence, with n_paragraphs).",
    )
    _add_reader_options(score)
    score.add_argument("--per", choices=["paragraph", "article"], default="paragraph",
                       help="one row per paragraph and pair (default) or per article and pair")
    _add_model_option(score)
    _add_jobs_option(score)
    _add_batch_size_option(score, "scored", "scores")
    _add_output_option(score, streamed=True)
    score.set_defaults(run=_run_score)

    train = commands.add_parser(
        "train",
        help="train a model on labelled data",
        description="Train the stance model on labelled data in the annotation guide's CSV "
        "format (text, country_a, country_b, label; optional date, direction, id, source), "
        "after cross-validating it with whole country pairs, and the paragraphs that name them, "
        "held out. Writes the model in the skops format and its card (.md) and figures (.json) "
        "beside it.",
    )
    _add_labels_argument(train)
    train.add_argument("-o", "--output", metavar="PATH", required=True, help="the .skops file to write")
    train.add_argument("--cv", type=int, default=5, metavar="K",
                       help="folds of the cross-validation by pair and paragraph (0 to skip; default 5)")
    train.add_argument("--weight", action="append", metavar="FILE=K", default=[],
                       help="each item of this labelled file counts K times in training (a whole "
                       "number; for real news among many written examples); may be repeated")
    train.add_argument("--calibrate-on", action="append", metavar="FILE", default=None,
                       help="fit the calibration of the probabilities on this labelled file's items "
                       "only (the real news among written examples), while the classifier learns from "
                       "all; may be repeated")
    train.add_argument("--written", action="append", metavar="FILE", default=None,
                       help="this labelled file holds examples written for training, not news: the "
                       "model learns where they differ and reads every text it scores as news; may "
                       "be repeated")
    train.add_argument("--events", metavar="FILE", default=None,
                       help="a CSV of news sentences labelled with the kind of event they report (text, "
                       "event: statement, verbal_cooperation, material_cooperation, verbal_conflict or "
                       "material_conflict): the model also learns what kind of event a pair's sentences "
                       "report from them")
    train.add_argument("--evaluate", nargs="+", metavar="HELDOUT.csv", default=None,
                       help="labelled files never trained on: evaluate the model on them, beside "
                       "the lexicon baselines, and put the figures in the model card (all files "
                       "together, and each file on its own when there are several)")
    train.set_defaults(run=_run_train)

    evaluate = commands.add_parser(
        "evaluate",
        help="measure the model on labelled data, beside VADER and TextBlob",
        description="Score every labelled row's text for its pair (a pair not found in its "
        "text counts as neutral) and print three-way macro-F1 and accuracy, five-point "
        "accuracy and MAE, Spearman correlation and confusion matrices, for the model and "
        "for VADER's compound and TextBlob's polarity cut at +/-0.05.",
    )
    _add_labels_argument(evaluate)
    _add_model_option(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(run=_run_evaluate)

    report = commands.add_parser(
        "report",
        help="write the temperature report and spreadsheet exports (the main job)",
        description="Score the articles and write, into DIR: report.html (one self-contained "
        "file with the summary table, the pair matrix, timelines and the paragraphs that "
        "warmed and cooled each pair), temperature.csv (pair x period), pairs.csv (article "
        "x pair), paragraphs.csv (paragraph x pair, with evidence), mentions.csv and "
        "report.xlsx. Every file is written whole or not at all.",
    )
    _add_reader_options(report)
    report.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into (created if missing)")
    report.add_argument("--period", default="month", choices=["day", "week", "month", "quarter", "year", "all"],
                        help="period of the temperature table and timelines (default: month)")
    report.add_argument("--format", dest="formats", default="html,csv,xlsx", metavar="LIST",
                        help="comma-separated output formats among html, csv, xlsx, parquet, json "
                        "(default: html,csv,xlsx)")
    report.add_argument("--excel-csv", action="store_true",
                        help="write CSV as UTF-8 with a byte-order mark, so that Excel shows accents")
    _add_model_option(report)
    _add_jobs_option(report)
    _add_batch_size_option(report, "scored", "scores")
    report.add_argument("-q", "--quiet", action="store_true", help="no summary table and no progress bar")
    report.set_defaults(run=_run_report)
    return parser


def _reader_options(args: argparse.Namespace) -> dict:
    keys = ("format", "text_column", "title_column", "date_column", "source_column",
            "url_column", "id_column", "on_error")
    return {k: getattr(args, k) for k in keys}


def _run_mentions(args: argparse.Namespace) -> object:
    from stance.mentions import iter_mentions

    if args.output is None or args.output == "-":
        # standard output gets the whole table or, on an error, nothing
        return stance.extract_mentions(args.paths, batch_size=args.batch_size, **_reader_options(args))
    _write_batches(iter_mentions(args.paths, batch_size=args.batch_size, **_reader_options(args)), args.output)
    return None


def _write_batches(tables, output: str) -> None:
    """Write the CSV of each table of ``tables`` (each with ``attrs["skipped"]``) to
    ``output`` as it comes, under one header; ``output`` is replaced only once all is
    written. The skipped inputs are named on standard error as they come."""
    from stance._atomic import replacing

    skipped = []
    with replacing(output, "w", encoding="utf-8", newline="") as handle:
        for number, table in enumerate(tables):
            _report_skipped(table.attrs["skipped"], total=False)
            skipped += table.attrs["skipped"]
            table.to_csv(handle, index=False, header=number == 0, lineterminator="\n")
    if skipped:
        print(f"stance: skipped {len(skipped)} input(s)", file=sys.stderr)


def _run_score(args: argparse.Namespace) -> object:
    from stance.scoring import score, score_stream

    if args.output is None or args.output == "-":
        # standard output gets the whole table or, on an error, nothing
        scores = score(args.paths, model=args.model, n_jobs=args.jobs, batch_size=args.batch_size,
                       **_reader_options(args))
        return scores.paragraphs if args.per == "paragraph" else scores.articles
    # a file is written a batch at a time, so that memory does not grow with the input
    batches = score_stream(args.paths, model=args.model, n_jobs=args.jobs, batch_size=args.batch_size,
                           **_reader_options(args))
    _write_batches((b.paragraphs if args.per == "paragraph" else b.articles for b in batches), args.output)
    return None


def _run_train(args: argparse.Namespace) -> None:
    from stance.model import save_model, train

    if not args.output.endswith(".skops"):
        raise StanceError(f"{args.output}: the model file must end in .skops")
    weights = {}
    for item in args.weight:
        name, sep, count = item.rpartition("=")
        if not sep or not name or not count.strip().isdigit() or int(count) < 1:
            raise StanceError(f"--weight {item!r}: expected FILE=K with K a whole number of at least 1")
        if name not in args.labels:
            raise StanceError(f"--weight {item!r}: {name} is not one of the labelled files {args.labels}")
        weights[name] = int(count)
    for option, names in (("--calibrate-on", args.calibrate_on), ("--written", args.written)):
        for name in names or []:
            if name not in args.labels:
                raise StanceError(f"{option} {name!r}: not one of the labelled files {args.labels}")
    # what would fail after minutes of training fails now
    from stance._atomic import writable_folder
    from stance.model import read_labels

    writable_folder(args.output)
    # each held-out file is read now, and evaluated on its own as well as with the others
    heldout = {name: read_labels(name) for name in dict.fromkeys(args.evaluate or [])}
    if args.events:
        from stance.features import read_events

        read_events(args.events)
    model, report = train(args.labels, cv_folds=args.cv, weights=weights or None, calibrate_on=args.calibrate_on,
                          written=args.written, events=args.events)
    if heldout:
        from stance.evaluation import evaluate_files

        together, by_file = evaluate_files(heldout, model=model)
        report.heldout, report.heldout_files = together, list(heldout)
        report.heldout_by_file = by_file if len(by_file) > 1 else None
    path = save_model(model, args.output, report)
    print(f"stance: trained on {sum(report.label_counts.values())} pairs from {report.n_items} items; "
          f"wrote {path} and its card {path.with_suffix('.md')}", file=sys.stderr)
    for name, value in report.cv_scores.items():
        print(f"  cross-validated {name}: {value:.3f}", file=sys.stderr)
    return None


def _run_evaluate(args: argparse.Namespace) -> None:
    import json

    from stance.evaluation import evaluate, format_report

    result = evaluate(args.labels, model=args.model)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return None


def _progress(stream):
    """A one-line progress bar on ``stream``, or None when it is not a terminal."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def _run_report(args: argparse.Namespace) -> None:
    from stance.report import FORMATS, analyze, summary_table

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise StanceError(f"--format {args.formats!r}: expected a comma-separated list of {list(FORMATS)}")
    progress = None if args.quiet else _progress(sys.stderr)
    analysis = analyze(args.paths, period=args.period, model=args.model, n_jobs=args.jobs,
                       batch_size=args.batch_size, progress=progress,
                       **_reader_options(args))
    for item in analysis.skipped:
        print(f"stance: skipped {item['source']}: {item['problem']}", file=sys.stderr)
    written = analysis.write(args.output, formats, excel_csv=args.excel_csv)
    if not args.quiet and sys.stdout.isatty():
        print(summary_table(analysis))
        print(f"\nwrote {len(written)} file(s) to {args.output}")
    return None


def write_csv(frame, output: str | None) -> None:
    """Write ``frame`` as CSV to ``output`` atomically, or to standard output."""
    from stance._atomic import replacing

    if output is None or output == "-":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        sys.stdout.flush()
        return
    with replacing(output, "w", encoding="utf-8", newline="") as handle:
        frame.to_csv(handle, index=False, lineterminator="\n")


def _report_skipped(skipped: list[dict], total: bool = True) -> None:
    """Name each skipped input on standard error, then (with ``total``) their count."""
    for item in skipped:
        print(f"stance: skipped {item['source']}: {item['problem']}", file=sys.stderr)
    if skipped and total:
        print(f"stance: skipped {len(skipped)} input(s)", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on bad usage or bad input, 130 when interrupted.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage and 0 on --help
        return int(exc.code or 0)
    try:
        # checked before NumPy is imported, which fails on a malformed value with a traceback
        source_date_epoch()
        result = args.run(args)
        if result is not None:
            _report_skipped(result.attrs.get("skipped", []))
            write_csv(result, args.output)
    except StanceError as exc:
        print(f"stance: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into head and closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return EXIT_OK
