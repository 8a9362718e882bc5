"""Pair rows and their feature transformers."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks as checks

import stance
from conftest import EVENT_SENTENCES
from stance.features import (EVENT_CLASSES, ContextNgrams, CueFeatures, EventClasses, MaskedContext, MentionRoles,
                             PairContext, ParagraphSentiment, Provenance, ThirdParty, read_events)

TRANSFORMERS = [ParagraphSentiment(), PairContext(), CueFeatures(), ThirdParty(), MentionRoles(), MaskedContext(),
                Provenance()]



def pairs_of(text: str, date: str = "2017-06-01") -> pd.DataFrame:
    paragraphs = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "kind": ["body"], "text": [text],
                               "start": [0], "end": [len(text)], "date": [pd.Timestamp(date)]})
    return stance.build_pairs(paragraphs, stance.find_mentions(paragraphs))


@pytest.fixture(scope="module")
def seed_pairs(seed_paragraphs):
    return stance.build_pairs(seed_paragraphs, stance.find_mentions(seed_paragraphs))


def test_seed_pairs_are_every_pair_of_each_paragraph(seed_paragraphs, seed_pairs):
    mentions = stance.find_mentions(seed_paragraphs)
    for (_, paragraph_id), group in mentions.groupby(["article_id", "paragraph_id"]):
        countries = sorted(set(group["country"]))
        expected = {(a, b) for i, a in enumerate(countries) for b in countries[i + 1:]}
        got = set(zip(*seed_pairs.loc[seed_pairs["paragraph_id"] == paragraph_id, ["country_a", "country_b"]]
                      .T.to_numpy()))
        assert got == expected
    assert (seed_pairs["country_a"] < seed_pairs["country_b"]).all()


def test_the_pairs_of_a_paragraph_share_its_text(seed_pairs):
    # one Python string per paragraph, not a copy per pair each time a transformer
    # reads the column (pandas' own string columns make one)
    assert seed_pairs["text"].dtype == object
    texts = seed_pairs["text"].tolist()
    for _, group in seed_pairs.groupby("paragraph_id"):
        first = texts[group.index[0]]
        assert isinstance(first, str) and all(texts[i] is first for i in group.index)
    assert len({id(t) for t in texts}) == seed_pairs["paragraph_id"].nunique()


def test_offsets_and_evidence_point_at_the_pair(seed_pairs):
    names = {"IND": ("India", "Modi", "New Delhi", "Indo"), "RUS": ("Russia", "Putin", "Moscow", "Kremlin")}
    for row in seed_pairs.itertuples():
        for spans in (row.spans_a, row.spans_b):
            assert spans and all(0 <= s < e <= len(row.text) for s, e in spans)
        assert row.evidence and row.evidence.split(" … ")[0] in row.text
    row = seed_pairs[(seed_pairs["paragraph_id"] == 4) & (seed_pairs["country_a"] == "CHN")
                     & (seed_pairs["country_b"] == "IND")].iloc[0]
    assert "adversaries" in row.evidence
    assert any(w in row.text[s:e] for s, e in row.spans_b for w in names["IND"] + ("India",))


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=lambda t: type(t).__name__)
def test_named_columns_and_pandas_output(transformer, seed_pairs):
    fitted = clone(transformer).fit(seed_pairs)
    names = list(fitted.get_feature_names_out())
    out = fitted.transform(seed_pairs)
    assert len(out) == len(seed_pairs)
    if isinstance(transformer, MaskedContext):
        # a phrase that stands for both ("the two sides") is one placeholder
        least = [1 if set(a) == set(b) else 2 for a, b in zip(seed_pairs["spans_a"], seed_pairs["spans_b"])]
        assert names == ["masked_context"] and all(t.count("CTRYP") >= n for t, n in zip(out, least))
        return
    assert out.shape[1] == len(names) and np.isfinite(out).all()
    frame = clone(transformer).set_output(transform="pandas").fit(seed_pairs).transform(seed_pairs)
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == names
    np.testing.assert_allclose(frame.to_numpy(), out)


@pytest.mark.parametrize("transformer", TRANSFORMERS + [EventClasses(), ContextNgrams()],
                         ids=lambda t: type(t).__name__)
@pytest.mark.parametrize("check", [
    checks.check_no_attributes_set_in_init, checks.check_parameters_default_constructible,
    checks.check_get_params_invariance, checks.check_set_params, checks.check_estimator_cloneable,
    checks.check_estimator_repr, checks.check_estimator_tags_renamed, checks.check_valid_tag_types,
], ids=lambda c: c.__name__)
def test_sklearn_api_checks(transformer, check):
    """The checks of sklearn.utils.estimator_checks that do not feed numeric arrays (these
    transformers read text, which sklearn's generic checks cannot generate)."""
    try:
        check(type(transformer).__name__, clone(transformer))
    except TypeError:  # checks that take only the estimator
        check(clone(transformer))


def test_unfitted_and_wrong_input_errors(seed_pairs):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        CueFeatures().transform(seed_pairs)
    with pytest.raises(TypeError, match="expects a pandas DataFrame of pairs"):
        CueFeatures().fit(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"missing columns \['cues'\]"):
        CueFeatures().fit(seed_pairs.drop(columns="cues"))


def _features(text, a, b, transformer):
    pairs = pairs_of(text)
    row = pairs[(pairs["country_a"] == a) & (pairs["country_b"] == b)]
    assert len(row) == 1, pairs[["country_a", "country_b"]]
    t = clone(transformer).set_output(transform="pandas").fit(row)
    return t.transform(row).iloc[0]


def test_cues_between_the_pair_and_negation():
    hostile = _features("The US imposed fresh sanctions on Russia.", "RUS", "USA", CueFeatures())
    assert hostile["cue_between_plain"] < 0 and hostile["cue_joint_material_conflict"] == 1
    negated = _features("The US has not imposed sanctions on Russia.", "RUS", "USA", CueFeatures())
    assert negated["cue_joint_negated"] < 0 and negated["cue_joint_plain"] == 0


@pytest.mark.parametrize("text, a, b", [
    ("The US refused to lift the blockade of Cuba.", "CUB", "USA"),
    ("Russia did not end the blockade of Ukraine.", "RUS", "UKR"),
])
def test_negated_reversal_keeps_the_cue(text, a, b):
    cues = _features(text, a, b, CueFeatures())
    assert cues["cue_attached_negative"] < 0 and cues["cue_attached_positive"] == 0


@pytest.mark.parametrize("text, a, b", [
    ("Cuba urged the US to lift the blockade of Cuba.", "CUB", "USA"),
    ("Iran demanded that the US lift sanctions on Iran.", "IRN", "USA"),
    ("Russia says Israel must end its attacks on Syria.", "ISR", "SYR"),
])
def test_a_demanded_reversal_keeps_the_cue(text, a, b):
    # asked for, not done: the blockade, the sanctions and the attacks stand. The
    # appeal itself is CAMEO's verbal cooperation (020), which weighs less
    cues = _features(text, a, b, CueFeatures())
    assert cues["cue_attached_negative"] + cues["cue_attached_positive"] < 0, cues[cues != 0]


@pytest.mark.parametrize("text, a, b, c", [
    ("The United States lifted its economic embargo against both Libya and Iraq.", "IRQ", "LBY", "USA"),
    ("Ghana closed its borders with Ivory Coast, Togo and Burkina Faso.", "CIV", "TGO", "GHA"),
    ("Israel launched air strikes on Iran and Lebanon.", "IRN", "LBN", "ISR"),
])
def test_a_third_countrys_deed_on_both_is_not_theirs(text, a, b, c):
    # "C did X to A and B" says nothing of A and B to each other
    cues = _features(text, a, b, CueFeatures())
    assert cues["cue_joint_count"] == 0 and cues["cue_elsewhere"] > 0, cues[cues != 0]
    # between C and each of them it stands
    with_c = _features(text, *sorted((a, c)), CueFeatures())
    assert with_c["cue_joint_count"] == 1 and with_c["cue_attached_count"] == 1


def test_talks_brokered_between_the_two_are_theirs():
    cues = _features("Norway brokered talks between Israel and Palestine.", "ISR", "PSE", CueFeatures())
    assert cues["cue_joint_count"] > 0


def test_eased_is_a_reversal():
    cues = _features("The US eased tariffs on Cuba.", "CUB", "USA", CueFeatures())
    assert cues["cue_attached_positive"] > 0 and cues["cue_joint_reversed"] < 0


@pytest.mark.parametrize("text, a, b, sign", [
    # the annotation guide's rule 4: a negated cue flips
    ("History is witness Indo-Russia relations have not seen any ups and downs.", "IND", "RUS", 1),
    ("US-China ties have seen ups and downs this year.", "CHN", "USA", -1),
])
def test_a_dyad_before_a_cue_is_mutual(text, a, b, sign):
    cues = _features(text, a, b, CueFeatures())
    assert np.sign(cues["cue_attached_mutual"]) == sign, cues[cues != 0]


@pytest.mark.parametrize("text, a, b, mutual", [
    ("India and Pakistan exchanged fire on the border.", "IND", "PAK", True),
    ("Japan and South Korea signed a fisheries agreement.", "JPN", "KOR", True),
    # co-actors on a third country: the cue is the third's, not the pair's
    ("Japan and South Korea sent aid to Turkey.", "JPN", "KOR", False),
    ("The US and Britain imposed sanctions on Iran.", "GBR", "USA", False),
    # "the" before a name of the group does not break it
    ("The United Kingdom and the United States signed a data sharing agreement.", "GBR", "USA", True),
    ("Britain, Japan and the US sent aid to Turkey.", "GBR", "USA", False),
])
def test_co_actors_act_on_each_other_only_without_a_third_after_the_cue(text, a, b, mutual):
    cues = _features(text, a, b, CueFeatures())
    assert (cues["cue_attached_mutual"] != 0) == mutual, cues[cues != 0]
    assert (cues["cue_elsewhere"] > 0) == (not mutual)


@pytest.mark.parametrize("text, a, b, c", [
    ("China and Pakistan signed agreements on the corridor, which India opposes.", "CHN", "PAK", "IND"),
    ("Japan and Australia signed a defence pact on Friday, a move likely to irritate China.", "AUS", "JPN", "CHN"),
    ("Kenya and Ethiopia agreed to reopen the border; Somalia was not consulted.", "ETH", "KEN", "SOM"),
    # nor is a country named as the place
    ("Russia and China held joint naval drills near Japan.", "CHN", "RUS", "JPN"),
    ("Kenya and Tanzania held joint naval exercises off the coast of Somalia.", "KEN", "TZA", "SOM"),
])
def test_a_country_after_the_cues_clause_or_as_a_place_is_not_its_object(text, a, b, c):
    # the co-signers signed with each other, not with the country of the next clause
    cues = _features(text, a, b, CueFeatures())
    assert cues["cue_attached_mutual"] > 0, cues[cues != 0]
    for pair in (sorted((a, c)), sorted((b, c))):
        third = _features(text, *pair, CueFeatures())
        assert third["cue_attached_count"] == 0, third[third != 0]


def test_countries_in_apposition_to_the_cue_are_its_side():
    text = "Russia has moved closer to India's adversaries, China and Pakistan."
    for a, b in (("CHN", "IND"), ("IND", "PAK")):
        cues = _features(text, a, b, CueFeatures())
        assert cues["cue_attached_negative"] < 0, cues[cues != 0]


@pytest.mark.parametrize("text", [
    "India is a time-tested friend, Putin said.",
    "India is a time-tested friend, said Russian President Vladimir Putin.",
])
def test_the_speaker_after_a_comma_is_still_the_cues_other_side(text):
    cues = _features(text, "IND", "RUS", CueFeatures())
    assert cues["cue_attached_positive"] > 0, cues[cues != 0]


@pytest.mark.parametrize("text, a, b", [
    ("South Africa, Russia and China began ten days of naval exercises off the coast on Friday, including "
     "drills to repel attacks.", "CHN", "RUS"),
    ("India and Pakistan, neighbours in South Asia since partition, last week reported the attacks.", "IND", "PAK"),
])
def test_a_cue_far_after_the_pair_is_not_mutual(text, a, b):
    near = _features(text, a, b, CueFeatures(mutual_conflict="any"))
    unlimited = _features(text, a, b, CueFeatures(mutual_reach=None, mutual_conflict="any"))
    assert near["cue_attached_mutual"] == 0 and unlimited["cue_attached_mutual"] < 0, unlimited[unlimited != 0]
    # within reach: "India and Pakistan on Tuesday exchanged fire"
    close = _features("India and Pakistan on Tuesday exchanged fire.", "IND", "PAK", CueFeatures())
    assert close["cue_attached_mutual"] < 0


@pytest.mark.parametrize("text, a, b, mutual", [
    # the objects of a third country's deed do not act on each other afterwards
    ("Ghana closed its borders with Ivory Coast, Togo and Burkina Faso to address any security concerns.",
     "BFA", "CIV", False),
    ("Russia expelled diplomats from Germany, Poland and Sweden over their alleged role in the protests.",
     "DEU", "POL", False),
    # but what it urges them to do is theirs, hedged
    ("Kazakhstan urged Kyrgyzstan and Tajikistan to settle their border dispute.", "KGZ", "TJK", True),
    # and so is what follows a dyad, an apposition or a clause of their own
    ("Turkey hosted Russia-Ukraine grain talks on Friday.", "RUS", "UKR", True),
    ("Armenia's two adversaries, Azerbaijan and Turkey, opened joint exercises.", "AZE", "TUR", True),
    ("New Zealand was concerned after Fiji and Vanuatu traded barbs over fishing rights.", "FJI", "VUT", True),
    # a cue with no weight is no deed: "said" does not make the two its objects
    ("Russia said on Friday that Poland and the United States reached agreement on the shield.",
     "POL", "USA", True),
])
def test_the_objects_of_a_third_countrys_deed_are_not_mutual(text, a, b, mutual):
    cues = _features(text, a, b, CueFeatures())
    assert (cues["cue_attached_mutual"] != 0) == mutual, cues[cues != 0]
    before = _features(text, a, b, CueFeatures(deeds_end_mutual=False, mutual_conflict="any"))
    assert before["cue_attached_mutual"] != 0, before[before != 0]


@pytest.mark.parametrize("text, a, b, mutual", [
    # a cue two countries do to each other by its nature, or by "each other" or "traded"
    ("Armenian and Azerbaijani troops clashed on the border on Tuesday.", "ARM", "AZE", True),
    ("India and Pakistan accused each other of violating the truce.", "IND", "PAK", True),
    ("Russia and Ukraine traded accusations over the shelling of the plant.", "RUS", "UKR", True),
    ("Thailand and Cambodia exchanged fire along the border.", "KHM", "THA", True),
    # other conflict cues are what the two do together to someone else
    ("Russian and Syrian regime warplanes are striking rebel positions in the city.", "RUS", "SYR", False),
    ("Japan and South Korea condemned the attack.", "JPN", "KOR", False),
])
def test_a_conflict_cue_is_mutual_when_it_is_reciprocal(text, a, b, mutual):
    cues = _features(text, a, b, CueFeatures())
    assert (cues["cue_attached_mutual"] < 0) == mutual, cues[cues != 0]
    if not mutual:
        assert cues["cue_attached_count"] == 0 and cues["cue_joint_plain"] < 0, cues[cues != 0]
    # read as models saved before 2026-12-07 read: every conflict cue is mutual
    before = _features(text, a, b, CueFeatures(mutual_conflict="any"))
    assert before["cue_attached_mutual"] < 0, before[before != 0]
    with pytest.raises(ValueError, match="mutual_conflict is 'all'; expected 'reciprocal' or 'any'"):
        CueFeatures(mutual_conflict="all").fit(pairs_of(text))


@pytest.mark.parametrize("transformer, parameter, before", [
    (CueFeatures, "mutual_reach", None),  # no limit
    (CueFeatures, "paragraph_cues", "all"),  # every cue of the paragraph
    (CueFeatures, "deeds_end_mutual", False),  # no deed ends a mutual reading
    (CueFeatures, "mutual_conflict", "any"),  # every conflict cue mutual
    (MaskedContext, "hide_stop_phrases", False),  # stop phrases read as words
    (EventClasses, "cross_fit", 0),  # every paragraph read by the classifier of all the sentences
    (ParagraphSentiment, "scope", "paragraph"),  # every sentence of the paragraph
    (ThirdParty, "countries_scope", "paragraph"),  # every country of the paragraph
])
def test_a_model_saved_before_a_parameter_existed_reads_as_it_did(transformer, parameter, before):
    state = transformer().__getstate__()
    del state[parameter]
    restored = transformer.__new__(transformer)
    restored.__setstate__(state)
    assert getattr(restored, parameter) == before and type(getattr(restored, parameter)) is type(before)


def test_paragraph_cues_count_only_the_pairs_sentences_unless_all():
    text = ("India and Russia signed a defence pact on Monday. Separately, Pakistan condemned the attack "
            "and threatened sanctions. Russia praised India.")
    pair = _features(text, "IND", "RUS", CueFeatures())
    every = _features(text, "IND", "RUS", CueFeatures(paragraph_cues="all"))
    paragraph = [name for name in pair.index if name.startswith("cue_paragraph_")]
    # the second sentence's conflict cues name neither India nor Russia
    assert pair["cue_paragraph_plain"] > 0 and every["cue_paragraph_plain"] < pair["cue_paragraph_plain"]
    assert (pair.drop(paragraph) == every.drop(paragraph)).all()
    # for the pair's sentences alone the two agree
    alone = "India and Russia signed a defence pact on Monday. Russia praised India."
    assert (_features(alone, "IND", "RUS", CueFeatures()) ==
            _features(alone, "IND", "RUS", CueFeatures(paragraph_cues="all"))).all()
    with pytest.raises(ValueError, match="paragraph_cues is 'none'; expected 'pair' or 'all'"):
        CueFeatures(paragraph_cues="none").fit(pairs_of(alone))


def test_the_two_sides_hold_the_pair_without_a_distance():
    # named only by the phrase: both in one sentence, no distance and no order
    alone = "Modi met Putin in Moscow.\n\nThe two sides signed 12 agreements."
    pairs = stance.build_pairs(*_paragraphs_and_mentions(alone))
    row = pairs[pairs["paragraph_id"] == 1]
    context = clone(PairContext()).set_output(transform="pandas").fit(row).transform(row).iloc[0]
    assert context["joint_sentences"] == 1 and context["log_char_distance"] == 0
    assert context["a_before_b"] == 0.5
    cues = clone(CueFeatures()).set_output(transform="pandas").fit(row).transform(row).iloc[0]
    assert cues["cue_attached_mutual"] > 0
    # named as well: the distance is the names', the phrase adds a sentence holding both
    named = _features("India criticised Russia last year. The two sides have since signed a deal.",
                      "IND", "RUS", PairContext())
    assert named["joint_sentences"] == 2 and named["words_between"] == 1 and named["a_before_b"] == 1


def _paragraphs_and_mentions(text: str, date: str = "2017-06-01"):
    articles = pd.DataFrame({"article_id": ["a"], "title": [None], "date": [pd.Timestamp(date)], "text": [text]})
    paragraphs = stance.split_paragraphs(articles)
    return paragraphs, stance.find_mentions(paragraphs)


def test_a_cue_in_a_clause_that_names_no_country_is_not_the_pairs():
    text = ('Modi told Putin: "Normally, international relations see ups and downs but Indo-Russia '
            'relations have not seen any ups and downs."')
    cues = _features(text, "IND", "RUS", CueFeatures())
    assert cues["cue_paragraph_plain"] < 0  # the generic clause still counts in the paragraph
    assert cues["cue_joint_plain"] == 0 and cues["cue_joint_negated"] < 0
    named = _features("Modi told Putin that India and Russia had seen ups and downs.", "IND", "RUS", CueFeatures())
    assert named["cue_joint_plain"] < 0


def test_the_offset_searches_agree_with_a_scan_of_every_offset():
    # CueFeatures asks of sorted offsets whether any is in a clause and how near the
    # nearest is to a cue by bisection; a scan of every offset is the definition
    from stance.features import _any_within, _gap

    rng = np.random.default_rng(0)
    for _ in range(2000):
        offsets = sorted(rng.integers(0, 60, size=rng.integers(1, 6)).tolist())
        at, lo = (int(x) for x in rng.integers(-5, 65, size=2))
        hi = lo + int(rng.integers(0, 30))
        assert _gap(offsets, at) == min(abs(x - at) for x in offsets)
        assert _any_within(offsets, lo, hi) == any(lo <= x < hi for x in offsets)
    assert not _any_within([], 0, 10)


def test_third_party_constructions():
    text = ("Russia has moved closer to India's adversaries, China and Pakistan, raising unease in "
            "New Delhi.")
    assert _features(text, "CHN", "IND", ThirdParty())["enemy_of"] == 1
    assert _features(text, "IND", "PAK", ThirdParty())["enemy_of"] == 1
    assert _features(text, "CHN", "RUS", ThirdParty())["closer_to"] == 1
    assert _features(text, "CHN", "PAK", ThirdParty())["enemy_of"] == 0
    # moving closer to India's adversaries is no move closer to India
    assert _features(text, "IND", "RUS", ThirdParty())["closer_to"] == 0
    assert _features("Russia has moved closer to India, its old partner.", "IND", "RUS", ThirdParty())["closer_to"] == 1
    signed = _features("France and Germany signed a defence pact in Paris.", "DEU", "FRA", ThirdParty())
    assert signed["coordinated"] == 1


@pytest.mark.parametrize("text, a, b, backs", [
    ("Syrian government forces backed by Russian warplanes pounded rebel-held Ghouta.", "RUS", "SYR", 1),
    ("A Russia-backed Syrian regime offensive has displaced 800,000 people.", "RUS", "SYR", 1),
    ("Russian-backed Syrian forces attack rebels in Idlib", "RUS", "SYR", 1),
    ("Ethiopian federal troops, fighting alongside Eritrean forces, captured Shire.", "ERI", "ETH", 1),
    ("Mozambican troops, backed by about 1,000 Rwandan soldiers, retook the port town.", "MOZ", "RWA", 1),
    ("French forces killed a jihadist commander in an operation carried out with the support of Malian "
     "troops.", "FRA", "MLI", 1),
    ("The United States carried out air strikes in support of Iraqi forces near Mosul.", "IRQ", "USA", 1),
    ("Ukrainian troops using tanks supplied by Germany have pushed Russian forces back.", "DEU", "UKR", 1),
    ("Azerbaijani forces using Israeli-made drones pushed back Armenian troops.", "AZE", "ISR", 1),
    # the fight is between the others
    ("Ukrainian troops using tanks supplied by Germany have pushed Russian forces back.", "RUS", "UKR", 0),
    ("Azerbaijani forces using Israeli-made drones pushed back Armenian troops.", "ARM", "ISR", 0),
    # backed rebels and separatists are not the country's forces
    ("Russian-backed Ukrainian separatists shelled Mariupol.", "RUS", "UKR", 0),
    ("Russian-backed Ukrainian separatist rebels shelled Mariupol.", "RUS", "UKR", 0),
    ("Separatists in eastern Ukraine backed by Russia shelled Mariupol.", "RUS", "UKR", 0),
    ("Rwanda-backed M23 rebels have seized Goma, the largest city in the east of Congo.", "COD", "RWA", 0),
    ("Iran-backed Iraqi militias fired rockets at a US base.", "IRN", "IRQ", 0),
    # help to others, and the one attacked
    ("Pakistani officials blamed militants operating from Afghanistan with help from Indian intelligence.",
     "IND", "PAK", 0),
    ("Russia attacked Ukraine with the support of Belarus.", "BLR", "UKR", 0),
    ("India and Pakistan signed a deal backed by China.", "CHN", "IND", 0),
])
def test_one_country_backing_the_others_forces(text, a, b, backs):
    assert _features(text, a, b, ThirdParty())["backs"] == backs


def test_every_word_of_a_backing_form_passes_the_first_check():
    # a paragraph is searched for the forms of "backs" only where a stem or a hyphened
    # compound is; a form whose words hold neither would never be searched for
    from stance.features import _BACKING_COMPOUND, _BACKING_STEMS, _BACKING_TRIGGERS

    for words in _BACKING_TRIGGERS.values():
        for word in words:
            assert _BACKING_COMPOUND.search(word) or any(stem in word for stem in _BACKING_STEMS), word


def test_the_countries_of_the_pairs_own_sentences_do_not_grow_with_the_paragraph():
    sentence = "France and Germany signed a defence pact in Paris."
    alone = _features(sentence, "DEU", "FRA", ThirdParty())
    assert alone["countries"] == alone["countries_in_context"] == 2
    paragraph = sentence + " Japan, China and South Korea held talks on trade."
    joined = _features(paragraph, "DEU", "FRA", ThirdParty(countries_scope="paragraph"))
    assert joined["countries"] == 5 and joined["countries_in_context"] == 2
    # without a sentence that holds both, the sentences that hold either count
    text = "Germany hosted Italy. France thanked Spain. Japan met China."
    apart = _features(text, "DEU", "FRA", ThirdParty(countries_scope="paragraph"))
    assert apart["countries"] == 6 and apart["countries_in_context"] == 4


def test_the_countries_of_the_paragraph_count_only_the_pairs_sentences_unless_paragraph():
    # by default only the sentences that name France or Germany count: the third
    # sentence tells of other countries
    text = "Germany hosted Italy. France thanked Spain. Japan met China."
    pair = _features(text, "DEU", "FRA", ThirdParty())
    whole = _features(text, "DEU", "FRA", ThirdParty(countries_scope="paragraph"))
    assert pair["countries"] == 4 and whole["countries"] == 6
    assert (pair.drop("countries") == whole.drop("countries")).all()
    # Japan's sentence names the pair's China, so China–Japan's count is the whole one
    assert _features(text, "CHN", "JPN", ThirdParty())["countries"] == 2
    assert _features(text + " China praised France.", "CHN", "JPN", ThirdParty())["countries"] == 3
    with pytest.raises(ValueError, match="countries_scope is 'all'; expected 'pair' or 'paragraph'"):
        ThirdParty(countries_scope="all").fit(pairs_of(text))


def test_paragraph_sentiment_scores_only_the_pairs_sentences_unless_paragraph():
    from stance.sentiment import SENTIMENT_COLUMNS, SentimentScorer

    sentences = ["India and Russia signed a warm friendship treaty.",
                 "Pakistan and Afghanistan traded deadly, horrible attacks.",
                 "Japan and China held happy talks.",
                 "Russia praised India."]
    text = " ".join(sentences)
    scores = SentimentScorer().score(sentences)
    weights = np.array([len(s) for s in sentences], dtype=float)

    def mean(rows):
        return (scores[rows] * weights[rows, None]).sum(axis=0) / weights[rows].sum()

    def read(text, a, b, **params):
        features = _features(text, a, b, ParagraphSentiment(**params))
        return features[[f"paragraph_{c}" for c in SENTIMENT_COLUMNS]].to_numpy(dtype=float)

    np.testing.assert_allclose(read(text, "IND", "RUS"), mean([0, 3]), atol=1e-9)
    np.testing.assert_allclose(read(text, "IND", "RUS", scope="paragraph"), mean([0, 1, 2, 3]), atol=1e-9)
    # a pair across sentences scores those that name either country
    np.testing.assert_allclose(read(text, "AFG", "IND"), mean([0, 1, 3]), atol=1e-9)
    assert not np.allclose(mean([0, 3]), mean([0, 1, 2, 3])) and not np.allclose(mean([0, 1, 3]), mean([0, 1, 2, 3]))
    # for a sentence alone the two agree
    np.testing.assert_array_equal(read(sentences[0], "IND", "RUS"), read(sentences[0], "IND", "RUS", scope="paragraph"))
    with pytest.raises(ValueError, match="scope is 'all'; expected 'pair' or 'paragraph'"):
        ParagraphSentiment(scope="all").fit(pairs_of(sentences[0]))


@pytest.mark.parametrize("transformer, marks, text", [
    # models saved before backs existed hold a ThirdParty without its mark
    (ThirdParty(), ("reads_backing_",),
     "France and Germany signed a defence pact in Paris. Japan and China held talks."),
    # and those saved before countries_in_context, one without either mark
    (ThirdParty(), ("counts_context_", "reads_backing_"),
     "Russian-backed Syrian troops attacked rebels near Aleppo. Turkey and Iran held talks."),
    # and before topic_max, a MentionRoles without it
    (MentionRoles(), ("reads_topics_",), "Trump and Putin have agreed to share information on North Korea."),
], ids=lambda x: type(x).__name__ if not isinstance(x, (str, tuple)) else "-".join(x) if isinstance(x, tuple)
   else None)
def test_a_transformer_fitted_before_its_last_columns_reads_on_without_them(transformer, marks, text):
    pairs = pairs_of(text)
    new = clone(transformer).set_output(transform="pandas").fit(pairs)
    old = clone(new).fit(pairs)
    for mark in marks:
        delattr(old, mark)
    n = len(new.get_feature_names_out())
    assert list(old.get_feature_names_out()) == list(new.get_feature_names_out())[:n - len(marks)]
    assert old.transform(pairs).equals(new.transform(pairs).iloc[:, :n - len(marks)])


@pytest.mark.parametrize("text, a, b, feature", [
    ("A Czech court released Syrian Kurdish leader Salih Muslim on Tuesday.", "CZE", "SYR", "people_max"),
    ("Slovakia will not accept Syrian Muslim refugees.", "SVK", "SYR", "people_max"),
    ("Croatia has opened its borders to refugees from Serbia.", "HRV", "SRB", "people_max"),
    ("Trinidad and Tobago's authorities have deported at least 165 Venezuelans.", "TTO", "VEN", "people_max"),
    ("Pakistan-based groups have launched cyber attacks against India.", "IND", "PAK", "people_max"),
    ("Belgian prosecutors are investigating whether Swiss bank Credit Suisse broke the law.", "BEL", "CHE",
     "people_max"),
    ("Russian jets struck militant positions in Syria's Hama province.", "RUS", "SYR", "people_max"),
    ("Iraqi warplanes pounded militant positions in eastern Syria.", "IRQ", "SYR", "place_max"),
    ("Turkey and Russia announced a ceasefire in Idlib, Syria.", "RUS", "SYR", "place_max"),
    # a country that says where another lies
    ("Israel established diplomatic ties with Bhutan, a nation neighbouring India, on Saturday.", "IND", "ISR",
     "place_max"),
    ("Ethiopia's army has fought for months in Tigray, a northern region close to Eritrea.", "ERI", "ETH",
     "place_max"),
    ("Former U.S. President Barack Obama had lunch with French President Emmanuel Macron.", "FRA", "USA",
     "former_max"),
    # a country as the topic of talks or information
    ("Trump and Putin have agreed to share information on North Korea.", "PRK", "USA", "topic_max"),
    ("Erdogan will meet Putin in Ankara for talks set to touch on Syria.", "SYR", "TUR", "topic_max"),
    ("Pompeo held talks with Abe to discuss the Japanese government's North Korea policy.", "JPN", "PRK",
     "topic_max"),
])
def test_mention_roles_of_countries_not_named_as_states(text, a, b, feature):
    assert _features(text, a, b, MentionRoles())[feature] > 0


@pytest.mark.parametrize("text, a, b, date", [
    ("Former U.S. President Barack Obama had lunch with French President Francois Hollande.", "FRA", "USA",
     "2014-06-01"),
    ("Former Pakistani Prime Minister Nawaz Sharif met Indian Prime Minister Narendra Modi.", "IND", "PAK",
     "2015-06-01"),
])
def test_a_former_office_holder_is_former_in_every_mention(text, a, b, date):
    """The name in apposition to a former title is the same former office holder (the
    dates make the name itself a mention): all of that side's mentions count."""
    pairs = pairs_of(text, date)
    row = pairs[(pairs["country_a"] == a) & (pairs["country_b"] == b)]
    assert len(row) == 1 and len(row.iloc[0]["spans_b"]) == 2  # the former side is b
    roles = MentionRoles().set_output(transform="pandas").fit(row).transform(row).iloc[0]
    assert roles["former_max"] == 1.0


def test_a_sitting_leader_after_a_later_title_is_not_former():
    roles = _features("Later President Donald Trump met Russian President Vladimir Putin in Moscow.",
                      "RUS", "USA", MentionRoles())
    assert roles["former_max"] == 0


@pytest.mark.parametrize("text, a, b", [
    ("The US imposed fresh sanctions on Russia.", "RUS", "USA"),
    ("Indian Air Force fighter jets forced a Georgian cargo plane to land.", "GEO", "IND"),
    ("Russian President Vladimir Putin met students and praised India's stance.", "IND", "RUS"),
    ("Chinese opposition to the plan hardened, and Japan protested.", "CHN", "JPN"),
    ("The Russians rejected the British proposal.", "GBR", "RUS"),
])
def test_mention_roles_of_countries_named_as_states(text, a, b):
    roles = _features(text, a, b, MentionRoles())
    assert roles["people_max"] == 0 and roles["place_max"] == 0 and roles["former_max"] == 0
    assert roles["topic_max"] == 0


@pytest.mark.parametrize("text", [
    "Trump and Putin have agreed to share information on North Korea.",
    "Talks on the Iran file were held; sanctions on Iran stay.",
    "Merkel and Putin met to (discuss Syria and Ukraine.",
    "They discussed the situation in the Ukraine with Russia.",
    "Consultations  ABOUT   Iraq began as Turkey-related talks stalled.",
    "The US imposed fresh sanctions on Russia over its policy in Syria.",
])
def test_topics_read_as_the_plain_regexes_read_them(text):
    # the cheap tests before the regex only skip mentions the regex cannot match
    from stance.features import _mention_topic, _topic_patterns

    before, _, _, after = _topic_patterns()
    paragraph = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "kind": ["body"], "text": [text],
                              "start": [0], "end": [len(text)], "date": [pd.Timestamp("2018-01-01")]})
    read = []
    for mention in stance.find_mentions(paragraph).itertuples():
        s, e = mention.start, mention.end
        plain = bool(before.search(text[max(0, s - 40):s]) or after.match(text, e))
        assert _mention_topic(text, s, e) == plain, mention.surface
        read.append(plain)
    assert len(read) >= 2 and (any(read) or "sanctions on Russia" in text)


