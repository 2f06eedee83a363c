"""Building the knowledge graph into a store, incrementally.

One article at a time (in worker processes with `workers=N`): read, extract, map to triples,
reason over them with the static part (ontology + gazetteer), and hand back N-Quads for the
article's graph and its inferred graph. The store takes them in batches, each batch one
transaction. Then the cross-article part: events linked across articles (owl:sameAs), and what
reasoning derives from those links. Only new or changed articles are extracted (a content hash
is kept in each article graph); an unchanged corpus does nothing.

A build killed at any moment is finished by the next one: an article graph is either whole or
absent (absent ones are extracted again), inferred graphs without their article are dropped,
and the links are recomputed unless the state record says they were made for exactly the
articles in the store.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import SKOS

from kg.document import Doc
from kg.extract import extract
from kg.linking import NOT_LINKED, SAME, EventFacts, events_of, link_events, link_new
from kg.names import (
    ENTITIES_GRAPH,
    GRAPH,
    LINKS_GRAPH,
    LINKS_INFERRED_GRAPH,
    NEWS,
    ONTOLOGY_GRAPH,
    STATIC_INFERRED_GRAPH,
    article_graph,
    inferred_graph,
    is_inferred,
    name_key,
)
from kg.ntriples import nquads, term, triples
from kg.rdf import doc_to_graph
from kg.reader import ArticleError, find_articles, read_articles
from kg.resources import ontology_file
from kg.store import ARTICLE_PREFIX, Store, article_hashes

BUILD_GRAPH = GRAPH["build"]
SKOLEM = "https://w3id.org/newskg/.well-known/genid/"
BATCH_QUADS = 50_000  # quads per store transaction
BULK_QUADS = 200_000  # quads per bulk load (a full build)
CHUNK = 256  # articles handed to the worker pool at a time (bounded memory)


@dataclass
class BuildReport:
    articles: int = 0  # articles in the corpus now
    extracted: int = 0  # new or changed, extracted in this build
    unchanged: int = 0
    removed: int = 0
    entities: int = 0
    events: int = 0
    asserted: int = 0
    inferred: int = 0
    links: int = 0
    reasoned: bool = False
    full: bool = False  # everything extracted again (first build, new code, ontology or gazetteer)
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # seconds per phase
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    """One article, extracted and reasoned over, ready for the store (made in a worker)."""

    graph: str
    hash: str
    nquads: str
    events: list[EventFacts]
    asserted: int
    inferred: int


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


def fingerprint(reason: bool = True) -> str:
    """What every article's graphs depend on besides its own text: the extraction, mapping and
    reasoning code, the ontology, the gazetteer, and whether reasoning runs. When it changes,
    every article is extracted again."""
    package = Path(__file__).resolve().parent
    code = sorted((package / "extract").glob("*.py")) + sorted((package / "reason").glob("*.py"))
    code += [package / n for n in ("rdf.py", "dates.py", "gazetteer.py", "names.py", "reader.py", "ntriples.py",
                                   "document.py", "build.py")]
    h = hashlib.sha256(b"reason" if reason else b"no-reason")
    for f in code + [ontology_file("news.ttl"), ontology_file("entities.ttl")]:
        h.update(f.read_bytes())
    return h.hexdigest()


def extract_article(doc: Doc, reason: bool = True) -> Extracted:
    """Extract one article and reason over it: its graph and inferred graph as N-Quads."""
    from kg.reason import Reasoner

    extract(doc)
    asserted: set = set()
    doc_to_graph(doc, asserted)
    name = str(article_graph(doc.stem))
    inferred = Reasoner.default().article(asserted) if reason else set()
    text = nquads(asserted, name) + nquads(inferred, str(inferred_graph(name)))
    content = hashlib.sha256(doc.raw).hexdigest()
    return Extracted(name, content, text, events_of(name, asserted), len(asserted), len(inferred))


def _extract_or_error(job: tuple[Doc, bool]) -> Extracted | str:
    doc, reason = job
    try:
        return extract_article(doc, reason)
    except Exception as e:  # one bad article is reported and skipped, never the build
        return f"{doc.source_name}: extraction failed ({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})"


def _batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _extracted(jobs: Iterable[tuple[Doc, bool]], workers: int, dask=None) -> Iterator[Extracted | str]:
    """Extraction results in input order: serially, from a pool of worker processes, or from a
    Dask cluster (`dask`: a scheduler address or a `distributed.Client`)."""
    if dask is not None:
        yield from _on_dask(jobs, dask)
        return
    if workers <= 1:
        yield from map(_extract_or_error, jobs)
        return
    from kg.reason import Reasoner

    Reasoner.default()  # loaded once here; forked workers inherit it
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk in _batched(jobs, CHUNK * workers):
            yield from pool.imap(_extract_or_error, chunk, chunksize=8)


def _on_dask(jobs: Iterable[tuple[Doc, bool]], dask) -> Iterator[Extracted | str]:
    try:
        from distributed import Client
    except ImportError:
        raise RuntimeError("building on Dask needs the dask extra: pip install 'newskg[dask]'") from None
    client = dask if isinstance(dask, Client) else Client(dask)
    try:
        size = CHUNK * max(1, sum(client.nthreads().values()))
        for chunk in _batched(jobs, size):
            yield from (f.result() for f in client.map(_extract_or_error, chunk, pure=False))
    finally:
        if client is not dask:
            client.close()


class _Writer:
    """Collects article N-Quads and writes them in batches: one transaction each, or bulk loads
    when the build fills an empty store."""

    def __init__(self, store: Store, replaced: set[str], bulk: bool):
        self.store, self.replaced, self.bulk = store, replaced, bulk
        self.limit = BULK_QUADS if bulk else BATCH_QUADS
        self.parts: list[str] = []
        self.names: list[str] = []
        self.size = 0

    def add(self, x: Extracted) -> None:
        self.parts.append(x.nquads)
        self.names.append(x.graph)
        self.size += x.asserted + x.inferred
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        for name in self.names:
            if name in self.replaced:
                _drop_article(self.store, name)
        if self.parts:
            self.store.add_nquads("".join(self.parts), bulk=self.bulk)
        self.parts, self.names, self.size = [], [], 0


def _drop_article(store: Store, name: str) -> None:
    store.drop_graph(URIRef(name))
    store.drop_graph(inferred_graph(name))


def _recorded(store: Store, prop: URIRef) -> str | None:
    rows = list(store.query("SELECT ?v WHERE { GRAPH <%s> { <%s> <%s> ?v } }" % (BUILD_GRAPH, BUILD_GRAPH, prop)))
    return str(rows[0].v) if rows else None


def _record(store: Store, fp: str, linked: str) -> None:
    g = Graph()
    g.add((BUILD_GRAPH, NEWS.contentHash, Literal(fp)))
    g.add((BUILD_GRAPH, NEWS.linkedFor, Literal(linked)))
    store.put_graph(BUILD_GRAPH, g)


def _digest(hashes: dict) -> str:
    """One hash for the set of articles in the store (what the links were made for)."""
    return hashlib.sha256("".join(sorted(f"{k} {v}\n" for k, v in hashes.items())).encode()).hexdigest()


def build_into(store: Store, paths: list[Path], reason_over: bool = True, workers: int = 1, full: bool = False,
               progress: Callable[[Path], None] | None = None, dask=None) -> BuildReport:
    """Bring `store` up to date with the articles under `paths`. A bad article is reported in
    `report.errors` and skipped; the others are built. Only new or changed articles are
    extracted (`full=True` extracts all again); `workers` > 1 extracts in that many processes,
    `dask` (a scheduler address or a `distributed.Client`) on a Dask cluster, with the same
    result as one process."""
    t0 = time.perf_counter()
    report = BuildReport()
    files, skipped = find_articles(paths)
    report.skipped = [str(p) for p in skipped]
    fp = fingerprint(reason_over)
    report.full = full = full or _recorded(store, NEWS.contentHash) != fp
    if full:
        _start_over(store, reason_over)
    known = {} if full else {str(k): v for k, v in article_hashes(store).items()}
    links_current = not full and _recorded(store, NEWS.linkedFor) == _digest(known)
    seen: set[str] = set()
    new_events: list[EventFacts] = []
    changed: set[str] = set()
    hashes = dict(known)
    writer = _Writer(store, set(known), bulk=full)

    def jobs() -> Iterator[tuple[Doc, bool]]:
        for path in files:
            docs, errors = _read(path)
            report.errors += errors
            for doc in docs:
                name = str(article_graph(doc.stem))
                seen.add(name)
                if known.get(name) == hashlib.sha256(doc.raw).hexdigest():
                    report.unchanged += 1
                else:
                    yield doc, reason_over
            if progress:
                progress(path)

    with _phase(report, "extract and store"):
        for result in _extracted(jobs(), workers, dask):
            if isinstance(result, str):
                report.errors.append(result)
                continue
            writer.add(result)
            hashes[result.graph] = result.hash
            new_events += result.events
            changed.add(result.graph)
            report.extracted += 1
        writer.flush()
    report.reasoned = reason_over and report.extracted > 0
    with _phase(report, "remove"):
        for name in known:
            if name not in seen:
                _drop_article(store, name)
                changed.add(name)
                del hashes[name]
                report.removed += 1
        _drop_orphans(store)
    if changed or not links_current:
        with _phase(report, "link"):
            links = _relink(store, new_events, changed, incremental=links_current, everything=full)
        with _phase(report, "reason across articles"):
            if reason_over:
                _reason_across(store, links, changed if links_current else None)
                report.reasoned = True
    _record(store, fp, _digest(hashes))
    with _phase(report, "count"):
        _count(store, report)
    report.articles = len(seen)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _read(path: Path) -> tuple[list[Doc], list[str]]:
    try:
        docs, errors = read_articles(path)
    except ArticleError as e:
        return [], [str(e)]
    return docs, [str(e) for e in errors]


def _start_over(store: Store, reason: bool) -> None:
    """A first build, or one after the code, ontology or gazetteer changed: empty the store and
    put the static graphs (and what they imply) in."""
    from kg.reason import Reasoner

    store.clear()
    graphs = static_graphs()
    for name, g in graphs.items():
        store.put_graph(name, g)
    if reason:
        store.add_nquads(nquads(Reasoner.default().static(), str(STATIC_INFERRED_GRAPH)))


def _drop_orphans(store: Store) -> None:
    """Inferred graphs whose article is gone (a build killed between two drops)."""
    names = {str(n) for n in store.graph_names()}
    for name in names:
        if name.startswith(ARTICLE_PREFIX):
            continue
        for article in _article_of_inferred(name):
            if article not in names:
                store.drop_graph(URIRef(name))


def _article_of_inferred(name: str) -> list[str]:
    prefix = str(inferred_graph(ARTICLE_PREFIX))
    return [ARTICLE_PREFIX + name[len(prefix):]] if name.startswith(prefix) else []


EVENTS_QUERY = """SELECT ?g ?ev ?cls ?p ?pl ?date WHERE {
  %s
  GRAPH ?g { ?a <%s> ?ev . ?ev a ?cls .
    OPTIONAL { ?ev <%s> ?p } OPTIONAL { ?ev <%s> ?pl } OPTIONAL { ?ev <%s> ?date } }
  FILTER(STRSTARTS(STR(?g), "%s"))
}"""


def stored_events(store: Store, participants: Iterable[str] = ()) -> list[EventFacts]:
    """Events in the store's article graphs, all of them or those with one of `participants`."""
    values = list(participants)
    restrict = ""
    if values:
        restrict = "VALUES ?q { %s } ?ev <%s> ?q ." % (" ".join(values), NEWS.participant)
    rows = store.query(EVENTS_QUERY % (restrict, NEWS.reports, NEWS.participant, NEWS.onPlatform, NEWS.date,
                                       ARTICLE_PREFIX))
    events: dict[str, EventFacts] = {}
    for r in rows:
        ev, p, pl, date = term(r.ev), r.p, r.pl, r.date
        e = events.get(ev)
        if e is None:
            e = events[ev] = EventFacts(ev, str(r.g), term(r.cls))
        if p is not None:
            e.participants = e.participants | {term(p)}
        if pl is not None:
            e.platform = term(pl)
        if date is not None:
            e.date = str(date)
    return [e for e in events.values() if e.cls not in NOT_LINKED]


