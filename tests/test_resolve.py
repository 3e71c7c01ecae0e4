"""Resolution of actor phrases at a date: the resolver, `resolve_phrase` and `readout resolve`."""

from __future__ import annotations

from datetime import date

import pytest

from readout.resolve.knowledge import load_knowledge_base
from readout.resolve.lexicon import load_lexicon, people_plural
from readout.resolve.resolver import identify_person, identify_title, leader_of, resolve_phrase


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def resolve(pipeline, phrase: str, on: date | None = None):
    actor = resolve_phrase(phrase, on, pipeline.nlp)
    assert actor is not None, f"nothing resolved in {phrase!r}"
    return actor


# --- the resolver on the knowledge base alone -------------------------------------------------

@pytest.mark.parametrize("words, code, on, name", [
    ("prime minister", "GBR", date(2019, 6, 1), "Theresa May"),
    ("prime minister", "GBR", date(2023, 6, 1), "Rishi Sunak"),
    ("chancellor", "DEU", date(2020, 6, 1), "Angela Merkel"),
    ("president", "USA", date(2022, 6, 1), "Joe Biden"),
    ("secretary-general", "NATO", date(2025, 6, 1), "Mark Rutte"),
    ("leader", "ITA", date(2023, 6, 1), "Giorgia Meloni"),
    ("leader", "FRA", date(2023, 6, 1), "Emmanuel Macron"),
])
def test_a_title_and_country_name_the_holder_at_the_date(kb, lexicon, words, code, on, name):
    found = identify_title(kb, lexicon, lexicon.titles[words], code, on=on)
    assert (found.name, found.code, found.sector) == (name, code, "GOV")


@pytest.mark.parametrize("words, code, on, former", [
    ("prime minister", "GBR", None, False),  # no date: no holder can be named
    ("prime minister", None, date(2019, 6, 1), False),  # no country: whose prime minister?
    ("prime minister", "GBR", date(2019, 6, 1), True),  # a former one: which of them?
])
def test_a_title_alone_names_nobody_without_date_country_or_when_former(kb, lexicon, words, code, on, former):
    found = identify_title(kb, lexicon, lexicon.titles[words], code, former, on=on)
    assert found.person_id is None
    assert found.sector == ("ELI" if former else "GOV")


@pytest.mark.parametrize("name, on, code, sector", [
    ("Boris Johnson", date(2020, 6, 1), "GBR", "GOV"),
    ("Boris Johnson", date(2023, 6, 1), "GBR", "ELI"),
    ("Mark Rutte", date(2023, 6, 1), "NLD", "GOV"),
    ("Mark Rutte", date(2025, 6, 1), "NATO", "GOV"),
    ("Donald Trump", date(2023, 6, 1), "USA", "ELI"),
    ("Donald Trump", date(2025, 6, 1), "USA", "GOV"),
    ("Donald Trump", None, "USA", "GOV"),  # without a date nobody is made former
])
def test_the_date_decides_country_and_whether_a_person_is_former(kb, lexicon, name, on, code, sector):
    found = identify_person(kb, lexicon, name, on=on)
    assert (found.code, found.sector) == (code, sector)


@pytest.mark.parametrize("name, on, context, expected", [
    ("Scholz", date(2023, 1, 1), frozenset(), "Olaf Scholz"),  # the date: the one in office
    ("Scholz", None, frozenset({"DEU"}), "Olaf Scholz"),  # the article: Germany is named
    ("Sharif", date(2024, 6, 1), frozenset(), "Shehbaz Sharif"),
    ("Johnson", date(2024, 1, 1), frozenset(), None),  # no Johnson in office: not guessed
])
def test_a_surname_resolves_only_when_the_date_or_the_article_makes_it_unambiguous(
        kb, lexicon, name, on, context, expected):
    assert identify_person(kb, lexicon, name, on=on, context=context).name == expected


def test_a_title_the_knowledge_base_does_not_record_keeps_the_texts_role(kb, lexicon):
    found = identify_person(kb, lexicon, "Donald Trump", lexicon.titles["president-elect"], "USA",
                            on=date(2024, 12, 1))
    assert (found.name, found.role, found.sector) == ("Donald Trump", "President-elect of the United States", "GOV")


def test_an_unknown_person_gets_role_country_and_sector_from_the_title(kb, lexicon):
    found = identify_person(kb, lexicon, "Dmitry Peskov", lexicon.titles["spokesman"], "RUS", sector="GOV",
                            body="the Kremlin")
    assert (found.person_id, found.code, found.sector, found.role) == (
        None, "RUS", "GOV", "Spokesperson of the Kremlin")


