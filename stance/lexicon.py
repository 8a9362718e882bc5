"""The cue lexicon: cooperation and conflict phrases, negation, hedging, reversal and appeals.

The lexicon lives in ``features/cues.csv``, ``features/modifiers.csv``,
``features/cue_stops.csv`` and ``features/reciprocal_cues.csv`` (see
``features/README.md``). Each cue has a CAMEO code, its Goldstein weight (-10 to +10)
and a quad class; each modifier is a negation ("not", "refused to"), a hedge ("may",
"expected to"), a reversal ("lift", "ease") or an appeal ("urged", "must") with the
number of words it governs.

Matching works on words, not characters:

- a cue marked ``lemma`` matches its regular inflections ("sanction", "sanctions",
  "sanctioned", "sanctioning"; "ban", "bans", "banned", "banning"); irregular forms are
  rows of their own;
- in a multi-word cue the first word inflects and the words may be separated by up to
  three others, so "sign agreement" matches "signed a new trade agreement";
- where several cues start on one word the longest wins, and words already used by a
  cue are not read again.

A modifier applies to a cue that starts within its scope (words to its right) in the
same sentence. A modifier whose ``side`` is ``before`` looks back instead: it governs
the nearest cue that starts within its scope before it, in its sentence ("talks
between A and B collapsed", "the summit was called off"). What an appeal asks for is
not done: a reversal it governs reads like a refused one ("must end the attacks"), a
cue of yielding (PLOVER ``CONCEDE`` or ``RETREAT``) like a negated one ("called on the
US to lift sanctions"), and another cue as hedged. A stop phrase ("World War II", "war
memorial") is read first, and no cue is read inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path

import pandas as pd

from stance._resources import data_dir
from stance.gazetteer import read_table, row_error

__all__ = ["Lexicon", "load_lexicon", "inflections", "QUADS", "CUE_HIT_FIELDS", "MODIFIER_TYPES",
           "MODIFIER_SIDES", "MAX_SCOPE"]

#: Quad classes of CAMEO event types, in the order used by features.
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
#: Types of modifier in ``features/modifiers.csv``, the sides of it they may govern,
#: and the most words one may govern.
MODIFIER_TYPES = ("negation", "hedge", "reversal", "appeal")
MODIFIER_SIDES = ("after", "before")
MAX_SCOPE = 16
_NEGATION, _HEDGE, _REVERSAL, _APPEAL = range(len(MODIFIER_TYPES))
_DEMANDED = len(MODIFIER_TYPES)  # a reversal an appeal governs: "urged Israel to end the attacks"
_YIELDING = ("CONCEDE", "RETREAT")  # PLOVER classes of cues an appeal turns around
_GAP = 3  # words allowed between the words of a multi-word cue
# particles of phrasal verbs, before which a modifier's gap may hold its object
# ("called the talks off", "tore the agreement up")
_PARTICLES = frozenset({"off", "out", "up", "back", "down", "apart", "away"})

#: Fields of a cue hit, as returned by :meth:`Lexicon.read`.
CUE_HIT_FIELDS = ("start", "end", "first_word", "last_word", "cue", "goldstein", "quad",
                  "negated", "hedged", "reversed", "sentence", "reciprocal")

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # re.split keeps what a group matches
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """Regular inflections of an English verb or noun, including the word itself.

    Parameters
    ----------
    word : str
        A lower-case lemma ("sanction", "agree", "ban", "deny").

    Returns
    -------
    set of str
        The lemma with -s/-es, -ed/-d and -ing endings, the y→ies/ied change, e-drop
        before -ing, and final-consonant doubling (both with and without doubling,
        since British and American spelling differ: "cancelled", "canceled"). In a
        hyphenated word the last part inflects ("de-escalated", "test-fired").
    """
    head, hyphen, tail = word.rpartition("-")
    if hyphen and tail:  # "de-escalate", "test-fire", "re-open": the last part inflects
        return {head + hyphen + form for form in inflections(tail)}
    forms = {word}
    if len(word) < 3 or not word.isalpha():
        return forms | {word + "s"}
    last, before = word[-1], word[-2]
    if last == "y" and before not in _VOWELS:
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    elif last == "e":
        forms |= {word + "s", word + "d", (word if before == "e" else word[:-1]) + "ing"}
    else:
        plural = word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
        forms |= {plural, word + "ed", word + "ing"}
        if last not in _VOWELS and last not in "wxy" and before in _VOWELS and word[-3] not in _VOWELS:
            forms |= {word + last + "ed", word + last + "ing"}
    return forms


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _cue_key(cue: str) -> str:
    """A cue's words as the reader sees them: case, apostrophes and spacing aside."""
    return " ".join(_words(cue))


