"""Read news articles from text, HTML, JSON, CSV and Excel files.

:func:`read_articles` turns files, folders or standard input into a
:class:`pandas.DataFrame` with one row per article and the columns
``article_id, title, date, source, url, text, path``. :func:`parse_date` is the
date parser the readers share.

Nothing here touches the network. Heavy optional libraries (trafilatura, lxml,
openpyxl, charset-normalizer) are imported only when a file needs them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal, Sequence, Union

import numpy as np
import pandas as pd

from stance.errors import InputError

__all__ = [
    "ARTICLE_COLUMNS",
    "FOLDER_EXTENSIONS",
    "COMPRESSED_EXTENSIONS",
    "FORMATS",
    "iter_articles",
    "parse_date",
    "read_articles",
]

PathArg = Union[str, "os.PathLike[str]"]

#: Columns of the DataFrame returned by :func:`read_articles`, in order.
ARTICLE_COLUMNS: tuple[str, ...] = ("article_id", "title", "date", "source", "url", "text", "path")

#: Values accepted by the ``format`` argument of :func:`read_articles`.
FORMATS: tuple[str, ...] = ("text", "html", "jsonl", "json", "csv", "tsv", "excel")

_ON_ERROR: tuple[str, ...] = ("raise", "skip")

_EXTENSION_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xlsx": "excel",
    ".xlsm": "excel",
}

#: File extensions read when a folder is given (other files are ignored).
FOLDER_EXTENSIONS: tuple[str, ...] = tuple(_EXTENSION_FORMATS)

#: Extensions of compressed files, read through the standard library's module of
#: that name: ``news.jsonl.gz`` is a gzip-compressed JSON Lines file.
COMPRESSED_EXTENSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma"}

_FIELD_DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "pubdate", "datetime"),
    "source": ("source", "publisher", "outlet", "site"),
    "url": ("url", "link"),
    "id": ("id", "article_id", "doc_id"),
}

_JSON_LIST_KEYS: tuple[str, ...] = ("articles", "data", "items")

_STDIN_NAME = "<stdin>"

_LOG = logging.getLogger(__name__)

# A dateline is a short line; longer lines are body text.
_MAX_DATELINE_CHARS = 60
# Longer strings are never taken for a date by parse_date.
_MAX_DATE_CHARS = 100
_MIN_YEAR, _MAX_YEAR = 1800, 2100

# Words that may surround a date without making it "not a date" (compared in
# lower case, punctuation removed). Everything else that dateutil's fuzzy mode
# would skip makes the value not a date.
_DATE_FILLER_WORDS = frozenset(
    {
        "updated", "update", "last", "first", "published", "posted", "modified",
        "created", "released", "issued", "edited", "date", "dated", "on", "at",
        "of", "the", "t", "hrs", "hours", "time",
    }
)

# Two default datetimes that differ in year, month and day: a component that
# dateutil fills from the default differs between the two parses. Both years are
# leap years and both months have 31 days so no given day is out of range.
_DATE_DEFAULTS = (datetime(1904, 1, 1), datetime(1908, 3, 3))

_YEAR_FIRST = re.compile(r"\d{4}(?:[-/.]\d|\d{4}(?!\d))")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
_NUMERIC_FORM = re.compile(r"\d[-/.]\d{1,2}[-/.]\d|(?<!\d)\d{8}(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_MARKUP_START = re.compile(r"<(?:!doctype|!--|\?xml|[a-z][\w:-]*[\s/>])", re.IGNORECASE)
_MARKUP_TAG = re.compile(r"</[a-z][\w:-]*\s*>|/>", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BLANK_RUNS = re.compile(r"[ \t\u00a0]+")
# C0 and C1 control characters other than \t \n \v \f \r.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------- #
# Dates
# --------------------------------------------------------------------------- #


def parse_date(value: object) -> pd.Timestamp | None:
    """Parse a publication date, returning ``None`` when it is not a full date.

    Parameters
    ----------
    value : object
        A string such as ``"01 Jun 2017"``, ``"June 1, 2017"``,
        ``"Thursday, June 1, 2017 10:32 AM IST"``, ``"2017-06-01T08:30:00Z"``,
        ``"01.06.2017"`` or ``"Updated: 1 Jun 2017, 14:05"``; or a
        :class:`datetime.datetime`, :class:`datetime.date` or
        :class:`pandas.Timestamp` or :class:`numpy.datetime64`. Missing values (``None``, NaN, ``pd.NA``,
        ``NaT``) and numbers give ``None``.

    Returns
    -------
    pandas.Timestamp or None
        The calendar date as a naive timestamp at midnight, or ``None`` if
        ``value`` is not a complete date (day, month and year).

    Notes
    -----
    Parsing is done by :func:`dateutil.parser.parse`. Its fuzzy mode is only
    used to step over filler words (``"Updated:"``, ``"Published on"``,
    weekday names); any other word next to the date makes the value not a
    date, so ``"12 agreements were signed"`` gives ``None``. A value missing
    the year, month or day (``"June 1"``, ``"May 2017"``) gives ``None``.

    All-numeric dates are read day first (``"01.06.2017"`` and ``"01/06/2017"``
    are 1 June 2017) unless they start with a four-digit year
    (``"2017-06-01"``). A time zone is not converted: the date is the one
    written, in the zone it was written in.

    Examples
    --------
    >>> parse_date("01 Jun 2017")
    Timestamp('2017-06-01 00:00:00')
    >>> parse_date("12 agreements were signed") is None
    True
    """
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, datetime):  # includes pandas.Timestamp
        if isinstance(value, pd.Timestamp) and pd.isna(value):
            return None
        return _timestamp(value.year, value.month, value.day)
    if isinstance(value, _date):
        return _timestamp(value.year, value.month, value.day)
    if isinstance(value, str):
        return _parse_date_string(value)
    if isinstance(value, np.datetime64):
        stamp = pd.Timestamp(value)
        return None if pd.isna(stamp) else _timestamp(stamp.year, stamp.month, stamp.day)
    return None


def _timestamp(year: int, month: int, day: int) -> pd.Timestamp | None:
    """Return a midnight timestamp, or ``None`` outside the plausible years."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return pd.Timestamp(year=year, month=month, day=day)


@functools.lru_cache(maxsize=1)
def _date_parser() -> Any:
    """A shared :class:`dateutil.parser.parser` (building one is not free)."""
    from dateutil import parser

    return parser.parser()


