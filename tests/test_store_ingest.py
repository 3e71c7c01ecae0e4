"""`readout ingest` end to end: the real model, a real database file, a real killed process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readout.store import EventFilter, Store

OUTLETS = Path(__file__).resolve().parent / "fixtures" / "outlets"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, pipeline):
    """The multi-outlet fixtures ingested once through the command: (db path, exit, stderr)."""
    from readout.cli import main

    db = tmp_path_factory.mktemp("ingest") / "news.db"
    code = main(["ingest", str(OUTLETS), "--db", str(db), "--no-progress"])
    return db, code


def _counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


def test_ingest_stores_every_article_and_reports_it(cli, tmp_path, pipeline):
    db = tmp_path / "news.db"
    code, out, err = cli("ingest", str(OUTLETS), "--db", str(db), "--no-progress")
    counts = _counts(db)
    assert (code, out) == (0, "")
    assert err == (f"readout: 6 article(s) added, 0 new version(s), 0 already stored, 0 failed; "
                   f"{db} holds 6 article(s), {counts['events']} event(s).\n")


def test_a_second_run_changes_nothing(cli, ingested):
    db, _ = ingested
    before = _counts(db)
    code, _, err = cli("ingest", str(OUTLETS), "--db", str(db), "--no-progress")
    assert code == 0
    assert err.startswith(
        "readout: 0 article(s) added, 0 new version(s), 6 already stored, 0 failed;")
    assert _counts(db) == before


def test_the_stored_readout_is_what_extract_prints(cli, ingested):
    db, _ = ingested
    code, exported, _ = cli("export", "--db", str(db), "--format", "jsonl")
    _, extracted, _ = cli("extract", str(OUTLETS / "articles.jsonl"), "--format", "jsonl",
                          "--no-progress")
    assert code == 0
    assert exported == extracted


def test_reports_of_the_same_call_by_different_outlets_are_one_event(ingested):
    db, code = ingested
    with Store(db) as store:
        calls = store.events(EventFilter(dyad="UKR-ITA", type="CONSULT", status="occurred"))
    assert code == 0
    assert len(calls) == 1
    assert {"Dnipro Daily", "Adriatic Wire"} <= {s.outlet for s in calls[0].sources}
    assert all(s.evidence_text for s in calls[0].sources)


def test_a_call_with_someone_else_that_day_stays_apart(ingested):
    db, _ = ingested
    with Store(db) as store:
        [macron] = store.events(EventFilter(dyad="UKR-FRA", type="CONSULT"))
    assert [s.article for s in macron.sources] == ["call-other-dyad"]


def test_all_three_outlets_are_sources_of_the_call(ingested):
    db, _ = ingested
    with Store(db) as store:
        [call] = store.events(EventFilter(dyad="UKR-ITA", type="CONSULT", status="occurred"))
    assert sorted(s.outlet for s in call.sources) == [
        "Adriatic Wire", "Continental Herald", "Dnipro Daily"]


def test_the_planned_visit_is_linked_to_the_visit(ingested):
    db, _ = ingested
    with Store(db) as store:
        [planned] = store.events(EventFilter(country="POL", status="planned"))
        [visit] = store.events(EventFilter(dyad="POL-UKR", type="CONSULT", status="occurred",
                                           since="2024-04-09"))
    assert planned.fulfilled_by == visit.id


def test_failed_inputs_are_recorded_and_listed(cli, tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n")
    (folder / "good.txt").write_text((OUTLETS / "articles.jsonl").read_text().splitlines()[0])
    (folder / "lines.jsonl").write_text('{"id": "x", "text": 5}\n')
    db = tmp_path / "news.db"
    code, _, err = cli("ingest", str(folder), "--db", str(db), "--no-progress")
    assert code == 1
    assert err.endswith(f"readout: see why with `readout failures --db {db}`.\n")
    code, out, _ = cli("failures", "--db", str(db), "--json")
    inputs = sorted(f["input"] for f in json.loads(out))
    assert inputs == [str(folder / "empty.txt"), f"{folder / 'lines.jsonl'}:1"]
    assert all(f["reason"] for f in json.loads(out))


def test_a_changed_text_is_stored_as_a_new_version(cli, tmp_path, pipeline):
    source = tmp_path / "a.jsonl"
    record = json.loads((OUTLETS / "articles.jsonl").read_text().splitlines()[0])
    source.write_text(json.dumps(record) + "\n")
    db = tmp_path / "news.db"
    cli("ingest", str(source), "--db", str(db), "--no-progress")
    record["text"] += "\n\nThis story has been updated."
    source.write_text(json.dumps(record) + "\n")
    _code, _, err = cli("ingest", str(source), "--db", str(db), "--no-progress")
    assert err.startswith("readout: 0 article(s) added, 1 new version(s), 0 already stored")
    assert (_counts(db)["articles"], _counts(db)["versions"]) == (1, 2)


# --- a crash in the middle of a run ---------------------------------------------------------------

TOTAL = 150


def _many_articles(path: Path) -> None:
    records = [json.loads(line) for line in (OUTLETS / "articles.jsonl").read_text().splitlines()]
    with path.open("w") as out:
        for n in range(TOTAL):
            record = dict(records[n % len(records)], id=f"a{n}")
            record["text"] += f"\n\nCorrection number {n} was appended to this report."
            out.write(json.dumps(record) + "\n")


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_ingest_loses_nothing_committed_and_a_rerun_completes_it(tmp_path):
    source, db = tmp_path / "many.jsonl", tmp_path / "news.db"
    _many_articles(source)
    argv = [sys.executable, "-m", "readout.cli", "ingest", str(source), "--db", str(db),
            "--commit-every", "2", "--batch-size", "2", "--no-progress"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=Path(__file__).resolve().parents[1], env=dict(os.environ))
    try:
        deadline, seen = time.monotonic() + 120, 0
        while seen < 10 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
            seen = _stored(db)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert 10 <= seen < TOTAL, "the run must be killed in the middle for this test to mean anything"
    survived = _stored(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert survived >= seen
    conn.close()

    rerun = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False,
                           cwd=Path(__file__).resolve().parents[1])
    assert rerun.returncode == 0, rerun.stderr
    assert f"{survived} already stored" in rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT sha256), count(DISTINCT id)"
                        " FROM articles").fetchone() == (TOTAL, TOTAL, TOTAL)
    assert conn.execute("SELECT count(*) FROM reports WHERE event_pk IS NULL").fetchone() == (0,)
    orphans = conn.execute("SELECT count(*) FROM events e WHERE NOT EXISTS"
                           " (SELECT 1 FROM reports r WHERE r.event_pk = e.event_pk)")
    assert orphans.fetchone() == (0,)
