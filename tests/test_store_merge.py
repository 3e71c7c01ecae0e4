"""One event across outlets: which reports merge, which stay apart, planned -> occurred links."""

from __future__ import annotations

import itertools

import pytest
from test_store_builders import article, call_report, event, person

from readout.store import MergeRules, Store
from readout.store.merge import dyads, merge_key, report_range


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", create=True) as opened:
        yield opened


def _add(store, *reports):
    for readout, text in reports:
        store.add(readout, text=text)


def _event_sizes(store) -> list[int]:
    return sorted(len(e.sources) for e in store.events(limit=None))


# --- the rules, as pure functions ---------------------------------------------------------------

@pytest.mark.parametrize("kind, status, parts, key", [
    ("CONSULT", "occurred", ["UKR", "ITA"], "CONSULT|ITA,UKR|occurred"),
    ("CONSULT", "occurred", ["ITA", "UKR", "ITA"], "CONSULT|ITA,UKR|occurred"),
    ("CONSULT", "planned", ["UKR", "ITA"], "CONSULT|ITA,UKR|future"),
    ("AID", "intended", ["ITA", "UKR"], "AID|ITA,UKR|future"),
    ("AID", "negated", ["ITA", "UKR"], "AID|ITA,UKR|negated"),
    ("ASSAULT", "occurred", ["#12"], "ASSAULT|#12|occurred"),
    ("CONSULT", "occurred", [], None),
])
def test_merge_keys(kind, status, parts, key):
    assert merge_key(kind, status, parts) == key


@pytest.mark.parametrize("actors, recipients, expected", [
    (["UKR"], ["ITA"], {"ITA-UKR"}),
    (["ITA"], ["UKR"], {"ITA-UKR"}),
    (["UKR", "POL"], [], {"POL-UKR"}),
    (["UKR"], ["ITA", "FRA"], {"ITA-UKR", "FRA-UKR"}),
    (["UKR"], [], set()),
    (["UKR"], ["UKR"], set()),
])
def test_dyads_pair_the_two_sides(actors, recipients, expected):
    assert dyads(actors, recipients) == expected


@pytest.mark.parametrize("start, end, published, expected", [
    ("2024-03-12", "2024-03-12", "2024-03-14", ("2024-03-12", "2024-03-12")),
    (None, None, "2024-03-14", ("2024-03-14", "2024-03-14")),
    (None, None, "2024-03-14T09:30:00+01:00", ("2024-03-14", "2024-03-14")),
    ("2024-01", None, None, ("2024-01-01", "2024-01-31")),
    ("2024-02-01", "2024-02-29", None, ("2024-02-01", "2024-02-29")),
    ("2024", None, None, ("2024-01-01", "2024-12-31")),
    (None, None, None, None),
    ("not a date", None, None, None),
])
def test_report_range(start, end, published, expected):
    found = report_range(start, end, published)
    assert (found and (found[0].isoformat(), found[1].isoformat())) == expected


# --- merging in the database ----------------------------------------------------------------------

def test_three_outlets_a_day_apart_make_one_event_with_every_source(store):
    _add(store, call_report("a", "2024-03-12", "Dnipro Daily"),
         call_report("b", "2024-03-13", "Adriatic Wire"),
         call_report("c", "2024-03-14", "Continental Herald"))
    [merged] = store.events()
    assert [s.outlet for s in merged.sources] == [
        "Dnipro Daily", "Adriatic Wire", "Continental Herald"]
    assert all(s.evidence_text == ["held talks"] for s in merged.sources)
    assert merged.date == {"start": "2024-03-12", "end": "2024-03-14", "precision": "day"}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_merging_does_not_depend_on_arrival_order(store, order):
    # the middle report bridges two that are two days apart
    reports = [call_report("a", "2024-03-12", "A"), call_report("b", "2024-03-13", "B"),
               call_report("c", "2024-03-14", "C")]
    _add(store, *(reports[i] for i in order))
    assert _event_sizes(store) == [3]


@pytest.mark.parametrize("second, options, sizes", [
    ("2024-03-13", {}, [2]),                                  # a day apart: merged
    ("2024-03-15", {}, [1, 1]),                               # three days apart: two events
    ("2024-03-12", {"type": "SUPPORT"}, [1, 1]),              # another type
    ("2024-03-12", {"status": "negated"}, [1, 1]),            # incompatible status
    ("2024-03-12", {"status": "planned"}, [1, 1]),            # planned is not the call itself
    ("2024-03-12", {"mode": "visit"}, [2]),                   # the mode may differ between outlets
])
def test_what_merges_with_a_call_on_the_12th(store, second, options, sizes):
    _add(store, call_report("a", "2024-03-12", "A"), call_report("b", second, "B", **options))
    assert _event_sizes(store) == sizes