def _parse_date_string(value: str) -> pd.Timestamp | None:
    """Parse a date string with dateutil, refusing partial or invented dates."""
    from dateutil import parser

    date_parser = _date_parser()
    text = " ".join(value.split())
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    year_first = bool(_YEAR_FIRST.search(text))
    # Cheap guard before dateutil: a date needs a written year (four digits, or
    # the "yy" of d.m.yy) and a month (a month name, or an all-numeric form).
    # This keeps "3 4 5" or "12 agreements" from ever reaching the parser.
    has_year = year_first or bool(_FOUR_DIGITS.search(text) or _NUMERIC_DATE.search(text))
    has_month = bool(_NUMERIC_FORM.search(text)) or any(
        date_parser.info.month(word) is not None for word in _WORD.findall(text)
    )
    if not (has_year and has_month):
        return None
    results = []
    for default in _DATE_DEFAULTS:
        try:
            parsed, skipped = date_parser.parse(  # type: ignore[misc]
                text,
                default=default,
                dayfirst=not year_first,
                yearfirst=year_first,
                fuzzy_with_tokens=True,
                ignoretz=True,
            )
        except (ValueError, OverflowError, parser.ParserError):
            return None
        for token in skipped:
            for word in _WORD.findall(token):
                if word.lower() not in _DATE_FILLER_WORDS:
                    return None
        results.append(parsed)
    first, second = results
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # year, month or day came from the default, not the text
    return _timestamp(first.year, first.month, first.day)


def _parse_dateline(line: str) -> pd.Timestamp | None:
    """Return the date on a dateline (a short line that is only a date)."""
    line = line.strip()
    if len(line) > _MAX_DATELINE_CHARS:
        return None
    return _parse_date_string(line)


# --------------------------------------------------------------------------- #
# Problems and records
# --------------------------------------------------------------------------- #


@dataclass
class _Report:
    """Collect skipped inputs; raise on the first error when ``on_error="raise"``."""

    on_error: str
    skipped: list[dict[str, str]] = field(default_factory=list)

    def error(self, source: str, problem: str) -> None:
        """Raise :class:`InputError`, or record it when skipping."""
        if self.on_error == "raise":
            raise InputError(source, problem)
        self.skipped.append({"source": source, "problem": problem, "level": "error"})

    def warn(self, source: str, problem: str) -> None:
        """Record a skipped input that is not an error (e.g. an empty text)."""
        self.skipped.append({"source": source, "problem": problem, "level": "warning"})


@dataclass
class _Article:
    """One article before ids are made unique."""

    article_id: str
    title: str | None
    date: pd.Timestamp | None
    source: str | None
    url: str | None
    text: str
    path: str


# --------------------------------------------------------------------------- #
# Decoding
# --------------------------------------------------------------------------- #

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_SUSPECT_CATEGORIES = frozenset({"So", "Sm", "Sk", "No", "Co", "Cn", "Cs"})


def _normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and ``\\r`` into ``\\n`` and drop a leading BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the encoding if ``data`` looks like BOM-less UTF-16 text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) > 0.3 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.3 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    """Share of characters that are control characters other than whitespace."""
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL_CHARS.findall(sample)) / len(sample)


def _implausibility(text: str) -> int:
    """Score how much ``text`` looks like it was decoded with the wrong code page.

    Counts control characters, symbols wedged against letters (``"C¶te"``,
    ``"spotka³"``), currency signs glued to a following letter (``"£odzi"``),
    capitals with diacritics inside lower-case words (``"siÛ"``) and words made
    mostly of accented Latin letters (Cyrillic or Greek read as Latin-1).
    """
    sample = text[:50000]
    score = 0
    n = len(sample)
    for i, ch in enumerate(sample):
        if ord(ch) < 128:
            continue
        cat = unicodedata.category(ch)
        prev = sample[i - 1] if i else " "
        nxt = sample[i + 1] if i + 1 < n else " "
        if cat == "Cc":
            score += 2
        elif cat in _SUSPECT_CATEGORIES:
            if prev.isalpha() or nxt.isalpha():
                score += 1
        elif cat == "Sc":
            if nxt.isalpha():
                score += 1
        elif cat == "Lu" and prev.isalpha() and prev.islower():
            score += 1
        elif cat == "Lu" and prev.isalpha() and nxt.islower() and ord(prev) < 128:
            score += 1
    for word in _WORD.findall(sample):
        if len(word) < 4 or word.isascii():
            continue
        latin_extra = 0
        scripts = set()
        for ch in word:
            if ord(ch) < 128:
                scripts.add("LATIN")
                continue
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0]
            scripts.add(script)
            if script == "LATIN":
                latin_extra += 1
        mixed = len(scripts) > 1 and "LATIN" in scripts and latin_extra == 0
        if latin_extra * 2 > len(word) or mixed:
            score += 1
    return score


def _decode_legacy(data: bytes, hint: str | None) -> str | None:
    """Decode bytes that are not UTF-8, or return ``None`` if they look binary."""
    candidates: list[str] = []
    if hint:
        candidates.append(hint)
    from charset_normalizer import from_bytes

    detected = [m.encoding for m in list(from_bytes(data))[:6]]
    if not detected and not hint:
        return None
    # charset-normalizer is unreliable on short Western texts (it may pick cp775
    # or cp850 for cp1252 with curly quotes), so cp1252 competes as a candidate
    # and the decoding that reads most like real text wins. Ties go to the
    # charset an HTML page declares, then to cp1252, then in detector order.
    candidates += ["cp1252"] + detected
    best: tuple[int, int, str] | None = None
    for order, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            decoded = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _implausibility(decoded)
        if best is None or (score, order) < best[:2]:
            best = (score, order, decoded)
    return None if best is None else best[2]


def _decode(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode file bytes to text with newlines normalised.

    Raises
    ------
    InputError
        If the data are empty, whitespace only or binary.
    """
    if not data:
        raise InputError(source, "empty file (0 bytes); expected article text")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"({exc.reason} at byte {exc.start}); expected text in that encoding",
                ) from None
            break
    if text is None and b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is not None:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = None
        if text is None or _control_ratio(text) > 0.05:
            raise InputError(
                source,
                f"binary data: found NUL bytes in {len(data)} bytes; expected a text, "
                "HTML, JSON, CSV or Excel file",
            )
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            hint = None
            if html:
                match = _META_CHARSET.search(data[:4096])
                if match:
                    hint = match.group(1).decode("ascii", "replace").lower()
            text = _decode_legacy(data, hint)
            if text is None:
                raise InputError(
                    source,
                    f"binary data: {len(data)} bytes that are not text in any known "
                    "encoding; expected a text, HTML, JSON, CSV or Excel file",
                ) from None
    if _control_ratio(text) > 0.05:
        raise InputError(
            source,
            "binary data: mostly control characters; expected a text, HTML, JSON, "
            "CSV or Excel file",
        )
    text = _normalise_newlines(text)
    if not text.strip():
        raise InputError(
            source, f"empty file: only whitespace in {len(data)} bytes; expected article text"
        )
    return text


# --------------------------------------------------------------------------- #
# Sniffing
# --------------------------------------------------------------------------- #


def _looks_like_html(text: str) -> bool:
    """Return True if ``text`` starts with markup."""
    head = text.lstrip()[:4096]
    return bool(head.startswith("<") and _MARKUP_START.match(head) and _MARKUP_TAG.search(head))


def _looks_like_jsonl(text: str) -> bool:
    """Return True if every non-empty line of ``text`` is a JSON object."""
    seen = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            return False
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except ValueError:
            return False
        seen = True
    return seen


def _sniff(text: str) -> str:
    """Guess the format of decoded text whose extension says nothing."""
    if _looks_like_html(text):
        return "html"
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        if stripped[:1] == "{" and _looks_like_jsonl(text):
            return "jsonl"
        try:
            if isinstance(json.loads(text), (dict, list)):
                return "json"
        except ValueError:
            pass
    return "text"


# --------------------------------------------------------------------------- #
# Values and fields
# --------------------------------------------------------------------------- #


def _is_missing(value: object) -> bool:
    """True for None, NaN, pd.NA and NaT."""
    if value is None:
        return True
    if not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))


def _to_text(value: object) -> str | None:
    """Convert a field value to a string (lists of paragraphs are joined)."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dict):
        for key in ("name", "title", "text", "value"):
            if isinstance(value.get(key), str):
                return value[key]
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        parts = [_to_text(v) for v in value]
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, (datetime, _date)):
        return value.isoformat()
    return str(value)


