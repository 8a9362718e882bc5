"""Articles → paragraphs → sentences, with character offsets into the article text.

Paragraphs are separated by blank lines (lines holding only whitespace). Sentences are
found by a rule-based splitter that knows common abbreviations ("Mr.", "U.S.",
"Jan."), read from ``features/abbreviations.csv``; it needs no downloaded model, so it
runs offline, unlike ``TextBlob(...).sentences`` which needs NLTK's punkt corpus.

Every offset is a Python string index into the article's ``text`` column, so
``article_text[start:end]`` gives back the paragraph or sentence exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pandas as pd

from stance._resources import data_dir
from stance.errors import DataError

__all__ = ["split_paragraphs", "split_sentences", "sentence_spans", "PARAGRAPH_KINDS"]

#: Values of the ``kind`` column of :func:`split_paragraphs`.
PARAGRAPH_KINDS = ("headline", "dateline", "body")

_PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "kind", "text", "start", "end", "date"]
_SENTENCE_COLUMNS = ["article_id", "paragraph_id", "sentence_id", "text", "start", "end"]

# A blank line: a newline, optional horizontal whitespace, and at least one more newline.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_WS = re.compile(r"\s+")

# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, then
# whitespace. Whether it really ends a sentence is decided in ``_is_boundary``.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
# Words that usually open a sentence: after an abbreviation that may end one
# ("U.S.", "Inc."), a capitalised word from this list marks a real boundary.
_SENTENCE_OPENERS = frozenset(
    """The A An He She It They We I You This That These Those There Here His Her Its
    Their Our But And Yet So However Meanwhile Earlier Later In On At As After Before
    When While If Although Though Since Because Both Neither Many Most Some Several
    One Two Three Officials Analysts Critics""".split()
)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Return (never-ending, maybe-ending) abbreviations, lower case, without the dot."""
    path = data_dir("features") / "abbreviations.csv"
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot read abbreviations: {exc}") from exc
    expected = {"abbreviation", "ends_sentence"}
    if not expected <= set(table.columns):
        raise DataError(f"{path}: expected columns {sorted(expected)}, found {list(table.columns)}")
    never = frozenset(a.lower() for a, e in zip(table.abbreviation, table.ends_sentence) if e == "never")
    maybe = frozenset(a.lower() for a, e in zip(table.abbreviation, table.ends_sentence) if e == "maybe")
    return never, maybe


_SPACE_RUN = re.compile(r"\s*")
_WORD_AT = re.compile(r"[\w']+")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_CLOSERS = "\"'”’)]"


def _is_boundary(text: str, end: int, never: frozenset[str], maybe: frozenset[str]) -> bool:
    """Decide whether the candidate ending at ``end`` (exclusive) ends a sentence.

    Only the words on either side of ``end`` are read, so a paragraph costs time in
    proportion to its length, not its square.
    """
    at = _SPACE_RUN.match(text, end).end()
    if at == len(text):
        return True
    first = text[at]
    if first.islower():
        return False
    if first in ",;:":
        return False
    k = end  # the mark without closing quotes and brackets
    while k > 0 and text[k - 1] in _CLOSERS:
        k -= 1
    if k == 0 or text[k - 1] != ".":
        return True  # "!" and "?" end sentences unless a lower-case word follows
    # the word before the final dot: letters, digits and dots ("U.S", "Inc")
    j = k - 1
    while j > 0 and (text[j - 1] == "." or text[j - 1] == "_" or text[j - 1].isalnum()):
        j -= 1
    if j == k - 1:
        return True
    word = text[j:k - 1]
    low = word.lower()
    if low in never:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "George W. Bush"
    next_word = _WORD_AT.match(text, at)
    opener = next_word is not None and next_word.group(0) in _SENTENCE_OPENERS
    if low in maybe or _INITIALISM.fullmatch(low):
        return opener
    return True


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Parameters
    ----------
    text : str
        A paragraph (or any text).
    offset : int, default 0
        Added to every returned index, so that spans can point into a larger text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each sentence, leading and trailing whitespace excluded.
        A line break inside a paragraph (a caption, a list) also ends a sentence.
    """
    never, maybe = _abbreviations()
    cuts = [0]
    for match in _CANDIDATE.finditer(text):
        if _is_boundary(text, match.end(), never, maybe):
            cuts.append(match.end())
    for match in re.finditer(r"\n", text):
        cuts.append(match.end())
    cuts.append(len(text))
    spans = []
    for a, b in zip(sorted(set(cuts)), sorted(set(cuts))[1:]):
        piece = text[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + a + lead, offset + a + lead + len(stripped)))
    return spans


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank paragraph, trimmed of outer whitespace.

    Paragraphs are separated by blank lines. A text with no blank line at all is read
    one paragraph per line when its lines look like paragraphs (most end a sentence,
    as in JSON or CSV exports that put a single line break between paragraphs), and
    as one paragraph when they look like lines wrapped inside paragraphs.
    """
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) or not _lines_are_paragraphs(text) else _LINE_BREAK
    pos = 0
    for match in breaks.finditer(text):
        yield from _trim(text, pos, match.start())
        pos = match.end()
    yield from _trim(text, pos, len(text))


