"""Paragraphs → country mentions.

Every alias in the gazetteer (country names, demonyms, capitals, seats, cities,
combining forms, leaders' names, official titles and stop phrases) is compiled into one
Aho-Corasick automaton over case- and accent-folded text, so that a paragraph is read in
a single pass whatever the size of the gazetteer. The raw matches are then filtered:

1. word boundaries, and hyphens for combining forms ("Indo-", "Sino-");
2. letter case ("US" but not "us"; "Turkey" but not "turkey");
3. context rules from ``features/context_rules.csv`` ("Michael Jordan", "Atlanta,
   Georgia", "turkey sandwich", "Abe Lincoln"), some of which read a name as another
   country's city instead ("Tripoli, Lebanon");
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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from stance._gc import collector_paused
from stance.gazetteer import Gazetteer, load_gazetteer
from stance.paragraphs import sentence_spans

__all__ = ["find_mentions", "extract_mentions", "iter_mentions", "MentionFinder", "MENTION_KINDS", "MENTION_COLUMNS",
           "PAIRLESS_KINDS"]

#: Values of the ``kind`` column of :func:`find_mentions`.
MENTION_KINDS = ("name", "demonym", "capital", "seat", "city", "prefix", "leader", "official", "pronoun",
                 "dyad", "dateline")
MENTION_COLUMNS = ["article_id", "paragraph_id", "country", "surface", "start", "end", "kind"]
#: Kinds of mention that name no party to what a paragraph reports, and so form no
#: pair: the place in a dateline ("BEIJING, March 3 (Reuters) -").
PAIRLESS_KINDS = frozenset({"dateline"})

_FAR_FUTURE = pd.Timestamp.max.toordinal()
_HYPHENS = frozenset("-‐‑‒–—")
_RANK = {"stop": 0, "leader": 1, "alias": 2, "title": 3}
_MISSING = object()
_CACHE_LIMIT = 200_000

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
_NAME_TOKEN = re.compile(r"\b[A-Z][a-zà-ÿ]{3,}\b")

# "He" or "She" before a lower-case word ("He thanked Modi …"); _opens_sentence then
# keeps those that may open a sentence (a plain pattern, checked after, reads a batch
# several times faster than one with look-behinds), and the sentence splitter decides
_PRONOUN = re.compile(r"(?:He|She)(?=\s+[a-z])")
_PERSON_KINDS = frozenset({"leader", "official"})
# "the two sides", "both countries", "the two leaders": the pair just named. Not "both
# sides of the border". The pattern reads from "two" or "oth"; _dyad_start finds "the"
# or the "B" before them.
_DYAD = re.compile(
    r"(?:two|oth)\s+(?:sides|countries|nations|neighbou?rs|governments|leaders|capitals|delegations|"
    r"allies|rivals|states)\b(?!\s+of\b)"
)
_THE_BEFORE = re.compile(r"(?<![\w-])[Tt]he\s+$")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Map accented Latin letters to their base letter and typographic marks to ASCII."""
    table: dict[int, str] = {}
    # Latin-1 to Latin Extended-B, and Latin Extended Additional (Vietnamese "ễ", "ạ")
    for code in [*range(0x80, 0x250), *range(0x1E00, 0x1F00)]:
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


