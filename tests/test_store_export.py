"""Exports: jsonl reproduces the stored readouts exactly; PLOVER conventions; csv, parquet rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_store_builders import article, call_report, country, event, person

from readout.errors import StoreError
from readout.records import Actor
from readout.store import EventFilter, Store
from readout.store.export import CSV_COLUMNS, plover_code, plover_type, to_plover


def _articles():
    return [
        call_report("a", "2024-03-12", "Dnipro Daily"),
        call_report("b", "2024-03-13", "Adriatic Wire"),
        article("p", published="2024-04-02", outlet="Vistula Post",
                actors=[person("tusk", "a1"), person("zelensky", "a2")],
                events=[event("e1", ["a1"], ["a2"], "2024-04-02", status="planned", mode="visit"),
                        event("e2", ["a1"], ["a2"], "2024-04-02", type="AID", status="negated",
                              mode=None, primary=False)]),
        article("none", published="2024-04-03", outlet="Vistula Post", actors=[], events=[]),
    ]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "x.db", create=True) as opened:
        for readout, text in _articles():
            opened.add(readout, text=text)
        yield opened


def _export(store, fmt, flt=None) -> str:
    out = io.StringIO()
    store.export(fmt, out, flt)
    return out.getvalue()


def test_jsonl_reproduces_every_stored_readout_exactly(store):
    expected = "".join(readout.to_json() + "\n" for readout, _ in _articles())
    assert _export(store, "jsonl") == expected


def test_jsonl_with_a_filter_writes_the_articles_of_matching_events(store):
    lines = _export(store, "jsonl", EventFilter(country="POL")).splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == ["p"]


@pytest.mark.parametrize("kind, status, expected", [
    ("CONSULT", "occurred", "CONSULT"),
    ("CONSULT", "planned", "AGREE"),
    ("AID", "intended", "AGREE"),
    ("COOPERATE", "planned", "AGREE"),
    ("SANCTION", "intended", "THREATEN"),
    ("ASSAULT", "planned", "THREATEN"),
    ("ACCUSE", "occurred", "ACCUSE"),
    ("AID", "negated", None),
    ("CONSULT", "hypothetical", None),
])
def test_plover_event_types(kind, status, expected):
    assert plover_type(kind, status) == expected


@pytest.mark.parametrize("code, kind, expected", [
    ("EU", "organization", "EUR"),
    ("UN", "organization", "UNO"),
    ("NATO", "organization", "IGO"),
    ("G7", "organization", "IGO"),
    ("UKR", "country", "UKR"),
    ("UKR", "organization", "UKR"),   # a Ukrainian ministry keeps its state's code
    ("ZZORG", "organization", "IGO"),
    (None, "person", None),
])
def test_plover_actor_codes(code, kind, expected):
    assert plover_code(Actor("a1", "X", kind, code)) == expected


def test_to_plover_writes_the_manual_fields():
    readout, _ = _articles()[2]
    [record] = to_plover(readout)
    assert record["id"] == "p-e1"
    assert (record["date"], record["event"], record["quad_code"]) == ("2024-04-02", ["AGREE"], 1)
    assert "mode" not in record  # "visit" is a CONSULT mode, not an AGREE one
    assert record["source"] == [{"code": "POL", "sector": "GOV", "actor_text": "Donald Tusk",
                                 "identifier_id": "Q946", "identifier_text": "Donald Tusk",
                                 "office": "Prime Minister of Poland"}]
    assert [a["code"] for a in record["recipient"]] == ["UKR"]
    assert record["cite_info"]["publication"] == "Vistula Post"
    assert record["comment"].startswith("readout: CONSULT planned")


def test_plover_export_links_the_reports_of_one_merged_event(store):
    records = [json.loads(line) for line in _export(store, "plover").splitlines()]
    assert [r["id"] for r in records] == ["a-e1", "b-e1", "p-e1"]
    assert records[0]["link"] == records[1]["link"] != records[2]["link"]


def test_csv_has_one_row_per_reported_event(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["article"], r["report"], r["type"], r["status"]) for r in rows] == [
        ("a", "e1", "CONSULT", "occurred"), ("b", "e1", "CONSULT", "occurred"),
        ("p", "e1", "CONSULT", "planned"), ("p", "e2", "AID", "negated")]
    assert rows[0]["event"] == rows[1]["event"] != rows[2]["event"]
    assert (rows[0]["actors"], rows[0]["actor_codes"], rows[0]["recipient_codes"]) == (
        "Volodymyr Zelensky", "UKR", "ITA")


def test_csv_with_filters(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv", EventFilter(status="planned")))))
    assert [(r["article"], r["report"]) for r in rows] == [("p", "e1")]


def test_parquet_holds_the_csv_rows_with_types(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    written = store.export("parquet", tmp_path / "events.parquet", EventFilter(country="ITA"))
    table = pq.read_table(tmp_path / "events.parquet")
    assert written == table.num_rows == 2
    assert table.column_names == list(CSV_COLUMNS)
    assert table.column("confidence").to_pylist() == [0.8, 0.8]
    assert table.column("primary").to_pylist() == [True, True]


@pytest.mark.parametrize("fmt, destination, message", [
    ("xml", None, "unknown export format 'xml'; use one of jsonl, plover, csv, parquet."),
    ("parquet", None, "parquet is a binary file format; give a file with --output FILE."),
])
def test_export_errors(store, fmt, destination, message):
    with pytest.raises(StoreError) as error:
        store.export(fmt, destination)
    assert str(error.value) == message


def test_an_organisation_actor_exports_to_plover_igo_codes():
    readout, _ = article("eu", published="2024-05-01", outlet="X",
                         actors=[Actor("a1", "European Union", "organization", "EU", "GOV"),
                                 country("UKR", "Ukraine", "a2")],
                         events=[event("e1", ["a1"], ["a2"], "2024-05-01", type="AID",
                                       status="intended", mode=None)])
    [record] = to_plover(readout)
    assert (record["event"], record["source"][0]["code"]) == (["AGREE"], "EUR")
