"""Validate the hand-annotated gold set in this folder.

Every article is a pair, `<id>.txt` (the text) and `<id>.gold.json` (its gold readout, in the
format of docs/gold-format.md). A scorer trusts these files blindly, so a wrong offset or a typo
in a code would silently skew every score: this check catches those before they land.

    python tests/gold/check_gold.py                      # check all; exit 1 if any problem
    python tests/gold/check_gold.py --show g01-call-uk-fr  # print each gold quote's text

It reads only files in this folder (the pairs and vocabulary.yaml).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

OPENING_MARKS = '"\u201c'
CLOSING_MARKS = '"\u201d'
DOUBLE_MARKS = '"\u201c\u201d'
ARTICLE_KEYS = ("id", "url", "outlet", "published", "language", "kind", "events", "quotes",
                "topics")
OPTIONAL_ARTICLE_KEYS = ("note",)
EVENT_KEYS = ("type", "mode", "actor", "recipient", "actor_person", "recipient_person", "status",
              "date", "location", "primary")
QUOTE_KEYS = ("speaker", "kind", "starts", "ends")
COUNTRY_CODE = re.compile(r"[A-Z]{3}")
ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Vocabulary:
    """The closed lists a gold file may use, loaded from vocabulary.yaml."""

    kinds: frozenset[str]
    statuses: frozenset[str]
    quote_kinds: frozenset[str]
    organisations: frozenset[str]
    modes: dict[str, frozenset[str]]
    topics: frozenset[str]
    min_words: int
    max_words: int


def load_vocabulary(path: Path = HERE / "vocabulary.yaml") -> Vocabulary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Vocabulary(
        kinds=frozenset(raw["kinds"]),
        statuses=frozenset(raw["statuses"]),
        quote_kinds=frozenset(raw["quote_kinds"]),
        organisations=frozenset(raw["organisations"]),
        modes={etype: frozenset(modes) for etype, modes in raw["modes"].items()},
        topics=frozenset(raw["topics"]),
        min_words=int(raw["min_words"]),
        max_words=int(raw["max_words"]),
    )


def check_text(text: str, vocab: Vocabulary) -> list[str]:
    """Problems with the article text itself: layout and length."""
    problems = []
    if "\r" in text:
        problems.append("text has carriage returns; save it with Unix line endings")
    if text != text.strip():
        problems.append("text starts or ends with whitespace; strip it")
    if "\n\n\n" in text or "\n" in text.replace("\n\n", ""):
        problems.append("paragraphs must be single lines separated by exactly one blank line")
    if any(line != line.rstrip() for line in text.split("\n")):
        problems.append("a line ends with spaces; remove trailing whitespace")
    words = len(text.split())
    if not vocab.min_words <= words <= vocab.max_words:
        problems.append(f"text has {words} words; keep it within "
                        f"{vocab.min_words}-{vocab.max_words}")
    return problems


def valid_date(value: object, month_allowed: bool = True) -> bool:
    """True for None, a real YYYY-MM-DD day, or (when allowed) a real YYYY-MM month."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    month = MONTH.fullmatch(value)
    if month:
        return month_allowed and 1 <= int(month.group(2)) <= 12
    try:
        return datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _valid_code(code: object, vocab: Vocabulary) -> bool:
    return isinstance(code, str) and (bool(COUNTRY_CODE.fullmatch(code))
                                      or code in vocab.organisations)


def _valid_name(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == value != "")


def check_event(index: int, event: dict, vocab: Vocabulary) -> list[str]:
    """Problems with one gold event."""
    where = f"event {index}"
    missing = [key for key in EVENT_KEYS if key not in event]
    unknown = [key for key in event if key not in EVENT_KEYS]
    if missing or unknown:
        return [(f"{where}: missing keys {missing}, unknown keys {unknown}; "
                 f"an event has exactly {list(EVENT_KEYS)}")]
    problems = []
    etype, mode = event["type"], event["mode"]
    if etype not in vocab.modes:
        problems.append(f"{where}: type {etype!r} is not one of the 16 PLOVER types")
    elif mode is not None and mode not in vocab.modes[etype]:
        allowed = sorted(vocab.modes[etype]) or "none"
        problems.append(f"{where}: mode {mode!r} is not a {etype} mode (allowed: {allowed})")
    if event["status"] not in vocab.statuses:
        problems.append(f"{where}: status {event['status']!r} is not one of "
                        f"{sorted(vocab.statuses)}")
    for side in ("actor", "recipient"):
        codes = event[side]
        if not isinstance(codes, list) or not all(_valid_code(c, vocab) for c in codes):
            problems.append(f"{where}: {side} must be a list of ISO alpha-3 codes or "
                            f"{sorted(vocab.organisations)}, got {codes!r}")
    if not event["actor"]:
        problems.append(f"{where}: actor is empty; every event needs at least one actor")
    for side in ("actor_person", "recipient_person"):
        if not _valid_name(event[side]):
            problems.append(f"{where}: {side} must be a full name or null")
    if not valid_date(event["date"]):
        problems.append(f"{where}: date {event['date']!r} is not YYYY-MM-DD, YYYY-MM or null")
    location = event["location"]
    if location is not None and not (isinstance(location, str)
                                     and COUNTRY_CODE.fullmatch(location)):
        problems.append(f"{where}: location {location!r} must be a country's alpha-3 or null")
    if not isinstance(event["primary"], bool):
        problems.append(f"{where}: primary must be true or false")
    return problems