# ASCII characters other than letters and digits become spaces in the matching key.
_ASCII_BREAKS = bytes(c if chr(c).isalnum() else ord(" ") for c in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Latin letters that Unicode does not decompose into a base letter and an accent
_LATIN_EXTRA = str.maketrans("øđłħŧŋßæœðþı", "odlhtnsaedti")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One non-ASCII character as the matching key reads it: a letter, or a space."""
    folded = fold(char).translate(_LATIN_EXTRA)
    return folded if folded.isalnum() else " "


def _fold_match(match: re.Match) -> str:
    return _fold_char(match.group())


def _match_key(text: str, letter: str | None = None) -> str:
    """The form the automaton reads: folded, with word breaks as spaces and spaces around.

    Every alias is stored in this form with a space on each side, so that the
    automaton itself only reports matches that begin and end at word boundaries.
    Offsets in the key are one more than offsets in ``text``. Only the few non-ASCII
    characters go through Python; the rest stays on the fast path of ``str.translate``.

    Letters of other scripts stay letters. Given ``letter``, an ASCII letter or digit
    that no alias contains, they become that character instead, which keeps them
    letters for the word boundaries and keeps the whole text on the fast path.
    """
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lower-cases to two characters
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not lower.isascii():
        lower = _NON_ASCII.sub(_fold_match, lower)
        if letter is not None and not lower.isascii():
            lower = _NON_ASCII.sub(letter, lower)
    if lower.isascii():
        return " " + lower.encode("ascii").translate(_ASCII_BREAKS).decode("ascii") + " "
    # letters of other scripts stay as they are
    return " " + "".join(c if c.isalnum() else " " for c in lower) + " "


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
    exact: bool  # an abbreviation such as "PM" matches only as written


@dataclass(frozen=True)
class _Rule:
    before: re.Pattern | None
    after: re.Pattern | None
    window: re.Pattern | None
    unless: re.Pattern | None
    # where the rule holds, the name is read as this country instead of dropped
    country: str | None = None


@dataclass(frozen=True)
class _Gate:
    """The gates of one kind (after, before, window) of an alias's rules as two regexes:
    ``plain`` for the case-sensitive ones, ``folded`` for the case-insensitive ones,
    without the flag, to search in a lower-cased ASCII stretch (much quicker than
    ``(?i)``); ``folded_any`` is the same with the flag, for other text."""

    plain: re.Pattern | None
    folded: re.Pattern | None
    folded_any: re.Pattern | None

    @classmethod
    def of(cls, patterns: list[str]) -> _Gate | None:
        if not patterns:
            return None
        plain, folded = [], []
        for pattern in patterns:
            flags = _GLOBAL_FLAGS.match(pattern)
            flag, rest = (flags.group(1), pattern[flags.end():]) if flags else ("", pattern)
            # a gate need only be necessary: a leading word boundary, which stops the
            # regex engine from skipping ahead, can go
            rest = rest[2:] if rest.startswith("\\b") else rest
            if flag == "i" and rest.isascii() and not _UPPER_OUTSIDE_ESCAPES.search(rest):
                folded.append(rest)
            else:
                plain.append(f"(?{flag}){rest}" if flag else rest)
        join = "|".join
        return cls(re.compile(join(map(_scoped, plain))) if plain else None,
                   re.compile(join(f"(?:{p})" for p in folded)) if folded else None,
                   re.compile(join(f"(?i:{p})" for p in folded)) if folded else None)

    def search(self, stretch: str) -> bool:
        if self.plain is not None and self.plain.search(stretch):
            return True
        if self.folded is None:
            return False
        if stretch.isascii():
            return self.folded.search(stretch.lower()) is not None
        return self.folded_any.search(stretch) is not None


@dataclass(frozen=True)
class _RuleSet:
    """The context rules of one alias, with a quick test that any of them needs.

    Each rule is gated on one of its conditions (the text after, before or around the
    match), and the gates of one kind are joined: unless one of them finds something,
    no rule can fire, and most matches are decided by one or two searches.
    """

    rules: tuple[_Rule, ...]
    after: _Gate | None
    before: _Gate | None
    window: _Gate | None
    ungated: bool  # a rule has only an "unless" condition

    @classmethod
    def of(cls, rules: list[_Rule]) -> _RuleSet:
        gates: dict[str, list[str]] = {"after": [], "before": [], "window": []}
        ungated = False
        for rule in rules:
            # a negative lookahead passes almost everywhere: gate on "before" instead
            positive_after = rule.after is not None and not _NEGATIVE_START.match(rule.after.pattern)
            if positive_after or (rule.after is not None and rule.before is None):
                gates["after"].append(rule.after.pattern)
            elif rule.before is not None:
                gates["before"].append(rule.before.pattern)
            elif rule.window is not None:
                gates["window"].append(rule.window.pattern)
            else:
                ungated = True
        return cls(tuple(rules), _Gate.of(gates["after"]), _Gate.of(gates["before"]), _Gate.of(gates["window"]),
                   ungated)


_NEGATIVE_START = re.compile(r"(?:\(\?[aiLmsux]+\))?\^?\(\?!")
_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_UPPER_OUTSIDE_ESCAPES = re.compile(r"(?<!\\)(?:\\\\)*[A-Z]|\\[pPN]|\(\?P")


def _scoped(pattern: str) -> str:
    """``pattern`` as a group that can join an alternation; leading global flags such
    as ``(?i)`` become the group's own."""
    flags = _GLOBAL_FLAGS.match(pattern)
    if flags:
        return f"(?{flags.group(1)}:{pattern[flags.end():]})"
    return f"(?:{pattern})"


# A match chosen by the automaton pass is a plain tuple (plain tuples are the cheapest
# thing Python makes), in this order; tuples sort leftmost, then longest first.
_Candidate = tuple  # (start, -length, end, what, country, kind, title, leader_title)
# what: "stop", "leader", "alias" or "title"


_OFFICIAL_KINDS = frozenset({"name", "demonym", "capital", "seat"})
# A country word right before another country's seat owns it: "Pakistan's Foreign
# Office", "the German Foreign Office", "Sudan People's Liberation Army". Seats such as
# "Foreign Office" or "Department of Defense" are the generic names of many countries'
# institutions, and the gazetteer gives each to one country.
_OWNER_KINDS = frozenset({"name", "demonym"})
_OWNER_GAP = re.compile(r"(?:'s|’s|s'|s’)?\s+")

# A dateline opening a paragraph: where the report was filed, not a party to it.
# "NEW DELHI: …", "BEIJING, March 3 (Reuters) - …", "KABUL, Afghanistan (AP) — …",
# "ST PETERSBURG (Russia), June 1 (PTI) …", "New York (CNN)…",
# "WASHINGTON/NEW DELHI (Reuters) -". A place in capitals
# needs a dash or colon after it; a place in ordinary case needs a news agency or a date.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_DATELINE_AGENCY = r"\([A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3}\)"
_DATELINE_GLOSS = r"(?:\s*\([A-Z][\w.'’ -]{0,30}\)(?=,))?(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
# one place, or several filed from at once ("WASHINGTON/NEW DELHI")
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLAIN_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}(?:\s*/\s*{_CAPS_PLACE})*|{_PLAIN_PLACE}(?:\s*/\s*{_PLAIN_PLACE})*)"
    rf"{_DATELINE_GLOSS}(?:,?\s*(?P<date>{_DATELINE_DATE}))?"
    rf"(?:\s*(?P<agency>{_DATELINE_AGENCY})(?:\s*[-–—]+|\s*:|(?=\s*[^\w\s]|\s*[A-Z0-9]))"
    rf"|(?P<sep>\s*(?:[-–—]+|:)))\s*(?=\S)"
)
# a lower-case letter within 40 characters, line breaks included: running text follows
_LOWER_SOON = re.compile(r".{0,40}?[a-z]", re.DOTALL)
_DATELINE_REACH = 120  # a mention that starts further into its paragraph is not in a dateline


