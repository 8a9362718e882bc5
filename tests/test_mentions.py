"""Country mentions: the seed article exactly, and the hard cases of issue 2."""

from __future__ import annotations

import pandas as pd
import pytest

import stance
from stance.mentions import MentionFinder, fold

# Every paragraph of the seed article with its mentions in order, written by hand.
SEED_MENTIONS = {
    0: [("Modi", "IND"), ("Putin", "RUS"), ("Russia", "RUS")],
    1: [],
    2: [("Narendra Modi", "IND"), ("Russia", "RUS"), ("India", "IND"), ("Russia", "RUS"),
        ("Russian President", "RUS"), ("Vladimir Putin", "RUS")],
    3: [("Narendra Modi", "IND"), ("Russian President", "RUS"), ("Vladimir Putin", "RUS")],
    4: [("Modi", "IND"), ("Russia", "RUS"), ("Russia", "RUS"), ("India", "IND"), ("China", "CHN"),
        ("Pakistan", "PAK"), ("New Delhi", "IND"), ("Moscow", "RUS"), ("India", "IND")],
    5: [("Russia", "RUS"), ("Moscow", "RUS"), ("US", "USA"), ("Afghanistan", "AFG"),
        ("Pakistan", "PAK"), ("Pakistan", "PAK")],
    6: [("Putin", "RUS"), ("Russia", "RUS"), ("US", "USA"), ("Russia", "RUS"), ("Moscow", "RUS"),
        ("US", "USA")],
    7: [("Mode", "IND"), ("Indo", "IND"), ("Russia", "RUS")],
    8: [("prime minister", "IND"), ("Russian president", "RUS"), ("India", "IND")],
    9: [("Putin", "RUS"), ("India", "IND")],
    10: [("Mode", "IND"), ("Putin", "RUS"), ("Mode", "IND"), ("Putin", "RUS")],
    11: [("Putin", "RUS"), ("Leningrad", "RUS")],
    12: [("He", "RUS"), ("Mode", "IND"), ("Russian", "RUS")],
    13: [("The two sides", "IND"), ("The two sides", "RUS"), ("the two leaders", "IND"),
         ("the two leaders", "RUS")],
    14: [("India", "IND"), ("Russia", "RUS"), ("India", "IND")],
}


@pytest.fixture(scope="module")
def seed_mentions(seed_paragraphs):
    return stance.find_mentions(seed_paragraphs)


def test_seed_mentions_are_exact(seed_paragraphs, seed_mentions):
    assert len(seed_paragraphs) == len(SEED_MENTIONS)
    found = {
        pid: list(zip(group["surface"], group["country"]))
        for pid, group in seed_mentions.groupby("paragraph_id")
    }
    for pid, expected in SEED_MENTIONS.items():
        assert found.get(pid, []) == expected, f"paragraph {pid}"


def test_seed_mention_kinds_and_offsets(seed_path, seed_mentions):
    text = stance.read_articles(seed_path).loc[0, "text"]
    assert list(seed_mentions.columns) == ["article_id", "paragraph_id", "country", "surface", "start", "end", "kind"]
    for row in seed_mentions.itertuples():
        assert text[row.start:row.end] == row.surface
    kinds = dict(zip(seed_mentions["surface"], seed_mentions["kind"]))
    assert kinds["Indo"] == "prefix"
    assert kinds["New Delhi"] == "capital"
    assert kinds["Moscow"] == "capital"
    assert kinds["Leningrad"] == "city"
    assert kinds["Russian president"] == "official"
    assert kinds["prime minister"] == "official"
    assert kinds["Mode"] == "leader"
    assert kinds["Russian"] == "demonym"


def mentions(text: str, date: str | None = "2017-06-01") -> list[tuple[str, str]]:
    articles = pd.DataFrame({"article_id": ["t"], "title": [None],
                             "date": [pd.Timestamp(date) if date else pd.NaT], "text": [text]})
    found = stance.find_mentions(stance.split_paragraphs(articles))
    return list(zip(found["surface"], found["country"]))


