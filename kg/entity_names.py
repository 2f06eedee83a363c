"""The names graph: every name (skos:prefLabel) and name key (news:nameKey) of every entity,
once each, gathered from the gazetteer and the article graphs.

An entity named in a thousand articles has its name in each of their graphs; a query that
looks a name up in the union of the graphs meets it a thousand times. The saved queries read
names from this graph instead: one row per name, whatever the number of articles.

Kept up to date incrementally: the names in the graphs a build wrote are added, and names that
no asserted graph holds any more are removed, which is exactly what a clean build would hold.
"""

from __future__ import annotations

from kg.names import ARTICLE_PREFIX, ENTITIES_GRAPH, NAMES_GRAPH, NEWS
from kg.ntriples import nquads
from kg.ntriples import term as nt

NAMING = f"{nt(NEWS.nameKey)} <http://www.w3.org/2004/02/skos/core#prefLabel>"
ASSERTED = f'(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}") || ?g = {nt(ENTITIES_GRAPH)})'

ALL = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {NAMING} }} GRAPH ?g {{ ?s ?p ?o }} FILTER{ASSERTED} }}"
IN_GRAPH = "SELECT ?s ?p ?o WHERE { VALUES ?p { %s } GRAPH <%s> { ?s ?p ?o } }"
UNHELD = f"""SELECT ?s ?p ?o WHERE {{ GRAPH {nt(NAMES_GRAPH)} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER{ASSERTED} }} }}"""


def refresh_names(store, written: set[str], everything: bool, bulk: bool = False) -> None:
    """Bring the names graph up to date. `written`: the article graphs this build wrote (their
    new versions are in the store); `everything`: gather all names again (a first build, or one
    after a killed build); `bulk`: write with the bulk loader (a first build)."""
    if everything:
        store.drop_graph(NAMES_GRAPH)
        store.add_nquads(nquads(set(store.select(ALL)), str(NAMES_GRAPH)), bulk=bulk)
        return
    new = set()
    for graph in sorted(written):
        new |= set(store.select(IN_GRAPH % (NAMING, graph)))
    store.remove_nquads(nquads(set(store.select(UNHELD)), str(NAMES_GRAPH)))
    store.add_nquads(nquads(new, str(NAMES_GRAPH)))  # the names held already are not added twice