def test_topic_prepositions_come_from_the_roles_file():
    from stance.features import _mention_topic, _role_words, _topic_patterns

    words = _role_words()["topic_preposition"]
    _, prepositions, _, _ = _topic_patterns()
    assert prepositions == {w.lower().split()[-1] for w in words} and {"on", "regarding"} <= prepositions
    text = "Talks regarding Syria began in Geneva; talks with Syria did not."
    first, second = (m.start() for m in re.finditer("Syria", text))
    assert _mention_topic(text, first, first + 5) and not _mention_topic(text, second, second + 5)


def test_topic_situation_words_come_from_the_roles_file():
    from stance.features import _mention_topic, _role_words

    assert {"situation", "developments"} <= set(_role_words()["topic_situation"])
    text = "They discussed the developments in Syria, then the weather in Syria."
    first, second = (m.start() for m in re.finditer("Syria", text))
    assert _mention_topic(text, first, first + 5) and not _mention_topic(text, second, second + 5)


def test_broken_roles_file_names_file_and_line(tmp_path):
    from stance.errors import DataError
    from stance.features import role_patterns

    (tmp_path / "roles.csv").write_text("word,role,source\nrefugees,people,stance\nin,places,stance\n",
                                        encoding="utf-8")
    with pytest.raises(DataError, match=r"roles\.csv, line 3: role is 'places'"):
        role_patterns(tmp_path)


