"""Where a knowledge graph lives: one small interface, two stores.

- `MemoryStore`: an rdflib Dataset in memory (small work, tests, reasoning input).
- `OxigraphStore`: a persistent on-disk Oxigraph database (pyoxigraph), the default for `kg build`.

Both hold named graphs, answer SPARQL with an rdflib `Result` (the same row type as a remote
endpoint), and give an rdflib `Dataset` view for code that wants rdflib objects.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Protocol

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.names import GRAPH, NEWS
from kg.ntriples import from_term, term
from kg.serialize import PREFIXES

DEFAULT_STORE = "kg-store"
ARTICLE_PREFIX = str(GRAPH["article-"])
Quad = tuple[str, str, str, str]


def default_store_path(path: str | Path | None = None) -> Path:
    """`path`, else $KG_STORE, else ./kg-store."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store(Protocol):
    def graph_names(self) -> list[URIRef]: ...
    def put_graph(self, name: URIRef, graph: Graph) -> None: ...
    def drop_graph(self, name: URIRef) -> None: ...
    def add_nquads(self, text: str, bulk: bool = False) -> None: ...
    def clear(self) -> None: ...
    def match(self, s: str | None = None, p: str | None = None, o: str | None = None) -> Iterator[Quad]: ...
    def graphs_of(self, s: str, p: str, o: str) -> list[str]: ...
    def query(self, sparql: str, bindings: dict | None = None) -> Result: ...
    def dataset(self, exclude: Iterable[URIRef] = ()) -> Dataset: ...
    def __len__(self) -> int: ...


def article_hashes(store: Store) -> dict[URIRef, str]:
    """Each article graph's content hash: what an incremental build compares against."""
    rows = store.query("SELECT ?g ?h WHERE { GRAPH ?g { ?a <%s> ?h } }" % NEWS.contentHash)
    return {r.g: str(r.h) for r in rows if str(r.g).startswith(ARTICLE_PREFIX)}


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

    def clear(self) -> None:
        for name in self.graph_names():
            self.drop_graph(name)

    def match(self, s: str | None = None, p: str | None = None, o: str | None = None) -> Iterator[Quad]:
        """Quads matching a pattern of N-Triples terms (None: any), as N-Triples strings with the
        graph's IRI last."""
        pattern = tuple(None if x is None else from_term(x) for x in (s, p, o))
        for qs, qp, qo, g in self.ds.quads((*pattern, None)):
            yield term(qs), term(qp), term(qo), str(g.identifier if hasattr(g, "identifier") else g)

    def graphs_of(self, s: str, p: str, o: str) -> list[str]:
        """The names of the graphs holding one triple (N-Triples terms)."""
        return [g for *_, g in self.match(s, p, o)]

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
    """A persistent Oxigraph database in a directory."""

    def __init__(self, path: str | Path, read_only: bool = False):
        import pyoxigraph as ox

        self.path = Path(path)
        self.ox = ox
        if read_only:
            if not self.path.is_dir():
                raise FileNotFoundError(f"{self.path}: no store here (run `kg build` first)")
            self.db = ox.Store.read_only(str(self.path))
        else:
            self.db = ox.Store(str(self.path))

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.db.named_graphs() if isinstance(g, self.ox.NamedNode))

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

    def clear(self) -> None:
        self.db.clear()

    def match(self, s: str | None = None, p: str | None = None, o: str | None = None) -> Iterator[Quad]:
        """Quads matching a pattern of N-Triples terms (None: any), as N-Triples strings with the
        graph's IRI last."""
        pattern = [None if x is None else self._term(x) for x in (s, p, o)]
        for q in self.db.quads_for_pattern(*pattern, None):
            g = q.graph_name
            yield str(q.subject), str(q.predicate), str(q.object), g.value if isinstance(g, self.ox.NamedNode) else ""

    def graphs_of(self, s: str, p: str, o: str) -> list[str]:
        """The names of the graphs holding one triple (N-Triples terms)."""
        return [q.graph_name.value for q in self.db.quads_for_pattern(*map(self._term, (s, p, o)), None)
                if isinstance(q.graph_name, self.ox.NamedNode)]

    def _term(self, t: str):
        if t[0] == "<":
            return self.ox.NamedNode(t[1:-1])
        data = f"<x:s> <x:p> {t} .".encode()
        return next(iter(self.ox.parse(data, format=self.ox.RdfFormat.N_TRIPLES))).object

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

    def __len__(self) -> int:
        return len(self.db)


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