@pytest.mark.parametrize(
    "text, expected",
    [
        # word boundaries and case
        ("Let us hope the US listens to us.", [("US", "USA")]),
        ("The U.S. and the UK agreed; Britain and America welcomed it.",
         [("U.S.", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("America", "USA")]),
        ("Michael Jordan visited Jordan and met King Abdullah II.",
         [("Jordan", "JOR"), ("King Abdullah II", "JOR")]),
        ("Chad Smith said Chad would send troops to Mali.", [("Chad", "TCD"), ("Mali", "MLI")]),
        ("Voters in Atlanta, Georgia backed the governor.", [("Atlanta", "USA")]),
        ("Georgia accused Russia of occupying South Ossetia.", [("Georgia", "GEO"), ("Russia", "RUS")]),
        ("We ate turkey and a roast Turkey dinner; Turkey closed its border with Syria.",
         [("Turkey", "TUR"), ("Syria", "SYR")]),
        ("She packed the fine china. China protested.", [("China", "CHN")]),
        ("Perugia hosted a festival; Peru sent a band.", [("Peru", "PER")]),
        ("Nigerian troops crossed into Niger.", [("Nigerian", "NGA"), ("Niger", "NER")]),
        ("Indiana farmers sell soy to India.", [("India", "IND")]),
        # names inside organisations
        ("India joined the Shanghai Cooperation Organization and the Organization of American States met.",
         [("India", "IND")]),
        ("Russia supplied Armenia, the Stockholm International Peace Research Institute said.",
         [("Russia", "RUS"), ("Armenia", "ARM")]),
        ("The US-led coalition struck Iraq.", [("US", "USA"), ("Iraq", "IRQ")]),
        # "US" before punctuation is the country; before "$" it is a currency
        ("Talks between the US, China and Japan; Russia and the US. Then the U.S., at last (the US).",
         [("US", "USA"), ("China", "CHN"), ("Japan", "JPN"), ("Russia", "RUS"), ("US", "USA"), ("U.S.", "USA"),
          ("US", "USA")]),
        ("Germany gave US$141 million and U.S. $2 million to Japan, in US dollars.",
         [("Germany", "DEU"), ("Japan", "JPN")]),
        # demonyms, possessives, prefixes and hyphenated pairs
        ("Pakistani and Russian officials discussed India's bid.",
         [("Pakistani", "PAK"), ("Russian", "RUS"), ("India", "IND")]),
        ("Indo-Russian ties and Sino-Indian talks followed the India-Pakistan row and Indo-Pak cricket.",
         [("Indo", "IND"), ("Russian", "RUS"), ("Sino", "CHN"), ("Indian", "IND"), ("India", "IND"),
          ("Pakistan", "PAK"), ("Indo", "IND"), ("Pak", "PAK")]),
        ("Leaders met to discuss the Indo-Pacific.", []),
        # capitals, seats and cities
        ("The Kremlin and the White House traded barbs; Downing Street stayed quiet.",
         [("Kremlin", "RUS"), ("White House", "USA"), ("Downing Street", "GBR")]),
        ("Flights from Mumbai to St Petersburg resumed.", [("Mumbai", "IND"), ("St Petersburg", "RUS")]),
        # agencies act for their states; "ICE" only with immigration near
        ("USAID and DFID sent aid to Haiti; ICE agents deported a Guatemalan man.",
         [("USAID", "USA"), ("DFID", "GBR"), ("Haiti", "HTI"), ("ICE", "USA"), ("Guatemalan", "GTM")]),
        ("The ICE train to Frankfurt and ICE engines.", [("Frankfurt", "DEU")]),
        ("Iran and the US held talks in Geneva; judges in The Hague ruled.",
         [("Iran", "IRN"), ("US", "USA"), ("Geneva", "CHE"), ("The Hague", "NLD")]),
        ("Fires in British Columbia; English-speaking envoys recalled the Korean War.", []),
        # Ethiopia's Somali region is not Somalia
        ("Drought hit Ethiopia's Afar and Somali regions and the Somali Regional State.", [("Ethiopia", "ETH")]),
        ("Somali troops crossed into Kenya.", [("Somali", "SOM"), ("Kenya", "KEN")]),
        # another country's service whose name holds a US seat's
        ("Nigeria's Department of State Services questioned him; the Department of State was silent.",
         [("Nigeria", "NGA"), ("Department of State", "USA")]),
        # a country word before another country's seat owns it (generic institution names)
        ("Pakistan's Foreign Office summoned the Indian envoy; the Foreign Office in London did not.",
         [("Pakistan's Foreign Office", "PAK"), ("Indian envoy", "IND"), ("Foreign Office", "GBR"),
          ("London", "GBR")]),
        ("The Philippine Department of Defense and the German Foreign Office thanked the Pentagon.",
         [("Philippine Department of Defense", "PHL"), ("German Foreign Office", "DEU"), ("Pentagon", "USA")]),
        ("The British Foreign Office and China's People's Liberation Army",
         [("British", "GBR"), ("Foreign Office", "GBR"), ("China", "CHN"), ("People's Liberation Army", "CHN")]),
        ("Sofia Coppola and Queen Sofia visited Sofia, then Malé.", [("Sofia", "BGR"), ("Malé", "MDV")]),
        # a surname, not Peru's capital
        ("Manila told Lima to stay out of Senator Leila de Lima's case; De Lima thanked them.",
         [("Manila", "PHL"), ("Lima", "PER")]),
        # a people, not the state
        ("Ethnic Albanian guerrillas clashed with Serbian police; ethnic Russians in Ukraine cheered.",
         [("Serbian", "SRB"), ("Ukraine", "UKR")]),
        # every demonym of aliases.csv, through the rule's kind:demonym
        ("Ethnic Uzbeks fled to Uzbekistan, and ethnically Chadian herders crossed into Niger.",
         [("Uzbekistan", "UZB"), ("Niger", "NER")]),
        ("Kosovo Serbs and Kosovar Albanians protested, and the Kosovo Liberation Army disbanded.", []),
        # places named with Praia, not Cape Verde's capital
        ("Insurgents seized Mocimboa da Praia; Praia da Luz is in Portugal; Praia welcomed the envoy.",
         [("Portugal", "PRT"), ("Praia", "CPV")]),
        # the Soviet Union is read as Russia, its continuing state; the region after it is not
        ("The Indo-Soviet treaty of 1971 bound the USSR and India; Soviet troops left Afghanistan.",
         [("Indo", "IND"), ("Soviet", "RUS"), ("USSR", "RUS"), ("India", "IND"), ("Soviet", "RUS"),
          ("Afghanistan", "AFG")]),
        ("Georgia and Moldova, former Soviet republics, and ex-Soviet states in the post-Soviet space.",
         [("Georgia", "GEO"), ("Moldova", "MDA")]),
        # ethnic Serbs of Bosnia or Kosovo are not Serbia, unless Serbia is named near
        ("Serb forces shelled Sarajevo as Croatia protested.", [("Sarajevo", "BIH"), ("Croatia", "HRV")]),
        ("Serbia and Croatia traded accusations; Serbs and Croats remember the war differently.",
         [("Serbia", "SRB"), ("Croatia", "HRV"), ("Serbs", "SRB"), ("Croats", "HRV")]),
        ("Tens of thousands of Serbs lined the streets to greet Putin.", [("Serbs", "SRB"), ("Putin", "RUS")]),
        # former names of today's states
        ("Ceylon, Zaire, Siam and Persia", [("Ceylon", "LKA"), ("Zaire", "COD"), ("Siam", "THA"),
                                            ("Persia", "IRN")]),
        # variants
        ("South Korea, Ivory Coast and Côte d’Ivoire voted.",
         [("South Korea", "KOR"), ("Ivory Coast", "CIV"), ("Côte d’Ivoire", "CIV")]),
    ],
)
def test_hard_cases(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("Putin met Merkel.", "2017-06-01", [("Putin", "RUS"), ("Merkel", "DEU")]),
        ("Medvedev hosted Obama.", "2010-04-08", [("Medvedev", "RUS"), ("Obama", "USA")]),
        # Modi was not prime minister in 2010, Trump not president in 2022
        ("Modi spoke.", "2010-01-05", []),
        ("Trump spoke.", "2022-03-01", []),
        ("Trump spoke.", "2018-03-01", [("Trump", "USA")]),
        # "Bush" alone is a common word; his administration is not
        ("The Bush administration lifted sanctions on China; a bush fire burned.", "2005-06-01",
         [("Bush administration", "USA"), ("China", "CHN")]),
        ("The Bush administration was blamed by Iran.", "2015-06-01", [("Iran", "IRN")]),
        ("Erdoğan and Erdogan", "2019-01-01", [("Erdoğan", "TUR"), ("Erdogan", "TUR")]),
        # two kings Abdullah reigned from 2005 to 2015: only a country's name decides then
        ("King Abdullah met Trump.", "2018-02-02", [("King Abdullah", "JOR"), ("Trump", "USA")]),
        ("King Abdullah met President Bush.", "2008-01-14", [("President Bush", "USA")]),
        ("Saudi King Abdullah met President Bush.", "2008-01-14",
         [("Saudi King Abdullah", "SAU"), ("President Bush", "USA")]),
        ("Jordan's King Abdullah met President Bush.", "2008-01-14",
         [("Jordan's King Abdullah", "JOR"), ("President Bush", "USA")]),
        ("The late Saudi King Abdullah was praised.", "2019-01-01", [("Saudi King", "SAU")]),
        # a named leader's first name in another person's name is not that leader
        ("Donald Tusk met Donald Trump in Warsaw.", "2010-05-01", [("Donald Tusk", "POL"), ("Warsaw", "POL")]),
    ],
)
def test_leaders_resolve_by_date(text, date, expected):
    assert mentions(text, date) == expected