def test_planned_and_intended_are_compatible(store):
    _add(store, call_report("a", "2024-03-12", "A", status="planned"),
         call_report("b", "2024-03-12", "B", status="intended"))
    assert _event_sizes(store) == [2]


def test_reversed_sides_are_the_same_dyad(store):
    one = call_report("a", "2024-03-12", "A")
    two = article("b", published="2024-03-12", outlet="B",
                  actors=[person("meloni", "a1"), person("zelensky", "a2")],
                  events=[event("e1", ["a1"], ["a2"], "2024-03-12")])
    _add(store, one, two)
    assert _event_sizes(store) == [2]


def test_another_dyad_the_same_day_is_another_event(store):
    other = article("m", published="2024-03-12", outlet="A",
                    actors=[person("zelensky", "a1"), person("macron", "a2")],
                    events=[event("e1", ["a1"], ["a2"], "2024-03-12")])
    _add(store, call_report("a", "2024-03-12", "A"), other)
    assert _event_sizes(store) == [1, 1]


def test_a_report_without_date_or_participants_stays_alone(store):
    nobody = article("x", published="2024-03-12", outlet="A", actors=[],
                     events=[event("e1", [], [], "2024-03-12")])
    undated = call_report("u", None, "B", when=None)
    _add(store, call_report("a", "2024-03-12", "A"), nobody, undated)
    assert _event_sizes(store) == [1, 1, 1]


def test_a_wider_window_merges_more_and_is_remembered(tmp_path):
    with Store(tmp_path / "t.db", create=True, rules=MergeRules(window_days=3)) as store:
        _add(store, call_report("a", "2024-03-12", "A"), call_report("b", "2024-03-15", "B"))
        assert _event_sizes(store) == [2]
    with Store(tmp_path / "t.db") as store:
        assert store.rules.window_days == 3
        assert store.set_rules(MergeRules(window_days=0)) == 2
        assert _event_sizes(store) == [1, 1]


def test_a_new_version_that_drops_the_bridge_splits_the_event(store):
    _add(store, call_report("a", "2024-03-12", "A"), call_report("b", "2024-03-13", "B"),
         call_report("c", "2024-03-14", "C"))
    changed = article("b", published="2024-03-13", outlet="B", actors=[person("tusk", "a1")],
                      events=[], body="This story was corrected: no call took place.")
    readout, text = changed
    store.add(readout, text=text)
    assert _event_sizes(store) == [1, 1]


# --- planned -> occurred --------------------------------------------------------------------------

def _visit(article_id, published, status, when=None, end=None, basis="published", body=None):
    return article(
        article_id, published=published, outlet="Vistula Post", body=body,
        actors=[person("tusk", "a1"), person("zelensky", "a2")],
        events=[event("e1", ["a1"], ["a2"], when or published, status=status, mode="visit",
                      end=end, basis=basis)],
    )


@pytest.mark.parametrize("reports", [
    [("p", "2024-04-02", "planned"), ("o", "2024-04-09", "occurred")],
    [("o", "2024-04-09", "occurred"), ("p", "2024-04-02", "planned")],
])
def test_a_planned_visit_is_linked_to_the_visit(store, reports):
    _add(store, *(_visit(*r) for r in reports))
    planned, = store.events(_filter(status="planned"))
    occurred, = store.events(_filter(status="occurred"))
    assert planned.fulfilled_by == occurred.id
    assert occurred.fulfils == [planned.id]


@pytest.mark.parametrize("occurred_on, linked", [
    ("2024-04-09", True),    # within the stated range
    ("2024-05-20", False),   # long after the stated range
    ("2024-03-30", False),   # before it was announced
])
def test_a_planned_visit_with_a_stated_date_range(store, occurred_on, linked):
    _add(store, _visit("p", "2024-04-02", "planned", "2024-04-08", "2024-04-14", "text"),
         _visit("o", occurred_on, "occurred"))
    planned, = store.events(_filter(status="planned"))
    assert (planned.fulfilled_by is not None) is linked


def test_the_link_moves_when_the_visit_is_withdrawn(store):
    _add(store, _visit("p", "2024-04-02", "planned"), _visit("o", "2024-04-09", "occurred"))
    readout, text = _visit("o", "2024-04-09", "negated", body="Update: the visit was called off.")
    assert store.add(readout, text=text) == "version"
    planned, = store.events(_filter(status="planned"))
    assert planned.fulfilled_by is None


def _filter(**fields):
    from readout.store import EventFilter

    return EventFilter(**fields)
