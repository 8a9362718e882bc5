"""The ``stance`` command line.

Each command only parses its options and calls a library function that returns a
DataFrame; writing the result is shared. Exit codes: 0 on success, 2 on bad usage or
bad input (with the file and the problem on standard error).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import stance
from stance.errors import StanceError

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


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


def _add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="write CSV to FILE (written whole or not at all) instead of standard output",
    )


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
    _add_output_option(mentions)
    mentions.set_defaults(run=_run_mentions)
    return parser


def _reader_options(args: argparse.Namespace) -> dict:
    keys = ("format", "text_column", "title_column", "date_column", "source_column",
            "url_column", "id_column", "on_error")
    return {k: getattr(args, k) for k in keys}


def _run_mentions(args: argparse.Namespace) -> object:
    return stance.extract_mentions(args.paths, **_reader_options(args))


def write_csv(frame, output: str | None) -> None:
    """Write ``frame`` as CSV to ``output`` atomically, or to standard output."""
    if output is None or output == "-":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        sys.stdout.flush()
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise StanceError(f"{output}: cannot write: folder {directory} does not exist")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _report_skipped(result: object) -> None:
    skipped = getattr(result, "attrs", {}).get("skipped", [])
    for item in skipped:
        print(f"stance: skipped {item['source']}: {item['problem']}", file=sys.stderr)
    if skipped:
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
        0 on success, 2 on bad usage or bad input.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage and 0 on --help
        return int(exc.code or 0)
    try:
        result = args.run(args)
        _report_skipped(result)
        write_csv(result, args.output)
    except StanceError as exc:
        print(f"stance: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into head and closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return EXIT_OK
