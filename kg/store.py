"""Where a knowledge graph lives: one small interface, two stores.

- `MemoryStore`: an rdflib Dataset in memory (small work, tests, reasoning input).
- `OxigraphStore`: a persistent on-disk Oxigraph database (pyoxigraph), the default for `kg build`.

Both hold named graphs, answer SPARQL with an rdflib `Result` (the same row type as a remote
endpoint), and give an rdflib `Dataset` view for code that wants rdflib objects.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg import snapshots
from kg.names import ARTICLE_PREFIX, NEWS
from kg.ntriples import from_turtle_short, term
from kg.serialize import PREFIXES

DEFAULT_STORE = "kg-store"


def default_store_path(path: str | Path | None = None) -> Path:
    """`path`, else $KG_STORE, else ./kg-store."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store(Protocol):
    def graph_names(self) -> list[URIRef]: ...
    def put_graph(self, name: URIRef, graph: Graph) -> None: ...
    def drop_graph(self, name: URIRef) -> None: ...
    def add_nquads(self, text: str, bulk: bool = False) -> None: ...
    def remove_nquads(self, text: str) -> None: ...
    def clear(self) -> None: ...
    def select(self, sparql: str) -> list[tuple[str, ...]]: ...
    def count(self, name: URIRef | str) -> int: ...
    def query(self, sparql: str, bindings: dict | None = None) -> Result: ...
    def dataset(self, exclude: Iterable[URIRef] = ()) -> Dataset: ...
    def __len__(self) -> int: ...


def count_graph(store: Store, name: URIRef | str) -> int:
    """The number of triples in one named graph."""
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % name)
    return int(rows[0][0][1 : rows[0][0].index('"', 1)]) if rows else 0


def article_hashes(store: Store) -> dict[str, str]:
    """Each article graph's content hash, by graph IRI: what an incremental build compares against."""
    rows = store.select("SELECT ?g ?h WHERE { GRAPH ?g { ?a <%s> ?h } }" % NEWS.contentHash)
    return {g[1:-1]: h[1:-1] for g, h in rows if g[1:].startswith(ARTICLE_PREFIX)}


class MemoryStore:
    """A store in an rdflib Dataset (its default graph is the union of the named graphs)."""

    def __init__(self, ds: Dataset | None = None):
        self.ds = ds or new_rdflib_dataset()

    def graph_names(self) -> list[URIRef]:
        return sorted(g.identifier for g in self.ds.graphs() if isinstance(g.identifier, URIRef) and len(g))

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        self.drop_graph(name)
        target = self.ds.graph(name)
        for t in graph:
            target.add(t)

    def drop_graph(self, name: URIRef) -> None:
        self.ds.remove_graph(self.ds.graph(name))

    def add_nquads(self, text: str, bulk: bool = False) -> None:
        """Add N-Quads (every quad in a named graph)."""
        self.ds.parse(data=text, format="nquads")

    def remove_nquads(self, text: str) -> None:
        """Remove N-Quads (those the store does not hold are ignored)."""
        for s, p, o, c in Dataset().parse(data=text, format="nquads").quads((None, None, None, None)):
            self.ds.graph(c).remove((s, p, o))

    def clear(self) -> None:
        for name in self.graph_names():
            self.drop_graph(name)

    def select(self, sparql: str) -> list[tuple[str, ...]]:
        """A SELECT query's rows as N-Triples terms ('' where unbound), for bulk reads."""
        result = self.ds.query(sparql)
        return [tuple("" if x is None else term(x) for x in row) for row in result]

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        return self.ds.query(sparql, initBindings=bindings or {})

    def dataset(self, exclude: Iterable[URIRef] = ()) -> Dataset:
        exclude = set(exclude)
        if not exclude:
            return self.ds
        out = new_rdflib_dataset()
        for s, p, o, c in self.ds.quads((None, None, None, None)):
            if c not in exclude:
                out.graph(c).add((s, p, o))
        return out

    def __len__(self) -> int:
        return len(self.ds)


