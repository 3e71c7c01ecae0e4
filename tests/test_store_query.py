"""Questions: events by filter, quotes by full-text search, actors; bad filters explained."""

from __future__ import annotations

import pytest
from test_store_builders import article, country, event, person, quote

from readout.errors import StoreError
from readout.store import EventFilter, Store


def _corpus() -> list:
    """Seven articles; each event below is named by the articles that report it."""
    zm = [person("zelensky", "a1"), person("meloni", "a2")]
    return [
        article("a", published="2024-03-12", outlet="Dnipro Daily", actors=zm,
                events=[event("e1", ["a1"], ["a2"], "2024-03-12", topics=("air defense",))],
                quotes=[quote("q1", "a1",
                              "We spoke about protecting our cities from missile attacks.")]),
        article("b", published="2024-03-13", outlet="Adriatic Wire", actors=zm,
                events=[event("e1", ["a2"], ["a1"], "2024-03-12", topics=("Air Defense",))]),
        article("m", published="2024-03-12", outlet="Dnipro Daily",
                actors=[person("zelensky", "a1"), person("macron", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-03-12", topics=("artillery",))],
                quotes=[quote("q1", "a2", "France will remain at Ukraine's side.")]),
        article("p", published="2024-04-02", outlet="Vistula Post",
                actors=[person("tusk", "a1"), person("zelensky", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-04-02", status="planned", mode="visit")]),
        article("o", published="2024-04-09", outlet="Vistula Post",
                actors=[person("tusk", "a1"), person("zelensky", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-04-09", mode="visit")],
                quotes=[quote("q1", "a1",
                              "We have agreed on a common approach to the grain question.")]),
        article("s", published="2024-02-20", outlet="Dnipro Daily",
                actors=[country("RUS", "Russia", "a1"), country("UKR", "Ukraine", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-02-20", type="ASSAULT", mode=None)]),
        article("aid", published="2024-01-03", outlet="Adriatic Wire",
                actors=[country("ITA", "Italy", "a1"), country("UKR", "Ukraine", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-01-10", end="2024-01-31", type="AID",
                              status="intended", mode=None, basis="text")]),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("q") / "q.db", create=True) as opened:
        for readout, text in _corpus():
            opened.add(readout, text=text, source=readout.article.id)
        yield opened


def _names(events) -> list[str]:
    return ["+".join(sorted(s.article for s in e.sources)) for e in events]


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(), ["o", "p", "m", "a+b", "s", "aid"]),
    (EventFilter(actor="Zelensky"), ["o", "p", "m", "a+b"]),
    (EventFilter(actor="Q3874799"), ["o", "p", "m", "a+b"]),
    (EventFilter(actor="giorgia meloni"), ["a+b"]),
    (EventFilter(actor="Nobody Known"), []),
    (EventFilter(country="POL"), ["o", "p"]),
    (EventFilter(country="ukr"), ["o", "p", "m", "a+b", "s", "aid"]),
    (EventFilter(dyad="UKR-ITA"), ["a+b", "aid"]),
    (EventFilter(dyad="ita,ukr"), ["a+b", "aid"]),
    (EventFilter(dyad="POL-FRA"), []),
    (EventFilter(type="assault"), ["s"]),
    (EventFilter(status="planned"), ["p"]),
    (EventFilter(topic="air defense"), ["a+b"]),
    (EventFilter(since="2024-03-01", until="2024-03-31"), ["m", "a+b"]),
    (EventFilter(since="2024-03"), ["o", "p", "m", "a+b"]),
    (EventFilter(since="2024-01-20", until="2024-01-25"), ["aid"]),
    (EventFilter(until="2024-02"), ["s", "aid"]),
    (EventFilter(country="UKR", type="CONSULT", status="occurred", since="2024-04-01"), ["o"]),
    (EventFilter(actor="Zelensky", dyad="UKR-FRA", topic="artillery"), ["m"]),
])
def test_event_filters(store, flt, expected):
    assert _names(store.events(flt)) == expected


def test_limit_and_offset_page_through_newest_first(store):
    assert _names(store.events(limit=2)) == ["o", "p"]
    assert _names(store.events(limit=2, offset=2)) == ["m", "a+b"]


def test_a_merged_event_lists_each_source_with_its_evidence(store):
    [merged] = store.events(EventFilter(dyad="UKR-ITA", type="CONSULT"))
    assert [(s.article, s.outlet, s.published) for s in merged.sources] == [
        ("a", "Dnipro Daily", "2024-03-12"), ("b", "Adriatic Wire", "2024-03-13")]
    assert [s.evidence_text for s in merged.sources] == [["held talks"], ["held talks"]]
    assert merged.topics == ["air defense"]


def test_an_event_serialises_to_plain_json(store):
    import json

    [merged] = store.events(EventFilter(status="planned"))
    [visit] = store.events(EventFilter(status="occurred", country="POL"))
    data = json.loads(json.dumps(merged.to_dict()))
    assert (data["type"], data["status"], data["fulfilled_by"]) == ("CONSULT", "planned", visit.id)
    assert [p["name"] for p in data["actors"]] == ["Donald Tusk"]


@pytest.mark.parametrize("flt, message", [
    (EventFilter(type="CONSLT"), ("unknown event type 'CONSLT'; use one of AGREE, CONSULT, "
                                 "SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, "
                                 "REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, "
                                 "ASSAULT.")),
    (EventFilter(status="done"), ("unknown status 'done'; use one of occurred, planned, intended, "
                                 "negated, hypothetical.")),
    (EventFilter(dyad="UKR"), "--dyad 'UKR' needs two codes, like UKR-ITA."),
    (EventFilter(since="March"), "--since 'March' is not a date; write it as 2024-01-31."),
    (EventFilter(until="2024/03/01"),
     "--until '2024/03/01' is not a date; write it as 2024-01-31."),
])
def test_bad_filters_say_what_to_write(store, flt, message):
    with pytest.raises(StoreError) as error:
        store.events(flt)
    assert str(error.value) == message


@pytest.mark.parametrize("text, options, expected", [
    ("missile attacks", {}, ["a"]),
    ("MISSILE", {}, ["a"]),
    ("ukraine side", {"speaker": "Macron"}, ["m"]),
    ("ukraine side", {"speaker": "Emmanuel Macron"}, ["m"]),
    ("attacks", {"speaker": "Tusk"}, []),
    ("grain", {"since": "2024-04-01"}, ["o"]),
    ("grain", {"until": "2024-03-31"}, []),
    ("\"; DROP TABLE quotes; --", {}, []),
    ("cities* ^:(", {}, ["a"]),
])
def test_quote_search(store, text, options, expected):
    assert [hit.article for hit in store.quotes(text, **options)] == expected


def test_a_quote_hit_names_its_speaker_and_offsets(store):
    [hit] = store.quotes("grain question")
    assert (hit.speaker, hit.speaker_code, hit.kind, hit.outlet) == ("Donald Tusk", "POL", "direct",
                                                                    "Vistula Post")
    assert hit.text == "We have agreed on a common approach to the grain question."


def test_a_search_without_words_says_what_to_give(store):
    with pytest.raises(StoreError) as error:
        store.quotes("?!")
    assert str(error.value) == (
        "no words to search for in '?!'; give a word or phrase, like 'air defense'.")


@pytest.mark.parametrize("options, expected", [
    ({"name": "mel"}, ["Giorgia Meloni"]),
    ({"country": "pol"}, ["Donald Tusk"]),
    ({"kind": "country", "country": "UKR"}, ["Ukraine"]),
])
def test_actor_listing_filters(store, options, expected):
    assert [a.name for a in store.actors(**options)] == expected


def test_actors_are_counted_across_articles(store):
    zelensky = store.actors(name="Zelensky")[0]
    assert (zelensky.articles, zelensky.events, zelensky.quotes) == (5, 4, 1)


def test_an_event_matching_a_name_twice_is_listed_once(tmp_path):
    from readout.records import Actor

    smiths = [Actor("a1", "Anna Smith", "person", "GBR"),
              Actor("a2", "John Smith", "person", "USA")]
    with Store(tmp_path / "s.db", create=True) as store:
        readout, text = article("s", published="2024-05-01", outlet="X", actors=smiths,
                                events=[event("e1", ["a1"], ["a2"], "2024-05-01")])
        store.add(readout, text=text)
        assert [e.type for e in store.events(EventFilter(actor="Smith"))] == ["CONSULT"]


def test_a_date_of_the_right_shape_that_does_not_exist_is_refused():
    from readout.errors import StoreError
    from readout.store import EventFilter

    with pytest.raises(StoreError, match="--since '2024-13' is not a date; write it as 2024-01-31."):
        EventFilter(since="2024-13").checked()
