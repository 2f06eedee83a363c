"""Turning one extracted Doc into the triples of its own named graph, every fact traceable:
events and relations to their sentences, mentions to their NIF phrases, citations to theirs.

Triples are tuples of N-Triples term strings (`kg.ntriples`): built as text, because an
article's graph goes to the reasoner and the store as text anyway.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.document import DateValue, Doc, Entity, Sentence
from kg.lang import event_types
from kg.names import ITSRDF, NEWS, NIF, SCHEMA, article_iri, name_key
from kg.ntriples import ESCAPES, term

DATE_TYPES = {"day": term(XSD.date), "month": term(XSD.gYearMonth), "year": term(XSD.gYear)}
INTEGER, BOOLEAN_TRUE = term(XSD.integer), f'"true"^^{term(XSD.boolean)}'
TYPE, LABEL, PREF_LABEL, ALT_LABEL = term(RDF.type), term(RDFS.label), term(SKOS.prefLabel), term(SKOS.altLabel)
STATEMENT, SUBJECT, PREDICATE, OBJECT = (term(RDF[x]) for x in ("Statement", "subject", "predicate", "object"))
BEGIN, END, ANCHOR, PHRASE = term(NIF.beginIndex), term(NIF.endIndex), term(NIF.anchorOf), term(NIF.Phrase)
IDENT_REF, URL, IN_LANGUAGE = term(ITSRDF.taIdentRef), term(SCHEMA.url), term(SCHEMA.inLanguage)
N = {
    name: term(NEWS[name])
    for name in (
        "Article",
        "Evidence",
        "sourceFile",
        "contentHash",
        "title",
        "publisher",
        "datePublished",
        "datePublishedInferred",
        "dateUnknown",
        "publisherUnknown",
        "author",
        "editor",
        "mentions",
        "citesSource",
        "reports",
        "trigger",
        "participant",
        "claimedBy",
        "onPlatform",
        "date",
        "quote",
        "evidence",
        "accordingTo",
        "inArticle",
        "nameKey",
    )
}


def literal(text: str) -> str:
    return f'"{text.translate(ESCAPES)}"'


def date_literal(value: DateValue) -> str:
    return f'"{value.value}"^^{DATE_TYPES[value.precision]}'


def iri(x) -> str:
    return f"<{x}>"


def _describe(g: set, e: Entity) -> None:
    """Entities the gazetteer does not know are typed and labelled in the article's graph."""
    if not e.known:
        s, label = iri(e.iri), literal(e.label)
        g.add((s, TYPE, term(NEWS[e.kind])))
        g.add((s, LABEL, label))
        g.add((s, PREF_LABEL, label))
        g.add((s, N["nameKey"], literal(name_key(e.label))))


def span(g: set, article: str, start: int, end: int, text: str, kind: str = N["Evidence"]) -> str:
    """An RFC 5147 / NIF span node: <article#char=start,end>."""
    node = f"<{article[1:-1]}#char={start},{end}>"
    g.add((node, TYPE, kind))
    # xsd:integer, not NIF's nonNegativeInteger: stores such as Oxigraph normalise to it anyway
    g.add((node, BEGIN, f'"{start}"^^{INTEGER}'))
    g.add((node, END, f'"{end}"^^{INTEGER}'))
    g.add((node, ANCHOR, literal(text)))
    g.add((node, N["inArticle"], article))
    return node


def evidence(g: set, article: str, s: Sentence) -> str:
    return span(g, article, s.start, s.end, s.text)


def fact(g: set, article: str, s: str, p: str, o: str, sentence: Sentence | None, sources=()) -> None:
    """Assert (s, p, o) and, when it came from a sentence, an rdf:Statement carrying that evidence
    and the sources the sentence cites."""
    g.add((s, p, o))
    if sentence is None:
        return
    key = f"{s[1:-1]} {p[1:-1]} {o[1:-1]} {sentence.start}"
    node = f"<{article[1:-1]}-fact-{hashlib.sha1(key.encode()).hexdigest()[:12]}>"
    g.add((node, TYPE, STATEMENT))
    g.add((node, SUBJECT, s))
    g.add((node, PREDICATE, p))
    g.add((node, OBJECT, o))
    g.add((node, N["evidence"], evidence(g, article, sentence)))
    for src in sources:
        g.add((node, N["accordingTo"], src))


