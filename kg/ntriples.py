"""RDF terms as N-Triples text: the form article graphs travel in between extraction, the
reasoner and the store (plain strings hash and compare fast, and the store parses them)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
                         "\f": "\\f"})
BAD_IRI = set('<>"{}|^`\\ \n\r\t')


class TermError(ValueError):
    pass


def term(t) -> str:
    """One rdflib term in N-Triples syntax."""
    if isinstance(t, URIRef):
        if BAD_IRI.intersection(t):
            raise TermError(f"not a valid IRI: {str(t)[:80]!r}")
        return f"<{t}>"
    if isinstance(t, Literal):
        text = f'"{str(t).translate(ESCAPES)}"'
        if t.language:
            return f"{text}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{text}^^<{t.datatype}>"
        return text
    if isinstance(t, BNode):
        return f"_:{t}"
    raise TermError(f"not an RDF term: {t!r}")


def triples(items: Iterable[tuple]) -> set[tuple[str, str, str]]:
    """rdflib triples as N-Triples term strings."""
    cache: dict = {}

    def conv(x):
        s = cache.get(x)
        if s is None:
            s = cache[x] = term(x)
        return s

    return {(conv(s), conv(p), conv(o)) for s, p, o in items}


def nquads(items: Iterable[tuple[str, str, str]], graph: str) -> str:
    """Triples of term strings as N-Quads lines in `graph` (an IRI), sorted."""
    g = f"<{graph}>"
    return "".join(sorted(f"{s} {p} {o} {g} .\n" for s, p, o in items))


def is_literal(t: str) -> bool:
    return t[0] == '"'


def to_rdflib(items: Iterable[tuple[str, str, str]]) -> set:
    """Term-string triples back as rdflib triples (for tests and small graphs)."""
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in items)
    return set(Graph().parse(data=text, format="nt"))


def from_term(t: str):
    """One N-Triples term string as an rdflib term."""
    if t[0] == "<":
        return URIRef(t[1:-1])
    if t.startswith("_:"):
        return BNode(t[2:])
    return next(iter(Graph().parse(data=f"<x:s> <x:p> {t} .", format="nt")))[2]