@pytest.mark.parametrize("code, on, name", [
    ("GBR", date(2023, 6, 1), "Rishi Sunak"),  # a king reigns, the prime minister leads
    ("RUS", date(2023, 6, 1), "Vladimir Putin"),
    ("DEU", date(2023, 6, 1), "Olaf Scholz"),
    ("USA", date(2023, 6, 1), "Joe Biden"),
])
def test_a_countrys_leader(kb, lexicon, code, on, name):
    assert leader_of(kb, lexicon, code, on)[0].name == name


# --- phrases, through the same finder and resolver as articles ---------------------------------

@pytest.mark.parametrize("phrase, on, name, code, sector, wikidata", [
    ("the British Prime Minister", date(2019, 6, 1), "Theresa May", "GBR", "GOV", "Q264766"),
    ("the British Prime Minister", date(2023, 6, 1), "Rishi Sunak", "GBR", "GOV", None),
    ("President Zelensky", None, "Volodymyr Zelensky", "UKR", "GOV", "Q3874799"),
    ("the Italian leader", date(2024, 2, 1), "Giorgia Meloni", "ITA", "GOV", None),
    ("former German Chancellor Angela Merkel", date(2023, 6, 1), "Angela Merkel", "DEU", "ELI", None),
])
def test_people_resolve_at_the_date(pipeline, phrase, on, name, code, sector, wikidata):
    actor = resolve(pipeline, phrase, on)
    assert (actor.kind, actor.name, actor.code, actor.sector) == ("person", name, code, sector)
    if wikidata:
        assert actor.wikidata == wikidata


@pytest.mark.parametrize("phrase, kind, code, sector", [
    ("Ukrainian soldiers", "group", "UKR", "MIL"),
    ("Russian police", "group", "RUS", "COP"),
    ("protesters in Nairobi", "group", "KEN", "CVL"),
    ("the Kremlin", "organization", "RUS", "GOV"),
    ("the Pentagon", "organization", "USA", "MIL"),
    ("the State Department", "organization", "USA", "GOV"),
    ("Hezbollah", "group", "LBN", "REB"),
    ("the Houthis", "group", "YEM", "REB"),
    ("Gazprom", "organization", "RUS", "BUS"),
    ("the Ukrainian parliament", "organization", "UKR", "LEG"),
    ("Russia's Supreme Court", "organization", "RUS", "JUD"),
    ("the Russian foreign ministry", "organization", "RUS", "GOV"),
    ("Ukraine's defence ministry", "organization", "UKR", "MIL"),
    ("Hamas fighters", "group", "PSE", "REB"),
    ("NATO troops", "group", "NATO", "MIL"),
    ("the German government", "country", "DEU", "GOV"),
])
def test_groups_and_institutions_get_plover_codes_and_sectors(pipeline, phrase, kind, code, sector):
    actor = resolve(pipeline, phrase)
    assert (actor.kind, actor.code, actor.sector) == (kind, code, sector)


@pytest.mark.parametrize("phrase", ["the weather", "a long walk in the park"])
def test_a_phrase_with_no_actor_resolves_to_none(pipeline, phrase):
    assert resolve_phrase(phrase, None, pipeline.nlp) is None


# --- `readout resolve` --------------------------------------------------------------------------

def test_the_command_prints_the_resolved_actor(cli):
    code, out, err = cli("resolve", "the British Prime Minister", "--date", "2019-06-01")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["name      Theresa May", "kind      person", "code      GBR",
                                "sector    GOV", "role      Prime Minister of the United Kingdom",
                                "wikidata  Q264766"]


def test_the_command_prints_json_on_request(cli):
    code, out, _ = cli("resolve", "Ukrainian soldiers", "--json")
    assert code == 0
    assert out.strip() == ('{"name": "Ukrainian soldiers", "kind": "group", "code": "UKR", '
                           '"sector": "MIL", "role": null, "wikidata": null}')


def test_the_command_says_when_nothing_resolves(cli):
    code, out, err = cli("resolve", "the weather")
    assert (code, out) == (1, "")
    assert err == ("readout: no actor found in 'the weather'; try a name, a title with its country "
                   "(\"the Italian prime minister\") or a group (\"Ukrainian soldiers\").\n")


def test_the_command_rejects_a_bad_date(cli, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli("resolve", "Zelensky", "--date", "2019-13-01")
    assert exit_info.value.code == 2
    assert "'2019-13-01' is not a date like 2024-01-03" in capsys.readouterr().err


def test_a_title_and_a_surname_shared_by_one_countrys_leaders_give_the_country(kb, lexicon):
    found = identify_person(kb, lexicon, "Bush", title=lexicon.titles["president"])
    assert (found.name, found.code) == (None, "USA")


@pytest.mark.parametrize("demonym, plural", [
    ("Albanian", "Albanians"), ("Serb", "Serbs"), ("Thai", "Thais"),
    ("Chinese", None), ("British", None), ("Swiss", None), ("Dutch", None),
])
def test_a_peoples_plural_is_derived(demonym, plural):
    assert people_plural(demonym) == plural
