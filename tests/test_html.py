"""Reading an article out of a web page (readout/read/html.py) on hand-written pages.

tests/fixtures/html holds: a news page with navigation, comments, related links, a footer and a
JSON-LD date (news_page), a page dated only by article:published_time (meta_date), broken and
truncated markup with no date (broken), a page with no article text (no_text), and a page full
of non-ASCII characters (non_ascii).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from readout.errors import InputError
from readout.read.html import article_from_html

PAGES = Path(__file__).parent / "fixtures" / "html"


def read(name: str):
    path = PAGES / f"{name}.html"
    return article_from_html(path.read_text(encoding="utf-8"), str(path), name)


@pytest.mark.parametrize(
    ("page", "field", "expected"),
    [
        ("news_page", "published", "2024-01-03"),  # JSON-LD datePublished, not dateModified
        ("news_page", "title", "Ukraine and Italy agree on air defence deliveries"),
        ("news_page", "outlet", "The Adriatic Ledger"),
        ("news_page", "url",
         "https://www.adriatic-ledger.example/world/2024/01/03/ukraine-italy-air-defence"),
        ("meta_date", "published", "2024-03-12"),  # article:published_time only
        ("meta_date", "title", "Baltic ministers meet in Vilnius on energy links"),
        ("non_ascii", "published", "2024-05-21"),
        ("non_ascii", "url", "https://alpine-courier.example/europe/macron-erdogan-elysee"),
        ("non_ascii", "title", "Macron receives Erdoğan at the Élysée"),
        ("broken", "outlet", "Lakeside Wire"),
        ("broken", "published", None),  # "29 January 2024" in the body is not the article's date
    ],
)
def test_metadata(page, field, expected):
    assert getattr(read(page), field) == expected


@pytest.mark.parametrize(
    "boilerplate",
    ["Subscribe now", "Privacy policy", "All rights reserved", "Reader123", "taxpayer",
     "Related stories", "Germany sends third Patriot battery", "By Lucia Ferraro", "trackClick",
     "font-family"],
)
def test_news_page_text_leaves_out_boilerplate(boilerplate):
    assert boilerplate not in read("news_page").text


def test_news_page_text_is_its_paragraphs_separated_by_blank_lines():
    paragraphs = read("news_page").text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Ukrainian President Volodymyr Zelensky said on Wednesday")
    assert paragraphs[3].endswith("that Italy has offered to host next year.")
    assert all("\n" not in paragraph for paragraph in paragraphs)


def test_headline_is_the_title_not_the_first_paragraph():
    article = read("news_page")
    assert not article.text.startswith(article.title)


def test_article_records_where_it_came_from():
    article = read("meta_date")
    assert (article.id, article.source) == ("meta_date", str(PAGES / "meta_date.html"))
    assert article.text_is_extracted is True


@pytest.mark.parametrize(
    ("page", "warnings"),
    [
        ("news_page", []),
        ("meta_date", ["no outlet (site name) found in the HTML",
                       "no canonical URL found in the HTML"]),
        ("broken", ["no publication date found in the HTML", "no canonical URL found in the HTML"]),
    ],
)
def test_warnings_name_what_the_page_lacks(page, warnings):
    assert read(page).warnings == warnings


@pytest.mark.parametrize(
    "passage",
    [
        "returned to Geneva on Monday for a new round of talks",
        "first session lasted more than five hours",  # inside an unclosed <b> and <div>
        "for as long as the parties want th",  # the page is cut off mid-word
    ],
)
def test_broken_markup_still_gives_its_text(passage):
    assert passage in read("broken").text


@pytest.mark.parametrize(
    "passage",
    ["Recep Tayyip Erdoğan at the Élysée Palace", "“We have differences", "— a line",
     "arrived from Zürich", "Türkiye was ready", "last year’s earthquake", "€50 million"],
)
def test_non_ascii_text_is_kept_as_written(passage):
    assert passage in read("non_ascii").text


def test_page_without_article_text_is_an_input_error_that_says_what_to_do():
    source = str(PAGES / "no_text.html")
    with pytest.raises(InputError) as caught:
        read("no_text")
    assert str(caught.value) == (
        f"{source}: no article text found in the HTML: the page holds only navigation, buttons "
        "or scripts (a paywall, a cookie wall or an index page?); save the article's own page, "
        "or give its text as a .txt file or a JSON Lines `text` field."
    )
    assert caught.value.source == source


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", "<p>Too short.</p>"])
def test_pages_with_nothing_to_read_are_input_errors(html):
    with pytest.raises(InputError, match="no article text found in the HTML"):
        article_from_html(html, "page.html", "page")


def test_importing_the_module_does_not_import_trafilatura():
    code = "import sys, readout.read.html; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