def _dateline(text: str, lo: int) -> tuple[int, bool]:
    """Where the dateline opening the paragraph that starts at ``lo`` ends (``lo`` if
    there is none), and whether it is only a place in capitals and a dash or colon.

    A place in capitals followed by a dash or a colon is a dateline, as is any place
    followed by a news agency in brackets ("(Reuters)") or by a date and a dash or
    colon. What follows must read as a sentence (a lower-case letter soon), so that a
    headline in capitals ("INDIA - PAKISTAN TALKS") is not one. The caller rejects a
    bare one whose place is a country's name ("IRAN: Tehran said …").
    """
    match = _DATELINE.match(text, lo)
    if match is None:
        return lo, False
    place = match.group("place")
    dated, agency, separated = match.group("date"), match.group("agency"), match.group("sep")
    if place.startswith("The ") or (agency and "".join(w[0] for w in place.split()) == agency[1:-1]):
        return lo, False  # "The Foreign Office (FO) said", "Nigeria Labour Congress (NLC)"
    bare = not (agency or dated)
    if bare and not (separated and place.isupper() and len(place) > 3):
        return lo, False
    if not _LOWER_SOON.match(text, match.end()):
        return lo, False
    return match.end(), bare


# how far a context rule's "before" and "after" patterns look (features/README.md)
_RULE_REACH = 40


@dataclass
class _ArticleState:
    """What an article has said so far: title holders and leaders named."""

    titles: dict[str, str] = field(default_factory=dict)
    # name token of a leader named so far -> (country, paragraph first named in),
    # grouped by first letter
    leaders: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    # (surface, country) of the leaders' names read so far
    named: set[tuple[str, str]] = field(default_factory=set)

    def add_leader_token(self, token: str, country: str, paragraph: int = 0) -> None:
        group = self.leaders.setdefault(token[0], {})
        known = group.get(token)
        if known is None or known[0] != country:
            group[token] = (country, paragraph)

    def surname_country(self, token: str) -> tuple[str, int]:
        """``(country, paragraph)`` of the first-named leader with a name one edit or
        less from ``token`` and with its initial; there must be one."""
        group = self.leaders[token[0]]
        # in the order the article named them, as min() keeps the first of a tie
        return min((known for name, known in group.items() if _within_one_edit(token, name)), key=_PARAGRAPH)


_PARAGRAPH = itemgetter(1)


@lru_cache(maxsize=4096)
def _spelling_pattern(name: str, exclude_exact: bool) -> re.Pattern | None:
    """A regex for capitalised words of four letters or more (``[A-Z][a-z]{3,}``, whole
    words, not followed by another capitalised word) within one edit of ``name`` that
    keep its initial: the words the surname pass reads as ``name`` ("Mode" for
    "Modi"). With ``exclude_exact``, ``name`` itself does not match. None when no such
    word exists.

    The initial comes first and the word boundary before it is a lookbehind, so that
    the regex engine can skip ahead to the initial.
    """
    initial, rest = name[:1], name[1:]
    if not ("A" <= initial <= "Z"):
        return None
    lower = frozenset("abcdefghijklmnopqrstuvwxyz")

    def plain(part: str) -> bool:
        return all(c in lower for c in part)

    forms = set()
    if plain(rest) and not exclude_exact:
        forms.add(rest)
    for i in range(len(rest) + 1):
        # one letter inserted before rest[i]
        if plain(rest):
            forms.add(rest[:i] + "[a-z]" + rest[i:])
        if i < len(rest) and plain(rest[:i]) and plain(rest[i + 1:]):
            forms.add(rest[:i] + "[a-z]" + rest[i + 1:])  # rest[i] replaced
            forms.add(rest[:i] + rest[i + 1:])  # rest[i] deleted
    # four letters or more, the initial included ("[a-z]" stands for one letter)
    forms = sorted(f for f in forms if len(f.replace("[a-z]", "_")) >= 3)
    if not forms:
        return None
    exact = f"(?!{re.escape(rest)}\\b)" if exclude_exact else ""
    # not a word of a longer name: "Donald" in "Donald Trump" is not Donald Tusk
    return re.compile(f"{initial}(?<!\\w{initial}){exact}(?:{'|'.join(forms)})\\b(?!\\s+[A-Z][a-z])")


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    """The words of a leader's name that the surname pass looks for ("Narendra", "Modi")."""
    return tuple(_NAME_TOKEN.findall(name))


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


