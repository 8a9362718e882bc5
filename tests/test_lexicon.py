"""The cue lexicon: inflections, multi-word cues, negation, hedging and reversal."""

from __future__ import annotations

import pandas as pd
import pytest

import stance
from conftest import ROOT, SHARED
from stance.errors import DataError
from stance.lexicon import QUADS, inflections, load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def cues(lexicon, text):
    return [(text[h[0]:h[1]], lexicon.cues["cue"][h[4]], h[7], h[8], h[9]) for h in lexicon.read(text)]


def _own_lexicon(folder):
    """Copy the shipped modifiers and cue stops into ``folder`` and return the shipped
    cue table, for a test to change and write as ``folder / "cues.csv"``."""
    features = stance.load_gazetteer().directory
    for name in ("modifiers.csv", "cue_stops.csv"):
        (folder / name).write_text((features / name).read_text(encoding="utf-8"), encoding="utf-8")
    return pd.read_csv(features / "cues.csv", dtype=str, keep_default_na=False)


def test_inflections():
    assert {"sanction", "sanctions", "sanctioned", "sanctioning"} <= inflections("sanction")
    assert {"ban", "bans", "banned", "banning"} <= inflections("ban")
    assert {"deny", "denies", "denied", "denying"} <= inflections("deny")
    assert {"agree", "agrees", "agreed", "agreeing"} <= inflections("agree")
    assert {"expel", "expelled", "expelling"} <= inflections("expel")
    assert {"de-escalated", "de-escalating", "test-fired", "re-opened", "re-opens"} <= (
        inflections("de-escalate") | inflections("test-fire") | inflections("re-open"))


@pytest.mark.parametrize("text", ["The US sanctioned Russia.", "New sanctions on Russia.",
                                  "The US is sanctioning Russian banks."])
def test_inflected_forms_hit_the_same_cue(lexicon, text):
    found = cues(lexicon, text)
    assert found and all(lexicon.cues["goldstein"].astype(float)[h[4]] < 0 for h in lexicon.read(text))


@pytest.mark.parametrize("text, sign", [
    ("China held military drills near Taiwan.", -1),
    ("Argentina and Brazil began joint war games.", 1),
    ("India and Russia held joint military drills.", 1),
])
def test_drills_held_together_are_cooperation(lexicon, text, sign):
    # the longest phrase wins: "joint military drills" is one cue, not "military drills"
    weights = [float(lexicon.cues["goldstein"].iloc[h[4]]) for h in lexicon.read(text)]
    assert len(weights) == 1 and weights[0] * sign > 0


def test_multi_word_cue_with_words_between(lexicon):
    found = cues(lexicon, "The two countries signed a new trade agreement on Monday.")
    assert any(surface.startswith("signed") and "agreement" in surface for surface, *_ in found)


def test_negation_hedging_and_scope(lexicon):
    negated = lexicon.read("India did not sign the agreement.")
    assert negated and negated[0][7] and not negated[0][8]
    hedged = lexicon.read("They are expected to sign the agreement.")
    assert hedged and hedged[0][8] and not hedged[0][7]
    # a modifier does not reach into the next sentence
    text = "They did not comment. Russia attacked the convoy."
    spans = [(0, 21), (22, len(text))]
    assert not any(h[7] for h in lexicon.read(text, spans))


