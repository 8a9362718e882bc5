"""Tests for stance.articles: reading articles from files, folders and stdin."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stance.articles import ARTICLE_COLUMNS, iter_articles, parse_date, read_articles
from stance.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "articles"
SEED = ROOT / "seeds" / "000_d24a67c0221e1af6.txt"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --------------------------------------------------------------------------- #
# Shape and the seed article
# --------------------------------------------------------------------------- #


def test_seed_article() -> None:
    df = read_articles(SEED)
    assert list(df.columns) == list(ARTICLE_COLUMNS)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["article_id"] == "000_d24a67c0221e1af6"
    assert row["title"] == "Modi in talks with Putin to win back Russia"
    assert row["date"] == pd.Timestamp("2017-06-01")
    assert row["text"].startswith("Modi in talks with Putin to win back Russia\n\n01 Jun 2017\n\n")
    assert "Kudankulam" in row["text"]
    assert row["text"] == SEED.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert row["path"] == str(SEED)
    assert df.loc[0, "source"] is pd.NA and df.loc[0, "url"] is pd.NA


def test_dtypes() -> None:
    df = read_articles([SEED, DATA / "summit_briefs.jsonl"], on_error="skip")
    assert pd.api.types.is_datetime64_dtype(df["date"])
    assert df["date"].dt.tz is None
    assert (df["date"].dropna() == df["date"].dropna().dt.normalize()).all()
    for col in ("article_id", "title", "source", "url", "text", "path"):
        assert pd.api.types.is_string_dtype(df[col]), col
    assert isinstance(df.loc[0, "article_id"], str)
    assert df["date"].isna().sum() == 1  # brief-104 has "not known"


# --------------------------------------------------------------------------- #
# Plain text, encodings
# --------------------------------------------------------------------------- #


def test_cp1252_text_with_crlf() -> None:
    path = DATA / "cote_divoire_cp1252.txt"
    assert b"\xe2\x80" not in path.read_bytes()  # really cp1252, not UTF-8
    row = read_articles(path).iloc[0]
    assert row["title"] == "Côte d’Ivoire and France sign €2bn investment pact"
    assert row["date"] == pd.Timestamp("2019-03-03")  # "Updated: 3 Mar 2019, 14:05"
    assert "“historic”" in row["text"]
    assert "\r" not in row["text"]
    assert row["text"].startswith("Côte d’Ivoire and France sign €2bn investment pact\n\nUpdated:")


def test_utf16_with_bom() -> None:
    path = DATA / "japan_china_utf16.txt"
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    row = read_articles(path).iloc[0]
    assert row["title"] == "Japan and China agree to resume security dialogue"
    assert row["date"] == pd.Timestamp("2018-06-05")
    assert "Tōkyō" in row["text"] and "“frank”" in row["text"]
    assert not row["text"].startswith("\ufeff")


def test_utf8_bom_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffSerbia and Kosovo agree on licence plates\n\n2022-11-24\n\nBody.".encode())
    row = read_articles(path).iloc[0]
    assert row["title"] == "Serbia and Kosovo agree on licence plates"
    assert row["text"].startswith("Serbia")
    assert row["date"] == pd.Timestamp("2022-11-24")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président a rencontré à Genève son homologue algérien. Coopération renforcée.", "latin-1"),
        ("Президент России провёл переговоры с премьер-министром Индии в Санкт-Петербурге.", "cp1251"),
        ("日本と中国の首脳会談が北京で行われた。両国は経済協力で合意した。", "shift_jis"),
    ],
)
def test_legacy_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(f"Headline\n\n{text}\n".encode(encoding))
    assert read_articles(path).loc[0, "text"] == f"Headline\n\n{text}\n"


# --------------------------------------------------------------------------- #
# Dates
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "line",
    [
        "01 Jun 2017",
        "June 1, 2017",
        "1 June 2017",
        "2017-06-01",
        "Thursday, June 1, 2017 10:32 AM IST",
        "Jun. 1, 2017",
        "2017-06-01T08:30:00Z",
        "01.06.2017",
        "Updated: 1 Jun 2017, 14:05",
        "Published on June 1, 2017",
        "2017-06-01T23:30:00-05:00",
        "Thu, 01 Jun 2017 08:30:00 +0000",
    ],
)
def test_dateline_forms(tmp_path: Path, line: str) -> None:
    path = _write(tmp_path / "a.txt", f"Headline here\n\n{line}\n\nBody text.\n")
    assert parse_date(line) == pd.Timestamp("2017-06-01")
    assert read_articles(path).loc[0, "date"] == pd.Timestamp("2017-06-01")


@pytest.mark.parametrize(
    "line",
    [
        "12 agreements were signed in various sectors.",
        "June 1",
        "May 2017",
        "2017",
        "01 Jun 2017 | Reuters",
        "Theresa May 2017",
        "31 Feb 2017",
        "On June 1, 2017, the two leaders met in St Petersburg to discuss trade and energy.",
    ],
)
def test_not_datelines(tmp_path: Path, line: str) -> None:
    path = _write(tmp_path / "a.txt", f"Headline here\n\n{line}\n\nBody text.\n")
    row = read_articles(path).iloc[0]
    assert pd.isna(row["date"])
    assert row["title"] == "Headline here"
    assert line in row["text"]


def test_date_must_be_second_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Headline\n\nFirst paragraph.\n\n01 Jun 2017\n")
    assert pd.isna(read_articles(path).loc[0, "date"])


def test_undated_fixture_has_nat() -> None:
    df = read_articles(DATA / "desk_b" / "briefing.txt")
    assert pd.isna(df.loc[0, "date"])
    assert df.loc[0, "title"] == "India and Pakistan resume cricket talks"


def test_parse_date_values() -> None:
    import datetime as dt

    assert parse_date(pd.Timestamp("2017-06-01 23:30", tz="Asia/Kolkata")) == pd.Timestamp("2017-06-01")
    assert parse_date(dt.date(2017, 6, 1)) == pd.Timestamp("2017-06-01")
    assert parse_date(dt.datetime(2017, 6, 1, 15, 45)) == pd.Timestamp("2017-06-01")
    assert parse_date(np.datetime64("2017-06-01T10:00")) == pd.Timestamp("2017-06-01")
    # the date in the stated zone, not converted to UTC
    assert parse_date("2017-06-01T23:30:00-05:00") == pd.Timestamp("2017-06-01")
    assert parse_date("2017-06-02T01:00:00+09:00") == pd.Timestamp("2017-06-02")
    assert parse_date("13/06/2017") == pd.Timestamp("2017-06-13")
    assert parse_date("02.03.2019") == pd.Timestamp("2019-03-02")  # day first
    for missing in (None, float("nan"), pd.NA, pd.NaT, "", "   ", 1496275200):
        assert parse_date(missing) is None


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #


def test_html_page() -> None:
    row = read_articles(DATA / "india_russia_summit.html").iloc[0]
    assert row["article_id"] == "india_russia_summit"
    assert row["title"] == "India and Russia sign nuclear deal at St Petersburg summit"
    assert row["date"] == pd.Timestamp("2017-06-02")
    assert row["source"] == "World Herald"
    assert row["url"] == "https://www.worldherald.example/world/india-russia-nuclear-deal"
    text = row["text"]
    assert "Kudankulam nuclear power plant" in text
    assert "double bilateral trade and investment" in text
    paragraphs = text.split("\n\n")
    assert any(p.startswith("The two leaders held more than three hours") for p in paragraphs)
    assert any(p.startswith("Officials on both sides said") for p in paragraphs)
    for junk in ("cookie", "Subscribe for 1 euro", "gtag", "renderAd", "Reader42", "Copyright 2017",
                 "Most read", "Privacy policy"):
        assert junk not in text, junk


def test_html_undated_page_gets_nat(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Talks resume between Seoul and Tokyo</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Talks resume between Seoul and Tokyo</h1>"
        "<p>Diplomats from South Korea and Japan met again on Monday after talks broke down on "
        "June 1, 2017 over the wartime labour dispute, officials said on the record.</p>"
        "<p>The two delegations agreed to meet again within a month and to set up a working "
        "group on export controls, according to a joint statement released afterwards.</p>"
        "</article><footer>Copyright 2019 Example News</footer></body></html>"
    )
    row = read_articles(_write(tmp_path / "seoul.htm", page)).iloc[0]
    assert pd.isna(row["date"])
    assert "working group on export controls" in row["text"]
    assert row["url"] is pd.NA


def test_html_fallback_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        "<html><head><title>Fallback title</title>"
        "<meta property='og:url' content='https://example.org/fb'></head>"
        "<body><script>var x = 'script text';</script><p>First para.</p><div>loose</div>"
        "<p>Second   para.</p></body></html>"
    )
    row = read_articles(_write(tmp_path / "fb.html", page)).iloc[0]
    assert row["title"] == "Fallback title"
    assert row["text"] == "First para.\n\nSecond para."
    assert row["url"] == "https://example.org/fb"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "blank.html", "<html><head><title>Nothing</title></head><body><div></div></body></html>")
    with pytest.raises(InputError, match="no article text") as info:
        read_articles(path)
    assert "blank.html" in str(info.value)


def test_text_folder_does_not_import_trafilatura() -> None:
    code = (
        "import sys\n"
        "from stance.articles import read_articles\n"
        f"df = read_articles({str(SEED.parent)!r})\n"
        "assert len(df) >= 1\n"
        "print('trafilatura' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- #
# Structured formats
# --------------------------------------------------------------------------- #


def test_jsonl_raise_names_line() -> None:
    with pytest.raises(InputError) as info:
        read_articles(DATA / "summit_briefs.jsonl")
    message = str(info.value)
    assert "summit_briefs.jsonl:3" in message
    assert "line 3: invalid JSON at column " in message
    assert "line 1 column" not in message  # the decoder's position within the line alone


def test_jsonl_skip_bad_line() -> None:
    path = DATA / "summit_briefs.jsonl"
    df = read_articles(path, on_error="skip")
    assert df["article_id"].tolist() == ["brief-101", "102", "brief-104"]
    assert df["title"].tolist() == [
        "Brazil and Argentina revive trade talks",
        "Kenya and Ethiopia open border post",
        "Vietnam protests Chinese survey ship",
    ]
    # ISO timestamp with zone -03:00: the date as stated, not in UTC
    assert df["date"].tolist()[:2] == [pd.Timestamp("2019-08-14"), pd.Timestamp("2019-08-14")]
    assert pd.isna(df.loc[2, "date"])
    assert df["source"].tolist()[:2] == ["Southern Wire", "East Africa Desk"]
    assert df.loc[0, "url"] == "https://southernwire.example/101"
    assert df.loc[1, "url"] is pd.NA
    assert set(df["path"]) == {str(path)}
    skipped = df.attrs["skipped"]
    assert len(skipped) == 1
    assert skipped[0]["source"] == f"{path}:3"
    assert "invalid JSON" in skipped[0]["problem"]


def test_json_list_with_nested_source_and_empty_text() -> None:
    path = DATA / "wire_feed.json"
    df = read_articles(path)
    assert df["article_id"].tolist() == ["wire_feed:1", "wire_feed:3"]
    assert df["title"].tolist() == ["Norway and Russia extend fisheries deal", "Estonia summons Russian envoy"]
    assert df["source"].tolist() == ["Nordic Post", "Baltic Times Example"]
    assert df["date"].tolist() == [pd.Timestamp("2020-01-15"), pd.Timestamp("2020-01-17")]
    assert df.loc[1, "text"] == (
        "Estonia summoned the Russian ambassador on Friday.\n\n"
        "The foreign ministry cited an airspace violation."
    )
    assert df.attrs["skipped"] == [
        {
            "source": f"{path}:2",
            "problem": "record 2: empty text in field 'content'; record skipped",
            "level": "warning",
        }
    ]


@pytest.mark.parametrize("wrapper", ["articles", "data", "items"])
def test_json_wrapped_list(tmp_path: Path, wrapper: str) -> None:
    recs = [{"headline": "A", "body": "Alpha text."}, {"headline": "B", "body": "Beta text."}]
    path = _write(tmp_path / "feed.json", json.dumps({"meta": {"n": 2}, wrapper: recs}))
    df = read_articles(path)
    assert df["title"].tolist() == ["A", "B"]
    assert df["text"].tolist() == ["Alpha text.", "Beta text."]
    assert df["article_id"].tolist() == ["feed:1", "feed:2"]


def test_json_single_object(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.json", json.dumps({"doc_id": 77, "full_text": "Only one.", "link": "https://x.example"}))
    df = read_articles(path)
    assert df["article_id"].tolist() == ["77"]
    assert df.loc[0, "url"] == "https://x.example"


def test_invalid_json_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.json", '[\n  {"text": "ok"},\n  {"text": oops}\n]\n')
    with pytest.raises(InputError, match=r"invalid JSON at line 3") as info:
        read_articles(path)
    assert "bad.json" in str(info.value)


def test_csv_custom_columns() -> None:
    path = DATA / "press_digest.csv"
    df = read_articles(path, text_column="story_body", id_column="story_id", date_column="pub_date")
    assert df["article_id"].tolist() == ["S-1", "S-2"]
    assert df["title"].tolist() == [
        "Egypt and Sudan sign Nile water memorandum",
        "Morocco and Spain restore ties",
    ]
    assert df["date"].tolist() == [pd.Timestamp("2021-06-03"), pd.Timestamp("2021-06-03")]
    assert df["source"].tolist() == ["Cairo Daily", "Iberia News"]
    assert df.loc[0, "text"] == (
        "Egypt and Sudan signed a memorandum; it covers the Nile.\n\nEthiopia was not present."
    )
    assert df.attrs["skipped"] == [
        {
            "source": f"{path}:6",
            "problem": "line 6: empty text in column 'story_body'; record skipped",
            "level": "warning",
        }
    ]


def test_csv_without_text_column() -> None:
    with pytest.raises(InputError) as info:
        read_articles(DATA / "press_digest.csv")
    message = str(info.value)
    assert "press_digest.csv" in message
    assert "no text column" in message
    assert "['story_id', 'headline', 'story_body', 'pub_date', 'outlet']" in message
    assert "text_column=" in message


def test_missing_explicit_column() -> None:
    with pytest.raises(InputError) as info:
        read_articles(DATA / "press_digest.csv", text_column="story_body", title_column="heading")
    message = str(info.value)
    assert "title_column='heading'" in message
    assert "'headline'" in message and "press_digest.csv" in message


def test_tsv_and_forced_csv(tmp_path: Path) -> None:
    tsv = _write(tmp_path / "wire.tsv", "id\ttitle\ttext\n7\tTabbed, with comma\tBody, with, commas.\n")
    df = read_articles(tsv)
    assert df["article_id"].tolist() == ["7"]
    assert df.loc[0, "title"] == "Tabbed, with comma"
    assert df.loc[0, "text"] == "Body, with, commas."
    txt = _write(tmp_path / "export.txt", "title,content\nComma one,First body.\nComma two,Second body.\n")
    df = read_articles(txt, format="csv")
    assert df["article_id"].tolist() == ["export:1", "export:2"]
    assert df["text"].tolist() == ["First body.", "Second body."]
    # the same file read by extension is one plain-text article
    assert read_articles(txt).loc[0, "title"] == "title,content"


def test_excel(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    path = tmp_path / "coverage.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Headline", "Body", "Published", "Outlet"])
    ws.append([501, "Turkey and Greece hold talks", "Ankara and Athens held exploratory talks.",
               dt.datetime(2021, 1, 25, 10, 0), "Aegean Wire"])
    ws.append([502, "Empty row", None, "2021-01-26", "Aegean Wire"])
    ws.append([503, "Cyprus talks stall", "Talks on Cyprus stalled again.", "26 January 2021", None])
    second = wb.create_sheet("ignored")
    second.append(["text"])
    second.append(["never read"])
    wb.save(path)
    df = read_articles(path)
    assert df["article_id"].tolist() == ["501", "503"]
    assert df["title"].tolist() == ["Turkey and Greece hold talks", "Cyprus talks stall"]
    assert df["date"].tolist() == [pd.Timestamp("2021-01-25"), pd.Timestamp("2021-01-26")]
    assert df.loc[0, "source"] == "Aegean Wire" and df.loc[1, "source"] is pd.NA
    assert df.attrs["skipped"][0]["source"] == f"{path}:3"
    assert df.attrs["skipped"][0]["level"] == "warning"


def test_excel_written_by_pandas_default_ids(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    pd.DataFrame({"title": ["X", "Y"], "content": ["Xbody", "Ybody"]}).to_excel(path, index=False)
    df = read_articles(path)
    assert df["article_id"].tolist() == ["sheet:1", "sheet:2"]
    assert df["text"].tolist() == ["Xbody", "Ybody"]


def _workbook(path: Path, rows: list[list]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


_SHEETS = {
    "plain": [["id", "text", "date"], ["a", "India and Russia met.", "2017-06-01"], ["b", "Talks.", None]],
    "blank rows first and inside": [[None, None], ["", " "], ["title", "body"], ["T", "One."], [None, None],
                                    ["U", "Two."]],
    "unnamed and numeric columns": [["text", None, 2021], ["One.", 5, 1.5], ["Two.", None, None]],
    "empty texts and repeated ids": [["id", "text"], ["x", "One."], ["x", None], ["x", "Three."]],
    "no text column": [["title", "summary"], ["A", "B"]],
    "empty sheet": [[None], [" "]],
}


@pytest.mark.parametrize("name", sorted(_SHEETS) + ["empty file", "not a workbook"])
@pytest.mark.parametrize("on_error", ["skip", "raise"])
def test_excel_read_a_row_at_a_time_as_read_whole(tmp_path: Path, name: str, on_error: str, monkeypatch) -> None:
    from stance.articles import _lazy_excel, _read_bytes

    read = partial(_read_reporting, on_error)
    path = tmp_path / "sheet.xlsx"
    if name in _SHEETS:
        _workbook(path, _SHEETS[name])
    else:
        path.write_bytes(b"" if name == "empty file" else b"PK\x03\x04 but not a zip file")
    fields = {f: None for f in ("text", "title", "date", "source", "url", "id")}
    data = path.read_bytes()
    whole = read(lambda r: _read_bytes(data, str(path), "sheet", "excel", fields, r))
    by_row = read(lambda r: _lazy_excel(str(path), "sheet", fields, r))
    if name in ("empty file", "empty sheet"):  # left to the reader of whole files, and its message
        assert by_row == (None, []) and "empty" in whole[0]
        return
    if not isinstance(by_row[0], str):
        by_row = read(lambda r: list(_lazy_excel(str(path), "sheet", fields, r)))
    assert by_row == whole
    assert isinstance(whole[0], str) == (name in ("no text column", "not a workbook"))
    # the public reader takes this way for a large workbook: here, any
    monkeypatch.setattr("stance.articles._LAZY_EXCEL_BYTES", 1)
    table = read_articles(path, on_error="skip")
    assert table["text"].tolist() == ([] if isinstance(whole[0], str) else [a.text for a in whole[0]])


def test_unreadable_excel(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a zip file at all")
    with pytest.raises(InputError, match="Excel") as info:
        read_articles(path)
    assert "broken.xlsx" in str(info.value)


# --------------------------------------------------------------------------- #
# Sniffing explicit files
# --------------------------------------------------------------------------- #


def test_sniff_unknown_extensions(tmp_path: Path) -> None:
    html = _write(tmp_path / "page.dat", "\n  <!DOCTYPE html><html><head><title>T</title></head>"
                  "<body><p>Sniffed as HTML paragraph.</p></body></html>")
    jsonl = _write(tmp_path / "lines.dat", '{"text": "one"}\n\n{"text": "two"}\n')
    js = _write(tmp_path / "list.dat", '[\n {"text": "alpha"},\n {"text": "beta"}\n]')
    txt = _write(tmp_path / "plain.dat", "<3 headline\n\n1 June 2017\n\nBody.")
    df = read_articles([html, jsonl, js, txt])
    assert df["article_id"].tolist() == ["page", "lines:1", "lines:2", "list:1", "list:2", "plain"]
    assert df.loc[0, "text"] == "Sniffed as HTML paragraph."
    assert df.loc[5, "title"] == "<3 headline"
    assert df.loc[5, "date"] == pd.Timestamp("2017-06-01")


def test_format_forced_and_invalid_arguments(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.txt", "<html><body><p>Forced HTML.</p></body></html>")
    assert read_articles(path, format="html").loc[0, "text"] == "Forced HTML."
    assert read_articles(path).loc[0, "text"].startswith("<html>")
    with pytest.raises(ValueError, match="'text', 'html', 'jsonl', 'json', 'csv', 'tsv', 'excel'"):
        read_articles(path, format="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'raise', 'skip'"):
        read_articles(path, on_error="ignore")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# Folders and ids
# --------------------------------------------------------------------------- #

GOOD_IN_FOLDER = [
    "cote_divoire_cp1252",
    "briefing",
    None,  # desk_b/briefing.txt: duplicate stem, suffixed
    "india_russia_summit",
    "japan_china_utf16",
    "brief-101",
    "102",
    "brief-104",
    "wire_feed:1",
    "wire_feed:3",
]


def test_folder_skip_reads_good_and_reports_bad() -> None:
    df = read_articles(DATA, on_error="skip")
    dup_path = os.path.join(str(DATA), "desk_b", "briefing.txt")
    expected = list(GOOD_IN_FOLDER)
    expected[2] = "briefing~" + hashlib.sha1(dup_path.encode()).hexdigest()[:8]
    assert df["article_id"].tolist() == expected
    assert df.loc[2, "path"] == dup_path
    assert df["article_id"].is_unique
    # "_labelled/", ".draft.txt" and notes.md are not read
    assert not df["text"].str.contains("must not be read").any()
    assert not df["path"].str.contains("notes.md").any()
    errors = {(s["source"], s["level"]) for s in df.attrs["skipped"]}
    assert errors == {
        (os.path.join(str(DATA), "binary.txt"), "error"),
        (os.path.join(str(DATA), "empty.txt"), "error"),
        (os.path.join(str(DATA), "press_digest.csv"), "error"),
        (os.path.join(str(DATA), "summit_briefs.jsonl") + ":3", "error"),
        (os.path.join(str(DATA), "wire_feed.json") + ":2", "warning"),
    }
    problems = {os.path.basename(s["source"]): s["problem"] for s in df.attrs["skipped"]}
    assert problems["binary.txt"].startswith("binary data")
    assert problems["empty.txt"].startswith("empty file")
    assert problems["press_digest.csv"].startswith("no text column")


def test_folder_raise_stops_at_first_bad_file() -> None:
    with pytest.raises(InputError) as info:
        read_articles(DATA)
    assert info.value.source == os.path.join(str(DATA), "binary.txt")


def test_ids_are_stable() -> None:
    first = read_articles(DATA, on_error="skip")
    second = read_articles(str(DATA), on_error="skip")
    assert first["article_id"].tolist() == second["article_id"].tolist()
    assert len(set(first["article_id"])) == len(first)


def test_duplicate_stems_in_tmp_folders(tmp_path: Path) -> None:
    a = _write(tmp_path / "a" / "report.txt", "Alpha\n\nBody A.")
    b = _write(tmp_path / "b" / "report.txt", "Beta\n\nBody B.")
    c = _write(tmp_path / "c" / "report.jsonl", '{"text": "x"}\n')
    d = _write(tmp_path / "d" / "report.jsonl", '{"text": "y"}\n')
    df = read_articles([a, b, c, d])
    sha = lambda p: hashlib.sha1(str(p).encode()).hexdigest()[:8]  # noqa: E731
    assert df["article_id"].tolist() == ["report", f"report~{sha(b)}", "report:1", f"report:1~{sha(d)}"]
    again = read_articles([a, b, c, d])
    assert again["article_id"].tolist() == df["article_id"].tolist()


def test_folder_skips_hidden_and_underscore(tmp_path: Path) -> None:
    _write(tmp_path / "keep.txt", "Kept\n\nBody.")
    _write(tmp_path / "_labelled" / "x.txt", "Labelled\n\nBody.")
    _write(tmp_path / ".cache" / "y.txt", "Cached\n\nBody.")
    _write(tmp_path / "_private.txt", "Private\n\nBody.")
    _write(tmp_path / "sub" / "z.html", "<html><body><p>Nested page.</p></body></html>")
    _write(tmp_path / "sub" / "readme.md", "# not read")
    df = read_articles(tmp_path)
    assert df["title"].tolist()[0] == "Kept"
    assert df["article_id"].tolist() == ["keep", "z"]
    # an explicit file is read even when its name starts with "_"
    assert read_articles(tmp_path / "_private.txt").loc[0, "title"] == "Private"


def test_folder_without_article_files(tmp_path: Path) -> None:
    _write(tmp_path / "readme.md", "# nothing")
    _write(tmp_path / "_labelled" / "x.txt", "hidden")
    with pytest.raises(InputError, match="no article files") as info:
        read_articles(tmp_path)
    assert str(tmp_path) in str(info.value)
    df = read_articles([tmp_path, SEED], on_error="skip")
    assert len(df) == 1 and df.attrs["skipped"][0]["source"] == str(tmp_path)


# --------------------------------------------------------------------------- #
# Errors
# --------------------------------------------------------------------------- #


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match="no such file") as info:
        read_articles(missing)
    assert "nowhere.txt" in str(info.value)


@pytest.mark.parametrize(
    ("name", "problem"),
    [("empty.txt", "empty file"), ("binary.txt", "binary data")],
)
def test_bad_fixture_files(name: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        read_articles(DATA / name)
    assert name in str(info.value)
    assert problem in info.value.problem


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  ")
    with pytest.raises(InputError, match="only whitespace") as info:
        read_articles(path)
    assert "blank.txt" in str(info.value)


def test_bad_paths_argument() -> None:
    with pytest.raises(ValueError, match="empty"):
        read_articles([])
    with pytest.raises(TypeError, match="int"):
        read_articles(42)  # type: ignore[arg-type]


def test_skip_keeps_good_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    df = read_articles([bad, SEED, tmp_path / "missing.txt"], on_error="skip")
    assert df["article_id"].tolist() == ["000_d24a67c0221e1af6"]
    assert [s["source"] for s in df.attrs["skipped"]] == [str(bad), str(tmp_path / "missing.txt")]
    empty = read_articles([bad], on_error="skip")
    assert list(empty.columns) == list(ARTICLE_COLUMNS) and len(empty) == 0


# --------------------------------------------------------------------------- #
# Standard input
# --------------------------------------------------------------------------- #


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, "Headline from a pipe\r\n\r\nJune 1, 2017\r\n\r\nPiped body.\r\n".encode())
    df = read_articles("-")
    assert df["article_id"].tolist() == ["stdin"]
    assert df.loc[0, "path"] == "<stdin>"
    assert df.loc[0, "title"] == "Headline from a pipe"
    assert df.loc[0, "date"] == pd.Timestamp("2017-06-01")
    assert df.loc[0, "text"] == "Headline from a pipe\n\nJune 1, 2017\n\nPiped body.\n"


def test_stdin_jsonl_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b'{"title": "One", "text": "First."}\n{"title": "Two", "text": "Second."}\n')
    df = read_articles(["-"])
    assert df["article_id"].tolist() == ["stdin:1", "stdin:2"]
    assert df["title"].tolist() == ["One", "Two"]


def test_stdin_subprocess() -> None:
    code = (
        "from stance.articles import read_articles\n"
        "df = read_articles('-')\n"
        "print(df.loc[0, 'article_id'], df.loc[0, 'date'].date(), df.loc[0, 'title'], sep='|')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        input=SEED.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert out.stdout.decode().strip() == "stdin|2017-06-01|Modi in talks with Putin to win back Russia"


_STDIN_INPUTS = {
    ("jsonl", "plain"): b'{"id": "a", "text": "One."}\n{broken\n{"text": "Three."}\n',
    ("jsonl", "Latin-1, read whole"): '{"text": "Fran\u00e7ois."}\n'.encode("latin-1"),
    ("jsonl", "no text field"): b'{"title": "T"}\n',
    ("csv", "plain"): b"id,text\na,One.\nb,Two.,extra\nc,Three.\n",
    ("csv", "empty"): b"",
    ("tsv", "plain"): b"text\ttitle\nOne.\tA\n",
}


@pytest.mark.parametrize("fmt, name", sorted(_STDIN_INPUTS))
@pytest.mark.parametrize("on_error", ["skip", "raise"])
def test_stdin_in_a_line_format_reads_as_when_held(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   fmt: str, name: str, on_error: str) -> None:
    # standard input in JSON Lines, CSV or TSV is held in a temporary file and read a
    # line at a time: the articles, skipped records and errors are those of the bytes
    # read whole, named <stdin>, and the temporary file is gone afterwards
    from stance.articles import _articles, _read_bytes

    data = _STDIN_INPUTS[fmt, name]
    fields = {f: None for f in ("text", "title", "date", "source", "url", "id")}
    whole = _read_reporting(on_error, lambda r: _read_bytes(data, "<stdin>", "stdin", fmt, fields, r))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    _fake_stdin(monkeypatch, data)
    spooled = _read_reporting(on_error, lambda r: list(_articles(["-"], fmt, fields, r)))
    if on_error == "skip" and isinstance(whole[0], str):  # the whole input skipped, as one error
        whole = ([], whole[1] + [{"source": "<stdin>", "problem": whole[0].split(": ", 1)[1], "level": "error"}])
    assert spooled == whole
    assert "<stdin>" in str(spooled) and str(tmp_path) not in str(spooled)
    assert list(tmp_path.iterdir()) == []


def test_stdin_empty_is_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"")
    with pytest.raises(InputError, match="empty") as info:
        read_articles("-")
    assert info.value.source == "<stdin>"


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_iter_articles_batches_join_to_read_articles(batch_size: int) -> None:
    # the folder repeats an id in two files and holds bad files and records
    whole = read_articles(DATA, on_error="skip")
    batches = list(iter_articles(DATA, batch_size=batch_size, on_error="skip"))
    assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
    assert 0 <= len(batches[-1]) <= batch_size
    joined = pd.concat(batches, ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole, check_exact=True)
    # each skipped input is told once, with the batch read while it was met
    assert [s for b in batches for s in b.attrs["skipped"]] == whole.attrs["skipped"]


def test_iter_articles_reads_each_file_when_it_is_reached(tmp_path: Path) -> None:
    good = _write(tmp_path / "a.txt", "Ties\n\nIndia and Russia signed a treaty.")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"")
    batches = iter_articles([good, bad], batch_size=1)
    assert next(batches)["article_id"].tolist() == ["a"]  # before b.txt is read
    with pytest.raises(InputError, match="empty file"):
        next(batches)
    # nothing but skipped inputs: one empty batch that tells them
    (only,) = iter_articles([bad], on_error="skip")
    assert len(only) == 0 and list(only.columns) == list(ARTICLE_COLUMNS)
    assert [s["source"] for s in only.attrs["skipped"]] == [str(bad)]


@pytest.mark.parametrize("options, message", [
    ({"batch_size": 0}, "batch_size must be a whole number of at least 1, got 0"),
    ({"batch_size": 2.0}, "batch_size must be a whole number of at least 1, got 2.0"),
    ({"format": "pdf"}, "format must be None or one of"),
    ({"on_error": "ignore"}, "on_error must be one of"),
])
def test_iter_articles_checks_its_arguments_before_reading(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        iter_articles(DATA, **options)  # raised by the call, not by the first batch


def _read_reporting(on_error: str, reader):
    """What ``reader(report)`` returns, or its InputError's message, and what it skipped."""
    from stance.articles import _Report

    report = _Report(on_error)
    try:
        return reader(report), report.skipped
    except InputError as exc:
        return str(exc), report.skipped


