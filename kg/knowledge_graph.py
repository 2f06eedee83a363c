"""The KnowledgeGraph object: a built or loaded dataset you can query and export."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset
from rdflib.query import Result

from kg.build import BuildReport, build_dataset
from kg.queries import resolve
from kg.serialize import read_dataset, write_dataset


class KnowledgeGraph:
    """A news knowledge graph held in an rdflib Dataset (`.dataset`): one named graph per
    article, plus the ontology, gazetteer and inferred graphs; its default graph is the union."""

    def __init__(self, dataset: Dataset, report: BuildReport | None = None):
        self.dataset = dataset
        self.report = report

    def query(self, name_or_sparql: str, **params) -> Result:
        """Run a saved query by name (see `kg.queries.catalogue()`), a .rq file or SPARQL text.
        Keyword arguments bind the query's parameters: `kg.query("interactions", person="Elon Musk")`.
        Returns an rdflib Result: iterate it for rows (`row.other`, `row["date"]`, `row.asdict()`)."""
        q = resolve(name_or_sparql)
        return self.dataset.query(q.text, initBindings=q.bindings(params))

    def explain(self, s, p, o):
        """Why (s, p, o) holds: the sentences it was extracted from, or, if reasoning inferred
        it, the asserted triples that imply it. Terms are rdflib terms or names/CURIEs
        (see `kg.explain.parse_term`). Returns a `kg.explain.Explanation`."""
        from kg.explain import explain, parse_term

        return explain(self.dataset, *(parse_term(self.dataset, x, i) for i, x in enumerate((s, p, o))))

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write the dataset; the format follows the extension (.trig, .nq, .jsonld; .ttl = union)."""
        return write_dataset(self.dataset, Path(path), format)

    def __len__(self) -> int:
        return len(self.dataset)


def build(paths, reason: bool = True, progress=None) -> KnowledgeGraph:
    """Build a knowledge graph from article files or directories (walked recursively).

    >>> import kg
    >>> g = kg.build(["corpus"])
    >>> [r.otherName for r in g.query("interactions", person="Elon Musk")]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    ds, report = build_dataset([Path(p) for p in paths], reason_over=reason, progress=progress)
    return KnowledgeGraph(ds, report)


def load(path: str | Path) -> KnowledgeGraph:
    """Load a dataset written by `kg build` or `KnowledgeGraph.export` (.trig, .nq, .jsonld, .ttl)."""
    return KnowledgeGraph(read_dataset(Path(path)))