def _outside_ruled(selected: list[tuple], ruled: list[tuple]) -> list[tuple]:
    """``selected`` without the leaders' names that lie inside a leader's name that a
    context rule dropped: "Juncker" in "European Commission President Jean-Claude
    Juncker" is no more Luxembourg's than the whole name. ``selected`` is sorted; only
    the matches within a dropped name are looked at."""
    inside = set()
    for start, _, end, *_ in ruled:
        i = bisect_left(selected, start, key=_START)
        while i < len(selected) and selected[i][0] < end:
            if selected[i][3] == "leader" and selected[i][2] <= end:
                inside.add(i)
            i += 1
    if not inside:
        return selected
    return [candidate for i, candidate in enumerate(selected) if i not in inside]


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
            entries.setdefault(_match_key(key.strip()), []).append(entry)

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
            exact = any(c.isupper() for c in row.surface)
            add(row.surface, _Title(row.surface, row.title, row.leader_title == "yes", exact))
        for phrase in g.stop_phrases["phrase"]:
            add(phrase, ("stop", phrase))

        rules: dict[str, list[_Rule]] = {}
        for row in g.context_rules.itertuples(index=False):
            compiled = _Rule(*(re.compile(p) if p else None for p in (row.before, row.after, row.window, row.unless)),
                             getattr(row, "country", "") or None)
            for alias in row.aliases.split("|"):
                rules.setdefault(alias.strip(), []).append(compiled)
        self._rules = {alias: _RuleSet.of(listed) for alias, listed in rules.items()}
        self._leader_tokens = frozenset(alias for alias in terms if " " not in alias)
        self._cache: dict[tuple, tuple | None] = {}

        automaton = ahocorasick.Automaton()
        for number, (key, values) in enumerate(entries.items()):
            has_rules = any(v.alias in rules if isinstance(v, _Alias) else v[0] == "leader" and v[1] in rules
                            for v in values if not isinstance(v, _Title))
            # what the choice among ``values`` can depend on, besides the surface
            dated = any(isinstance(v, tuple) and v[0] == "leader" for v in values)
            hyphenated = any(isinstance(v, _Alias) and v.kind == "prefix" for v in values)
            # Most entries can only depend on whether the match starts in lower case:
            # decide both cases now, so that the pass over the text only looks one up.
            simple = None
            if not (has_rules or dated or hyphenated or any(getattr(v, "exact", False) for v in values)):
                sample = key.strip()
                simple = tuple(self._resolve(form, 0, len(form), tuple(values), None, 0, len(form))
                               for form in (sample[:1].upper() + sample[1:], sample))
            automaton.add_word(key, (len(key), tuple(values), has_rules, number, dated, hyphenated, simple))
        automaton.make_automaton()
        self._automaton = automaton
        # no alias has letters of other scripts or a "0": such letters in a text can
        # only stand next to a match, never in it, and may all be read as "0"
        self._other_letter = "0" if all(k.isascii() and "0" not in k for k in entries) else None

    # -- matching ---------------------------------------------------------------------

    def _ruling(self, alias: str, text: str, start: int, end: int, lo: int, hi: int) -> str | None:
        """What the context rules of ``alias`` make of a match: None when none holds,
        "" when a rule that drops the match holds, else the ``country`` of a rule that
        reads it as another country (a dropping rule wins over such a rule)."""
        ruleset = self._rules.get(alias)
        if ruleset is None:
            return None
        if not (
            ruleset.ungated
            or (ruleset.after is not None and ruleset.after.search(text[end:min(hi, end + _RULE_REACH)]))
            or (ruleset.before is not None and ruleset.before.search(text[max(lo, start - _RULE_REACH):start]))
            or (ruleset.window is not None
                and ruleset.window.search(text[max(lo, start - 150):min(hi, end + 150)]))
        ):
            return None
        country = None
        for rule in ruleset.rules:
            # "after" patterns are anchored and cheap; "before" ones scan their window
            if rule.after and not rule.after.search(text[end:min(hi, end + _RULE_REACH)]):
                continue
            if rule.before and not rule.before.search(text[max(lo, start - _RULE_REACH):start]):
                continue
            if rule.window and not rule.window.search(text[max(lo, start - 150):min(hi, end + 150)]):
                continue
            if rule.unless and rule.unless.search(text[max(lo, start - 200):min(hi, end + 200)]):
                continue
            if rule.country is None:
                return ""
            country = country or rule.country
        return country

    @staticmethod
    def _case_ok(surface: str, expected: str, exact: bool) -> bool:
        if exact:
            return surface == expected or surface == expected.upper()
        return not surface[:1].islower() or expected[:1].islower()

    def _resolve(self, text: str, start: int, end: int, values: tuple, day: int | None,
                 lo: int, hi: int) -> tuple | None:
        """Choose what a raw match is, as ``(what, country, kind, title, leader_title)``.

        ``lo`` and ``hi`` bound the paragraph within ``text``; context rules look no
        further.
        """
        surface = text[start:end]
        hyphen_around = text[end:end + 1] in _HYPHENS or text[start - 1:start] in _HYPHENS
        best: tuple | None = None
        ruled_out = False
        for value in values:
            if isinstance(value, _Alias):
                if value.kind == "prefix" and not hyphen_around:
                    continue
                if not self._case_ok(surface, value.alias, value.exact):
                    continue
                ruling = self._ruling(value.alias, text, start, end, lo, hi)
                if ruling == "":
                    continue
                if ruling:  # another country's city of the same name ("Tripoli, Lebanon")
                    candidate = ("alias", ruling, "city", None, False)
                else:
                    candidate = ("alias", value.country, value.kind, None, False)
            elif isinstance(value, _Title):
                if value.exact and surface != value.surface:
                    continue
                candidate = ("title", None, None, value.title, value.leader_title)
            elif value[0] == "stop":
                candidate = ("stop", None, None, None, False)
            else:  # leader
                _, alias, spells = value
                if surface[:1].islower():
                    continue
                # a surname that is also a first name ("Abe Lincoln"), a leader in an
                # international office ("NATO chief Jens Stoltenberg"); only dropping rules
                if self._ruling(alias, text, start, end, lo, hi) == "":
                    ruled_out = True
                    continue
                if day is not None:
                    spells = tuple(t for t in spells if t.start <= day <= t.end)
                countries = {t.country for t in spells}
                if len(countries) != 1:
                    continue
                latest = max(spells, key=lambda t: t.start)
                candidate = ("leader", latest.country, "leader", latest.title, True)
            if best is None or _RANK[candidate[0]] < _RANK[best[0]]:
                best = candidate
        if best is None and ruled_out:
            # see _candidates: a leader's name inside this one is not read on its own
            best = ("ruled", None, None, None, False)
        return best

    def _candidates(self, text: str, bounds: list[int], days: list[int | None]) -> list[_Candidate]:
        """Leftmost-longest matches in ``text``, which holds paragraphs joined by NUL.

        ``bounds[k]`` is where paragraph ``k`` starts (and ``bounds[-1]`` where the text
        ends, plus one); ``days[k]`` is its article's date as an ordinal, or None.
        """
        found = []
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        resolve = self._resolve
        single = len(days) == 1
        k = 0
        for last, (length, values, has_rules, number, dated, hyphenated, simple) in self._automaton.iter(
            _match_key(text, self._other_letter)
        ):
            # the key has a space on each side; the text starts one place earlier
            start = last - length + 1
            end = last - 1
            if simple is not None:
                chosen = simple[text[start].islower()]
                if chosen is not None:
                    found.append((start, start - end, end) + chosen)
                continue
            if dated or has_rules:
                k = 0 if single else bisect_right(bounds, start) - 1
            if has_rules:
                chosen = resolve(text, start, end, values, days[k], bounds[k], bounds[k + 1] - 1)
            else:
                # without context rules the choice depends only on these things
                day = days[k] if dated else None
                key = (number, text[start:end], day,
                       hyphenated and (text[end:end + 1] in _HYPHENS or text[start - 1:start] in _HYPHENS))
                chosen = cache.get(key, _MISSING)
                if chosen is _MISSING:
                    chosen = cache[key] = resolve(text, start, end, values, day, 0, len(text))
            if chosen is not None:
                found.append((start, start - end, end) + chosen)
        found.sort()
        selected: list[tuple] = []
        reach = 0
        ruled: list[tuple] = []
        for candidate in found:
            if candidate[3] == "ruled":
                ruled.append(candidate)
            elif candidate[0] >= reach:
                selected.append(candidate)
                reach = candidate[2]
        if ruled:
            selected = _outside_ruled(selected, ruled)
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
        bounds = [0, len(text) + 1]
        items = self._candidates(text, bounds, [_ordinal(date)])
        # one paragraph: its id is 0 and its offsets stay as they are
        out = self._interpret(text, bounds, 0, items, 0, len(items), state, None, [0], [0])
        if state.leaders:
            out.extend(self._surname_mentions(text, bounds, 0, 1, items, state, None, [0], [0]))
            out.sort(key=_ROW_ORDER)
        return [m[2:] for m in out]

    def _interpret(self, text: str, bounds: list[int], paragraph: int, items: list[_Candidate],
                   first: int, last: int, state: _ArticleState, article, ids: list,
                   shifts: list[int]) -> list[tuple]:
        """Turn ``items[first:last]``, the matches of one article, into mentions.

        ``paragraph`` is the index (into ``bounds``) of the paragraph of the first
        match. Returns rows of :data:`MENTION_COLUMNS` in order: the article is
        ``article``, the paragraph id of paragraph ``p`` is ``ids[p]`` and its offsets
        move by ``shifts[p]``.
        """
        out: list[tuple] = []
        p = paragraph
        hi = bounds[p + 1] - 1
        skip = False
        dated = -1  # the paragraph whose dateline is read: it ends at dateline_end
        dateline_end, bare = 0, False
        for i in range(first, last):
            if skip:
                skip = False
                continue
            start, _, end, what, country, kind, title, _ = items[i]
            while start >= hi:
                p += 1
                hi = bounds[p + 1] - 1
            # the gap regexes below cannot cross the NUL between paragraphs
            nxt = items[i + 1] if i + 1 < last else None
            if what == "alias":
                if nxt is not None and nxt[3] == "title" and kind in _OFFICIAL_KINDS:
                    gap = _OFFICIAL_GAP.fullmatch(text, end, nxt[0])
                    if gap:
                        out.append((article, ids[p], country, text[start:nxt[2]], start + shifts[p],
                                    nxt[2] + shifts[p], "official"))
                        if gap.group("mod") not in ("former", "outgoing"):
                            state.titles[nxt[6]] = country
                        skip = True
                        continue
                if (nxt is not None and nxt[3] == "alias" and nxt[5] == "seat" and nxt[4] != country
                        and kind in _OWNER_KINDS and _OWNER_GAP.fullmatch(text, end, nxt[0])):
                    out.append((article, ids[p], country, text[start:nxt[2]], start + shifts[p],
                                nxt[2] + shifts[p], "seat"))
                    skip = True
                    continue
                if start - bounds[p] < _DATELINE_REACH:
                    if dated != p:
                        dated = p
                        dateline_end, bare = _dateline(text, bounds[p])
                        if bare and start == bounds[p] and kind == "name":
                            dateline_end = 0  # "IRAN: Tehran said …" is a heading
                    if end <= dateline_end:
                        kind = "dateline"
                out.append((article, ids[p], country, text[start:end], start + shifts[p], end + shifts[p], kind))
            elif what == "leader":
                surface = text[start:end]
                out.append((article, ids[p], country, surface, start + shifts[p], end + shifts[p], "leader"))
                if title:
                    state.titles[title] = country
                if (surface, country) not in state.named:  # a name repeated adds nothing new
                    state.named.add((surface, country))
                    for token in _name_tokens(surface):
                        state.add_leader_token(token, country, p)
            elif what == "title":
                if nxt is not None and nxt[3] == "leader" and _PREFIX_GAP.fullmatch(text, end, nxt[0]):
                    state.titles[title] = nxt[4]
                    continue
                if nxt is not None and nxt[3] == "alias" and _OF_COUNTRY_GAP.fullmatch(text, end, nxt[0]):
                    state.titles[title] = nxt[4]
                    continue
                if not _BARE_BEFORE.search(text[max(bounds[p], start - 12):start]):
                    continue
                if _OF_AFTER.match(text, end, hi) or _NAME_AFTER.match(text, end, hi):
                    continue
                holder = state.titles.get(title)
                if holder is not None:
                    out.append((article, ids[p], holder, text[start:end], start + shifts[p], end + shifts[p],
                                "official"))
        return out

    def _surname_mentions(self, text: str, bounds: list[int], first: int, last: int,
                          items: list[_Candidate], state: _ArticleState, article, ids: list,
                          shifts: list[int]) -> list[tuple]:
        """Leaders named again by surname alone or misspelt by one letter ("Mode").

        Reads paragraphs ``first`` to ``last - 1`` of one article; a word counts only
        from the paragraph where its leader was first named.
        """
        lo, hi = bounds[first], bounds[last] - 1
        aliases = self._leader_tokens
        # each name read so far has a regex, compiled once per process, for the words
        # one edit from it; only those words are looked at
        spans: dict[int, re.Match] = {}
        for group in state.leaders.values():
            for name in group:
                pattern = _spelling_pattern(name, name in aliases)
                if pattern is not None:
                    for match in pattern.finditer(text, lo, hi):
                        spans[match.start()] = match
        found = []
        for start in sorted(spans):
            match = spans[start]
            token = match.group(0)
            if token in aliases:  # the automaton reads aliases itself
                continue
            # the token must not overlap a match of the gazetteer (a leader's first
            # name inside his full name, most often)
            end = match.end()
            k = bisect_right(items, start, key=_START) - 1
            if k >= 0 and items[k][2] > start:
                continue
            if k + 1 < len(items) and items[k + 1][0] < end:
                continue
            country, since = state.surname_country(token)
            p = bisect_right(bounds, start) - 1
            if since > p:
                continue
            par_lo, par_hi = bounds[p], bounds[p + 1] - 1
            if _OF_AFTER.match(text, end, par_hi):
                continue
            # the anchored test first; the others scan a short stretch before the word
            before = text[max(par_lo, start - 24):start]
            if (
                _PERSON_VERB_AFTER.match(text, end, par_hi)
                or _PERSON_TITLE_BEFORE.search(before)
                or _PERSON_VERB_BEFORE.search(before)
            ):
                found.append((article, ids[p], country, token, start + shifts[p], end + shifts[p], "leader"))
        return found

    def find(self, paragraphs: pd.DataFrame) -> pd.DataFrame:
        """Find mentions in a batch of paragraphs; see :func:`find_mentions`."""
        with collector_paused():
            return self._find(paragraphs)

    def _find(self, paragraphs: pd.DataFrame) -> pd.DataFrame:
        if not isinstance(paragraphs, pd.DataFrame):
            raise TypeError(f"paragraphs must be a pandas DataFrame, got {type(paragraphs).__name__}")
        needed = ["article_id", "paragraph_id", "text", "start"]
        missing = [c for c in needed if c not in paragraphs.columns]
        if missing:
            raise ValueError(
                f"paragraphs is missing columns {missing}: expected at least {needed} "
                f"(as returned by stance.split_paragraphs), found {list(paragraphs.columns)}"
            )
        # each article's paragraphs together and in order, the articles in the order they
        # come (not sorted by id: the rows of a batch keep the order of the input)
        articles_in_order = pd.factorize(paragraphs["article_id"])[0]
        ordered = paragraphs.iloc[np.lexsort((paragraphs["paragraph_id"].to_numpy(), articles_in_order))]
        texts = [str(t) for t in ordered["text"].tolist()]
        articles = ordered["article_id"].tolist()
        paragraph_ids = ordered["paragraph_id"].tolist()
        offsets = ordered["start"].tolist()
        if "date" in ordered.columns:
            dates = pd.to_datetime(ordered["date"])
            ordinals = (dates.to_numpy().astype("datetime64[D]").astype("int64") + _EPOCH_ORDINAL).tolist()
            days = [None if missing else day for day, missing in zip(ordinals, dates.isna().tolist())]
        else:
            days = [None] * len(texts)
        # the whole batch is read in one pass; NUL keeps paragraphs apart
        text = "\0".join(texts)
        bounds = [0]
        for paragraph in texts:
            bounds.append(bounds[-1] + len(paragraph) + 1)
        items = self._candidates(text, bounds, days) if texts else []
        # references to a person or a pair named before, found in one pass
        pronouns_at = [m.span() for m in _PRONOUN.finditer(text) if _opens_sentence(text, m.start())]
        dyads_at = [(start, m.end()) for m in _DYAD.finditer(text)
                    if (start := _dyad_start(text, m.start())) is not None]

        shifts = [offset - bound for offset, bound in zip(offsets, bounds)]
        rows: list[tuple] = []
        count = len(texts)
        # article_ends[a]: the first paragraph after article a
        article_ends = [m for m in range(1, count) if articles[m] != articles[m - 1]]
        article_ends.append(count)
        i = a = 0
        while i < len(items):
            # the next match is in paragraph k; its article goes on to paragraph m - 1
            # (earlier paragraphs of the article have no match, so nothing to read)
            k = bisect_right(bounds, items[i][0]) - 1
            a = bisect_right(article_ends, k, a)
            m = article_ends[a]
            j = bisect_left(items, bounds[m] - 1, i, key=_START)
            state = _ArticleState()
            article = articles[k]
            out = self._interpret(text, bounds, k, items, i, j, state, article, paragraph_ids, shifts)
            if state.leaders:
                again = self._surname_mentions(text, bounds, k, m, items, state, article, paragraph_ids, shifts)
                if again:
                    out.extend(again)
                    out.sort(key=_ROW_ORDER)
            lo, hi = bounds[k], bounds[m] - 1
            found = _within(pronouns_at, lo, hi)
            if found and (state.named or state.titles):
                pronouns = _pronoun_mentions(text, bounds, k, m, found, out, article, paragraph_ids, shifts)
                if pronouns:
                    out.extend(pronouns)
                    out.sort(key=_ROW_ORDER)
            found = _within(dyads_at, lo, hi)
            if found and out:
                dyads = _dyad_mentions(text, bounds, k, m, found, out, article, paragraph_ids, shifts)
                if dyads:
                    out.extend(dyads)
                    out.sort(key=_ROW_ORDER)
            rows.extend(out)
            i = j
        if not rows:
            return pd.DataFrame(columns=MENTION_COLUMNS).astype(dict.fromkeys(_INTEGER_COLUMNS, "int64"))
        # column by column: quicker than a frame of row tuples and a cast afterwards
        return pd.DataFrame({
            name: np.fromiter(values, dtype=np.int64, count=len(values)) if name in _INTEGER_COLUMNS
            else list(values)
            for name, values in zip(MENTION_COLUMNS, zip(*rows))
        })