_JSONL_VARIANTS = {
    "plain": b'{"id": "a", "text": "India and Russia met.", "date": "2017-06-01"}\n{"id": "b", "text": "Talks."}\n',
    "crlf and a byte-order mark": b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r\n',
    "blank lines, no end": b'\n{"text": "One."}\n\n   \n{"text": "Two \\u00e9t\\u00e9."}',
    "bad lines": b'{"text": "One."}\n{broken\n[1, 2]\n{"text": ""}\n{"text": "Five."}\n',
    "the text field only later": b'{"title": "T"}\n{"body": "Text in body."}\n{"title": "U", "body": "More."}\n',
    "ids repeated": b'{"id": "x", "text": "One."}\n{"id": "x", "text": "Two."}\n',
    "non-ASCII": '{"text": "Fran\u00e7ois Hollande a rencontr\u00e9 Poutine."}\n'.encode("utf-8"),
}
_JSONL_WHOLE_ONLY = {
    "a carriage return alone": b'{"text": "One."}\r{"text": "Two."}\n',
    "Latin-1": '{"text": "Fran\u00e7ois."}\n'.encode("latin-1"),
    "whitespace only": b"  \n\n",
    "no object": b"[1]\n[2]\n",
    "UTF-16": '{"text": "One."}\n'.encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(_JSONL_VARIANTS) + sorted(_JSONL_WHOLE_ONLY))
