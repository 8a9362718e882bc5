"""Paragraphs → country mentions.

Every alias in the gazetteer (country names, demonyms, capitals, seats, cities,
combining forms, leaders' names, official titles and stop phrases) is compiled into one
Aho-Corasick automaton over case- and accent-folded text, so that a paragraph is read in
a single pass whatever the size of the gazetteer. The raw matches are then filtered:

1. word boundaries, and hyphens for combining forms ("Indo-", "Sino-");
2. letter case ("US" but not "us"; "Turkey" but not "turkey");
3. context rules from ``features/context_rules.csv`` ("Michael Jordan", "Atlanta,
   Georgia", "turkey sandwich");
4. leftmost-longest selection, so that a stop phrase ("Shanghai Cooperation
   Organization", "Indian Ocean") swallows the country words inside it;
5. leaders resolved by the article's date;
6. officials by title ("the Russian president" is one ``official`` mention), and bare
   titles ("the prime minister") resolved to the country whose holder of that title
   the article last named;
7. misspelt or repeated surnames of a leader already named in the article ("Mode" for
   "Modi"), where the word stands where a person's name fits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from stance.gazetteer import Gazetteer, load_gazetteer

__all__ = ["find_mentions", "MentionFinder", "MENTION_KINDS", "MENTION_COLUMNS"]

#: Values of the ``kind`` column of :func:`find_mentions`.
MENTION_KINDS = ("name", "demonym", "capital", "seat", "city", "prefix", "leader", "official")
MENTION_COLUMNS = ["article_id", "paragraph_id", "country", "surface", "start", "end", "kind"]

_FAR_FUTURE = pd.Timestamp.max.toordinal()
_HYPHENS = frozenset("-‐‑‒–—")

# Between a country word and a title: "Russian President", "India's foreign minister",
# "the US then secretary of state".
_OFFICIAL_GAP = re.compile(
    r"(?:'s|’s|s'|s’)?\s+(?:(?P<mod>new|then|former|acting|interim|current|outgoing|incoming|top)\s+)?"
)
_BARE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
_OF_COUNTRY_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_PREFIX_GAP = re.compile(r"\.?\s+")

# Where a person's name fits: after a title, before a verb of speech or action, or as
# the object of such a verb.
_PERSON_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Premier|Chancellor|Minister|PM|King|Queen|Emir|Sheikh)\.?\s+$"
)
_PERSON_VERB_AFTER = re.compile(
    r"(?:'s\b|’s\b|,\s+(?:however|who|meanwhile|though|too|also|in turn|for (?:his|her) part)\b|"
    r"\s+(?:also\s+|then\s+|later\s+|again\s+|further\s+)?"
    r"(?:said|says|told|tells|mentioned|added|thanked|thanks|met|meets|visited|visits|urged|"
    r"called|asked|tried|assured|praised|noted|stressed|welcomed|spoke|arrived|left|announced|"
    r"declared|replied|wrote|insisted|warned|expressed|invited|hailed|agreed|signed|held|paid|"
    r"promised|pledged|vowed|recalled|discussed|raised|reiterated|underlined|emphasised|"
    r"emphasized|highlighted|offered|accepted|rejected|accused|criticised|criticized|"
    r"condemned|has|had|is|was|will|would)\b)"
)
_PERSON_VERB_BEFORE = re.compile(
    r"\b(?:thanked|told|met|urged|asked|invited|congratulated|praised|welcomed|called|"
    r"telephoned|hosted|received|with|by|and|to)\s+$"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Map accented Latin letters to their base letter and typographic marks to ASCII."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)
        if len(base) > 1 and base[0].isascii() and base[0].isalpha() and all(
            unicodedata.combining(c) for c in base[1:]
        ):
            table[code] = base[0]
    table.update({ord("İ"): "I", ord("ı"): "i"})
    for char in "‘’ʼ´`":
        table[ord(char)] = "'"
    for char in "“”„":
        table[ord(char)] = '"'
    for char in "‐‑‒–—―−":
        table[ord(char)] = "-"
    for char in "\u00a0\u2009\u202f\u2007":
        table[ord(char)] = " "
    return table


def fold(text: str) -> str:
    """Fold case, accents, quotes and dashes without changing the length of ``text``.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        A string of the same length, so that indices into it are indices into ``text``.
    """
    plain = text.translate(_fold_table())
    lower = plain.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in plain)


@dataclass(frozen=True)
class _Alias:
    country: str
    kind: str
    alias: str
    exact: bool


@dataclass(frozen=True)
class _Term:
    country: str
    name: str
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class _Title:
    surface: str
    title: str
    leader_title: bool


@dataclass(frozen=True)
class _Rule:
    before: re.Pattern | None
    after: re.Pattern | None
    window: re.Pattern | None
    unless: re.Pattern | None


@dataclass
class _Candidate:
    start: int
    end: int
    what: str  # "stop", "leader", "alias", "title"
    country: str | None = None
    kind: str | None = None
    title: str | None = None
    leader_title: bool = False


@dataclass
class _ArticleState:
    """What an article has said so far: title holders and leaders named."""

    titles: dict[str, str] = field(default_factory=dict)
    leaders: dict[str, tuple[str, str]] = field(default_factory=dict)  # surname -> (country, title)


def _within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


class MentionFinder:
    """Find country mentions in paragraphs with one compiled automaton.

    Parameters
    ----------
    gazetteer : stance.gazetteer.Gazetteer, optional
        The tables to compile. By default, the data shipped with stance.

    Notes
    -----
    Building the automaton takes a fraction of a second; :func:`find_mentions` reuses
    one finder for the default gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        import ahocorasick

        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        entries: dict[str, list] = {}

        def add(key: str, entry: object) -> None:
            entries.setdefault(fold(key.strip()), []).append(entry)

        g = self.gazetteer
        for row in g.aliases.itertuples(index=False):
            add(row.alias, _Alias(row.country, row.kind, row.alias, row.case == "exact"))
        terms: dict[str, list[_Term]] = {}
        for row in g.leaders.itertuples(index=False):
            end = _FAR_FUTURE if pd.isna(row.end) else row.end.toordinal()
            term = _Term(row.country, row.name, row.title, row.start.toordinal(), end)
            for alias in row.aliases.split("|"):
                if alias.strip():
                    terms.setdefault(alias.strip(), []).append(term)
        for alias, spells in terms.items():
            add(alias, ("leader", alias, tuple(spells)))
        for row in g.titles.itertuples(index=False):
            add(row.surface, _Title(row.surface, row.title, row.leader_title == "yes"))
        for phrase in g.stop_phrases["phrase"]:
            add(phrase, ("stop", phrase))

        automaton = ahocorasick.Automaton()
        for key, values in entries.items():
            automaton.add_word(key, (len(key), tuple(values)))
        automaton.make_automaton()
        self._automaton = automaton

        rules: dict[str, list[_Rule]] = {}
        for row in g.context_rules.itertuples(index=False):
            compiled = _Rule(*(re.compile(p) if p else None for p in (row.before, row.after, row.window, row.unless)))
            for alias in row.aliases.split("|"):
                rules.setdefault(alias.strip(), []).append(compiled)
        self._rules = rules

    # -- matching ---------------------------------------------------------------------

    def _excluded(self, alias: str, text: str, start: int, end: int) -> bool:
        for rule in self._rules.get(alias, ()):
            if rule.before and not rule.before.search(text[max(0, start - 80):start]):
                continue
            if rule.after and not rule.after.search(text[end:end + 80]):
                continue
            if rule.window and not rule.window.search(text[max(0, start - 150):end + 150]):
                continue
            if rule.unless and rule.unless.search(text[max(0, start - 200):end + 200]):
                continue
            return True
        return False

    @staticmethod
    def _case_ok(surface: str, expected: str, exact: bool) -> bool:
        if exact:
            return surface == expected or surface == expected.upper()
        return not surface[:1].islower() or expected[:1].islower()

    def _resolve(self, text: str, start: int, end: int, values: tuple, day: int | None) -> _Candidate | None:
        surface = text[start:end]
        hyphen_around = text[end:end + 1] in _HYPHENS or text[start - 1:start] in _HYPHENS
        best: _Candidate | None = None
        rank = {"stop": 0, "leader": 1, "alias": 2, "title": 3}
        for value in values:
            candidate = None
            if isinstance(value, _Alias):
                if value.kind == "prefix" and not hyphen_around:
                    continue
                if not self._case_ok(surface, value.alias, value.exact):
                    continue
                if self._excluded(value.alias, text, start, end):
                    continue
                candidate = _Candidate(start, end, "alias", value.country, value.kind)
            elif isinstance(value, _Title):
                exact = any(c.isupper() for c in value.surface)
                if exact and surface != value.surface:
                    continue
                candidate = _Candidate(start, end, "title", title=value.title, leader_title=value.leader_title)
            elif value[0] == "stop":
                candidate = _Candidate(start, end, "stop")
            else:  # leader
                _, alias, spells = value
                if surface[:1].islower():
                    continue
                if day is not None:
                    spells = tuple(t for t in spells if t.start <= day <= t.end)
                countries = {t.country for t in spells}
                if len(countries) != 1:
                    continue
                latest = max(spells, key=lambda t: t.start)
                candidate = _Candidate(start, end, "leader", latest.country, "leader", title=latest.title)
            if candidate is not None and (best is None or rank[candidate.what] < rank[best.what]):
                best = candidate
        return best

    def _candidates(self, text: str, day: int | None) -> list[_Candidate]:
        folded = fold(text)
        n = len(folded)
        found = []
        for last, (length, values) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < n and folded[end].isalnum():
                continue
            candidate = self._resolve(text, start, end, values, day)
            if candidate is not None:
                found.append(candidate)
        found.sort(key=lambda c: (c.start, c.start - c.end))
        selected: list[_Candidate] = []
        reach = 0
        for candidate in found:
            if candidate.start >= reach:
                selected.append(candidate)
                reach = candidate.end
        return selected

    # -- interpretation ---------------------------------------------------------------

    def paragraph_mentions(
        self, text: str, date: pd.Timestamp | None = None, state: _ArticleState | None = None
    ) -> list[tuple[str, str, int, int, str]]:
        """Find the mentions in one paragraph.

        Parameters
        ----------
        text : str
            The paragraph.
        date : pandas.Timestamp, optional
            The article's date; leaders resolve to the country they led on that day.
            Without a date, a leader's name resolves when all of its holders belong to
            one country.
        state : optional
            What earlier paragraphs of the same article named; updated in place. Pass
            the same object for every paragraph of an article, in order.

        Returns
        -------
        list of (country, surface, start, end, kind)
            Offsets are into ``text``.
        """
        state = state if state is not None else _ArticleState()
        day = None if date is None or pd.isna(date) else pd.Timestamp(date).toordinal()
        items = self._candidates(text, day)
        out: list[tuple[str, str, int, int, str]] = []
        skip = False
        for i, item in enumerate(items):
            if skip:
                skip = False
                continue
            nxt = items[i + 1] if i + 1 < len(items) else None
            if item.what == "alias":
                gap = _OFFICIAL_GAP.fullmatch(text, item.end, nxt.start) if nxt and nxt.what == "title" else None
                if gap and item.kind in ("name", "demonym", "capital", "seat"):
                    out.append((item.country, text[item.start:nxt.end], item.start, nxt.end, "official"))
                    if not gap.group("mod") or gap.group("mod") not in ("former", "outgoing"):
                        state.titles[nxt.title] = item.country
                    skip = True
                else:
                    out.append((item.country, text[item.start:item.end], item.start, item.end, item.kind))
            elif item.what == "leader":
                out.append((item.country, text[item.start:item.end], item.start, item.end, "leader"))
                if item.title:
                    state.titles[item.title] = item.country
                for token in re.findall(r"[A-Za-zÀ-ÿ]{4,}", text[item.start:item.end]):
                    if token[0].isupper():
                        state.leaders[token] = (item.country, item.title or "")
            elif item.what == "title":
                if nxt is not None and nxt.what == "leader" and _PREFIX_GAP.fullmatch(text, item.end, nxt.start):
                    state.titles[item.title] = nxt.country
                    continue
                if nxt is not None and nxt.what == "alias" and _OF_COUNTRY_GAP.fullmatch(text, item.end, nxt.start):
                    state.titles[item.title] = nxt.country
                    continue
                if not _BARE_BEFORE.search(text[max(0, item.start - 12):item.start]):
                    continue
                if _OF_AFTER.match(text, item.end) or _NAME_AFTER.match(text, item.end):
                    continue
                country = state.titles.get(item.title)
                if country is not None:
                    out.append((country, text[item.start:item.end], item.start, item.end, "official"))
        out.extend(self._surname_mentions(text, items, state))
        out.sort(key=lambda m: m[2])
        return out

    def _surname_mentions(self, text: str, items: list[_Candidate], state: _ArticleState):
        """Leaders named again by surname alone or misspelt by one letter ("Mode")."""
        if not state.leaders:
            return []
        taken = [(c.start, c.end) for c in items]
        found = []
        for match in _CAPITALISED.finditer(text):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            token = match.group(0)
            hit = None
            for known, (country, title) in state.leaders.items():
                if known[0] == token[0] and _within_one_edit(token, known):
                    hit = country
                    break
            if hit is None:
                continue
            before = text[max(0, start - 40):start]
            if _OF_AFTER.match(text, end):
                continue
            if (
                _PERSON_TITLE_BEFORE.search(before)
                or _PERSON_VERB_AFTER.match(text, end)
                or _PERSON_VERB_BEFORE.search(before)
            ):
                found.append((hit, token, start, end, "leader"))
        return found

    def find(self, paragraphs: pd.DataFrame) -> pd.DataFrame:
        """Find mentions in a batch of paragraphs; see :func:`find_mentions`."""
        if not isinstance(paragraphs, pd.DataFrame):
            raise TypeError(f"paragraphs must be a pandas DataFrame, got {type(paragraphs).__name__}")
        needed = ["article_id", "paragraph_id", "text", "start"]
        missing = [c for c in needed if c not in paragraphs.columns]
        if missing:
            raise ValueError(
                f"paragraphs is missing columns {missing}: expected at least {needed} "
                f"(as returned by stance.split_paragraphs), found {list(paragraphs.columns)}"
            )
        has_date = "date" in paragraphs.columns
        rows = []
        states: dict[object, _ArticleState] = {}
        ordered = paragraphs.sort_values(["article_id", "paragraph_id"], kind="stable")
        for row in ordered.itertuples(index=False):
            state = states.setdefault(row.article_id, _ArticleState())
            date = row.date if has_date else None
            for country, surface, start, end, kind in self.paragraph_mentions(row.text, date, state):
                rows.append((row.article_id, row.paragraph_id, country, surface,
                             row.start + start, row.start + end, kind))
        frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
        for column in ("paragraph_id", "start", "end"):
            frame[column] = frame[column].astype("int64")
        return frame