_EPOCH_ORDINAL = pd.Timestamp("1970-01-01").toordinal()


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[start]`` opens a paragraph or follows a sentence's end and a space."""
    if start == 0 or text[start - 1] == "\0":
        return True
    if not text[start - 1].isspace():
        return False
    k = start - 2
    if k >= 0 and text[k] in "\"”’')":
        k -= 1
    return k >= 0 and text[k] in ".!?"


def _dyad_start(text: str, at: int) -> int | None:
    """Where a phrase read by :data:`_DYAD` from ``at`` ("two …", "oth …") starts:
    at "the" before "two" or at the "B" of "Both", or None when neither is there."""
    if text.startswith("two", at):
        the = _THE_BEFORE.search(text, max(at - 12, 0), at)
        return the.start() if the else None
    if at and text[at - 1] in "Bb" and (at == 1 or not (text[at - 2].isalnum() or text[at - 2] in "_-")):
        return at - 1
    return None


def _within(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans (in order) that start in ``[lo, hi)``."""
    i = bisect_left(spans, lo, key=_START)
    j = bisect_left(spans, hi, i, key=_START)
    return spans[i:j]


def _named(rows: list[tuple], first: int, last: int, ids: list,
           shifts: list[int]) -> list[tuple[int, str, bool]]:
    """``(start in the joined text, country, is a person)`` of mentions ``rows`` of
    paragraphs ``first`` to ``last - 1``, in reading order; a dateline names no party."""
    paragraph_of = {ids[p]: p for p in range(first, last)}
    return sorted((row[4] - shifts[paragraph_of[row[1]]], row[2], row[6] in _PERSON_KINDS) for row in rows
                  if row[6] not in PAIRLESS_KINDS)


def _sentence_starts(text: str, bounds: list[int], p: int, memo: dict[int, list[int]]) -> list[int]:
    """Where the sentences of paragraph ``p`` start in the joined text, as
    :func:`stance.paragraphs.sentence_spans` splits it; kept in ``memo`` by ``p``."""
    starts = memo.get(p)
    if starts is None:
        starts = memo[p] = [start for start, _ in sentence_spans(text[bounds[p]:bounds[p + 1] - 1], bounds[p])]
    return starts


def _dyad_mentions(text: str, bounds: list[int], first: int, last: int, matches: list[tuple[int, int]],
                   rows: list[tuple], article, ids: list, shifts: list[int]) -> list[tuple]:
    """"The two sides", "both countries" and the like, as the two countries just named.

    ``matches`` are the spans of such phrases in paragraphs ``first`` to ``last - 1``
    of one article, whose mentions so far are ``rows``. The text before the phrase is
    read back, its own sentence first ("Seoul says Tokyo broke the treaty between the
    two countries"), then sentence by sentence to the start of the paragraph before,
    until two countries have been named: those are the pair. When the sentence that
    brings the count to two names a third as well, the pair is the two countries of
    the persons named (a leader or official: "Trump and North Korean leader Kim Jong
    Un shook hands in Singapore's …"), and nothing when the persons are not of exactly
    two. A phrase resolved gives two rows, one per country, on the same span; rows are
    of :data:`MENTION_COLUMNS`, for the article ``article``.
    """
    named = _named(rows, first, last, ids, shifts)
    starts = [start for start, _, _ in named]
    found = []
    memo: dict[int, list[int]] = {}
    for start, stop in matches:
        p = bisect_right(bounds, start) - 1
        # stretches, nearest first: this paragraph up to the phrase, then the one before
        cuts = []
        for q, hi in ((p, start), (p - 1, bounds[p] - 1)):
            if q < first:
                break
            edges = [x for x in _sentence_starts(text, bounds, q, memo) if x < hi] + [hi]
            cuts.extend(zip(reversed(edges[:-1]), reversed(edges[1:])))
        pair = None
        countries: set[str] = set()
        persons: set[str] = set()
        for lo, hi in cuts:
            for _, country, person in named[bisect_left(starts, lo):bisect_left(starts, hi)]:
                countries.add(country)
                if person:
                    persons.add(country)
            if len(countries) >= 2:
                pair = countries if len(countries) == 2 else persons if len(persons) == 2 else None
                break
        if pair:
            surface, end = text[start:stop], stop + shifts[p]
            for country in sorted(pair):
                found.append((article, ids[p], country, surface, start + shifts[p], end, "dyad"))
    return found


def _pronoun_mentions(text: str, bounds: list[int], first: int, last: int, matches: list[tuple[int, int]],
                      rows: list[tuple], article, ids: list, shifts: list[int]) -> list[tuple]:
    """Sentence-opening "He" and "She" that stand for a leader or official just named.

    ``matches`` are the spans of the pronouns in paragraphs ``first`` to ``last - 1``
    of one article, whose mentions so far are ``rows`` (in paragraph and offset
    order). A pronoun opening a sentence refers to the first person (a ``leader`` or
    ``official`` mention) of the sentence just before it, the subject as a rule, when
    that sentence names one: "Putin's brother was killed in the siege of Leningrad.
    He thanked Modi …" gives "He" to Russia. The sentence before may close the
    paragraph before. Nothing is resolved further back, where another person the
    gazetteer does not know may have come between. Rows are of
    :data:`MENTION_COLUMNS`, for the article ``article``.
    """
    persons = [(start, country) for start, country, person in _named(rows, first, last, ids, shifts) if person]
    if not persons:
        return []
    starts = [start for start, _ in persons]
    found = []
    memo: dict[int, list[int]] = {}
    for start, stop in matches:
        p = bisect_right(bounds, start) - 1
        sentences = _sentence_starts(text, bounds, p, memo)
        k = bisect_right(sentences, start) - 1
        if sentences[k] != start:  # not a sentence's first word after all ("U.S. He …")
            continue
        if k > 0:
            lo, hi = sentences[k - 1], start
        elif p > first:  # the paragraph before, its last sentence
            lo, hi = _sentence_starts(text, bounds, p - 1, memo)[-1], bounds[p] - 1
        else:
            continue
        i = bisect_left(starts, lo)
        if i < len(starts) and starts[i] < hi:
            found.append((article, ids[p], persons[i][1], text[start:stop],
                          start + shifts[p], stop + shifts[p], "pronoun"))
    return found


_INTEGER_COLUMNS = frozenset({"paragraph_id", "start", "end"})
_START = itemgetter(0)
_ROW_ORDER = itemgetter(1, 4)  # paragraph id, then start



def _ordinal(date) -> int | None:
    """The proleptic Gregorian ordinal of a date, or None when there is none."""
    if date is None or pd.isna(date):
        return None
    return pd.Timestamp(date).toordinal()


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
        (one of :data:`MENTION_KINDS`). A place in the dateline that opens a
        paragraph ("BEIJING, March 3 (Reuters) -", "NEW DELHI:", "New York (CNN)") is
        of kind ``"dateline"``: it is where the report was filed from, and
        :func:`stance.build_pairs` forms no pair with it.
    """
    finder = _default_finder() if gazetteer is None else MentionFinder(gazetteer)
    return finder.find(paragraphs)


def extract_mentions(source, *, batch_size: int = 500, **read_options) -> pd.DataFrame:
    """Read articles and return their country mentions: the ``stance mentions`` job.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        Files, folders or ``"-"`` for standard input, read with
        :func:`stance.iter_articles`; or an articles DataFrame already read.
    batch_size : int, default 500
        Articles read and searched together; the mentions are the same whatever it is.
    **read_options
        Passed to :func:`stance.iter_articles` (``on_error``, ``text_column``, …).

    Returns
    -------
    pandas.DataFrame
        As :func:`find_mentions`. ``attrs["skipped"]`` lists the inputs skipped with
        ``on_error="skip"``.
    """
    parts, skipped = [], []
    for mentions in iter_mentions(source, batch_size=batch_size, **read_options):
        parts.append(mentions)
        skipped += mentions.attrs["skipped"]
    mentions = pd.concat(parts, ignore_index=True)
    mentions.attrs["skipped"] = skipped
    return mentions


def iter_mentions(source, *, batch_size: int = 500, **read_options):
    """:func:`extract_mentions` a batch of articles at a time, for inputs too large to
    hold (``stance mentions -o FILE`` writes each batch as it comes).

    Parameters
    ----------
    source, batch_size, **read_options
        As for :func:`extract_mentions`.

    Returns
    -------
    iterator of pandas.DataFrame
        The mentions of each batch, as :func:`find_mentions` gives them; joined, they
        are :func:`extract_mentions`' table. Each carries ``attrs["skipped"]``, the
        inputs skipped while its batch was read. At least one.

    Raises
    ------
    ValueError
        When ``batch_size`` or a reading option is out of range: raised by the call.
    stance.InputError
        With ``on_error="raise"``, when the first bad file or record is reached.
    """
    from stance.articles import _article_batches

    return _batch_mentions(_article_batches(source, batch_size, read_options))


def _batch_mentions(batches):
    """The mentions of each batch of articles, with what was skipped reading it."""
    from stance.paragraphs import split_paragraphs

    for batch in batches:
        mentions = find_mentions(split_paragraphs(batch))
        mentions.attrs["skipped"] = list(batch.attrs.get("skipped", []))
        yield mentions
