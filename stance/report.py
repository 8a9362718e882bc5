"""Scored articles → the report an analyst reads and the tables a spreadsheet opens.

:func:`analyze` runs the whole pipeline and returns an :class:`Analysis` holding its
tables; :meth:`Analysis.to_csv`, :meth:`Analysis.to_excel`, :meth:`Analysis.to_html`,
:meth:`Analysis.to_json` and :meth:`Analysis.to_parquet` write them. Every file is
written whole or not at all, text cells that a spreadsheet would run as a formula are
neutralised, and the same input gives byte-identical CSV.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from stance._atomic import source_date_epoch, write_bytes, write_text
from stance.model import PROBABILITY_COLUMNS

__all__ = ["analyze", "Analysis", "neutralise", "FORMATS", "EXCEL_MAX_ROWS"]

#: Output formats of :meth:`Analysis.write`.
FORMATS = ("html", "csv", "xlsx", "parquet", "json")

#: The most rows a sheet of an Excel workbook holds, its header row included.
EXCEL_MAX_ROWS = 1_048_576

_PROBABILITIES = list(PROBABILITY_COLUMNS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_META = ["date", "title", "source", "url"]


def neutralise(value):
    """A text cell made safe for spreadsheets: prefix ``'`` when it could start a formula.

    Cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are run
    as formulas by spreadsheet programs (CSV injection). Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def _iso(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


@dataclass
class Analysis:
    """The tables of one analysis; see :func:`analyze`.

    Attributes
    ----------
    articles : pandas.DataFrame
        As :func:`stance.read_articles`.
    paragraphs : pandas.DataFrame
        One row per paragraph and country pair: the scores of
        :attr:`stance.Scores.paragraphs` with the article's ``date``, ``title``,
        ``source`` and ``url``, and the paragraph ``text``.
    mentions : pandas.DataFrame
        As :func:`stance.find_mentions`.
    pairs : pandas.DataFrame
        One row per article and country pair (:attr:`stance.Scores.articles`) with the
        article's metadata.
    temperature : pandas.DataFrame
        As :func:`stance.temperature` for ``period``.
    overall : pandas.DataFrame
        :func:`stance.temperature` over the whole set.
    period : str
    model_card : str
        The model card (Markdown) of the model that scored the pairs.
    """

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    pairs: pd.DataFrame
    temperature: pd.DataFrame
    overall: pd.DataFrame
    period: str = "month"
    model_card: str = ""
    skipped: list = field(default_factory=list)

    # -- tables as written --------------------------------------------------------------

    def tables(self) -> dict[str, pd.DataFrame]:
        """The exported tables, by file stem, rows in a fixed order."""
        paragraph_columns = ["article_id", "paragraph_id", *_META, "country_a", "country_b", "label",
                             "temperature", *_PROBABILITIES, "evidence"]
        pair_columns = ["article_id", *_META, "country_a", "country_b", "label", "temperature",
                        *_PROBABILITIES, "n_paragraphs"]
        return {
            "temperature": self.temperature.sort_values(["country_a", "country_b", "period"], kind="stable"),
            "pairs": self.pairs[pair_columns].sort_values(["article_id", "country_a", "country_b"], kind="stable"),
            "paragraphs": self.paragraphs[paragraph_columns].sort_values(
                ["article_id", "paragraph_id", "country_a", "country_b"], kind="stable"),
            "mentions": self.mentions.sort_values(["article_id", "start", "end"], kind="stable"),
        }

    def to_csv(self, directory: str | Path, *, excel: bool = False) -> list[Path]:
        """Write ``temperature.csv``, ``pairs.csv``, ``paragraphs.csv`` and ``mentions.csv``.

        Parameters
        ----------
        directory : str or Path
            An existing folder.
        excel : bool, default False
            Write UTF-8 with a byte-order mark, which Excel needs to show accents.

        Returns
        -------
        list of Path
        """
        written = []
        for stem, table in self.tables().items():
            text = _safe(_iso(table)).to_csv(index=False, lineterminator="\n", float_format="%.4f")
            data = text.encode("utf-8-sig" if excel else "utf-8")
            written.append(write_bytes(Path(directory) / f"{stem}.csv", data))
        return written

    def to_json(self, directory: str | Path) -> list[Path]:
        """Write each table as JSON Lines (``NAME.jsonl``), one record per row."""
        written = []
        for stem, table in self.tables().items():
            text = _iso(table).to_json(orient="records", lines=True, force_ascii=False, double_precision=6)
            written.append(write_text(Path(directory) / f"{stem}.jsonl", text))
        return written

    def to_parquet(self, directory: str | Path) -> list[Path]:
        """Write each table as Parquet (needs pyarrow)."""
        written = []
        for stem, table in self.tables().items():
            buffer = io.BytesIO()
            try:
                table.to_parquet(buffer, index=False)
            except ImportError as exc:
                from stance.errors import StanceError

                raise StanceError(f"parquet output needs pyarrow: {exc}") from None
            written.append(write_bytes(Path(directory) / f"{stem}.parquet", buffer.getvalue()))
        return written

    def to_excel(self, path: str | Path, *, rows_per_sheet: int = EXCEL_MAX_ROWS - 1) -> Path:
        """Write ``report.xlsx``: a summary sheet and the four tables.

        Headers are frozen and bold, columns sized to their content, dates are dates,
        temperatures carry a blue-white-red colour scale, and text cells are
        neutralised as in the CSV files. A table longer than a sheet holds
        (:data:`EXCEL_MAX_ROWS`, the header included) goes on over further sheets,
        "mentions (2)" and so on, each with the header. Rows are written as they are
        made, so memory does not grow with the report. The file records when it was made; with the
        environment variable ``SOURCE_DATE_EPOCH`` set (seconds since 1970-01-01 UTC,
        the reproducible-builds convention), it records that time instead, so that the
        same articles and model give the same bytes.

        Parameters
        ----------
        path : str or Path
        rows_per_sheet : int, default ``EXCEL_MAX_ROWS - 1``
            The most rows of a table on one sheet, its header aside; at most
            1,048,575, which Excel opens.

        Raises
        ------
        stance.InputError
            When ``SOURCE_DATE_EPOCH`` is set but not a whole number of seconds.
        ValueError
            When ``rows_per_sheet`` is not a whole number from 1 to 1,048,575.
        """
        from itertools import islice

        if (isinstance(rows_per_sheet, bool) or not isinstance(rows_per_sheet, int)
                or not 1 <= rows_per_sheet <= EXCEL_MAX_ROWS - 1):
            raise ValueError(f"rows_per_sheet must be a whole number from 1 to {EXCEL_MAX_ROWS - 1:,}, "
                             f"which Excel opens; got {rows_per_sheet!r}")

        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.formatting.rule import ColorScaleRule
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        # write-only: each row goes to the file as it is appended, so that a large
        # report does not hold a cell object for every value
        workbook = Workbook(write_only=True)
        sheets = {"summary": self._summary(), **self.tables()}
        for name, table in sheets.items():
            table = _safe(table)
            formats = ["yyyy-mm-dd" if pd.api.types.is_datetime64_any_dtype(table[c])
                       else "0.00" if pd.api.types.is_float_dtype(table[c]) else None for c in table.columns]
            widths = [min(max(max([len(str(c))] + [len(str(v)) for v in table[c].head(500)]) + 2, 8), 60)
                      for c in table.columns]
            rows = table.itertuples(index=False, name=None)
            for part, (start, stop) in enumerate(_sheet_parts(len(table), rows_per_sheet)):
                # a table longer than a sheet goes on over "name (2)", "name (3)", ...
                sheet = workbook.create_sheet(name if part == 0 else f"{name} ({part + 1})")
                sheet.freeze_panes = "A2"
                for j, (column, width) in enumerate(zip(table.columns, widths), start=1):
                    letter = get_column_letter(j)
                    sheet.column_dimensions[letter].width = width
                    if column in ("temperature", "temp_low", "temp_high", "change") and stop > start:
                        sheet.conditional_formatting.add(
                            f"{letter}2:{letter}{stop - start + 1}",
                            ColorScaleRule(start_type="num", start_value=-100, start_color="2166AC",
                                           mid_type="num", mid_value=0, mid_color="F7F7F7",
                                           end_type="num", end_value=100, end_color="B2182B"))
                header = [WriteOnlyCell(sheet, value=column) for column in table.columns]
                for cell in header:
                    cell.font = Font(bold=True)
                sheet.append(header)
                for row in islice(rows, stop - start):
                    sheet.append([_cell(v) if f is None else _styled(WriteOnlyCell(sheet, value=_cell(v)), f)
                                  for v, f in zip(row, formats)])
        epoch = source_date_epoch()  # checked before anything is written
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue() if epoch is None else _dated(buffer.getvalue(), epoch)
        return write_bytes(path, data)

    def _summary(self) -> pd.DataFrame:
        overall = self.overall.sort_values("temperature", ascending=False, kind="stable")
        return overall[["country_a", "country_b", "name_a", "name_b", "temperature", "temp_low", "temp_high",
                        "label", "n_articles", "n_paragraphs"]].reset_index(drop=True)

    def to_html(self, path: str | Path) -> Path:
        """Write ``report.html``, one self-contained file that works offline."""
        from stance.report_html import render

        return write_text(path, render(self))

    def write(self, directory: str | Path, formats=("html", "csv", "xlsx"), *, excel_csv: bool = False) -> list[Path]:
        """Write the chosen formats into ``directory`` (created if missing).

        Parameters
        ----------
        directory : str or Path
        formats : iterable of str
            Any of :data:`FORMATS`.
        excel_csv : bool, default False
            CSV with a byte-order mark for Excel.

        Returns
        -------
        list of Path
        """
        from stance.errors import StanceError

        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise StanceError(f"unknown format(s) {unknown}; expected any of {list(FORMATS)}")
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StanceError(f"{directory}: cannot create the output folder: {exc.strerror}") from None
        written: list[Path] = []
        if "csv" in formats:
            written += self.to_csv(directory, excel=excel_csv)
        if "xlsx" in formats:
            written.append(self.to_excel(directory / "report.xlsx"))
        if "json" in formats:
            written += self.to_json(directory)
        if "parquet" in formats:
            written += self.to_parquet(directory)
        if "html" in formats:
            written.append(self.to_html(directory / "report.html"))
        return written


def _dated(xlsx: bytes, epoch: int) -> bytes:
    """An xlsx file with its recorded creation and modification times, and the times of
    its zip members, set to ``epoch`` (zip times start in 1980)."""
    import re
    import zipfile
    from datetime import datetime, timezone

    stamp = datetime.fromtimestamp(epoch, timezone.utc)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = max(stamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    times = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = times.sub(lambda m: m.group(1) + iso + m.group(3), body)
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, body)
    return out.getvalue()


def _sheet_parts(n_rows: int, limit: int) -> list[tuple[int, int]]:
    """Where each sheet's rows of a table of ``n_rows`` rows start and stop (the stop
    not included), at most ``limit`` rows (and a header) to a sheet; one sheet for no
    rows."""
    return [(start, min(start + limit, n_rows)) for start in range(0, max(n_rows, 1), limit)]


def _styled(cell, number_format: str):
    """``cell`` (a write-only cell), shown with ``number_format``."""
    cell.number_format = number_format
    return cell


def _cell(value):
    """A value as openpyxl takes it: missing values empty, timestamps as datetimes."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value


def analyze(source, *, period: str = "month", model=None, model_card: str | None = None, batch_size: int = 500,
            n_jobs: int = 1, progress=None, **read_options) -> Analysis:
    """Run the whole pipeline: articles to mentions, scores and temperatures.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        As for :func:`stance.read_articles`, or an articles DataFrame.
    period : str, default "month"
        The period of the ``temperature`` table (see :func:`stance.temperature`).
    model : fitted pipeline, or path to a ``.skops`` file, optional
        By default the model shipped with stance. The report's method section is the
        model card beside the file (``NAME.md``); a model passed as an object has no
        card unless ``model_card`` is given.
    model_card : str, optional
        The model card (Markdown) to show for a model passed as an object.
    batch_size : int, default 500
        Articles read and scored together.
    n_jobs : int, default 1
        Worker processes that score batches side by side; -1 for every core (see
        :func:`stance.scoring.score_batches`). The results are the same as in one
        process.
    progress : callable, optional
        Called as ``progress(done, total)`` after each batch of articles.
    **read_options
        Passed to :func:`stance.read_articles`.

    Returns
    -------
    Analysis
    """
    from stance.articles import read_articles
    from stance.model import resolve_model
    from stance.scoring import aggregate_articles, _check_batching, score_batches
    from stance.temperatures import paragraph_key, temperature

    _check_batching(batch_size, n_jobs)  # before the model and the articles are read

    if model_card is None and (model is None or isinstance(model, (str, Path))):
        # a model from a file has its card beside it
        from stance._resources import data_dir
        from stance.model import DEFAULT_MODEL

        model_path = Path(model) if model is not None else data_dir("models") / DEFAULT_MODEL
        try:
            model_card = model_path.with_suffix(".md").read_text(encoding="utf-8")
        except OSError:
            model_card = ""
    model = resolve_model(model)  # the default model is loaded once per process
    articles = source if isinstance(source, pd.DataFrame) else read_articles(source, **read_options)
    scored_parts, mention_parts, text_parts = [], [], []
    for batch in score_batches(articles, model, batch_size, n_jobs):
        scored_parts.append(batch.scored)
        mention_parts.append(batch.mentions)
        text_parts.append(batch.paragraphs[["article_id", "paragraph_id", "text", "start"]].rename(
            columns={"start": "paragraph_start"}))
        if progress is not None:
            progress(batch.done, len(articles))
    scored = pd.concat(scored_parts, ignore_index=True)
    mentions = pd.concat(mention_parts, ignore_index=True)
    texts = pd.concat(text_parts, ignore_index=True)
    meta = articles[["article_id"] + [c for c in _META if c in articles.columns]].drop_duplicates("article_id")
    for column in _META:
        if column not in meta.columns:
            meta[column] = None
    paragraphs = scored.merge(meta, on="article_id", how="left").merge(
        texts, on=["article_id", "paragraph_id"], how="left")
    paragraphs["paragraph_key"] = paragraphs["text"].map(paragraph_key)
    by_article = aggregate_articles(scored).merge(meta, on="article_id", how="left")
    overall = temperature(paragraphs, "all")
    return Analysis(
        articles=articles,
        paragraphs=paragraphs,
        mentions=mentions,
        pairs=by_article,
        temperature=overall if period == "all" else temperature(paragraphs, period),
        overall=overall,
        period=period,
        model_card=model_card or "",
        skipped=list(articles.attrs.get("skipped", [])),
    )


def summary_table(analysis: Analysis, limit: int = 12) -> str:
    """A short plain-text table of the warmest and coldest pairs, for the terminal."""
    overall = analysis.overall.sort_values("temperature", ascending=False, kind="stable")
    if overall.empty:
        return "no country pairs found"
    chosen = pd.concat([overall.head(limit // 2), overall.tail(limit // 2)]).drop_duplicates(
        ["country_a", "country_b"])
    lines = [f"{'pair':<34}{'temperature':>12}{'90% interval':>18}{'label':>10}{'articles':>10}"]
    for row in chosen.itertuples():
        pair = f"{row.name_a} – {row.name_b}"[:33]
        interval = f"{row.temp_low:+.0f} … {row.temp_high:+.0f}"
        lines.append(f"{pair:<34}{row.temperature:>+12.1f}{interval:>18}{row.label:>10}{row.n_articles:>10}")
    return "\n".join(lines)