def check_quote(index: int, quote: dict, text: str, vocab: Vocabulary) -> list[str]:
    """Problems with one gold quote: keys, speaker, and offsets that fit the marks around them."""
    where = f"quote {index}"
    if sorted(quote) != sorted(QUOTE_KEYS):
        return [f"{where}: keys are {sorted(quote)}; a quote has exactly {list(QUOTE_KEYS)}"]
    problems = []
    if quote["kind"] not in vocab.quote_kinds:
        problems.append(f"{where}: kind {quote['kind']!r} is not one of {sorted(vocab.quote_kinds)}")
    if not _valid_name(quote["speaker"]):
        problems.append(f"{where}: speaker must be a full name or null")
    starts, ends = quote["starts"], quote["ends"]
    if not (isinstance(starts, int) and isinstance(ends, int) and 0 < starts < ends <= len(text)):
        return problems + [(f"{where}: offsets [{starts}, {ends}] are not inside the text "
                            f"(0..{len(text)}); recompute them with str.find")]
    span = text[starts:ends]
    hint = "offsets exclude the quotation marks; recompute them with str.find"
    for edge, char in (("starts", span[0]), ("ends", span[-1])):
        if char.isspace() or char in DOUBLE_MARKS:
            problems.append(f"{where}: the quote {edge} on {char!r}; {hint}")
    if text[starts - 1] not in OPENING_MARKS:
        problems.append(f"{where}: no opening quotation mark just before offset {starts}; {hint}")
    after = text[ends:ends + 2]
    if after[:1] not in CLOSING_MARKS and after not in ("\n\n", ""):
        problems.append(f"{where}: offset {ends} is followed by {after[:1]!r}, not a closing mark "
                        f"or the end of the paragraph; {hint}")
    if "\n" in span:
        problems.append(f"{where}: the quote crosses a paragraph break; give one quote per "
                        "paragraph segment")
    return problems


def check_quote_set(quotes: list[dict], text: str) -> list[str]:
    """Quotes must not overlap, and every double quotation mark must belong to a gold quote."""
    spans = sorted((q["starts"], q["ends"]) for q in quotes
                   if isinstance(q.get("starts"), int) and isinstance(q.get("ends"), int))
    problems = [f"quotes [{a}, {b}] and [{c}, {d}] overlap"
                for (a, b), (c, d) in itertools.pairwise(spans) if c < b]
    accounted = sum(1 + (text[end:end + 1] in CLOSING_MARKS) for _, end in spans)
    marks = sum(text.count(mark) for mark in DOUBLE_MARKS)
    if marks != accounted:
        problems.append(f"the text has {marks} double quotation marks but the gold quotes account "
                        f"for {accounted}; annotate every direct quote (run with --show to list "
                        "them)")
    return problems


def check_article_fields(gold: dict, article_id: str, vocab: Vocabulary) -> list[str]:
    """Problems with the article-level fields of a gold file."""
    missing = [key for key in ARTICLE_KEYS if key not in gold]
    unknown = [key for key in gold if key not in ARTICLE_KEYS + OPTIONAL_ARTICLE_KEYS]
    if missing or unknown:
        return [f"missing keys {missing}, unknown keys {unknown}; see docs/gold-format.md"]
    problems = []
    if gold["id"] != article_id or not ARTICLE_ID.fullmatch(article_id):
        problems.append(f"id {gold['id']!r} must equal the file name {article_id!r}, "
                        "written in lower-case words joined by hyphens")
    if not valid_date(gold["published"], month_allowed=False):
        problems.append(f"published {gold['published']!r} must be YYYY-MM-DD or null")
    if gold["kind"] not in vocab.kinds:
        problems.append(f"kind {gold['kind']!r} is not one of {sorted(vocab.kinds)}")
    topics = gold["topics"]
    if not isinstance(topics, list) or len(set(topics)) != len(topics):
        problems.append("topics must be a list without repeats")
    else:
        problems += [f"topic {t!r} is not in vocabulary.yaml" for t in topics
                     if t not in vocab.topics]
    if not isinstance(gold["events"], list) or not isinstance(gold["quotes"], list):
        problems.append("events and quotes must be lists")
    return problems


