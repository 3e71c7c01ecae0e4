"""The schema: registered migrations that run on open, and a file other SQLite tools can read."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest
from test_store_builders import call_report

from readout.errors import StoreError
from readout.store import Store
from readout.store.schema import MIGRATIONS, Migration, current_version, migrate

EXTRA = Migration(2, "add a notes table", ("CREATE TABLE notes (note TEXT)",))


def _raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_database_is_at_the_latest_version(tmp_path):
    Store(tmp_path / "x.db", create=True).close()
    conn = _raw(tmp_path / "x.db")
    assert current_version(conn) == MIGRATIONS[-1].version
    recorded = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert recorded == [m.version for m in MIGRATIONS]


def test_pending_migrations_run_and_only_those(tmp_path):
    conn = _raw(tmp_path / "x.db")
    assert migrate(conn, MIGRATIONS[:1]) == [1]
    assert migrate(conn, [*MIGRATIONS[:1], EXTRA]) == [2]
    assert migrate(conn, [*MIGRATIONS[:1], EXTRA]) == []
    assert conn.execute("SELECT count(*) FROM notes").fetchone() == (0,)


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    conn = _raw(tmp_path / "x.db")
    migrate(conn, MIGRATIONS[:1])
    broken = Migration(2, "broken", ("CREATE TABLE fine (x)", "CREATE TABLE articles (x)"))
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, [*MIGRATIONS[:1], broken])
    assert current_version(conn) == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'fine'").fetchone() is None


def test_a_database_from_a_newer_readout_is_refused(tmp_path):
    conn = _raw(tmp_path / "x.db")
    migrate(conn, [*MIGRATIONS[:1], EXTRA])
    with pytest.raises(StoreError) as error:
        migrate(conn, MIGRATIONS[:1], name="x.db")
    assert str(error.value) == (
        "x.db: the database has schema version 2, newer than this readout knows (1); "
        "upgrade readout (pip install -U readout) to open it."
    )


def test_opening_a_missing_database_without_create_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError) as error:
        Store(tmp_path / "none.db")
    assert str(error.value) == (
        f"{tmp_path / 'none.db'}: no such database. Create it with "
        f"`readout ingest ARTICLES --db {tmp_path / 'none.db'}`, or pass the right file with --db."
    )
    assert not (tmp_path / "none.db").exists()


def test_a_file_that_is_not_sqlite_is_refused_with_a_message(tmp_path):
    (tmp_path / "notes.db").write_text("not a database at all " * 100)
    with pytest.raises(StoreError, match="cannot open as a readout database"):
        Store(tmp_path / "notes.db")


def test_the_file_is_plain_sqlite_in_wal_mode_readable_without_readout(tmp_path):
    with Store(tmp_path / "x.db", create=True) as store:
        readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
        store.add(readout, text=text)
    conn = sqlite3.connect(f"file:{tmp_path / 'x.db'}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("SELECT id, outlet FROM articles").fetchall() == [("n1", "Dnipro Daily")]
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command is not installed")
def test_the_sqlite3_command_reads_the_file(tmp_path):
    with Store(tmp_path / "x.db", create=True) as store:
        readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
        store.add(readout, text=text)
    out = subprocess.run(
        ["sqlite3", str(tmp_path / "x.db"),
         "SELECT type, actor_codes, recipient_codes FROM events"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "CONSULT|UKR|ITA"


def test_a_read_only_store_reads_any_path_and_refuses_writes(tmp_path):
    path = tmp_path / "news archive #1?.db"
    with Store(path, create=True) as store:
        readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
        store.add(readout, text=text)
    with Store(path, readonly=True) as store:
        assert store.counts()["articles"] == 1
        with pytest.raises(StoreError) as error:
            store.add(readout, text=text)
    assert str(error.value) == f"{path} is open read-only; open it with Store(path) to write."
