"""Actors: people with their titles, countries, organisations, and their mentions."""

from __future__ import annotations

import pytest


def actors(pipeline, text: str, published: str | None = None):
    return pipeline.extract_text(text, published=published).actors


def person(pipeline, text: str, name: str):
    return next(a for a in actors(pipeline, text) if a.kind == "person" and a.name == name)


@pytest.mark.parametrize("text, name, code, role, sector", [
    ("Italian Prime Minister Giorgia Meloni arrived in Rome.", "Giorgia Meloni", "ITA",
     "Prime Minister of Italy", "GOV"),
    ("Polish President Andrzej Duda visited the border.", "Andrzej Duda", "POL", "President of Poland", "GOV"),
    ("China's foreign minister Wang Yi met his counterpart.", "Wang Yi", "CHN",
     "Foreign Minister of China", "GOV"),
    ("Andrzej Duda, the Polish president, visited the border.", "Andrzej Duda", "POL",
     "President of Poland", "GOV"),
    ("NATO Secretary-General Mark Rutte spoke in Brussels.", "Mark Rutte", "NATO",
     "Secretary-General of NATO", "GOV"),
    ("Former British Prime Minister Boris Johnson visited Kyiv.", "Boris Johnson", "GBR",
     "Former Prime Minister of United Kingdom", "ELI"),
    ("German Chancellor Olaf Scholz met industry leaders.", "Olaf Scholz", "DEU",
     "Chancellor of Germany", "GOV"),
])
def test_a_title_gives_role_country_and_sector(pipeline, text, name, code, role, sector):
    actor = person(pipeline, text, name)
    assert (actor.code, actor.role, actor.sector) == (code, role, sector)


def test_later_surname_and_first_name_join_the_same_person(pipeline):
    text = ("Italian Prime Minister Giorgia Meloni spoke to reporters. Meloni said the talks went well. "
            "Officials close to Giorgia said more would follow.")
    meloni = person(pipeline, text, "Giorgia Meloni")
    assert [text[s:e] for s, e in meloni.mentions] == ["Giorgia Meloni", "Meloni", "Giorgia"]


def test_transliterations_of_a_surname_join(pipeline):
    text = "Ukrainian President Volodymyr Zelensky spoke on Monday. Zelenskyy said more aid was coming."
    zelensky = person(pipeline, text, "Volodymyr Zelensky")
    assert len(zelensky.mentions) == 2


@pytest.mark.parametrize("text, codes", [
    ("Kyiv said the talks were useful.", {"UKR"}),
    ("Washington and Beijing agreed to resume talks.", {"USA", "CHN"}),
    ("Britain and the EU signed the deal.", {"GBR", "EU"}),
    ("Russian forces shelled the town, and the United Nations condemned it.", {"RUS", "UN"}),
    ("Leaders of the Group of Seven and of the G20 met, as did NATO, ASEAN and the African Union.",
     {"G7", "G20", "NATO", "ASEAN", "AU"}),
    ("The IAEA and the OSCE sent observers.", {"IAEA", "OSCE"}),
])
def test_countries_organisations_and_capitals_as_metonyms(pipeline, text, codes):
    assert {a.code for a in actors(pipeline, text) if a.kind != "person"} == codes


@pytest.mark.parametrize("text", [
    "Delegates met in Kyiv to discuss the grain corridor.",
    "The summit took place in Washington on Tuesday.",
])
def test_a_capital_used_as_a_place_is_not_an_actor(pipeline, text):
    assert [a.code for a in actors(pipeline, text)] == []


@pytest.mark.parametrize("text", [
    "Basketball star Michael Jordan opened a new restaurant on Friday.",
    "Socialite Paris Hilton launched a new perfume line on Friday.",
])
def test_a_person_named_like_a_country_or_city_is_no_country(pipeline, text):
    assert all(a.kind == "person" for a in actors(pipeline, text))


def test_the_title_alone_joins_its_holder(pipeline):
    text = ("French President Emmanuel Macron arrived in Berlin on Monday. "
            "The President then met students.")
    macron = person(pipeline, text, "Emmanuel Macron")
    assert len(macron.mentions) == 2
