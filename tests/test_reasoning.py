"""The inferred graph: new links kept apart from the asserted ones, without owlrl's noise."""

from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

import kg
from kg.build import BUILD_GRAPH
from kg.names import ID, MATCHES_GRAPH, NEWS, SCHEMA, is_inferred
from kg.ntriples import triples
from kg.reason import infer

MUSK, TRUMP = ID["person-elon-musk"], ID["person-donald-trump"]


def inferred(g) -> Graph:
    out = Graph()
    for s, p, o, c in g.dataset.quads((None, None, None, None)):
        if is_inferred(c):
            out.add((s, p, o))
    return out


def asserted(g):
    """The asserted triples, without the build record and the matches graph (a record of the
    linking's evidence, not data: reasoning does not read it)."""
    return {
        (s, p, o)
        for s, p, o, c in g.dataset.quads((None, None, None, None))
        if not is_inferred(c) and c not in (BUILD_GRAPH, MATCHES_GRAPH)
    }


def test_same_inferences_as_owlrl(seed_kg):
    """The incremental reasoner (per article, plus the cross-article part) derives exactly what
    owlrl derives from everything at once, noise aside."""
    base = asserted(seed_kg)
    ours = triples(inferred(seed_kg)) - triples(base)
    reference = infer(Graph().__iadd__(base), "owlrl")
    assert len(reference) > 1000
    assert ours == reference


def test_inferred_links_are_new(seed_kg):
    inf, base = inferred(seed_kg), asserted(seed_kg)
    assert len(inf) > 100
    assert not any(t in base for t in inf)


def test_inverse_chain_subclass_and_schema_types(seed_kg):
    inf = inferred(seed_kg)
    article = next(iter(seed_kg.dataset.subjects(NEWS.mentions, MUSK)))
    assert (MUSK, NEWS.mentionedIn, article) in inf  # inverse
    assert (MUSK, NEWS.interactedWith, TRUMP) in inf  # property chain
    assert (TRUMP, NEWS.interactedWith, MUSK) in inf  # symmetric
    event = next(iter(seed_kg.dataset.subjects(RDF.type, NEWS.Interview)))
    assert (event, RDF.type, NEWS.Event) in inf  # subclass
    assert (event, RDF.type, SCHEMA.Event) in inf  # schema.org alignment
    assert (MUSK, RDF.type, SCHEMA.Person) in inf
    assert (MUSK, NEWS.affiliatedWith, ID["organization-tesla"]) in inf  # sub-property of ceoOf


def test_no_noise(seed_kg):
    for s, p, o in inferred(seed_kg):
        assert not isinstance(s, (Literal, BNode)), (s, p, o)
        assert s != o, (s, p, o)
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource)), (s, p, o)
        assert not str(s).startswith(("http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/2002/07/owl#"))


def test_schema_org_query_works_after_reasoning(seed_kg):
    q = """PREFIX schema: <https://schema.org/>
           SELECT DISTINCT ?name WHERE { ?a a schema:NewsArticle ; schema:mentions ?p . ?p a schema:Person ;
           <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }"""
    assert "Vladimir Putin" in {str(r.name) for r in seed_kg.query(q)}


def test_no_reason_leaves_inferred_graph_empty():
    g = kg.build(["corpus/004_4ffafdff79f5ff12.txt"], reason=False)
    assert len(inferred(g)) == 0 and g.report.inferred == 0


SMALL_ONTOLOGY = """
@prefix : <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
:partOf a owl:TransitiveProperty ; rdfs:subPropertyOf :relatedTo ; rdfs:domain :Thing2 .
:hasPart owl:inverseOf :partOf .
:mother a owl:FunctionalProperty ; owl:equivalentProperty :mum .
:passport a owl:InverseFunctionalProperty .
:uncle owl:propertyChainAxiom ( :parent :brother ) .
:knows a owl:SymmetricProperty ; rdfs:range :Agent .
:Agent owl:equivalentClass :Actor . :Actor rdfs:subClassOf :Being .
"""
SMALL_DATA = """
@prefix : <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
:a :partOf :b . :b :partOf :c . :c :partOf :d .
:x :mother :m1 . :x :mum :m2 . :p1 :passport :n . :p2 :passport :n .
:kid :parent :dad . :dad :brother :bob . :e1 owl:sameAs :e2 . :e2 :knows :z . :e1 :date "2024" .
"""


def test_rules_match_owlrl_on_every_rule_kind():
    """Transitive, inverse, sub- and equivalent properties, functional and inverse functional
    properties, chains, symmetry, ranges, equivalent classes and owl:sameAs, beyond this ontology."""
    from kg.reason import Reasoner

    onto = Graph().parse(data=SMALL_ONTOLOGY, format="turtle")
    data = Graph().parse(data=SMALL_DATA, format="turtle")
    ours = Reasoner(onto, Graph()).article(triples(data))
    expected = infer(onto + data, "owlrl") - infer(onto, "owlrl")
    assert ours == expected
    assert len(ours) > 30


def test_owlrl_reasoner_builds_the_same_store():
    """`reasoner="owlrl"` (the reference engine, article by article and across articles) gives
    the same graphs as the default reasoner; only the build record's fingerprint differs."""

    def quads(reasoner):
        g = kg.build(["corpus/001_edbdc3bf89c4338e.txt", "corpus/003_474c76e571c7bc23.txt"], reasoner=reasoner)
        return {q for q in g.dataset.quads((None, None, None, None)) if q[3] != BUILD_GRAPH}

    reference, ours = quads("owlrl"), quads("rules")
    assert any(is_inferred(q[3]) for q in reference)
    assert ours == reference
