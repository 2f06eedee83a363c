"""What an OWL RL reasoner adds that tells a reader nothing, kept out of the inferred graphs.
Terms are N-Triples strings (`kg.ntriples`)."""

from __future__ import annotations

from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.ntriples import term

VOCABULARIES = tuple(f"<{ns}" for ns in (OWL, RDF, RDFS, XSD))
XSD_TERM = f"<{XSD}"
TYPE = term(RDF.type)
NOISE_TYPES = {
    term(t)
    for t in (
        OWL.Thing,
        RDFS.Resource,
        OWL.Class,
        RDFS.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        RDF.Property,
        OWL.NamedIndividual,
        RDFS.Datatype,
        OWL.AnnotationProperty,
    )
}
SCHEMA_LINKS = {
    term(t)
    for t in (
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        RDFS.domain,
        RDFS.range,
        OWL.inverseOf,
    )
}


def is_noise(s: str, p: str, o: str) -> bool:
    """Literal or blank subjects, reflexive links, typing everything as owl:Thing, axioms about
    the vocabularies and datatypes themselves."""
    if s[0] in '"_' or o.startswith("_:") or s == o:
        return True
    if s.startswith(VOCABULARIES):
        return True
    if p == TYPE and o in NOISE_TYPES:
        return True
    if o.startswith(XSD_TERM):
        return True
    return p in SCHEMA_LINKS and o.startswith(VOCABULARIES)