@pytest.mark.parametrize("text, cue, negated, hedged, reversed_", [
    # an appeal is not the deed. A demanded reversal is not done: the attacks stand, as
    # after "refused to end"
    ("Russia says Israel must end attacks on Syria.", "attack", True, False, True),
    ("Pakistan refused to end attacks.", "attack", True, False, True),
    # a demanded yield is not done either: the sanctions stand
    ("China and Russia call on the US to lift sanctions against Iran.", "lift sanctions", True, False, False),
    ("North Korea repeated its demand that the US ease sanctions.", "ease sanctions", True, False, False),
    # done, they are what they say
    ("The US lifted sanctions on Iran.", "lift sanctions", False, False, False),
    ("Israel ended attacks on Syria.", "attack", False, False, True),
    # before another cue an appeal hedges: asked for, not yet done
    ("India urged Pakistan to sign the agreement.", "sign agreement", False, True, False),
    ("Iran hopes Japan can persuade the US to lift sanctions.", "lift sanctions", True, False, False),
    # doubt of a cue reads as its negation: the talks are not held
    ("Khamenei expressed pessimism over holding negotiations with the United States.", "negotiation", True, False,
     False),
    # a cue in the gap ends the longer modifier: "declined" governs the invitation,
    # not "declined ... to" the words after "to"
    ("Kenya declined Somalia's invitation to a regional summit.", "invitation", True, False, False),
    ("Medvedev declined an invitation to the ceremony in Poland.", "invitation", True, False, False),
    # a gap without a cue still joins the words: the veto stands
    ("Bulgaria refused on Tuesday to lift its veto.", "veto", True, False, True),
    # before a particle the gap holds the object, which the modifier governs
    ("Ethiopia called the talks off.", "talks", True, False, False),
    # an impasse looks back to what reached it
    ("Talks between Egypt and Ethiopia over the dam reached an impasse.", "talks", True, False, False),
    ("China postponed trade talks with Australia.", "talks", True, False, False),
])
def test_what_a_modifier_does_to_a_cue(lexicon, text, cue, negated, hedged, reversed_):
    found = {name: flags for _, name, *flags in cues(lexicon, text)}
    assert found[cue] == [negated, hedged, reversed_], found


@pytest.mark.parametrize("text, cue", [
    # halting, ceasing or stopping a fight reads as its negation, in every form of the verb
    ("Armenia and Azerbaijan agreed to halt fighting over the region.", "fight"),
    ("The two armies halted fighting at dawn.", "fight"),
    ("Both sides pledged to cease hostilities.", "hostilities"),
    ("Thailand and Cambodia agreed to stop the shelling.", "shell"),
])
def test_halting_a_fight_negates_it(lexicon, text, cue):
    found = {name: flags for _, name, *flags in cues(lexicon, text)}
    assert found[cue][0], found


@pytest.mark.parametrize("text, cue, negated", [
    # a condition withholds what it governs: the aid is not given, the sanctions stay
    ("The U.S. has said that North Korea must first disarm before it can receive aid.", "aid", True),
    ("Trump said North Korea must act on denuclearization before he would support lifting sanctions.",
     "lift sanctions", True),
    # "before" in time, with no modal, is no condition
    ("The two leaders met before signing the agreement.", "sign agreement", False),
    ("India received aid before the monsoon.", "aid", False),
])
def test_a_condition_withholds_the_cue(lexicon, text, cue, negated):
    found = {name: flags for _, name, *flags in cues(lexicon, text)}
    assert found[cue][0] is negated, found


def test_stop_phrases_hide_cues(lexicon):
    # "World War II" and "the war memorial" are stop phrases: their "war" is no clash
    remembered = cues(lexicon, "Modi paid homage to the victims of World War II at the war memorial.")
    assert [name for _, name, *_ in remembered] == ["paid homage"]
    # the same word outside a stop phrase is a cue
    assert "war" in [name for _, name, *_ in cues(lexicon, "Modi paid homage to the victims of the war.")]
    # signing an executive order or a decree is a domestic act, signing with a country is not
    assert cues(lexicon, "Trump signed an executive order on the wall along the border with Mexico.") == []
    assert cues(lexicon, "Putin signs decree on the pension reform.") == []
    assert "signed" in [name for _, name, *_ in cues(lexicon, "India signed the deal with Russia.")]


def test_every_cue_row_is_consistent(lexicon):
    # load_lexicon checks each field on its own; these are checks across fields
    table = lexicon.cues
    weights = table["goldstein"].astype(float)
    assert (weights[table["quad"].str.endswith("conflict")] <= 0).all()
    assert (table["source"].str.strip() != "").all()
    # the quad class is the one of the CAMEO root code (01-05, 06-08, 09-13, 14-20;
    # QUADS is in that order)
    root = table["cameo"].astype(str).str[:2].astype(int)
    quad = pd.cut(root, [0, 5, 8, 13, 20], labels=list(QUADS)).astype(str)
    assert (quad == table["quad"]).all(), table.loc[quad != table["quad"], ["cue", "cameo", "quad"]]


