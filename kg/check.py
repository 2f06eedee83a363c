"""`kg check`: what a store holds beside what its articles imply, computed again from scratch.

A build keeps the links between events, the inferred graphs and the names graph up to date
incrementally; `check` recomputes each of them from the article graphs alone (linking every
stored event, reasoning over every article and every group of linked events, gathering every
name) and reports what differs. A store that a build finished, or healed after a kill, has no
differences.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.entity_names import ALL, IN_GRAPH, NAMING
from kg.linking import canonical, link_events, stored_events, stored_links
from kg.names import ARTICLE_PREFIX, LINKS_GRAPH, NAMES_GRAPH, inferred_graph
from kg.reason import reasoner as reasoner_named
from kg.reason.across import CROSS_PREFIX, derive_across

GRAPH_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH <%s> { ?s ?p ?o } }"


@dataclass
class CheckReport:
    """Differences between the store and a recomputation, as (what, graph, count) lines."""

    articles: int = 0
    groups: int = 0
    differences: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def check(store, reasoner: str = "rules", progress=None) -> CheckReport:
    """Recompute the links, the inferred graphs and the names graph of `store` and compare."""
    report = CheckReport()
    names = [str(n) for n in store.graph_names()]
    articles = [n for n in names if n.startswith(ARTICLE_PREFIX)]
    report.articles = len(articles)
    events = stored_events(store)
    matches = link_events(events)
    _compare(report, "links", "graph/links/matches", matches, stored_links(store))
    links = canonical(matches, {e.iri: e for e in events})
    _compare(report, "links", "graph/links", links, stored_links(store, LINKS_GRAPH))
    engine = reasoner_named(reasoner)
    for name in articles:
        asserted = set(store.select(GRAPH_TRIPLES % name))
        inferred = str(inferred_graph(name))
        _compare(report, "inferred", inferred, engine.article(asserted), set(store.select(GRAPH_TRIPLES % inferred)))
        if progress:
            progress(name)
    existing = {n for n in names if n.startswith(CROSS_PREFIX)}
    derived, _ = derive_across(store, links, None, existing, reasoner)
    report.groups = len(derived) - 1
    for name in sorted(existing | derived.keys()):
        held = set(store.select(GRAPH_TRIPLES % name)) if name in existing else set()
        _compare(report, "inferred across articles", name, derived.get(name, set()), held)
    _compare(
        report, "names", str(NAMES_GRAPH), set(store.select(ALL)), set(store.select(IN_GRAPH % (NAMING, NAMES_GRAPH)))
    )
    return report


def _compare(report: CheckReport, what: str, graph: str, expected: set, held: set) -> None:
    counts = Counter({"missing": len(expected - held), "not implied": len(held - expected)})
    for kind, n in sorted(counts.items()):
        if n:
            report.differences.append((f"{what}: {kind}", graph, n))
