"""Actors: people with their titles, countries, organisations, and their mentions."""

from __future__ import annotations

from datetime import date

import pytest

from readout.resolve.resolver import actors_in


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
     "Former Prime Minister of the United Kingdom", "ELI"),
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


# --- resolution at the article's date and coreference -------------------------------------------

def dated_actors(pipeline, text: str, published: date | None):
    """The article's actors resolved at its date, as the extractor resolves them."""
    return actors_in(pipeline.nlp, pipeline.nlp(text), published)


def spans_of(text: str, actor) -> list[str]:
    return [text[start:end] for start, end in actor.mentions]


@pytest.mark.parametrize("text, published, name, code, sector", [
    ("The British Prime Minister met the King.", date(2019, 6, 1), "Theresa May", "GBR", "GOV"),
    ("The British Prime Minister met the King.", date(2023, 6, 1), "Rishi Sunak", "GBR", "GOV"),
    ("Boris Johnson spoke in Kyiv on Friday.", date(2023, 6, 1), "Boris Johnson", "GBR", "ELI"),
    ("Boris Johnson spoke in Kyiv on Friday.", date(2020, 6, 1), "Boris Johnson", "GBR", "GOV"),
    ("Germany sent more tanks. Scholz said more would follow.", date(2023, 1, 10), "Olaf Scholz", "DEU", "GOV"),
])
def test_people_are_resolved_at_the_articles_date(pipeline, text, published, name, code, sector):
    actor = next(a for a in dated_actors(pipeline, text, published) if a.kind == "person")
    assert (actor.name, actor.code, actor.sector) == (name, code, sector)


def test_a_surname_no_one_bears_in_office_at_the_date_is_not_guessed(pipeline):
    text = "Johnson told the committee the report was wrong."
    people = [a for a in dated_actors(pipeline, text, date(2024, 2, 1)) if a.kind == "person"]
    assert [(a.name, a.code) for a in people] in ([], [("Johnson", None)])


def test_the_knowledge_base_gives_the_wikidata_id(pipeline):
    actors = dated_actors(pipeline, "President Zelensky thanked the soldiers.", None)
    assert next(a for a in actors if a.kind == "person").wikidata == "Q3874799"


def test_a_title_and_a_later_name_are_one_person(pipeline):
    text = "The British Prime Minister arrived in Paris. Theresa May said the talks would be hard."
    may = next(a for a in dated_actors(pipeline, text, date(2019, 3, 1)) if a.kind == "person")
    assert spans_of(text, may) == ["British Prime Minister", "Theresa May"]


@pytest.mark.parametrize("text, later", [
    ("Giorgia Meloni hosted the talks. The Italian leader said Rome would help.", "Italian leader"),
    ("Italian Prime Minister Giorgia Meloni hosted the talks. The Prime Minister said Rome would help.",
     "Prime Minister"),
])
def test_a_title_later_in_the_article_joins_its_holder(pipeline, text, later):
    meloni = next(a for a in dated_actors(pipeline, text, None) if a.kind == "person")
    assert meloni.name == "Giorgia Meloni"
    assert spans_of(text, meloni)[-1] == later


def test_the_two_leaders_is_a_mention_of_each(pipeline):
    text = ("Italian Prime Minister Giorgia Meloni met Ukrainian President Volodymyr Zelensky in Rome. "
            "The two leaders discussed air defence.")
    people = [a for a in dated_actors(pipeline, text, None) if a.kind == "person"]
    assert [spans_of(text, a)[-1] for a in people] == ["The two leaders", "The two leaders"]


@pytest.mark.parametrize("text, speaker", [
    (('Italian Prime Minister Giorgia Meloni met Ukrainian President Volodymyr Zelensky. '
      '"We stand together," she said.'), "Giorgia Meloni"),
    (('Ukrainian President Volodymyr Zelensky met Italian Prime Minister Giorgia Meloni. '
      '"We are grateful," he said.'), "Volodymyr Zelensky"),
    (('Biden spoke at the ceremony. Modi thanked the president for the invitation. '
      '"Today is an honour," he said.'), "Narendra Modi"),
])
def test_he_or_she_as_a_speaker_joins_the_right_antecedent(pipeline, text, speaker):
    readout = pipeline.extract_text(text, published="2023-06-22")
    names = {a.id: a.name for a in readout.actors}
    assert names[readout.quotes[0].speaker] == speaker


def test_every_mention_of_an_actor_is_listed(pipeline):
    text = ('Italian Prime Minister Giorgia Meloni met Volodymyr Zelensky in Rome. '
            'Meloni said Italy would help. "We are with you," she said.')
    meloni = next(a for a in pipeline.extract_text(text).actors if a.name == "Giorgia Meloni")
    assert spans_of(text, meloni) == ["Giorgia Meloni", "Meloni", "she"]


@pytest.mark.parametrize("text", [
    '"The talks were useful," a Downing Street spokesperson said.',
    '"We are close," a senior administration official said.',
    '"It is a good deal," the official said.',
])
def test_an_unnamed_source_is_no_speaker(pipeline, text):
    assert pipeline.extract_text(text).quotes[0].speaker is None


@pytest.mark.parametrize("text, phrase, kind, code, sector", [
    ("Kremlin officials dismissed the report.", "Kremlin officials", "organization", "RUS", "GOV"),
    ("Hezbollah fighters fired rockets at the border.", "Hezbollah fighters", "group", "LBN", "REB"),
    ("Ukrainian soldiers held the line near Bakhmut.", "Ukrainian soldiers", "group", "UKR", "MIL"),
    ("Police in Tbilisi detained dozens of protesters.", "Police in Tbilisi", "group", "GEO", "COP"),
    ("The Russian government rejected the claim.", "Russian government", "country", "RUS", "GOV"),
])
def test_groups_of_a_country_are_actors_with_their_sector(pipeline, text, phrase, kind, code, sector):
    found = next(a for a in actors(pipeline, text) if phrase in spans_of(text, a))
    assert (found.kind, found.code, found.sector) == (kind, code, sector)


@pytest.mark.parametrize("text, phrase, kind, code, sector", [
    # every demonym has its plural without being listed
    ("Albanians marched through the capital.", "Albanians", "country", "ALB", None),
    ("Nigeriens voted on Sunday.", "Nigeriens", "country", "NER", None),
    # "ethnic" names a minority, coded by the country it lives in
    ("Ethnic Hungarians in Romania demanded more autonomy.", "Hungarians", "group", "ROU", "CVL"),
    # a people of a country, tagged PERSON by the parser
    ("Bosnian Serbs said their forces had withdrawn.", "Bosnian Serbs", "group", "BIH", None),
])
def test_peoples_by_their_country(pipeline, text, phrase, kind, code, sector):
    found = next(a for a in actors(pipeline, text) if any(phrase in s for s in spans_of(text, a)))
    assert (found.kind, found.code, found.sector) == (kind, code, sector)


@pytest.mark.parametrize("text, published, name, code, sector", [
    ("President Bill Clinton met Chinese leaders.", "1998-06-25", "Bill Clinton", "USA", "GOV"),
    ("Bill Clinton spoke at the conference.", "2024-05-02", "Bill Clinton", "USA", "ELI"),
    ("Iraqi President Saddam Hussein arrived in Amman.", "1990-08-01", "Saddam Hussein", "IRQ", "GOV"),
])
def test_earlier_leaders_resolve_to_their_country(pipeline, text, published, name, code, sector):
    found = next(a for a in actors(pipeline, text, published) if a.name == name)
    assert (found.code, found.sector) == (code, sector)