def test_masked_context_hides_stop_phrases():
    text = "Putin, at the war memorial of World War II, thanked India."
    pairs = pairs_of(text)
    hidden = MaskedContext().fit(pairs).transform(pairs)[0]
    assert "war" not in hidden.lower().split() and hidden.count("STOPPHRASE") == 2
    kept = MaskedContext(hide_stop_phrases=False).fit(pairs).transform(pairs)[0]
    assert "war memorial" in kept and "STOPPHRASE" not in kept


def test_sentiment_alone_misreads_sanctions():
    """The reason for pair features: both lexicons call this sentence positive."""
    sentiment = _features("The US imposed fresh sanctions on Russia.", "RUS", "USA", ParagraphSentiment())
    assert sentiment["paragraph_vader_compound"] > 0 and sentiment["paragraph_tb_polarity"] > 0


def test_event_classes_name_their_columns_and_read_the_pairs_sentences(events_csv, seed_pairs):
    fitted = EventClasses(events_csv).fit(seed_pairs)
    assert fitted.n_sentences_ == len(EVENT_SENTENCES)
    out = fitted.transform(seed_pairs)
    assert list(fitted.get_feature_names_out()) == ["event_statement", "event_cooperation", "event_conflict",
                                                    "event_material"]
    assert out.shape == (len(seed_pairs), 4) and ((out >= 0) & (out <= 1)).all()
    np.testing.assert_allclose(out[:, :3].sum(axis=1), 1.0)  # statement, cooperation, conflict: every class
    frame = EventClasses(events_csv).set_output(transform="pandas").fit(seed_pairs).transform(seed_pairs)
    assert list(frame.columns) == list(fitted.get_feature_names_out())
    np.testing.assert_allclose(frame.to_numpy(), out)


