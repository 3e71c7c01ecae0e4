"""`readout serve` stays safe: hostile text stays text, SQL stays data, requests and answers are
bounded, and nothing is written without --allow-writes and the token."""

from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest
from test_store_builders import article, event, quote

from readout.records import Actor
from readout.serve.database import Database
from readout.store import Store

SCRIPT = "<script>window.pwned = 1</script>"
IMG = '<img src=x onerror="window.pwned = 2">'


def hostile_article():
    """An article whose text, title, names, quote, topic and outlet all carry markup."""
    villain = Actor(id="a1", name=f"Evil {IMG} Person", kind="person", code="UKR", sector="GOV",
                    role=f"Minister of {SCRIPT}")
    other = Actor(id="a2", name="Giorgia <b>Meloni</b>", kind="person", code="ITA", sector="GOV")
    readout, text = article(
        "hostile", published="2024-05-01", outlet=f"Outlet {SCRIPT}",
        body=f"Breaking: {SCRIPT} and {IMG} in the text.",
        actors=[villain, other],
        events=[event("e1", ["a1"], ["a2"], "2024-05-01", quotes=("q1",),
                      topics=(f"topic {SCRIPT}",))],
        quotes=[quote("q1", "a1", f"We said {SCRIPT} loudly")],
        topics=(f"topic {SCRIPT}",),
    )
    readout.article.title = 'Title "><script>window.pwned = 3</script>'
    readout.article.url = "javascript:window.pwned = 4"
    return readout, text


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Store(path, create=True) as store:
        readout, text = hostile_article()
        store.add(readout, text=text)
    return path


@pytest.fixture(scope="module")
def client(hostile_db, serve_client):
    return serve_client(hostile_db)


def _entity(client) -> int:
    return client.get("/api/actors?name=Evil").json()["items"][0]["entity"]


PAGES = ["/", "/events", "/events?actor=Person", "/quotes?q=loudly", "/articles/hostile",
         "/countries/UKR", "/dyads/ITA-UKR", "/network?since=2024-05&until=2024-05", "/actors"]


@pytest.mark.parametrize("url", PAGES)
def test_markup_in_the_data_is_escaped_on_every_page(client, url):
    html = client.get(url).text
    assert "<script>window.pwned" not in html
    assert "<img src=x" not in html and "<b>Meloni</b>" not in html


def test_the_actor_page_escapes_names_and_roles(client):
    html = client.get(f"/actors/{_entity(client)}").text
    assert "Evil &lt;img src=x onerror=" in html
    assert "<img" not in html


def test_the_article_page_shows_the_markup_as_text(client):
    html = client.get("/articles/hostile").text
    assert "Breaking: &lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert 'Title &#34;&gt;&lt;script&gt;' in html


def test_only_the_servers_own_scripts_are_on_a_page(client):
    html = client.get("/articles/hostile").text
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/article.js">']


def test_a_javascript_url_is_not_a_link(client):
    assert "javascript:" not in client.get("/articles/hostile").text


def test_data_for_scripts_cannot_close_its_block(client):
    html = client.get("/network?since=2024-05&until=2024-05").text
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.DOTALL)
    assert block is not None and "<" not in block.group(1)


def test_every_response_forbids_inline_scripts(client):
    for url in ("/", "/api/overview", "/static/readout.css", "/api/nope"):
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]


# --- SQL is data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/api/events?actor=' OR 1=1 --",
    "/api/events?topic=x' UNION SELECT sha256 FROM articles --",
    "/api/actors?name=%25' OR '1'='1",
    "/api/actors?name=_",
    "/api/quotes?q=loudly&speaker=Evil\" OR \"1",
    "/api/quotes?q=NEAR(a b) OR *",
    "/api/articles/' OR id LIKE '%25",
    "/api/network?country=UKR' --",
])
def test_injected_sql_finds_nothing_and_breaks_nothing(client, url):
    answer = client.get(url)
    assert answer.status_code in (200, 400, 404, 422)
    if answer.status_code == 200:
        items = answer.json().get("items", answer.json().get("edges"))
        assert items == []


# --- bounded requests --------------------------------------------------------------------------------

