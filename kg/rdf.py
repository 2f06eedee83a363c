"""Turning one extracted Doc into the triples of its own named graph, every fact traceable:
events and relations to their sentences, mentions to their NIF phrases, citations to theirs."""
from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.document import DateValue, Doc, Entity, Sentence
from kg.names import ITSRDF, NEWS, NIF, SCHEMA, article_iri, name_key

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


def span(g: Graph, article: URIRef, start: int, end: int, text: str, kind=NEWS.Evidence) -> URIRef:
    """An RFC 5147 / NIF span node: <article#char=start,end>."""
    node = URIRef(f"{article}#char={start},{end}")
    g.add((node, RDF.type, kind))
    # xsd:integer, not NIF's nonNegativeInteger: stores such as Oxigraph normalise to it anyway
    g.add((node, NIF.beginIndex, Literal(start)))
    g.add((node, NIF.endIndex, Literal(end)))
    g.add((node, NIF.anchorOf, Literal(text)))
    g.add((node, NEWS.inArticle, article))
    return node


def evidence(g: Graph, article: URIRef, s: Sentence) -> URIRef:
    return span(g, article, s.start, s.end, s.text)


def fact(g: Graph, article: URIRef, s, p, o, sentence: Sentence | None, sources=()) -> None:
    """Assert (s, p, o) and, when it came from a sentence, an rdf:Statement carrying that evidence
    and the sources the sentence cites."""
    g.add((s, p, o))
    if sentence is None:
        return
    node = URIRef(f"{article}-fact-{hashlib.sha1(f'{s} {p} {o} {sentence.start}'.encode()).hexdigest()[:12]}")
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, NEWS.evidence, evidence(g, article, sentence)))
    for src in sources:
        g.add((node, NEWS.accordingTo, src))


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
        phrase = span(g, a, m.start, m.end, m.text, NIF.Phrase)
        g.add((phrase, ITSRDF.taIdentRef, m.entity.iri))
    for at, source in doc.citations:
        _describe(g, source)
        fact(g, a, a, NEWS.citesSource, source.iri, doc.sentence_at(at))
    for ev in doc.events:
        _event(g, a, doc, ev)
    for r in doc.relations:
        fact(g, a, r.subject, NEWS[r.predicate], r.object, r.sentence, cited_in(doc, [r.sentence]))
    return a


def cited_in(doc: Doc, sentences: list[Sentence]) -> list:
    """The sources a citation cue in these sentences names ('Reuters memberitakan ...')."""
    return list(dict.fromkeys(e.iri for at, e in doc.citations if any(s.start <= at < s.end for s in sentences)))


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
    sentences = [ev.sentence, *ev.extra_sentences]
    for s in sentences:
        g.add((node, NEWS.evidence, evidence(g, a, s)))
    for src in cited_in(doc, sentences):
        g.add((node, NEWS.accordingTo, src))
