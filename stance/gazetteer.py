"""Load the reviewed CSV data in ``features/`` that the mention finder reads.

The files and their columns are described in ``features/README.md``. Loading checks
each file's columns and values and raises :class:`stance.errors.DataError` naming the
file, the row and the problem, so that a person editing the CSVs gets a clear message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from stance._resources import data_dir
from stance.errors import DataError, InputError

__all__ = ["Gazetteer", "load_gazetteer", "ALIAS_KINDS", "LEADER_ROLES"]

ALIAS_KINDS = ("name", "demonym", "capital", "seat", "city", "prefix")
LEADER_ROLES = (
    "head_of_state",
    "head_of_government",
    "head_of_state_and_government",
    "foreign_minister",
    "defence_minister",
)
_ISO3 = re.compile(r"[A-Z]{3}")

_SCHEMAS = {
    "countries.csv": ["iso3", "name", "status", "source"],
    "aliases.csv": ["country", "alias", "kind", "case", "source"],
    "leaders.csv": ["country", "name", "aliases", "role", "title", "start", "end", "source"],
    "titles.csv": ["surface", "title", "leader_title", "source"],
    "stop_phrases.csv": ["phrase", "what_it_is", "source"],
    "context_rules.csv": ["aliases", "before", "after", "window", "unless", "note", "source"],
}


@dataclass(frozen=True)
class Gazetteer:
    """The tables of ``features/``, checked.

    Attributes
    ----------
    countries, aliases, leaders, titles, stop_phrases, context_rules : pandas.DataFrame
        One table per CSV file, with the columns documented in ``features/README.md``.
        ``leaders.start`` and ``leaders.end`` are parsed to timestamps (``end`` is NaT
        while in office).
    directory : pathlib.Path
        Where the files were read from.
    """

    countries: pd.DataFrame
    aliases: pd.DataFrame
    leaders: pd.DataFrame
    titles: pd.DataFrame
    stop_phrases: pd.DataFrame
    context_rules: pd.DataFrame
    directory: Path

    def country_names(self) -> dict[str, str]:
        """Return a mapping from ISO3 code to the country's short English name."""
        return dict(zip(self.countries["iso3"], self.countries["name"]))


def read_table(path: Path, columns: list[str], what: str) -> pd.DataFrame:
    """Read one of the data CSV files of ``features/``, checking its columns.

    Parameters
    ----------
    path : Path
    columns : list of str
        Columns the file must have (it may have more).
    what : str
        What the file is, for messages ("gazetteer", "lexicon").

    Raises
    ------
    stance.DataError
        Naming the file and the problem.
    """
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"{path}: {what} file is missing") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot parse as UTF-8 CSV: {exc}") from exc
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(f"{path}: missing columns {missing}; expected at least {columns}, found {list(table.columns)}")
    return table


def read_input_csv(path: str | Path, columns: list[str], what: str, expected: str) -> pd.DataFrame:
    """Read a CSV that a user gives (labelled data, sentences with event classes) as
    text, checking its columns.

    Parameters
    ----------
    path : str or Path
    columns : list of str
        Columns the file must have (it may have more).
    what : str
        What the file is, for messages ("labelled CSV").
    expected : str
        What its columns should be, for the message when some are missing.

    Raises
    ------
    stance.InputError
        Naming the file and the problem: missing, unreadable, or short of columns.
    """
    path = str(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"cannot read {what}: {exc}") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(path, f"missing columns {missing}; {expected}, found {list(table.columns)}")
    return table


def _expand_kinds(path: Path, index: int, cell: str, aliases: pd.DataFrame) -> str:
    """The ``aliases`` cell of a context rule with each ``kind:KIND`` replaced by every
    alias of that kind in ``aliases.csv`` ("kind:demonym": "Afghan|Afghans|…")."""
    names: list[str] = []
    for name in (part.strip() for part in cell.split("|")):
        if not name.startswith("kind:"):
            names.append(name)
            continue
        kind = name[len("kind:"):]
        of_kind = aliases.loc[aliases["kind"] == kind, "alias"]
        if of_kind.empty:
            raise row_error(path, index, f"aliases names {name!r}, a kind no alias has; expected kind: followed "
                                         f"by one of {sorted(set(aliases['kind']))}")
        names.extend(of_kind)
    return "|".join(dict.fromkeys(names))


def row_error(path: Path, index: int, problem: str) -> DataError:
    """The error for data row ``index`` (0-based; line 1 is the header) of a CSV file."""
    return DataError(f"{path}, line {index + 2}: {problem}")


def _read(directory: Path, name: str) -> pd.DataFrame:
    return read_table(directory / name, _SCHEMAS[name], "gazetteer")


def _check_codes(path: Path, codes: pd.Series, known: set[str]) -> None:
    for index, code in codes.items():
        if code not in known:
            raise row_error(path, index, f"country {code!r} is not in countries.csv")