@dataclass(frozen=True)
class _Entry:
    index: int  # row of the table
    rest: tuple[frozenset[str], ...]  # the other words, each as a set of accepted forms


class Lexicon:
    """Cues and modifiers compiled for matching; see :func:`load_lexicon`.

    Parameters
    ----------
    cues : pandas.DataFrame
        The rows of ``features/cues.csv``.
    modifiers : pandas.DataFrame
        The rows of ``features/modifiers.csv``. Without a ``side`` column every
        modifier looks ahead (``"after"``).
    stops : pandas.DataFrame, optional
        The rows of ``features/cue_stops.csv``.
    reciprocal : pandas.DataFrame, optional
        The rows of ``features/reciprocal_cues.csv``: cues that two countries standing
        together before them do to each other ("A and B clashed"), not together to
        someone else ("A and B struck rebel positions"). Without it every cue counts
        as reciprocal, as every cue did before the table existed.
    """

    def __init__(self, cues: pd.DataFrame, modifiers: pd.DataFrame, stops: pd.DataFrame | None = None,
                 reciprocal: pd.DataFrame | None = None) -> None:
        self.cues = cues.reset_index(drop=True)
        self.modifiers = modifiers.reset_index(drop=True)
        self.stops = (stops if stops is not None else pd.DataFrame({"phrase": []})).reset_index(drop=True)
        self._stop_index = self._compile(self.stops["phrase"], pd.Series(["exact"] * len(self.stops)))
        self._cue_index = self._compile(self.cues["cue"], self.cues["match"])
        self._modifier_index = self._compile(self.modifiers["cue"], pd.Series(["exact"] * len(self.modifiers)))
        self._first_words = frozenset(self._cue_index) | frozenset(self._modifier_index) | frozenset(self._stop_index)
        self._goldstein = self.cues["goldstein"].astype(float).tolist()
        self._quad = [QUADS.index(q) for q in self.cues["quad"]]
        # cues of yielding (PLOVER CONCEDE and RETREAT: lift sanctions, release
        # prisoners, withdraw troops, ceasefire), which an appeal turns around; the
        # column is optional in a lexicon of one's own
        plover = self.cues["plover"].fillna("") if "plover" in self.cues else ()
        self._yields = frozenset(i for i, p in enumerate(plover) if p in _YIELDING)
        self.reciprocal = None if reciprocal is None else reciprocal.reset_index(drop=True)
        if reciprocal is None:
            self._reciprocal = [True] * len(self.cues)
        else:
            listed = set(map(_cue_key, reciprocal["cue"]))
            self._reciprocal = [_cue_key(c) in listed for c in self.cues["cue"]]
        self._modifier_type = [MODIFIER_TYPES.index(t) for t in self.modifiers["type"]]
        self._scope = self.modifiers["scope"].astype(int).tolist()
        # the column is optional in a lexicon of one's own: every modifier looks ahead
        sides = self.modifiers["side"].fillna("") if "side" in self.modifiers else ()
        self._looks_back = frozenset(i for i, side in enumerate(sides) if side == "before")

    @staticmethod
    def _compile(phrases: pd.Series, matches: pd.Series) -> dict[str, list[_Entry]]:
        index: dict[str, list[_Entry]] = {}
        for i, (phrase, match) in enumerate(zip(phrases, matches)):
            words = _words(phrase)
            if not words:
                continue
            lemma = match == "lemma"
            first = inflections(words[0]) if lemma else {words[0]}
            rest = tuple(frozenset(inflections(w)) if lemma else frozenset({w}) for w in words[1:])
            for form in first:
                index.setdefault(form, []).append(_Entry(i, rest))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e.rest))
        return index

    @staticmethod
    def _match(index: dict[str, list[_Entry]], words: list[str], i: int) -> tuple[_Entry, int] | None:
        """The longest entry starting at word ``i``, with the index of its last word."""
        entries = index.get(words[i])
        if not entries:
            return None
        # the words where an entry's second word may stand: most entries fail there
        ahead = words[i + 1:i + 2 + _GAP]
        for entry in entries:
            if entry.rest and entry.rest[0].isdisjoint(ahead):
                continue
            j = i
            for accepted in entry.rest:
                for k in range(j + 1, min(j + 2 + _GAP, len(words))):
                    if words[k] in accepted:
                        j = k
                        break
                else:
                    break
            else:
                return entry, j
        return None

    def _match_modifier(self, words: list[str], i: int) -> tuple[_Entry, int, list[int]] | None:
        """The longest modifier starting at word ``i``: its entry, the index of its last
        word and the cues that its gaps hold.

        A multi-word modifier, like a cue, may have up to ``_GAP`` words between its
        words ("refused on Tuesday to lift its veto"), but a cue in a gap means that the
        words are not one modifier ("declined Somalia's invitation to a summit" is not
        "declined to"), unless
        the next word is a particle of a phrasal verb, whose object the gap holds
        ("called the talks off"): then the modifier governs those cues too.
        """
        cue_index = self._cue_index
        ahead = words[i + 1:i + 2 + _GAP]  # where a modifier's second word may stand
        for entry in self._modifier_index.get(words[i], ()):
            if entry.rest and entry.rest[0].isdisjoint(ahead):
                continue
            j, objects = i, []
            for accepted in entry.rest:
                for k in range(j + 1, min(j + 2 + _GAP, len(words))):
                    if words[k] in accepted:
                        break
                else:
                    break
                held = [m for m in range(j + 1, k)
                        if words[m] in cue_index and self._match(cue_index, words, m) is not None]
                if held and accepted.isdisjoint(_PARTICLES):
                    break
                objects += held
                j = k
            else:
                return entry, j, objects
        return None

    def read(self, text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple]:
        """Find the cues in ``text`` and the modifiers that govern them.

        Parameters
        ----------
        text : str
            A paragraph.
        sentences : list of (start, end), optional
            Sentence spans within ``text``; a modifier does not reach across a
            sentence end. By default the whole text is one sentence.

        Returns
        -------
        list of tuple
            One tuple per cue, fields as :data:`CUE_HIT_FIELDS`: character offsets,
            the word indices it spans, its row in the cue table, Goldstein weight,
            quad index (into :data:`QUADS`), whether it is negated, hedged or
            reversed, the index of its sentence in ``sentences``, and whether the cue
            is reciprocal (``features/reciprocal_cues.csv``).
        """
        lowered = text.lower().replace("’", "'")
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("’", "'")
        # the text split at its words: text between words at even places, words at odd
        # places, so that a word's offsets are sums of lengths (no match object per word)
        parts = _WORD_SPLIT.split(lowered)
        words = parts[1::2]
        if not words:
            return []
        cue_index, modifier_index, stop_index = self._cue_index, self._modifier_index, self._stop_index
        # the words where something may start; most words start nothing
        first_words = self._first_words
        if first_words.isdisjoint(words):
            return []
        starts = list(compress(range(len(words)), map(first_words.__contains__, words)))
        # word i starts at offsets[2 * i] and ends at offsets[2 * i + 1]
        offsets = list(accumulate(map(len, parts)))
        sentence_starts = [s for s, _ in sentences] if sentences else [0]

        def sentence_of(i: int) -> int:
            return max(bisect_right(sentence_starts, offsets[2 * i]) - 1, 0)

        governs: dict[int, list[int]] = {}
        covered: set[int] = set()
        looking_back: list[tuple[int, int, int, int]] = []  # (word, kind, scope, sentence)
        for i in starts:
            if words[i] in modifier_index:
                found = self._match_modifier(words, i)
                if found is not None:
                    entry, j, objects = found
                    kind, scope, home = self._modifier_type[entry.index], self._scope[entry.index], sentence_of(i)
                    if entry.index in self._looks_back:
                        looking_back.append((i, kind, scope, home))
                        continue
                    if kind == _REVERSAL and _APPEAL in governs.get(i, ()):
                        kind = _DEMANDED  # asked for, not done: the conflict stands
                    for k in objects:  # "called the talks off"
                        governs.setdefault(k, []).append(kind)
                    for k in range(j + 1, min(j + 1 + scope, len(words))):
                        if sentence_of(k) != home:
                            break
                        governs.setdefault(k, []).append(kind)
            if words[i] in stop_index and i not in covered:
                found = self._match(stop_index, words, i)
                if found is not None:
                    covered.update(range(i, found[1] + 1))

        found_cues = []
        reach = 0
        for i in starts:
            if i < reach or i in covered or words[i] not in cue_index:
                continue
            found = self._match(cue_index, words, i)
            if found is None:
                continue
            found_cues.append(found + (i,))
            reach = found[1] + 1
        # a modifier that looks back governs the nearest cue before it in its sentence
        # ("talks between A and B collapsed")
        for at, kind, scope, home in looking_back:
            nearest = max((i for _, _, i in found_cues if at - scope <= i < at), default=None)
            if nearest is not None and sentence_of(nearest) == home:
                governs.setdefault(nearest, []).append(kind)

        hits = []
        for entry, j, i in found_cues:
            kinds = governs.get(i, ())
            # what an appeal asks for is not done. A demanded reversal reads like a
            # refused one ("must end the attacks", "refused to end the attacks": the
            # attacks stand), a demanded yield like a negated one ("called on the US
            # to lift sanctions": the sanctions stand); before other cues an appeal
            # hedges ("urged Pakistan to sign the agreement")
            demanded = _DEMANDED in kinds
            appeal = _APPEAL in kinds and not demanded
            yielded = appeal and entry.index in self._yields
            hits.append((offsets[2 * i], offsets[2 * j + 1], i, j, entry.index, self._goldstein[entry.index],
                         self._quad[entry.index], _NEGATION in kinds or demanded or yielded,
                         _HEDGE in kinds or (appeal and not yielded),
                         _REVERSAL in kinds or demanded, sentence_of(i), self._reciprocal[entry.index]))
        return hits


