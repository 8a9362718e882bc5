"""Paragraphs and mentions → one row per paragraph and country pair.

:func:`build_pairs` reads every paragraph that names two or more countries once:
its sentences, the VADER and TextBlob scores of each sentence, and the cues of the
lexicon with the negations, hedges and reversals that govern them. Every pair of
countries in the paragraph then gets a row that carries where each of the two is
named, where the other countries are, and the paragraph's reading. The feature
transformers of :mod:`stance.features` compute a pair's features from that row
alone, so the reading is shared by all the pairs of a paragraph and never repeated.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import combinations

import re

import pandas as pd

from stance.lexicon import Lexicon, load_lexicon
from stance.mentions import PAIRLESS_KINDS
from stance.paragraphs import sentence_spans
from stance.sentiment import SentimentScorer

__all__ = ["build_pairs", "PAIR_COLUMNS", "mask_countries"]

#: Columns of :func:`build_pairs`.
PAIR_COLUMNS = [
    "article_id", "paragraph_id", "country_a", "country_b", "text", "start", "date",
    "spans_a", "spans_b", "others", "sentences", "sentence_scores", "cues",
    "sentences_a", "sentences_b", "cue_sides", "evidence",
]


def _sentence_index(starts: list[int], position: int) -> int:
    """The index of the sentence that holds ``position`` (the nearest one before it),
    given where the sentences start."""
    k = bisect_right(starts, position) - 1
    return max(k, 0)


def _evidence(text: str, sentences, spans_a, spans_b, cues, joint) -> str:
    """The sentence holding both countries with the most cue weight; else the nearest two."""
    if joint:
        weight = {k: 0.0 for k in joint}
        for cue in cues:
            if cue[10] in weight:
                weight[cue[10]] += abs(cue[5])
        best = max(sorted(joint), key=lambda k: weight[k])
        return text[sentences[best][0]:sentences[best][1]]
    # no sentence holds both: the closest sentence of each, in order
    gap, pick = None, None
    for a in spans_a:
        for b in spans_b:
            d = abs(a[0] - b[0])
            if gap is None or d < gap:
                gap, pick = d, (a, b)
    chosen = []
    for span in pick:
        for s, e in sentences:
            if s <= span[0] < e and (s, e) not in chosen:
                chosen.append((s, e))
    chosen.sort()
    return " … ".join(text[s:e] for s, e in chosen)


# what joins mentions into one side of a cue: "and", "or", commas (with a "the" after
# them: "Britain and the US signed", "Italy, Sweden, the United Kingdom and"), nothing,
# or the hyphen, dash or slash of a dyad ("Indo-Russia relations", "US-China talks")
_LINK = re.compile(r"(?:\s*(?:,|and|or|&|as well as|together with|along with)\s*)+(?:the\s+)?$|\s*$|[-‐–/]$")


# what ends a cue's clause before the country after it: a comma, semicolon, colon,
# bracket or dash ("China and Pakistan signed agreements on the corridor, which India
# opposes"; "Japan and Australia signed a pact, a move likely to irritate China")
_CLAUSE_END = re.compile(r"[,;:(]\s|\s[–—-]+\s")
# unless the countries stand in apposition to the cue ("India's adversaries, China and
# Pakistan") or the country after it is the speaker of what comes before: "India is a
# time-tested friend, Putin said", "..., said Russian President Vladimir Putin"
_APPOSITION = re.compile(r"\s*[,(–—-]\s*(?:the\s+)?", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(r"(?:\s+[A-Z][\w.'’-]*){0,4}\s+(?:said|says|told|added|stressed|noted|declared|"
                            r"announced|insisted|wrote|tweeted|warned|argued|claimed|replied|remarked)\b")
_SPEAKER_BEFORE = re.compile(r",\s+(?:said|says|according\s+to|added|told)\s+(?:[\w.'’-]+\s+){0,4}$")


# a country named as the place near which something happens is not what was done to:
# "Russia and China held joint naval drills near Japan", "off the coast of Somalia"
_PLACE_BEFORE = re.compile(r"\b(?:near|off|outside|around|along|close\s+to|off\s+the\s+coasts?\s+of"
                           r"|(?:in|into)\s+the\s+waters\s+(?:of|off))\s+(?:the\s+)?$", re.IGNORECASE)


def _clause_ends(text: str, cue_end: int, mention: tuple) -> bool:
    """Whether the cue's clause ends before ``mention``, the first country after it,
    or names it as a place, so that it is not the cue's object (see
    :data:`_CLAUSE_END` and :data:`_PLACE_BEFORE`)."""
    # plain ``in`` first: most gaps hold none of these words and marks, and a regex
    # search for every cue cost as much as the rest of its sides (pipeline_speed.py)
    start = mention[1]
    gap = text[cue_end:start]
    # a place word stands just before the country, in lower case after a cue
    if ("near" in gap or "off" in gap or "outside" in gap or "around" in gap or "along" in gap or "close" in gap
            or "waters" in gap) and _PLACE_BEFORE.search(text, max(cue_end, start - 40), start):
        return True
    if not ("," in gap or ";" in gap or ":" in gap or "(" in gap or "–" in gap or "—" in gap or " -" in gap):
        return False
    if not _CLAUSE_END.search(gap) or _APPOSITION.fullmatch(gap):
        return False
    return not (_SPEAKER_AFTER.match(text, mention[2]) or _SPEAKER_BEFORE.search(gap))


def _joined(text: str, a: tuple, b: tuple) -> bool:
    """Whether mention ``a`` and the mention ``b`` after it are one side of a cue: on
    the same span ("the two sides"), or with only a :data:`_LINK` between them."""
    return (a[1] == b[1] and a[2] == b[2]) or _LINK.fullmatch(text, a[2], b[1]) is not None


def _groups(text: str, mentions, starts: list[int], s: int, e: int, cue_start: int,
            cue_end: int) -> tuple[frozenset, frozenset]:
    """The countries before a cue (its subject side) and after it (its object side).

    Each side is the nearest mention on that side of the cue within its sentence (after
    it, within its clause: no comma, semicolon, colon, bracket or dash between, unless
    the countries stand in apposition to the cue, "India's adversaries, China and
    Pakistan", or that country is the speaker, "India is a friend, Putin said"), plus
    the mentions joined to it by "and", "or" or commas, with or without a "the" after
    them ("India and Russia signed", "sanctions on Iran and Syria", "Britain and the
    US signed") and those on the same span ("the two sides
    signed"). ``mentions`` are ``(country, start, end)`` sorted by start, and
    ``starts`` their starts.
    """
    left = right = frozenset()
    i = bisect_right(starts, cue_start) - 1  # the last mention starting before the cue
    while i >= 0 and mentions[i][2] > cue_start:  # skip one that overlaps the cue
        i -= 1
    if i >= 0 and mentions[i][1] >= s:
        group = [mentions[i]]
        for m in reversed(mentions[:i]):
            if m[1] >= s and _joined(text, m, group[-1]):
                group.append(m)
            else:
                break
        left = frozenset(m[0] for m in group)
    j = bisect_left(starts, cue_end)  # the first mention starting after the cue
    if j < len(mentions) and mentions[j][2] <= e and not _clause_ends(text, cue_end, mentions[j]):
        group = [mentions[j]]
        for m in mentions[j + 1:]:
            if m[2] <= e and _joined(text, group[-1], m):
                group.append(m)
            else:
                break
        right = frozenset(m[0] for m in group)
    return left, right


def mask_countries(text: str, spans_a, spans_b, others, lo: int = 0, hi: int | None = None, *,
                   tags: tuple[str, str, str] = ("CTRYA", "CTRYB", "CTRYX")) -> str:
    """``text[lo:hi]`` with the two countries as ``CTRYA``/``CTRYB`` and others as ``CTRYX``.

    Parameters
    ----------
    text : str
        The paragraph.
    spans_a, spans_b : sequence of (start, end)
        Where the pair's first and second country are named.
    others : sequence of (country, start, end)
        Where other countries are named.
    lo, hi : int, optional
        The part of ``text`` to return.
    tags : tuple of three str, default ("CTRYA", "CTRYB", "CTRYX")
        What replaces the first country, the second and the others
        (:class:`stance.features.EventClasses` masks every country alike).

    Returns
    -------
    str
    """
    hi = len(text) if hi is None else hi
    tag_a, tag_b, tag_x = tags
    # only the mentions inside [lo, hi) are masked: the paragraph's others are many
    marks = sorted([(s, e, tag_a) for s, e in spans_a if lo <= s and e <= hi]
                   + [(s, e, tag_b) for s, e in spans_b if lo <= s and e <= hi]
                   + [(s, e, tag_x) for _, s, e in others if lo <= s and e <= hi])
    out, at = [], lo
    for s, e, tag in marks:
        if s < at:  # overlaps the mention masked before it
            continue
        out.append(text[at:s])
        out.append(tag)
        at = e
    out.append(text[at:hi])
    return "".join(out)


def build_pairs(
    paragraphs: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    scorer: SentimentScorer | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """One row per paragraph and unordered pair of countries it names.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        As returned by :func:`stance.split_paragraphs` (``article_id``,
        ``paragraph_id``, ``text``, ``start``; ``date`` if present).
    mentions : pandas.DataFrame
        As returned by :func:`stance.find_mentions` for those paragraphs. Mentions of
        kind ``"dateline"`` (the place a report was filed from) form no pairs.
    scorer : SentimentScorer, optional
        Reused across batches to remember sentences already scored.
    lexicon : Lexicon, optional
        By default the lexicon shipped in ``features/``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PAIR_COLUMNS`. ``country_a`` < ``country_b`` (ISO3);
        ``text`` is the paragraph, an object column whose pairs of one paragraph share
        one string;
        ``spans_a``/``spans_b`` are the ``(start, end)`` of each mention of the
        country and ``others`` the ``(country, start, end)`` of the rest, all offsets
        into the paragraph ``text``; ``sentences`` are the sentence spans,
        ``sentence_scores`` their six sentiment scores
        (:data:`stance.sentiment.SENTIMENT_COLUMNS`), ``cues`` the lexicon hits
        (:data:`stance.lexicon.CUE_HIT_FIELDS`), ``sentences_a``/``sentences_b`` the
        indices of the sentences that name each country, ``cue_sides`` the countries
        just before and just after each cue (see :func:`_groups`), and ``evidence``
        the sentence that holds both countries.
    """
    scorer = scorer if scorer is not None else SentimentScorer()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    rows: list[tuple] = []
    texts: list[str] = []
    if len(mentions):
        # plain lists: iterating pandas columns element by element is slow
        dates = paragraphs["date"].tolist() if "date" in paragraphs.columns else [pd.NaT] * len(paragraphs)
        where_is = {key: (text, start, date) for key, text, start, date in zip(
            zip(paragraphs["article_id"].tolist(), paragraphs["paragraph_id"].tolist()),
            paragraphs["text"].tolist(), paragraphs["start"].tolist(), dates)}
        if "kind" in mentions.columns:
            # the place a report was filed from is not a party to it
            pairless = mentions["kind"].isin(PAIRLESS_KINDS).to_numpy()
            if pairless.any():
                mentions = mentions[~pairless]
        by_paragraph: dict[tuple, dict[str, list[tuple[int, int]]]] = {}
        for key, country, start, end in zip(zip(mentions["article_id"].tolist(), mentions["paragraph_id"].tolist()),
                                            mentions["country"].tolist(), mentions["start"].tolist(),
                                            mentions["end"].tolist()):
            by_paragraph.setdefault(key, {}).setdefault(country, []).append((start, end))
        paired = [(key, found) for key, found in by_paragraph.items() if len(found) >= 2]
        # the sentences of every paragraph with a pair, scored in one pass, so that the
        # analysers' tables stay in the processor's caches (the same numbers as one
        # paragraph at a time, in about two thirds of the time)
        split = [tuple(sentence_spans(where_is[key][0])) for key, _ in paired]
        flat = scorer.score_many([where_is[key][0][s:e] for (key, _), sentences in zip(paired, split)
                                  for s, e in sentences])
        # and the cues of every paragraph in one pass, for the lexicon's tables
        read = [tuple(lexicon.read(where_is[key][0], list(sentences))) for (key, _), sentences in zip(paired, split)]
        at = 0
        for ((article_id, paragraph_id), found), sentences, cues in zip(paired, split, read):
            text, base, date = where_is[(article_id, paragraph_id)]
            where = {c: [(s - base, e - base) for s, e in spans] for c, spans in found.items()}
            countries = sorted(where)
            scores = tuple(flat[at:at + len(sentences)])
            at += len(sentences)
            sentence_starts = [s for s, _ in sentences]
            in_sentences = {c: frozenset(_sentence_index(sentence_starts, s) for s, _ in spans)
                            for c, spans in where.items()}
            ordered = sorted(((c, s, e) for c, spans in where.items() for s, e in spans), key=lambda m: m[1])
            starts = [m[1] for m in ordered]
            sides = tuple(_groups(text, ordered, starts,
                                  *(sentences[cue[10]] if cue[10] < len(sentences) else (0, len(text))),
                                  cue[0], cue[1]) for cue in cues)
            # every mention by country, then start: each pair's others are these less its own
            by_country = tuple(sorted(ordered)) if len(countries) > 2 else ()
            for a, b in combinations(countries, 2):
                spans_a, spans_b = tuple(where[a]), tuple(where[b])
                others = tuple(m for m in by_country if m[0] != a and m[0] != b)
                joint = in_sentences[a] & in_sentences[b]
                texts.append(text)
                rows.append((
                    article_id, paragraph_id, a, b, None, base, date, spans_a, spans_b, others,
                    sentences, scores, cues, in_sentences[a], in_sentences[b], sides,
                    _evidence(text, sentences, spans_a, spans_b, cues, joint),
                ))
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    # the paragraph stays one Python string shared by its pairs (an object column, not
    # pandas' own strings, which would copy it for every pair each time a feature
    # transformer reads the column, and hash each copy anew where it is looked up)
    frame["text"] = pd.Series(texts, dtype=object, index=frame.index)
    frame["paragraph_id"] = frame["paragraph_id"].astype("int64")
    frame["start"] = frame["start"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
