"""Why a triple is in the graph: the sentences an asserted triple came from, or, for an inferred
one, the asserted triples that imply it (inverse, symmetry, sub-property, sub-class, property
chain, transitivity, owl:sameAs), each with its own evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.names import ITSRDF, NEWS, NIF, is_inferred

EVENT_FACTS = {NEWS.participant, NEWS.onPlatform, NEWS.date, NEWS.claimedBy, NEWS.quote, RDF.type, NEWS.trigger}


@dataclass
class Evidence:
    article: URIRef
    begin: int
    end: int
    text: str


@dataclass
class Explanation:
    triple: tuple
    graphs: list = field(default_factory=list)  # where it is asserted
    evidence: list = field(default_factory=list)  # sentences / phrases it came from
    rule: str | None = None  # for an inferred triple: how
    because: list = field(default_factory=list)  # the Explanations of the triples that imply it
    reasons: list = field(default_factory=list)  # for two reports that matched: what they share

    @property
    def asserted(self) -> bool:
        return bool(self.graphs)


def _evidence(g: Graph, nodes) -> list[Evidence]:
    out = []
    for n in nodes:
        out.append(
            Evidence(
                g.value(n, NEWS.inArticle),
                int(g.value(n, NIF.beginIndex)),
                int(g.value(n, NIF.endIndex)),
                str(g.value(n, NIF.anchorOf)),
            )
        )
    return sorted(out, key=lambda e: (str(e.article), e.begin))


def asserted_evidence(g: Graph, s, p, o) -> list[Evidence]:
    """Evidence recorded in one article graph for (s, p, o)."""
    nodes = set()
    for st in g.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g:
            nodes |= set(g.objects(st, NEWS.evidence))
    if p in EVENT_FACTS and (None, NEWS.reports, s) in g:
        nodes |= set(g.objects(s, NEWS.evidence))
    if p == NEWS.reports:
        nodes |= set(g.objects(o, NEWS.evidence))
    if p == NEWS.mentions:
        nodes |= {ph for ph in g.subjects(ITSRDF.taIdentRef, o) if (ph, NEWS.inArticle, s) in g}
    return _evidence(g, nodes)


class Explainer:
    def __init__(self, ds: Dataset):
        self.ds = ds
        self.asserted = Graph()
        self.where: dict[tuple, list] = {}
        for s, p, o, c in ds.quads((None, None, None, None)):
            if not is_inferred(c):
                self.asserted.add((s, p, o))
                self.where.setdefault((s, p, o), []).append(c)
        self.union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            self.union.add((s, p, o))

    def explain(self, s, p, o, depth: int = 3) -> Explanation:
        t = (s, p, o)
        ex = Explanation(t, graphs=sorted(self.where.get(t, []), key=str))
        if ex.graphs:
            for c in ex.graphs:
                ex.evidence += asserted_evidence(self.ds.graph(c), s, p, o)
            if p in (OWL.sameAs, NEWS.matchedWith) and s != o:
                ex.because = self._matches(s, o) if p == OWL.sameAs else []
                ex.rule = "one real event" if ex.because else None
                ex.reasons = self._why_same(s, o) if p == NEWS.matchedWith else []
            return ex
        if t not in self.union or depth == 0:
            return ex
        rule, basis = self._derivation(s, p, o)
        ex.rule = rule
        ex.because = [self.explain(*b, depth=depth - 1) for b in basis]
        return ex

    def _matches(self, s, o) -> list[Explanation]:
        """The matches (graph/links/matches) that joined two reports into one event: the
        shortest chain of them, each with what the two reports share."""
        came_from = {s: None}
        todo = [s]
        while todo and o not in came_from:
            x = todo.pop(0)
            for y in sorted(
                set(self.asserted.objects(x, NEWS.matchedWith)) | set(self.asserted.subjects(NEWS.matchedWith, x))
            ):
                if y not in came_from:
                    came_from[y] = x
                    todo.append(y)
        if o not in came_from:
            return []
        hops, y = [], o
        while came_from[y] is not None:
            a, b = sorted((came_from[y], y))
            hops.insert(0, self.explain(a, NEWS.matchedWith, b))
            y = came_from[y]
        return hops

    def _why_same(self, a, b) -> list[str]:
        from kg.linking import article_of_event, events_of, why_same
        from kg.ntriples import term, triples

        facts = []
        for e in (a, b):
            graph = article_of_event(term(e))
            found = [f for f in events_of(graph, triples(self.ds.graph(URIRef(graph)))) if f.iri == term(e)]
            if not found:
                return []
            facts.append(found[0])

        def name(iri: str) -> str:
            label = self.union.value(URIRef(iri[1:-1]), SKOS.prefLabel)
            return str(label) if label is not None else iri

        return why_same(*facts, name=name)

    def _holds(self, t) -> bool:
        return t in self.union

    def _derivation(self, s, p, o) -> tuple[str | None, list[tuple]]:
        u, a = self.union, self.asserted
        for q in set(u.objects(p, OWL.inverseOf)) | set(u.subjects(OWL.inverseOf, p)):
            if (o, q, s) in a:
                return "inverse", [(o, q, s)]
        if (p, RDF.type, OWL.SymmetricProperty) in u and (o, p, s) in a:
            return "symmetric", [(o, p, s)]
        for q in u.transitive_subjects(RDFS.subPropertyOf, p):
            if q != p and (s, q, o) in a:
                return "sub-property", [(s, q, o)]
        if p == RDF.type:
            for c in u.transitive_subjects(RDFS.subClassOf, o):
                if c != o and (s, RDF.type, c) in a:
                    return "sub-class", [(s, RDF.type, c)]
            for c in set(u.objects(o, OWL.equivalentClass)) | set(u.subjects(OWL.equivalentClass, o)):
                if (s, RDF.type, c) in a:
                    return "equivalent class", [(s, RDF.type, c)]
        for chain in u.objects(p, OWL.propertyChainAxiom):
            p1, p2 = list(Collection(u, chain))[:2]
            for x in u.objects(s, p1):
                if (x, p2, o) in u:
                    return "property chain", [(s, p1, x), (x, p2, o)]
            for x in u.objects(o, p1):  # the symmetric reading of a chain-derived link
                if (x, p2, s) in u:
                    return "property chain (symmetric)", [(o, p1, x), (x, p2, s)]
        if (p, RDF.type, OWL.TransitiveProperty) in u:
            for x in a.objects(s, p):
                if (x, p, o) in u:
                    return "transitive", [(s, p, x), (x, p, o)]
        for twin in set(u.objects(s, OWL.sameAs)) | set(u.subjects(OWL.sameAs, s)):
            if (twin, p, o) in a:
                return "same as", [
                    (s, OWL.sameAs, twin) if (s, OWL.sameAs, twin) in a else (twin, OWL.sameAs, s),
                    (twin, p, o),
                ]
        for q in u.subjects(RDFS.domain, o) if p == RDF.type else ():
            if next(a.objects(s, q), None) is not None:
                return "domain", [(s, q, next(a.objects(s, q)))]
        return None, []


def explain(ds: Dataset, s, p, o) -> Explanation:
    """Explain one triple of `ds` (see Explanation)."""
    return Explainer(ds).explain(s, p, o)


def parse_term(ds: Dataset, value, position: int):
    """A triple term from user input: an rdflib term, <iri>, a CURIE (news:mentions, id:person-x),
    a bare predicate name (interactedWith -> news:interactedWith), an entity's name or alias,
    or else a literal."""
    from rdflib import Literal
    from rdflib.term import Node

    from kg.entity_names import UnknownName, unknown_name_message
    from kg.names import name_key
    from kg.queries import term

    if isinstance(value, Node):
        return value
    v = str(value).strip()
    if v.startswith("<") or v.startswith("http"):
        return term(v)
    if ":" in v and " " not in v:
        prefix, local = v.split(":", 1)
        ns = dict(ds.namespaces()).get(prefix)
        if ns is not None:
            return URIRef(str(ns) + local)
    if position == 1:
        return {"a": RDF.type, "type": RDF.type, "sameAs": OWL.sameAs}.get(v, NEWS[v])
    for node in ds.subjects(NEWS.nameKey, Literal(name_key(v))):
        return node
    if v.startswith('"'):
        return term(v)
    message = unknown_name_message(lambda text: ds.query(text), v)
    if position == 0 or "did you mean" in message:  # a subject is never text; a near miss is a typo
        raise UnknownName(message + ("" if position == 0 else '; write "..." in quotes to mean the text'))
    return Literal(v)
