"""Who engaged whom: a period's dyad tallies as a graph of countries, placed for drawing.

Nodes go on a circle, busiest first and clockwise from the top, so the picture is the same on
every load and the busiest countries are easy to find; plotly.js draws it (edges as lines whose
width is the number of events and whose colour is the mean cooperation-conflict score).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass


@dataclass
class Link:
    """A dyad's events in the period and their mean score (None when none could be scored)."""

    a: str
    b: str
    events: int
    score: float | None


def busiest(counts: dict[str, int], max_nodes: int, max_edges: int
            ) -> tuple[list[tuple[str, int]], list[Link], bool]:
    """The `max_nodes` codes with most events and the `max_edges` busiest dyads among them.

    `counts` are events per dyad ("ITA-UKR"). Returns (nodes as (code, events), links without
    scores, truncated): truncated says something was left out.
    """
    totals: dict[str, int] = {}
    for dyad, events in counts.items():
        a, _, b = dyad.partition("-")
        totals[a] = totals.get(a, 0) + events
        totals[b] = totals.get(b, 0) + events
    nodes = heapq.nsmallest(max_nodes, totals.items(), key=lambda item: (-item[1], item[0]))
    kept = {code for code, _ in nodes}
    inside = []
    for dyad, events in counts.items():
        a, _, b = dyad.partition("-")
        if a in kept and b in kept:
            inside.append(Link(a, b, events, None))
    inside.sort(key=lambda link: (-link.events, link.a, link.b))
    truncated = len(nodes) < len(totals) or len(inside) > max_edges
    return nodes, inside[:max_edges], truncated


def circle(count: int) -> list[tuple[float, float]]:
    """`count` points on the unit circle, the first at the top, going clockwise."""
    if count == 1:
        return [(0.0, 0.0)]
    angles = [2 * math.pi * i / count for i in range(count)]
    return [(round(math.sin(a), 4) + 0.0, round(math.cos(a), 4) + 0.0) for a in angles]  # no -0.0