def test_event_classes_learn_the_events_not_the_countries(events_csv):
    # the classes' own words decide, whichever countries a sentence names; none of these
    # countries is in the sentences learnt from
    fitted = EventClasses(events_csv).fit(pairs_of("Russia imposed sanctions on Iran."))

    def read(text, a, b):
        pairs = pairs_of(text)
        return fitted.set_output(transform="pandas").transform(
            pairs[(pairs["country_a"] == a) & (pairs["country_b"] == b)]).iloc[0]

    sanctions = read("Russia imposed sanctions on Iran.", "IRN", "RUS")
    pd.testing.assert_series_equal(sanctions, read("France imposed sanctions on India.", "FRA", "IND"))
    assert sanctions["event_conflict"] > sanctions["event_cooperation"]
    assert sanctions["event_material"] > 0.5
    agreement = read("Russia signed a trade agreement with Iran.", "IRN", "RUS")
    assert agreement["event_cooperation"] > agreement["event_conflict"]


def test_event_classes_read_their_own_sentences_out_of_fold(events_csv):
    # a paragraph that is one of the sentences learnt from (white space aside) reads as
    # scikit-learn's cross_val_predict reads it with the same folds, so that the pairs a
    # model trains on do not carry event features learnt by heart; any other paragraph
    # reads as with cross_fit=0
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    from stance.features import _masked_events

    own = "Chile imposed  sanctions on Peru\nover the dispute."
    other = "Peru imposed sanctions on Chile over the dispute."
    pairs = pd.concat([pairs_of(own), pairs_of(other)], ignore_index=True)
    fitted = EventClasses(events_csv).fit(pairs)
    plain = EventClasses(events_csv, cross_fit=0).fit(pairs)
    texts, events, _ = _masked_events(str(events_csv), events_csv.stat().st_mtime_ns)
    # the smallest class has two sentences, so the five folds asked for are two
    # (the classifier's own settings, unfitted)
    reference = make_pipeline(clone(fitted.vectorizer_), clone(fitted.classifier_))
    expected = cross_val_predict(reference, np.asarray(texts, dtype=object), np.asarray(events), method="predict_proba",
                                 cv=StratifiedKFold(2, shuffle=True, random_state=0))
    p = dict(zip(sorted(EVENT_CLASSES), expected[[s for s, _ in EVENT_SENTENCES].index(" ".join(own.split()))]))
    out, before = fitted.transform(pairs), plain.transform(pairs)
    np.testing.assert_allclose(out[0], [p["statement"], p["verbal_cooperation"] + p["material_cooperation"],
                                        p["verbal_conflict"] + p["material_conflict"],
                                        p["material_cooperation"] + p["material_conflict"]])
    assert out[0, 2] < before[0, 2]  # less sure of a sentence it has not seen than of one it learnt
    np.testing.assert_array_equal(out[1], before[1])
    assert len(fitted.sentence_keys_) == len(EVENT_SENTENCES) and plain.sentence_keys_.size == 0
    # fitted before cross_fit existed: no keys, every paragraph read by the one classifier
    state = fitted.__getstate__()
    for name in ("cross_fit", "sentence_keys_", "sentence_proba_"):
        del state[name]
    restored = EventClasses.__new__(EventClasses)
    restored.__setstate__(state)
    np.testing.assert_array_equal(restored.transform(pairs), before)


