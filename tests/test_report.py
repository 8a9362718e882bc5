"""Temperatures, the report and the spreadsheet exports, checked as a user would."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

import stance
from stance.report import neutralise
from stance.temperatures import TEMPERATURE_COLUMNS, paragraph_key

from conftest import ROOT, SEED

PROBABILITIES = [f"p_{name}" for name in stance.LABELS]


def scored(rows):
    """Paragraph scores from (article, date, text, pair, probabilities) rows."""
    frame = pd.DataFrame([
        {"article_id": a, "paragraph_id": i, "date": d, "text": t, "country_a": ca, "country_b": cb,
         **dict(zip(PROBABILITIES, p))}
        for i, (a, d, t, (ca, cb), p) in enumerate(rows)])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


WARM = (0.0, 0.0, 0.1, 0.3, 0.6)
COLD = (0.6, 0.3, 0.1, 0.0, 0.0)
FLAT = (0.0, 0.0, 1.0, 0.0, 0.0)


def test_temperature_pools_by_period_with_intervals():
    table = scored([
        ("a1", "2020-01-05", "Japan and Australia signed a pact.", ("AUS", "JPN"), WARM),
        ("a2", "2020-01-20", "Australia hailed Japan.", ("AUS", "JPN"), WARM),
        ("a3", "2020-02-03", "Japan protested to Australia.", ("AUS", "JPN"), COLD),
        ("a4", None, "Japan and Australia clashed over whaling.", ("AUS", "JPN"), COLD),
    ])
    monthly = stance.temperature(table, "month")
    assert list(monthly.columns) == TEMPERATURE_COLUMNS
    assert monthly["period"].tolist() == ["2020-01", "2020-02"]  # the undated article is in no month
    january, february = monthly.itertuples()
    assert january.n_articles == 2 and january.temperature > 50 and february.temperature < -50
    assert february.change == pytest.approx(february.temperature - january.temperature)
    assert np.isnan(january.change)
    for row in monthly.itertuples():
        assert row.temp_low <= row.temperature <= row.temp_high
    whole = stance.temperature(table, "all").iloc[0]
    assert whole["n_articles"] == 4 and whole["name_a"] == "Australia" and whole["name_b"] == "Japan"
    assert whole["temp_low"] < whole["temperature"] < whole["temp_high"]
    assert stance.temperature(table, "year")["period"].tolist() == ["2020"]
    assert stance.temperature(table, "quarter")["period"].tolist() == ["2020-Q1"]
    assert stance.temperature(table, "week")["period"].tolist() == ["2020-W01", "2020-W04", "2020-W06"]
    with pytest.raises(ValueError, match="period is 'decade'"):
        stance.temperature(table, "decade")


def test_the_bootstrap_in_pieces_draws_what_it_draws_at_once():
    # a pair in many articles is resampled a few draws at a time, to bound memory; the
    # generator gives the same draws in pieces, so the interval is the same but for the
    # last bits of the sums (BLAS adds a short block in another order)
    from stance.temperatures import _BOOTSTRAP_CELLS, _interval

    rng = np.random.default_rng(3)
    units = rng.dirichlet(np.ones(5), size=257) * rng.uniform(0.1, 1.0, size=(257, 1))
    weights = units.sum(axis=1)
    at_once = _interval(units, weights, np.random.default_rng(0), 1000, 0.9, cells=10**9)
    assert 1000 * 257 <= _BOOTSTRAP_CELLS  # so the default draws these at once
    assert _interval(units, weights, np.random.default_rng(0), 1000, 0.9) == at_once
    for cells in (257 * 7, 1000, 1):  # 7 draws at a time, 3, and 1
        pieces = _interval(units, weights, np.random.default_rng(0), 1000, 0.9, cells=cells)
        assert pieces == pytest.approx(at_once, rel=1e-12)
    other = _interval(units, weights, np.random.default_rng(1), 1000, 0.9, cells=1000)
    assert other != pytest.approx(at_once, rel=1e-6)  # other draws: the test can tell them apart
    assert at_once[0] < at_once[1]


def test_relational_paragraphs_outweigh_co_occurrence_and_copies_count_once():
    wire = "Japan imposed sanctions on North Korea."
    table = scored([
        ("a1", "2021-03-01", wire, ("JPN", "PRK"), COLD),
        ("a2", "2021-03-01", wire + " ", ("JPN", "PRK"), COLD),  # the same wire copy, re-spaced
        ("a3", "2021-03-02", "Japan and North Korea were both at the games.", ("JPN", "PRK"), FLAT),
        ("a4", "2021-03-02", "Delegates from Japan and North Korea attended.", ("JPN", "PRK"), FLAT),
    ])
    row = stance.temperature(table, "all").iloc[0]
    assert row["n_paragraphs"] == 3 and row["n_articles"] == 3
    assert row["temperature"] < -60  # two neutral co-occurrences barely move it
    assert paragraph_key(wire) == paragraph_key(wire.upper() + "  ")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = subprocess.run([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(out),
                             "--format", "html,csv,xlsx,json"], capture_output=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""  # not a terminal: no summary table
    return out


def test_report_files(seed_report):
    for name in ("report.html", "report.xlsx", "temperature.csv", "pairs.csv", "paragraphs.csv", "mentions.csv",
                 "temperature.jsonl"):
        assert (seed_report / name).stat().st_size > 0, name
    temperature = pd.read_csv(seed_report / "temperature.csv")
    row = temperature[(temperature["country_a"] == "IND") & (temperature["country_b"] == "RUS")].iloc[0]
    assert row["label"] in ("cordial", "friendly") and row["period"] == "2017-06"
    paragraphs = pd.read_csv(seed_report / "paragraphs.csv")
    assert paragraphs["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()  # ISO 8601


def test_csv_is_deterministic(seed_report, tmp_path):
    again = subprocess.run([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(tmp_path),
                            "--format", "csv", "--excel-csv"], capture_output=True, cwd=ROOT, timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    for name in ("temperature.csv", "pairs.csv", "paragraphs.csv", "mentions.csv"):
        ours = (seed_report / name).read_bytes()
        theirs = (tmp_path / name).read_bytes()
        assert theirs.startswith(b"\xef\xbb\xbf") and theirs[3:] == ours, name


def test_xlsx_matches_the_csv(seed_report):
    from openpyxl import load_workbook

    workbook = load_workbook(seed_report / "report.xlsx")
    assert workbook.sheetnames == ["summary", "temperature", "pairs", "paragraphs", "mentions"]
    for name in ("temperature", "pairs", "paragraphs", "mentions"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.values)
        table = pd.read_csv(seed_report / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(rows[0]) == list(table.columns)
        assert len(rows) - 1 == len(table)
        for got, want in zip(rows[1:], table.itertuples(index=False)):
            for g, w in zip(got, want):
                if hasattr(g, "strftime"):
                    assert g.strftime("%Y-%m-%d") == w
                elif isinstance(g, (int, float)) and not isinstance(g, bool):
                    assert g == pytest.approx(float(w), abs=1e-4)
                else:
                    assert ("" if g is None else str(g)) == w
    temperature = workbook["temperature"]
    column = [c.value for c in temperature[1]].index("temperature")
    assert any(r.sqref for r in temperature.conditional_formatting)
    assert temperature.cell(row=2, column=column + 1).number_format == "0.00"


def test_xlsx_carries_a_long_table_over_further_sheets(tmp_path):
    from openpyxl import load_workbook

    analysis = stance.analyze(SEED)
    analysis.to_excel(tmp_path / "r.xlsx", rows_per_sheet=7)
    workbook = load_workbook(tmp_path / "r.xlsx")
    for name, table in analysis.tables().items():
        parts = [name] + [f"{name} ({k})" for k in range(2, -(-len(table) // 7) + 1)]
        assert [s for s in workbook.sheetnames if s == name or s.startswith(f"{name} (")] == parts
        rows = []
        for part in parts:
            sheet = workbook[part]
            values = list(sheet.values)
            assert list(values[0]) == list(table.columns) and sheet.freeze_panes == "A2"
            assert 1 <= len(values) - 1 <= 7
            rows += values[1:]
        assert len(rows) == len(table)
        # in order: the first column, rows after rows
        assert [r[0] for r in rows] == table.iloc[:, 0].tolist()
    # each part of the temperature table has its colour scale over its own rows
    for part in [s for s in workbook.sheetnames if s.startswith("temperature")]:
        sheet = workbook[part]
        column = [c.value for c in sheet[1]].index("temperature") + 1
        ranges = [str(r.sqref) for r in sheet.conditional_formatting]
        letter = sheet.cell(row=1, column=column).column_letter
        assert f"{letter}2:{letter}{sheet.max_row}" in ranges
    for bad in (0, 1_048_576, 2.5):
        with pytest.raises(ValueError, match="rows_per_sheet must be a whole number from 1 to 1,048,575"):
            analysis.to_excel(tmp_path / "x.xlsx", rows_per_sheet=bad)
    assert not (tmp_path / "x.xlsx").exists()


def test_xlsx_reads_the_same_in_another_reader(tmp_path):
    # calamine (Rust), which reads workbooks independently of openpyxl, which wrote it;
    # one workbook whole and one carried over sheets of 5 rows
    analysis = stance.analyze(SEED)
    analysis.to_excel(tmp_path / "whole.xlsx")
    analysis.to_excel(tmp_path / "parts.xlsx", rows_per_sheet=5)
    whole = pd.read_excel(tmp_path / "whole.xlsx", engine="calamine", sheet_name=None)
    parts = pd.read_excel(tmp_path / "parts.xlsx", engine="calamine", sheet_name=None)
    analysis.to_csv(tmp_path)
    for name in ("temperature", "pairs", "paragraphs", "mentions"):
        table = pd.read_csv(tmp_path / f"{name}.csv")
        joined = pd.concat([parts[s] for s in parts if s == name or s.startswith(f"{name} (")], ignore_index=True)
        for read in (whole[name], joined):
            assert list(read.columns) == list(table.columns) and len(read) == len(table)
            for column in table.columns:
                got, want = read[column], table[column]
                if pd.api.types.is_float_dtype(want):
                    np.testing.assert_allclose(got.astype(float), want, atol=1e-4)
                elif pd.api.types.is_datetime64_any_dtype(got):
                    assert got.dt.strftime("%Y-%m-%d").tolist() == want.tolist()
                else:
                    assert got.fillna("").astype(str).tolist() == want.fillna("").astype(str).tolist(), column


def test_xlsx_records_source_date_epoch_and_is_then_the_same_bytes(tmp_path):
    from openpyxl import load_workbook

    def report(out, epoch):
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
        return subprocess.run([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(out), "--format",
                               "xlsx", "-q"], capture_output=True, cwd=ROOT, timeout=600, env=env)

    assert report(tmp_path / "a", "1700000000").returncode == 0
    time.sleep(2.1)  # the zip format's times count in two seconds
    assert report(tmp_path / "b", "1700000000").returncode == 0
    first, second = (tmp_path / "a" / "report.xlsx").read_bytes(), (tmp_path / "b" / "report.xlsx").read_bytes()
    assert first == second
    properties = load_workbook(tmp_path / "a" / "report.xlsx").properties
    assert properties.created == properties.modified == datetime(2023, 11, 14, 22, 13, 20)
    with zipfile.ZipFile(tmp_path / "a" / "report.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    # a malformed value is a clear error before anything is read or written
    bad = report(tmp_path / "c", "next tuesday")
    assert bad.returncode == 2 and not (tmp_path / "c").exists()
    assert b"SOURCE_DATE_EPOCH: is 'next tuesday'; expected a whole number of seconds" in bad.stderr


def test_formula_injection_is_neutralised(tmp_path):
    feed = tmp_path / "feed.jsonl"
    headline = '=HYPERLINK("http://x","y")'
    feed.write_text(json.dumps({"id": "evil", "title": headline, "date": "2022-01-06",
                                "text": "Japan and Australia signed a defence pact in Tokyo."}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "stance", "report", str(feed), "-o", str(out),
                             "--format", "csv,xlsx"], capture_output=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    with open(out / "pairs.csv", encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["title"] == "'" + headline
    from openpyxl import load_workbook

    cell = load_workbook(out / "report.xlsx")["pairs"]["C2"]
    assert cell.value == "'" + headline and cell.data_type == "s"
    for dangerous in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("India") == "India" and neutralise(-2.5) == -2.5


def test_bad_output_folder_fails_cleanly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = subprocess.run([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(blocker / "out")],
                            capture_output=True, cwd=ROOT, timeout=600)
    assert result.returncode == 2
    assert b"cannot create the output folder" in result.stderr
    assert blocker.read_text() == "not a folder"


def test_summary_and_progress_only_on_a_terminal(tmp_path):
    import pty

    out = tmp_path / "out"
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(out), "--format", "csv"],
                               stdin=secondary, stdout=secondary, stderr=secondary, cwd=ROOT)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=600) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "India – Russia" in shown and "articles" in shown and "[" in shown
    quiet = subprocess.run([sys.executable, "-m", "stance", "report", str(SEED), "-o", str(out), "--format", "csv",
                            "--quiet"], capture_output=True, cwd=ROOT, timeout=600)
    assert quiet.returncode == 0 and quiet.stdout == b"" and quiet.stderr == b""


def test_html_is_self_contained_and_shows_the_evidence(seed_report):
    page = (seed_report / "report.html").read_text(encoding="utf-8")
    # nothing is fetched: no scripts, style sheets, fonts or images from elsewhere
    for fetch in ("<script", "<link", "<img", "<iframe", 'src="http', "url(http", "@import"):
        assert fetch not in page, fetch
    assert page.count("<svg") >= 1
    warmest = page.index("Warmest")
    assert page.index("India – Russia", warmest) < page.index("Coldest")
    evidence = page[page.index('id="pair-IND-RUS"'):]
    assert "Warmed it" in evidence and "<mark>" in evidence
    # each pair shows its three warmest paragraphs above 0 and its three coldest below
    paragraphs = pd.read_csv(seed_report / "paragraphs.csv").drop_duplicates(
        ["country_a", "country_b", "article_id", "paragraph_id"])
    for (a, b), rows in paragraphs.groupby(["country_a", "country_b"]):
        section = page.split(f'id="pair-{a}-{b}"')[1].split("<h3")[0].split("<h2")[0]
        expected = min(3, int((rows["temperature"] > 0).sum())) + min(3, int((rows["temperature"] < 0).sum()))
        assert section.count('class="para ') == expected, (a, b)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("STANCE_REQUIRE_BROWSER") != "1",
                    reason="Chromium is not installed (the README's test command installs it)")
def test_html_renders_in_headless_chromium(seed_report, tmp_path):
    assert CHROMIUM is not None, "STANCE_REQUIRE_BROWSER=1 but no Chromium"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    url = (seed_report / "report.html").as_uri()
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, timeout=120)
    assert dom.returncode == 0, dom.stderr.decode()[-2000:]
    rendered = dom.stdout.decode("utf-8")
    assert "<svg" in rendered and "<table>" in rendered and "India – Russia" in rendered
    console = [line for line in dom.stderr.decode("utf-8", "replace").splitlines() if "CONSOLE" in line]
    assert console == []
    shot = tmp_path / "page.png"
    picture = subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,2000", url],
                             capture_output=True, timeout=120)
    assert picture.returncode == 0 and shot.stat().st_size > 10_000


def test_json_and_parquet_formats(tmp_path):
    analysis = stance.analyze(SEED)
    written = analysis.write(tmp_path, ["json", "parquet"])
    assert sorted(p.name for p in written) == sorted(
        f"{stem}.{ext}" for stem in ("temperature", "pairs", "paragraphs", "mentions") for ext in ("jsonl", "parquet"))
    back = pd.read_parquet(tmp_path / "temperature.parquet")
    pd.testing.assert_frame_equal(back.reset_index(drop=True),
                                  analysis.tables()["temperature"].reset_index(drop=True))
    lines = (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(analysis.mentions) and json.loads(lines[0])["country"]
    assert {"articles", "paragraphs", "mentions", "pairs", "temperature"} <= set(vars(analysis))


def test_timelines_appear_with_two_or_more_periods(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "m1", "date": "2019-02-14", "text": "India accused Pakistan of sheltering the attackers and "
                                                   "recalled its envoy from Islamabad."},
        {"id": "m2", "date": "2019-03-20", "text": "India and Pakistan agreed to reopen talks on the "
                                                   "Kartarpur corridor."},
        {"id": "m3", "date": "2019-04-02", "text": "Pakistan thanked India for returning the pilot."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    analysis = stance.analyze(feed, period="month")
    months = analysis.temperature
    assert months["period"].tolist() == ["2019-02", "2019-03", "2019-04"]
    assert months["change"].notna().sum() == 2
    page = (analysis.write(tmp_path / "out", ["html"])[0]).read_text(encoding="utf-8")
    assert page.count('class="chart timeline"') == 1
    with pytest.raises(ValueError, match="no 'date' column"):
        stance.temperature(stance.score(feed).paragraphs, "month")
    assert len(stance.temperature(stance.score(feed).paragraphs, "all")) == 1