@pytest.mark.parametrize("on_error", ["skip", "raise"])
def test_json_lines_read_a_line_at_a_time_as_read_whole(tmp_path: Path, name: str, on_error: str) -> None:
    from stance.articles import _Report, _lazy_jsonl, _read_bytes

    read = partial(_read_reporting, on_error)
    data = {**_JSONL_VARIANTS, **_JSONL_WHOLE_ONLY}[name]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    fields = {f: None for f in ("text", "title", "date", "source", "url", "id")}
    lazy = _lazy_jsonl(str(path), "feed", fields, _Report(on_error))
    if name in _JSONL_WHOLE_ONLY:  # left to the reader of whole files
        assert lazy is None
        return
    assert lazy is not None
    whole = read(lambda r: _read_bytes(data, str(path), "feed", "jsonl", fields, r))
    by_line = read(lambda r: list(_lazy_jsonl(str(path), "feed", fields, r)))
    assert by_line == whole
    # and through the public readers, which take this way for a .jsonl file
    if on_error == "skip":
        table = read_articles(path, on_error="skip")
        assert table["text"].tolist() == [a.text for a in whole[0]]


_CSV_VARIANTS = {
    "plain": b"id,title,text,date\na,T,India and Russia met.,2017-06-01\nb,,Talks.,\n",
    "crlf and a byte-order mark": b"\xef\xbb\xbftext,source\r\nOne.,Wire\r\nTwo.,Wire\r\n",
    "blank lines first, no end": b"\n  \ntext\nOne.\n\nTwo \xc3\xa9t\xc3\xa9.",
    "quoted line breaks and delimiters": b'text,title\n"First line,\n\nsecond ""quoted"" line.",A\n"x, y",B\n',
    "bad rows": b"text,title\nOne.,A\nTwo.,B,extra\n,C\nFour.,D\n",
    "semicolons": b"titel;text\nA;Paris et Berlin.\nB;Rome.\n",
    "rows of blanks": b"text,title\n , \nOne.,A\n,,\n",
    "ids repeated": b"id,text\nx,One.\nx,Two.\n",
    "a long field": b"text\n" + b"word " * 40000 + b"\nShort.\n",
    "no text column": b"title,summary\nA,B\n",
}
_CSV_WHOLE_ONLY = {
    "a carriage return alone": b"text\rOne.\rTwo.\r",
    "Latin-1": "text\nFran\u00e7ois.\n".encode("latin-1"),
    "whitespace only": b"  \n\n",
    "UTF-16": "text\nOne.\n".encode("utf-16"),
    "no header": b",,\n , \n",
}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("name", sorted(_CSV_VARIANTS) + sorted(_CSV_WHOLE_ONLY))
@pytest.mark.parametrize("on_error", ["skip", "raise"])
def test_csv_read_a_row_at_a_time_as_read_whole(tmp_path: Path, name: str, on_error: str, fmt: str) -> None:
    from stance.articles import _lazy_csv, _read_bytes, _Report

    read = partial(_read_reporting, on_error)
    data = {**_CSV_VARIANTS, **_CSV_WHOLE_ONLY}[name]
    if fmt == "tsv":
        data = data.replace(b",", b"\t").replace(b";", b"\t")
    path = tmp_path / f"feed.{fmt}"
    path.write_bytes(data)
    fields = {f: None for f in ("text", "title", "date", "source", "url", "id")}
    delimiter = "\t" if fmt == "tsv" else None

    by_row = read(lambda r: _lazy_csv(str(path), "feed", fields, r, delimiter))
    if name in _CSV_WHOLE_ONLY:  # left to the reader of whole files
        assert by_row == (None, [])
        return
    whole = read(lambda r: _read_bytes(data, str(path), "feed", fmt, fields, r))
    if name != "no text column":
        by_row = read(lambda r: list(_lazy_csv(str(path), "feed", fields, r, delimiter)))
        # read whole, each such file gives articles (and its bad rows raise or are skipped)
        assert isinstance(whole[0], str) if on_error == "raise" and name == "bad rows" else whole[0]
    assert by_row == whole
    # and through the public readers, which take this way for a .csv or .tsv file
    if on_error == "skip":
        table = read_articles(path, on_error="skip")
        assert table["text"].tolist() == ([] if isinstance(whole[0], str) else [a.text for a in whole[0]])


