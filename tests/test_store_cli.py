"""The database commands through `readout.cli.main`: output, JSON, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_store_builders import article, call_report, person, quote

from readout.cli import build_parser, main
from readout.cli.store import render_table
from readout.records import Failure
from readout.store import Store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "store.md"
COMMANDS = ("ingest", "failures", "events", "quotes", "actors", "export")


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "news.db"
    with Store(path, create=True) as store:
        for readout, text in (call_report("a", "2024-03-12", "Dnipro Daily"),
                              call_report("b", "2024-03-13", "Adriatic Wire")):
            store.add(readout, text=text)
        readout, text = article(
            "o", published="2024-04-09", outlet="Vistula Post",
            actors=[person("tusk", "a1"), person("zelensky", "a2")],
            events=[], quotes=[quote("q1", "a1", "We have agreed on the grain question.")])
        store.add(readout, text=text)
    return str(path)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_events_as_json(capsys, db):
    code, out, _ = _run(capsys, "events", "--db", db, "--json")
    [event] = json.loads(out)
    assert code == 0
    assert [s["outlet"] for s in event["sources"]] == ["Dnipro Daily", "Adriatic Wire"]


def test_events_as_a_table(capsys, db):
    code, out, _ = _run(capsys, "events", "--db", db, "--dyad", "ITA-UKR")
    header, _rule, row = out.splitlines()
    assert code == 0
    assert header.split() == ["ID", "DATE", "TYPE", "STATUS", "ACTORS", "RECIPIENTS", "SOURCES"]
    assert "2024-03-12..2024-03-13" in row and "2: Adriatic Wire, Dnipro Daily" in row


def test_no_matching_events_is_said_on_stderr(capsys, db):
    assert _run(capsys, "events", "--db", db, "--country", "FRA") == (
        0, "", "readout: no events match.\n")


@pytest.mark.parametrize("argv, message", [
    (["events", "--type", "CONSLT"], ("readout: unknown event type 'CONSLT'; use one of AGREE, "
     "CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, "
     "PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT.\n")),
    (["events", "--since", "yesterday"], ("readout: --since 'yesterday' is not a date; write it "
     "as 2024-01-31.\n")),
    (["quotes", "..."], ("readout: no words to search for in '...'; give a word or phrase, like "
     "'air defense'.\n")),
    (["export", "--format", "parquet"], ("readout: parquet is a binary file format; give a file "
     "with --output FILE.\n")),
])
def test_errors_are_one_clean_message_with_exit_code_2(capsys, db, argv, message):
    assert _run(capsys, *argv, "--db", db) == (2, "", message)


def test_a_missing_database_says_how_to_create_it(capsys, tmp_path):
    missing = tmp_path / "nope.db"
    assert _run(capsys, "actors", "--db", str(missing)) == (
        2, "", (f"readout: {missing}: no such database. Create it with `readout ingest ARTICLES "
               f"--db {missing}`, or pass the right file with --db.\n"))


def test_quotes_with_a_speaker(capsys, db):
    _code, out, _ = _run(capsys, "quotes", "grain", "--speaker", "Tusk", "--db", db, "--json")
    assert [(q["speaker"], q["article"]) for q in json.loads(out)] == [("Donald Tusk", "o")]


def test_actors_table(capsys, db):
    _code, out, _ = _run(capsys, "actors", "--db", db, "--country", "POL")
    assert out.splitlines()[2].split()[:4] == ["Donald", "Tusk", "person", "POL"]


def test_failures_empty_then_listed(capsys, db):
    assert _run(capsys, "failures", "--db", db) == (0, "", "readout: no failures recorded.\n")
    with Store(db) as store:
        store.record_failure(Failure("in/empty.txt", "is empty; give a file with text"))
    _code, out, _ = _run(capsys, "failures", "--db", db, "--json")
    assert [(f["input"], f["reason"]) for f in json.loads(out)] == [
        ("in/empty.txt", "is empty; give a file with text")]


def test_export_to_a_file_reports_the_count(capsys, db, tmp_path):
    target = tmp_path / "out.jsonl"
    code, out, err = _run(capsys, "export", "--db", db, "--format", "jsonl", "-o", str(target))
    assert (code, out, err) == (0, "", f"readout: wrote 3 record(s) to {target}.\n")
    assert len(target.read_text().splitlines()) == 3


def test_export_to_stdout(capsys, db):
    _code, out, _ = _run(capsys, "export", "--db", db, "--format", "plover", "--country", "ITA")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a-e1", "b-e1"]


def test_every_store_command_is_registered():
    choices = build_parser()._subparsers._group_actions[0].choices
    assert set(COMMANDS) <= set(choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_store_command_is_documented(command):
    assert f"readout {command}" in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("width, cut", [(200, False), (44, False), (43, True), (20, True)])
def test_tables_fit_the_terminal(width, cut):
    rows = [{"name": "Zelensky", "note": "short"},
            {"name": "a rather long name of an organisation", "note": None}]
    lines = render_table(rows, ("name", "note"), width=width).splitlines()
    assert lines[0].split() == ["NAME", "NOTE"]
    assert all(len(line) <= max(width, 12 + 2 + 5) for line in lines)
    assert ("…" in lines[3]) is cut
