"""Bad input to `readout extract`: one clear line on stderr per input, the rest still extracted.

Each message is checked word for word with the exit code (1 when some input failed). The bad files
are made here, in tmp_path, including the 50 MB one.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest

ENGLISH = ("The foreign minister said on Monday that the talks with his counterpart had been "
           "useful and would continue next month in the capital.\n")
FRENCH = ("Le ministre des Affaires étrangères a déclaré lundi que les discussions avec son "
          "homologue avaient été utiles et se poursuivraient le mois prochain dans la capitale. "
          "Les deux responsables ont également évoqué la préparation du sommet européen, la "
          "situation au Proche-Orient et les questions migratoires en Méditerranée.\n")
RUSSIAN = ("Министр иностранных дел заявил в понедельник, что переговоры с его коллегой были "
           "полезными и продолжатся в следующем месяце в столице.\n")
MEGABYTE = (ENGLISH * (1_000_000 // len(ENGLISH) + 1)).encode()[:1_000_000]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(64)

EMPTY = "is empty: there is no text to read."
BINARY = ("is a binary file (it contains NUL bytes), not text; give readout .txt, .html or .jsonl "
          "files.")
NOT_ENGLISH = ("does not look like English text; readout reads English articles only (translate it "
               "first).")
NO_HTML_TEXT = ("no article text found in the HTML: the page holds only navigation, buttons or "
                "scripts (a paywall, a cookie wall or an index page?); save the article's own "
                "page, or give its text as a .txt file or a JSON Lines `text` field.")
NO_TEXT = "has no `text` string (or `html`); give the article's text."
BAD_JSON = "each line must be one JSON object with `id` and `text`."
TOO_LARGE = ("too large for one article (readout accepts up to {:,} characters); split it into "
             "articles (JSON Lines) or raise READOUT_MAX_CHARS.")
NO_ARTICLES = "has no articles: no .txt, .html or .jsonl files in it or below it."


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", EMPTY),
    ("blank.txt", b"\n  \n\t\n", EMPTY),
    ("bom-only.txt", b"\xef\xbb\xbf\n", EMPTY),
    ("photo.txt", PNG, BINARY),
    ("photo.html", PNG, BINARY),
    ("zurich.txt", "Talks in Zürich went well.".encode("latin-1"),
     ("is not valid UTF-8 (byte 0xfc at offset 10); convert it first, for example with "
     "`iconv -f WINDOWS-1252 -t UTF-8`.")),
    ("wide.txt", ENGLISH.encode("utf-16"),
     "is UTF-16 text; convert it to UTF-8 first, for example with `iconv -f UTF-16 -t UTF-8`."),
    ("french.txt", FRENCH.encode(), NOT_ENGLISH),
    ("russian.txt", RUSSIAN.encode(), NOT_ENGLISH),
    ("paywall.html", (b'<html><head><title>Subscribe</title></head><body><nav><a href="/">Home</a>'
                     b' <a href="/world">World</a></nav><div class="paywall"><p>Subscribe to rea'),
     NO_HTML_TEXT),
    ("mangled.html", b"<<div <p class=>>< /p </", NO_HTML_TEXT),
    ("empty.html", b"", NO_HTML_TEXT),
    ("french.html", f"<html><body><article><p>{FRENCH}</p></article></body></html>".encode(),
     NOT_ENGLISH),
    ("empty.jsonl", b"\n\n", "is empty: there are no JSON lines to read."),
])
def test_a_bad_file_fails_with_its_reason(cli, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    assert cli("extract", str(path)) == (1, "", f"readout: {path}: {reason}\n")


@pytest.mark.parametrize(("line", "reason"), [
    (b'{"id": "a1", "text": "The minister said"',
     f"is not valid JSON (Expecting ',' delimiter at column 41); {BAD_JSON}"),
    (b'{"id": "a1", "text": "The minister said"}}',
     f"is not valid JSON (Extra data at column 42); {BAD_JSON}"),
    (b'["a1", "The minister said"]',
     'is not a JSON object; each line must be {"id": ..., "text": ...}.'),
    (b'{"text": "The minister said"}', "has no `id`; give every line a unique id."),
    (b'{"id": " ", "text": "The minister said"}', "has no `id`; give every line a unique id."),
    (b'{"id": "a1", "title": "Talks"}', NO_TEXT),
    (b'{"id": "a1", "text": 42}', NO_TEXT),
    (b'{"id": "a1", "text": "  "}', EMPTY),
    (json.dumps({"id": "a1", "text": FRENCH}).encode(), NOT_ENGLISH),
    (b'{"id": "a1", "html": "<html><body><nav>Home</nav>"}', NO_HTML_TEXT),
    ('{"id": "a1", "text": "Z\u00fcrich"}'.encode("latin-1"),
     ("is not valid UTF-8 (byte 0xfc at offset 23); convert it first, for example with "
     "`iconv -f WINDOWS-1252 -t UTF-8`.")),
    (b'{"id": "a1", "text": "Talks \\ud800 went well."}',
     ("has an invalid character (a lone surrogate, U+D800 at character 6); fix the escapes in the "
     "JSON.")),
])
def test_a_bad_json_line_fails_with_its_path_and_line_number(cli, tmp_path, line, reason):
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b"\n" + line + b"\n")
    assert cli("extract", str(path)) == (1, "", f"readout: {path}:2: {reason}\n")


def test_a_50_megabyte_file_fails_at_once_without_being_read(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        for _ in range(50):
            stream.write(MEGABYTE)
    started = time.perf_counter()
    result = cli("extract", str(path))
    assert result == (1, "", f"readout: {path}: is 50.0 MB, {TOO_LARGE.format(1_000_000)}\n")
    assert time.perf_counter() - started < 5  # parsing it would take minutes


def test_a_text_over_the_character_limit_fails(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_MAX_CHARS", "500")
    path = tmp_path / "long.txt"
    path.write_text(ENGLISH * 5)
    assert cli("extract", str(path)) == (
        1, "", (f"readout: {path}: has {len(ENGLISH) * 5:,} characters, more than the 500 readout "
               f"accepts for one article; split it into articles (JSON Lines) or raise "
               f"READOUT_MAX_CHARS.\n"))


def test_a_json_line_over_the_size_limit_is_skipped_and_named(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_MAX_CHARS", "100")
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": ENGLISH * 10}) + "\n")
    assert cli("extract", str(path)) == (
        1, "", f"readout: {path}:1: is more than 800 bytes, {TOO_LARGE.format(100)}\n")


@pytest.mark.parametrize("layout", [
    {"notes.md": ENGLISH, "photo.png": ""},
    {".git/HEAD.txt": ENGLISH, "drafts/notes.md": ENGLISH},
    {},
])
def test_a_folder_with_no_articles_fails(cli, tmp_path, layout):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, text in layout.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    assert cli("extract", str(folder)) == (1, "", f"readout: {folder}: {NO_ARTICLES}\n")


def test_a_missing_path_fails(cli, tmp_path):
    path = tmp_path / "nowhere.txt"
    assert cli("extract", str(path)) == (
        1, "", f"readout: {path}: no such file or folder; check the path.\n")


def test_when_every_input_fails_the_summary_says_so(cli, tmp_path):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_bytes(PNG)
    assert cli("extract", str(tmp_path)) == (1, "", (
        f"readout: {tmp_path / 'a.txt'}: {EMPTY}\n"
        f"readout: {tmp_path / 'b.txt'}: {BINARY}\n"
        f"readout: all 2 inputs failed; nothing was extracted.\n"))


def test_in_a_batch_the_good_articles_come_out_and_each_bad_one_is_named(cli, tmp_path,
                                                                         articles_dir):
    good = articles_dir / "call-jpn-aus.txt"
    shutil.copy(good, tmp_path / "a-good.txt")
    (tmp_path / "b-empty.txt").write_text("")
    (tmp_path / "c-binary.txt").write_bytes(PNG)
    (tmp_path / "d-lines.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "text": good.read_text()}), '{"id": "j2", "text": ',
        json.dumps({"id": "j3", "text": good.read_text()})]) + "\n")
    (tmp_path / "e-french.txt").write_text(FRENCH)
    shutil.copy(articles_dir / "pledge-gbr-ukr.html", tmp_path / "f-page.html")
    code, out, err = cli("extract", str(tmp_path))
    assert code == 1
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == [
        "a-good", "j1", "j3", "f-page"]
    assert err == (
        f"readout: {tmp_path / 'b-empty.txt'}: {EMPTY}\n"
        f"readout: {tmp_path / 'c-binary.txt'}: {BINARY}\n"
        f"readout: {tmp_path / 'd-lines.jsonl'}:2: is not valid JSON (Expecting value at column "
        f"22); {BAD_JSON}\n"
        f"readout: {tmp_path / 'e-french.txt'}: {NOT_ENGLISH}\n"
        f"readout: 4 of 8 inputs failed; 4 were extracted.\n")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", EMPTY),
    (b" \n\n", EMPTY),
    (PNG, BINARY),
    (b"x" * 4_000_001, f"is more than 4.0 MB, {TOO_LARGE.format(1_000_000)}"),
])
def test_bad_standard_input_fails_with_its_reason(cli_process, data, reason):
    done = cli_process("extract", "-", stdin=data)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (
        1, b"", f"readout: <stdin>: {reason}\n")


def test_a_bad_line_on_standard_input_is_named_by_its_number(cli_process):
    done = cli_process("extract", stdin=b'{"id": "a1", "text": ""}\n')
    assert (done.returncode, done.stdout, done.stderr.decode()) == (
        1, b"", f"readout: <stdin>:1: {EMPTY}\n")