def test_event_classes_read_a_class_of_one_sentence_out_of_fold(tmp_path, seed_pairs):
    # a class of one sentence cannot be in every fold: where it is held out, its class
    # is one the fold's classifier never saw, and reads as probability 0
    from stance.errors import InputError
    from stance.features import _sentence_key

    path = tmp_path / "events.csv"
    rows = [("Chile imposed sanctions on Peru.", "material_conflict"), ("Kenya attacked Uganda.", "material_conflict"),
            ("Norway signed a deal with Iceland.", "material_cooperation"),
            ("Spain sent aid to Morocco.", "material_cooperation"), ("Brazil praised Argentina.", "verbal_cooperation")]
    pd.DataFrame(rows, columns=["text", "event"]).to_csv(path, index=False)
    fitted = EventClasses(path).fit(seed_pairs)
    praised = fitted.sentence_proba_[list(fitted.sentence_keys_).index(_sentence_key(rows[4][0]))]
    assert praised[EVENT_CLASSES.index("verbal_cooperation")] == 0
    np.testing.assert_allclose(fitted.sentence_proba_.sum(axis=1), 1.0)
    # two sentences of two classes leave a fold of one class to learn from: a clear error
    # (no class as large as two folds; or one whose folds leave a single class)
    for k, chosen in enumerate([[rows[0], rows[2]], rows[:3]]):
        few = tmp_path / f"few{k}.csv"
        pd.DataFrame(chosen, columns=["text", "event"]).to_csv(few, index=False)
        with pytest.raises(InputError, match=rf"{few.name}: too few sentences of each event class") as caught:
            EventClasses(few).fit(seed_pairs)
        assert "np.int64" not in str(caught.value)
        EventClasses(few, cross_fit=0).fit(seed_pairs)


