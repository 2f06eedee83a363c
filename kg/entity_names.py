"""The names graph: every name (skos:prefLabel) and name key (news:nameKey) of every entity,
once each, gathered from the gazetteer and the article graphs.

An entity named in a thousand articles has its name in each of their graphs; a query that
looks a name up in the union of the graphs meets it a thousand times. The saved queries read
names from this graph instead: one row per name, whatever the number of articles.

Kept up to date incrementally: the names in the graphs a build wrote are added, and names that
no asserted graph holds any more are removed, which is exactly what a clean build would hold.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from rdflib import Literal

from kg.names import ARTICLE_PREFIX, ENTITIES_GRAPH, NAMES_GRAPH, NEWS, name_key
from kg.ntriples import nquads
from kg.ntriples import term as nt
from kg.queries import QueryError

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


class UnknownName(QueryError):
    """A name no entity in the graph has: the message says so and suggests the closest name."""


LABEL_OF_KEY = """SELECT ?label WHERE { GRAPH %s { ?e %s %%s ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }
LIMIT 1""" % (nt(NAMES_GRAPH), nt(NEWS.nameKey))
KEYS_FROM = """SELECT DISTINCT ?key ?label WHERE { GRAPH %s { ?e %s ?key ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }
  FILTER(STRSTARTS(?key, %%s)) }""" % (nt(NAMES_GRAPH), nt(NEWS.nameKey))


def check_name(run: Callable[[str], Iterable], name: str) -> None:
    """Raise `UnknownName` unless an entity is named `name` (its name or an alias, in any case).
    `run` answers a SPARQL SELECT (a store's or an endpoint's query)."""
    key = name_key(name)
    if not key or list(run(LABEL_OF_KEY % nt(Literal(key)))):
        return
    raise UnknownName(unknown_name_message(run, name))


def unknown_name_message(run: Callable[[str], Iterable], name: str) -> str:
    """ "no entity named 'X' (did you mean 'Y'?)": the closest name that starts with the same letter."""
    key = name_key(name)
    labels = {str(k): str(label) for k, label in run(KEYS_FROM % nt(Literal(key[:1])))} if key else {}
    close = difflib.get_close_matches(key, sorted(labels), n=1, cutoff=0.75)
    hint = f" (did you mean {labels[close[0]]!r}?)" if close else ""
    return f"no entity named {name!r}{hint}"
