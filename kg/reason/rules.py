"""OWL 2 RL over instance data, compiled from a closed ontology into lookup tables.

The schema rules (scm-*) are closed once, by owlrl, over the ontology alone. What is left for
the instance data (the gazetteer, each article, the cross-article links) are the rules that
read one triple and the schema (cax-sco, cax-eqc, prp-dom, prp-rng, prp-spo1, prp-eqp,
prp-inv, prp-symp) and the few that join two triples (prp-trp, prp-spo2, prp-fp, prp-ifp and
the owl:sameAs rules eq-sym, eq-trans, eq-rep-s, eq-rep-o). `Rules.closure` runs them to a
fixpoint, semi-naively, over a set of triples plus a read-only background that is already
closed (the ontology and gazetteer), and returns only the new triples.

Terms are N-Triples strings (`kg.ntriples`): a literal starts with a double quote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.ntriples import term

Triple = tuple[str, str, str]
TYPE = term(RDF.type)
SAME = term(OWL.sameAs)
NOTHING: frozenset = frozenset()


def _pairs(g: Graph, p: URIRef) -> Iterable[tuple[str, str]]:
    return ((term(s), term(o)) for s, o in g.subject_objects(p) if isinstance(s, URIRef) and isinstance(o, URIRef))


def _members(g: Graph, kind: URIRef) -> set[str]:
    return {term(p) for p in g.subjects(RDF.type, kind) if isinstance(p, URIRef)}


@dataclass
class Plan:
    """What a triple with one predicate implies through the schema."""

    superproperties: tuple = ()
    domains: tuple = ()
    inverses: tuple = ()
    ranges: tuple = ()
    symmetric: bool = False


@dataclass
class Rules:
    """The schema of a closed ontology as tables."""

    superclasses: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    transitive: set = field(default_factory=set)
    functional: set = field(default_factory=set)
    inverse_functional: set = field(default_factory=set)
    chains: list = field(default_factory=list)  # (result property, first link, second link)
    joining: set = field(init=False)  # predicates whose triples join with others

    @classmethod
    def from_schema(cls, closed: Graph) -> Rules:
        """Tables from an ontology already closed under the schema rules (owlrl's scm-*)."""
        supers, props = defaultdict(set), defaultdict(lambda: defaultdict(set))
        for c, d in _pairs(closed, RDFS.subClassOf):
            supers[c].add(d)
        for c, d in _pairs(closed, OWL.equivalentClass):
            supers[c].add(d)
            supers[d].add(c)
        for p, q in _pairs(closed, RDFS.subPropertyOf):
            props[p]["superproperties"].add(q)
        for p, q in _pairs(closed, OWL.equivalentProperty):
            props[p]["superproperties"].add(q)
            props[q]["superproperties"].add(p)
        for p, q in _pairs(closed, OWL.inverseOf):
            props[p]["inverses"].add(q)
            props[q]["inverses"].add(p)
        for p, c in _pairs(closed, RDFS.domain):
            props[p]["domains"].add(c)
        for p, c in _pairs(closed, RDFS.range):
            props[p]["ranges"].add(c)
        symmetric = _members(closed, OWL.SymmetricProperty)
        chains = []
        for p, head in closed.subject_objects(OWL.propertyChainAxiom):
            links = [term(x) for x in Collection(closed, head)]
            if len(links) != 2:
                raise ValueError(f"property chain of {p} has {len(links)} links: only two are supported")
            chains.append((term(p), links[0], links[1]))
        plans = {}
        for p in set(props) | symmetric:
            tables = props[p]
            plans[p] = Plan(
                tuple(sorted(tables["superproperties"] - {p})),
                tuple(sorted(tables["domains"])),
                tuple(sorted(tables["inverses"])),
                tuple(sorted(tables["ranges"])),
                p in symmetric,
            )
        return cls(
            superclasses={c: tuple(sorted(ds - {c})) for c, ds in supers.items()},
            plans=plans,
            transitive=_members(closed, OWL.TransitiveProperty),
            functional=_members(closed, OWL.FunctionalProperty),
            inverse_functional=_members(closed, OWL.InverseFunctionalProperty),
            chains=sorted(chains),
        )

    def __post_init__(self) -> None:
        self.joining = self.transitive | self.functional | self.inverse_functional | {SAME}
        for _, first, second in self.chains:
            self.joining |= {first, second}

    def consequences(self, s: str, p: str, o: str, out: list) -> None:
        """Append what one triple implies through the schema alone to `out`."""
        if p == TYPE:
            out.extend((s, TYPE, d) for d in self.superclasses.get(o, ()))
            return
        plan = self.plans.get(p)
        if plan is None:
            return
        out.extend((s, q, o) for q in plan.superproperties)
        out.extend((s, TYPE, c) for c in plan.domains)
        if o[0] == '"':
            return
        out.extend((o, q, s) for q in plan.inverses)
        if plan.symmetric:
            out.append((o, p, s))
        out.extend((o, TYPE, c) for c in plan.ranges)

    def closure(self, triples: Iterable[Triple], background: Index | None = None) -> set[Triple]:
        """The triples that follow from `triples` (with the already-closed `background`) and are
        in neither: a semi-naive fixpoint."""
        back = background or Index(set())
        index = Index.of(triples, self.joining)
        known, joining = index.all, self.joining
        new: set = set()
        todo = list(known)
        while todo:
            found: list = []
            for t in todo:
                self.consequences(*t, found)
                if t[1] in joining or index.has_same_as or back.has_same_as:
                    self._joins(t, index, back, found)
            todo = []
            for t in found:
                if t not in known and t not in back.all:
                    new.add(t)
                    index.add(t)
                    todo.append(t)
        return new

    def _joins(self, t: Triple, index: Index, back: Index, out: list) -> None:
        s, p, o = t
        both = (index, back)
        if p == SAME:
            _same_as(s, o, both, out)
            return
        for i in both:
            out.extend((alias, p, o) for alias in i.objects(SAME, s))
            out.extend((s, p, alias) for alias in i.objects(SAME, o))
            if p in self.functional:
                out.extend((o, SAME, other) for other in i.objects(p, s) if other != o)
        if o[0] == '"':
            return
        for i in both:
            if p in self.transitive:
                out.extend((s, p, z) for z in i.objects(p, o))
                out.extend((x, p, o) for x in i.subjects(p, s))
            for result, first, second in self.chains:
                if p == first:
                    out.extend((s, result, y) for y in i.objects(second, o))
                if p == second:
                    out.extend((x, result, o) for x in i.subjects(first, s))
            if p in self.inverse_functional:
                out.extend((s, SAME, other) for other in i.subjects(p, o) if other != s)


def _same_as(s: str, o: str, indexes: tuple, out: list) -> None:
    """eq-sym, eq-trans and eq-rep-s/o for a new `s owl:sameAs o`."""
    out.append((o, SAME, s))
    for i in indexes:
        out.extend((s, SAME, z) for z in i.objects(SAME, o))
        out.extend((o, sp, so) for sp, so in i.about(s))
        out.extend((ss, sp, o) for ss, sp in i.pointing_at(s))


class Index:
    """Triples by (predicate, subject) and (predicate, object) for the joining predicates, and,
    from the first owl:sameAs triple on, every triple by its subject and its object (for the
    sameAs rules; most articles have none and pay nothing for them)."""

    def __init__(self, joining: set):
        self.joining = joining
        self.by_subject: dict = defaultdict(set)
        self.by_object: dict = defaultdict(set)
        self.all: set = set()
        self.subject_of: dict = defaultdict(list)
        self.object_of: dict = defaultdict(list)
        self.has_same_as = False

    @classmethod
    def of(cls, triples: Iterable[Triple], joining: set) -> Index:
        index = cls(joining)
        for t in triples:
            index.add(t)
        return index

    def add(self, t: Triple) -> None:
        s, p, o = t
        self.all.add(t)
        if p in self.joining:
            self.by_subject[(p, s)].add(o)
            self.by_object[(p, o)].add(s)
            if p == SAME and not self.has_same_as:
                self.has_same_as = True
                for x, q, y in self.all - {t}:
                    self._around(x, q, y)
        if self.has_same_as:
            self._around(s, p, o)

    def _around(self, s: str, p: str, o: str) -> None:
        self.subject_of[s].append((p, o))
        self.object_of[o].append((s, p))

    def objects(self, p: str, s: str) -> set:
        return self.by_subject.get((p, s), NOTHING)

    def subjects(self, p: str, o: str) -> set:
        return self.by_object.get((p, o), NOTHING)

    def about(self, s: str) -> list:
        """(predicate, object) of the triples with subject `s`."""
        return self.subject_of.get(s, [])

    def pointing_at(self, o: str) -> list:
        """(subject, predicate) of the triples with object `o`."""
        return self.object_of.get(o, [])