@pytest.mark.parametrize("text, date, expected", [
    # undated, each name fits only its old national office
    ("UN Secretary General Antonio Guterres condemned the attack in Pakistan.", None, [("Pakistan", "PAK")]),
    ("Guterres, the UN secretary-general, said Pakistan must act.", None, [("Pakistan", "PAK")]),
    ("The EU's chief Brexit negotiator, Michel Barnier, met Theresa May.", None, [("Theresa May", "GBR")]),
    ("NATO chief Jens Stoltenberg met Turkish officials.", None, [("Turkish", "TUR")]),
    ("UN human rights chief Michelle Bachelet criticised China.", None, [("China", "CHN")]),
    # the surname inside a dropped full name is dropped with it
    ("Erdogan met European Commission President Jean-Claude Juncker.", "2016-05-01", [("Erdogan", "TUR")]),
    # the same people in their national offices
    ("Portuguese Prime Minister Antonio Guterres met Spanish officials.", "2000-05-01",
     [("Portuguese Prime Minister", "PRT"), ("Antonio Guterres", "PRT"), ("Spanish", "ESP")]),
    ("EU leaders met Polish Prime Minister Donald Tusk in Brussels.", "2008-05-01",
     [("Polish Prime Minister", "POL"), ("Donald Tusk", "POL")]),
    ("Luxembourg's Prime Minister Jean-Claude Juncker met Merkel.", "2010-05-01",
     [("Luxembourg's Prime Minister", "LUX"), ("Jean-Claude Juncker", "LUX"), ("Merkel", "DEU")]),
])
def test_former_leaders_in_international_offices(text, date, expected):
    assert mentions(text, date) == expected


def test_officials_by_title_and_bare_titles():
    text = ("India's foreign minister met the Chinese premier in Beijing.\n\n"
            "President Emmanuel Macron hosted Prime Minister Narendra Modi. The president praised "
            "the prime minister, and the foreign minister spoke later.")
    found = mentions(text, "2018-03-10")
    assert found == [
        ("India's foreign minister", "IND"), ("Chinese premier", "CHN"), ("Beijing", "CHN"),
        ("Emmanuel Macron", "FRA"), ("Narendra Modi", "IND"), ("president", "FRA"),
        ("prime minister", "IND"), ("foreign minister", "IND"),
    ]


def test_bare_title_without_antecedent_is_not_a_mention():
    assert mentions("The prime minister resigned. The president of the bank left.") == []