def _relink(store: Store, new_events: list[EventFacts], changed: set[str], incremental: bool,
            everything: bool) -> set:
    """Update the links graph; returns the links."""
    if everything:
        links = link_events(new_events)
    elif incremental:
        old = _stored_links(store)
        kept = {t for t in old if not (_article_of_event(t[0]) in changed or _article_of_event(t[2]) in changed)}
        participants = sorted({p for e in new_events for p in e.participants})
        candidates = []
        for chunk in _batched(participants, 200):
            candidates += [e for e in stored_events(store, chunk) if e.graph not in changed]
        links = kept | link_new(new_events, _unique(candidates))
    else:
        links = link_events(stored_events(store))
    store.drop_graph(LINKS_GRAPH)
    store.add_nquads(nquads(links, str(LINKS_GRAPH)))
    return links


def _unique(events: list[EventFacts]) -> list[EventFacts]:
    return list({e.iri: e for e in events}.values())


def _article_of_event(event: str) -> str:
    """The article graph an event node belongs to: <.../id/article-x-event-12> -> .../graph/article-x."""
    iri = event[1:-1]
    local = iri[iri.rindex("/") + 1 : iri.rindex("-event-")]
    return str(GRAPH[local])


def _stored_links(store: Store) -> set:
    rows = store.query("SELECT ?a ?b WHERE { GRAPH <%s> { ?a ?p ?b } }" % LINKS_GRAPH)
    return {(term(r.a), SAME, term(r.b)) for r in rows}