def test_a_body_over_the_limit_is_refused_before_reading_it(hostile_db, serve_client):
    small = serve_client(hostile_db, max_body_bytes=1000)
    answer = small.post("/api/try", json={"text": "x" * 2000})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"


def test_a_streamed_body_over_the_limit_is_refused(hostile_db, serve_client):
    small = serve_client(hostile_db, max_body_bytes=1000)
    answer = small.post("/api/try", content=iter([b"{" * 600, b"}" * 600]),
                        headers={"content-type": "application/json"})
    assert answer.status_code == 413


def test_a_pasted_article_has_a_length_limit(client):
    answer = client.post("/api/try", json={"text": "word " * 20_001})
    assert answer.status_code == 422 and "100000" in answer.json()["error"]["message"]


def test_a_slow_query_is_stopped(hostile_db):
    db = Database(hostile_db, max_query_ms=50)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(Exception, match="took longer than 50 ms"):
        db.read(lambda store: store.conn.execute(endless).fetchone())


# --- nothing is written without permission -------------------------------------------------------------

def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_browsing_every_page_leaves_the_file_unchanged(hostile_db, client):
    before = _digest(hostile_db)
    for url in [*PAGES, "/api/overview", "/api/events", "/api/network", "/api/scale"]:
        assert client.get(url).status_code == 200
    assert _digest(hostile_db) == before


def test_the_read_connections_cannot_write(hostile_db):
    db = Database(hostile_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly|query_only|read-only"):
        db.read(lambda store: store.conn.execute("DELETE FROM events"))


def test_writes_are_refused_by_a_read_only_server(client):
    answer = client.post("/api/articles", json={"text": "Zelensky met Meloni."},
                         headers={"authorization": "Bearer anything"})
    assert answer.status_code == 403
    assert "--allow-writes" in answer.json()["error"]["message"]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic c2VjcmV0", "Bearer "])
def test_writes_need_the_token(hostile_db, serve_client, authorization):
    writable = serve_client(hostile_db, allow_writes=True, token="s3cret-token")
    headers = {"authorization": authorization} if authorization else {}
    answer = writable.post("/api/articles", json={"text": "Zelensky met Meloni."}, headers=headers)
    assert answer.status_code == 401 and "Bearer" in answer.json()["error"]["message"]


def test_a_write_with_the_token_stores_the_article(tmp_path, serve_client, pipeline):
    path = tmp_path / "news.db"
    Store(path, create=True).close()
    writable = serve_client(path, pipeline=pipeline, allow_writes=True, token="s3cret-token")
    text = ("Ukrainian President Volodymyr Zelensky held a phone call with Italian Prime Minister "
            "Giorgia Meloni on Tuesday.")
    answer = writable.post("/api/articles", json={"text": text, "id": "call", "published": "2024-03-12"},
                           headers={"authorization": "Bearer s3cret-token"})
    assert answer.status_code == 201 and answer.json()["outcome"] == "added"
    assert writable.get("/api/articles/call").json()["article"]["published"] == "2024-03-12"


def test_the_default_server_answers_this_machine_only():
    from readout.serve import ServeConfig

    config = ServeConfig(db="x.db")
    assert (config.host, config.allow_writes, config.loopback) == ("127.0.0.1", False, True)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True),
                                                ("localhost", True), ("0.0.0.0", False),
                                                ("192.168.1.5", False), ("example.org", False)])
def test_which_addresses_are_loopback(host, loopback):
    from readout.serve import ServeConfig

    assert ServeConfig(db="x.db", host=host).loopback is loopback


# --- the command -------------------------------------------------------------------------------------

def test_serve_refuses_a_missing_database(cli, tmp_path):
    missing = tmp_path / "typo.db"
    code, out, err = cli("serve", "--db", str(missing))
    assert (code, out) == (2, "")
    assert err.startswith(f"readout: {missing}: no such database. Create it with `readout ingest")
    assert not missing.exists()


def test_serve_is_registered_and_documented(repo_root):
    from readout.cli import build_parser

    parser = build_parser()
    assert "serve" in parser._subparsers._group_actions[0].choices
    args = parser.parse_args(["serve"])
    assert (args.host, args.allow_writes) == ("127.0.0.1", False)
    assert "readout serve --db" in (repo_root / "docs" / "api.md").read_text(encoding="utf-8")
