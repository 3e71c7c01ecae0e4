"""Take an article out of a web page: its text, title, date, outlet and address.

trafilatura finds the main text and drops what surrounds it (navigation, related links,
comments, footers); its metadata reads the title, site name and canonical link, and the date from
JSON-LD and meta tags only: a date mentioned in the body is an event's date, not the article's,
so readout never guesses one from the text. trafilatura is imported on first use, because its
import alone costs about a tenth of a second.
"""

from __future__ import annotations

from typing import Any

from readout.errors import InputError
from readout.records import ArticleInput

__all__ = ["article_from_html"]

# An article has at least one paragraph this long; menus and buttons never do.
MIN_PARAGRAPH_WORDS = 8
# htmldate settings: metadata only (JSON-LD, meta tags), the first publication not the last edit.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
NO_TEXT = (
    "no article text found in the HTML: the page holds only navigation, buttons or scripts "
    "(a paywall, a cookie wall or an index page?); save the article's own page, or give its text "
    "as a .txt file or a JSON Lines `text` field."
)


def article_from_html(html: str, source: str, article_id: str) -> ArticleInput:
    """The article in the page `html`, with warnings for the metadata the page lacks.

    The text is the main text only, one paragraph per block, separated by a blank line; the
    headline goes to `title` and is not repeated at the top of the text. Broken markup (unclosed
    tags, a page cut short) still gives the text it has. Raises InputError(source, ...) when the
    page has no article text at all.
    """
    import trafilatura  # slow to import: only when there is HTML to read

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    metadata = _fields(document)
    paragraphs = _paragraphs(metadata.get("text"), metadata.get("title"))
    if not any(len(paragraph.split()) >= MIN_PARAGRAPH_WORDS for paragraph in paragraphs):
        raise InputError(source, NO_TEXT)
    article = ArticleInput(
        id=article_id, text="\n\n".join(paragraphs), source=source,
        title=metadata.get("title"), url=metadata.get("url"), outlet=metadata.get("sitename"),
        published=metadata.get("date"), text_is_extracted=True,
    )
    article.warnings.extend(_missing(article))
    return article


def _fields(document: Any) -> dict[str, str]:
    """trafilatura's result as a dict of non-empty, stripped strings ({} when it found nothing)."""
    if document is None:
        return {}
    raw = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {key: value.strip() for key, value in raw.items() if isinstance(value, str) and value.strip()}


def _paragraphs(text: str | None, title: str | None) -> list[str]:
    paragraphs = [" ".join(line.split()) for line in (text or "").splitlines()]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if paragraphs and title and paragraphs[0] == " ".join(title.split()):
        paragraphs = paragraphs[1:]  # the headline, kept in `title`
    return paragraphs


def _missing(article: ArticleInput) -> list[str]:
    found = {
        "publication date": article.published, "title": article.title,
        "outlet (site name)": article.outlet, "canonical URL": article.url,
    }
    return [f"no {what} found in the HTML" for what, value in found.items() if not value]
