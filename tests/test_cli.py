"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, SEED


def run(*args: str, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stance", *args], input=stdin, capture_output=True, cwd=cwd or ROOT,
        timeout=300,
    )


def test_version_and_help():
    import stance

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"stance {stance.__version__}"
    for args in (["--help"], ["mentions", "--help"]):
        result = run(*args)
        assert result.returncode == 0
        assert b"usage: stance" in result.stdout
    assert b"--on-error" in run("mentions", "--help").stdout


def test_bad_usage_exits_2():
    assert run().returncode == 2
    result = run("frobnicate")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


def test_mentions_of_seeds_folder_to_stdout():
    result = run("mentions", "seeds/")
    assert result.returncode == 0, result.stderr.decode()
    table = pd.read_csv(io.BytesIO(result.stdout))
    assert list(table.columns) == ["article_id", "paragraph_id", "country", "surface", "start", "end", "kind"]
    assert set(table["article_id"]) == {SEED.stem}
    assert set(table["country"]) == {"IND", "RUS", "CHN", "PAK", "USA", "AFG"}
    assert result.stderr == b""


def test_mentions_to_file_and_from_stdin(tmp_path):
    out = tmp_path / "m.csv"
    result = run("mentions", "-", "-o", str(out), stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    table = pd.read_csv(out)
    assert set(table["article_id"]) == {"stdin"}
    from_file = pd.read_csv(io.BytesIO(run("mentions", str(SEED)).stdout))
    columns = ["paragraph_id", "country", "surface", "start", "end", "kind"]
    pd.testing.assert_frame_equal(table[columns], from_file[columns])
    assert not list(tmp_path.glob(".*.tmp"))


def test_bad_input_names_file_exits_2_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.csv"
    result = run("mentions", str(SEED), str(empty), "-o", str(out))
    assert result.returncode == 2
    assert str(empty) in result.stderr.decode()
    assert not out.exists()
    missing = run("mentions", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert "nope.txt" in missing.stderr.decode()


def test_on_error_skip_keeps_the_rest(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    out = tmp_path / "out.csv"
    result = run("mentions", str(SEED), str(binary), "--on-error", "skip", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert "photo.txt" in result.stderr.decode()
    assert set(pd.read_csv(out)["article_id"]) == {SEED.stem}


@pytest.mark.parametrize("option", ["--on-error", "--input-format"])
def test_bad_option_value_exits_2(option):
    result = run("mentions", "seeds/", option, "sometimes")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


def test_mentions_to_a_file_a_batch_at_a_time(tmp_path):
    import json

    import stance
    from stance.mentions import iter_mentions

    texts = ["India and Russia signed a pact.", "Putin met Modi in Sochi.", "Pakistan protested to Kabul.",
             "The Kremlin thanked New Delhi.", "Japan and China held talks."] * 3
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"n{i}", "text": t, "date": "2018-05-21"}) + "\n"
                            for i, t in enumerate(texts)) + "{broken\n", encoding="utf-8")
    # the batches join to the whole table, which one pass over all the paragraphs gives
    articles = stance.read_articles(feed, on_error="skip")
    whole = stance.find_mentions(stance.split_paragraphs(articles))
    batches = list(iter_mentions(feed, batch_size=4, on_error="skip"))
    assert len(batches) == 4
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), whole, check_exact=True)
    assert [len(b.attrs["skipped"]) for b in batches] == [0, 0, 0, 1]  # read line by line: met last
    # a table already read: its skipped inputs are told once, with the first batch
    again = list(iter_mentions(articles, batch_size=4))
    assert [len(b.attrs["skipped"]) for b in again] == [1, 0, 0, 0]
    pd.testing.assert_frame_equal(stance.extract_mentions(articles, batch_size=4), whole, check_exact=True)
    # the command writes the same bytes to a file, a batch at a time, as to standard output
    out = tmp_path / "mentions.csv"
    whole_run = run("mentions", str(feed), "--on-error", "skip")
    streamed = run("mentions", str(feed), "--on-error", "skip", "--batch-size", "4", "-o", str(out))
    assert whole_run.returncode == streamed.returncode == 0, streamed.stderr.decode()
    assert out.read_bytes() == whole_run.stdout and len(whole_run.stdout.splitlines()) > 30
    assert b"stance: skipped 1 input(s)" in streamed.stderr
    failed = run("mentions", str(feed), "--batch-size", "4", "-o", str(out))
    assert failed.returncode == 2 and out.read_bytes() == whole_run.stdout  # left as it was


def test_score_reads_standard_input_in_a_line_format_as_a_file(tmp_path):
    # JSON Lines on standard input, held in a temporary file and read a line at a time,
    # scores as the same file does (ids given, so the names of the inputs do not show)
    import gzip
    import json

    texts = ["India and Russia signed a defence pact.", "Pakistan accused India of shelling.",
             "China and Japan held talks in Beijing."]
    data = "".join(json.dumps({"id": f"s{i}", "text": t, "date": "2019-03-01"}) + "\n" for i, t in enumerate(texts))
    feed = tmp_path / "feed.jsonl.gz"
    feed.write_bytes(gzip.compress(data.encode()))
    from_file = run("score", str(feed))
    from_stdin = run("score", "-", "--input-format", "jsonl", stdin=data.encode())
    assert from_file.returncode == from_stdin.returncode == 0, from_stdin.stderr.decode()
    assert from_stdin.stdout == from_file.stdout and len(from_stdin.stdout.splitlines()) == 4
    bad = run("score", "-", "--input-format", "jsonl", stdin=b'{"title": "no text"}\n')
    assert bad.returncode == 2 and bad.stderr.decode().startswith("stance: error: <stdin>: no text field")
