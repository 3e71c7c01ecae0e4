"""Date expressions: find them in text and resolve them against the publication date.

An expression ("on Friday", "three weeks ago", "in early February", "14 Jan 2024") becomes a
`DateRange` with a precision. Relative and year-less expressions need the publication date, and
which way they point depends on the tense of their clause: "on Friday" in "met on Friday" is the
Friday before publication, in "will meet on Friday" the one after.

The words (months, numbers, "a few", "early", ...) and the ranges they mean live in
readout/data/dates.yaml; this module holds only the grammar that combines them. Everything here is
a pure function of its arguments; the vocabulary and the compiled grammar are loaded on first use.

    >>> resolve_expression("two days ago", date(2024, 1, 3))
    DateRange(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 1, 1), precision='day')
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any, Literal

import yaml

from readout.errors import DataError

__all__ = ["DateRange", "Found", "Tense", "Vocabulary", "calendar_day", "find_expressions",
           "resolve_expression", "strip_preposition", "vocabulary"]

Tense = Literal["past", "present", "future"]
UNITS = ("day", "week", "month", "year")
PREPOSITIONS = re.compile(r"(?:on|in|at|during)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    """When something happened or is expected, first to last day inclusive."""

    start: date
    end: date
    precision: str  # "day" | "week" | "month" | "year": the unit the expression names


@dataclass(frozen=True)
class Found:
    """A date expression found in a text: its offsets and words."""

    start: int
    end: int
    text: str
    too_vague: bool = False  # "recently", "soon": points at time but resolves to nothing


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The words of readout/data/dates.yaml as lookup tables (lower-case keys)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    day_parts: tuple[str, ...]
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]  # spelling -> (unit, how many): "fortnight" -> ("week", 2)
    named_days: dict[str, int]
    vague: dict[str, dict[str, tuple[int, int]]]  # quantity -> unit -> [fewest, most]
    part_words: dict[str, str]  # "the end of" -> "late"
    parts: dict[str, dict[str, tuple[int, int]]]  # period unit -> part -> range within it
    seasons: dict[str, tuple[int, int]]  # name -> (first month, length in months)
    weeks_of_month: dict[str, int]  # "first" -> 1, "last" -> -1
    year_sections: dict[str, tuple[int, int]]  # "q1" -> (1, 3)
    relations: dict[str, int]  # "last" -> -1
    too_vague: tuple[str, ...]
    not_the_date_after: frozenset[str]
    for_after_lemmas: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_lemmas: frozenset[str]
    same_time_lemmas: frozenset[str]


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The date vocabulary, read once from readout/data/dates.yaml."""
    try:
        raw = resources.files("readout.data").joinpath("dates.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
        return _build_vocabulary(data)
    except FileNotFoundError as error:
        raise DataError("readout's data file dates.yaml is missing; reinstall readout.") from error
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise DataError(
            f"readout's data file dates.yaml is invalid ({error!r}); fix the entry or restore the "
            "file from the release."
        ) from error


def _build_vocabulary(data: dict[str, Any]) -> Vocabulary:
    lower = _lower_keys
    vague = {
        word.lower(): {unit: tuple(spec.get(unit, spec.get("day")) if isinstance(spec, dict)
                                   else spec) for unit in (*UNITS, "hour")}
        for word, spec in data["vague_quantities"].items()
    }
    attachment, tense = data["attachment"], data["tense"]
    return Vocabulary(
        months=lower(data["months"]),
        weekdays=lower(data["weekdays"]),
        day_parts=tuple(data["day_parts"]),
        numbers=lower(data["numbers"]),
        units={**{spelling.lower(): (unit, 1) for unit, spellings in data["units"].items()
                  for spelling in spellings},
               **{spelling.lower(): (unit, times)
                  for spelling, (times, unit) in data["unit_multiples"].items()}},
        named_days=lower(data["named_days"]),
        vague=vague,
        part_words={word.lower(): part for word, part in data["part_words"].items()},
        parts={unit: {part: tuple(bounds) for part, bounds in table.items()}
               for unit, table in data["parts"].items()},
        seasons={name.lower(): (spec["start"], spec["months"])
                 for name, spec in data["seasons"].items()},
        weeks_of_month=lower(data["weeks_of_month"]),
        year_sections={name.lower(): tuple(months)
                       for name, months in data["year_sections"].items()},
        relations=lower(data["period_relations"]),
        too_vague=tuple(word.lower() for word in data["too_vague"]),
        not_the_date_after=frozenset(attachment["not_the_date_after"]),
        for_after_lemmas=frozenset(attachment["for_after_lemmas"]),
        future_auxiliaries=frozenset(tense["future_auxiliaries"]),
        future_lemmas=frozenset(tense["future_lemmas"]),
        same_time_lemmas=frozenset(tense["same_time_lemmas"]),
    )


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {str(key).lower(): value for key, value in table.items()}


# --- calendar arithmetic -------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (Jan 31 + 1 month = Feb 29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, count: int, unit: str) -> date:
    if unit == "hour":
        return day + timedelta(days=math.copysign(math.ceil(abs(count) / 24), count))
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    return _add_months(day, count * (12 if unit == "year" else 1))


def _period(point: date, unit: str) -> DateRange:
    """The calendar day, week (Monday-Sunday), month or year that contains `point`."""
    if unit in ("day", "hour"):
        return DateRange(point, point, "day")
    if unit == "week":
        monday = point - timedelta(days=point.weekday())
        return DateRange(monday, monday + timedelta(days=6), "week")
    if unit == "month":
        return DateRange(point.replace(day=1), _month_end(point.year, point.month), "month")
    return DateRange(date(point.year, 1, 1), date(point.year, 12, 31), "year")


def _part(period: DateRange, part: str, vocab: Vocabulary) -> DateRange:
    """The early / mid / late part of a week, month or year."""
    first, last = vocab.parts[period.precision][part]
    start = period.start
    if period.precision == "week":
        return DateRange(start + timedelta(days=first), start + timedelta(days=last), "week")
    if period.precision == "month":
        end = min(last, period.end.day)
        return DateRange(start.replace(day=first), start.replace(day=end), "month")
    return DateRange(date(start.year, first, 1), _month_end(start.year, last), "year")


def _distance(candidate: DateRange, published: date) -> int:
    if candidate.start <= published <= candidate.end:
        return 0
    return min(abs((candidate.start - published).days), abs((candidate.end - published).days))


def _pick(candidates: list[DateRange], published: date, tense: Tense) -> DateRange | None:
    """The candidate nearest to publication in the tense's direction (past: on or before it;
    future: on or after it; present: nearest either way). Falls back to the nearest."""
    if not candidates:
        return None
    if tense == "past":
        before = [c for c in candidates if c.start <= published]
        if before:
            return max(before, key=lambda c: c.start)
    elif tense == "future":
        after = [c for c in candidates if c.end >= published]
        if after:
            return min(after, key=lambda c: c.start)
    return min(candidates, key=lambda c: (_distance(c, published), c.start > published))


def _day_range(year: int, month: int, day: int, last_day: int | None) -> DateRange | None:
    try:
        start = date(year, month, day)
        end = date(year, month, last_day) if last_day else start
    except ValueError:
        return None
    return DateRange(start, end, "day") if end >= start else None


# --- handlers: one per rule of the grammar ----------------------------------------------------

Handler = Callable[[re.Match[str], "date | None", Tense, Vocabulary], "DateRange | None"]


def _group(match: re.Match[str], group: str) -> str | None:
    """The text of an optional group, None when the rule has no such group or it did not match."""
    return match.group(group) if group in match.re.groupindex else None


def _word(match: re.Match[str], group: str) -> str | None:
    """An optional group's words, lower-case, spaces collapsed, abbreviation dot dropped."""
    value = _group(match, group)
    return re.sub(r"\s+", " ", value.lower()).rstrip(".") if value else None


def _count(match: re.Match[str], vocab: Vocabulary) -> int | None:
    word = _word(match, "n")
    if word is None:
        return None
    return int(word) if word.isdigit() else vocab.numbers[word]


def _on_iso(match: re.Match[str], published: date | None, tense: Tense,
            vocab: Vocabulary) -> DateRange | None:
    return _day_range(int(_group(match, "year")), int(match["m"]), int(match["day"]), None)


def _on_calendar_day(match: re.Match[str], published: date | None, tense: Tense,
                     vocab: Vocabulary) -> DateRange | None:
    month = vocab.months[_word(match, "month")]
    day = int(match["day"])
    last_day = int(_group(match, "day2")) if _group(match, "day2") else None
    if _group(match, "year"):
        return _day_range(int(_group(match, "year")), month, day, last_day)
    if published is None:
        return None
    reach = 4 if (month, day) == (2, 29) else 1
    candidates = [found for year in range(published.year - reach, published.year + reach + 1)
                  if (found := _day_range(year, month, day, last_day))]
    weekday = _word(match, "wd")
    if weekday is not None:
        agreeing = [c for c in candidates if c.start.weekday() == vocab.weekdays[weekday]]
        candidates = agreeing or candidates
    return _pick(candidates, published, tense)


def _month_candidates(month: int, around: date) -> list[DateRange]:
    return [DateRange(date(year, month, 1), _month_end(year, month), "month")
            for year in range(around.year - 1, around.year + 2)]


def _on_month(match: re.Match[str], published: date | None, tense: Tense,
              vocab: Vocabulary) -> DateRange | None:
    month = vocab.months[_word(match, "month")]
    if _group(match, "year"):
        whole = DateRange(date(int(_group(match, "year")), month, 1),
                          _month_end(int(_group(match, "year")), month), "month")
    elif published is None:
        return None
    else:
        whole = _month_of(month, _word(match, "rel"), published, tense)
    part = _word(match, "part")
    return _part(whole, vocab.part_words[part], vocab) if part else whole


def _month_of(month: int, relation: str | None, published: date, tense: Tense) -> DateRange:
    candidates = _month_candidates(month, published)
    this_month = _period(published, "month")
    if relation in ("last", "past", "this past"):
        return max((c for c in candidates if c.end < this_month.start), key=lambda c: c.start)
    if relation in ("next", "coming", "this coming"):
        return min((c for c in candidates if c.start > this_month.end), key=lambda c: c.start)
    if relation == "this":
        return next(c for c in candidates if c.start.year == published.year)
    return _pick(candidates, published, tense)


def _on_year(match: re.Match[str], published: date | None, tense: Tense,
             vocab: Vocabulary) -> DateRange | None:
    year = int(_group(match, "year"))
    whole = DateRange(date(year, 1, 1), date(year, 12, 31), "year")
    part = _word(match, "part")
    return _part(whole, vocab.part_words[part], vocab) if part else whole


def _on_weekday(match: re.Match[str], published: date | None, tense: Tense,
                vocab: Vocabulary) -> DateRange | None:
    if published is None:
        return None
    weekday = vocab.weekdays[_word(match, "wd")]
    relation = _word(match, "rel")
    offsets = [k for k in range(-7, 8) if (published.weekday() + k) % 7 == weekday]
    if relation in ("last", "past", "this past"):
        offsets = [max(k for k in offsets if k < 0)]
    elif relation in ("next", "coming", "this coming"):
        offsets = [min(k for k in offsets if k > 0)]
    days = [published + timedelta(days=k) for k in offsets]
    return _pick([DateRange(day, day, "day") for day in days], published, tense)


def _on_named_day(match: re.Match[str], published: date | None, tense: Tense,
                  vocab: Vocabulary) -> DateRange | None:
    if published is None:
        return None
    day = published + timedelta(days=vocab.named_days[_word(match, "named")])
    return DateRange(day, day, "day")


def _on_relative_period(match: re.Match[str], published: date | None, tense: Tense,
                        vocab: Vocabulary) -> DateRange | None:
    """"last week", "next month", "this year"; with a part: "late last year", "early next week";
    with "earlier" / "later": "earlier this week" runs from the week's start to publication."""
    if published is None:
        return None
    unit = _word(match, "unit")
    which, part = _word(match, "which"), _word(match, "part")
    if not (_group(match, "rel") or which or part):
        return None  # "the year" alone: "the worst attack of the year" dates nothing
    relation = _word(match, "rel") or "this"
    whole = _period(_shift(published, vocab.relations.get(relation, 0), unit), unit)
    if which and relation in ("this", "current"):
        if which == "earlier":
            return DateRange(whole.start, published, unit)
        return DateRange(published, whole.end, unit)
    part = part or {"earlier": "early", "later": "late"}.get(which or "")
    return _part(whole, vocab.part_words.get(part, part), vocab) if part else whole


def _on_weekend(match: re.Match[str], published: date | None, tense: Tense,
                vocab: Vocabulary) -> DateRange | None:
    if published is None:
        return None
    relation = _word(match, "rel")
    saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
    weeks = {"last": -1, "next": 1, "coming": 1, "this": 0}.get(relation or "")
    if weeks is None:  # "over the weekend", "this past weekend": the tense decides
        candidates = [saturday + timedelta(days=7 * k) for k in (-1, 0)]
        if relation == "this past":
            tense = "past"
        ranges = [DateRange(day, day + timedelta(days=1), "week") for day in candidates]
        return _pick(ranges, published, tense)
    saturday += timedelta(days=7 * weeks)
    return DateRange(saturday, saturday + timedelta(days=1), "week")


def _on_season(match: re.Match[str], published: date | None, tense: Tense,
               vocab: Vocabulary) -> DateRange | None:
    first, length = vocab.seasons[_word(match, "season")]
    if _group(match, "year"):
        return _season(int(_group(match, "year")), first, length)
    if published is None:
        return None
    candidates = [_season(year, first, length)
                  for year in range(published.year - 2, published.year + 2)]
    relation = _word(match, "rel") or ""
    if relation in ("last", "past", "this past"):
        return max((c for c in candidates if c.end < published), key=lambda c: c.start)
    if relation in ("next", "coming", "this coming"):
        return min((c for c in candidates if c.start > published), key=lambda c: c.start)
    if relation == "this":
        containing = [c for c in candidates if _distance(c, published) == 0]
        return (containing or [c for c in candidates if c.start.year == published.year])[0]
    return _pick(candidates, published, tense)


def _season(year: int, first: int, length: int) -> DateRange:
    end = _add_months(date(year, first, 1), length - 1)
    return DateRange(date(year, first, 1), _month_end(end.year, end.month), "year")


def _on_ago(match: re.Match[str], published: date | None, tense: Tense,
            vocab: Vocabulary) -> DateRange | None:
    if published is None:
        return None
    unit, times = vocab.units[_word(match, "unit")]
    count = _count(match, vocab)
    if count is not None:
        return _period(_shift(published, -count * times, unit), unit)
    fewest, most = vocab.vague[_word(match, "q")][unit]
    precision = "day" if unit == "hour" else unit
    start, end = _shift(published, -most * times, unit), _shift(published, -fewest * times, unit)
    return DateRange(start, end, precision)


def _on_ahead(match: re.Match[str], published: date | None, tense: Tense,
              vocab: Vocabulary) -> DateRange | None:
    """"in two weeks" (the week two weeks on), "within two weeks" / "in the next two weeks"
    (from publication to then), "in a few weeks" / "in the coming days" (a vague range ahead),
    "in recent weeks" (a vague range back to publication)."""
    if published is None:
        return None
    unit, times = vocab.units[_word(match, "unit")]
    precision = "day" if unit == "hour" else unit
    count = _count(match, vocab)
    lead = _word(match, "lead")
    if count is not None:
        count *= times
        if lead in ("in", None) and not _group(match, "nx"):  # "in two weeks", "two weeks from now"
            return _period(_shift(published, count, unit), unit)
        return DateRange(published, _shift(published, count, unit), precision)
    quantity = _word(match, "q") or _word(match, "nx")
    if quantity is None:
        if lead != "within":
            return None  # "in years" ("the first time in years") is not a date
        quantity = "a few"  # "within weeks"
    fewest, most = (bound * times for bound in vocab.vague[quantity][unit])
    if quantity == "recent":
        return DateRange(_shift(published, -most, unit), published, precision)
    return DateRange(_shift(published, fewest, unit), _shift(published, most, unit), precision)


def _on_back_window(match: re.Match[str], published: date | None, tense: Tense,
                    vocab: Vocabulary) -> DateRange | None:
    """"in the past week", "over the last two years", "in the past 24 hours": up to publication."""
    if published is None:
        return None
    unit, times = vocab.units[_word(match, "unit")]
    count = _count(match, vocab)
    quantity = _word(match, "q")
    if count is None:
        count = vocab.vague[quantity][unit][1] if quantity else 1
    count *= times
    precision = "day" if unit == "hour" else unit
    return DateRange(_shift(published, -count, unit), published, precision)


def _on_by(match: re.Match[str], published: date | None, tense: Tense,
           vocab: Vocabulary) -> DateRange | None:
    """"by the end of the year", "by March", "by 2025": from publication to the period's end."""
    if published is None:
        return None
    if _group(match, "unit"):
        unit = _word(match, "unit")
        target = _period(_shift(published, vocab.relations.get(_word(match, "rel"), 0), unit), unit)
    elif _group(match, "month"):
        target = _on_month(match, published, "future", vocab)
    else:
        target = _on_year(match, published, tense, vocab)
    if target is None or target.end < published:
        return target
    return DateRange(published, target.end, target.precision)


def _on_week_of_month(match: re.Match[str], published: date | None, tense: Tense,
                      vocab: Vocabulary) -> DateRange | None:
    """"the first week of March": days 1-7; "the last week of February": its final seven days."""
    month = _on_month(match, published, tense, vocab)
    if month is None:
        return None
    which = vocab.weeks_of_month[_word(match, "ord")]
    if which < 0:
        return DateRange(month.end - timedelta(days=6), month.end, "week")
    start = month.start + timedelta(days=7 * (which - 1))
    return DateRange(start, min(start + timedelta(days=6), month.end), "week")


def _on_year_section(match: re.Match[str], published: date | None, tense: Tense,
                     vocab: Vocabulary) -> DateRange | None:
    """"Q1 2024", "the second half of next year": a run of months, year precision."""
    if _group(match, "year"):
        year = int(_group(match, "year"))
    elif published is None:
        return None
    else:
        year = published.year + vocab.relations.get(_word(match, "rel") or "this", 0)
    first, last = vocab.year_sections[_word(match, "section")]
    return DateRange(date(year, first, 1), _month_end(year, last), "year")


def _on_too_vague(match: re.Match[str], published: date | None, tense: Tense,
                  vocab: Vocabulary) -> DateRange | None:
    return None


# --- the grammar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One shape of date expression: its pattern and what it means."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    cues: tuple[str, ...] = ()  # in running text, one of these groups must have matched


# Each rule's pattern, with <PLACEHOLDERS> filled from the vocabulary by `_grammar`.
# The last item names the groups of which one must match in running text ("in May", not "May").
RULES: tuple[tuple[str, str, Handler, tuple[str, ...]], ...] = (
    ("iso", r"(?:on\s+)?(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?!\d)", _on_iso, ()),
    ("month_day", (r"(?:on\s+)?(?:<WD>,?\s+)?<MONTH>\s+<DAY>(?:\s*<TO>\s*<DAY2>)?"
                   r"(?:(?:,\s*|\s+)<YEAR>)?"), _on_calendar_day, ()),
    ("day_month", (r"(?:on\s+)?(?:<WD>,?\s+)?(?:the\s+)?<DAY>(?:\s*<TO>\s*<DAY2>)?\s+(?:of\s+)?"
                   r"<MONTH>(?:,?\s+<YEAR>)?"), _on_calendar_day, ()),
    ("month_year", r"(?:(?:in|during)\s+)?<MONTH>,?\s+<YEAR>", _on_month, ()),
    ("month", (r"(?:(?P<cue>in|during|of|(?P<rel>this\s+past|this\s+coming|this|last|next|past"
               r"|coming))\s+)?<MONTH>"), _on_month, ("cue",)),
    ("part_month", r"<PREP><PART>[\s\-\u2013]*(?:of\s+)?<MONTH>(?:,?\s+<YEAR>)?", _on_month, ()),
    ("part_year", r"<PREP><PART>[\s\-\u2013]*(?:of\s+)?<YEAR>", _on_year, ()),
    ("year", r"(?:(?P<cue>in|during|of|for)\s+)?<YEAR>", _on_year, ("cue",)),
    ("weekday", (r"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|on)\s+)?"
                 r"<WD>(?:\s+<DAYPART>)?"), _on_weekday, ()),
    ("named_day", r"<NAMED>", _on_named_day, ()),
    ("relative_period", (r"<PREP>(?:(?P<which>earlier|later)\s+(?:in\s+)?"
                         r"|<PART>[\s\-\u2013]*(?:of\s+)?)?"
                         r"(?:(?P<rel><REL>)|the)\s+(?P<unit>week|month|year)"),
     _on_relative_period, ()),
    ("weekend", (r"(?:(?:over|at|on|during|in)\s+)?(?:the\s+)?"
                 r"(?:(?P<rel>this\s+past|last|next|this|coming)\s+)?weekend"), _on_weekend, ()),
    ("season", (r"(?:(?P<cue>(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)"
                r"|(?:in|during|over|by)(?:\s+the)?)\s+)?(?:the\s+)?<SEASON>"
                r"(?:\s+(?:of\s+)?<YEAR>)?"), _on_season, ("cue", "year")),
    ("ago", r"(?:(?P<n><NUM>)|(?P<q><VAGUE>))\s+(?P<unit><UNIT>)\s+ago", _on_ago, ()),
    ("ahead", (r"(?P<lead>in|within|over|during)\s+(?:(?P<nx>the\s+next|the\s+coming)\s+)?"
               r"(?:(?:(?P<n><NUM>)|(?P<q><VAGUE>))\s+)?(?P<unit><UNIT>)"
               r"(?:'s\s+time|'?\s+time)?"), _on_ahead, ()),
    ("from_now", r"(?:(?P<n><NUM>)|(?P<q><VAGUE>))\s+(?P<unit><UNIT>)\s+from\s+(?:now|today)",
     _on_ahead, ()),
    ("week_of_month", r"<PREP>(?:the\s+)?(?P<ord><ORD>)\s+week\s+of\s+<MONTH>(?:,?\s+<YEAR>)?",
     _on_week_of_month, ()),
    ("year_section", (r"<PREP>(?:the\s+)?(?P<section><SECTION>)(?:\s+of)?\s+"
                      r"(?:<YEAR>|(?:(?P<rel>this|last|next)|the)\s+year)"), _on_year_section, ()),
    ("back_window", (r"(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last)\s+"
                     r"(?:(?P<q><VAGUE>)\s+|(?P<n><NUM>)\s+)?(?P<unit><UNIT>)"),
     _on_back_window, ()),
    ("by", (r"by\s+(?:the\s+end\s+of\s+)?(?:(?:(?P<rel>this|next)|the)\s+(?P<unit>week|month|year)"
            r"|<MONTH>(?:,?\s+<YEAR>)?)"), _on_by, ()),
    ("by_year", r"by\s+(?:the\s+end\s+of\s+)?<YEAR>", _on_by, ()),
    ("too_vague", r"<TOOVAGUE>", _on_too_vague, ()),
)


@functools.lru_cache(maxsize=1)
def _grammar() -> tuple[Rule, ...]:
    vocab = vocabulary()
    pieces = {
        "MONTH": f"(?P<month>{_alternation(vocab.months, abbreviations=_abbreviations(vocab))})",
        "WD": f"(?P<wd>{_alternation(vocab.weekdays)})",
        "DAYPART": _alternation(vocab.day_parts),
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)",
        "DAY2": r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)",
        "TO": r"(?:-|\u2013|to|and|through)",
        "YEAR": r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)",
        "NUM": rf"\d{{1,3}}|{_alternation(vocab.numbers)}",
        "VAGUE": _alternation(vocab.vague),
        "UNIT": _alternation(vocab.units),
        "PART": f"(?P<part>{_alternation(vocab.part_words)})",
        "PREP": r"(?:(?:in|on|at|during)\s+)?",
        "REL": _alternation(vocab.relations),
        "SEASON": f"(?P<season>{_alternation(vocab.seasons)})",
        "ORD": _alternation(vocab.weeks_of_month),
        "SECTION": _alternation(vocab.year_sections),
        "NAMED": f"(?P<named>{_alternation(vocab.named_days)})",
        "TOOVAGUE": _alternation(vocab.too_vague),
    }
    rules = []
    for name, template, handler, cues in RULES:
        source = re.sub(r"<([A-Z0-9]+)>", lambda m: pieces[m.group(1)], template)
        # Ends at a word's end, or between an ISO date and its time ("2024-01-03T10:00").
        pattern = re.compile(rf"(?<![\w-])(?:{source})(?:(?![\w])|(?<=\d)(?=T\d))", re.IGNORECASE)
        rules.append(Rule(name, pattern, handler, cues))
    return tuple(rules)


