"""Building the knowledge graph into a store, incrementally: read articles, extract the new or
changed ones into their own named graphs (keyed by a content hash), drop the deleted ones, then
derive the cross-article links and the inferred graph again. An unchanged corpus does nothing."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import SKOS

from kg.extract import extract
from kg.linking import EventFacts, link_events
from kg.names import ENTITIES_GRAPH, GRAPH, INFERRED_GRAPH, LINKS_GRAPH, NEWS, ONTOLOGY_GRAPH, article_graph, name_key
from kg.rdf import doc_to_graph
from kg.reader import find_articles, read_articles
from kg.reasoning import infer
from kg.resources import ontology_file
from kg.store import ARTICLE_PREFIX, Store, article_hashes

BUILD_GRAPH = GRAPH["build"]
SKOLEM = "https://w3id.org/newskg/.well-known/genid/"


@dataclass
class BuildReport:
    articles: int = 0      # articles in the corpus now
    extracted: int = 0     # new or changed, extracted in this build
    unchanged: int = 0
    removed: int = 0
    entities: int = 0
    events: int = 0
    asserted: int = 0
    inferred: int = 0
    reasoned: bool = False
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def static_graphs() -> dict[URIRef, Graph]:
    """The ontology and the gazetteer, blank nodes replaced by canonical skolem IRIs so that
    every output format is the same from run to run and store to store."""
    out = {}
    for iri, name in ((ONTOLOGY_GRAPH, "news.ttl"), (ENTITIES_GRAPH, "entities.ttl")):
        g = to_canonical_graph(Graph().parse(str(ontology_file(name)), format="turtle"))
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


def fingerprint() -> str:
    """What every article's extraction depends on besides its own text: the extraction code,
    the ontology and the gazetteer. When it changes, every article is extracted again."""
    package = Path(__file__).resolve().parent
    code = sorted((package / "extract").glob("*.py")) + [package / n for n in
                                                          ("rdf.py", "dates.py", "gazetteer.py", "names.py", "reader.py")]
    h = hashlib.sha256()
    for f in code + [ontology_file("news.ttl"), ontology_file("entities.ttl")]:
        h.update(f.read_bytes())
    return h.hexdigest()


def _recorded(store: Store, prop: URIRef) -> str | None:
    rows = list(store.query("SELECT ?v WHERE { GRAPH <%s> { <%s> <%s> ?v } }" % (BUILD_GRAPH, BUILD_GRAPH, prop)))
    return str(rows[0].v) if rows else None


def _record(store: Store, fp: str, reasoned: bool) -> None:
    g = Graph()
    g.add((BUILD_GRAPH, NEWS.contentHash, Literal(fp)))
    g.add((BUILD_GRAPH, NEWS.reasoned, Literal(reasoned)))
    store.put_graph(BUILD_GRAPH, g)


def relink(store: Store) -> int:
    """Replace the links graph: events reported by several articles, linked by owl:sameAs."""
    rows = store.query("""SELECT ?g ?ev ?cls ?p ?pl ?date WHERE { GRAPH ?g {
        ?a <%s> ?ev . ?ev a ?cls .
        OPTIONAL { ?ev <%s> ?p } OPTIONAL { ?ev <%s> ?pl } OPTIONAL { ?ev <%s> ?date } } }"""
                       % (NEWS.reports, NEWS.participant, NEWS.onPlatform, NEWS.date))
    events: dict = {}
    for r in rows:
        if not str(r.g).startswith(ARTICLE_PREFIX) or r.cls == NEWS.Event:
            continue
        e = events.setdefault(r.ev, EventFacts(r.ev, r.g, r.cls, frozenset(), r.pl, str(r.date) if r.date else None))
        if r.p is not None:
            e.participants = e.participants | {r.p}
    links = link_events(sorted(events.values(), key=lambda e: str(e.iri)))
    store.put_graph(LINKS_GRAPH, links)
    return len(links)


def reason(store: Store, engine: str = "owlrl") -> int:
    """Replace the inferred graph with what `engine` derives from all the other graphs."""
    ds = store.dataset(exclude=[INFERRED_GRAPH, BUILD_GRAPH])
    asserted = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        asserted.add((s, p, o))
    inferred = infer(asserted, engine)
    store.put_graph(INFERRED_GRAPH, inferred)
    return len(inferred)


def build_into(store: Store, paths: list[Path], reason_over: bool = True,
               progress: Callable[[Path], None] | None = None) -> BuildReport:
    """Bring `store` up to date with the articles under `paths`. A bad article is reported in
    `report.errors` and skipped; the others are built. Only new or changed articles are extracted;
    links and inferences are derived again only when something changed."""
    t0 = time.perf_counter()
    report = BuildReport()
    files, skipped = find_articles(paths)
    report.skipped = [str(p) for p in skipped]
    fp = fingerprint()
    full = _recorded(store, NEWS.contentHash) != fp
    if full:
        for name, g in static_graphs().items():
            store.put_graph(name, g)
    known = {} if full else article_hashes(store)
    seen = set()
    for path in files:
        docs, errors = read_articles(path)
        report.errors += [str(e) for e in errors]
        for doc in docs:
            name = article_graph(doc.stem)
            seen.add(name)
            if known.get(name) == hashlib.sha256(doc.raw).hexdigest():
                report.unchanged += 1
                continue
            extract(doc)
            g = Graph()
            doc_to_graph(doc, g)
            store.put_graph(name, g)
            report.extracted += 1
        if progress:
            progress(path)
    for name in store.graph_names():
        if str(name).startswith(ARTICLE_PREFIX) and name not in seen:
            store.drop_graph(name)
            report.removed += 1
    was_reasoned = _recorded(store, NEWS.reasoned) == "true"
    if full or report.extracted or report.removed:
        relink(store)
    if reason_over and (full or report.extracted or report.removed or not was_reasoned):
        reason(store)
        report.reasoned = True
    elif not reason_over:
        store.drop_graph(INFERRED_GRAPH)
    _record(store, fp, reason_over)
    _count(store, report)
    report.articles = len(seen)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _count(store: Store, report: BuildReport) -> None:
    q = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a <%s> ?x }"
    report.entities = int(next(iter(store.query(q % NEWS.mentions))).n)
    report.events = int(next(iter(store.query(q % NEWS.reports))).n)
    report.inferred = int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % INFERRED_GRAPH))).n)
    report.asserted = len(store) - report.inferred
