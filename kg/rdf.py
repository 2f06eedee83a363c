"""Turning one extracted Doc into the triples of its own named graph."""
from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.document import DateValue, Doc, Entity, Sentence
from kg.names import NEWS, NIF, SCHEMA, article_iri, name_key

DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(value: DateValue) -> Literal:
    return Literal(value.value, datatype=DATE_TYPES[value.precision])


def _describe(g: Graph, e: Entity) -> None:
    """Entities the gazetteer does not know are typed and labelled in the article's graph."""
    if not e.known:
        g.add((e.iri, RDF.type, NEWS[e.kind]))
        g.add((e.iri, RDFS.label, Literal(e.label)))
        g.add((e.iri, SKOS.prefLabel, Literal(e.label)))
        g.add((e.iri, NEWS.nameKey, Literal(name_key(e.label))))


def evidence(g: Graph, article: URIRef, s: Sentence) -> URIRef:
    """An RFC 5147 / NIF span node for a sentence: <article#char=start,end>."""
    node = URIRef(f"{article}#char={s.start},{s.end}")
    g.add((node, RDF.type, NEWS.Evidence))
    g.add((node, NIF.beginIndex, Literal(s.start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(s.end, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.anchorOf, Literal(s.text)))
    g.add((node, NEWS.inArticle, article))
    return node


def doc_to_graph(doc: Doc, g: Graph) -> URIRef:
    """Add the article's triples to `g` and return the article IRI."""
    a = article_iri(doc.stem)
    g.add((a, RDF.type, NEWS.Article))
    g.add((a, NEWS.sourceFile, Literal(doc.source_name)))
    g.add((a, NEWS.contentHash, Literal(hashlib.sha256(doc.raw).hexdigest())))
    if doc.hints.get("url"):
        g.add((a, SCHEMA.url, URIRef(doc.hints["url"])))
    if doc.title:
        g.add((a, NEWS.title, Literal(doc.title)))
        g.add((a, RDFS.label, Literal(doc.title)))
    if doc.publisher:
        _describe(g, doc.publisher)
        g.add((a, NEWS.publisher, doc.publisher.iri))
    if doc.published:
        g.add((a, NEWS.datePublished, date_literal(doc.published)))
        if doc.published_inferred:
            g.add((a, NEWS.datePublishedInferred, Literal(True)))
    else:
        g.add((a, NEWS.dateUnknown, Literal(True)))
    for prop, people in ((NEWS.author, doc.authors), (NEWS.editor, doc.editors)):
        for p in people:
            _describe(g, p)
            g.add((a, prop, p.iri))
    for m in doc.mentions:
        _describe(g, m.entity)
        g.add((a, NEWS.mentions, m.entity.iri))
    for e in doc.cited:
        _describe(g, e)
        g.add((a, NEWS.citesSource, e.iri))
    for ev in doc.events:
        _event(g, a, doc, ev)
    for i, r in enumerate(doc.relations):
        _relation(g, a, r)
    return a


def _event(g: Graph, a: URIRef, doc: Doc, ev) -> None:
    node = URIRef(f"{a}-event-{ev.trigger_start}")
    g.add((node, RDF.type, NEWS[ev.cls]))
    g.add((a, NEWS.reports, node))
    g.add((node, NEWS.trigger, Literal(ev.trigger)))
    names = [doc.entities[p].label for p in ev.participants if p in doc.entities]
    label = f"{ev.cls}: {', '.join(names) or 'unnamed'}" + (f" ({ev.date.value})" if ev.date else "")
    g.add((node, RDFS.label, Literal(label)))
    for p in ev.participants:
        g.add((node, NEWS.participant, p))
    for p in ev.claimed_by:
        g.add((node, NEWS.claimedBy, p))
    if ev.platform:
        g.add((node, NEWS.onPlatform, ev.platform))
    if ev.date:
        g.add((node, NEWS.date, date_literal(ev.date)))
    if ev.quote:
        g.add((node, NEWS.quote, Literal(ev.quote)))
    for s in [ev.sentence, *ev.extra_sentences]:
        g.add((node, NEWS.evidence, evidence(g, a, s)))


def _relation(g: Graph, a: URIRef, r) -> None:
    """The fact itself, plus an rdf:Statement that carries its evidence."""
    g.add((r.subject, NEWS[r.predicate], r.object))
    node = URIRef(f"{a}-fact-{r.sentence.start}-{r.predicate}-{hashlib.sha1(str(r.object).encode()).hexdigest()[:8]}")
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, r.subject))
    g.add((node, RDF.predicate, NEWS[r.predicate]))
    g.add((node, RDF.object, r.object))
    g.add((node, NEWS.evidence, evidence(g, a, r.sentence)))