def doc_to_graph(doc: Doc, g: set) -> str:
    """Add the article's triples to the set `g` and return the article IRI (N-Triples)."""
    a = iri(article_iri(doc.key))
    g.add((a, TYPE, N["Article"]))
    g.add((a, N["sourceFile"], literal(doc.source_name)))
    g.add((a, N["contentHash"], literal(hashlib.sha256(doc.raw).hexdigest())))
    g.add((a, IN_LANGUAGE, literal(doc.lang)))  # a BCP 47 code: the folder of kg/lang it was read with
    if doc.hints.get("url"):
        g.add((a, URL, term(URIRef(doc.hints["url"]))))
    if doc.title:
        g.add((a, N["title"], literal(doc.title)))
        g.add((a, LABEL, literal(doc.title)))
    if doc.publisher:
        _describe(g, doc.publisher)
        g.add((a, N["publisher"], iri(doc.publisher.iri)))
    else:
        g.add((a, N["publisherUnknown"], BOOLEAN_TRUE))
    if doc.published:
        g.add((a, N["datePublished"], date_literal(doc.published)))
        if doc.published_inferred:
            g.add((a, N["datePublishedInferred"], BOOLEAN_TRUE))
    else:
        g.add((a, N["dateUnknown"], BOOLEAN_TRUE))
    for prop, people in ((N["author"], doc.authors), (N["editor"], doc.editors)):
        for p in people:
            _describe(g, p)
            g.add((a, prop, iri(p.iri)))
    for m in doc.mentions:
        _describe(g, m.entity)
        if m.entity.kind == "Organization" and not m.entity.known and " ".join(m.text.split()) != m.entity.label:
            g.add((iri(m.entity.iri), ALT_LABEL, literal(" ".join(m.text.split()))))  # 'PT ... Tbk', a short form
        g.add((a, N["mentions"], iri(m.entity.iri)))
        phrase = span(g, a, m.start, m.end, m.text, PHRASE)
        g.add((phrase, IDENT_REF, iri(m.entity.iri)))
    for at, source in doc.citations:
        _describe(g, source)
        fact(g, a, a, N["citesSource"], iri(source.iri), doc.sentence_at(at))
    cites = Citations(doc)
    for ev in doc.events:
        _event(g, a, doc, ev, cites)
    for r in doc.relations:
        fact(g, a, iri(r.subject), term(NEWS[r.predicate]), iri(r.object), r.sentence, cites.cited_in([r.sentence]))
    return a


class Citations:
    """The sources cited in an article by offset, to ask which a few sentences cite."""

    def __init__(self, doc: Doc):
        pairs = sorted((at, i) for i, (at, _) in enumerate(doc.citations))
        self.offsets = [at for at, _ in pairs]
        self.sources = [(i, iri(doc.citations[i][1].iri)) for _, i in pairs]

    def cited_in(self, sentences: list[Sentence]) -> list[str]:
        """The sources a citation cue in these sentences names ('Reuters memberitakan ...'), in
        the article's citation order."""
        found = []
        for s in sentences:
            found += self.sources[bisect_left(self.offsets, s.start) : bisect_left(self.offsets, s.end)]
        return list(dict.fromkeys(src for _, src in sorted(found)))


def _event(g: set, a: str, doc: Doc, ev, cites: Citations) -> None:
    node = f"<{a[1:-1]}-event-{ev.trigger_start}>"
    g.add((node, TYPE, term(NEWS[ev.cls])))
    g.add((a, N["reports"], node))
    g.add((node, N["trigger"], literal(ev.trigger)))
    names = [doc.entities[p].label for p in ev.participants if p in doc.entities]
    what = f" ({doc.entities[ev.object].label})" if ev.object in doc.entities else ""  # 'Ban (Tambang Cuan)'
    label = f"{ev.cls}{what}: {', '.join(names) or 'unnamed'}" + (f" ({ev.date.value})" if ev.date else "")
    g.add((node, LABEL, literal(label)))
    for p in ev.participants:
        g.add((node, N["participant"], iri(p)))
    for p in ev.claimed_by:
        g.add((node, N["claimedBy"], iri(p)))
    if ev.platform:
        g.add((node, N["onPlatform"], iri(ev.platform)))
    if ev.object and event_types()[ev.cls].object:
        g.add((node, term(NEWS[event_types()[ev.cls].object]), iri(ev.object)))
    if ev.date:
        g.add((node, N["date"], date_literal(ev.date)))
    if ev.quote:
        g.add((node, N["quote"], literal(ev.quote)))
    sentences = [ev.sentence, *ev.extra_sentences]
    for s in sentences:
        g.add((node, N["evidence"], evidence(g, a, s)))
    for src in cites.cited_in(sentences):
        g.add((node, N["accordingTo"], src))