@pytest.mark.parametrize("text, expected", [
    # the person of the sentence just before, here in the paragraph before
    ("Putin's brother was killed in the siege of Leningrad.\n\nHe thanked Modi for the visit.",
     [("Putin", "RUS"), ("Leningrad", "RUS"), ("He", "RUS"), ("Modi", "IND")]),
    # the first person of that sentence, the subject as a rule, not the last
    ("Modi told Putin that the talks went well. She added that trade would grow.",
     [("Modi", "IND"), ("Putin", "RUS"), ("She", "IND")]),
    ("Russian President Vladimir Putin hosted Modi. He said ties were strong.",
     [("Russian President", "RUS"), ("Vladimir Putin", "RUS"), ("Modi", "IND"), ("He", "RUS")]),
    # a sentence between, or no person in the sentence before: not resolved
    ("Modi met Putin in Moscow. The talks lasted two hours. He said ties were strong.",
     [("Modi", "IND"), ("Putin", "RUS"), ("Moscow", "RUS")]),
    ("India and Russia signed a deal. He said ties were strong.", [("India", "IND"), ("Russia", "RUS")]),
    # only at the start of a sentence and before a lower-case word
    ("Modi met Putin, and he said ties were strong. He Yafei, a Chinese diplomat, agreed.",
     [("Modi", "IND"), ("Putin", "RUS"), ("Chinese", "CHN")]),
])
def test_sentence_opening_pronouns_stand_for_the_person_just_named(text, expected):
    assert mentions(text) == expected


def dyads(text: str, date: str = "2017-06-01") -> list[tuple[str, str]]:
    articles = pd.DataFrame({"article_id": ["t"], "title": [None], "date": [pd.Timestamp(date)], "text": [text]})
    found = stance.find_mentions(stance.split_paragraphs(articles))
    return list(zip(*found.loc[found["kind"] == "dyad", ["surface", "country"]].to_numpy().T))


@pytest.mark.parametrize("text, expected", [
    # its own sentence names the two
    ("Abe's government says Seoul broke the treaty between the two countries.",
     [("the two countries", "JPN"), ("the two countries", "KOR")]),
    # the sentence before, or the paragraph before
    ("Modi met Putin in Moscow.\n\nThe two sides signed 12 agreements, and the two leaders smiled.",
     [("The two sides", "IND"), ("The two sides", "RUS"), ("the two leaders", "IND"),
      ("the two leaders", "RUS")]),
    # read back until two are named
    ("Sudan bombed the oil field. In Juba, South Sudan's army vowed to fight. The AU warned that the "
     "two neighbours risk war.", [("the two neighbours", "SDN"), ("the two neighbours", "SSD")]),
    # three countries: the persons decide, or nothing does
    ("US President Donald Trump and Kim Jong Un met in Singapore, the first meeting of leaders of "
     "the two countries.", [("the two countries", "PRK"), ("the two countries", "USA")]),
    ("France, Germany and Italy met in Rome. Both sides agreed.", []),
    # one country named, or a phrase about something else
    ("India said both sides should talk.", []),
    ("India and China massed troops on both sides of the border.", []),
])
def test_the_two_sides_stand_for_the_pair_just_named(text, expected):
    assert dyads(text, "2018-06-12") == expected


def test_misspelt_leader_only_where_a_person_fits():
    text = ("Prime Minister Narendra Modi arrived in Moscow.\n\n"
            "Mode told reporters the visit went well. The new mode of payment, and the Mode of "
            "transport, were not discussed.")
    found = mentions(text)
    assert found == [("Narendra Modi", "IND"), ("Moscow", "RUS"), ("Mode", "IND")]
    # no leader named before: no resolution
    assert mentions("Mode told reporters the visit went well.") == []


@pytest.mark.parametrize("name", ["Modi", "Putin", "Erdogan", "Macron", "Pérez", "Lula", "Abe"])
@pytest.mark.parametrize("exclude_exact", [False, True])
def test_spelling_pattern_finds_exactly_the_words_one_edit_away(name, exclude_exact):
    """The surname pass's regex against a brute force over every word one edit from
    the name (and a sample of others): whole capitalised words of four letters or
    more, with the name's initial."""
    import random
    import re
    import string

    from stance.mentions import _spelling_pattern, _within_one_edit

    alphabet = string.ascii_lowercase + "éA"
    words = {name}
    for i in range(len(name) + 1):
        for c in alphabet:
            words |= {name[:i] + c + name[i:], name[:i] + c + name[i + 1:], name[:i] + name[i + 1:]}
    rng = random.Random(0)
    words |= {rng.choice("MPEAL") + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 6)))
              for _ in range(3000)}
    pattern = _spelling_pattern(name, exclude_exact)
    for word in sorted(words):
        expected = (bool(re.fullmatch(r"[A-Z][a-z]{3,}", word)) and word[0] == name[0]
                    and _within_one_edit(word, name) and not (exclude_exact and word == name))
        text = f"({word}.)"
        found = [m.group(0) for m in pattern.finditer(text)] if pattern is not None else []
        assert found == ([word] if expected else []), (name, word)
        # never inside a longer word
        if pattern is not None:
            for longer in (f"x{word}", f"{word}9", f"{word}é", f"{word}_", f"é{word}", f"{word} Trump"):
                assert not pattern.search(longer), (name, longer)


def test_fold_keeps_length_and_folds_marks():
    text = "Côte d’Ivoire – İstanbul"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "cote d'ivoire - istanbul"