@lru_cache(maxsize=1)
def _default_finder() -> MentionFinder:
    return MentionFinder()


def find_mentions(paragraphs: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Find every country that each paragraph refers to.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        As returned by :func:`stance.split_paragraphs`: needs ``article_id``,
        ``paragraph_id``, ``text`` and ``start``; ``date`` is used to resolve leaders.
        Paragraphs of one article are read in ``paragraph_id`` order, because bare
        titles and misspelt names refer back to what the article named before.
    gazetteer : stance.gazetteer.Gazetteer, optional
        Tables to use instead of the shipped ``features/``.

    Returns
    -------
    pandas.DataFrame
        One row per mention with columns ``article_id``, ``paragraph_id``,
        ``country`` (ISO 3166-1 alpha-3; XKX for Kosovo), ``surface`` (the text as
        written), ``start`` and ``end`` (offsets into the article text) and ``kind``
        (one of :data:`MENTION_KINDS`).
    """
    finder = _default_finder() if gazetteer is None else MentionFinder(gazetteer)
    return finder.find(paragraphs)


def extract_mentions(source, **read_options) -> pd.DataFrame:
    """Read articles and return their country mentions: the ``stance mentions`` job.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        Files, folders or ``"-"`` for standard input, read with
        :func:`stance.read_articles`; or an articles DataFrame already read.
    **read_options
        Passed to :func:`stance.read_articles` (``on_error``, ``text_column``, …).

    Returns
    -------
    pandas.DataFrame
        As :func:`find_mentions`. ``attrs["skipped"]`` lists the inputs skipped with
        ``on_error="skip"``.
    """
    from stance.articles import read_articles
    from stance.paragraphs import split_paragraphs

    articles = source if isinstance(source, pd.DataFrame) else read_articles(source, **read_options)
    mentions = find_mentions(split_paragraphs(articles))
    mentions.attrs["skipped"] = list(articles.attrs.get("skipped", []))
    return mentions
