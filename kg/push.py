"""Loading a built dataset into any SPARQL 1.1 store: each named graph replaced atomically,
either by one SPARQL Update request that drops and inserts it, or by a Graph Store Protocol PUT.
Small graphs are batched into one request; a failed request is retried with backoff; graphs
the remote holds under our article and inferred prefixes but the local store no longer has
are dropped.
Pushing twice changes nothing."""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.build import BUILD_GRAPH
from kg.endpoint import credentials
from kg.names import INFERRED_GRAPH
from kg.store import ARTICLE_PREFIX, Store

BATCH_TRIPLES = 20_000
MANAGED = (ARTICLE_PREFIX, str(INFERRED_GRAPH))  # graphs a build adds and removes


class PushError(RuntimeError):
    pass


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0
    dropped: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


def _ntriples(g: Graph) -> str:
    return "".join(sorted(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines(keepends=True)))


def _with_retries(send: Callable[[], None], report: PushReport, retries: int, backoff: float) -> None:
    for attempt in range(retries + 1):
        try:
            send()
            report.requests += 1
            return
        except Exception as e:  # HTTP errors, refused connections, timeouts: all retried the same way
            if attempt == retries:
                raise PushError(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from None
            report.retries += 1
            time.sleep(backoff * (2**attempt))


class Target:
    """A remote store: its query URL, and an update URL or a Graph Store Protocol URL."""

    def __init__(self, query_url: str, update_url: str | None = None, gsp_url: str | None = None, timeout: int = 120):
        if not (update_url or gsp_url):
            raise PushError("give an update endpoint (--update-endpoint) or a Graph Store Protocol URL (--gsp)")
        self.query_url, self.update_url, self.gsp_url, self.timeout = query_url, update_url, gsp_url, timeout

    def remote_managed_graphs(self) -> set[URIRef]:
        sw = SPARQLWrapper(self.query_url)
        sw.setTimeout(self.timeout)
        if auth := credentials(self.query_url):  # each host gets its own .netrc entry, never another's
            sw.setCredentials(*auth)
        sw.setQuery("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        sw.setReturnFormat(JSON)
        rows = sw.query().convert()["results"]["bindings"]
        return {URIRef(r["g"]["value"]) for r in rows if r["g"]["value"].startswith(MANAGED)}

    def update(self, text: str) -> None:
        sw = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        sw.setTimeout(self.timeout)
        if auth := credentials(self.update_url):
            sw.setCredentials(*auth)
        sw.setMethod(POST)
        sw.setQuery(text)
        sw.query()

    def _gsp(self, method: str, name: URIRef, body: str | None = None) -> None:
        """One Graph Store Protocol request on the graph `name`."""
        url = f"{self.gsp_url}?{urllib.parse.urlencode({'graph': str(name)})}"
        req = urllib.request.Request(url, data=body.encode("utf-8") if body is not None else None, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/n-triples")
        if auth := credentials(self.gsp_url):
            req.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
        with urllib.request.urlopen(req, timeout=self.timeout) as r:
            r.read()

    def put(self, name: URIRef, body: str) -> None:
        self._gsp("PUT", name, body)

    def drop(self, name: URIRef) -> None:
        if self.update_url:
            self.update(f"DROP SILENT GRAPH <{name}>")
            return
        try:
            self._gsp("DELETE", name)
        except urllib.error.HTTPError as e:
            if e.code != 404:  # already gone
                raise


def _batches(store: Store, names: list[URIRef]):
    """Graphs grouped so that each request carries about BATCH_TRIPLES triples."""
    batch, size = [], 0
    for name in names:
        g = _graph(store, name)
        batch.append((name, g))
        size += len(g)
        if size >= BATCH_TRIPLES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _attempt(request: Callable[[], None], batch: list, report: PushReport, retries: int, backoff: float) -> list:
    """`batch` if `request` succeeded (with retries), else [] with each graph in `report.failed`."""
    try:
        _with_retries(request, report, retries, backoff)
    except PushError as e:
        report.failed += [f"{n}: {e}" for n, _ in batch]
        return []
    return batch


def _graph(store: Store, name: URIRef) -> Graph:
    return store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % name).graph


def push(
    store: Store,
    target: Target,
    retries: int = 4,
    backoff: float = 0.5,
    progress: Callable[[int, int, str], None] | None = None,
) -> PushReport:
    """Replace every named graph of `store` (but the build bookkeeping) on `target`.
    `progress(done, total, item)` hears of the graphs written (`item`: the last one)."""
    t0 = time.perf_counter()
    report = PushReport()
    names = [n for n in store.graph_names() if n != BUILD_GRAPH]
    try:
        stale = target.remote_managed_graphs() - set(names)
    except Exception as e:
        raise PushError(f"{target.query_url}: cannot list the remote graphs ({type(e).__name__}: {e})") from None
    for name in sorted(stale):
        _with_retries(lambda n=name: target.drop(n), report, retries, backoff)
        report.dropped += 1
    for batch in _batches(store, names):
        if target.update_url:  # one request for the batch: all of it written, or none
            text = " ;\n".join(
                f"DROP SILENT GRAPH <{n}> ;\nINSERT DATA {{ GRAPH <{n}> {{\n{_ntriples(g)}}} }}" for n, g in batch
            )
            done = _attempt(lambda t=text: target.update(t), batch, report, retries, backoff)
        else:  # one request per graph: each written or failed on its own
            done = [
                item
                for item in batch
                if _attempt(lambda n=item[0], b=_ntriples(item[1]): target.put(n, b), [item], report, retries, backoff)
            ]
        report.graphs += len(done)
        report.triples += sum(len(g) for _, g in done)
        if progress and done:
            progress(report.graphs, len(names), str(done[-1][0]))
    report.seconds = round(time.perf_counter() - t0, 2)
    return report
