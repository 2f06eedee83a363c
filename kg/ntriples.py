"""RDF terms as N-Triples text: the form article graphs travel in between extraction, the
reasoner and the store (plain strings hash and compare fast, and the store parses them)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})
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


XSD_SHORT = {
    "integer": f"<{XSD.integer}>",
    "decimal": f"<{XSD.decimal}>",
    "double": f"<{XSD.double}>",
    "boolean": f"<{XSD.boolean}>",
}


def from_turtle_short(t: str) -> str:
    """A term as SPARQL TSV results write it, in N-Triples form: Turtle's bare numbers and
    booleans ('5', '1.5', '1e3', 'true') get their quotes and datatype back."""
    if not t or t[0] in '<"_':
        return t
    if t in ("true", "false"):
        kind = "boolean"
    elif "e" in t or "E" in t:
        kind = "double"
    elif "." in t:
        kind = "decimal"
    else:
        kind = "integer"
    return f'"{t}"^^{XSD_SHORT[kind]}'