def test_fold_reads_vietnamese_letters_with_two_marks():
    assert fold("Nguyễn Tấn Dũng, Hà Nội") == "nguyen tan dung, ha noi"
    spelt = mentions("Prime Minister Nguyễn Tấn Dũng met Abe.", "2013-05-01")
    plain = mentions("Prime Minister Nguyen Tan Dung met Abe.", "2013-05-01")
    assert [c for _, c in spelt] == [c for _, c in plain] == ["VNM", "JPN"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # letters of other scripts are words of their own, next to which a name still counts
        ("Путин met Modi in Moscow.", [("Modi", "IND"), ("Moscow", "RUS")]),
        ("Iran (إيران) and Iraq (العراق) signed a deal.", [("Iran", "IRN"), ("Iraq", "IRQ")]),
        # but a name glued to such letters is not the name
        ("Iranф and USА (with a Cyrillic А) are not countries; Peru is.", [("Peru", "PER")]),
    ],
)
def test_other_scripts(text, expected):
    assert mentions(text) == expected


def test_find_mentions_rejects_bad_input():
    with pytest.raises(ValueError, match="missing columns"):
        stance.find_mentions(pd.DataFrame({"text": ["x"]}))


def _copy_features(tmp_path):
    import shutil

    from stance._resources import data_dir

    target = tmp_path / "features"
    shutil.copytree(data_dir("features"), target)
    return target


def test_an_edited_gazetteer_is_used(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("RUS,Rodina,name,proper,test\n")
    finder = MentionFinder(stance.load_gazetteer(features))
    assert finder.paragraph_mentions("Rodina met Modi.", pd.Timestamp("2017-06-01")) == [
        ("RUS", "Rodina", 0, 6, "name"), ("IND", "Modi", 11, 15, "leader")]
    assert mentions("Rodina met Modi.") == [("Modi", "IND")]


def test_a_broken_gazetteer_row_is_named(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "leaders.csv", "a", encoding="utf-8") as handle:
        handle.write("RUS,Ivan Test,Ivan Test,head_of_state,president,2017-13-01,,test\n")
    lines = (features / "leaders.csv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(stance.DataError, match=f"leaders.csv, line {lines}: start '2017-13-01'"):
        stance.load_gazetteer(features)


def test_a_phrase_ending_in_punctuation_is_refused(tmp_path):
    # "US$" would be read as "US" and a word break: it would hide "the US," and "the US."
    features = _copy_features(tmp_path)
    with open(features / "stop_phrases.csv", "a", encoding="utf-8") as handle:
        handle.write("US$,currency,test\n")
    lines = (features / "stop_phrases.csv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(stance.DataError, match=f"stop_phrases.csv, line {lines}: phrase 'US\\$' starts or ends "
                                               f"with punctuation"):
        stance.load_gazetteer(features)


def test_a_context_rule_can_read_a_name_as_another_country(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"Sidon,,,\bGreek\b,,GRC,test,test" "\n")
    finder = MentionFinder(stance.load_gazetteer(features))
    assert finder.paragraph_mentions("Shelling hit Sidon.") == [("LBN", "Sidon", 13, 18, "city")]
    assert finder.paragraph_mentions("Greek divers searched off Sidon.") == [
        ("GRC", "Greek", 0, 5, "demonym"), ("GRC", "Sidon", 26, 31, "city")]
    # a dropping rule that also holds wins
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"Sidon,,,\bdivers\b,,,test,test" "\n")
    finder = MentionFinder(stance.load_gazetteer(features))
    assert finder.paragraph_mentions("Greek divers searched off Sidon.") == [("GRC", "Greek", 0, 5, "demonym")]


def test_a_context_rule_can_drop_a_leader_name(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"Putin,,^\s+Street\b,,,,test,test" "\n")
    finder = MentionFinder(stance.load_gazetteer(features))
    day = pd.Timestamp("2017-06-01")
    assert finder.paragraph_mentions("Putin Street was renamed.", day) == []
    assert finder.paragraph_mentions("Putin spoke.", day) == [("RUS", "Putin", 0, 5, "leader")]


def test_a_context_rule_names_a_kind_of_alias(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"kind:capital|Sidon,(?i)\bdowntown\s+$,,,,,test,test" "\n")
    gazetteer = stance.load_gazetteer(features)
    rule = gazetteer.context_rules["aliases"].iloc[-1].split("|")
    assert {"Kabul", "Paris", "Sidon"} <= set(rule) and len(rule) == len(set(rule))
    finder = MentionFinder(gazetteer)
    assert finder.paragraph_mentions("Protests in downtown Paris and downtown Sidon; Paris called Sidon.") == [
        ("FRA", "Paris", 47, 52, "capital"), ("LBN", "Sidon", 60, 65, "city")]
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"kind:planet,(?i)\bdowntown\s+$,,,,,test,test" "\n")
    with pytest.raises(stance.DataError, match=r"context_rules.csv, line \d+: aliases names 'kind:planet', a kind "
                                               r"no alias has; expected kind: followed by one of \['capital'"):
        stance.load_gazetteer(features)


