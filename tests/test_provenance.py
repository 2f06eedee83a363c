"""Every fact traceable: evidence spans, `explain` for asserted and inferred triples, cross-article links."""

import subprocess
import sys

from rdflib import URIRef
from rdflib.namespace import OWL

from kg.names import ID, LINKS_GRAPH, MATCHES_GRAPH, NEWS, article_iri


def test_asserted_relation_points_to_its_sentences(seed_kg):
    ex = seed_kg.explain("Dmitry Peskov", "spokespersonOf", "Kremlin")
    assert ex.asserted and ex.evidence
    assert any("juru bicara Kremlin" in e.text for e in ex.evidence)
    articles = set(seed_kg.dataset.subjects(NEWS.sourceFile, None))
    assert all(e.article in articles for e in ex.evidence)


def test_evidence_offsets_are_offsets_into_the_file(seed_kg):
    from pathlib import Path

    ex = seed_kg.explain("Elon Musk", "interactedWith", "Vlad Tenev")
    leaf = ex.because[-1]
    ev = leaf.evidence[0]
    name = str(seed_kg.dataset.value(ev.article, NEWS.sourceFile))
    text = (Path("corpus") / name).read_text(encoding="utf-8").replace("\xa0", " ")
    assert text[ev.begin : ev.end] == ev.text


def test_inferred_triple_is_explained_by_asserted_ones(seed_kg):
    ex = seed_kg.explain("Elon Musk", "interactedWith", "Donald Trump")
    assert not ex.asserted and ex.rule.startswith("property chain")
    leaves = [b for b in ex.because]
    assert all(leaf.asserted or leaf.because for leaf in leaves)
    sub = seed_kg.explain("Elon Musk", "affiliatedWith", "Tesla")
    assert sub.rule == "sub-property" and sub.because[0].triple[1] == NEWS.ceoOf


def test_mentions_have_phrase_evidence(seed_kg):
    article = article_iri("002_2e1a5144139f42b7.txt")
    ex = seed_kg.explain(article, "mentions", "Rifa")
    assert ex.asserted and {e.text for e in ex.evidence} == {"Rifa"}


def test_cited_source_carries_to_facts_of_its_sentence(seed_kg):
    events = [e for e in seed_kg.dataset.subjects(NEWS.accordingTo, ID["source-reuters"])]
    assert events, "the CyberAttack of 'Reuters memberitakan Musk menyalahkan serangan DDOS' cites Reuters"


def test_same_event_from_two_outlets_is_linked(seed_kg):
    first, second = (article_iri(f"{name}.txt") for name in ("000_2ae13ee501b42528", "001_edbdc3bf89c4338e"))
    a, b = URIRef(f"{first}-event-101"), URIRef(f"{second}-event-1670")
    matches = set(seed_kg.dataset.graph(MATCHES_GRAPH).subject_objects(NEWS.matchedWith))
    assert matches == {(a, b)}
    # the event is named by its first report, owl:sameAs each of its reports (itself included)
    links = set(seed_kg.dataset.graph(LINKS_GRAPH).subject_objects(OWL.sameAs))
    assert links == {(a, a), (a, b)}


def test_explain_cli(seed_trig):
    r = subprocess.run(
        [sys.executable, "-m", "kg", "explain", "Elon Musk", "interactedWith", "Vlad Tenev", "--data", str(seed_trig)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "property chain" in r.stdout and "pewawancara" in r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "kg", "explain", "Elon Musk", "interactedWith", "Nobody", "--data", str(seed_trig)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and "not in" in r.stderr