def test_a_csv_file_is_read_as_its_batches_need_it(tmp_path: Path) -> None:
    # the rows after the first batch are read when asked for: bytes that are not UTF-8,
    # added meanwhile, are found then
    path = tmp_path / "feed.csv"
    path.write_text("id,text\n" + "".join(f"r{i},Story {i}. {'More words. ' * 50}\n" for i in range(2000)),
                    encoding="utf-8")
    batches = iter_articles(path, batch_size=2)
    assert next(batches)["article_id"].tolist() == ["r0", "r1"]
    with open(path, "ab") as handle:
        handle.write(b"r2000,Caf\xe9.\n")
    with pytest.raises(InputError, match=r"feed.csv: changed while it was read"):
        for _ in batches:
            pass


def test_a_json_lines_file_is_read_as_its_batches_need_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Story {i}."}) + "\n" for i in range(5))
                    + "{broken\n", encoding="utf-8")
    batches = iter_articles(path, batch_size=2)
    assert next(batches)["article_id"].tolist() == ["r0", "r1"]  # before the bad line is read
    assert next(batches)["article_id"].tolist() == ["r2", "r3"]
    with pytest.raises(InputError, match=r"feed.jsonl:6: line 6: invalid JSON"):
        next(batches)


_COMPRESSORS = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma"}