def _to_label(value: object) -> str | None:
    """Convert a field value to a stripped one-line string, or None if empty."""
    text = _to_text(value)
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def _norm_name(name: str) -> str:
    """Normalise a column name for matching: case, spaces, ``_`` and ``-`` ignored."""
    return re.sub(r"[\s_\-]+", "", name).lower()


def _resolve_fields(
    found: Sequence[str],
    explicit: dict[str, str | None],
    source: str,
    noun: str,
) -> dict[str, str | None]:
    """Choose which column holds each article field.

    Parameters
    ----------
    found : sequence of str
        Column (or JSON field) names present in the file, in order.
    explicit : dict
        Field name (``"text"``, ``"title"``...) to the column the caller named,
        or ``None`` to use the defaults.
    source : str
        The file, for error messages.
    noun : str
        ``"column"`` or ``"field"``, for error messages.

    Raises
    ------
    InputError
        If an explicitly named column is missing, or no text column exists.
    """
    by_norm: dict[str, str] = {}
    for name in found:
        by_norm.setdefault(_norm_name(name), name)
    chosen: dict[str, str | None] = {}
    for key, defaults in _FIELD_DEFAULTS.items():
        wanted = explicit.get(key)
        if wanted is not None:
            if wanted in found:
                chosen[key] = wanted
            elif _norm_name(wanted) in by_norm:
                chosen[key] = by_norm[_norm_name(wanted)]
            else:
                raise InputError(
                    source,
                    f"{key}_column={wanted!r} not found: found {noun}s {list(found)}; "
                    f"expected a {noun} named {wanted!r}",
                )
            continue
        chosen[key] = next(
            (by_norm[_norm_name(d)] for d in defaults if _norm_name(d) in by_norm), None
        )
    if chosen["text"] is None:
        raise InputError(
            source,
            f"no text {noun}: found {noun}s {list(found)}; expected one of "
            f"{', '.join(_FIELD_DEFAULTS['text'])}, or pass text_column=",
        )
    return chosen


def _records_to_articles(
    records: Iterable[tuple[int, str, str, dict[str, Any]]],
    found: Sequence[str],
    explicit: dict[str, str | None],
    path: str,
    stem: str,
    noun: str,
    report: _Report,
) -> list[_Article]:
    """Turn field dictionaries into articles.

    ``records`` yields ``(number, where, source, record)``: the 1-based record
    number (used in ids), a description like ``"line 3"`` and the
    ``"path:line"`` string used in the skipped report.
    """
    fields = _resolve_fields(found, explicit, path, noun)
    return list(_articles_of_records(records, fields, path, stem, noun, report))


def _articles_of_records(records, fields: dict, path: str, stem: str, noun: str,
                         report: _Report) -> Iterator[_Article]:
    """The articles of :func:`_records_to_articles`, one at a time, once its fields are
    resolved."""
    bad_dates: list[str] = []
    for number, where, src, record in records:
        text = _to_text(record.get(fields["text"])) if fields["text"] else None
        if text is not None:
            text = _normalise_newlines(text)
        if text is None or not text.strip():
            report.warn(src, f"{where}: empty text in {noun} {fields['text']!r}; record skipped")
            continue
        date = None
        if fields["date"] is not None:
            raw = record.get(fields["date"])
            date = parse_date(raw)
            if date is None and not _is_missing(raw) and str(raw).strip():
                bad_dates.append(str(raw))
        given = _to_label(record.get(fields["id"])) if fields["id"] else None
        yield (
            _Article(
                article_id=given if given is not None else f"{stem}:{number}",
                title=_to_label(record.get(fields["title"])) if fields["title"] else None,
                date=date,
                source=_to_label(record.get(fields["source"])) if fields["source"] else None,
                url=_to_label(record.get(fields["url"])) if fields["url"] else None,
                text=text,
                path=path,
            )
        )
    if bad_dates:
        _LOG.warning(
            "%s: %d value(s) in date %s %r are not full dates (e.g. %r); their date is NaT",
            path, len(bad_dates), noun, fields["date"], bad_dates[0],
        )


# --------------------------------------------------------------------------- #
# Readers
# --------------------------------------------------------------------------- #


def _read_text(text: str, path: str, stem: str) -> list[_Article]:
    """Read a plain-text article: headline, optional dateline, body."""
    lines = iter(line.strip() for line in text.split("\n"))
    title = next((line for line in lines if line), None)
    second = next((line for line in lines if line), None)
    date = _parse_dateline(second) if second is not None else None
    return [_Article(stem, title, date, None, None, text, path)]


