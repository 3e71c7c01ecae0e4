"""The Spark job (`readout spark-extract`, readout/spark/) and `readout ingest --from-parquet`.

End to end in local mode, with the real model and a real Java: a few hundred generated articles
(scripts/corpus.py) plus the multi-outlet fixtures and some bad lines go through spark-submit once;
its tables are compared with `readout extract` on the same input, read back, and loaded into a real
database. Smaller jobs (Parquet input, a folder of files) run in this process on one local session.
Tests that need Spark are skipped when pyspark or Java is missing (CI installs both).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readout.spark.inputs import choose_format
from readout.spark.tables import TABLES, month_of, readout_from_rows, table_columns
from readout.spark.worker import line_source, local_name

REPO = Path(__file__).resolve().parent.parent
OUTLETS = REPO / "tests" / "fixtures" / "outlets" / "articles.jsonl"
ARTICLES = REPO / "tests" / "fixtures" / "articles"
GENERATED = 240
HAS_JAVA = bool(shutil.which("java") or os.environ.get("JAVA_HOME"))
HAS_PYSPARK = importlib.util.find_spec("pyspark") is not None
needs_spark = pytest.mark.skipif(not (HAS_JAVA and HAS_PYSPARK),
                                 reason="needs pyspark (pip install 'readout[spark]') and Java 17+")
BAD_LINES = [
    '{"id": "empty-text", "text": "   "}',
    "this line is not JSON",
    ('{"id": "french", "text": "Le président a rencontré la chancelière à Paris mardi pour parler '
     'de la sécurité énergétique, de la défense et du soutien à Kiev, selon un communiqué publié '
     'par ses services dans la soirée après une longue réunion de travail."}'),
    '{"text": "An article that has no id at all, which every JSON line needs."}',
    '["a list", "not an object"]',
]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", REPO / "scripts" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table(output: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(output / name, format="parquet", partitioning="hive")
    return dataset.to_table().to_pylist() if dataset.files else []


def _readouts(output: Path) -> dict[str, dict]:
    return {row["id"]: json.loads(row["readout"]) for row in _table(output, "articles")}


def _extracted(*paths: str) -> tuple[dict[str, dict], list[str]]:
    """`readout extract --format jsonl` of the same input: readouts by id, and its stderr lines."""
    from readout.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(["extract", *paths, "--format", "jsonl", "--no-progress"])
    readouts = [json.loads(line) for line in out.getvalue().splitlines()]
    return {r["article"]["id"]: r for r in readouts}, err.getvalue().splitlines()


# --- the big run: spark-submit on a few hundred articles ---------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    """articles.jsonl: generated articles, the outlets fixtures, then bad lines; and its records."""
    records = list(_corpus_module().generate_corpus(GENERATED, seed=11))
    outlets = [json.loads(line) for line in OUTLETS.read_text(encoding="utf-8").splitlines()]
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records + outlets] + BAD_LINES
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, records + outlets


@pytest.fixture(scope="module")
def extracted(corpus, pipeline) -> tuple[dict[str, dict], list[str]]:
    """What `readout extract` makes of the corpus (the model is the session's `pipeline`)."""
    return _extracted(str(corpus[0]))


@pytest.fixture(scope="module")
def submitted(corpus, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The job run through spark-submit in local[2], with more partitions than Python workers."""
    if not (HAS_JAVA and HAS_PYSPARK):
        pytest.skip("needs pyspark and Java")
    output = tmp_path_factory.mktemp("spark") / "out"
    submit = Path(sys.executable).with_name("spark-submit")
    if not submit.exists():
        import pyspark

        submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run(
        [str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         str(REPO / "readout" / "spark" / "job.py"), str(corpus[0]), str(output),
         "--partitions", "6"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=900, check=False)
    return done, output


@needs_spark
def test_spark_readouts_are_those_of_readout_extract(submitted, extracted):
    _, output = submitted
    expected, _ = extracted
    found = _readouts(output)
    assert len(found) == GENERATED + 6
    assert found.keys() == expected.keys()
    assert [i for i in found if found[i] != expected[i]] == []


@needs_spark
def test_each_bad_line_is_a_failure_with_the_reason_extract_gives(submitted, corpus, extracted):
    _, output = submitted
    _, stderr = extracted
    prefix = re.compile(rf"^readout: {re.escape(str(corpus[0]))}:\d+: ")
    expected = sorted(prefix.sub("", line) for line in stderr if prefix.match(line))
    failures = _table(output, "failures")
    assert sorted(row["reason"] for row in failures) == expected
    assert len(expected) == len(BAD_LINES)
    assert {row["input"].split("#")[0] for row in failures} == {str(corpus[0])}
    assert {"#empty-text", "#french"} <= {"#" + row["input"].split("#")[1] for row in failures}


@needs_spark
def test_the_job_reports_counts_and_loads_the_model_once_per_worker(submitted):
    done, _ = submitted
    said = (done.stdout + done.stderr).splitlines()  # spark-submit puts Python's stderr on stdout
    summary = next(line for line in said if line.startswith("readout: "))
    loads = int(re.search(r"model loaded (\d+) time", summary)[1])
    assert done.returncode == 1  # some inputs failed
    assert f"{GENERATED + 6} article(s) extracted, {len(BAD_LINES)} failed" in summary
    assert "6 partitions" in summary
    assert 1 <= loads <= 2  # 6 partitions on 2 Python workers


@needs_spark
def test_tables_are_partitioned_by_publication_month(submitted, corpus):
    _, output = submitted
    published = {record["id"]: record.get("published") for record in corpus[1]}
    months = {row["id"]: row["published_month"] for row in _table(output, "articles")}
    expected = {i: (p[:7] if p else "unknown") for i, p in published.items()}
    assert months == expected
    assert "unknown" in months.values()
    folders = {p.name for p in (output / "events").iterdir() if p.is_dir()}
    assert folders == {f"published_month={m}" for m in set(months.values())}


@needs_spark
def test_the_typed_tables_rebuild_every_readout_exactly(submitted):
    _, output = submitted
    articles = _table(output, "articles")
    children: dict[str, dict[str, list[dict]]] = {}
    for name in ("actors", "events", "quotes", "topics"):
        for row in _table(output, name):
            children.setdefault(row["article_id"], {}).setdefault(name, []).append(row)
    rebuilt = {a["id"]: readout_from_rows(a, children.get(a["id"], {})).to_dict()
               for a in articles}
    assert rebuilt == {a["id"]: json.loads(a["readout"]) for a in articles}


@needs_spark
@pytest.mark.parametrize("table, key", [("actors", "actors"), ("events", "events"),
                                        ("quotes", "quotes"), ("topics", "topics")])
def test_each_table_has_the_fields_of_the_contract(submitted, table, key):
    _, output = submitted
    readouts = _readouts(output).values()
    contract = {field for readout in readouts for item in readout[key] for field in item}
    columns = {column for column, _ in table_columns(table)} - {"article_id", "position"}
    assert columns == contract
    assert len(_table(output, table)) == sum(len(readout[key]) for readout in readouts)


@needs_spark
def test_the_articles_table_has_the_article_fields_and_its_text(submitted, corpus):
    _, output = submitted
    texts = {record["id"]: record["text"] for record in corpus[1]}
    rows = _table(output, "articles")
    meta = {field for row in rows for field in json.loads(row["readout"])["article"]}
    assert meta <= rows[0].keys()
    assert all(row["article_text"] == texts[row["id"]] for row in rows)


# --- ingest --from-parquet ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def parquet_db(submitted, tmp_path_factory) -> tuple[Path, Path]:
    from readout.cli import main

    _, output = submitted
    db = tmp_path_factory.mktemp("db") / "news.db"
    main(["ingest", "--from-parquet", str(output), "--db", str(db)])
    return db, output


@needs_spark
def test_ingest_from_parquet_stores_each_readout_as_written(parquet_db):
    from readout.store import Store

    db, output = parquet_db
    written = _readouts(output)
    with Store(db) as store:
        assert store.counts()["articles"] == len(written)
        stored = {i: store.readout(i).to_dict() for i in written}
    assert stored == written


@needs_spark
def test_ingest_from_parquet_records_the_failures(parquet_db):
    from readout.store import Store

    db, output = parquet_db
    with Store(db) as store:
        found = {(f.input, f.reason) for f in store.failures()}
    assert found == {(row["input"], row["reason"]) for row in _table(output, "failures")}


@needs_spark
def test_ingest_from_parquet_merges_reports_across_outlets(parquet_db):
    from readout.store import EventFilter, Store

    db, _ = parquet_db
    with Store(db) as store:
        calls = store.events(EventFilter(dyad="UKR-ITA", type="CONSULT", status="occurred",
                                         since="2024-03-12", until="2024-03-12"))
    assert len(calls) == 1
    assert {"Dnipro Daily", "Adriatic Wire"} <= {source.outlet for source in calls[0].sources}


@needs_spark
def test_ingest_from_parquet_twice_changes_nothing(parquet_db, cli):
    from readout.store import Store

    db, output = parquet_db
    with Store(db) as store:
        before = {k: v for k, v in store.counts().items() if k != "failures"}
    code, _, err = cli("ingest", "--from-parquet", str(output), "--db", str(db))
    with Store(db) as store:
        after = {k: v for k, v in store.counts().items() if k != "failures"}
    assert code == 1  # the failures are still failures
    assert err.startswith(f"readout: 0 article(s) added, 0 new version(s), {GENERATED + 6} "
                          f"already stored, {len(BAD_LINES)} failed;")
    assert after == before


# --- smaller jobs in this process ----------------------------------------------------------------

@pytest.fixture(scope="module")
def local_spark():
    """One local[2] session for the in-process jobs of this module, stopped at the end."""
    if not (HAS_JAVA and HAS_PYSPARK):
        pytest.skip("needs pyspark and Java")
    from readout.spark.job import spark_session

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        spark = spark_session("local[2]", {"spark.ui.enabled": "false"})
        yield spark
        spark.stop()


@needs_spark
def test_parquet_input_with_typed_columns_reads_like_json_lines(local_spark, tmp_path, cli):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in OUTLETS.read_text(encoding="utf-8").splitlines()]
    table = pa.table({
        "id": [r["id"] for r in records], "text": [r["text"] for r in records],
        "outlet": [r["outlet"] for r in records], "title": [r["title"] for r in records],
        "published": [datetime.date.fromisoformat(r["published"]) for r in records],
    })
    pq.write_table(table, tmp_path / "news.parquet")
    lines = tmp_path / "news.jsonl"
    lines.write_text("\n".join(json.dumps({k: r[k] for k in table.column_names})
                               for r in records) + "\n", encoding="utf-8")
    code, _, err = cli("spark-extract", str(tmp_path / "news.parquet"), str(tmp_path / "out"),
                       "--master", "local[2]")
    expected, _ = _extracted(str(lines))
    assert code == 0, err
    assert _readouts(tmp_path / "out") == expected


@pytest.fixture
def article_folder(tmp_path) -> Path:
    """The fixture articles (text and HTML), a JSON Lines file, and files that must fail."""
    folder = tmp_path / "news"
    shutil.copytree(ARTICLES, folder / "articles")
    records = list(_corpus_module().generate_corpus(2, seed=5, prefix="jl"))
    (folder / "more.jsonl").write_text(
        "\n".join([json.dumps(r) for r in records] + [BAD_LINES[1]]) + "\n", encoding="utf-8")
    sentence = "The minister said the talks would go on next week in the capital. "
    (folder / "long.txt").write_text(sentence * 80, encoding="utf-8")  # over 3,000 characters
    (folder / "huge.txt").write_text(sentence * 300, encoding="utf-8")  # over 12,000 bytes
    (folder / "blob.txt").write_bytes(b"\x00\x01binary" * 20)
    return folder


@needs_spark
def test_a_folder_of_files_reads_like_readout_extract(local_spark, article_folder, cli,
                                                      monkeypatch):
    monkeypatch.setenv("READOUT_MAX_CHARS", "3000")
    output = article_folder.parent / "out"
    code, _, err = cli("spark-extract", str(article_folder), str(output), "--master", "local[2]")
    expected, stderr = _extracted(str(article_folder))
    files = {line.removeprefix("readout: ") for line in stderr
             if line.startswith(f"readout: {article_folder}") and ".jsonl:" not in line}
    failures = {f"{row['input']}: {row['reason']}" for row in _table(output, "failures")}
    assert code == 1, err
    assert _readouts(output) == expected
    assert {line for line in failures if "#" not in line} == files
    assert len(files) == 3  # long.txt, huge.txt, blob.txt


# --- errors --------------------------------------------------------------------------------------

@needs_spark
def test_an_existing_output_is_refused_unless_overwrite(cli, tmp_path):
    (tmp_path / "out").mkdir()
    code, out, err = cli("spark-extract", str(OUTLETS), str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert err == (f"readout: {tmp_path / 'out'} exists already; give a new OUTPUT folder, or "
                   f"--overwrite to replace its tables.\n")


def test_without_pyspark_the_command_says_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    code, out, err = cli("spark-extract", str(OUTLETS), str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert err == ("readout: spark-extract needs pyspark, an optional extra: install "
                   "readout[spark] (pip install 'readout[spark]').\n")


@pytest.mark.skipif(not HAS_PYSPARK, reason="pyspark is checked first")
def test_without_java_the_command_says_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    code, _, err = cli("spark-extract", str(OUTLETS), str(tmp_path / "out"))
    assert code == 2
    assert err == ("readout: spark-extract needs a Java runtime (17 or newer) and found none: "
                   "install one (on Debian or Ubuntu: apt-get install -y "
                   "openjdk-17-jre-headless) or set JAVA_HOME.\n")


@needs_spark
def test_a_missing_input_is_named(cli, tmp_path):
    code, _, err = cli("spark-extract", str(tmp_path / "nothere"), str(tmp_path / "out"))
    assert code == 2
    assert err == f"readout: {tmp_path / 'nothere'}: no such file or folder; check the path.\n"


def test_ingest_from_a_folder_that_is_no_spark_output(cli, tmp_path):
    code, _, err = cli("ingest", "--from-parquet", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert err == (f"readout: {tmp_path}: no articles table ({tmp_path / 'articles'} is missing); "
                   f"give the OUTPUT folder of `readout spark-extract`.\n")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args", [[], [str(OUTLETS), "--from-parquet", "out"]])
def test_ingest_needs_paths_or_parquet_not_both(cli, tmp_path, args):
    code, _, err = cli("ingest", *args, "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert err == ("readout: give the articles to ingest (PATH ...) or --from-parquet DIR (the "
                   "output of `readout spark-extract`), one of the two.\n")


# --- units ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("published, month", [
    ("2024-03-12", "2024-03"), ("2024-03-12T09:30:00+01:00", "2024-03"), ("1999-12", "1999-12"),
    (None, "unknown"), ("", "unknown"), ("2024", "unknown"), ("March 2024", "unknown"),
])
def test_month_of(published, month):
    assert month_of(published) == month


@pytest.mark.parametrize("line, source", [
    ('{"id": "a1", "text": "x"}', "f.jsonl#a1"),
    ('{"id": 42, "text": "x"}', "f.jsonl#42"),
    ('{"id": "  b2 ", "text": "x"}', "f.jsonl#b2"),
    ('{"text": "x"}', "f.jsonl#line-"),
    ('{"id": "", "text": "x"}', "f.jsonl#line-"),
    ("not json", "f.jsonl#line-"),
    ('["id"]', "f.jsonl#line-"),
])
def test_line_source(line, source):
    assert line_source("f.jsonl", line).startswith(source)


def test_a_line_without_id_is_named_by_its_content():
    first, second = line_source("f", '{"text": "a"}'), line_source("f", '{"text": "b"}')
    assert first != second
    assert first == line_source("f", '{"text": "a"}')


@pytest.mark.parametrize("uri, name", [
    ("file:/data/news/a.txt", "/data/news/a.txt"),
    ("file:///data/my%20news/a.txt", "/data/my news/a.txt"),
    ("hdfs://cluster/news/a.txt", "hdfs://cluster/news/a.txt"),
    ("s3a://bucket/a.jsonl", "s3a://bucket/a.jsonl"),
])
def test_local_name(uri, name):
    assert local_name(uri) == name


@pytest.mark.parametrize("path, chosen", [
    ("news.parquet", "parquet"), ("s3a://b/news.parquet/", "parquet"), ("news.jsonl", "jsonl"),
    ("news.json.gz", "jsonl"), ("a.TXT", "text"), ("a.html", "text"), ("s3a://b/news/", "folder"),
])
def test_choose_format_by_name(path, chosen):
    assert choose_format(path, "auto", None) == chosen


def test_a_local_folder_with_parquet_files_is_parquet(tmp_path):
    (tmp_path / "part-0.parquet").write_bytes(b"")
    assert choose_format(str(tmp_path), "auto", tmp_path) == "parquet"
    assert choose_format(str(ARTICLES), "auto", ARTICLES) == "folder"
    assert choose_format(str(tmp_path), "jsonl", tmp_path) == "jsonl"


def test_every_table_is_documented():
    text = (REPO / "docs" / "spark.md").read_text(encoding="utf-8")
    assert "readout spark-extract" in text and "spark-submit" in text
    assert "readout ingest --from-parquet" in text
    assert all(f"`{name}`" in text for name in TABLES)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_corpus_generator_is_deterministic_and_readable(seed, tmp_path):
    from readout.read.sources import iter_articles
    from readout.records import ArticleInput

    corpus = _corpus_module()
    first = list(corpus.generate_corpus(60, seed=seed))
    assert first == list(corpus.generate_corpus(60, seed=seed))
    assert first != list(corpus.generate_corpus(60, seed=seed + 10))
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in first) + "\n", encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert all(isinstance(item, ArticleInput) for item in items)
    assert len({item.id for item in items}) == 60
