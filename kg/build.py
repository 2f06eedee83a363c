"""Building the knowledge graph into a store, incrementally.

The articles are read and each new or changed one goes through the per-article step
(`kg.per_article`: extract, map to triples, reason; in worker processes with `workers=N`). The
store takes the results in batches, each batch one transaction (a first build uses the bulk
loader instead). Then the cross-article part: events linked across articles (`kg.linking`),
and what reasoning derives from those links (`kg.reason.across`). An unchanged corpus does
nothing.

A build killed at any moment is finished by the next one: an article graph is either whole or
absent (absent ones are extracted again), inferred graphs without their article are dropped,
and the links are made again unless the build record says they were made for exactly the
articles in the store. A killed first build starts over.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Graph, Literal, URIRef

from kg.document import Doc
from kg.entity_names import refresh_names
from kg.extract import pipeline_fingerprint
from kg.lang import resource_files
from kg.linking import EventFacts, relink
from kg.names import (
    ARTICLE_PREFIX,
    GRAPH,
    MATCHES_GRAPH,
    NAMES_GRAPH,
    NEWS,
    STATIC_INFERRED_GRAPH,
    article_graph,
    inferred_graph,
    is_inferred,
)
from kg.ntriples import nquads
from kg.per_article import Extracted, Job, run
from kg.reader import ArticleError, find_articles, printable, read_articles
from kg.resources import ontology_file
from kg.static import static_graphs
from kg.store import Store, article_hashes, count_graph

BUILD_GRAPH = GRAPH["build"]
BATCH_QUADS = 50_000  # quads per store transaction
BULK_QUADS = 200_000  # quads per bulk load (a first build)


@dataclass
class BuildReport:
    articles: int = 0  # articles in the store now
    extracted: int = 0  # new or changed, extracted in this build
    unchanged: int = 0
    removed: int = 0
    not_given: int = 0  # kept in the store though not among the paths given (a prune removes them)
    dropped: int = 0  # not among the paths given, lost when the store had to be rebuilt from scratch
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
    reasoner: str | None = None  # the reasoner the store is built with (None: none)

    def summary(self) -> list[tuple[str, str]]:
        """The report as (what, how many) rows, as `kg build` prints it."""
        unchanged = "" if self.extracted or self.removed or not self.reasoner else " (nothing changed)"
        rows = [
            ("articles", str(self.articles)),
            ("extracted", f"{self.extracted} (unchanged {self.unchanged}, removed {self.removed})"),
            ("entities", str(self.entities)),
            ("events", str(self.events)),
            ("triples asserted", str(self.asserted)),
            ("triples inferred", f"{self.inferred}{unchanged}"),
            ("events linked across articles", str(self.links)),
            ("seconds", f"{self.seconds:.2f}"),
        ]
        if self.not_given:
            rows.insert(2, ("not among the paths", f"{self.not_given} kept (kg build --prune removes them)"))
        if self.dropped:
            rows.insert(2, ("dropped", f"{self.dropped} not among the paths (the store was rebuilt for a new version)"))
        return rows


def fingerprint(reasoner: str | None = "rules", pipeline: tuple[str, ...] | None = None) -> str:
    """What every article's graphs depend on besides its own text: the extraction, mapping and
    reasoning code, the language data, the ontology, the gazetteer, and which reasoner runs
    (None: none). When it changes, every article is extracted again."""
    package = Path(__file__).resolve().parent
    code = sorted((package / "extract").glob("*.py")) + sorted((package / "reason").glob("*.py"))
    code += sorted((package / "lang").glob("*.py")) + resource_files()
    code += [
        package / n
        for n in (
            "rdf.py",
            "dates.py",
            "gazetteer.py",
            "names.py",
            "reader.py",
            "ntriples.py",
            "document.py",
            "static.py",
            "per_article.py",
            "linking.py",
            "build.py",
        )
    ]
    h = hashlib.sha256(f"reasoner {reasoner} pipeline {pipeline_fingerprint(pipeline)}".encode())
    for f in code + [ontology_file("news.ttl"), ontology_file("entities.ttl")]:
        h.update(f.read_bytes())
    return h.hexdigest()


class _Writer:
    """Collects article N-Quads and writes them in batches: one transaction each, or bulk loads
    when the build fills an empty store. A batch is written in a thread of its own while the next
    one is collected (Oxigraph lets go of the GIL while it loads); at most one is in flight."""

    def __init__(self, store: Store, replaced: set[str], bulk: bool):
        self.store, self.replaced, self.bulk = store, replaced, bulk
        self.limit = BULK_QUADS if bulk else BATCH_QUADS
        self.parts: list[str] = []
        self.names: list[str] = []
        self.size = self.asserted = self.inferred = 0
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer")
        self.pending: Future | None = None

    def add(self, x: Extracted) -> None:
        self.parts.append(x.nquads)
        self.names.append(x.graph)
        self.size += x.asserted + x.inferred
        self.asserted += x.asserted
        self.inferred += x.inferred
        if self.size >= self.limit:
            self._submit()

    def _submit(self) -> None:
        if self.pending is not None:
            self.pending.result()  # the previous batch is written (or its error raised here)
        batch = (self.names, "".join(self.parts), (self.asserted, self.inferred))
        self.pending = self.pool.submit(self._write, *batch)
        self.parts, self.names, self.size, self.asserted, self.inferred = [], [], 0, 0, 0

    def _write(self, names: list[str], text: str, counts: tuple[int, int]) -> None:
        for name in names:
            if name in self.replaced:
                _drop_article(self.store, name)
        if text:
            self.store.add_nquads(text, bulk=self.bulk, counts=counts)

    def flush(self) -> None:
        """Write what is collected and wait until every batch is in the store."""
        self._submit()
        self.pending.result()
        self.pool.shutdown()


class _Tally:
    """The store, counting the quads a build adds and drops, asserted and inferred apart, so that
    the summary needs no count over the whole store."""

    def __init__(self, store: Store, asserted: int = 0, inferred: int = 0):
        self.store, self.asserted, self.inferred = store, asserted, inferred

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def _add(self, graph: str, n: int) -> None:
        if graph in UNCOUNTED:
            return
        if is_inferred(graph):
            self.inferred += n
        else:
            self.asserted += n

    def drop_graph(self, name) -> None:
        self._add(str(name), -count_graph(self.store, name))
        self.store.drop_graph(name)

    def put_graph(self, name, graph: Graph) -> None:
        self.drop_graph(name)
        self._add(str(name), len(graph))
        self.store.put_graph(name, graph)

    def add_nquads(self, text: str, bulk: bool = False, counts: tuple[int, int] | None = None) -> None:
        if counts is None:
            for graph in GRAPH_OF_LINE.findall(text):
                self._add(graph, 1)
        else:
            self.asserted += counts[0]
            self.inferred += counts[1]
        self.store.add_nquads(text, bulk=bulk)

    def remove_nquads(self, text: str) -> None:
        """Remove N-Quads the store holds (each is counted off)."""
        for graph in GRAPH_OF_LINE.findall(text):
            self._add(graph, -1)
        self.store.remove_nquads(text)

    def clear(self) -> None:
        self.store.clear()
        self.asserted = self.inferred = 0


UNCOUNTED = {str(BUILD_GRAPH), str(NAMES_GRAPH)}  # the build record, and an index of names held elsewhere
GRAPH_OF_LINE = re.compile(r"<([^<>\s]*)> \.\n")


def _drop_article(store: Store, name: str) -> None:
    store.drop_graph(URIRef(name))
    store.drop_graph(inferred_graph(name))


def _recorded(store: Store, prop: URIRef) -> str | None:
    rows = list(store.query("SELECT ?v WHERE { GRAPH <%s> { <%s> <%s> ?v } }" % (BUILD_GRAPH, BUILD_GRAPH, prop)))
    return str(rows[0].v) if rows else None


def _record(store: Store, fp: str, linked: str, tally: _Tally) -> None:
    g = Graph()
    g.add((BUILD_GRAPH, NEWS.contentHash, Literal(fp)))
    g.add((BUILD_GRAPH, NEWS.linkedFor, Literal(linked)))
    g.add((BUILD_GRAPH, NEWS.assertedQuads, Literal(tally.asserted)))
    g.add((BUILD_GRAPH, NEWS.inferredQuads, Literal(tally.inferred)))
    store.put_graph(BUILD_GRAPH, g)


def _tally(store: Store, trusted: bool) -> _Tally:
    """The store with its quad counts: as recorded by the last build when it finished (`trusted`),
    else counted now (the slow way, once)."""
    recorded = [_recorded(store, p) for p in (NEWS.assertedQuads, NEWS.inferredQuads)]
    if trusted and None not in recorded:
        return _Tally(store, int(recorded[0]), int(recorded[1]))
    tally = _Tally(store)
    for g, n in store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        tally._add(g[1:-1], int(n[1 : n.index('"', 1)]))
    return tally


def _digest(hashes: dict) -> str:
    """One hash for the set of articles in the store (what the links were made for)."""
    return hashlib.sha256("".join(sorted(f"{k} {v}\n" for k, v in hashes.items())).encode()).hexdigest()


def build_into(
    store: Store,
    paths: list[Path],
    reasoner: str | None = "rules",
    workers: int = 1,
    full: bool = False,
    progress: Progress | None = None,
    dask=None,
    pipeline: list[str] | None = None,
    prune: bool = False,
    remove: set[str] | None = None,
) -> BuildReport:
    """Bring `store` up to date with the articles under `paths`, reasoning with the reasoner
    named `reasoner` (None: none). A bad article is reported in `report.errors` and skipped;
    the others are built. Only new or changed articles are
    extracted (`full=True` extracts all again); `workers` > 1 extracts in that many processes,
    `dask` (a scheduler address or a `distributed.Client`) on a Dask cluster, with the same
    result as one process. `pipeline` names the extraction components (kg.extract; None: the
    default); a build with another pipeline than the store's last extracts every article again.

    A build adds and updates articles: those in the store that are not among `paths` stay, and
    are counted in `report.not_given`; `prune=True` removes them, so that the store holds
    exactly `paths`. `remove` names article graphs to take out (see `remove_articles`).
    `progress(done, total, item)` hears of every article file read and of every later phase
    (see `Progress`)."""
    t0 = time.perf_counter()
    tell = progress or _silent
    pipeline = tuple(pipeline) if pipeline else None
    report = BuildReport(reasoner=reasoner)
    files, skipped = find_articles(paths)
    report.skipped = [str(p) for p in skipped]
    fp = fingerprint(reasoner, pipeline)
    report.full = full = full or _recorded(store, NEWS.contentHash) != fp
    stored = article_hashes(store) if full and not prune else {}
    known = {} if full else article_hashes(store)
    links_current = not full and _recorded(store, NEWS.linkedFor) == _digest(known)
    store = _Tally(store) if full else _tally(store, links_current)
    if full:
        _start_over(store, reasoner)
    seen: set[str] = set()
    new_events: list[EventFacts] = []
    changed: set[str] = set()
    hashes = dict(known)
    writer = _Writer(store, set(known), bulk=full)

    def jobs() -> Iterator[Job]:
        first: dict[str, str] = {}
        for read, (path, key) in enumerate(files, 1):
            name = str(article_graph(key))
            if name in known and name not in first and _unchanged(path, known[name]):  # not decoded
                first[name] = str(path)
                seen.add(name)
                report.unchanged += 1
                tell(read, len(files), printable(path))
                continue
            docs, errors = _read(path, key)
            report.errors += errors
            for doc in docs:
                name = str(article_graph(doc.key))
                if name in first:  # two keys with one hash: both named, the second skipped
                    report.errors.append(
                        f"{printable(doc.path)}: the same article name as {printable(first[name])}, skipped"
                    )
                    continue
                first[name] = str(doc.path)
                seen.add(name)
                if known.get(name) == hashlib.sha256(doc.raw).hexdigest():
                    report.unchanged += 1
                else:
                    yield doc, reasoner, pipeline
            tell(read, len(files), printable(path))

    with _phase(report, "extract and store"):
        for result in run(jobs(), workers, dask):
            if isinstance(result, str):
                report.errors.append(result)
                continue
            writer.add(result)
            hashes[result.graph] = result.hash
            new_events += result.events
            changed.add(result.graph)
            report.extracted += 1
        tell(len(files), len(files), "writing the store")
        writer.flush()
    report.reasoned = bool(reasoner) and report.extracted > 0
    with _phase(report, "remove"):
        if prune or remove:
            tell(0, 0, "removing articles")
        for name in known:
            if name not in seen and (prune or name in (remove or ())):
                _drop_article(store, name)
                changed.add(name)
                del hashes[name]
                report.removed += 1
            elif name not in seen:
                report.not_given += 1
        _drop_orphans(store)
    report.dropped = len(set(stored) - seen)
    if changed or not links_current:
        with _phase(report, "names"):
            tell(0, 0, "gathering names")
            refresh_names(store, changed & hashes.keys(), everything=full or not links_current, bulk=full)
        with _phase(report, "link"):
            tell(0, 0, "linking events across articles")
            links = relink(store, new_events, changed, "new" if full else "incremental" if links_current else "all")
        with _phase(report, "reason across articles"):
            if reasoner:
                tell(0, 0, "reasoning across articles")
                from kg.reason.across import reason_across

                reason_across(store, links, changed if links_current else None, bulk=full, reasoner=reasoner)
                report.reasoned = True
    _record(store.store, fp, _digest(hashes), store)
    with _phase(report, "count"):
        tell(0, 0, "counting")
        _count(store, report)
    report.articles = len(hashes)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


class Progress(Protocol):
    """What a build tells as it goes: `done` of `total` article files read so far, and `item`
    the file just read; then, for each later phase (writing the store, linking events, reasoning
    across articles...), `done` = `total` = 0 and `item` the phase."""

    def __call__(self, done: int, total: int, item: str) -> None: ...


def _silent(done: int, total: int, item: str) -> None:
    pass


class RemoveError(ValueError):
    """An article to remove is not in the store, or is named ambiguously."""


def article_graphs_named(store: Store, refs: list[str]) -> list[str]:
    """The article graphs `refs` name: each an article or graph IRI, or the article's source
    file (its base name, as `news:sourceFile` holds it). RemoveError names a ref that matches no
    article, or several."""
    rows = store.select("SELECT ?g ?a ?f WHERE { GRAPH ?g { ?a a <%s> ; <%s> ?f } }" % (NEWS.Article, NEWS.sourceFile))
    articles = [(g[1:-1], a[1:-1], f[1:-1]) for g, a, f in rows if g[1:].startswith(ARTICLE_PREFIX)]
    names = []
    for ref in refs:
        base = Path(ref).name
        found = sorted({g for g, a, f in articles if ref in (g, a) or f in (ref, base)})
        if not found:
            raise RemoveError(f"{ref}: no article of the store has this name, IRI or source file")
        if len(found) > 1:
            raise RemoveError(
                f"{ref}: {len(found)} articles have this source file; name one by its IRI: {', '.join(found)}"
            )
        names.append(found[0])
    return names


def remove_articles(store: Store, refs: list[str], progress=None) -> BuildReport:
    """Take the articles `refs` names (see `article_graphs_named`) out of `store`, and bring the
    cross-article links, the names graph and what was inferred across articles up to date; the
    other articles stay as they are. The store must have been built by this version of newskg,
    whichever reasoner it used."""
    names = set(article_graphs_named(store, refs))
    recorded = _recorded(store, NEWS.contentHash)
    reasoner = next((r for r in ("rules", "owlrl", None) if fingerprint(r) == recorded), "missing")
    if reasoner == "missing":
        raise RemoveError("the store was built by another version of newskg or pipeline: build it again first")
    return build_into(store, [], reasoner=reasoner, remove=names, progress=progress)


def _unchanged(path: Path, digest: str) -> bool:
    """Whether the file (an article file, not JSON Lines) has the content hash `digest`."""
    if path.suffix.lower() == ".jsonl":
        return False
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False  # read again, to report why


def _read(path: Path, key: str) -> tuple[list[Doc], list[str]]:
    try:
        docs, errors = read_articles(path, key)
    except ArticleError as e:
        return [], [str(e)]
    return docs, [str(e) for e in errors]


def _start_over(store: Store, reasoner: str | None) -> None:
    """A first build, or one after the code, ontology, gazetteer or reasoner changed: empty the
    store and put the static graphs (and what they imply) in."""
    from kg.reason import reasoner as reasoner_named

    store.clear()
    graphs = static_graphs()
    for name, g in graphs.items():
        store.put_graph(name, g)
    if reasoner:
        store.add_nquads(nquads(reasoner_named(reasoner).static(), str(STATIC_INFERRED_GRAPH)))


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
    return [ARTICLE_PREFIX + name[len(prefix) :]] if name.startswith(prefix) else []


def _count(store: _Tally, report: BuildReport) -> None:
    q = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a <%s> ?x }"
    report.entities = int(next(iter(store.query(q % NEWS.mentions))).n)
    report.events = int(next(iter(store.query(q % NEWS.reports))).n)
    report.links = count_graph(store, MATCHES_GRAPH)
    report.asserted, report.inferred = store.asserted, store.inferred


@contextmanager
def _phase(report: BuildReport, name: str) -> Iterator[None]:
    t = time.perf_counter()
    yield
    report.phases[name] = round(report.phases.get(name, 0) + time.perf_counter() - t, 3)