def _paragraphs(text: str) -> str:
    """Join the non-empty lines of ``text`` with blank lines between them."""
    lines = (_BLANK_RUNS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _html_fallback(html: str) -> tuple[str | None, str, dict[str, str | None]]:
    """Title, ``<p>`` text and meta-tag metadata of a page, via lxml.html."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.fromstring(html.encode("utf-8"), parser=parser)
    except Exception:  # lxml raises several types on hopeless input
        return None, "", {}
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = _to_label(root.findtext(".//title"))
    paras = [" ".join(p.text_content().split()) for p in root.iter("p")]
    meta: dict[str, str | None] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key and key not in meta:
            meta[key] = el.get("content")
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and "canonical" not in meta:
            meta["canonical"] = el.get("href")
    return title, "\n\n".join(p for p in paras if p), meta


def _read_html(html: str, path: str, stem: str) -> list[_Article]:
    """Read an HTML page with trafilatura, falling back to ``<p>`` text."""
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # No guessing dates from the body text: an undated page stays undated.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml raise assorted errors on odd markup
        doc = None
    text = _paragraphs(doc.text or "") if doc is not None else ""
    title = _to_label(doc.title) if doc is not None else None
    date = parse_date(doc.date) if doc is not None else None
    source = _to_label(doc.sitename) if doc is not None else None
    url = _to_label(doc.url) if doc is not None else None
    if not text or title is None:
        fb_title, fb_text, meta = _html_fallback(html)
        if not text:
            text = fb_text
            source = source or _to_label(meta.get("og:site_name"))
            url = url or _to_label(meta.get("og:url") or meta.get("canonical"))
            date = date or parse_date(meta.get("article:published_time") or meta.get("date"))
        title = title or _to_label(meta.get("og:title")) or fb_title
    if not text:
        raise InputError(
            path,
            "no article text found: trafilatura extracted nothing and the page has no "
            "<p> text; expected an HTML page with an article body",
        )
    return [_Article(stem, title, date, source, url, text, path)]


def _read_jsonl(
    text: str, path: str, stem: str, explicit: dict[str, str | None], report: _Report
) -> list[_Article]:
    """Read JSON Lines: one article object per line."""
    found: dict[str, None] = {}
    parsed = list(_jsonl_records(text.split("\n"), path, report, found))
    if not parsed:
        raise InputError(path, "no JSON objects found; expected one JSON object per line")
    return _records_to_articles(parsed, list(found), explicit, path, stem, "field", report)


def _jsonl_records(lines: Iterable[str], path: str, report: _Report | None,
                   found: dict[str, None] | None) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """The records of JSON Lines ``lines`` as :func:`_records_to_articles` takes them;
    bad lines go to ``report`` (or are passed over without one), and the field names
    seen to ``found``."""
    number = 0
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        number += 1
        src = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # the decoder's own position counts within the line ("line 1 column 21")
            if report is not None:
                report.error(
                    src,
                    f"line {lineno}: invalid JSON at column {exc.colno}: {exc.msg}; "
                    "expected one JSON object per line",
                )
            continue
        if not isinstance(obj, dict):
            if report is not None:
                report.error(
                    src,
                    f"line {lineno}: found a JSON {type(obj).__name__}; expected a JSON object "
                    "per line",
                )
            continue
        if found is not None:
            found.update(dict.fromkeys(map(str, obj)))
        yield number, f"line {lineno}", src, obj


def _lazy_jsonl(path: str, stem: str, explicit: dict[str, str | None],
                report: _Report, source: str | None = None) -> Iterator[_Article] | None:
    """The articles of a JSON Lines file read a line at a time, so that a file of
    millions of records is never held whole; None where the file needs what
    :func:`_decode` does for a whole file (another encoding than UTF-8, a carriage
    return that breaks a line on its own, mostly control characters, no JSON object
    at all), which then reads it as it reads any file.

    A first pass finds the field names of all the records (which field is the text
    is decided over the whole file, as for a file read whole); the second reads the
    articles. Both give what :func:`_read_jsonl` gives for the whole file: the same
    articles, and the same bad lines reported in the same order.
    """
    source = source or path
    found: dict[str, None] = {}
    scan = _FirstPass(path, source)
    for _ in _jsonl_records(scan.lines(), source, None, found):
        pass
    if scan.needs_whole() or not found:
        return None
    # the fields are resolved now, so that a file without a text field is refused
    # before any of its articles is read
    fields = _resolve_fields(list(found), explicit, source, "field")
    return _articles_of_records(_jsonl_records(_lines_again(path, source), source, report, None), fields, source,
                                stem, "field", report)


class _FirstPass:
    """A lazy reader's first pass over a file's lines, and what it tells of whether
    the file needs what :func:`_decode` does for a whole file instead: another
    encoding than UTF-8 or a carriage return alone (see :func:`_utf8_lines`), nothing
    but blanks, or mostly control characters in its first 20,000 characters."""

    def __init__(self, path: str, source: str | None = None) -> None:
        self.path = path
        self.source = source or path  # the name in messages
        self.plain = True
        self.blank = True
        self._head: list[str] = []  # the first 20,000 characters
        self._held = 0

    def lines(self, end: str = "") -> Iterator[str]:
        """The file's lines, each without its line end and with ``end`` after it; they
        stop where the file is not plain UTF-8 text."""
        for line, decoded in _utf8_lines(self.path, self.source):
            if line is None:
                self.plain = False
                return
            if self._held < 20000:  # as _decode samples the text, line ends included
                self._head.append(decoded[:20000 - self._held])
                self._held += len(self._head[-1])
            self.blank = self.blank and not line.strip()
            yield line + end

    def needs_whole(self) -> bool:
        """Whether the file is to be read whole, once its lines have all been read."""
        return not self.plain or self.blank or _control_ratio("".join(self._head)) > 0.05


def _lines_again(path: str, source: str | None = None) -> Iterator[str]:
    """The lines of a file that a lazy reader has read once, read again (``source``
    names it in messages, by default ``path``)."""
    for line, _ in _utf8_lines(path, source):
        if line is None:  # changed since the first pass
            raise InputError(source or path, "changed while it was read; expected a file that stays as it is")
        yield line


def _utf8_lines(path: str, source: str | None = None) -> Iterator[tuple[str | None, str]]:
    """The lines of a UTF-8 file one at a time (a byte-order mark dropped), each
    without and with its line end; None in place of the first where the file is not
    plain UTF-8 text split by ``\\n`` or ``\\r\\n`` alone, and the lines stop there.
    A compressed file is read through its decompressor; errors are :class:`InputError`."""
    with _guarded(path, source), _open_binary(path) as handle:
        first = True
        for raw in handle:
            if first:
                first = False
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                elif raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                    yield None, ""
                    return
            if b"\x00" in raw:
                yield None, ""
                return
            try:
                decoded = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield None, ""
                return
            line = (decoded[:-2] if decoded.endswith("\r\n") else decoded[:-1] if decoded.endswith("\n")
                    else decoded)
            if "\r" in line:  # a carriage return alone ends a line when the file is read whole
                yield None, ""
                return
            yield line, decoded


def _read_json(
    text: str, path: str, stem: str, explicit: dict[str, str | None], report: _Report
) -> list[_Article]:
    """Read JSON: a list of objects, a wrapper object holding one, or one object."""
    expected = (
        "expected a list of article objects, an object holding one under "
        f"{', '.join(repr(k) for k in _JSON_LIST_KEYS)}, or a single article object"
    )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; {expected}"
        ) from None
    items: list[Any]
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        key = next((k for k in _JSON_LIST_KEYS if isinstance(data.get(k), list)), None)
        items = data[key] if key is not None else [data]
    else:
        raise InputError(path, f"found a JSON {type(data).__name__} at the top level; {expected}")
    parsed: list[tuple[int, str, str, dict[str, Any]]] = []
    found: dict[str, None] = {}
    for number, obj in enumerate(items, start=1):
        src = f"{path}:{number}"
        if not isinstance(obj, dict):
            report.error(
                src,
                f"record {number}: found a JSON {type(obj).__name__}; expected an article object",
            )
            continue
        found.update(dict.fromkeys(map(str, obj)))
        parsed.append((number, f"record {number}", src, obj))
    if not parsed:
        raise InputError(path, f"no article objects found; {expected}")
    return _records_to_articles(parsed, list(found), explicit, path, stem, "field", report)


def _sniff_delimiter(text: str) -> str:
    """Pick the CSV delimiter that occurs most in the header line."""
    header = next((line for line in text.split("\n") if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(
    text: str,
    path: str,
    stem: str,
    explicit: dict[str, str | None],
    report: _Report,
    delimiter: str | None,
) -> list[_Article]:
    """Read a delimited file whose first row names the columns."""
    delimiter = delimiter or _sniff_delimiter(text)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for start, row in _csv_rows(io.StringIO(text, newline=""), path, delimiter):
        if header is None:
            header = [cell.strip() for cell in row]
        else:
            rows.append((start, row))
    if header is None:
        raise InputError(path, "no header row found; expected a header row naming the columns")
    return _records_to_articles(_csv_records(rows, header, path, delimiter, report), header, explicit, path, stem,
                                "column", report)


def _csv_rows(lines: Iterable[str], path: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of delimited ``lines`` (each with its line end) that hold anything but
    blanks, each with the line it starts on.

    Raises
    ------
    InputError
        When the CSV is malformed, naming the line.
    """
    reader = csv.reader(lines, delimiter=delimiter)
    line_end = 0
    while True:
        # article texts can exceed the 128 KiB default; the limit is the csv module's
        # own, so it is raised only while a row is read
        old_limit = csv.field_size_limit(2**31 - 1)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                path, f"malformed CSV near line {reader.line_num + 1}: {exc}; expected "
                f"{delimiter!r}-delimited rows"
            ) from None
        finally:
            csv.field_size_limit(old_limit)
        start, line_end = line_end + 1, reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def _csv_records(rows: Iterable[tuple[int, list[str]]], header: list[str], path: str, delimiter: str,
                 report: _Report) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """The records of a delimited file's rows after its header, as
    :func:`_records_to_articles` takes them; a row with more fields than the header
    goes to ``report``."""
    for number, (line, row) in enumerate(rows, start=1):
        src = f"{path}:{line}"
        if len(row) > len(header):
            report.error(
                src,
                f"line {line}: found {len(row)} fields; expected at most {len(header)} "
                f"(the header's columns) separated by {delimiter!r}",
            )
            continue
        yield number, f"line {line}", src, dict(zip(header, row))