class OxigraphStore:
    """A persistent Oxigraph database in a directory. Read-only, it is the snapshot the last
    finished build published (`kg.snapshots`); for writing, the database builds write."""

    def __init__(self, path: str | Path, read_only: bool = False):
        import pyoxigraph as ox

        self.path = Path(path)
        self.ox = ox
        self._lock = None
        if read_only:
            if not self.path.is_dir():
                raise FileNotFoundError(f"{self.path}: no store here (run `kg build` first)")
            self.db, self._lock = snapshots.open_current(self.path)
        else:
            self.db = ox.Store(str(snapshots.data_dir(self.path)))

    def publish(self) -> None:
        """Make what this handle wrote what readers see (a snapshot, in milliseconds)."""
        snapshots.publish(self.db, self.path)

    def graph_names(self) -> list[URIRef]:
        return [URIRef(v) for v in sorted(g.value for g in self.db.named_graphs() if isinstance(g, self.ox.NamedNode))]

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace a named graph in one transaction-sized step: drop, then load its N-Triples."""
        target = self.ox.NamedNode(str(name))
        if self.db.contains_named_graph(target):
            self.db.remove_graph(target)
        data = graph.serialize(format="nt", encoding="utf-8")
        self.db.load(data, format=self.ox.RdfFormat.N_TRIPLES, to_graph=target)

    def drop_graph(self, name: URIRef) -> None:
        target = self.ox.NamedNode(str(name))
        if self.db.contains_named_graph(target):
            self.db.remove_graph(target)

    def add_nquads(self, text: str, bulk: bool = False) -> None:
        """Add N-Quads in one transaction: all of them or, if the process dies, none. With
        `bulk`, Oxigraph's bulk loader instead: several times faster, not atomic (for filling
        a store that a killed build starts again from empty)."""
        data = text.encode("utf-8")
        if bulk:
            self.db.bulk_load(data, format=self.ox.RdfFormat.N_QUADS)
        else:
            self.db.load(data, format=self.ox.RdfFormat.N_QUADS)

    def remove_nquads(self, text: str) -> None:
        """Remove N-Quads in one transaction (those the store does not hold are ignored)."""
        if text:
            self.db.update("DELETE DATA { %s }" % "".join(_as_graph_block(line) for line in text.splitlines()))

    def clear(self) -> None:
        self.db.clear()

    def select(self, sparql: str) -> list[tuple[str, ...]]:
        """A SELECT query's rows as N-Triples terms ('' where unbound), for bulk reads: the
        rows travel as SPARQL TSV, several times faster than building rdflib terms."""
        answer = self.db.query(sparql, use_default_graph_as_union=True)
        text = answer.serialize(format=self.ox.QueryResultsFormat.TSV).decode("utf-8")
        lines = text.split("\n")[1:]
        return [tuple(from_turtle_short(t) for t in line.split("\t")) for line in lines if line]

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        # Oxigraph's own substitutions must name projected variables; a VALUES block need not
        from kg.queries import with_values

        answer = self.db.query(with_values(sparql, bindings or {}), use_default_graph_as_union=True)
        return to_rdflib_result(self.ox, answer)

    def dataset(self, exclude: Iterable[URIRef] = ()) -> Dataset:
        buf = io.BytesIO()
        self.db.dump(buf, format=self.ox.RdfFormat.N_QUADS)
        ds = new_rdflib_dataset()
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
        for name in exclude:
            ds.remove_graph(ds.graph(name))
        return ds

    def flush(self) -> None:
        self.db.flush()

    def close(self) -> None:
        """Drop the handle so the directory's lock is released."""
        if getattr(self, "db", None) is not None:
            del self.db
            self.db = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __len__(self) -> int:
        return len(self.db)


def _as_graph_block(line: str) -> str:
    """One N-Quads line as a SPARQL `GRAPH <g> { s p o }` block."""
    body, graph = line.rstrip(" .").rsplit(" ", 1)
    return f"GRAPH {graph} {{ {body} }}\n"


def new_rdflib_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def to_rdflib_result(ox, answer) -> Result:
    """pyoxigraph's answer as an rdflib Result, through the W3C JSON / N-Triples formats."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        buf = io.BytesIO()
        answer.serialize(buf, format=ox.RdfFormat.N_TRIPLES)
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
        return result
    buf = io.BytesIO()
    answer.serialize(buf, format=ox.QueryResultsFormat.JSON)
    buf.seek(0)
    return Result.parse(buf, format="json")