@pytest.mark.parametrize("suffix", sorted(_COMPRESSORS))
@pytest.mark.parametrize("name", ["summit_briefs.jsonl", "press_digest.csv", "wire_feed.json",
                                  "india_russia_summit.html", "cote_divoire_cp1252.txt"])
def test_a_compressed_file_reads_as_the_file_itself(tmp_path: Path, name: str, suffix: str) -> None:
    module = __import__(_COMPRESSORS[suffix])
    packed = tmp_path / (name + suffix)
    packed.write_bytes(module.compress((DATA / name).read_bytes()))
    options = {"on_error": "skip", "text_column": "story_body" if name.endswith(".csv") else None}
    plain = read_articles(DATA / name, **options)
    read = read_articles(packed, **options)
    assert len(read) > 0 and (read["path"] == str(packed)).all()
    pd.testing.assert_frame_equal(read.drop(columns="path"), plain.drop(columns="path"))
    # the same records skipped, named by the compressed file
    assert [(s["source"].replace(str(packed), "FILE"), s["problem"]) for s in read.attrs["skipped"]] == [
        (s["source"].replace(str(DATA / name), "FILE"), s["problem"]) for s in plain.attrs["skipped"]]
    # a batch at a time as well (a line or row at a time for JSON Lines and CSV)
    batches = pd.concat(list(iter_articles(packed, batch_size=2, **options)), ignore_index=True)
    pd.testing.assert_frame_equal(batches.drop(columns="path"), plain.drop(columns="path"))


