"""Paragraph and sentence splitting, with offsets into the article text."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest

import stance
from stance.paragraphs import sentence_spans


def _articles(text: str, title: str | None = None, date=None) -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": ["a1"], "title": [title], "date": [pd.Timestamp(date) if date else pd.NaT], "text": [text]}
    )


def test_seed_paragraphs_headline_dateline_and_offsets(seed_path):
    articles = stance.read_articles(seed_path)
    paragraphs = stance.split_paragraphs(articles)
    text = articles.loc[0, "text"]
    assert list(paragraphs.columns[:6]) == ["article_id", "paragraph_id", "kind", "text", "start", "end"]
    assert paragraphs.loc[0, "kind"] == "headline"
    assert paragraphs.loc[0, "text"] == "Modi in talks with Putin to win back Russia"
    assert paragraphs.loc[1, "kind"] == "dateline"
    assert paragraphs.loc[1, "text"] == "01 Jun 2017"
    assert set(paragraphs.loc[2:, "kind"]) == {"body"}
    # 13 body paragraphs: the whitespace-only line between two paragraphs is no paragraph
    assert len(paragraphs) == 15
    assert paragraphs.loc[3, "text"] == "Prime Minister Narendra Modi and Russian President Vladimir Putin"
    for row in paragraphs.itertuples():
        assert text[row.start:row.end] == row.text
    assert paragraphs["paragraph_id"].tolist() == list(range(15))
    assert (paragraphs["date"] == pd.Timestamp("2017-06-01")).all()


def test_no_headline_without_title_and_no_dateline_for_text():
    text = "Officials met in Geneva.\n\n12 agreements were signed.\n\nMore talks follow."
    paragraphs = stance.split_paragraphs(_articles(text))
    assert paragraphs["kind"].tolist() == ["body", "body", "body"]


def test_dateline_without_headline_is_marked():
    text = "June 1, 2017\n\nThe two ministers met."
    paragraphs = stance.split_paragraphs(_articles(text))
    assert paragraphs["kind"].tolist() == ["dateline", "body"]


def test_windows_line_endings_and_trailing_spaces_keep_offsets():
    text = "Title line\n  \n\nFirst paragraph,\nstill first.  \n\n\n\nSecond."
    paragraphs = stance.split_paragraphs(_articles(text, title="Title line"))
    assert paragraphs["text"].tolist() == ["Title line", "First paragraph,\nstill first.", "Second."]
    for row in paragraphs.itertuples():
        assert text[row.start:row.end] == row.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Modi met Mr. Putin. They talked.", ["Mr. Modi met Mr. Putin.", "They talked."]),
        ("The U.S. and Russia met in Jan. 2017 to talk. It failed.",
         ["The U.S. and Russia met in Jan. 2017 to talk.", "It failed."]),
        ("Sanctions hit the U.S. The talks then collapsed.",
         ["Sanctions hit the U.S.", "The talks then collapsed."]),
        ("George W. Bush met Dr. Singh at 10 a.m. on Monday. Both smiled.",
         ["George W. Bush met Dr. Singh at 10 a.m. on Monday.", "Both smiled."]),
        ('He said, "We are friends." Then he left!  Really? yes.',
         ['He said, "We are friends."', "Then he left!", "Really? yes."]),
        ("Prices rose 3.5 per cent. Exports fell.", ["Prices rose 3.5 per cent.", "Exports fell."]),
        ("No terminal punctuation", ["No terminal punctuation"]),
    ],
)
def test_sentence_spans(text, expected):
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == expected


def test_split_sentences_offsets_point_into_article(seed_path):
    articles = stance.read_articles(seed_path)
    sentences = stance.split_sentences(stance.split_paragraphs(articles))
    text = articles.loc[0, "text"]
    for row in sentences.itertuples():
        assert text[row.start:row.end] == row.text
    taliban = sentences[sentences["paragraph_id"] == 5]
    assert len(taliban) == 3
    assert taliban["text"].iloc[1].startswith("Moscow is opportunistically")


def test_split_paragraphs_rejects_wrong_input():
    with pytest.raises(ValueError, match="missing columns \\['text'\\]"):
        stance.split_paragraphs(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(TypeError, match="got list"):
        stance.split_paragraphs([{"article_id": "a", "text": "x"}])


def test_single_line_breaks_between_paragraphs(seed_path):
    """JSON and CSV exports often put one line break between paragraphs: each line whose
    neighbours mostly end sentences is a paragraph, as in the blank-line original."""
    original = seed_path.read_text(encoding="utf-8")
    squeezed = re.sub(r"\n\s*\n+", "\n", original)
    assert "\n\n" not in squeezed
    by_blank, by_line = (
        stance.split_paragraphs(pd.DataFrame({"article_id": ["a"], "title": [text.splitlines()[0]],
                                              "date": [pd.Timestamp("2017-06-01")], "text": [text]}))
        for text in (original, squeezed)
    )
    assert by_line["text"].tolist() == by_blank["text"].tolist()
    assert by_line["kind"].tolist() == by_blank["kind"].tolist()
    assert all(squeezed[s:e] == t for s, e, t in zip(by_line["start"], by_line["end"], by_line["text"]))


def test_lines_wrapped_inside_a_paragraph_stay_one_paragraph(seed_path):
    body = " ".join(seed_path.read_text(encoding="utf-8").split("\n\n")[2:5])
    wrapped = "\n".join(textwrap.wrap(body, 70))
    assert wrapped.count("\n") >= 5
    paragraphs = stance.split_paragraphs(pd.DataFrame({"article_id": ["a"], "text": [wrapped]}))
    assert len(paragraphs) == 1
