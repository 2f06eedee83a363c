"""Across articles: the same event reported by several outlets is linked as one (owl:sameAs),
in a graph of its own. Only events that share a type and a participant are compared, so the
work grows with the overlap, not with the square of the corpus; a build that adds articles
compares only their events with the ones already there.

Terms are N-Triples strings (`kg.ntriples`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rdflib.namespace import OWL, RDF

from kg.dates import dates_agree
from kg.names import NEWS
from kg.ntriples import term

SAME = term(OWL.sameAs)
TYPE = term(RDF.type)
REPORTS, PARTICIPANT, PLATFORM, DATE = (term(NEWS[x]) for x in ("reports", "participant", "onPlatform", "date"))
NOT_LINKED = {term(NEWS.Statement), term(NEWS.Event)}  # two quotes are two statements, even on one day


@dataclass
class EventFacts:
    iri: str
    graph: str
    cls: str
    participants: frozenset = field(default_factory=frozenset)
    platform: str | None = None
    date: str | None = None  # the lexical form: '2024-08-13', '2024-08' or '2024'


def events_of(graph: str, triples: Iterable[tuple[str, str, str]]) -> list[EventFacts]:
    """The linkable events one article graph reports, from its asserted triples."""
    triples = list(triples)
    reported = {o for s, p, o in triples if p == REPORTS}
    facts = {}
    for s, p, o in triples:
        if s in reported and p == TYPE and o not in NOT_LINKED:
            facts[s] = EventFacts(s, graph, o)
    for s, p, o in triples:
        e = facts.get(s)
        if e is None:
            continue
        if p == PARTICIPANT:
            e.participants = e.participants | {o}
        elif p == PLATFORM:
            e.platform = o
        elif p == DATE:
            e.date = o[1 : o.index('"', 1)]
    return sorted(facts.values(), key=lambda e: e.iri)


def same_event(x: EventFacts, y: EventFacts) -> bool:
    """Same type, two or more shared participants (or one, with dates on both sides that agree),
    and no disagreement on platform or date."""
    if x.cls != y.cls or x.graph == y.graph or x.cls in NOT_LINKED:
        return False
    if x.platform and y.platform and x.platform != y.platform:
        return False
    if not dates_agree(x.date, y.date):
        return False
    shared = x.participants & y.participants
    return len(shared) >= 2 or (
        len(shared) == 1 and x.date is not None and y.date is not None and len(x.participants) == len(y.participants) == 1
    )


def _link(x: EventFacts, y: EventFacts) -> tuple[str, str, str]:
    a, b = sorted((x.iri, y.iri))
    return (a, SAME, b)


def link_events(events: Iterable[EventFacts]) -> set[tuple[str, str, str]]:
    """owl:sameAs between events of different articles that are one real-world event."""
    buckets: dict[tuple, list[EventFacts]] = defaultdict(list)
    for e in events:
        for p in e.participants:
            buckets[(e.cls, p)].append(e)
    return {_link(x, y) for bucket in buckets.values() for x, y in _pairs(bucket) if same_event(x, y)}


def _pairs(bucket: list[EventFacts]) -> Iterable[tuple[EventFacts, EventFacts]]:
    """The pairs of one bucket whose dates could agree: events dated to the day meet only those
    of the same or the next day and the coarser or missing dates (a famous person's bucket
    holds thousands of events; comparing all pairs would be quadratic)."""
    by_day: dict[str, list[EventFacts]] = defaultdict(list)
    coarse = []
    for e in bucket:
        (by_day[e.date] if e.date and len(e.date) == 10 else coarse).append(e)
    yield from combinations(coarse, 2)
    for day, events in by_day.items():
        yield from combinations(events, 2)
        yield from ((x, y) for x in events for y in coarse)
        yield from ((x, y) for x in events for y in by_day.get(_next_day(day), ()))


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def link_new(new: list[EventFacts], candidates: Iterable[EventFacts]) -> set[tuple[str, str, str]]:
    """The links of `new` events, among themselves and to `candidates` (events already linked
    among themselves)."""
    buckets: dict[tuple, list[EventFacts]] = defaultdict(list)
    for e in candidates:
        for p in e.participants:
            buckets[(e.cls, p)].append(e)
    links = link_events(new)
    for x in new:
        for p in x.participants:
            links |= {_link(x, y) for y in buckets.get((x.cls, p), ()) if same_event(x, y)}
    return links
