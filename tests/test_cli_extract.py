"""`readout extract` end to end: every kind of input, the output formats, batches and workers.

The CLI runs in-process (`cli`) where it can, in a subprocess (`cli_process`) for standard input,
worker processes and the progress bar. Expected values come from the inputs (ids, text hashes,
order), never from a previous run's output.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from readout.records import ArticleInput, Failure, Readout

HTML_ARTICLE = "pledge-gbr-ukr.html"
ARTICLE = "call-fra-deu.txt"


def _ids(jsonl: str) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in jsonl.splitlines()]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fixture_files(articles_dir: Path) -> list[Path]:
    return sorted(p for p in articles_dir.iterdir() if p.suffix in (".txt", ".html"))


def _jsonl(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_text_file_gives_its_readout_indented(cli, articles_dir):
    code, out, err = cli("extract", str(articles_dir / ARTICLE))
    assert (code, err) == (0, "")
    assert out.startswith('{\n  "schema": "readout/1",\n  "article": {\n')


def test_a_text_file_is_named_by_its_stem_and_hashed_as_read(cli, articles_dir):
    text = (articles_dir / ARTICLE).read_text(encoding="utf-8")
    article = json.loads(cli("extract", str(articles_dir / ARTICLE))[1])["article"]
    assert (article["id"], article["sha256"], article["chars"]) == (
        "call-fra-deu", _sha256(text), len(text))


def test_published_is_given_to_an_article_without_a_date(cli, articles_dir):
    _, out, _ = cli("extract", "--published", "2024-03-05", str(articles_dir / ARTICLE))
    assert json.loads(out)["article"]["published"] == "2024-03-05"


def test_published_does_not_replace_an_articles_own_date(cli, articles_dir, tmp_path):
    text = (articles_dir / ARTICLE).read_text(encoding="utf-8")
    lines = _jsonl(tmp_path / "in.jsonl", [{"id": "own", "text": text, "published": "2024-01-09"},
                                           {"id": "none", "text": text}])
    _, out, _ = cli("extract", "--published", "2024-03-05", str(lines))
    assert [json.loads(line)["article"]["published"] for line in out.splitlines()] == [
        "2024-01-09", "2024-03-05"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--published", "2024-02-30"],
     "argument --published: '2024-02-30' is not a date like 2024-01-03"),
    (["--published", "March 5"], "argument --published: 'March 5' is not a date like 2024-01-03"),
    (["--workers", "0"], "argument --workers: '0' is not a whole number of 1 or more"),
    (["--batch-size", "-4"], "argument --batch-size: '-4' is not a whole number of 1 or more"),
    (["--format", "xml"], ("argument --format: invalid choice: 'xml' (choose from 'auto', 'json', "
                          "'jsonl', 'plover')")),
])
def test_a_bad_option_is_a_usage_error(cli, capsys, articles_dir, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        cli("extract", *argv, str(articles_dir / ARTICLE))
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith(f"readout extract: error: {message}\n")


def test_standard_input_twice_is_refused(cli):
    assert cli("extract", "-", "-") == (
        2, "", "readout: standard input (-) can be read only once; give - a single time.\n")


def test_format_jsonl_puts_a_single_article_on_one_line(cli, articles_dir):
    code, out, _ = cli("extract", "--format", "jsonl", str(articles_dir / ARTICLE))
    assert code == 0
    assert out.count("\n") == 1 and _ids(out) == ["call-fra-deu"]


def test_several_files_stream_as_jsonl_in_the_order_given(cli, articles_dir):
    files = _fixture_files(articles_dir)[:3][::-1]
    code, out, err = cli("extract", *map(str, files))
    assert (code, err) == (0, "")
    assert _ids(out) == [path.stem for path in files]


def test_a_folder_is_read_recursively_skipping_other_and_hidden_files(cli, articles_dir, tmp_path):
    sources = _fixture_files(articles_dir)
    layout = {"b/deep/er": sources[0], "a": sources[1], "": sources[2], ".git": sources[3]}
    for folder, source in layout.items():
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, tmp_path / folder / source.name)
    (tmp_path / "a" / "notes.md").write_text("The minister said the talks went well.\n")
    code, out, err = cli("extract", str(tmp_path))
    assert (code, err) == (0, "")
    assert _ids(out) == [sources[1].stem, sources[0].stem, sources[2].stem]  # a/, b/deep/er/, top


def test_the_fixture_folder_gives_one_readout_per_article(cli, articles_dir):
    code, out, err = cli("extract", str(articles_dir))
    assert (code, err) == (0, "")
    assert _ids(out) == [path.stem for path in _fixture_files(articles_dir)]


def test_json_lines_keep_ids_order_and_metadata(cli, articles_dir, tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in _fixture_files(articles_dir)[:2]]
    meta = {"title": "Talks", "url": "https://news.example/a", "outlet": "Example News",
            "published": "2024-02-01"}
    lines = _jsonl(tmp_path / "in.jsonl", [{"id": "z9", "text": texts[0], **meta},
                                           {"id": 17, "text": texts[1]}])
    code, out, _ = cli("extract", str(lines))
    first, second = (json.loads(line)["article"] for line in out.splitlines())
    assert code == 0
    assert (first["id"], second["id"]) == ("z9", "17")
    assert {key: first[key] for key in meta} == meta
    assert second["sha256"] == _sha256(texts[1])


def test_a_json_line_with_html_is_read_as_a_page(cli, articles_dir, tmp_path):
    html = (articles_dir / HTML_ARTICLE).read_text(encoding="utf-8")
    lines = _jsonl(tmp_path / "in.jsonl", [{"id": "page", "html": html}])
    code, out, _ = cli("extract", str(lines))
    readout = json.loads(out)
    assert code == 0
    assert readout["article"]["title"] == "UK pledges new air defence package for Ukraine"
    assert "<p>" not in readout["text"] and "Grant Shapps" in readout["text"]


def test_an_html_file_reports_the_text_its_offsets_point_into(cli, articles_dir):
    readout = json.loads(cli("extract", str(articles_dir / HTML_ARTICLE))[1])
    text = readout["text"]
    assert readout["article"]["sha256"] == _sha256(text)
    assert all(text[start:end] for actor in readout["actors"] for start, end in actor["mentions"])


def test_standard_input_text_is_one_article_named_by_its_hash(cli_process, articles_dir):
    data = (articles_dir / ARTICLE).read_bytes()
    done = cli_process("extract", "--published", "2024-03-05", stdin=data)
    article = json.loads(done.stdout)["article"]
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"{\n  ")
    assert (article["id"], article["published"]) == (_sha256(data.decode())[:16], "2024-03-05")


def test_standard_input_json_lines_stream_with_no_bar_off_a_terminal(cli_process, articles_dir):
    texts = [path.read_text(encoding="utf-8") for path in _fixture_files(articles_dir)[:3]]
    data = "".join(json.dumps({"id": f"s{n}", "text": t}) + "\n" for n, t in enumerate(texts))
    done = cli_process("extract", "-", stdin=data.encode())
    assert (done.returncode, done.stderr) == (0, b"")
    assert _ids(done.stdout.decode()) == ["s0", "s1", "s2"]


def test_two_workers_give_the_same_bytes_as_one(cli_process, articles_dir, tmp_path):
    text = (articles_dir / ARTICLE).read_text(encoding="utf-8")
    lines = _jsonl(tmp_path / "more.jsonl", [{"id": "j1", "text": text}, '{"id": "j2", "text": ',
                                             {"id": "j3", "text": text, "published": "2024-01-02"}])
    argv = ("extract", "--batch-size", "3", str(articles_dir), str(lines))
    one, two = (cli_process(*argv, "--workers", workers) for workers in ("1", "2"))
    assert len(_ids(one.stdout.decode())) == len(_fixture_files(articles_dir)) + 2
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_the_progress_bar_advances_once_per_batch(cli_process, articles_dir):
    done = cli_process("extract", "--progress", "--batch-size", "4", str(articles_dir))
    total = len(_fixture_files(articles_dir))
    counts = sorted({4 * n for n in range(1, total // 4 + 1)} | {total})
    assert done.returncode == 0
    assert all(f"readout: {n} articles".encode() in done.stderr for n in counts)
    assert len(done.stdout.splitlines()) == total


def test_extract_many_keeps_input_order_and_passes_failures_through(pipeline, articles_dir):
    texts = [path.read_text(encoding="utf-8") for path in _fixture_files(articles_dir)[:3]]
    articles = [ArticleInput(id=f"a{n}", text=text, source=f"s{n}") for n, text in enumerate(texts)]
    items = [Failure("bad1", "is empty"), articles[0], articles[1], Failure("bad2", "is empty"),
             articles[2]]
    results = list(pipeline.extract_many(items, batch_size=2))
    assert [r.input if isinstance(r, Failure) else r.article.id for r in results] == [
        "bad1", "a0", "a1", "bad2", "a2"]
    assert all(isinstance(r, Readout) for r in results[1:3] + results[4:])