def _alternation(words: Any, abbreviations: frozenset[str] = frozenset()) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        part = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(part + r"\.?" if word in abbreviations else part)
    return "(?:" + "|".join(parts) + ")"


def _abbreviations(vocab: Vocabulary) -> frozenset[str]:
    """Month keys that are short forms of a longer key ("jan", "sept"): they may end in "."."""
    return frozenset(key for key, number in vocab.months.items()
                     if any(len(other) > len(key) and value == number
                            for other, value in vocab.months.items()))


# --- public functions -------------------------------------------------------------------------


def resolve_expression(text: str, published: date | None,
                       tense: Tense = "past") -> DateRange | None:
    """The dates `text` refers to, read against `published` in a clause of `tense`.

    Absolute dates with a year resolve on their own; everything else needs `published`. A
    year-less date takes the year that puts it nearest to publication in the tense's direction,
    and so does a bare weekday ("on Friday": the Friday before in a past clause, the one after in
    a future one, publication day itself either way). Durations ("for two years", "a few weeks")
    and loose words ("recently", "soon") resolve to None.

        >>> resolve_expression("in early February", date(2024, 1, 3), "future").start
        datetime.date(2024, 2, 1)
    """
    cleaned = _clean(text)
    vocab = vocabulary()
    for rule in _grammar():
        match = rule.pattern.fullmatch(cleaned)
        if match:
            return rule.handler(match, published, tense, vocab)
    return None


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip().rstrip(",;:").strip()


