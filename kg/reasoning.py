"""OWL RL reasoning behind one small interface, with owlrl's noise filtered out.

A reasoner takes the asserted graph (ontology + gazetteer + articles) and returns only the
*new* triples worth keeping. `owlrl` is the default; another engine can be registered by name.
"""
from __future__ import annotations

from typing import Callable, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD


class Reasoner(Protocol):
    def __call__(self, asserted: Graph) -> Graph: ...


REASONERS: dict[str, Reasoner] = {}
VOCABULARIES = (str(OWL), str(RDF), str(RDFS), str(XSD))
NOISE_TYPES = {OWL.Thing, RDFS.Resource, OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
               RDF.Property, OWL.NamedIndividual, RDFS.Datatype, OWL.AnnotationProperty}


def register(name: str) -> Callable[[Reasoner], Reasoner]:
    def deco(fn: Reasoner) -> Reasoner:
        REASONERS[name] = fn
        return fn
    return deco


def is_noise(s, p, o) -> bool:
    """What owlrl adds that tells a reader nothing: literal or blank subjects, reflexive links,
    typing everything as owl:Thing, axioms about the vocabularies and datatypes themselves."""
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode) or s == o:
        return True
    if str(s).startswith(VOCABULARIES):
        return True
    if p == RDF.type and o in NOISE_TYPES:
        return True
    if isinstance(o, URIRef) and str(o).startswith(str(XSD)):
        return True
    if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty,
             RDFS.domain, RDFS.range, OWL.inverseOf) and str(o).startswith(VOCABULARIES):
        return True
    return False


@register("owlrl")
def owlrl_reasoner(asserted: Graph) -> Graph:
    """OWL 2 RL closure with owlrl; returns the inferred triples only, noise removed."""
    from owlrl import DeductiveClosure, OWLRL_Semantics

    work = Graph()
    for t in asserted:
        work.add(t)
    DeductiveClosure(OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    inferred = Graph()
    for t in work:
        if t not in asserted and not is_noise(*t):
            inferred.add(t)
    return inferred


def infer(asserted: Graph, engine: str = "owlrl") -> Graph:
    """The triples `engine` derives from `asserted` that were not already there."""
    return REASONERS[engine](asserted)