def test_compressed_files_in_a_folder(tmp_path: Path) -> None:
    import bz2
    import gzip

    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g", "text": "One."}\n'))
    (tmp_path / "b.csv.bz2").write_bytes(bz2.compress(b"id,text\nb,Two.\n"))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"Headline\n\nThree."))
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"not an article file"))  # no format: ignored
    table = read_articles(tmp_path)
    assert table["article_id"].tolist() == ["g", "b", "c"]
    assert table["text"].tolist() == ["One.", "Two.", "Headline\n\nThree."]


@pytest.mark.parametrize("name, data, problem", [
    ("bad.jsonl.gz", b"not gzip at all", "cannot decompress (BadGzipFile"),
    ("cut.jsonl.gz", None, "cannot decompress (EOFError"),
    ("bad.csv.bz2", b"not bzip2 data", "cannot decompress (OSError"),
    ("bad.txt.xz", b"not xz data", "cannot decompress (LZMAError"),
])
def test_a_file_that_does_not_decompress_is_named_and_skipped(tmp_path: Path, name: str, data, problem) -> None:
    import gzip

    if data is None:  # a gzip stream cut short
        whole = gzip.compress("".join(f'{{"text": "Story {i * 7919 % 10007}."}}\n' for i in range(3000)).encode())
        data = whole[:len(whole) // 2]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "Fine."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{bad}: {problem}")):
        read_articles(bad)
    table = read_articles([bad, good], on_error="skip")
    assert table["text"].tolist() == ["Fine."]
    assert [s["source"] for s in table.attrs["skipped"]] == [str(bad)]
    assert table.attrs["skipped"][0]["problem"].endswith(f"file, as its name ends in {bad.suffix}")