@pytest.mark.parametrize("cross_fit", [1, -2, 2.5])
def test_event_classes_name_a_wrong_number_of_folds(events_csv, seed_pairs, cross_fit):
    with pytest.raises(ValueError, match=rf"cross_fit is {cross_fit}; expected 0 .* at least 2"):
        EventClasses(events_csv, cross_fit=cross_fit).fit(seed_pairs)


def test_event_classes_need_their_sentences(seed_pairs, tmp_path):
    from stance.errors import InputError

    with pytest.raises(ValueError, match="got sentences=None"):
        EventClasses().fit(seed_pairs)
    with pytest.raises(InputError, match="nope.csv: no such file"):
        EventClasses(tmp_path / "nope.csv").fit(seed_pairs)


@pytest.mark.parametrize("rows, problem", [
    ("sentence,event\nA deal.,statement\n", r"missing columns \['text'\]"),
    ("text,event\nA deal.,statement\nA war.,warm\n", r"line 3: event is 'warm'; expected one of"),
    ("text,event\nA deal.,statement\n ,3\n", "line 3: text is empty"),
    ("text,event\nA deal.,statement\nA talk.,0\n", "2 sentences of 1 event class"),
])
def test_read_events_names_the_file_and_the_problem(tmp_path, rows, problem):
    from stance.errors import InputError

    path = tmp_path / "events.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        read_events(path)
    assert str(path) in str(caught.value)