CROSS_PREFIX = str(LINKS_INFERRED_GRAPH) + "/"
TRANSITIVE_GRAPH = CROSS_PREFIX + "transitive"


def _reason_across(store: Store, links: set, changed: set[str] | None) -> None:
    """Bring the cross-article inferred graphs up to date: one graph per group of events linked
    as one (named by a hash of its members), derived again only when the group is new or one of
    its articles changed (`changed=None`: all of them), and one for chains of transitive
    properties across articles."""
    from kg.reason import Reasoner

    reasoner = Reasoner.default()
    wanted = {_component_graph(c): c for c in _components(links)}
    existing = {str(n) for n in store.graph_names() if str(n).startswith(CROSS_PREFIX)}
    for name in sorted(existing - wanted.keys() - {TRANSITIVE_GRAPH}):
        store.drop_graph(URIRef(name))
    by_event = {}
    for t in links:
        by_event.setdefault(t[0], []).append(t)
    derived = {}
    for name, members in sorted(wanted.items()):
        if name in existing and changed is not None and not any(_article_of_event(e) in changed for e in members):
            continue
        part = {t for e in members for t in by_event.get(e, ())}
        for e in members:
            part |= {(s, p, o) for s, p, o, g in store.match(s=e) if not g.startswith(CROSS_PREFIX)}
            part |= {(s, p, o) for s, p, o, g in store.match(o=e) if not g.startswith(CROSS_PREFIX)}
        derived[name] = _new_to_store(store, reasoner.across(part), set(members))
    if changed is None or changed:
        part = {(s, p, o) for p in sorted(reasoner.transitive) for s, _, o, g in store.match(p=p)
                if g.startswith(ARTICLE_PREFIX)}
        derived[TRANSITIVE_GRAPH] = _new_to_store(store, reasoner.across(part) if part else set(), set())
    _put_inferred(store, derived, existing)