def test_a_context_rule_names_a_known_country(tmp_path):
    features = _copy_features(tmp_path)
    with open(features / "context_rules.csv", "a", encoding="utf-8") as handle:
        handle.write(r"Sidon,,,\bGreek\b,,XXX,test,test" "\n")
    with pytest.raises(stance.DataError, match="country 'XXX' is not in countries.csv"):
        stance.load_gazetteer(features)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Pakistan's foreign ministry, briefing in Islamabad
        ("The Foreign Office (FO) during a weekly briefing in Islamabad on Thursday welcomed the offer.",
         [("Foreign Office", "PAK"), ("Islamabad", "PAK")]),
        # Britain's, where Britain is named or with no Pakistan near
        ("The Foreign Office in London summoned the Pakistani envoy.",
         [("Foreign Office", "GBR"), ("London", "GBR"), ("Pakistani envoy", "PAK")]),
        ("The Foreign Office said it was concerned about the arrests.", [("Foreign Office", "GBR")]),
    ],
)
def test_the_foreign_office_is_pakistans_in_islamabad(text, expected):
    found = stance.find_mentions(stance.split_paragraphs(pd.DataFrame(
        {"article_id": ["t"], "title": [None], "date": [pd.Timestamp("2019-03-07")], "text": [text]})))
    assert list(zip(found["surface"], found["country"])) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Libya's capital unless the text says Lebanon
        ("Tripoli denounced the air strikes as barbaric aggression.", [("Tripoli", "LBY", "capital")]),
        ("Militias loyal to the government in Tripoli repelled an attack by Haftar's forces.",
         [("Tripoli", "LBY", "capital")]),
        ("The Lebanese ambassador to Libya was recalled from Tripoli.",
         [("Lebanese ambassador", "LBN", "official"), ("Libya", "LBY", "name"), ("Tripoli", "LBY", "capital")]),
        # Lebanon's second city
        ("Clashes broke out in Tripoli, Lebanon, between rival neighbourhoods.",
         [("Tripoli", "LBN", "city"), ("Lebanon", "LBN", "name")]),
        ("Gunmen clashed in the northern Lebanese city of Tripoli on Sunday.",
         [("Lebanese", "LBN", "demonym"), ("Tripoli", "LBN", "city")]),
        ("Protesters in Lebanon's second city, Tripoli, burned tyres.",
         [("Lebanon", "LBN", "name"), ("Tripoli", "LBN", "city")]),
        ("Lebanese troops deployed in Tripoli after a night of fighting between Bab al-Tabbaneh and Jabal Mohsen.",
         [("Lebanese", "LBN", "demonym"), ("Tripoli", "LBN", "city")]),
        # the place is named with Lebanon, even where Libya is near
        ("Libyan exiles met in Tripoli, Lebanon, on Friday.",
         [("Libyan", "LBY", "demonym"), ("Tripoli", "LBN", "city"), ("Lebanon", "LBN", "name")]),
    ],
)
def test_tripoli_is_libya_unless_the_text_says_lebanon(text, expected):
    found = stance.find_mentions(stance.split_paragraphs(pd.DataFrame(
        {"article_id": ["t"], "title": [None], "date": [pd.Timestamp("2020-01-19")], "text": [text]})))
    assert list(zip(found["surface"], found["country"], found["kind"])) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Kingston: Jamaica's capital only with Jamaica near
        ("Jamaica's Prime Minister Andrew Holness spoke in Kingston on Monday.",
         [("Jamaica's Prime Minister", "JAM"), ("Andrew Holness", "JAM"), ("Kingston", "JAM")]),
        ("Police in Kingston said gang violence had eased, Jamaican officials told reporters.",
         [("Kingston", "JAM"), ("Jamaican", "JAM")]),
        ("The Jamaican-born author, who now lives in Kingston upon Thames, returned to Montego Bay.",
         [("Jamaican", "JAM"), ("Montego Bay", "JAM")]),
        ("Kingston, Ontario, hosted the regatta.", []),
        ("Flooding hit Kingston, New York, on Tuesday.", [("New York", "USA")]),
        ("Sean Kingston, who was born in Miami and raised in Jamaica, performed.",
         [("Miami", "USA"), ("Jamaica", "JAM")]),
        # Georgetown: Guyana's capital only with Guyana near
        ("Guyana's President Irfaan Ali told reporters in Georgetown that the claim had no basis.",
         [("Guyana's President", "GUY"), ("Georgetown", "GUY")]),
        ("The Georgetown University professor said the report was flawed.", []),
        ("Diners in Georgetown lined up near the White House.", [("White House", "USA")]),
        ("A Guyanese student at Georgetown University in Washington spoke.",
         [("Guyanese", "GUY"), ("Washington", "USA")]),
        # San José: Costa Rica's capital only with Costa Rica near, never with California
        ("Costa Rica's president said in San José that the country would welcome migrants.",
         [("Costa Rica's president", "CRI"), ("San José", "CRI")]),
        ("Tech firms in San Jose, California, announced layoffs.", []),
        ("The San Jose Sharks beat the Kings.", []),
        ("Costa Rican officials travelled to San Jose for a Silicon Valley trade fair.", [("Costa Rican", "CRI")]),
        # Victoria: the Seychelles' capital only with the Seychelles near
        ("The Seychelles government said in Victoria that it would host the talks.",
         [("Seychelles", "SYC"), ("Victoria", "SYC")]),
        ("Queen Victoria ruled for 63 years; Victoria Beckham opened her show.", []),
        ("Fishermen on Lake Victoria complained.", []),
        ("Officials in Victoria, British Columbia, banned the practice.", []),
        ("The Australian state of Victoria extended its lockdown.", [("Australian", "AUS")]),
        # St John's and St George's
        ("Antigua's Prime Minister Gaston Browne spoke in St. John's.",
         [("Antigua's Prime Minister", "ATG"), ("St. John's", "ATG")]),
        ("Fog closed the airport at St. John's, Newfoundland.", []),
        ("Grenada's Prime Minister Dickon Mitchell said in St George's that the island would rebuild.",
         [("Grenada's Prime Minister", "GRD"), ("St George's", "GRD")]),
        ("Patients at St George's Hospital in London were moved.", [("London", "GBR")]),
        # Bali, and Darwin only with Australia near
        ("Leaders met on the Indonesian island of Bali.", [("Indonesian", "IDN"), ("Bali", "IDN")]),
        ("Australian police worked with Indonesian detectives in Bali after the bombing.",
         [("Australian", "AUS"), ("Indonesian", "IDN"), ("Bali", "IDN")]),
        ("Australian and US marines trained near Darwin.", [("Australian", "AUS"), ("US", "USA"), ("Darwin", "AUS")]),
        ("Charles Darwin sailed on the Beagle; Darwin's theory of evolution changed biology.", []),
        ("Darwin Núñez scored twice as Uruguay beat Australia.", [("Uruguay", "URY"), ("Australia", "AUS")]),
        ("Relatives visited the Darwin cemetery on the Falkland Islands.", []),
    ],
)
def test_ambiguous_capitals_need_their_country_near(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text, date, expected",
    [
        # Abe: the Japanese prime minister, not Abe Lincoln or another Abe
        ("Abe told reporters that Japan would not yield on the islands.", "2019-05-01",
         [("Abe", "JPN"), ("Japan", "JPN")]),
        ("Trump and Abe played golf; Mr Abe later flew home.", "2019-05-01",
         [("Trump", "USA"), ("Abe", "JPN"), ("Abe", "JPN")]),
        ("On Tuesday Abe said he would visit Moscow.", "2019-05-01", [("Abe", "JPN"), ("Moscow", "RUS")]),
        ("Japan's Abe Shinzo met Trump.", "2019-05-01", [("Japan", "JPN"), ("Abe Shinzo", "JPN"), ("Trump", "USA")]),
        ("The film recalls Abe Lincoln, and Honest Abe's speech at Gettysburg.", "2019-05-01", []),
        ("Abe Foxman of the Anti-Defamation League condemned the attack.", "2014-05-01", []),
        ("Akie Abe, the prime minister's wife, visited the school.", "2017-03-01", []),
        ("Abe was shot dead while giving a campaign speech.", "2022-07-08", []),  # no longer in office
        # Duda
        ("Duda vetoed two of the judicial reform bills.", "2017-07-24", [("Duda", "POL")]),
        ("Polish President Duda arrived with Agata Kornhauser-Duda.", "2017-07-24",
         [("Polish President", "POL"), ("Duda", "POL")]),
        ("Midfielder Ondrej Duda scored for Hertha; Duda later limped off.", "2017-09-01", []),
        ("Duda spoke.", "2026-01-05", []),  # his term ended on 2025-08-06
        # Fidan
        ("Fidan said Turkey would mediate between Russia and Ukraine.", "2023-09-01",
         [("Fidan", "TUR"), ("Turkey", "TUR"), ("Russia", "RUS"), ("Ukraine", "UKR")]),
        ("Fidan Dogan, a Kurdish activist, was shot in Paris.", "2023-09-01", [("Paris", "FRA")]),
        # Petro
        ("Petro said Colombia would not extradite the rebel commanders.", "2023-09-01",
         [("Petro", "COL"), ("Colombia", "COL")]),
        ("Petro Poroshenko told Ukrainian television he would return to Kyiv.", "2023-09-01",
         [("Ukrainian", "UKR"), ("Kyiv", "UKR")]),
        ("Sales at Petro-Canada rose. Nicolás Petro, the president's son, was arrested.", "2023-09-01",
         [("Canada", "CAN")]),
        ("Venezuela launched the Petro, an oil-backed cryptocurrency.", None, [("Venezuela", "VEN")]),
        # Kishida, foreign minister and then prime minister
        ("Kishida met Lavrov in Moscow.", "2016-04-29", [("Kishida", "JPN"), ("Lavrov", "RUS"), ("Moscow", "RUS")]),
        ("Kishida dissolved the lower house.", "2021-10-14", [("Kishida", "JPN")]),
        # other G20 leaders and foreign ministers by surname
        ("Kirchner nationalised YPF; Timerman protested to London.", "2012-05-01",
         [("Kirchner", "ARG"), ("Timerman", "ARG"), ("London", "GBR")]),
        ("The Kirchner government was criticised by Máximo Kirchner's rivals.", "2012-05-01", [("Kirchner", "ARG")]),
        ("Swaraj met Wang Yi in Beijing. The Swaraj Party was founded in 1923.", "2016-01-01",
         [("Swaraj", "IND"), ("Wang Yi", "CHN"), ("Beijing", "CHN")]),
        ("Khurshid said India would keep talking. Khurshid Kasuri disagreed.", "2013-05-01",
         [("Khurshid", "IND"), ("India", "IND")]),
        ("Suga met Biden at the White House.", "2021-04-16", [("Suga", "JPN"), ("Biden", "USA"), ("White House", "USA")]),
        ("BTS member Suga released a solo album.", "2021-04-16", []),
        ("Widodo said the boats would be sunk, and Marsudi agreed.", "2016-05-01",
         [("Widodo", "IDN"), ("Marsudi", "IDN")]),
        ("Valls, Castex, Attal and Barrot", "2015-01-01", [("Valls", "FRA")]),
        ("Barrot flew to Beirut.", "2024-10-01", [("Barrot", "FRA"), ("Beirut", "LBN")]),
        ("Patriota met Clinton; the Partido Patriota won in Guatemala.", "2012-07-01",
         [("Patriota", "BRA"), ("Clinton", "USA"), ("Guatemala", "GTM")]),
        ("Noda visited Beijing with Genba.", "2012-01-01", [("Noda", "JPN"), ("Beijing", "CHN"), ("Genba", "JPN")]),
    ],
)
def test_leaders_by_bare_surname(text, date, expected):
    assert mentions(text, date) == expected


