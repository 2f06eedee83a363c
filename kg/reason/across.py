"""Reasoning across articles. Each article's inferences are made with the article; what needs
two articles comes from two places only: events linked as one (owl:sameAs copies every fact of
an event to the events it is the same as, and the property chain then meets participants of
both), and chains of a transitive property whose links sit in different articles. Each group of
linked events gets an inferred graph of its own, named by a hash of its members, so a build
derives again only the groups that are new or touch a changed article."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from rdflib import URIRef

from kg.linking import article_of_event, groups
from kg.names import ARTICLE_PREFIX, LINKS_INFERRED_GRAPH, MATCHES_GRAPH
from kg.ntriples import nquads
from kg.reason import reasoner as reasoner_named
from kg.reason.noise import is_noise
from kg.reason.rules import SAME

CROSS_PREFIX = str(LINKS_INFERRED_GRAPH) + "/"
TRANSITIVE_GRAPH = CROSS_PREFIX + "transitive"
MATCHES = f"<{MATCHES_GRAPH}>"
BATCH = 300  # IRIs or triples per query

SUBJECT_OF = "SELECT ?x ?p ?o ?g WHERE { VALUES ?x { %s } GRAPH ?g { ?x ?p ?o } }"
OBJECT_OF = "SELECT ?x ?s ?p ?g WHERE { VALUES ?x { %s } GRAPH ?g { ?s ?p ?x } }"
HELD = """SELECT DISTINCT ?s ?p ?o WHERE { VALUES (?s ?p ?o) { %s }
  GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), "%s")) }"""


def reason_across(store, links: set, changed: set[str] | None, bulk: bool = False, reasoner: str = "rules") -> int:
    """Bring the cross-article inferred graphs up to date with `links` (owl:sameAs triples);
    `changed`: the article graphs this build changed (None: all may have); `bulk`: write with
    the bulk loader (a first build); `reasoner`: its name. Returns the number of groups derived
    again."""
    existing = {str(n) for n in store.graph_names() if str(n).startswith(CROSS_PREFIX)}
    derived, stale = derive_across(store, links, changed, existing, reasoner)
    for name in sorted(stale):
        store.drop_graph(URIRef(name))
    store.add_nquads("".join(nquads(triples, name) for name, triples in sorted(derived.items())), bulk=bulk)
    return len(derived) - (TRANSITIVE_GRAPH in derived)


def derive_across(
    store, links: set, changed: set[str] | None, existing: set[str], reasoner: str = "rules"
) -> tuple[dict[str, set], set[str]]:
    """What the cross-article inferred graphs should hold: ({graph: triples} for the graphs to
    write, graphs to drop first). Only the groups that are new or touch a `changed` article
    (all, with None) are derived again, and the transitive chains when anything changed."""
    engine = reasoner_named(reasoner)
    wanted = {group_graph(g): g for g in groups(links)}
    todo = {
        name: members
        for name, members in wanted.items()
        if name not in existing or changed is None or any(article_of_event(e) in changed for e in members)
    }
    around = _around(store, sorted({e for members in todo.values() for e in members}))
    by_event = defaultdict(set)
    for t in links:
        by_event[t[0]].add(t)
    derived = {}
    for name, members in sorted(todo.items()):
        part = set().union(*(by_event[e] | around[e] for e in members))
        derived[name] = (_group_closure(engine, members, part), set(members))
    if changed is None or changed:
        part = set()
        for p in sorted(engine.transitive):
            part |= set(
                store.select(
                    'SELECT ?s ?o WHERE { GRAPH ?g { ?s %s ?o } FILTER(STRSTARTS(STR(?g), "%s")) }'
                    % (p, ARTICLE_PREFIX)
                )
            )
        derived[TRANSITIVE_GRAPH] = (engine.across(part) if part else set(), set())
    held = _held(
        store,
        [t for inferred, members in derived.values() for t in inferred if t[0] not in members and t[2] not in members],
    )
    stale = (existing - wanted.keys() - {TRANSITIVE_GRAPH}) | (derived.keys() & existing)
    return {name: inferred - held for name, (inferred, _) in derived.items()}, stale


def _group_closure(engine, members: tuple[str, ...], part: set) -> set:
    """What one group's triples imply. OWL RL's owl:sameAs copies every fact of each report to
    every other (k² copies for k reports), so the closure is taken once over the group collapsed
    to its first report, then copied to each member: the same triples, with the joins done once
    instead of k² times. Where the closure makes new owl:sameAs (a functional property), the
    group is reasoned over as it is."""
    first, rest = members[0], set(members)
    one = {(first if s in rest else s, p, first if o in rest else o) for s, p, o in part if p != SAME}
    implied = engine.across(one)
    if any(p == SAME for _, p, _ in implied):
        return engine.across(part)

    def each(x: str) -> tuple[str, ...]:
        return members if x == first else (x,)

    copies = {(s2, p, o2) for s, p, o in one | implied for s2 in each(s) for o2 in each(o)}
    copies |= {(a, SAME, b) for a in members for b in members}
    return {t for t in copies - part if not is_noise(*t)}


def _around(store, events: list[str]) -> dict[str, set]:
    """Every triple with one of `events` as subject or object, outside the cross-article graphs
    and the matches graph (matches are evidence, not identity)."""
    out: dict[str, set] = defaultdict(set)
    for i in range(0, len(events), BATCH):
        values = " ".join(events[i : i + BATCH])
        for x, p, o, g in store.select(SUBJECT_OF % values):
            if not g[1:].startswith(CROSS_PREFIX) and g != MATCHES:
                out[x].add((x, p, o))
        for x, s, p, g in store.select(OBJECT_OF % values):
            if not g[1:].startswith(CROSS_PREFIX) and g != MATCHES:
                out[x].add((s, p, x))
    return out


def _held(store, candidates: list[tuple]) -> set:
    """Those of `candidates` the store holds outside the cross-article graphs. (A triple about a
    linked event is not asked for: were it held, it would have been part of the reasoner's
    input, and the reasoner returns only new triples.)"""
    candidates = sorted(set(candidates))
    held = set()
    for i in range(0, len(candidates), BATCH):
        values = " ".join(f"({s} {p} {o})" for s, p, o in candidates[i : i + BATCH])
        held |= set(store.select(HELD % (values, CROSS_PREFIX)))
    return held


def group_graph(members: tuple[str, ...]) -> str:
    """The cross-article inferred graph of one group: named by a hash of its members."""
    return CROSS_PREFIX + hashlib.sha1("\n".join(members).encode()).hexdigest()[:16]