def test_broken_lexicon_names_file_and_line(tmp_path):
    table = _own_lexicon(tmp_path)
    table.loc[3, "goldstein"] = "very bad"
    table.to_csv(tmp_path / "cues.csv", index=False)
    with pytest.raises(DataError, match=r"cues.csv, line 5: goldstein is 'very bad'"):
        load_lexicon(tmp_path)


def test_reciprocal_cues(lexicon, tmp_path):
    # the hit says whether its cue is one two countries do to each other
    hits = {lexicon.cues["cue"][h[4]]: h[11] for h in lexicon.read("Indian and Chinese troops clashed as jets struck.")}
    assert hits == {"clash": True, "struck": False}
    # a lexicon of one's own without the table reads every cue as reciprocal
    _own_lexicon(tmp_path).to_csv(tmp_path / "cues.csv", index=False)
    own = load_lexicon(tmp_path)
    assert all(h[11] for h in own.read("Indian and Chinese troops clashed as jets struck."))
    # the table names cues of the lexicon, or the line is named
    (tmp_path / "reciprocal_cues.csv").write_text("cue,source\nclash,mine\nbrawl,mine\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"reciprocal_cues.csv, line 3: cue 'brawl' is not in cues.csv"):
        load_lexicon(tmp_path)


def test_a_repeated_cue_is_refused(tmp_path):
    table = _own_lexicon(tmp_path)
    # the same words in another case are the same cue to the reader
    repeated = table.iloc[[3]].assign(cue=table["cue"][3].upper(), note="again")
    pd.concat([table, repeated]).to_csv(tmp_path / "cues.csv", index=False)
    with pytest.raises(DataError, match=rf"cues.csv, line {len(table) + 2}: .* repeats line 5"):
        load_lexicon(tmp_path)


@pytest.mark.parametrize("text, cue, sign", [
    # a hyphenated verb is one word: "re-open" is not "reopen"
    ("North Korea re-opened its borders to South Koreans.", "re-open border", 1),
    # condemning a terrorist attack in a country stands with it
    ("Putin condemned the terrorist attack in Manchester.", "condemn terrorist attack", 1),
    ("Italy's foreign minister condemned terror attacks in Tehran.", "condemn terror attack", 1),
    # condemning a state is still criticism
    ("Britain condemned Russia's attack on Ukraine.", "condemn", -1),
    # funding is aid; cutting it is a sanction, in any form of the verb
    ("The United States provided funding for the port in Kenya.", "funding", 1),
    ("Trump slashed funding to the Palestinian agency.", "slash funding", -1),
    ("Washington cuts US funding for the project.", "cut funding", -1),
    ("Britain has reduced humanitarian aid to Liberia.", "reduce aid", -1),
    # objection, diplomatic isolation and interference in any form of the verb
    ("India objects to the corridor, which passes through Kashmir.", "object", -1),
    ("The United States has sought to isolate Iran.", "isolate", -1),
    ("Qatar, which has been isolated by Saudi Arabia since 2017, hosted the talks.", "isolated by", -1),
    ("Moscow denied interfering in the Moldovan election.", "interfere", -1),
    ("Chinese vessels harassed a Philippine supply ship.", "harass", -1),
    ("Russia massed troops on its border with Ukraine.", "mass troops", -1),
    ("India and Australia sealed an interim trade deal.", "seal deal", 1),
    ("France and Germany pledged more weapons for Ukraine.", "pledge weapons", 1),
    # concern is the guide's strained, as criticism is; "the parties concerned" is not
    ("India and the US voiced concern over China's growing assertiveness.", "concern", -1),
    ("Japan is deeply concerned about North Korea's missile launches.", "deeply concerned", -1),
])
def test_cues_read_as_written(lexicon, text, cue, sign):
    weights = {lexicon.cues["cue"][h[4]]: float(lexicon.cues["goldstein"][h[4]]) for h in lexicon.read(text)}
    assert weights.get(cue, 0) * sign > 0, weights


@pytest.mark.skipif(not (SHARED / "data" / "codebooks").exists(), reason="../shared/data is absent")
def test_cues_agree_with_the_cameo_codebooks(capsys):
    # every cue's Goldstein weight, quad and PLOVER class as the codebooks give its
    # CAMEO code, and every modifier's type and scope as the lexicon reads them
    import runpy

    checker = runpy.run_path(str(ROOT / "features" / "build" / "build_cues.py"))
    status = checker["main"](["--quiet", "--codebooks", str(SHARED / "data" / "codebooks")])
    assert status == 0, capsys.readouterr().out


def test_a_lexicon_of_ones_own_needs_no_plover_column(tmp_path):
    table = _own_lexicon(tmp_path)
    table.drop(columns=["plover"]).to_csv(tmp_path / "cues.csv", index=False)
    own = load_lexicon(tmp_path)
    # without the PLOVER classes no cue is a yield: an appeal only hedges
    found = {name: flags for _, name, *flags in cues(own, "Iran called on the US to lift sanctions.")}
    assert found["lift sanctions"] == [False, True, False]


@pytest.mark.parametrize("text, governed, free", [
    # a failure named after what failed governs the nearest cue before it
    ("Talks between Serbian and Kosovar negotiators have broken up without a deal.", "talks", ()),
    ("Negotiations between Israel and Lebanon over the maritime border stalled.", "negotiation", ()),
    ("Negotiations between Argentina and Britain over fishing rights in the South Atlantic have stalled.",
     "negotiation", ()),
    ("The summit between the United States and North Korea was cancelled.", "summit", ()),
    # only the nearest: the agreement signed before the talks failed stands
    ("India signed the agreement with Russia after talks with China collapsed.", "talks", ("sign agreement",)),
    # named before what failed, it looks ahead as other modifiers do
    ("Russia pulled out of the grain deal with Ukraine.", "deal", ()),
])
def test_a_failure_named_after_the_cue_negates_it(lexicon, text, governed, free):
    found = {name: flags for _, name, *flags in cues(lexicon, text)}
    assert found[governed][0], found
    assert all(not found[name][0] for name in free), found


def test_a_failure_looks_back_only_within_its_sentence_and_scope(lexicon):
    text = "They held talks. The deal collapsed."
    spans = [(0, 16), (17, len(text))]
    assert [h[7] for h in lexicon.read(text, spans)] == [False, True]
    # beyond its scope of fifteen words nothing is governed
    far = "Talks " + "and more " * 8 + "collapsed."
    assert not any(h[7] for h in lexicon.read(far))


def test_a_modifier_side_is_checked(tmp_path):
    _own_lexicon(tmp_path).to_csv(tmp_path / "cues.csv", index=False)
    modifiers = pd.read_csv(tmp_path / "modifiers.csv", dtype=str, keep_default_na=False)
    modifiers.loc[2, "side"] = "behind"
    modifiers.to_csv(tmp_path / "modifiers.csv", index=False)
    with pytest.raises(DataError, match=r"modifiers.csv, line 4: side is 'behind'; expected one of"):
        load_lexicon(tmp_path)
    # without the column every modifier looks ahead, as before the column existed
    modifiers.drop(columns=["side"]).to_csv(tmp_path / "modifiers.csv", index=False)
    own = load_lexicon(tmp_path)
    assert not any(h[7] for h in own.read("Talks between Iran and the US collapsed."))


@pytest.mark.parametrize("text, negated, free", [
    # an abstention or a vote against withholds the condemnation or the sanctions...
    ("India abstained on a UN resolution condemning Russia's invasion of Ukraine.", "condemn", "invasion"),
    ("Hungary voted against new sanctions on Russia over the war.", "sanction", "war"),
])
def test_an_abstention_withholds_only_the_cue_voted_on(lexicon, text, negated, free):
    # ... but not what the resolution condemns
    found = {name: flags for _, name, *flags in cues(lexicon, text)}
    assert found[negated][0] and not found[free][0], found


def test_pressing_on_is_no_appeal(lexicon):
    # an appeal asks for something: "pressed Iran to", "pressed for"; "pressed its
    # offensive" goes on with it
    found = {name: flags for _, name, *flags in cues(lexicon, "Russia pressed its offensive in the east.")}
    assert found["offensive"] == [False, False, False], found
    found = {name: flags for _, name, *flags in cues(lexicon, "The US pressed Pakistan to sign the agreement.")}
    assert found["sign agreement"][1], found
