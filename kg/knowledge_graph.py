"""The KnowledgeGraph object: a store you can build into, query, explain, validate and export."""

from __future__ import annotations

from pathlib import Path

from pyparsing import ParseException
from rdflib import Dataset
from rdflib.query import Result

from kg.build import BuildReport, build_into, remove_articles
from kg.queries import QueryError, resolve, syntax_error
from kg.reader import ArticleError
from kg.serialize import read_dataset, write_dataset
from kg.store import MemoryStore, OxigraphStore, Store, default_store_path


class KnowledgeGraph:
    """A news knowledge graph: one named graph per article, plus the ontology, gazetteer, links
    and inferred graphs, held in a store (in memory or an on-disk Oxigraph database)."""

    def __init__(self, store: Store, report: BuildReport | None = None):
        self.store = store
        self.report = report

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset view of everything (for an on-disk store, a copy made now)."""
        return self.store.dataset()

    def query(self, name_or_sparql: str, **params) -> Result:
        """Run a saved query by name (see `kg.catalogue()`), a .rq file or SPARQL text.
        Keyword arguments bind the query's parameters: `g.query("interactions", person="Elon Musk")`.
        Returns an rdflib Result: iterate it for rows (`row.otherName`, `row["date"]`, `row.asdict()`)."""
        q = resolve(name_or_sparql)
        bindings = q.bindings(params)
        q.check_names(bindings, lambda text: self.store.query(text, {}))
        try:
            result = self.store.query(q.text, bindings)
        except (SyntaxError, ParseException) as e:
            raise QueryError(syntax_error(e)) from None
        return q.tidy(result)

    def explain(self, s, p, o):
        """Why (s, p, o) holds: the sentences it was extracted from, or, if reasoning inferred
        it, the asserted triples that imply it. Terms are rdflib terms, names, CURIEs or <IRIs>
        (see `kg.explain.parse_term`). Returns a `kg.explain.Explanation`."""
        from kg.explain import explain, parse_term

        ds = self.dataset
        return explain(ds, *(parse_term(ds, x, i) for i, x in enumerate((s, p, o))))

    def validate(self):
        """SHACL violations against ontology/shapes.ttl (an empty list when the data conforms)."""
        from kg.validate import validate

        return validate(self.dataset)

    def check(self, reasoner: str = "rules"):
        """Recompute the links, inferred graphs and names graph from the article graphs and
        compare with what the store holds (`kg.check.CheckReport`; `.ok` when they agree)."""
        from kg.check import check

        return check(self.store, reasoner)

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write the dataset; the format follows the extension (.trig, .nq, .jsonld; .ttl = union)."""
        return write_dataset(self.dataset, Path(path), format)

    def show(self, entity: str, path: str | Path) -> Path:
        """Draw the entity's neighbourhood to .svg, .png or .html (see kg.pictures)."""
        from kg.pictures import neighbourhood

        return neighbourhood(self, entity, Path(path))

    def timeline(self, entity: str, path: str | Path) -> Path:
        """Draw the entity's events on a time axis to .png or .svg (see kg.pictures)."""
        from kg.pictures import timeline

        return timeline(self, entity, Path(path))

    def push(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        gsp: str | None = None,
        timeout: int = 120,
        progress=None,
    ):
        """Copy every named graph into a SPARQL 1.1 store (`endpoint`: its query URL), each
        replaced atomically by SPARQL Update (`update_endpoint`) or Graph Store Protocol (`gsp`);
        graphs the remote holds but this graph no longer has are dropped. `progress(done, total,
        item)` hears of the graphs written. Returns a `kg.push.PushReport`; raises
        `kg.push.PushError` when the target cannot be reached."""
        from kg.push import Target, push

        target = Target(endpoint, update_url=update_endpoint, gsp_url=gsp, timeout=timeout)
        return push(self.store, target, progress=progress)

    def serve(self, host: str = "127.0.0.1", port: int = 7878, timeout: int = 30, background: bool = False):
        """A read-only HTTP server over this on-disk store (SPARQL 1.1 Protocol, saved queries, the
        explorer pages) at `.url`: `.run()` serves until interrupted, `.close()` stops it;
        `background=True` (for notebooks) serves from a thread at once (`port=0`: any free port).
        It follows the store: what a later build publishes is served without a restart."""
        from kg.serve import Limits, Server, serve_in_thread

        if not isinstance(self.store, OxigraphStore):
            raise ValueError("only an on-disk store can be served: kg.build(..., store=DIR) or kg.open(DIR)")
        limits = Limits(query_seconds=timeout)
        return (serve_in_thread if background else Server)(self.store.path, host, port, limits)

    def close(self) -> None:
        """Release an on-disk store (its lock) before another process or handle opens it."""
        if hasattr(self.store, "close"):
            self.store.close()

    def __len__(self) -> int:
        return len(self.store)


