"""Building the knowledge graph: read articles, extract, write one named graph each, reason."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import SKOS
from rdflib.compare import to_canonical_graph

from kg.extract import extract
from kg.linking import link_events
from kg.names import ENTITIES_GRAPH, INFERRED_GRAPH, LINKS_GRAPH, NEWS, ONTOLOGY_GRAPH, article_graph, name_key
from kg.rdf import doc_to_graph
from kg.document import Doc
from kg.reader import find_articles, read_articles
from kg.reasoning import infer
from kg.resources import ontology_file

PREFIXES = {"news": NEWS, "id": "https://w3id.org/newskg/id/", "graph": "https://w3id.org/newskg/graph/",
            "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
            "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "wd": "http://www.wikidata.org/entity/"}


@dataclass
class BuildReport:
    articles: int = 0
    entities: int = 0
    events: int = 0
    asserted: int = 0
    inferred: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for iri, name in ((ONTOLOGY_GRAPH, "news.ttl"), (ENTITIES_GRAPH, "entities.ttl")):
        # canonical blank-node labels keep every output format the same from run to run
        parsed = to_canonical_graph(Graph().parse(str(ontology_file(name)), format="turtle"))
        target = ds.graph(iri)
        for t in parsed:
            target.add(t)
    add_name_keys(ds.graph(ENTITIES_GRAPH))
    return ds


def add_name_keys(g: Graph) -> None:
    """news:nameKey for every label and alias of the gazetteer's entities."""
    for s, label in list(g.subject_objects(SKOS.prefLabel)) + list(g.subject_objects(SKOS.altLabel)):
        g.add((s, NEWS.nameKey, Literal(name_key(str(label)))))


def add_article(ds: Dataset, doc: Doc) -> int:
    """Extract one article into its own named graph; returns its event count."""
    extract(doc)
    doc_to_graph(doc, ds.graph(article_graph(doc.stem)))
    return len(doc.events)


def relink(ds: Dataset) -> int:
    """Replace the links graph: events reported by several articles, linked by owl:sameAs."""
    ds.remove_graph(ds.graph(LINKS_GRAPH))
    target = ds.graph(LINKS_GRAPH)
    for t in link_events(ds):
        target.add(t)
    return len(target)


def reason(ds: Dataset, engine: str = "owlrl") -> int:
    """Replace the inferred graph with what `engine` derives from all the other graphs."""
    ds.remove_graph(ds.graph(INFERRED_GRAPH))
    asserted = Graph()
    for s, p, o, c in ds.quads((None, None, None, None)):
        if c != INFERRED_GRAPH:
            asserted.add((s, p, o))
    inferred = ds.graph(INFERRED_GRAPH)
    for t in infer(asserted, engine):
        inferred.add(t)
    return len(inferred)


def build_dataset(paths: list[Path], reason_over: bool = True,
                  progress: Callable[[Path], None] | None = None) -> tuple[Dataset, BuildReport]:
    """Build the dataset for the articles under `paths`. A bad article is reported in
    `report.errors` and skipped; the others are built."""
    t0 = time.perf_counter()
    report = BuildReport()
    files, skipped = find_articles(paths)
    report.skipped = [str(p) for p in skipped]
    ds = new_dataset()
    for path in files:
        docs, errors = read_articles(path)
        report.errors += [str(e) for e in errors]
        for doc in docs:
            report.events += add_article(ds, doc)
            report.articles += 1
        if progress:
            progress(path)
    relink(ds)
    report.entities = len(set(ds.objects(None, NEWS.mentions)))
    if reason_over:
        report.inferred = reason(ds)
    report.asserted = sum(len(g) for g in ds.graphs() if g.identifier != INFERRED_GRAPH)
    report.seconds = round(time.perf_counter() - t0, 2)
    return ds, report