def _lazy_csv(path: str, stem: str, explicit: dict[str, str | None], report: _Report,
              delimiter: str | None, source: str | None = None) -> Iterator[_Article] | None:
    """The articles of a CSV or TSV file read a row at a time, so that a file of
    millions of rows is never held whole; None where the file needs what
    :func:`_decode` does for a whole file (another encoding than UTF-8, a carriage
    return alone, mostly control characters, nothing but blanks or no header row),
    which then reads it as it reads any file.

    A first pass reads every row, so that a malformed file is refused before any of its
    articles is read, as a file read whole is; the second reads the articles. Both give
    what :func:`_read_csv` gives for the whole file.
    """
    source = source or path
    scan = _FirstPass(path, source)
    lines = scan.lines("\n")
    header: list[str] | None = None
    error: InputError | None = None
    try:
        # the delimiter, as for a file read whole, from the first line that is not blank
        blanks: list[str] = []
        first = None
        for line in lines:
            if line.strip():
                first = line
                break
            blanks.append(line)
        if first is None:
            return None  # nothing but blanks, or not plain UTF-8 text
        delimiter = delimiter or _sniff_delimiter(first)
        for _, row in _csv_rows(chain(blanks, [first], lines), source, delimiter):
            if header is None:
                header = [cell.strip() for cell in row]
    except InputError as exc:
        error = exc
        for _ in lines:  # the rest of the file, to know whether it is plain
            pass
    if scan.needs_whole() or header is None and error is None:
        return None
    if error is not None:
        raise error
    # the fields are resolved now, so that a file without a text column is refused
    # before any of its articles is read
    fields = _resolve_fields(header, explicit, source, "column")
    rows = _csv_rows((line + "\n" for line in _lines_again(path, source)), source, delimiter)
    next(rows)  # the header
    return _articles_of_records(_csv_records(rows, header, source, delimiter, report), fields, source, stem,
                                "column", report)


def _read_excel(
    data: bytes, path: str, stem: str, explicit: dict[str, str | None], report: _Report
) -> list[_Article]:
    """Read the first sheet of an .xlsx/.xlsm workbook; row 1 names the columns."""
    rows = list(_excel_rows(io.BytesIO(data), path))
    if not rows:
        raise InputError(path, "the first sheet is empty; expected a header row and article rows")
    header = _excel_header(rows[0][1])
    return _records_to_articles(_excel_records(rows[1:], header, path), header, explicit, path, stem, "column",
                                report)


def _excel_rows(source, path: str) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a workbook's first sheet that hold anything but blanks, each with
    its number, read as they are asked for.

    openpyxl warns about what it does not read (data validation, say); the warnings are
    silenced only while it reads, not while the rows are used.

    Raises
    ------
    InputError
        When openpyxl cannot read the workbook, naming the file.
    """
    import openpyxl

    def guarded(step):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                return step()
        except StopIteration:
            raise
        except Exception as exc:  # openpyxl/zipfile raise many types for a bad workbook
            raise InputError(
                path,
                f"cannot read as an Excel workbook ({type(exc).__name__}: {exc}); "
                "expected an .xlsx or .xlsm file",
            ) from None

    workbook = guarded(lambda: openpyxl.load_workbook(source, read_only=True, data_only=True))
    try:
        def first_sheet():
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some writers store wrong sheet dimensions
            return sheet.iter_rows(values_only=True)

        cells = guarded(first_sheet)
        number = 0
        while True:
            try:
                row = list(guarded(lambda: next(cells)))
            except StopIteration:
                return
            number += 1
            if any(not _is_missing(v) and str(v).strip() for v in row):
                yield number, row
    finally:
        workbook.close()


def _excel_header(cells: list[Any]) -> list[str]:
    """The column names of a sheet's first row that is not blank."""
    return [str(v).strip() if not _is_missing(v) else f"Unnamed: {j}" for j, v in enumerate(cells)]


def _excel_records(rows: Iterable[tuple[int, list[Any]]], header: list[str],
                   path: str) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """The records of a sheet's rows after its header, as :func:`_records_to_articles`
    takes them."""
    for number, (line, row) in enumerate(rows, start=1):
        yield number, f"row {line}", f"{path}:{line}", dict(zip(header, row))


