"""The quick sentiment analysers give the stock libraries' numbers, text for text."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from textblob.en import sentiment as stock_pattern
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from stance.paragraphs import sentence_spans
from stance.sentiment import _PROBES, SentimentScorer, quick_analysers

from conftest import ROOT


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every distinct paragraph of the labelled corpus, each of its sentences, and
    the probes, some of them edited to reach the code paths the quick analysers change."""
    corpus = pd.read_csv(ROOT / "seeds" / "_labelled" / "corpus.csv", dtype=str, keep_default_na=False)
    paragraphs = corpus["text"].drop_duplicates().tolist()
    sentences = [p[s:e] for p in paragraphs for s, e in sentence_spans(p)]
    edited = [f"Not {p[:1].lower()}{p[1:]} But at least it was GOOD 😊" for p in paragraphs[:300]]
    # what TextBlob's tokenizer treats apart: line breaks, emoticons, "(!)", quotes,
    # contractions, ellipses and abbreviations
    marked = [f"{p[:40]}\n\n{p[40:]}" for p in paragraphs[300:400]] + [
        f"“{p}” isn't it?! :) ... (!) 'Mr. Smith' won't (e.g. U.S.-led)..." for p in paragraphs[400:500]]
    # VADER's rules around a sentiment word: "no" and "no ... or", "least", "kind of",
    # boosters in capitals, "never so", "without doubt" and its idioms ("kiss of death"),
    # inserted at random places of sentences
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES

    rules = ["no", "No", "or", "nor", "least", "at least", "very least", "kind of", "but", "never so", "never this",
             "without doubt", "not", "isn't", "EXTREMELY", "very", "barely", "GOOD", "bad", "!!", "???",
             *SPECIAL_CASES, *(k for k in BOOSTER_DICT if " " in k)]
    draw = random.Random(0)
    inserted = []
    for sentence in draw.sample(sentences, 3000):
        words = sentence.split()
        for _ in range(draw.randint(1, 5)):
            words.insert(draw.randint(0, len(words)), draw.choice(rules))
        inserted.append(" ".join(words))
    return list(_PROBES) + paragraphs + sentences + edited + marked + inserted


def test_quick_analysers_are_not_the_stock_classes():
    # otherwise the comparisons below would compare the stock analysers with themselves
    vader, pattern = quick_analysers()
    assert type(vader) is not SentimentIntensityAnalyzer
    assert type(pattern) is not type(stock_pattern)


def test_quick_vader_gives_vaders_scores(texts):
    vader, _ = quick_analysers()
    stock = SentimentIntensityAnalyzer()
    differing = [t for t in texts if vader.polarity_scores(t) != stock.polarity_scores(t)]
    assert len(texts) > 4000 and differing == []


def test_quick_pattern_gives_textblobs_scores(texts):
    _, pattern = quick_analysers()
    differing = [t for t in texts if tuple(pattern(t)[:2]) != tuple(stock_pattern(t)[:2])]
    assert differing == []


def test_quick_tokens_are_textblobs_tokens(texts):
    # the sentiment analyser reads the words of the sentences its tokenizer returns
    _, pattern = quick_analysers()
    assert pattern.tokenizer is not stock_pattern.tokenizer
    differing = [t for t in texts
                 if " ".join(pattern.tokenizer(t)).split() != " ".join(stock_pattern.tokenizer(t)).split()]
    assert differing == []


def test_scorer_columns_are_the_stock_scores():
    text = "The US imposed fresh sanctions on Russia, but India was not unhappy."
    v = SentimentIntensityAnalyzer().polarity_scores(text)
    expected = (v["neg"], v["neu"], v["pos"], v["compound"], *stock_pattern(text)[:2])
    assert SentimentScorer().score_one(text) == pytest.approx(expected, abs=0)


@pytest.mark.parametrize("memory", [200_000, 64])
def test_scoring_many_texts_gives_each_texts_scores(texts, memory):
    # with repeats, texts scored before, and a memory smaller than the texts (it starts
    # afresh); the scores are exact, so that a batch's scores do not depend on its size
    scorer = SentimentScorer(memory=memory)
    scorer.score_many(texts[:30])
    sample = texts[:200] + texts[100:150] + texts[:10]
    alone = SentimentScorer()
    assert scorer.score_many(sample) == [alone.score_one(t) for t in sample]
    assert scorer.score(sample[:20]).tolist() == [list(alone.score_one(t)) for t in sample[:20]]
    assert len(scorer._seen) <= memory


def test_quick_pattern_reads_other_inputs_as_textblob_does():
    # a list of words, or a weight, goes to the stock method
    _, pattern = quick_analysers()
    words = ["not", "a", "very", "good", "deal", "!"]
    assert tuple(pattern(words)[:2]) == tuple(stock_pattern(words)[:2])
    text = "A very good deal, not a bad one."
    weight = {"weight": lambda w: len(w)}
    assert tuple(pattern(text, **weight)[:2]) == tuple(stock_pattern(text, **weight)[:2])
    assert pattern(text).assessments == stock_pattern(text).assessments


def test_quick_analysers_remember_tokens_without_changing_scores(texts):
    # the second reading of each text comes from the analysers' memories of tokens
    vader, pattern = quick_analysers()
    first = [(vader.polarity_scores(t), tuple(pattern(t)[:2])) for t in texts[:500]]
    assert [(vader.polarity_scores(t), tuple(pattern(t)[:2])) for t in texts[:500]] == first
    # and with the memories emptied, read anew
    vader.forget()
    pattern.forget()
    assert not vader._tokens and not pattern._inert_words and not pattern.tokenizer._known
    assert [(vader.polarity_scores(t), tuple(pattern(t)[:2])) for t in texts[:500]] == first