def find_expressions(text: str) -> list[Found]:
    """Every date expression in `text`, longest first where two overlap, in text order.

    Found by the same grammar `resolve_expression` uses; a month name must be capitalised ("May"
    the month, not "may" the verb), and a bare month, year or season needs its preposition
    ("in May", "in 2024", "this summer"), so that "Theresa May" or "2024 drones" are not dates.
    """
    hits: list[tuple[int, int, bool]] = []
    for rule in _grammar():
        for match in rule.pattern.finditer(text):
            if rule.cues and not any(_group(match, group) for group in rule.cues):
                continue
            month = _group(match, "month")
            if month and not month[0].isupper():
                continue
            hits.append((match.start(), match.end(), rule.name == "too_vague"))
    chosen: list[tuple[int, int, bool]] = []
    for start, end, vague in sorted(hits, key=lambda hit: (hit[0] - hit[1], hit[0])):
        if all(end <= other[0] or start >= other[1] for other in chosen):
            chosen.append((start, end, vague))
    return [Found(start, end, text[start:end], vague) for start, end, vague in sorted(chosen)]


def strip_preposition(found: Found, published: date | None, tense: Tense) -> Found:
    """`found` without a leading "on", "in", "at" or "during" when the words mean the same
    without it ("on Friday" -> "Friday"; "in two weeks" keeps its "in")."""
    match = PREPOSITIONS.match(found.text)
    if not match:
        return found
    rest = found.text[match.end():]
    if resolve_expression(rest, published, tense) != resolve_expression(found.text, published,
                                                                         tense):
        return found
    return Found(found.start + match.end(), found.end, rest, found.too_vague)


def calendar_day(text: str, year: int | None = None) -> date | None:
    """The single day `text` names ("Jan 3", "March 14, 2024", "Wednesday 3 January 2024",
    "2024-01-03"), taking `year` when the text has none; None for anything else."""
    cleaned = _clean(text)
    for rule in _grammar():
        if rule.name not in ("iso", "month_day", "day_month"):
            continue
        match = rule.pattern.fullmatch(cleaned)
        if not match or _group(match, "day2"):
            continue
        stated = _group(match, "year")
        if stated is None and year is None:
            return None
        month = (int(match["m"]) if rule.name == "iso"
                 else vocabulary().months[_word(match, "month")])
        found = _day_range(int(stated) if stated else year, month, int(match["day"]), None)
        return found.start if found else None
    return None