def _kinds(text: str) -> list[tuple[str, str, str]]:
    articles = pd.DataFrame({"article_id": ["t"], "title": [None], "date": [pd.NaT], "text": [text]})
    found = stance.find_mentions(stance.split_paragraphs(articles))
    return list(zip(found["surface"], found["country"], found["kind"]))


@pytest.mark.parametrize("text, expected", [
    ("BEIJING, March 3 (Reuters) - The United States and Japan signed a pact.",
     [("BEIJING", "CHN", "dateline"), ("United States", "USA", "name"), ("Japan", "JPN", "name")]),
    ("KABUL, Afghanistan (AP) — Afghan forces retook the town.",
     [("KABUL", "AFG", "dateline"), ("Afghanistan", "AFG", "dateline"), ("Afghan", "AFG", "demonym")]),
    ("NEW DELHI: China and Pakistan pledged to deepen ties.",
     [("NEW DELHI", "IND", "dateline"), ("China", "CHN", "name"), ("Pakistan", "PAK", "name")]),
    ("New York (CNN)French President Emmanuel Macron spoke.",
     [("New York", "USA", "dateline"), ("French President", "FRA", "official"),
      ("Emmanuel Macron", "FRA", "leader")]),
    ("Moscow, June 1 - Russia said it would talk to Japan.",
     [("Moscow", "RUS", "dateline"), ("Russia", "RUS", "name"), ("Japan", "JPN", "name")]),
    ("WASHINGTON/NEW DELHI, March 3 (Reuters) - Japan and Australia signed a pact.",
     [("WASHINGTON", "USA", "dateline"), ("NEW DELHI", "IND", "dateline"), ("Japan", "JPN", "name"),
      ("Australia", "AUS", "name")]),
    # not datelines: an organisation and its acronym, a heading that is a country, a
    # headline in capitals, a pair joined by a dash, a capital as the subject
    ("The Nigeria Labour Congress (NLC) on Tuesday called on Ghana to act.",
     [("Nigeria", "NGA", "name"), ("Ghana", "GHA", "name")]),
    ("Nigeria Labour Congress (NLC) said Ghana must act.", [("Nigeria", "NGA", "name"), ("Ghana", "GHA", "name")]),
    ("IRAN: Tehran said it would talk.", [("IRAN", "IRN", "name"), ("Tehran", "IRN", "capital")]),
    ("MOSCOW - BEIJING TALKS COLLAPSE", [("MOSCOW", "RUS", "capital"), ("BEIJING", "CHN", "capital")]),
    ("US - China trade talks resumed.", [("US", "USA", "name"), ("China", "CHN", "name")]),
    ("Moscow: a view from Russia.", [("Moscow", "RUS", "capital"), ("Russia", "RUS", "name")]),
])
def test_a_dateline_is_where_a_report_was_filed(text, expected):
    assert _kinds(text) == expected