def _validate(cues: pd.DataFrame, modifiers: pd.DataFrame, cue_path: Path, modifier_path: Path) -> None:
    seen: dict[tuple[str, str], int] = {}
    for row, (cue, match, weight, quad) in enumerate(zip(cues["cue"], cues["match"], cues["goldstein"], cues["quad"])):
        words = _words(cue)
        if not words:
            raise row_error(cue_path, row, f"cue {cue!r} has no words")
        key = (" ".join(words), match)
        if key in seen:
            raise row_error(cue_path, row, f"cue {cue!r} ({match}) repeats line {seen[key] + 2}; "
                                           "expected each cue once")
        seen[key] = row
        if match not in ("lemma", "exact"):
            raise row_error(cue_path, row, f"match is {match!r}; expected 'lemma' or 'exact'")
        try:
            value = float(weight)
        except ValueError:
            raise row_error(cue_path, row, f"goldstein is {weight!r}; expected a number from -10 to 10") from None
        if not -10 <= value <= 10:
            raise row_error(cue_path, row, f"goldstein is {value}; expected a number from -10 to 10")
        if quad not in QUADS:
            raise row_error(cue_path, row, f"quad is {quad!r}; expected one of {list(QUADS)}")
    sides = modifiers["side"] if "side" in modifiers else [""] * len(modifiers)
    for row, (kind, scope, side) in enumerate(zip(modifiers["type"], modifiers["scope"], sides)):
        if kind not in MODIFIER_TYPES:
            raise row_error(modifier_path, row, f"type is {kind!r}; expected one of {list(MODIFIER_TYPES)}")
        if not scope.isdigit() or not 1 <= int(scope) <= MAX_SCOPE:
            raise row_error(modifier_path, row, f"scope is {scope!r}; expected a number of words from 1 to {MAX_SCOPE}")
        if side and side not in MODIFIER_SIDES:
            raise row_error(modifier_path, row, f"side is {side!r}; expected one of {list(MODIFIER_SIDES)} or empty "
                                                "(after)")


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Read and check the cue lexicon.

    Parameters
    ----------
    directory : str or Path, optional
        A folder holding ``cues.csv`` and ``modifiers.csv``; by default the
        ``features/`` shipped with stance. The default lexicon is read once per process.

    Returns
    -------
    Lexicon

    Raises
    ------
    stance.DataError
        When a file is missing or a row is malformed; the message names the file and
        line.
    """
    if directory is None:
        return _default_lexicon()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _load(data_dir("features"))


def _load(directory: Path) -> Lexicon:
    cue_path, modifier_path = directory / "cues.csv", directory / "modifiers.csv"
    cues = read_table(cue_path, ["cue", "match", "goldstein", "quad", "source"], "lexicon")
    modifiers = read_table(modifier_path, ["cue", "type", "scope", "source"], "lexicon")
    stops = read_table(directory / "cue_stops.csv", ["phrase", "source"], "lexicon")
    _validate(cues, modifiers, cue_path, modifier_path)
    reciprocal_path = directory / "reciprocal_cues.csv"
    reciprocal = None
    if reciprocal_path.exists():  # optional in a lexicon of one's own
        reciprocal = read_table(reciprocal_path, ["cue", "source"], "lexicon")
        known = set(map(_cue_key, cues["cue"]))
        for row, cue in enumerate(reciprocal["cue"]):
            if _cue_key(cue) not in known:
                raise row_error(reciprocal_path, row, f"cue {cue!r} is not in {cue_path.name}; "
                                                      "expected a cue of the lexicon")
    return Lexicon(cues, modifiers, stops, reciprocal)
