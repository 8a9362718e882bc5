"""Lexicon sentiment of sentences: VADER and TextBlob, each text scored once.

Both analysers are wrapped, not imitated. VADER's ``polarity_scores`` gives ``neg``,
``neu``, ``pos`` and ``compound``; TextBlob's pattern-based analyser gives
``polarity`` and ``subjectivity``. :class:`SentimentScorer` keeps what it has scored,
so a sentence repeated across syndicated articles, or shared by several country pairs
of one paragraph, is scored once; its ``score_many`` reads a batch's new sentences
with one analyser after the other, which keeps each analyser's tables in the
processor's caches.

Lexicon sentiment is one input among many: it reads the mood of a text, not the
relation between two countries ("The US imposed fresh sanctions on Russia." scores
positive on both).

Both libraries spend much of their time on bookkeeping that does not change their
scores: VADER lower-cases the whole text again for every sentiment word it checks,
and the pattern analyser behind TextBlob looks every word up through a lazily loaded
dictionary. :func:`quick_analysers` returns subclasses that skip that work and give
the same numbers; they check themselves against the stock analysers on a set of
probe sentences when built, and the stock ones are used if anything differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

import numpy as np

__all__ = ["SentimentScorer", "SENTIMENT_COLUMNS", "quick_analysers"]

#: Names of the six scores, in the order :meth:`SentimentScorer.score` returns them.
SENTIMENT_COLUMNS = ("vader_neg", "vader_neu", "vader_pos", "vader_compound", "tb_polarity", "tb_subjectivity")


class SentimentScorer:
    """Score texts with VADER and TextBlob, remembering what was scored.

    Parameters
    ----------
    memory : int, default 200_000
        How many distinct texts to remember; when full, the memory starts afresh.

    Notes
    -----
    TextBlob's ``TextBlob(text).sentiment`` builds a new named-tuple class on every
    call; this class calls the same pattern analyser (``textblob.en.sentiment``)
    directly, which gives identical numbers at two thirds of the cost. Both analysers
    come from :func:`quick_analysers`.
    """

    def __init__(self, memory: int = 200_000) -> None:
        self.memory = memory
        self._vader = None
        self._pattern = None
        self._seen: dict[str, tuple[float, ...]] = {}

    def _analysers(self):
        if self._vader is None:
            self._vader, self._pattern = quick_analysers()
        return self._vader, self._pattern

    def score_one(self, text: str) -> tuple[float, ...]:
        """The six scores of one text (see :data:`SENTIMENT_COLUMNS`)."""
        known = self._seen.get(text)
        return known if known is not None else self.score_many([text])[0]

    def score_many(self, texts: list[str]) -> list[tuple[float, ...]]:
        """The six scores of each text (see :data:`SENTIMENT_COLUMNS`).

        The texts not yet scored are read by VADER all together, then by TextBlob, so
        that each analyser's tables stay in the processor's caches: a batch's sentences
        cost about a third less than one at a time between other work.

        Parameters
        ----------
        texts : list of str

        Returns
        -------
        list of tuple of float
        """
        seen = self._seen
        distinct = dict.fromkeys(texts)
        known = {t: seen[t] for t in distinct if t in seen}
        new = [t for t in distinct if t not in known]
        if new:
            vader, pattern = self._analysers()
            v = [vader.polarity_scores(t) for t in new]
            p = [pattern(t)[:2] for t in new]
            scored = {text: (a["neg"], a["neu"], a["pos"], a["compound"], float(polarity), float(subjectivity))
                      for text, a, (polarity, subjectivity) in zip(new, v, p)}
            if len(seen) + len(scored) > self.memory:
                seen.clear()
            if len(scored) <= self.memory:
                seen.update(scored)
            known.update(scored)
        return [known[t] for t in texts]

    def score(self, texts: Iterable[str]) -> np.ndarray:
        """Scores of many texts, one row per text, columns as :data:`SENTIMENT_COLUMNS`.

        Parameters
        ----------
        texts : iterable of str

        Returns
        -------
        numpy.ndarray of shape (n_texts, 6)
        """
        rows = self.score_many(list(texts))
        return np.asarray(rows, dtype=float).reshape(len(rows), len(SENTIMENT_COLUMNS))


# Sentences that exercise the code paths the quick analysers change: negation and
# modifiers at every distance, idioms, "but", "least", emoji, capitals, contractions.
_PROBES = (
    "The US imposed fresh sanctions on Russia.",
    "India and Russia are not enemies, but they are hardly close friends.",
    "It was not a very good meeting, and never so bad either.",
    "No one was happy; the talks were without doubt a failure.",
    "The visit was kind of a success and sort of a disappointment.",
    "At least the summit was not the least useful of the year!",
    "The minister said the deal is GREAT and the critics are wrong :)",
    "Relations were never this warm 😊 and nobody doubts it.",
    "They didn't agree, couldn't agree, and won't agree \u2014 'a bad day'.",
    "Good",
    "",
    "   Friendly ties, strong cooperation and a warm welcome in Moscow.   ",
    "The talks broke down; the cut-throat negotiators showed no restraint at all.",
    "Hardly anyone expected the deal to succeed, yet it is really working well (!)",
)


@lru_cache(maxsize=1)
def quick_analysers():
    """VADER's analyser and TextBlob's pattern analyser, made quicker, same scores.

    Returns
    -------
    vader : vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer
        Call ``polarity_scores(text)``.
    pattern : textblob.en.Sentiment
        Call ``pattern(text)[:2]`` for ``(polarity, subjectivity)``.

    Notes
    -----
    - VADER's negation and idiom checks lower-case the whole text for each word they
      look at, which makes a long text cost the square of its length. They only look
      three words back and two ahead, so the quick analyser hands them that window.
      Where the stock code would wrap round to the end of the text (the first three
      words), the whole text is handed over as before. Texts without emoji skip the
      character-by-character emoji pass.
    - The pattern analyser is a dictionary that loads itself on first use, so each
      word lookup goes through Python; the quick one is loaded at once and looks
      words up directly.

    Each quick analyser is compared with the stock one on probe sentences when it is
    built; if any score differs (a new library version, say), the stock one is used.
    The pair is built once per process. VADER's keeps no state between calls; the
    pattern analyser's tokenizer remembers the tokens of each distinct word (see
    :class:`_QuickTokens`), which depend on the word alone.
    """
    from textblob import _text, en
    from vaderSentiment import vaderSentiment as vs

    vader, pattern = _quick_vader(vs), _quick_pattern(en, _text)
    # stock analysers over the same tables, so that nothing is read twice
    stock_vader = vs.SentimentIntensityAnalyzer.__new__(vs.SentimentIntensityAnalyzer)
    stock_vader.__dict__.update(vader.__dict__)
    stock_pattern = en.sentiment
    if [vader.polarity_scores(t) for t in _PROBES] != [stock_vader.polarity_scores(t) for t in _PROBES]:
        vader = stock_vader
    if [tuple(pattern(t)[:2]) for t in _PROBES] != [tuple(stock_pattern(t)[:2]) for t in _PROBES]:
        pattern = stock_pattern
    return vader, pattern


#: How many distinct words each quick analyser remembers; when full, a memory starts
#: afresh.
_WORD_MEMORY = 100_000


def _remembered(memory: dict, limit: int, keys: list[str], make) -> list:
    """What ``memory`` holds for each of ``keys``, made by ``make(key)`` and kept where
    it holds nothing yet; the memory starts afresh once it holds more than ``limit``."""
    if len(memory) > limit:
        memory.clear()
    found = list(map(memory.get, keys))
    if None in found:
        for k, key in enumerate(keys):
            if found[k] is None:
                value = memory.get(key)  # the same key earlier in ``keys``
                if value is None:
                    value = memory[key] = make(key)
                found[k] = value
    return found


def _quick_vader(vs):
    """VADER's analyser with the bookkeeping that does not change its scores cut
    (defined here so that VADER is imported only when needed)."""
    stock = vs.SentimentIntensityAnalyzer
    negations = frozenset(vs.NEGATE)

    def negated(word: str) -> bool:
        """VADER's ``negated([word])`` for one lower-cased word."""
        return word in negations or "n't" in word

    boosters, special = vs.BOOSTER_DICT, vs.SPECIAL_CASES

    def _negation(valence: float, lowers: list[str], start_i: int, i: int) -> float:
        """VADER's ``_negation_check`` on the words lower-cased; sentiment_valence calls
        it with i > start_i, so the indices below never wrap round."""
        if start_i == 0:
            if negated(lowers[i - 1]):
                valence = valence * vs.N_SCALAR
        elif start_i == 1:
            before, last = lowers[i - 2], lowers[i - 1]
            if before == "never" and (last == "so" or last == "this"):
                valence = valence * 1.25
            elif before == "without" and last == "doubt":
                pass
            elif negated(before):
                valence = valence * vs.N_SCALAR
        elif start_i == 2:
            third, before, last = lowers[i - 3], lowers[i - 2], lowers[i - 1]
            if third == "never" and (before == "so" or before == "this") or (last == "so" or last == "this"):
                valence = valence * 1.25
            elif third == "without" and (before == "doubt" or last == "doubt"):
                pass
            elif negated(third):
                valence = valence * vs.N_SCALAR
        return valence

    # the words of VADER's idioms and of its boosters of more than one word: every
    # phrase the idiom check looks up holds word i - 1, word i - 2, or words i and i + 1
    idiom_words = frozenset(w for phrase in (*special, *boosters) if " " in phrase for w in phrase.split(" "))

    def _idioms(valence: float, lowers: list[str], i: int) -> float:
        """VADER's ``_special_idioms_check`` on the words lower-cased, for i >= 3."""
        if lowers[i - 1] not in idiom_words and lowers[i - 2] not in idiom_words and (
                len(lowers) - 1 <= i or lowers[i] not in idiom_words or lowers[i + 1] not in idiom_words):
            return valence
        onezero = f"{lowers[i - 1]} {lowers[i]}"
        twoonezero = f"{lowers[i - 2]} {lowers[i - 1]} {lowers[i]}"
        twoone = f"{lowers[i - 2]} {lowers[i - 1]}"
        threetwoone = f"{lowers[i - 3]} {lowers[i - 2]} {lowers[i - 1]}"
        threetwo = f"{lowers[i - 3]} {lowers[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if len(lowers) - 1 > i:
            zeroone = f"{lowers[i]} {lowers[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if len(lowers) - 1 > i + 1:
            zeroonetwo = f"{lowers[i]} {lowers[i + 1]} {lowers[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in boosters:
                valence = valence + boosters[n_gram]
        return valence

    class QuickVader(stock):
        def __init__(self, memory: int = _WORD_MEMORY) -> None:
            super().__init__()
            self._emoji_chars = frozenset(c for c in self.emojis if len(c) == 1)
            self._memory = memory
            # what VADER reads of each distinct whitespace-separated token
            self._tokens: dict[str, tuple[str, str, bool, bool]] = {}

        def forget(self) -> None:
            """Empty the memory of tokens (``benchmarks/pipeline_speed.py`` times a
            first batch this way)."""
            self._tokens.clear()

        def _token(self, token: str) -> tuple[str, str, bool, bool]:
            """A token as SentiText keeps it, lower-cased, whether polarity_scores
            reads a valence for it (a word of the lexicon that is no booster) and
            whether it is in capitals."""
            word = vs.SentiText._strip_punc_if_word(token)
            lower = word.lower()
            return word, lower, lower not in vs.BOOSTER_DICT and lower in self.lexicon, word.isupper()

        def polarity_scores(self, text):
            if not isinstance(text, str) or not self._emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)
            # the stock method with the emoji pass skipped (there is no emoji), and
            # SentiText's reading of each distinct token remembered
            text = text.strip()
            known = _remembered(self._tokens, self._memory, text.split(), self._token)
            words = list(map(itemgetter(0), known))
            capitals = sum(map(itemgetter(3), known))
            is_cap_diff = 0 < len(words) - capitals < len(words)
            # the stock loop gives a word without a valence of its own (a booster, a
            # word not in the lexicon, "kind" before "of") the integer 0; only the
            # words with one are read
            sentiments = [0] * len(words)
            valenced = list(compress(range(len(words)), map(itemgetter(2), known)))
            if valenced:
                lowers = list(map(itemgetter(1), known))
                last = len(words) - 1
                for i in valenced:
                    if lowers[i] == "kind" and i < last and lowers[i + 1] == "of":
                        continue
                    sentiments[i] = self._valence(words, lowers, known, is_cap_diff, i)
            if "but" in map(itemgetter(1), known):
                sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        def _valence(self, words, lowers, known, is_cap_diff, i):
            """The stock ``sentiment_valence`` of word ``i``, a word of the lexicon,
            reading the words' lower case and capitals from what was remembered."""
            lexicon = self.lexicon
            lower = lowers[i]
            valence = lexicon[lower]
            if lower == "no" and i != len(words) - 1 and lowers[i + 1] in lexicon:
                valence = 0.0
            if ((i > 0 and lowers[i - 1] == "no") or (i > 1 and lowers[i - 2] == "no")
                    or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor"))):
                valence = lexicon[lower] * vs.N_SCALAR
            if known[i][3] and is_cap_diff:
                if valence > 0:
                    valence += vs.C_INCR
                else:
                    valence -= vs.C_INCR
            for start_i in range(0, 3):
                if i > start_i and lowers[i - (start_i + 1)] not in lexicon:
                    # vaderSentiment's scalar_inc_dec
                    j = i - (start_i + 1)
                    s = 0.0
                    if lowers[j] in boosters:
                        s = boosters[lowers[j]]
                        if valence < 0:
                            s *= -1
                        if known[j][3] and is_cap_diff:
                            if valence > 0:
                                s += vs.C_INCR
                            else:
                                s -= vs.C_INCR
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = _negation(valence, lowers, start_i, i)
                    if start_i == 2:
                        valence = _idioms(valence, lowers, i)
            # the stock _least_check
            if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
                if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                    valence = valence * vs.N_SCALAR
            elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
                valence = valence * vs.N_SCALAR
            return valence

        @staticmethod
        def _sift_sentiment_scores(sentiments):
            # the stock sums over the scores that are not 0, in their order: a 0 only
            # counts as neutral
            pos_sum = 0.0
            neg_sum = 0.0
            scored = list(filter(None, sentiments))
            for sentiment_score in scored:
                if sentiment_score > 0:
                    pos_sum += (float(sentiment_score) + 1)
                if sentiment_score < 0:
                    neg_sum += (float(sentiment_score) - 1)
            return pos_sum, neg_sum, len(sentiments) - len(scored)

        def _negation_check(self, valence, words, start_i, i):
            # the stock method, which also rebuilds VADER's list of negations for each
            # word it checks (the stock sentiment_valence calls it, for a text with emoji)
            return _negation(valence, [w.lower() for w in words], start_i, i)

        def _special_idioms_check(self, valence, words, i):
            # looks at words i-3 .. i+2, and whether i+1 and i+2 exist
            if i >= 3:
                return stock._special_idioms_check(valence, words[i - 3:i + 3], 3)
            return stock._special_idioms_check(valence, words, i)

    return QuickVader()


def _quick_pattern(en, _text):
    """TextBlob's English pattern analyser, loaded at once and read as a plain dict,
    with a quicker reading of a text's words (see :class:`_QuickAssessments`)."""

    class LoadedSentiment(_QuickAssessments, en.Sentiment):
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__

    stock = en.sentiment
    len(stock)  # loads the stock analyser's tables (once per process)
    pattern = LoadedSentiment.__new__(LoadedSentiment)
    pattern.__dict__.update(stock.__dict__)
    dict.update(pattern, dict.items(stock))
    pattern._prepare(_text)
    # TextBlob's English analyser splits words with its parser's find_tokens and the
    # module's default punctuation, abbreviations and contractions
    if getattr(pattern.tokenizer, "__func__", None) is _text.Parser.find_tokens:
        pattern.tokenizer = _QuickTokens(_text, pattern.tokenizer)
    return pattern


class _QuickAssessments:
    """The pattern analyser's ``__call__`` and ``assessments`` for a text, with what
    they look up for each word read once from the analyser's tables.

    ``Sentiment.assessments`` builds a dict for each known word, asks for each whether
    any of its senses is a modifier, and for each short word that is not a letter,
    lower-cases every emoticon it knows. This reads the same words in the same order,
    with the same arithmetic, from sets and a table of emoticons made once; a text
    that is not a string goes to the stock method.
    """

    def _prepare(self, text_module) -> None:
        self._text_module = text_module
        # a modifier tag of None would make every word's pos (None) a modifier's
        self._quick = None not in self.modifiers
        items = dict.items(self)
        # the words of which some sense is a modifier (what "any(map(self[w].__contains__,
        # self.modifiers))" asks), and the first emoticon entry whose forms hold a word
        self._modifying = frozenset(w for w, senses in items if any(m in senses for m in self.modifiers))
        emoticons: dict[str, float] = {}
        for (_kind, polarity), forms in text_module.EMOTICONS.items():
            for form in forms:
                emoticons.setdefault(form.lower(), polarity)
        self._emoticons = emoticons
        # words that change nothing when no modifier or negation precedes them (see
        # :meth:`_inert`), remembered for the process
        self._inert_words: dict[str, bool] = {}

    def forget(self) -> None:
        """Empty the memories of words: which change nothing, and the tokenizer's
        (``benchmarks/pipeline_speed.py`` times a first batch this way)."""
        self._inert_words.clear()
        getattr(self.tokenizer, "forget", lambda: None)()

    def _inert(self, w: str) -> bool:
        """Whether ``assessments`` leaves all as it was for the lower-cased word ``w``
        when no modifier or negation precedes it: a word that is not in the lexicon, no
        negation, not "!" or "(!)" and no emoticon."""
        senses = dict.get(self, w)
        return (not (senses is not None and None in senses) and w not in self.negations and w != "!" and w != "(!)"
                and not (w.isalpha() is False and len(w) <= 5 and w not in self._text_module.PUNCTUATION
                         and w in self._emoticons))

    def __call__(self, s, negation=True, **kwargs):
        if not isinstance(s, str) or kwargs or not self._quick:
            return super().__call__(s, negation, **kwargs)
        a = self.assessments([w.lower() for w in " ".join(self.tokenizer(s)).split()], negation, _lowered=True)
        # the stock average: a running sum from the integer 0, each score weighed 1
        polarity = subjectivity = 0
        for _, p, s_, _ in a:
            polarity += p
            subjectivity += s_
        n = float(len(a) or 1)
        return self._text_module.Score(polarity=polarity / n, subjectivity=subjectivity / n, assessments=a)

    def assessments(self, words=None, negation=True, *, _lowered=False):
        # _lowered: ``words`` are a text's lower-cased words alone, each of part of
        # speech None (what __call__ hands over for a string); else the stock method
        if not _lowered:
            return super().assessments(words, negation)
        t = self._text_module
        lookup = dict.get
        labels = self.labeler
        negations, modifying, modifier = self.negations, self._modifying, self.modifier
        emoticons, punctuation = self._emoticons, t.PUNCTUATION
        a: list[list] = []  # [words, polarity, subjectivity, intensity, negated, label]
        m = None  # the preceding modifier
        n = None  # the preceding negation
        inert = self._inert_words
        if len(inert) > _WORD_MEMORY:
            inert.clear()
        for w in words:
            if m is None and n is None:
                quiet = inert.get(w)
                if quiet is None:
                    quiet = inert[w] = self._inert(w)
                if quiet:
                    continue
            senses = lookup(self, w)
            if senses is not None and None in senses:
                p, s, i = senses[None]
                if m is None:
                    a.append([[w], p, s, i, 1, labels.get(w)])
                else:
                    last = a[-1]
                    last[0].append(w)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[5] = labels.get(w)
                if n is not None:
                    last = a[-1]
                    last[0].insert(0, n)
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                m = (w, None) if w in modifying else None
                n = w if negation and w in negations else None
            else:
                if negation and w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and modifier(m[0]):
                    a[-1][0].append(n)
                    a[-1][4] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and a:
                    a[-1][0].append("!")
                    a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
                if w == "(!)":
                    a.append([[w], 0.0, 1.0, 1.0, 1, t.IRONY])
                if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                    p = emoticons.get(w)
                    if p is not None:
                        a.append([[w], p, 1.0, 1.0, 1, t.MOOD])
        # "not good" = slightly bad, "not bad" = slightly good
        return [(w, p * -0.5 if n < 0 else p, s, x) for w, p, s, _, n, x in a]


class _QuickTokens:
    """TextBlob's ``find_tokens`` for the sentiment analyser, which only joins the
    sentences it returns and splits them into words again.

    ``find_tokens`` reads each whitespace-separated word on its own (contractions,
    quotes, leading and trailing punctuation, abbreviations), then groups the words
    into sentences and mends emoticons and "(!)" within each sentence. This reads each
    distinct word once and remembers its tokens, and returns them as one sentence. A
    text with a line break (which can end a sentence) or anything the emoticon or "(!)"
    patterns match goes to ``find_tokens`` itself.
    """

    def __init__(self, text_module, stock, memory: int = _WORD_MEMORY) -> None:
        self._text = text_module
        self._stock = stock
        self._memory = memory
        self._known: dict[str, list[str]] = {}
        self._punctuation = tuple(text_module.PUNCTUATION.replace(".", ""))
        self._trailing = self._punctuation + (".",)
        # the contractions, each with whether it may be replaced as plain text: a
        # pattern without a regex's special characters and a replacement without a
        # backslash make re.sub a str.replace
        self._replacements = [(a, b, re.escape(a) == a and "\\" not in b)
                              for a, b in text_module.replacements.items()]

    def forget(self) -> None:
        """Empty the memory of words' tokens (``benchmarks/pipeline_speed.py`` times a
        first batch this way)."""
        self._known.clear()

    def __call__(self, string: str) -> list[str]:
        if not isinstance(string, str) or "\n" in string or "\r" in string:
            return self._stock(string)
        parts = _remembered(self._known, self._memory, string.split(), self._split)
        joined = " ".join(chain.from_iterable(parts))
        t = self._text
        if t.RE_SARCASM.search(joined) or t.RE_EMOTICONS.search(joined):
            return self._stock(string)
        return [joined]

    def _split(self, word: str) -> list[str]:
        """The tokens of one word, as ``find_tokens`` splits it (its code, for one word)."""
        t = self._text
        replace = t.replacements
        for a, b, literal in self._replacements:
            if literal:
                if a in word:
                    word = word.replace(a, b)
            else:
                word = re.sub(a, b, word)
        word = (word.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
                .replace("'", " ' ").replace('"', ' " '))
        punctuation, trailing = self._punctuation, self._trailing
        tokens: list[str] = []
        for piece in word.split():
            tail = []
            while piece.startswith(punctuation) and piece not in replace:
                tokens.append(piece[0])
                piece = piece[1:]
            while piece.endswith(trailing) and piece not in replace:
                if piece.endswith(punctuation):
                    tail.append(piece[-1])
                    piece = piece[:-1]
                if piece.endswith("..."):
                    tail.append("...")
                    piece = piece[:-3].rstrip(".")
                if piece.endswith("."):
                    if (piece in t.ABBREVIATIONS or t.RE_ABBR1.match(piece) is not None
                            or t.RE_ABBR2.match(piece) is not None or t.RE_ABBR3.match(piece) is not None):
                        break
                    tail.append(piece[-1])
                    piece = piece[:-1]
            if piece != "":
                tokens.append(piece)
            tokens.extend(reversed(tail))
        return tokens