def test_a_dateline_forms_no_pair_and_only_opens_a_paragraph():
    text = ("BEIJING, March 3 (Reuters) - The United States and Japan signed a defence pact.\n\n"
            "WASHINGTON — Russia imposed sanctions on Ukraine, officials said in Beijing.")
    articles = pd.DataFrame({"article_id": ["t"], "title": [None], "date": [pd.NaT], "text": [text]})
    paragraphs = stance.split_paragraphs(articles)
    found = stance.find_mentions(paragraphs)
    assert found["kind"].tolist().count("dateline") == 2
    assert found.loc[found["surface"] == "Beijing", "kind"].tolist() == ["capital"]
    pairs = stance.build_pairs(paragraphs, found)
    assert sorted(zip(pairs["paragraph_id"], pairs["country_a"], pairs["country_b"])) == [
        (0, "JPN", "USA"), (1, "CHN", "RUS"), (1, "CHN", "UKR"), (1, "RUS", "UKR")]


def test_mentions_keep_the_order_of_the_articles():
    # ids that sort otherwise than they come ("a10" before "a2" as text): the rows of a
    # batch follow the input, so that a table does not depend on how it was cut
    ids = ["b", "a10", "a2", "a1"]
    articles = pd.DataFrame({
        "article_id": ids, "title": None, "date": pd.Timestamp("2019-01-01"), "source": None, "url": None,
        "text": ["India and Russia met.\n\nChina protested.", "Japan and Korea met.", "Iran and Iraq met.",
                 "Chile and Peru met."],
    })
    mentions = stance.find_mentions(stance.split_paragraphs(articles))
    assert mentions["article_id"].drop_duplicates().tolist() == ids
    first = mentions[mentions["article_id"] == "b"]
    assert first["paragraph_id"].tolist() == sorted(first["paragraph_id"]) and first["paragraph_id"].nunique() == 2
