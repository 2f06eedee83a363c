"""Reading and writing datasets by file extension; writes are atomic (temp file, then rename)."""

from __future__ import annotations

import io
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.files import write_atomically

PREFIXES = {
    "news": "https://w3id.org/newskg/ontology#",
    "id": "https://w3id.org/newskg/id/",
    "graph": "https://w3id.org/newskg/graph/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": "http://www.wikidata.org/entity/",
}
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


class FormatError(ValueError):
    pass


def format_for(path: Path, explicit: str | None = None) -> str:
    if explicit:
        return {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld"}.get(explicit, explicit)
    fmt = FORMATS.get(Path(path).suffix.lower())
    if not fmt:
        raise FormatError(f"{path}: unknown RDF file extension (use one of {', '.join(sorted(FORMATS))})")
    return fmt


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def trig_bytes(ds: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's own order varies from run to run)."""
    serializer = TrigSerializer(ds)
    serializer.contexts = sorted(serializer.contexts, key=lambda g: str(g.identifier))
    buf = io.BytesIO()
    serializer.serialize(buf, encoding="utf-8")
    return buf.getvalue()


def write_dataset(ds: Dataset, path: Path, fmt: str | None = None) -> Path:
    """Serialise `ds` to `path` in the format its extension names (.ttl writes the union)."""
    path = Path(path)
    fmt = format_for(path, fmt)
    if fmt == "trig":
        data = trig_bytes(ds)
    else:
        data = (ds if fmt in QUAD_FORMATS else union_graph(ds)).serialize(format=fmt, encoding="utf-8")
    if fmt in ("nquads", "nt"):  # line formats: sorted lines are the same on every run
        data = b"".join(sorted(data.splitlines(keepends=True)))
    return write_atomically(path, data)


def read_dataset(path: Path, fmt: str | None = None) -> Dataset:
    """Parse an RDF file into a Dataset whose default graph is the union of its graphs."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    try:
        ds.parse(str(path), format=format_for(path, fmt))
    except Exception as e:  # rdflib raises many kinds; the user needs one line
        raise FormatError(f"{path}: cannot parse as {format_for(path, fmt)} ({str(e).splitlines()[0][:200]})") from None
    return ds