def _dates(path: Path, table: pd.DataFrame, column: str, required: bool) -> pd.Series:
    parsed = pd.to_datetime(table[column].replace("", None), format="%Y-%m-%d", errors="coerce")
    for index, (raw, value) in enumerate(zip(table[column], parsed)):
        if (raw or required) and pd.isna(value):
            raise row_error(path, index, f"{column} {raw!r} is not a YYYY-MM-DD date")
    return parsed


# a phrase's first and last characters: a letter or digit, or the full stop of an
# abbreviation ("U.S.")
_EDGES = re.compile(r"\w(?:.*\w\.?)?", re.DOTALL)


def _check_edges(path: Path, index: int, column: str, phrase: str) -> None:
    """Refuse a phrase that starts or ends with punctuation other than an abbreviation's
    full stop: the finder reads punctuation as a word break, so "US$" would match "US"
    before any comma or full stop."""
    if not _EDGES.fullmatch(phrase.strip()):
        raise row_error(path, index, f"{column} {phrase!r} starts or ends with punctuation, which the finder reads "
                                     f"as a word break (so it would match before any punctuation); expected a "
                                     f"letter or digit there, or the full stop of an abbreviation; for a sign "
                                     f"such as '$' use a context rule")


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """Read and check the gazetteer CSV files.

    Parameters
    ----------
    directory : str or pathlib.Path, optional
        A directory holding the files of ``features/``. By default, the data shipped
        with stance.

    Returns
    -------
    Gazetteer

    Raises
    ------
    stance.errors.DataError
        If a file is missing, has the wrong columns, or holds an invalid value.
    """
    if directory is None:
        return _default_gazetteer()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _load(data_dir("features"))


def _load(directory: Path) -> Gazetteer:
    countries = _read(directory, "countries.csv")
    path = directory / "countries.csv"
    for index, code in countries["iso3"].items():
        if not _ISO3.fullmatch(code):
            raise row_error(path, index, f"iso3 {code!r} is not three capital letters")
    if countries["iso3"].duplicated().any():
        dup = countries.loc[countries["iso3"].duplicated(), "iso3"].tolist()
        raise DataError(f"{path}: duplicate codes {dup}")
    known = set(countries["iso3"])

    aliases = _read(directory, "aliases.csv")
    path = directory / "aliases.csv"
    _check_codes(path, aliases["country"], known)
    for index, (kind, case, alias) in enumerate(zip(aliases["kind"], aliases["case"], aliases["alias"])):
        if kind not in ALIAS_KINDS:
            raise row_error(path, index, f"kind {kind!r} is not one of {ALIAS_KINDS}")
        if case not in ("exact", "proper"):
            raise row_error(path, index, f"case {case!r} is not 'exact' or 'proper'")
        if not alias.strip():
            raise row_error(path, index, "alias is empty")
        _check_edges(path, index, "alias", alias)

    leaders = _read(directory, "leaders.csv")
    path = directory / "leaders.csv"
    _check_codes(path, leaders["country"], known)
    for index, role in enumerate(leaders["role"]):
        if role not in LEADER_ROLES:
            raise row_error(path, index, f"role {role!r} is not one of {LEADER_ROLES}")
    leaders["start"] = _dates(path, leaders, "start", required=True)
    leaders["end"] = _dates(path, leaders, "end", required=False)
    for index, (start, end) in enumerate(zip(leaders["start"], leaders["end"])):
        if pd.notna(end) and end < start:
            raise row_error(path, index, f"term ends ({end.date()}) before it starts ({start.date()})")

    titles = _read(directory, "titles.csv")
    path = directory / "titles.csv"
    for index, flag in enumerate(titles["leader_title"]):
        if flag not in ("yes", "no"):
            raise row_error(path, index, f"leader_title {flag!r} is not 'yes' or 'no'")
    stop_phrases = _read(directory, "stop_phrases.csv")
    path = directory / "stop_phrases.csv"
    for index, phrase in enumerate(stop_phrases["phrase"]):
        _check_edges(path, index, "phrase", phrase)

    context_rules = _read(directory, "context_rules.csv")
    path = directory / "context_rules.csv"
    for index, row in context_rules.iterrows():
        if not (row["before"] or row["after"] or row["window"]):
            raise row_error(path, index, "a rule needs a before, after or window pattern")
        for column in ("before", "after", "window", "unless"):
            try:
                re.compile(row[column])
            except re.error as exc:
                raise row_error(path, index, f"{column} is not a valid regular expression: {exc}") from exc
    # "kind:demonym" stands for every alias of that kind in aliases.csv
    context_rules["aliases"] = [_expand_kinds(path, index, cell, aliases)
                                for index, cell in enumerate(context_rules["aliases"])]
    # optional: the country a name is read as where the rule holds (instead of dropped)
    if "country" not in context_rules.columns:
        context_rules["country"] = ""
    _check_codes(path, context_rules.loc[context_rules["country"] != "", "country"], known)

    return Gazetteer(countries, aliases, leaders, titles, stop_phrases, context_rules, directory)