def check_gold(gold: dict, text: str, article_id: str, vocab: Vocabulary) -> list[str]:
    """Every problem with one article's gold readout against its text; empty when valid."""
    problems = check_article_fields(gold, article_id, vocab)
    if problems:
        return problems
    events = gold["events"]
    for index, event in enumerate(events):
        problems += check_event(index, event, vocab)
    primaries = sum(event.get("primary") is True for event in events)
    if gold["kind"] == "other" and events:
        problems.append("an article of kind 'other' must have no events")
    if gold["kind"] != "other" and not events:
        problems.append("an article with no events must have kind 'other'")
    if events and primaries != 1:
        problems.append(f"{primaries} events are primary; mark exactly one (the headline event)")
    for index, quote in enumerate(gold["quotes"]):
        problems += check_quote(index, quote, text, vocab)
    return problems + check_quote_set(gold["quotes"], text)


def check_pair(gold_path: Path, vocab: Vocabulary) -> list[str]:
    """Read one `<id>.gold.json` and its `<id>.txt` and check both."""
    article_id = gold_path.name.removesuffix(".gold.json")
    text_path = gold_path.with_name(f"{article_id}.txt")
    if not text_path.exists():
        return [f"{text_path.name} is missing; every gold file sits beside its text"]
    raw = gold_path.read_text(encoding="utf-8")
    try:
        gold = json.loads(raw)
    except json.JSONDecodeError as error:
        return [f"not valid JSON ({error}); fix the syntax"]
    if not isinstance(gold, dict):
        return ["the gold file must hold one JSON object"]
    text = text_path.read_text(encoding="utf-8")
    problems = [] if raw == raw.rstrip() else ["gold file ends with whitespace; strip it"]
    return problems + check_text(text, vocab) + check_gold(gold, text, article_id, vocab)


def check_folder(folder: Path = HERE) -> dict[str, list[str]]:
    """Problems by article id for every article in `folder` (empty lists when all is well)."""
    vocab = load_vocabulary(folder / "vocabulary.yaml")
    results = {path.name.removesuffix(".gold.json"): check_pair(path, vocab)
               for path in sorted(folder.glob("*.gold.json"))}
    for text_path in sorted(folder.glob("*.txt")):
        if text_path.stem not in results:
            results[text_path.stem] = [f"{text_path.stem}.gold.json is missing"]
    return results


def summarise(folder: Path = HERE) -> str:
    """One paragraph of counts, so a change to the set shows in review."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]
    events = [event for gold in golds for event in gold.get("events", [])]
    types = Counter(event.get("type") for event in events)
    statuses = Counter(event.get("status") for event in events)
    quotes = [quote for gold in golds for quote in gold.get("quotes", [])]
    return (f"{len(golds)} articles ({sum(bool(g.get('published')) for g in golds)} dated), "
            f"{len(events)} events, {len(quotes)} quotes "
            f"({sum(q.get('speaker') is None for q in quotes)} without speaker)\n"
            f"types: {dict(types.most_common())}\nstatuses: {dict(statuses.most_common())}")


def show(article_id: str, folder: Path = HERE) -> int:
    """Print each gold quote of one article with the text its offsets select."""
    gold_path = folder / f"{article_id}.gold.json"
    if not gold_path.exists():
        print(f"no {gold_path.name} in {folder}; ids are the file names before .gold.json")
        return 2
    text = (folder / f"{article_id}.txt").read_text(encoding="utf-8")
    for quote in json.loads(gold_path.read_text(encoding="utf-8"))["quotes"]:
        selected = text[quote["starts"]:quote["ends"]]
        print(f"[{quote['starts']}:{quote['ends']}] {quote['speaker']}: {selected}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the gold articles in " + str(HERE))
    parser.add_argument("--show", metavar="ID", help="print the quotes of article ID and stop")
    args = parser.parse_args(argv)
    if args.show:
        return show(args.show)
    results = check_folder()
    for article_id, problems in results.items():
        for problem in problems:
            print(f"{article_id}: {problem}")
    failed = sum(bool(problems) for problems in results.values())
    print(summarise())
    print(f"{failed} of {len(results)} articles have problems" if failed else "all valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
