"""Across articles: the same event reported by several outlets is linked as one (owl:sameAs).

Two graphs hold the links. `graph/links/matches` holds the pairs of reports that matched
(`same_event`); `graph/links` names each real event by its first report (the smallest IRI)
and holds `first owl:sameAs report` for every report of it, the first included, so that one
hop leads from any report to its event and from the event to all its reports, however long
the chain of matches that joined them. Only events that share a type and a participant (and could share a day)
are compared, so the work grows with the overlap, not with the square of the corpus; a build
that adds articles compares only their events with the ones already there.

Terms are N-Triples strings (`kg.ntriples`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rdflib.namespace import OWL, RDF

from kg.names import ARTICLE_PREFIX, GRAPH, LINKS_GRAPH, MATCHES_GRAPH, NEWS
from kg.ntriples import nquads, term

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
    """Same type, two or more shared participants (or one, with dates on both sides), no
    disagreement on platform, and the same date: the same day, the same month or year as
    written, or no date on either side, or no date on one side and the same platform on both.

    Dates must be equal, not merely compatible: links are joined transitively, and a month
    ('2024-05') compatible with two different days, or days one apart, would chain reports of
    different events into one group that grows with the corpus (at 10,000 generated articles,
    39 layoffs over five weeks had become one event)."""
    if x.cls != y.cls or x.graph == y.graph or x.cls in NOT_LINKED:
        return False
    if x.platform and y.platform and x.platform != y.platform:
        return False
    shared = x.participants & y.participants
    if x.date is None and y.date is None:
        return len(shared) >= 2
    if x.date is None or y.date is None:  # one side undated: the same platform must be named on both
        return len(shared) >= 2 and x.platform is not None and x.platform == y.platform
    one = len(shared) == 1 and len(x.participants) == len(y.participants) == 1
    return x.date == y.date and (len(shared) >= 2 or one)


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
    """The pairs of one bucket that could be linked: the same date, or no date on one side (a
    famous person's bucket holds thousands of events; comparing all pairs would be quadratic)."""
    by_date: dict[str | None, list[EventFacts]] = defaultdict(list)
    for e in bucket:
        by_date[e.date].append(e)
    undated = by_date.pop(None, [])
    yield from combinations(undated, 2)
    for events in by_date.values():
        yield from combinations(events, 2)
        yield from ((x, y) for x in events for y in undated)


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


# In the store: the events already there, the links graph, and bringing it up to date.

EVENTS_QUERY = """SELECT ?g ?ev ?cls ?p ?pl ?date WHERE {
  %s
  GRAPH ?g { ?a <%s> ?ev . ?ev a ?cls .
    OPTIONAL { ?ev <%s> ?p } OPTIONAL { ?ev <%s> ?pl } OPTIONAL { ?ev <%s> ?date } }
  FILTER(STRSTARTS(STR(?g), "%s"))
}"""


def stored_events(store, keys: Iterable[tuple[str, str]] = ()) -> list[EventFacts]:
    """Events in the store's article graphs: all of them, or those of one of the (class,
    participant) `keys`: the only ones an event with that key can be linked to."""
    values = " ".join(f"({c} {p})" for c, p in keys)
    restrict = "VALUES (?c ?q) { %s } ?ev <%s> ?q ; a ?c ." % (values, NEWS.participant) if values else ""
    rows = store.select(
        EVENTS_QUERY % (restrict, NEWS.reports, NEWS.participant, NEWS.onPlatform, NEWS.date, ARTICLE_PREFIX)
    )
    events: dict[str, EventFacts] = {}
    for g, ev, cls, p, pl, date in rows:
        e = events.get(ev)
        if e is None:
            e = events[ev] = EventFacts(ev, g[1:-1], cls)
        if p:
            e.participants = e.participants | {p}
        if pl:
            e.platform = pl
        if date:
            e.date = date[1 : date.index('"', 1)]
    return [e for e in events.values() if e.cls not in NOT_LINKED]


def stored_links(store, graph=MATCHES_GRAPH) -> set[tuple[str, str, str]]:
    """The owl:sameAs triples of the matches graph (or of `graph`)."""
    return {(a, SAME, b) for a, b in store.select("SELECT ?a ?b WHERE { GRAPH <%s> { ?a ?p ?b } }" % graph)}


def groups(links: set) -> list[tuple[str, ...]]:
    """Groups of events linked as one (connected by owl:sameAs), each sorted."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, _, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    found: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        found[root(x)].append(x)
    return sorted(tuple(sorted(g)) for g in found.values())


def canonical(matches: set) -> set[tuple[str, str, str]]:
    """`first owl:sameAs report` for every report of every group of matched reports."""
    return {(members[0], SAME, e) for members in groups(matches) for e in members}


def relink(store, new_events: list[EventFacts], changed: set[str], mode: str) -> set[tuple[str, str, str]]:
    """Replace the matches and links graphs and return the links. `mode`: `new` (the store held no articles
    before this build: link the new events among themselves), `incremental` (the links were
    current before this build: keep those between unchanged articles, link the new events with
    the stored events that share a type and a participant), or `all` (link everything stored)."""
    if mode == "new":
        matches = link_events(new_events)
    elif mode == "incremental":
        kept = {t for t in stored_links(store) if not {article_of_event(t[0]), article_of_event(t[2])} & changed}
        candidates: dict[str, EventFacts] = {}
        keys = sorted({(e.cls, p) for e in new_events for p in e.participants})
        for i in range(0, len(keys), 200):
            for e in stored_events(store, keys[i : i + 200]):
                if e.graph not in changed:
                    candidates[e.iri] = e
        matches = kept | link_new(new_events, candidates.values())
    else:
        matches = link_events(stored_events(store))
    links = canonical(matches)
    for graph, triples in ((MATCHES_GRAPH, matches), (LINKS_GRAPH, links)):
        store.drop_graph(graph)
        store.add_nquads(nquads(triples, str(graph)))
    return links


def article_of_event(event: str) -> str:
    """The article graph an event belongs to: <.../id/article-x-event-12> -> .../graph/article-x."""
    iri = event[1:-1]
    return str(GRAPH[iri[iri.rindex("/") + 1 : iri.rindex("-event-")]])
