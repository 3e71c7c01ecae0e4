"""The HTML pages of `readout serve` (in-process, over the seed article read by the real model), and
the cutting of an article into highlighted segments."""

from __future__ import annotations

import html
import re

import pytest

from readout.records import Actor, ArticleMeta, Cue, Event, Quote, Readout, Trigger
from readout.serve.highlight import segments
from readout.store import Store


@pytest.fixture(scope="module")
def site(seed_db, serve_client, pipeline):
    return serve_client(seed_db, pipeline=pipeline)


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


PAGES = ["/", "/events", "/events?country=UKR&type=CONSULT", "/actors", "/actors?name=Meloni",
         "/actors/1", "/countries/ITA", "/dyads/UKR-ITA", "/dyads/UKR-ITA?bucket=day",
         "/network", "/quotes?q=Italy", "/quotes", "/articles/zelensky-meloni", "/try"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders(site, url):
    answer = site.get(url)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("url", [u for u in PAGES if u != "/try"])
def test_every_page_links_to_its_json_twin(site, url):
    link = re.search(r'<a class="json" href="([^"]+)"', site.get(url).text).group(1)
    answer = site.get(html.unescape(link))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"


def test_the_timeline_shows_what_the_api_returns(site):
    rows = re.findall(r'<tr class="event" data-event="(\d+)"', site.get("/events?type=SUPPORT").text)
    api = [str(e["id"]) for e in site.get("/api/events?type=SUPPORT").json()["items"]]
    assert rows == api and len(rows) >= 2


def test_the_article_page_marks_the_seeds_five_quotes(site):
    page = site.get("/articles/zelensky-meloni").text
    ids = {i for found in re.findall(r'data-quotes="([^"]+)"', page) for i in found.split()}
    speakers = re.findall(r'<span class="speaker">([^<]+)</span>', page)
    assert ids == {"q1", "q2", "q3", "q4", "q5"}
    assert speakers == ["Volodymyr Zelensky"] * 5


def test_the_article_page_keeps_the_text_exactly(site, seed_db):
    page = site.get("/articles/zelensky-meloni").text
    body = re.search(r'<article id="article-text" class="text">(.*?)</article>', page, re.DOTALL).group(1)
    with Store(seed_db, readonly=True) as store:
        text = store.conn.execute("SELECT text FROM articles").fetchone()[0]
    assert _text_of(body) == text


def test_the_headline_event_is_marked(site):
    page = site.get("/articles/zelensky-meloni").text
    headline = re.findall(r'data-kind="event" data-id="(e\d+)"[^>]*>\s*<b>([^<]+)</b>[^\n]*headline', page)
    assert headline == [("e1", "CONSULT (phone)")]


def test_an_unknown_article_is_a_404_page_that_says_so(site):
    answer = site.get("/articles/no-such-thing")
    assert answer.status_code == 404
    assert "no article &#39;no-such-thing&#39; in this database" in answer.text


def test_the_pair_form_goes_to_the_pairs_page(site):
    answer = site.get("/dyads?pair=ukr ita", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/dyads/ITA-UKR"


def test_a_bad_filter_is_explained_on_the_page(site):
    answer = site.get("/events?type=PARTY")
    assert answer.status_code == 400 and "unknown event type &#39;PARTY&#39;" in answer.text


def test_try_it_reads_a_pasted_article_without_storing_it(site, seed_db):
    with Store(seed_db, readonly=True) as store:
        before = store.counts()
    text = ("Polish Prime Minister Donald Tusk visited Kyiv on Monday and met Ukrainian President "
            "Volodymyr Zelensky. \"We stand with Ukraine,\" Tusk said.")
    answer = site.post("/try", data={"text": text, "published": "2024-04-09"})
    assert answer.status_code == 200
    assert "not stored" in answer.text and 'data-kind="event"' in answer.text
    assert _text_of(re.search(r'<article[^>]*>(.*?)</article>', answer.text, re.DOTALL).group(1)) == text
    with Store(seed_db, readonly=True) as store:
        assert store.counts() == before


@pytest.mark.parametrize(("form", "problem"), [
    ({"text": ""}, "Paste the text of an article first."),
    ({"text": "   "}, "Paste the text of an article first."),
    ({"text": "x" * 100_001}, "text: String should have at most 100000 characters"),
    ({"text": "Tusk met Zelensky.", "published": "yesterday"}, "published: String should match"),
])
def test_try_it_explains_a_bad_paste(site, form, problem):
    answer = site.post("/try", data=form)
    assert answer.status_code == 422 and problem in answer.text


def test_try_api_returns_the_readout_as_the_page_shows_it(site):
    text = "Italian Prime Minister Giorgia Meloni called Ukrainian President Volodymyr Zelensky."
    answer = site.post("/api/try", json={"text": text, "published": "2024-01-03"}).json()
    assert answer["stored"] is False and {"Giorgia Meloni", "Volodymyr Zelensky"} <= {
        actor["name"] for actor in answer["actors"]}
    assert "".join(s["text"] for s in answer["segments"]) == text


# --- segments ---------------------------------------------------------------------------------------

def _readout(actors=(), events=(), quotes=()) -> Readout:
    return Readout(ArticleMeta("t", "0"), actors=list(actors), events=list(events), quotes=list(quotes))


TEXT = "Tusk said: we stand together. Meloni agreed."
TUSK = Actor("a1", "Donald Tusk", "person", mentions=[(0, 4)])
MELONI = Actor("a2", "Giorgia Meloni", "person", mentions=[(30, 36)])
QUOTE = Quote("q1", "a1", "direct", "we stand together", 11, 28, Cue("said", 5, 9))
AGREE = Event("e1", "AGREE", actors=["a2"], trigger=Trigger("agreed", 37, 43), evidence=[(30, 44)])
SUPPORT = Event("e2", "SUPPORT", actors=["a1"], evidence=[(0, 29), (30, 44)])


@pytest.mark.parametrize(("readout", "expected"), [
    (_readout(), [("Tusk said: we stand together. Meloni agreed.", {})]),
    (_readout(actors=[TUSK]), [("Tusk", {"mentions": ("a1",)}), (" said: we stand together. Meloni agreed.", {})]),
    (_readout(quotes=[QUOTE]), [("Tusk ", {}), ("said", {"cues": ("q1",)}), (": ", {}),
                                ("we stand together", {"quotes": ("q1",)}), (". Meloni agreed.", {})]),
    (_readout(actors=[MELONI], events=[AGREE]),
     [("Tusk said: we stand together. ", {}), ("Meloni", {"mentions": ("a2",), "evidence": ("e1",)}),
      (" ", {"evidence": ("e1",)}), ("agreed", {"triggers": ("e1",), "evidence": ("e1",)}),
      (".", {"evidence": ("e1",)})]),
    (_readout(events=[AGREE, SUPPORT]),
     [("Tusk said: we stand together.", {"evidence": ("e2",)}), (" ", {}),
      ("Meloni ", {"evidence": ("e1", "e2")}), ("agreed", {"triggers": ("e1",), "evidence": ("e1", "e2")}),
      (".", {"evidence": ("e1", "e2")})]),
])
def test_segments_carry_every_annotation_that_covers_them(readout, expected):
    found = [(s.text, {k: v for k in ("mentions", "quotes", "cues", "triggers", "evidence")
                       if (v := getattr(s, k))}) for s in segments(TEXT, readout)]
    assert found == expected


@pytest.mark.parametrize("spans", [[(40, 99)], [(-3, 2)], [(5, 5)], [(44, 50)], [(9, 3)]])
def test_spans_outside_the_text_do_not_break_it(spans):
    cut = segments(TEXT, _readout(actors=[Actor("a1", "X", "person", mentions=spans)]))
    assert "".join(s.text for s in cut) == TEXT
    assert all(s.end <= len(TEXT) for s in cut)


def test_ids_sort_naturally():
    events = [Event(f"e{i}", "AGREE", evidence=[(0, 4)]) for i in (10, 2, 1)]
    assert segments(TEXT, _readout(events=events))[0].evidence == ("e1", "e2", "e10")