def _new_to_store(store: Store, inferred: set, members: set) -> set:
    """Those of `inferred` the store does not hold outside the cross-article graphs. A triple
    about a member event is not held, or it would have been part of the reasoner's input."""
    return {t for t in inferred if t[0] in members or t[2] in members
            or all(g.startswith(CROSS_PREFIX) for g in store.graphs_of(*t))}


def _put_inferred(store: Store, derived: dict[str, set], existing: set[str]) -> None:
    """Replace cross-article inferred graphs."""
    text = [nquads(inferred, name) for name, inferred in sorted(derived.items())]
    for name in sorted(derived.keys() & existing):
        store.drop_graph(URIRef(name))
    store.add_nquads("".join(text))


def _components(links: set) -> list[tuple[str, ...]]:
    """Groups of events linked as one, each sorted."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, _, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return sorted(tuple(sorted(g)) for g in groups.values())


def _component_graph(members: tuple[str, ...]) -> str:
    return CROSS_PREFIX + hashlib.sha1("\n".join(members).encode()).hexdigest()[:16]


def _count(store: Store, report: BuildReport) -> None:
    q = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a <%s> ?x }"
    report.entities = int(next(iter(store.query(q % NEWS.mentions))).n)
    report.events = int(next(iter(store.query(q % NEWS.reports))).n)
    report.links = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"
                                             % LINKS_GRAPH))).n)
    total = inferred = 0
    for r in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        total += int(r.n)
        if is_inferred(r.g):
            inferred += int(r.n)
    report.inferred, report.asserted = inferred, total - inferred


@contextmanager
def _phase(report: BuildReport, name: str) -> Iterator[None]:
    t = time.perf_counter()
    yield
    report.phases[name] = round(report.phases.get(name, 0) + time.perf_counter() - t, 3)