#: Workbooks of at least this many bytes are read a row at a time (see _lazy_excel):
#: reading twice costs about half as much time again as reading once, which a small
#: workbook, held whole in a few hundred megabytes at most, need not pay.
_LAZY_EXCEL_BYTES = 16 * 1024 * 1024


def _large_workbook(path: str) -> bool:
    """Whether ``path`` is a workbook to read a row at a time: not compressed, and of at
    least :data:`_LAZY_EXCEL_BYTES` bytes."""
    try:
        return _name_parts(path)[2] is None and os.path.getsize(path) >= _LAZY_EXCEL_BYTES
    except OSError:
        return False  # the reader of whole files says what is wrong


def _lazy_excel(path: str, stem: str, explicit: dict[str, str | None],
                report: _Report) -> Iterator[_Article] | None:
    """The articles of a workbook read a row at a time, so that a sheet of a million
    rows is never held whole; None for an empty file or sheet, which the reader of
    whole files refuses with its own message.

    A first pass reads every row, so that a workbook openpyxl cannot read is refused
    before any of its articles is read, as when it is read whole; the second reads the
    articles. Both give what :func:`_read_excel` gives for the whole file.
    """
    try:
        if os.path.getsize(path) == 0:
            return None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    first = None
    for _, row in _excel_rows(path, path):
        if first is None:
            first = row
    if first is None:
        return None
    header = _excel_header(first)
    # the fields are resolved now, so that a sheet without a text column is refused
    # before any of its articles is read
    fields = _resolve_fields(header, explicit, path, "column")
    rows = _excel_rows(path, path)
    if next(rows, (None, None))[1] != first:
        raise InputError(path, "changed while it was read; expected a file that stays as it is")
    return _articles_of_records(_excel_records(rows, header, path), fields, path, stem, "column", report)


# --------------------------------------------------------------------------- #
# Files, folders and stdin
# --------------------------------------------------------------------------- #


def _read_bytes(
    data: bytes,
    path: str,
    stem: str,
    fmt: str | None,
    explicit: dict[str, str | None],
    report: _Report,
) -> list[_Article]:
    """Read one file's bytes as articles of ``fmt`` (sniffed when None)."""
    if fmt == "excel" or (fmt is None and data.startswith(b"PK\x03\x04")):
        if not data:
            raise InputError(path, "empty file (0 bytes); expected an Excel workbook")
        return _read_excel(data, path, stem, explicit, report)
    text = _decode(data, path, html=fmt in (None, "html"))
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "text":
        return _read_text(text, path, stem)
    if fmt == "html":
        return _read_html(text, path, stem)
    if fmt == "jsonl":
        return _read_jsonl(text, path, stem, explicit, report)
    if fmt == "json":
        return _read_json(text, path, stem, explicit, report)
    if fmt in ("csv", "tsv"):
        return _read_csv(text, path, stem, explicit, report, "\t" if fmt == "tsv" else None)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover


def _walk(folder: str) -> tuple[list[str], int]:
    """Article files under ``folder``, sorted, and the number of files ignored.

    Entries whose name starts with ``.`` or ``_`` are skipped, as are files
    with other extensions and symbolic links to folders.
    """
    found: list[str] = []
    ignored = 0
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        full = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            sub, sub_ignored = _walk(full)
            found += sub
            ignored += sub_ignored
        elif entry.is_file() and _name_parts(entry.name)[1] in _EXTENSION_FORMATS:
            found.append(full)
        else:
            ignored += 1
    return found, ignored


def _as_path_list(paths: PathArg | Sequence[PathArg]) -> list[str]:
    """Normalise the ``paths`` argument to a list of strings."""
    if isinstance(paths, (str, os.PathLike)):
        items = [paths]
    elif isinstance(paths, Iterable) and not isinstance(paths, (bytes, bytearray)):
        items = list(paths)
    else:
        raise TypeError(
            f"paths must be a path, '-' or a list of them; got {type(paths).__name__}"
        )
    out = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(
                f"each path must be a str or os.PathLike; got {type(item).__name__}: {item!r}"
            )
        out.append(os.fspath(item))
    if not out:
        raise ValueError("paths is empty; expected at least one file, folder or '-'")
    return out


