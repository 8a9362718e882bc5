"""The gazetteer in features/: codes checked with pycountry, coverage, consistency."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pycountry
import pytest

import stance
from stance.mentions import fold

# Issue 2: the G20 states and the 60 countries most present in international news.
COVERED = (
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "
    "UKR ISR PSE IRN IRQ SYR AFG PAK PRK TWN EGY JOR LBN YEM QAT ARE KWT OMN LBY SDN "
    "ETH SOM KEN NGA VEN COL CUB CHL PER ESP POL NLD BEL SWE NOR FIN DNK GRC CHE AUT "
    "IRL PRT HUN SRB XKX BLR GEO ARM AZE KAZ MMR THA VNM PHL MYS SGP BGD LKA NPL NZL"
).split()
START = pd.Timestamp("2000-01-01")
TODAY = pd.Timestamp(date.today())


@pytest.fixture(scope="module")
def gazetteer():
    return stance.load_gazetteer()


def test_country_codes_are_iso_3166(gazetteer):
    for code in gazetteer.countries["iso3"]:
        if code == "XKX":  # Kosovo: user-assigned code, not in ISO 3166-1
            continue
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_every_un_member_and_observer_plus_taiwan_and_kosovo(gazetteer):
    status = gazetteer.countries.set_index("iso3")["status"]
    assert (status == "member").sum() == 193
    assert sorted(status[status == "observer"].index) == ["PSE", "VAT"]
    assert sorted(status[status == "other"].index) == ["TWN", "XKX"]


# English has no demonym of their own for these: "Congolese" and "Dominican" go to the
# larger DR Congo and Dominican Republic, and the Holy See has none.
NO_DEMONYM = {"COG", "DMA", "VAT"}


def test_every_country_has_a_name_and_a_demonym(gazetteer):
    kinds = gazetteer.aliases.groupby("country")["kind"].agg(set)
    for code in gazetteer.countries["iso3"]:
        assert "name" in kinds.get(code, set()), code
        if code not in NO_DEMONYM:
            assert "demonym" in kinds[code], code


def test_no_alias_means_two_countries(gazetteer):
    folded = gazetteer.aliases.assign(key=gazetteer.aliases["alias"].map(fold))
    clashes = folded.groupby("key")["country"].nunique()
    assert clashes[clashes > 1].index.tolist() == []


def test_every_row_names_its_source(gazetteer):
    for table in (gazetteer.countries, gazetteer.aliases, gazetteer.leaders, gazetteer.titles,
                  gazetteer.stop_phrases, gazetteer.context_rules):
        assert (table["source"].str.strip() != "").all()


def _gaps(terms: pd.DataFrame, since: pd.Timestamp, tolerance_days: int) -> list[tuple]:
    """Stretches from ``since`` to today longer than the tolerance that no term covers."""
    spans = sorted((max(s, since), TODAY if pd.isna(e) else e) for s, e in zip(terms["start"], terms["end"]))
    gaps, reach = [], since
    for start, end in spans:
        if (start - reach).days > tolerance_days:
            gaps.append((reach.date(), start.date()))
        reach = max(reach, end)
    if (TODAY - reach).days > tolerance_days:
        gaps.append((reach.date(), TODAY.date()))
    return gaps


# Kosovo declared independence on 2008-02-17; before that, no government of its own.
SINCE = {"XKX": pd.Timestamp("2008-02-17")}


def _vacancies(gazetteer) -> pd.DataFrame:
    """Periods an office was vacant, absent, held by the head, or not yet recorded."""
    path = gazetteer.directory / "leader_vacancies.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (table["reason"].str.strip() != "").all() and (table["source"].str.strip() != "").all()
    assert set(table["status"]) <= {"vacant", "no_office", "held_by_head", "unrecorded"}
    assert set(table["role"]) <= {"head", "foreign_minister", "defence_minister"}
    table["start"] = pd.to_datetime(table["start"], format="%Y-%m-%d")
    table["end"] = pd.to_datetime(table["end"].replace("", None), format="%Y-%m-%d")
    return table


@pytest.mark.parametrize("role", ["head", "foreign_minister", "defence_minister"])
def test_offices_are_filled_from_2000_to_today(gazetteer, role):
    leaders = gazetteer.leaders
    if role == "head":
        mask = leaders["role"].isin(["head_of_state", "head_of_government", "head_of_state_and_government"])
    else:
        mask = leaders["role"] == role
    vacancies = _vacancies(gazetteer)
    holes = {}
    for code in COVERED:
        terms = pd.concat([
            leaders.loc[mask & (leaders["country"] == code), ["start", "end"]],
            vacancies.loc[(vacancies["country"] == code) & (vacancies["role"] == role), ["start", "end"]],
        ])
        gaps = _gaps(terms, SINCE.get(code, START), tolerance_days=120)
        if gaps:
            holes[code] = gaps
    assert holes == {}


def test_leader_names_are_not_common_words(gazetteer):
    """A bare surname that is an everyday word ("May", "Moon") must not be an alias."""
    from importlib import resources

    spelling = resources.files("textblob").joinpath("en", "en-spelling.txt").read_text(encoding="utf-8")
    common = set()
    for line in spelling.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";") and int(parts[1]) >= 100:
            common.add(parts[0])
    single = {a for aliases in gazetteer.leaders["aliases"] for a in aliases.split("|") if " " not in a.strip()}
    assert sorted(a for a in single if a.lower() in common) == []


def test_titles_cover_leader_titles(gazetteer):
    known = set(gazetteer.titles["title"])
    assert set(gazetteer.leaders["title"]) <= known
