"""Across articles: the same event reported by several outlets is linked as one (owl:sameAs),
in a graph of its own that is derived again at every build."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections import defaultdict
from itertools import combinations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from kg.dates import dates_agree
from kg.names import NEWS

NOT_LINKED = {NEWS.Statement}  # two quotes are two statements, even on one day


@dataclass
class EventFacts:
    iri: URIRef
    graph: URIRef
    cls: URIRef
    participants: frozenset = field(default_factory=frozenset)
    platform: URIRef | None = None
    date: str | None = None


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
    return len(shared) >= 2 or (len(shared) == 1 and x.date is not None and y.date is not None
                                and len(x.participants) == len(y.participants) == 1)


def link_events(events: list[EventFacts]) -> Graph:
    """owl:sameAs between events of different articles that are one real-world event. Only
    events sharing a type and a participant are compared, so the work grows with the overlap,
    not with the square of the corpus."""
    buckets: dict[tuple, list[EventFacts]] = defaultdict(list)
    for e in events:
        for p in e.participants:
            buckets[(e.cls, p)].append(e)
    links = Graph()
    for bucket in buckets.values():
        for x, y in combinations(bucket, 2):
            if same_event(x, y):
                a, b = sorted((x.iri, y.iri), key=str)
                links.add((a, OWL.sameAs, b))
    return links
