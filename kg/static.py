"""The static part of every build: the ontology and the gazetteer as graphs, the same bytes from
run to run (blank nodes replaced by canonical skolem IRIs), gazetteer names keyed for queries."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import SKOS

from kg.names import ENTITIES_GRAPH, NEWS, ONTOLOGY_GRAPH, name_key
from kg.resources import ontology_file

SKOLEM = "https://w3id.org/newskg/.well-known/genid/"


def static_graphs() -> dict[URIRef, Graph]:
    """The ontology and the gazetteer by graph name."""
    out = {}
    for iri, name in ((ONTOLOGY_GRAPH, "news.ttl"), (ENTITIES_GRAPH, "entities.ttl")):
        g = Graph().parse(str(ontology_file(name)), format="turtle")
        if any(isinstance(x, BNode) for t in g for x in t):
            g = to_canonical_graph(g)
        skolem = Graph()
        for s, p, o in g:
            skolem.add(tuple(URIRef(SKOLEM + str(x)) if isinstance(x, BNode) else x for x in (s, p, o)))
        out[iri] = skolem
    add_name_keys(out[ENTITIES_GRAPH])
    return out


def add_name_keys(g: Graph) -> None:
    """news:nameKey for every label and alias of the gazetteer's entities."""
    for s, label in list(g.subject_objects(SKOS.prefLabel)) + list(g.subject_objects(SKOS.altLabel)):
        g.add((s, NEWS.nameKey, Literal(name_key(str(label)))))
