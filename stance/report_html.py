"""The HTML report: one self-contained file, charts drawn by matplotlib as inline SVG."""

from __future__ import annotations

import html
import io
import re

import numpy as np
import pandas as pd

__all__ = ["render"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;
color:#1b1b1b;line-height:1.45;padding:0 1rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
th,td{padding:.28rem .6rem;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
.warm{color:#b2182b;font-weight:600}.cold{color:#2166ac;font-weight:600}.muted{color:#666}
mark{background:#ffe8a3;padding:0 .1rem}.para{margin:.4rem 0 .8rem;padding:.5rem .8rem;border-left:4px solid #ccc;
background:#fafafa}.para.warm-border{border-color:#b2182b}.para.cold-border{border-color:#2166ac}
.chart{margin:.8rem 0}.chart svg{max-width:100%;height:auto}nav a{margin-right:1rem}
"""


def _e(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value))


def _temp_class(value: float) -> str:
    return "warm" if value > 10 else "cold" if value < -10 else ""


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "stance"
    plt.rcParams["svg.fonttype"] = "path"
    return plt


def _heatmap(overall: pd.DataFrame, limit: int = 25) -> str:
    if overall.empty:
        return ""
    plt = _pyplot()
    volume = pd.concat([overall[["name_a", "n_paragraphs"]].rename(columns={"name_a": "name"}),
                        overall[["name_b", "n_paragraphs"]].rename(columns={"name_b": "name"})])
    names = volume.groupby("name")["n_paragraphs"].sum().sort_values(ascending=False).head(limit).index
    names = sorted(names)
    index = {n: i for i, n in enumerate(names)}
    matrix = np.full((len(names), len(names)), np.nan)
    for row in overall.itertuples():
        if row.name_a in index and row.name_b in index:
            matrix[index[row.name_a], index[row.name_b]] = matrix[index[row.name_b], index[row.name_a]] = row.temperature
    size = max(3.5, 0.42 * len(names) + 1.5)
    figure, axes = plt.subplots(figsize=(size + 1.2, size))
    image = axes.imshow(np.ma.masked_invalid(matrix), cmap="RdBu_r", vmin=-100, vmax=100)
    axes.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(names)), names, fontsize=8)
    axes.set_title("Temperature of each pair (whole set)", fontsize=10)
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="temperature (-100 cold … +100 warm)")
    return _svg(figure)


def _timeline(rows: pd.DataFrame, title: str) -> str:
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 2.6))
    x = np.arange(len(rows))
    axes.fill_between(x, rows["temp_low"], rows["temp_high"], color="#999999", alpha=0.3, label="90% interval")
    axes.plot(x, rows["temperature"], marker="o", color="#333333", label="temperature")
    axes.axhline(0, color="#bbbbbb", linewidth=0.8)
    axes.set_ylim(-100, 100)
    axes.set_xticks(x, rows["period"], rotation=45, ha="right", fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, loc="upper left")
    return _svg(figure)


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at or start < 0 or end > len(text):
            continue
        out.append(_e(text[at:start]))
        out.append(f"<mark>{_e(text[start:end])}</mark>")
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


def _markdown(card: str) -> str:
    """Enough Markdown for a model card: headings, lists, tables and paragraphs."""
    out, table, items = [], [], []

    def flush():
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?[\s:|-]+\|?", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            head, body = cells[0], cells[1:]
            out.append("<table><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>"
                       + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body)
                       + "</table>")
            table.clear()

    for line in card.splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        if line.startswith("- "):
            items.append(line[2:])
            continue
        flush()
        if line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")) + 2, 6)
            out.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    flush()
    return "\n".join(out)


def _inline(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(text))


def render(analysis) -> str:
    """The report of an :class:`stance.report.Analysis` as one HTML document."""
    overall = analysis.overall.sort_values("temperature", ascending=False, kind="stable")
    paragraphs = analysis.paragraphs
    mentions = analysis.mentions
    n_articles = len(analysis.articles)
    parts = [
        "<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>stance report: temperature of country relations</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Temperature of country relations</h1>",
        f"<p class=\"muted\">{n_articles} article(s), {paragraphs[['article_id', 'paragraph_id']].drop_duplicates().shape[0]} "
        f"paragraph(s) naming two or more countries, {len(overall)} country pair(s). Temperature runs from "
        "-100 (hostile) to +100 (friendly); the interval is 90%.</p>",
        "<nav><a href=\"#summary\">Summary</a><a href=\"#matrix\">Pair matrix</a><a href=\"#timelines\">Timelines</a>"
        "<a href=\"#evidence\">Evidence</a><a href=\"#method\">Method</a></nav>",
        "<h2 id=\"summary\">Pairs, warmest and coldest first</h2>",
    ]

    def pair_table(rows: pd.DataFrame, caption: str) -> str:
        body = "".join(
            f"<tr><td><a href=\"#pair-{_e(r.country_a)}-{_e(r.country_b)}\">{_e(r.name_a)} – {_e(r.name_b)}</a></td>"
            f"<td class=\"num {_temp_class(r.temperature)}\">{r.temperature:+.1f}</td>"
            f"<td class=\"num\">{r.temp_low:+.0f} … {r.temp_high:+.0f}</td><td>{_e(r.label)}</td>"
            f"<td class=\"num\">{r.n_articles}</td><td class=\"num\">{r.n_paragraphs}</td></tr>"
            for r in rows.itertuples())
        return (f"<table><caption>{_e(caption)}</caption><tr><th>pair</th><th>temperature</th>"
                f"<th>90% interval</th><th>label</th><th>articles</th><th>paragraphs</th></tr>{body}</table>")

    if overall.empty:
        parts.append("<p>No paragraph names two or more countries.</p>")
    else:
        parts.append(pair_table(overall.head(15), "Warmest"))
        parts.append(pair_table(overall.sort_values("temperature", kind="stable").head(15), "Coldest"))
    parts.append("<h2 id=\"matrix\">Pair matrix</h2>")
    parts.append(f"<div class=\"chart\" id=\"heatmap\">{_heatmap(analysis.overall)}</div>")

    parts.append(f"<h2 id=\"timelines\">Timelines by {_e(analysis.period)}</h2>")
    timeline = analysis.temperature
    counts = timeline.groupby(["country_a", "country_b"]).size()
    several = counts[counts >= 2].index
    if len(several) == 0:
        parts.append("<p class=\"muted\">No pair has two or more periods with dated articles.</p>")
    volume = overall.set_index(["country_a", "country_b"])["n_paragraphs"]
    for a, b in sorted(several, key=lambda k: -volume.get(k, 0))[:12]:
        rows = timeline[(timeline["country_a"] == a) & (timeline["country_b"] == b)]
        title = f"{rows['name_a'].iloc[0]} – {rows['name_b'].iloc[0]}"
        parts.append(f"<div class=\"chart timeline\">{_timeline(rows, title)}</div>")

    parts.append("<h2 id=\"evidence\">The paragraphs that warmed and cooled each pair</h2>")
    for r in overall.sort_values("n_paragraphs", ascending=False, kind="stable").head(30).itertuples():
        rows = paragraphs[(paragraphs["country_a"] == r.country_a) & (paragraphs["country_b"] == r.country_b)]
        rows = rows.drop_duplicates("paragraph_key")
        parts.append(f"<h3 id=\"pair-{_e(r.country_a)}-{_e(r.country_b)}\">{_e(r.name_a)} – {_e(r.name_b)}: "
                     f"<span class=\"{_temp_class(r.temperature)}\">{r.temperature:+.1f}</span> "
                     f"<span class=\"muted\">({_e(r.label)}, {r.n_paragraphs} paragraph(s))</span></h3>")
        # the three warmest of the paragraphs above 0 and the three coldest below it
        warm = rows[rows["temperature"] > 0].sort_values("temperature", ascending=False, kind="stable").head(3)
        cold = rows[rows["temperature"] < 0].sort_values("temperature", kind="stable").head(3)
        for title, chosen, border in (("Warmed it", warm, "warm-border"), ("Cooled it", cold, "cold-border")):
            if chosen.empty:
                continue
            parts.append(f"<h4>{title}</h4>")
            for p in chosen.itertuples():
                found = mentions[(mentions["article_id"] == p.article_id) & (mentions["paragraph_id"] == p.paragraph_id)
                                 & mentions["country"].isin([p.country_a, p.country_b])]
                spans = [(s - p.paragraph_start, e - p.paragraph_start) for s, e in zip(found["start"], found["end"])]
                source = _e(p.title if isinstance(p.title, str) and p.title else p.article_id)
                link = f"<a href=\"{_e(p.url)}\">{source}</a>" if isinstance(p.url, str) and p.url else source
                date = "" if pd.isna(p.date) else pd.Timestamp(p.date).strftime("%Y-%m-%d")
                parts.append(f"<div class=\"para {border}\"><div>{_highlight(p.text, spans)}</div>"
                             f"<div class=\"muted\">{p.temperature:+.0f} ({_e(p.label)}) · {link} {date} · "
                             f"paragraph {p.paragraph_id}</div></div>")

    parts.append("<h2 id=\"method\">Method</h2>")
    parts.append("<p>Each paragraph that names two or more countries is scored for every pair in it; a "
                 "pair's temperature pools its paragraphs, each weighted by how much it says about the "
                 "relation, with a repeated paragraph counted once and a bootstrap over articles for the "
                 "interval.</p>")
    parts.append(_markdown(analysis.model_card) if analysis.model_card else "")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