def _unique_ids(articles: list[_Article], seen: set[str] | None = None) -> list[str]:
    """Make ids unique: a repeat gets ``~`` and 8 hex digits of sha1(path). ``seen``
    holds the ids given out before (to articles read earlier in the same stream) and
    gains these."""
    seen = set() if seen is None else seen
    ids: list[str] = []
    for art in articles:
        candidate = art.article_id
        if candidate in seen:
            digest = hashlib.sha1(art.path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
            base = f"{candidate}~{digest}"
            candidate, k = base, 2
            while candidate in seen:  # same id twice within one file
                candidate, k = f"{base}-{k}", k + 1
        seen.add(candidate)
        ids.append(candidate)
    return ids


def _frame(articles: list[_Article], skipped: list[dict[str, str]], seen: set[str] | None = None) -> pd.DataFrame:
    """Build the result DataFrame with the documented dtypes (ids made unique among
    themselves and ``seen``, see :func:`_unique_ids`)."""
    df = pd.DataFrame(
        {
            "article_id": pd.array(_unique_ids(articles, seen), dtype="string"),
            "title": pd.array([a.title for a in articles], dtype="string"),
            "date": pd.Series([a.date for a in articles], dtype="datetime64[ns]"),
            "source": pd.array([a.source for a in articles], dtype="string"),
            "url": pd.array([a.url for a in articles], dtype="string"),
            "text": pd.array([a.text for a in articles], dtype="string"),
            "path": pd.array([a.path for a in articles], dtype="string"),
        },
        columns=list(ARTICLE_COLUMNS),
    )
    df.attrs["skipped"] = skipped
    return df


def read_articles(
    paths: PathArg | Sequence[PathArg],
    *,
    format: Literal["text", "html", "jsonl", "json", "csv", "tsv", "excel"] | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    url_column: str | None = None,
    id_column: str | None = None,
    on_error: Literal["raise", "skip"] = "raise",
) -> pd.DataFrame:
    """Read news articles from files, folders or standard input.

    Parameters
    ----------
    paths : str, os.PathLike or list of them
        Files and folders to read; ``"-"`` reads standard input. Folders are
        read recursively in sorted order, taking files with the extensions in
        :data:`FOLDER_EXTENSIONS` and skipping entries whose name starts with
        ``"."`` or ``"_"``. A file named explicitly is read whatever its
        extension; an unknown extension (and stdin) is sniffed as HTML, JSON
        Lines, JSON, Excel or plain text. A file whose name ends in one of
        :data:`COMPRESSED_EXTENSIONS` is decompressed as it is read, and goes by
        the extension before it (``news.jsonl.gz``), in folders too.
    format : {"text", "html", "jsonl", "json", "csv", "tsv", "excel"}, optional
        Read every file in this format instead of going by extension. Folders
        still only contribute files with the listed extensions.
    text_column, title_column, date_column, source_column, url_column, id_column : str, optional
        Column (CSV, TSV, Excel) or field (JSON, JSON Lines) holding each value.
        By default the first present of: text, body, content, article,
        full_text; title, headline; date, published, published_at, pubdate,
        datetime; source, publisher, outlet, site; url, link; id, article_id,
        doc_id. Names match ignoring case, spaces, ``_`` and ``-``.
    on_error : {"raise", "skip"}, default "raise"
        ``"raise"`` raises on the first bad file or record; ``"skip"`` leaves
        it out and lists it in ``df.attrs["skipped"]``.

    Returns
    -------
    pandas.DataFrame
        One row per article with columns ``article_id`` (str), ``title``,
        ``source``, ``url`` (str or ``pd.NA``), ``date`` (datetime64, NaT when
        unknown), ``text`` (str) and ``path`` (the file as given, or
        ``"<stdin>"``). ``df.attrs["skipped"]`` is a list of dicts with keys
        ``source`` (a path, or ``"path:line"`` for one record), ``problem`` and
        ``level`` (``"error"`` for skipped bad inputs, ``"warning"`` for
        records skipped because their text is empty, which happens in both
        modes).

    Raises
    ------
    InputError
        With ``on_error="raise"``: a missing path, an empty, binary or
        malformed file, a folder without article files, a file without a text
        column, or an explicitly named column that does not exist.
    ValueError
        If ``format`` or ``on_error`` is not one of the allowed values, or
        ``paths`` is empty.
    TypeError
        If ``paths`` is not a path or a list of paths.

    Notes
    -----
    Plain text is read as: first non-empty line the headline, the next
    non-empty line the date if it is nothing but a date; ``text`` is the whole
    file (headline and dateline included) with newlines normalised. HTML is
    read with trafilatura: paragraphs are separated by a blank line and title,
    date, site name and URL come from the page's metadata.

    Ids are the file stem for text and HTML files, ``<stem>:<n>`` for the n-th
    record of a multi-record file (``stdin`` for standard input), or the
    record's own id field. An id that repeats within one call gets ``~`` and
    the first 8 hex digits of the SHA-1 of its path appended.

    Examples
    --------
    >>> df = read_articles("seeds/")  # doctest: +SKIP
    >>> df.columns.tolist()  # doctest: +SKIP
    ['article_id', 'title', 'date', 'source', 'url', 'text', 'path']
    """
    _check_reading(format, on_error)
    report = _Report(on_error)
    articles = list(_articles(paths, format, _explicit_fields(locals()), report))
    return _frame(articles, report.skipped)


def iter_articles(
    paths: PathArg | Sequence[PathArg],
    *,
    batch_size: int = 500,
    format: Literal["text", "html", "jsonl", "json", "csv", "tsv", "excel"] | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    url_column: str | None = None,
    id_column: str | None = None,
    on_error: Literal["raise", "skip"] = "raise",
) -> Iterator[pd.DataFrame]:
    """Read news articles as :func:`read_articles` does, a batch at a time.

    The files are read one after the other as the batches are asked for, so that an
    input of many files (a folder of a million articles, say) is never held whole.
    A JSON Lines file is read a line at a time, twice (its field names first, as a
    file read whole decides them over all its records), and a CSV or TSV file a row at
    a time, twice (every row first, so that a malformed file is refused before any of
    its articles, as it is when read whole). Such a file in another encoding than UTF-8
    or with carriage returns alone is read whole. An Excel workbook of 16 MiB or more
    is read a row at a time, twice (smaller ones are read whole, which is quicker).
    Standard input with ``format`` "jsonl", "csv" or "tsv" is held in a temporary
    file (in ``TMPDIR``) and read the same way. Every other file is read whole, as is
    standard input in another format or sniffed.

    Parameters
    ----------
    paths : str, os.PathLike or list of them
        As for :func:`read_articles`.
    batch_size : int, default 500
        Articles in each batch; the last may hold fewer.
    format, text_column, title_column, date_column, source_column, url_column, id_column, on_error
        As for :func:`read_articles`.

    Yields
    ------
    pandas.DataFrame
        The columns of :func:`read_articles`; joined, the batches are the table it
        returns, ids included (an id repeated in a later batch gets the same suffix).
        Each batch's ``attrs["skipped"]`` lists the inputs skipped since the batch
        before. At least one batch; the last is empty when inputs were skipped after
        the last article, or when there is none.

    Raises
    ------
    InputError
        As :func:`read_articles` does, once the bad input is reached: the batches
        before it have been yielded.
    ValueError, TypeError
        As :func:`read_articles`, and when ``batch_size`` is not a whole number of at
        least 1; before anything is read.
    """
    check_batch_size(batch_size)
    explicit = _explicit_fields(locals())
    _check_reading(format, on_error)
    _as_path_list(paths)  # a bad argument fails before the first batch is asked for
    return _batches(paths, format, explicit, _Report(on_error), batch_size)


def check_batch_size(batch_size) -> None:
    """Check a reader's or scorer's ``batch_size``: a whole number of at least 1.

    Raises
    ------
    ValueError
        Naming what was given.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number of at least 1, got {batch_size!r}")


def _article_batches(source, batch_size: int, read_options: dict) -> Iterator[pd.DataFrame]:
    """Batches of articles, each with the inputs skipped while it was read in its
    ``attrs["skipped"]``: :func:`iter_articles` for paths, and an articles table cut
    into batches, whose own skipped inputs are told with the first. The arguments are
    checked by the call."""
    if not isinstance(source, pd.DataFrame):
        return iter_articles(source, batch_size=batch_size, **read_options)
    check_batch_size(batch_size)
    return _cut(source, batch_size)


def _cut(articles: pd.DataFrame, batch_size: int) -> Iterator[pd.DataFrame]:
    """The batches of :func:`_article_batches` for a table (one empty batch for none);
    each gets its own ``attrs``, as a slice would carry the table's into every one."""
    skipped = list(articles.attrs.get("skipped", []))
    for begin in range(0, max(len(articles), 1), batch_size):
        batch = articles.iloc[begin:begin + batch_size]
        batch.attrs = {"skipped": skipped}
        skipped = []
        yield batch


def _batches(paths, format, explicit, report: _Report, batch_size: int) -> Iterator[pd.DataFrame]:
    """The batches of :func:`iter_articles`."""
    seen: set[str] = set()
    batch: list[_Article] = []
    told = 0  # the skipped inputs already listed in a batch
    yielded = False
    for article in _articles(paths, format, explicit, report):
        batch.append(article)
        if len(batch) == batch_size:
            yield _frame(batch, report.skipped[told:], seen)
            told, batch, yielded = len(report.skipped), [], True
    if batch or not yielded or told < len(report.skipped):
        yield _frame(batch, report.skipped[told:], seen)


def _explicit_fields(options: dict) -> dict[str, str | None]:
    """The field names given by a reader's ``*_column`` arguments, by field."""
    return {field: options[f"{field}_column"] for field in ("text", "title", "date", "source", "url", "id")}


def _check_reading(format, on_error) -> None:
    """Check the ``format`` and ``on_error`` arguments of the readers."""
    if format is not None and format not in FORMATS:
        raise ValueError(
            f"format must be None or one of {', '.join(repr(f) for f in FORMATS)}; got {format!r}"
        )
    if on_error not in _ON_ERROR:
        raise ValueError(
            f"on_error must be one of {', '.join(repr(v) for v in _ON_ERROR)}; got {on_error!r}"
        )


def _articles(paths, format, explicit: dict, report: _Report) -> Iterator[_Article]:
    """Every article of ``paths`` in order, each file read when it is reached; bad
    inputs raised or recorded in ``report``."""
    on_error = report.on_error

    def read_one(path: str, stem: str, fmt: str | None, *, data_fn: Callable[[], bytes] | None = None,
                 file_fn: Callable[[], str] | None = None) -> Iterator[_Article]:
        # file_fn: the file to read, made when it is reached (standard input spooled),
        # by default the file at path; data_fn: its bytes when read whole (standard
        # input held in memory), by default the file's
        try:
            file = file_fn() if file_fn is not None else path
            if fmt in ("jsonl", "csv", "tsv", "excel") and file != _STDIN_NAME:
                # a line or a row at a time, where the file allows it
                if fmt == "jsonl":
                    lazy = _lazy_jsonl(file, stem, explicit, report, path)
                elif fmt == "excel":  # openpyxl reads a workbook's file itself
                    lazy = _lazy_excel(file, stem, explicit, report) if _large_workbook(file) else None
                else:
                    lazy = _lazy_csv(file, stem, explicit, report, "\t" if fmt == "tsv" else None, path)
                if lazy is not None:
                    yield from lazy
                    return
            data = data_fn() if data_fn is not None else _read_file(file)
            yield from _read_bytes(data, path, stem, fmt, explicit, report)
        except InputError as exc:
            if on_error == "raise":
                raise
            report.skipped.append({"source": exc.source, "problem": exc.problem, "level": "error"})

    for given in _as_path_list(paths):
        if given == "-":
            if format not in ("jsonl", "csv", "tsv"):
                yield from read_one(_STDIN_NAME, "stdin", format, data_fn=lambda: sys.stdin.buffer.read())
                continue
            # in a format read a line at a time: held in a temporary file, not in memory
            with tempfile.TemporaryDirectory(prefix="stance-stdin-") as folder:
                yield from read_one(_STDIN_NAME, "stdin", format,
                                    file_fn=lambda: _spool_stdin(os.path.join(folder, "stdin")))
            continue
        if os.path.isdir(given):
            try:
                files, ignored = _walk(given)
            except OSError as exc:
                report.error(
                    given, f"cannot list folder ({exc.strerror}); expected a readable folder"
                )
                continue
            if not files:
                report.error(
                    given,
                    f"no article files in folder ({ignored} other file(s) ignored); expected "
                    f"files ending in {', '.join(FOLDER_EXTENSIONS)} whose names do not "
                    "start with '.' or '_'",
                )
                continue
            for file in files:
                stem, extension, _ = _name_parts(file)
                fmt = format or _EXTENSION_FORMATS[extension]
                yield from read_one(file, stem, fmt)
            continue
        if not os.path.exists(given):
            report.error(given, "no such file or folder; expected an existing file, folder or '-'")
            continue
        stem, extension, _ = _name_parts(given)
        fmt = format or _EXTENSION_FORMATS.get(extension)
        yield from read_one(given, stem, fmt)


def _spool_stdin(spool: str) -> str:
    """Copy standard input to the file ``spool``, which a lazy reader then reads twice;
    returns ``spool``."""
    try:
        with open(spool, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
    except OSError as exc:
        raise InputError(_STDIN_NAME, f"cannot hold standard input in a temporary file ({exc.strerror or exc}); "
                                      "expected room for it in the temporary folder (TMPDIR)") from None
    return spool


def _read_file(path: str) -> bytes:
    """Read a file's bytes, decompressed if its name says it is compressed (see
    :data:`COMPRESSED_EXTENSIONS`), turning OS and decompression errors into
    :class:`InputError`."""
    with _guarded(path):
        with _open_binary(path) as handle:
            return handle.read()


def _name_parts(path: str) -> tuple[str, str, str | None]:
    """A file's name without its extensions, its format's extension (lower case, ""
    if none) and the module that decompresses it (None if not compressed):
    ``"a/news.jsonl.gz"`` gives ``("news", ".jsonl", "gzip")``."""
    name = os.path.basename(path)
    root, extension = os.path.splitext(name)
    compression = COMPRESSED_EXTENSIONS.get(extension.lower())
    if compression is not None:
        root, extension = os.path.splitext(root)
        if not root:  # ".gz" alone, or "x..gz"
            root, extension = extension, ""
    return root, extension.lower(), compression


def _open_binary(path: str):
    """The file opened for reading bytes, through its decompressor if it has one."""
    compression = _name_parts(path)[2]
    if compression is None:
        return open(path, "rb")
    module = __import__(compression)
    return module.open(path, "rb")


@contextmanager
def _guarded(path: str, source: str | None = None):
    """Turn the errors of reading ``path`` into :class:`InputError` naming ``source``
    (by default ``path``): an OS error (:func:`_unreadable`), and data that its
    decompressor refuses."""
    import lzma
    import zlib

    try:
        yield
    except (EOFError, lzma.LZMAError, zlib.error) as exc:
        raise _undecompressable(path, exc) from None
    except OSError as exc:
        # gzip and bz2 tell bad data by an OSError without an errno
        if exc.errno is None and _name_parts(path)[2] is not None:
            raise _undecompressable(path, exc) from None
        raise _unreadable(source or path, exc) from None


def _undecompressable(path: str, exc: Exception) -> InputError:
    """The error for a compressed file whose data its decompressor refuses."""
    module = _name_parts(path)[2]
    kind = {"bz2": "bzip2", "lzma": "xz"}.get(module, module)
    return InputError(path, f"cannot decompress ({type(exc).__name__}: {exc}); expected a complete "
                            f"{kind} file, as its name ends in {os.path.splitext(path)[1]}")


def _unreadable(path: str, exc: OSError) -> InputError:
    """The error for a file that the operating system would not let us read."""
    return InputError(path, f"cannot read file ({exc.strerror or exc}); expected a readable file")
