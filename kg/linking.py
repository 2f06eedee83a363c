"""Across articles: the same event reported by several outlets is linked as one (owl:sameAs),
in a graph of its own that is derived again at every build."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.names import GRAPH, NEWS

NOT_LINKED = {NEWS.Statement}  # two quotes are two statements, even on one day


@dataclass
class EventFacts:
    iri: URIRef
    graph: URIRef
    cls: URIRef
    participants: frozenset = field(default_factory=frozenset)
    platform: URIRef | None = None
    date: str | None = None


def _dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if len(a) == len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def same_event(x: EventFacts, y: EventFacts) -> bool:
    """Same type, two or more shared participants (or one, with dates on both sides that agree),
    and no disagreement on platform or date."""
    if x.cls != y.cls or x.graph == y.graph or x.cls in NOT_LINKED:
        return False
    if x.platform and y.platform and x.platform != y.platform:
        return False
    if not _dates_agree(x.date, y.date):
        return False
    shared = x.participants & y.participants
    return len(shared) >= 2 or (len(shared) == 1 and x.date is not None and y.date is not None
                                and len(x.participants) == len(y.participants) == 1)


def article_events(ds: Dataset) -> list[EventFacts]:
    events = []
    for g in ds.graphs():
        if not str(g.identifier).startswith(str(GRAPH["article-"])):
            continue
        for ev in g.objects(None, NEWS.reports):
            cls = next((c for c in g.objects(ev, RDF.type) if c != NEWS.Event), None)
            date = g.value(ev, NEWS.date)
            events.append(EventFacts(ev, g.identifier, cls, frozenset(g.objects(ev, NEWS.participant)),
                                     g.value(ev, NEWS.onPlatform), str(date) if date is not None else None))
    return sorted(events, key=lambda e: str(e.iri))


def link_events(ds: Dataset) -> Graph:
    """owl:sameAs between events of different articles that are one real-world event."""
    links = Graph()
    for x, y in combinations(article_events(ds), 2):
        if same_event(x, y):
            links.add((x.iri, OWL.sameAs, y.iri))
    return links