_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _lines_are_paragraphs(text: str) -> bool:
    """True when the lines of ``text`` (three or more) mostly end a sentence."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    # the last line ends the text anyway; a headline or dateline may end without a stop
    ended = sum(1 for line in lines[:-1] if _ENDS_SENTENCE.search(line))
    return ended >= 0.6 * (len(lines) - 1)


def _trim(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(stripped)


def _same_text(a: object, b: str) -> bool:
    if not isinstance(a, str) or not a.strip():
        return False
    return _WS.sub(" ", a).strip().casefold() == _WS.sub(" ", b).strip().casefold()


def _looks_like_dateline(text: str) -> bool:
    if len(text) > 60 or "\n" in text:
        return False
    from stance.articles import parse_date

    return parse_date(text) is not None


def _require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} is missing columns {missing}: expected at least {columns}, "
            f"found {list(frame.columns)}"
        )


def split_paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """Split articles into paragraphs.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article, as returned by :func:`stance.read_articles`: needs
        ``article_id`` and ``text``; ``title`` and ``date`` are used when present.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph with columns ``article_id``, ``paragraph_id`` (0, 1, …
        within the article), ``kind`` (``"headline"``, ``"dateline"`` or ``"body"``),
        ``text``, ``start``, ``end`` (offsets into the article text) and ``date`` (the
        article's date, carried along so that later stages can resolve leaders).

    Notes
    -----
    The first paragraph is the headline when it equals the article's title; the
    paragraph after the headline (or the first one) is the dateline when it is a date
    on its own. Every other paragraph is ``"body"``.
    """
    _require(articles, ["article_id", "text"], "articles")
    has_title = "title" in articles.columns
    has_date = "date" in articles.columns
    rows: list[tuple] = []
    for row in articles.itertuples(index=False):
        text = row.text if isinstance(row.text, str) else ""
        title = getattr(row, "title", None) if has_title else None
        date = getattr(row, "date", pd.NaT) if has_date else pd.NaT
        for number, (start, end) in enumerate(_paragraph_spans(text)):
            piece = text[start:end]
            kind = "body"
            if number == 0 and _same_text(title, piece):
                kind = "headline"
            elif number <= 1 and (number == 0 or rows[-1][2] == "headline") and _looks_like_dateline(piece):
                kind = "dateline"
            rows.append((row.article_id, number, kind, piece, start, end, date))
    frame = pd.DataFrame(rows, columns=_PARAGRAPH_COLUMNS)
    frame["paragraph_id"] = frame["paragraph_id"].astype("int64")
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def split_sentences(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Split paragraphs into sentences.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        As returned by :func:`split_paragraphs`.

    Returns
    -------
    pandas.DataFrame
        One row per sentence with columns ``article_id``, ``paragraph_id``,
        ``sentence_id`` (0, 1, … within the paragraph), ``text``, and ``start``,
        ``end``: offsets into the article text, like the paragraphs'.
    """
    _require(paragraphs, ["article_id", "paragraph_id", "text", "start"], "paragraphs")
    rows = []
    for row in paragraphs.itertuples(index=False):
        for number, (start, end) in enumerate(sentence_spans(row.text)):
            rows.append(
                (row.article_id, row.paragraph_id, number, row.text[start:end],
                 row.start + start, row.start + end)
            )
    frame = pd.DataFrame(rows, columns=_SENTENCE_COLUMNS)
    for column in ("paragraph_id", "sentence_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    return frame