def build(
    paths,
    reason: bool = True,
    store: str | Path | None = None,
    progress=None,
    workers: int = 1,
    full: bool = False,
    dask=None,
    reasoner: str = "rules",
    pipeline: list[str] | None = None,
    prune: bool = False,
) -> KnowledgeGraph:
    """Build a knowledge graph from article files or directories (walked recursively).

    With `store=DIR` the graph goes into a persistent Oxigraph store, incrementally: only new or
    changed articles are extracted (`full=True`: all of them). A build adds and updates: articles
    already in the store that are not among `paths` stay (`report.not_given` counts them), unless
    `prune=True`, which makes the store hold exactly `paths`; `kg.remove` takes articles out. Without it, the graph is built in
    memory. `workers=N` extracts in N processes, `dask="tcp://host:8786"` (or a
    `distributed.Client`) on a Dask cluster whose workers have newskg installed; the result is
    the same as from one process. `reasoner="owlrl"` reasons with owlrl, the reference engine,
    article by article (about 100 times slower than the default "rules"; the same triples).
    `progress(done, total, item)` hears of each article file read, then of each later phase
    (`kg.build.Progress`). `pipeline` lists the extraction components to run (default: `kg.extract.DEFAULT_PIPELINE`;
    a component registered with `kg.extract.component` under a built-in's name replaces it).

    >>> import kg
    >>> g = kg.build(["corpus"])
    >>> [r.otherName for r in g.query("interactions", person="Elon Musk")]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:  # before the store is opened (or made)
        if not Path(p).exists():
            raise ArticleError(p, "no such file or directory")
    target = OxigraphStore(store) if store is not None else MemoryStore()
    report = build_into(
        target,
        [Path(p) for p in paths],
        reasoner=reasoner if reason else None,
        workers=workers,
        full=full,
        progress=progress,
        dask=dask,
        pipeline=pipeline,
        prune=prune,
    )
    if isinstance(target, OxigraphStore):
        target.publish()  # readers see the store as this build left it, from now on
    return KnowledgeGraph(target, report)


def remove(articles: list[str], store: str | Path | None = None) -> KnowledgeGraph:
    """Take articles out of the on-disk store (default: $KG_STORE, else ./kg-store): each named by
    its source file ('000_2ae13ee501b42528.txt'), its IRI or its graph's IRI. Links, names and
    inferences across articles are brought up to date; the other articles stay.

    >>> import kg
    >>> g = kg.remove(["000_2ae13ee501b42528.txt"], store="kg-store")
    >>> g.report.removed
    1
    """
    target = OxigraphStore(default_store_path(store))
    report = remove_articles(target, list(articles))
    target.publish()
    return KnowledgeGraph(target, report)


def open(store: str | Path | None = None, read_only: bool = True) -> KnowledgeGraph:  # noqa: A001
    """Open an on-disk store built by `kg build` (default: $KG_STORE, else ./kg-store)."""
    return KnowledgeGraph(OxigraphStore(default_store_path(store), read_only=read_only))


def connect(
    data: str | Path | None = None, store: str | Path | None = None, endpoint: str | None = None, timeout: int = 60
):
    """What to query, from the one source given: a dataset file (`data`, loaded in memory), a
    SPARQL endpoint (`endpoint`: its query URL, an `kg.Endpoint`), else the on-disk store (`store`,
    default $KG_STORE, else ./kg-store). Each answers `.query(name_or_sparql, **params)` with the
    same rows.

    >>> import kg
    >>> kg.connect(endpoint="http://127.0.0.1:7878/query").query("timeline", person="Elon Musk")
    """
    if sum(x is not None for x in (data, store, endpoint)) > 1:
        raise ValueError("give at most one of data (a file), store (a folder) or endpoint (a URL)")
    if endpoint is not None:
        from kg.endpoint import Endpoint

        return Endpoint(endpoint, timeout=timeout)
    if data is not None:
        return load(data)
    return open(store)


def load(path: str | Path) -> KnowledgeGraph:
    """Load a dataset file written by `kg build -o` or `export` (.trig, .nq, .jsonld, .ttl), in memory."""
    return KnowledgeGraph(MemoryStore(read_dataset(Path(path))))
