"""The JSON API of `readout serve`, in-process, over a small hand-built database (no model).

The corpus: a Zelensky-Meloni call reported by two outlets (January), Italy's support (February),
a Russian strike and a Ukrainian accusation (February, March), a planned Tusk visit and a call
with Macron that did not happen (March). Expected answers follow from what was stored.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from test_store_builders import article, country, event, person, quote

from readout.errors import DataError
from readout.serve import views
from readout.serve.database import Database
from readout.serve.models import DyadQuery, NetworkQuery
from readout.serve.network import busiest, circle
from readout.serve.scale import load_scale, parse_scale
from readout.serve.scores import ScoreTable
from readout.store import EventFilter, Store


def _corpus():
    ukraine, italy, russia = country("UKR", "Ukraine", "a1"), country("ITA", "Italy", "a2"), \
        country("RUS", "Russia", "a2")
    return [
        article("call-1", published="2024-01-10", outlet="Dnipro Daily",
                actors=[person("zelensky", "a1"), person("meloni", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-01-10", quotes=("q1",),
                              topics=("air defense",))],
                quotes=[quote("q1", "a1", "We will strengthen air defense together.")]),
        article("call-2", published="2024-01-10", outlet="Adriatic Wire",
                actors=[person("zelensky", "a1"), person("meloni", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-01-10")]),
        article("support-1", published="2024-02-05", outlet="Adriatic Wire",
                actors=[italy, ukraine], events=[event("e1", ["a2"], ["a1"], "2024-02-05",
                                                       type="SUPPORT", mode=None)]),
        article("strike-1", published="2024-02-20", outlet="Dnipro Daily",
                actors=[russia, ukraine], events=[event("e1", ["a2"], ["a1"], "2024-02-20",
                                                        type="ASSAULT", mode="aerial")]),
        article("accuse-1", published="2024-03-01", outlet="Dnipro Daily",
                actors=[ukraine, russia], events=[event("e1", ["a1"], ["a2"], "2024-03-01",
                                                        type="ACCUSE", mode=None)]),
        article("planned-1", published="2024-03-05", outlet="Vistula Post",
                actors=[person("tusk", "a1"), person("zelensky", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-03-12", status="planned", mode="visit")]),
        article("negated-1", published="2024-03-06", outlet="Vistula Post",
                actors=[person("macron", "a1"), person("zelensky", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-03-06", status="negated")]),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve-api") / "news.db"
    with Store(path, create=True) as store:
        for readout, text in _corpus():
            store.add(readout, text=text)
    return path


@pytest.fixture(scope="module")
def api(db, serve_client):
    return serve_client(db)


def _types(answer) -> list[str]:
    return sorted(item["type"] for item in answer.json()["items"])


# --- events ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("", ["ACCUSE", "ASSAULT", "CONSULT", "CONSULT", "CONSULT", "SUPPORT"]),
    ("country=RUS", ["ACCUSE", "ASSAULT"]),
    ("dyad=UKR-ITA", ["CONSULT", "SUPPORT"]),
    ("dyad=ita-ukr", ["CONSULT", "SUPPORT"]),
    ("type=assault", ["ASSAULT"]),
    ("status=planned", ["CONSULT"]),
    ("topic=Air%20Defense", ["CONSULT"]),
    ("actor=Meloni", ["CONSULT"]),
    ("since=2024-03", ["ACCUSE", "CONSULT", "CONSULT"]),
    ("since=2024-02-01&until=2024-02-29", ["ASSAULT", "SUPPORT"]),
    ("country=UKR&type=CONSULT&status=occurred", ["CONSULT"]),
    ("actor=Nobody", []),
])
def test_event_filters(api, query, expected):
    answer = api.get(f"/api/events?{query}")
    assert answer.status_code == 200
    assert _types(answer) == expected


def test_events_are_what_the_store_returns(api, db):
    with Store(db, readonly=True) as store:
        expected = [e.to_dict() for e in store.events(EventFilter(country="UKR"))]
    assert api.get("/api/events?country=UKR").json()["items"] == expected


def test_a_merged_event_lists_both_outlets(api):
    [call] = api.get("/api/events?actor=Meloni").json()["items"]
    assert sorted(source["outlet"] for source in call["sources"]) == ["Adriatic Wire", "Dnipro Daily"]


def test_the_applied_filters_come_back_normalised(api):
    answer = api.get("/api/events?dyad=ukr-ita&type=consult").json()
    assert answer["filters"] == {"dyad": "ITA-UKR", "type": "CONSULT"}


def test_pages_follow_each_other_through_next(api):
    everything = [item["id"] for item in api.get("/api/events").json()["items"]]
    seen, url = [], "/api/events?limit=2"
    for _ in range(10):
        answer = api.get(url).json()
        seen += [item["id"] for item in answer["items"]]
        url = answer["page"]["next"]
        if url is None:
            break
    assert seen == everything


def test_a_page_links_back_to_the_previous_one(api):
    page = api.get("/api/events?limit=2&offset=2").json()["page"]
    assert parse_qs(urlsplit(page["previous"]).query)["offset"] == ["0"]
    assert page["more"] is True


def test_one_event_by_id(api):
    first = api.get("/api/events?type=ASSAULT").json()["items"][0]
    assert api.get(f"/api/events/{first['id']}").json() == first


# --- one error shape, bounded requests ------------------------------------------------------------

@pytest.mark.parametrize(("url", "status"), [
    ("/api/events?limit=201", 422),
    ("/api/events?limit=0", 422),
    ("/api/events?offset=10001", 422),
    ("/api/events?colour=red", 422),
    ("/api/events?since=March", 422),
    ("/api/events?since=2024-13", 422),
    ("/api/network?until=2024-02-30", 422),
    ("/api/dyads/ITA-UKR?since=2024-00", 422),
    ("/api/events?actor=" + "x" * 201, 422),
    ("/api/events?type=PARTY", 400),
    ("/api/events?dyad=UKR", 400),
    ("/api/events/999999", 404),
    ("/api/articles/no-such-article", 404),
    ("/api/articles/interrupted", 404),
    ("/api/actors/999999", 404),
    ("/api/countries/XYZ", 404),
    ("/api/countries/%3Cb%3E", 422),
    ("/api/dyads/AAA-BBB", 404),
    ("/api/network?since=2020-01-01&until=2024-01-01", 400),
    ("/api/network?since=2024-03-01&until=2024-01-01", 400),
    ("/api/quotes?q=%22%22%22", 400),
    ("/api/no-such-endpoint", 404),
])
def test_every_error_has_one_shape(api, url, status):
    answer = api.get(url)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == status and error["message"].endswith(".")


def test_an_error_names_the_parameter_and_its_bound(api):
    message = api.get("/api/events?limit=201").json()["error"]["message"]
    assert message.startswith("limit: Input should be less than or equal to 200")


def test_a_pasted_article_needs_a_real_date(api):
    answer = api.post("/api/try", json={"text": "Tusk met Zelensky.", "published": "2024-02-30"})
    assert answer.status_code == 422 and "2024-02-30 is not a date" in answer.json()["error"]["message"]


def test_a_wrong_method_is_answered_in_the_same_shape(api):
    answer = api.delete("/api/events")
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "method_not_allowed"


# --- overview, actors, countries --------------------------------------------------------------------

def test_overview_counts_are_the_store_counts(api, db):
    with Store(db, readonly=True) as store:
        counts = store.counts()
    assert api.get("/api/overview").json()["counts"] == counts


def test_overview_ranks_the_busiest_pairs_first(api):
    dyads = api.get("/api/overview").json()["dyads"]
    assert [d["events"] for d in dyads] == sorted((d["events"] for d in dyads), reverse=True)
    assert dyads[0]["dyad"] in ("ITA-UKR", "RUS-UKR") and dyads[0]["events"] == 2


def test_overview_latest_events_are_newest_first(api):
    dates = [e["date"]["start"] for e in api.get("/api/overview").json()["latest"]]
    assert dates == sorted(dates, reverse=True)


def _entity(api, name: str) -> dict:
    return next(a for a in api.get(f"/api/actors?name={name}").json()["items"] if a["name"] == name)


def test_actor_listing_finds_by_part_of_a_name(api):
    names = [a["name"] for a in api.get("/api/actors?name=elensk").json()["items"]]
    assert names == ["Volodymyr Zelensky"]


def test_actor_page_has_events_counterparts_and_quotes(api):
    zelensky = _entity(api, "Volodymyr Zelensky")
    page = api.get(f"/api/actors/{zelensky['entity']}").json()
    assert page["actor"]["events"] == 3  # the call (two outlets, one event), the visit, Macron's
    assert {c["name"] for c in page["counterparts"]} == {"Giorgia Meloni", "Donald Tusk",
                                                          "Emmanuel Macron"}
    assert [q["text"] for q in page["quotes"]] == ["We will strengthen air defense together."]


def test_a_country_actor_opens_as_the_country(api):
    italy = _entity(api, "Italy")
    assert api.get(f"/api/actors/{italy['entity']}").json()["actor"]["kind"] == "country"


def test_country_page_counts_everyone_with_its_code(api):
    page = api.get("/api/countries/ukr").json()
    assert page["actor"]["name"] == "Ukraine" and page["actor"]["events"] == 6
    assert {c["code"] for c in page["counterparts"]} == {"ITA", "RUS", "POL", "FRA"}
    assert [q["speaker"] for q in page["quotes"]] == ["Volodymyr Zelensky"]


# --- country pairs and the scale ---------------------------------------------------------------------

def test_dyad_score_by_month_follows_the_scale(api):
    scale = load_scale()
    series = {p["bucket"]: p for p in api.get("/api/dyads/UKR-ITA").json()["series"]}
    assert series["2024-01"]["score"] == scale.types["CONSULT"] + (1.5 - 2.5)  # a phone call
    assert series["2024-02"]["score"] == scale.types["SUPPORT"]
    assert series["2024-01"]["events"] == 1  # two reports, one event


def test_a_planned_visit_scores_as_agree(api):
    answer = api.get("/api/dyads/POL-UKR").json()
    assert answer["score"] == load_scale().types["AGREE"]


def test_a_negated_event_is_counted_but_not_scored(api):
    [point] = api.get("/api/dyads/FRA-UKR").json()["series"]
    assert (point["events"], point["scored"], point["score"]) == (1, 0, None)


@pytest.mark.parametrize(("bucket", "first"), [
    ("month", "2024-02"), ("week", "2024-02-19"), ("day", "2024-02-20"),  # a Tuesday
])
def test_dyad_buckets(api, bucket, first):
    series = api.get(f"/api/dyads/RUS-UKR?bucket={bucket}").json()["series"]
    assert series[0]["bucket"] == first


@pytest.mark.parametrize(("event_type", "mode", "status", "expected"), [
    ("CONSULT", "phone", "occurred", 1.5),
    ("CONSULT", "visit", "occurred", 4.0),
    ("CONSULT", None, "occurred", 2.5),
    ("SUPPORT", None, "occurred", 5.0),
    ("AID", None, "occurred", 10.0),
    ("REQUEST", "meet", "occurred", 0.0),
    ("SANCTION", None, "occurred", -6.0),
    ("ASSAULT", None, "occurred", -9.0),
])
def test_the_scale_keeps_the_manuals_values(event_type, mode, status, expected):
    assert load_scale().score(event_type, mode, status) == expected


@pytest.mark.parametrize(("event_type", "mode", "status", "as_type"), [
    ("CONSULT", "visit", "planned", "AGREE"),
    ("AID", None, "intended", "AGREE"),
    ("ASSAULT", "aerial", "intended", "THREATEN"),
    ("SANCTION", "expel", "planned", "THREATEN"),
])
def test_future_events_score_as_plover_codes_them(event_type, mode, status, as_type):
    scale = load_scale()
    assert scale.score(event_type, mode, status) == scale.types[as_type]


@pytest.mark.parametrize("status", ["negated", "hypothetical"])
def test_events_that_did_not_happen_have_no_score(status):
    assert load_scale().score("ASSAULT", "aerial", status) is None


def test_an_unknown_mode_scores_as_its_type():
    assert load_scale().score("ACCUSE", "shouting", "occurred") == load_scale().types["ACCUSE"]


def test_every_score_is_on_the_scale():
    assert all(-10 <= row["score"] <= 10 for row in load_scale().table())


@pytest.mark.parametrize(("data", "message"), [
    ({"types": {"AGREE": {"score": 3}}}, "no score for CONSULT"),
    ({"types": {**{t: {"score": 1} for t in load_scale().types}, "PARTY": {"score": 1}}},
     "'PARTY' is not a PLOVER type"),
    ({"types": {**{t: {"score": 1} for t in load_scale().types}, "AID": {"score": 12}}},
     "the score of AID is 12"),
    ({"types": {**{t: {"score": 1} for t in load_scale().types},
                "AID": {"score": 1, "modes": {"cash": "lots"}}}}, "the score of AID cash is 'lots'"),
    ([], "expected a mapping"),
])
def test_a_bad_scale_file_says_what_to_fix(data, message):
    with pytest.raises(DataError, match=message):
        parse_scale(data)


def test_the_scale_endpoint_marks_the_manuals_values(api):
    rows = api.get("/api/scale").json()
    manual = {(r["type"], r["mode"]) for r in rows if r["source"] == "manual"}
    assert manual == {("CONSULT", None), ("CONSULT", "phone"), ("CONSULT", "visit"),
                      ("SUPPORT", None), ("AID", None), ("REQUEST", None), ("SANCTION", None),
                      ("ASSAULT", None)}


# --- the score table: the same figures as reading every event's row --------------------------------

@pytest.fixture(scope="module")
def table(db):
    return Database(db).scores.wait()


def _with_and_without(db, table, view, *args):
    with Store(db, readonly=True) as store:
        return view(store, *args, None).model_dump(), view(store, *args, table).model_dump()


@pytest.mark.parametrize("dyad", ["ITA-UKR", "RUS-UKR", "POL-UKR", "FRA-UKR"])
@pytest.mark.parametrize("bucket", ["month", "day"])
def test_dyad_scores_from_the_table_equal_those_from_the_rows(db, table, dyad, bucket):
    from_rows, from_table = _with_and_without(db, table, views.dyad_view, dyad, DyadQuery(bucket=bucket))
    assert from_table == from_rows


@pytest.mark.parametrize("country", [None, "UKR", "RUS"])
def test_network_scores_from_the_table_equal_those_from_the_rows(db, table, country):
    query = NetworkQuery(since="2024-01", until="2024-03", country=country)
    from_rows, from_table = _with_and_without(db, table, views.network_view, query)
    assert from_table == from_rows


def test_events_newer_than_the_table_are_scored_from_their_rows(db, table):
    older = ScoreTable(table.values[:3], table.scale, table.version)  # knows events 1 and 2 only
    from_rows, from_older = _with_and_without(db, older, views.overview)
    assert from_older == from_rows


def test_the_score_table_is_rebuilt_when_the_database_changes(tmp_path):
    path = tmp_path / "news.db"
    corpus = _corpus()
    with Store(path, create=True) as store:
        readout, text = corpus[0]
        store.add(readout, text=text)
    db = Database(path)
    db.scores.refresh_s = 0
    first = db.scores.wait()
    with Store(path) as store:
        readout, text = corpus[3]
        store.add(readout, text=text)
    db.scores.current()
    second = db.scores.wait()
    assert second.version != first.version and len(second.values) > len(first.values)


# --- network -----------------------------------------------------------------------------------------

def test_network_of_a_period(api):
    graph = api.get("/api/network?since=2024-01&until=2024-03").json()
    assert {e["dyad"] for e in graph["edges"]} == {"ITA-UKR", "RUS-UKR", "POL-UKR", "FRA-UKR"}
    assert graph["nodes"][0]["code"] == "UKR" and graph["nodes"][0]["events"] == 6


def test_network_of_one_country(api):
    graph = api.get("/api/network?since=2024-01&until=2024-03&country=rus").json()
    assert [(e["dyad"], e["events"]) for e in graph["edges"]] == [("RUS-UKR", 2)]


def test_network_defaults_to_the_90_days_before_the_newest_event(api):
    period = api.get("/api/network").json()["period"]
    assert period == {"since": "2023-12-14", "until": "2024-03-12"}


# A star around A (A-B 5 events, A-C 4, A-D 3, A-E 2) and a pair apart, F-G (1).
STAR = {"A-B": 5, "A-C": 4, "A-D": 3, "A-E": 2, "F-G": 1}


@pytest.mark.parametrize(("max_nodes", "max_edges", "nodes", "edges", "truncated"), [
    (10, 10, "ABCDEFG", ["A-B", "A-C", "A-D", "A-E", "F-G"], False),
    (3, 10, "ABC", ["A-B", "A-C"], True),
    (10, 2, "ABCDEFG", ["A-B", "A-C"], True),
    (1, 10, "A", [], True),
])
def test_the_network_keeps_the_busiest(max_nodes, max_edges, nodes, edges, truncated):
    kept_nodes, kept_links, cut = busiest(STAR, max_nodes, max_edges)
    assert "".join(code for code, _ in kept_nodes) == nodes
    assert [f"{link.a}-{link.b}" for link in kept_links] == edges
    assert cut is truncated


@pytest.mark.parametrize("count", [2, 3, 7, 60])
def test_nodes_are_placed_apart_on_the_unit_circle(count):
    points = circle(count)
    assert len(set(points)) == count
    assert all(abs(x * x + y * y - 1) < 1e-3 for x, y in points)
    assert points[0] == (0.0, 1.0)  # the busiest at the top


# --- quotes, articles, the API description -------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("q=air%20defense", ["Volodymyr Zelensky"]),
    ("q=defense&speaker=Zelensky", ["Volodymyr Zelensky"]),
    ("q=defense&speaker=Meloni", []),
    ("q=defense&since=2024-02", []),
    ("q=tanks", []),
    ("", []),
])
def test_quote_search(api, query, expected):
    assert [q["speaker"] for q in api.get(f"/api/quotes?{query}").json()["items"]] == expected


def test_an_articles_segments_are_its_whole_text(api, db):
    answer = api.get("/api/articles/call-1").json()
    with Store(db, readonly=True) as store:
        text = store.conn.execute("SELECT text FROM articles WHERE id = 'call-1'").fetchone()[0]
    assert "".join(s["text"] for s in answer["segments"]) == text


def test_an_articles_events_quote_their_evidence(api):
    [e1] = api.get("/api/articles/call-1").json()["events"]
    assert e1["evidence_text"] == ["held talks"] and e1["quotes"] == ["q1"]
    assert e1["event"] is not None and e1["actors"] == ["Volodymyr Zelensky"]


def test_every_page_has_a_json_twin(api):
    from readout.serve import pages

    paths = set(api.get("/api/openapi.json").json()["paths"])
    for route in pages.router.routes:
        if route.path in ("/dyads",):  # a form's redirect, not a page
            continue
        twin = "/api/overview" if route.path == "/" else "/api" + route.path
        assert twin in paths, f"page {route.path} has no JSON twin"


def test_the_openapi_description_documents_the_error_shape(api):
    spec = api.get("/api/openapi.json").json()
    responses = spec["paths"]["/api/events"]["get"]["responses"]
    assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