def test_read_events_takes_names_or_numbers(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("text,event,source\nA deal.,2\nA war.,material_conflict,x\n", encoding="utf-8")
    assert read_events(path)["event"].tolist() == [EVENT_CLASSES[2], "material_conflict"]


def test_make_model_adds_the_event_classes_to_the_dense_features(events_csv, seed_pairs):
    dense = stance.make_model(events=events_csv).named_steps["features"].transformer_list[0][1]
    plain = stance.make_model().named_steps["features"].transformer_list[0][1]
    names = list(dense.named_steps["union"].fit(seed_pairs).get_feature_names_out())
    assert names[-4:] == ["events__event_statement", "events__event_cooperation", "events__event_conflict",
                          "events__event_material"]
    assert len(names) == len(plain.named_steps["union"].fit(seed_pairs).get_feature_names_out()) + 4


def test_event_classes_read_their_vectorizers_numbers(events_csv, seed_pairs):
    # EventClasses looks words and word pairs up its own way, for speed: the numbers
    # must be the vectorizer's
    from stance.features import _tfidf

    from sklearn.feature_extraction.text import TfidfVectorizer

    fitted = EventClasses(events_csv).fit(seed_pairs)
    texts = list(seed_pairs["text"]) + [s for s, _ in EVENT_SENTENCES] + [
        "", "CTRY", "sanctions sanctions SANCTIONS on on", "imposed sanctions; signed an agreement", "é à ü"]
    # scikit-learn's own transform, not the vectorizer's (PairTfidf's is _tfidf)
    np.testing.assert_array_equal(_tfidf(fitted.vectorizer_, texts).toarray(),
                                  TfidfVectorizer.transform(fitted.vectorizer_, texts).toarray())
    unusual = clone(fitted.vectorizer_).set_params(ngram_range=(1, 1)).fit(texts)
    np.testing.assert_array_equal(_tfidf(unusual, texts).toarray(),
                                  TfidfVectorizer.transform(unusual, texts).toarray())
    np.testing.assert_array_equal(unusual.transform(texts).toarray(),
                                  TfidfVectorizer.transform(unusual, texts).toarray())


def test_pair_tfidf_gives_scikit_learns_numbers(seed_pairs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from sklearn.exceptions import NotFittedError

    from stance.features import PairTfidf, default_vectorizer

    words = stance.make_model().named_steps["features"].transformer_list[1][1]
    assert isinstance(words, ContextNgrams) and isinstance(default_vectorizer(), PairTfidf)
    contexts = list(MaskedContext().fit(seed_pairs).transform(seed_pairs))
    texts = contexts + ["", "CTRYP's ties with CTRYX-backed groups", "don’t re-open talks TALKS talks"]
    ours = default_vectorizer().fit(contexts)
    theirs = TfidfVectorizer(**ours.get_params()).fit(contexts)
    assert ours.vocabulary_ == theirs.vocabulary_
    np.testing.assert_array_equal(ours.transform(texts).toarray(), theirs.transform(texts).toarray())
    # fitting is scikit-learn's own
    np.testing.assert_array_equal(ours.fit_transform(contexts).toarray(), theirs.fit_transform(contexts).toarray())
    # without inverse document frequencies too (a vectorizer so fitted has no idf_)
    ours, theirs = (v.set_params(use_idf=False).fit(contexts) for v in (ours, theirs))
    np.testing.assert_array_equal(ours.transform(texts).toarray(), theirs.transform(texts).toarray())
    with pytest.raises(NotFittedError, match="The TF-IDF vectorizer is not fitted"):
        PairTfidf().transform(texts)


def test_context_ngrams_copy_the_news_rows_n_grams_as_tfidf_fitted_on_news(seed_pairs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from stance.features import default_vectorizer

    pairs = seed_pairs.assign(written=[k % 3 == 0 for k in range(len(seed_pairs))])
    news = ~pairs["written"].to_numpy()
    fitted = ContextNgrams().fit(pairs)
    names = list(fitted.get_feature_names_out())
    copied = [name[len("news:"):] for name in names if name.startswith("news:")]
    first = len(names) - len(copied)
    contexts = list(MaskedContext().fit(pairs).transform(pairs))
    # the first copy is the plain TF-IDF of every row, as before the copy existed
    plain = default_vectorizer().fit(contexts)
    assert names[:first] == list(plain.get_feature_names_out())
    out = fitted.transform(pairs).toarray()
    np.testing.assert_array_equal(out[:, :first], plain.transform(contexts).toarray())
    np.testing.assert_array_equal(ContextNgrams(news_copy=False).fit(pairs).transform(pairs).toarray(),
                                  out[:, :first])
    # the copy: the terms of two news contexts or more, weighed as a vectorizer of that
    # vocabulary fitted on the news rows alone weighs them; empty for written rows
    news_contexts = [c for c, n in zip(contexts, news) if n]
    alone = default_vectorizer().fit(news_contexts)
    assert set(copied) == set(alone.get_feature_names_out()) and len(copied) < first
    theirs = TfidfVectorizer(**{**alone.get_params(), "vocabulary": copied, "min_df": 1}).fit(news_contexts)
    np.testing.assert_allclose(out[news, first:], theirs.transform(news_contexts).toarray(), rtol=1e-12)
    assert not out[~news, first:].any() and out[news, first:].any()
    # text scored carries no written column: every row is news and fills both copies
    scored = fitted.transform(seed_pairs).toarray()
    np.testing.assert_allclose(scored[:, first:], theirs.transform(contexts).toarray(), rtol=1e-12)
    with pytest.raises(ValueError, match=rf"got {len(seed_pairs)} rows, all of them written examples; expected some"):
        ContextNgrams().fit(seed_pairs.assign(written=True))
