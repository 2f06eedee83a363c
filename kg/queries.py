"""The saved-query catalogue (queries/*.rq) and parameter binding.

A saved query starts with a comment header:

    # title: Interactions of a person
    # question: Whom did a person interact with, through which events, ...?
    # param person = "Elon Musk"  -- the person's name or any alias
    # lists: outlets
    # names: person

`lists` names the columns that gather names with GROUP_CONCAT (sorted here, see `tidy`);
`names` the parameters that name an entity (an unknown name is an error, not an empty answer).
Parameters are bound as RDF terms (rdflib initBindings locally, a VALUES block remotely),
never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.resources import resource_dir

PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(?:=\s*(.*?))?\s*(?:--\s*(.*))?$")
FIELD = re.compile(r"^#\s*(title|question)\s*:\s*(.*)$")
LISTS = re.compile(r"^#\s*(lists|names)\s*:\s*(.*)$")
SEPARATOR = ", "


class QueryError(ValueError):
    pass


@dataclass
class Param:
    name: str
    default: Node | None
    description: str = ""


@dataclass
class SavedQuery:
    name: str
    text: str
    title: str = ""
    question: str = ""
    params: list[Param] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # columns that GROUP_CONCAT a set of names
    names: list[str] = field(default_factory=list)  # parameters that name an entity

    def bindings(self, values: dict[str, str | Node] | None = None) -> dict[str, Node]:
        """Defaults overridden by `values`; unknown parameter names are an error."""
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = set(values) - known
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}"
                f" (it takes: {', '.join(sorted(known)) or 'none'})"
            )
        out = {p.name: p.default for p in self.params if p.default is not None}
        for k, v in values.items():
            if not isinstance(v, (str, Node, int, float)) or isinstance(v, bool):
                raise QueryError(
                    f"parameter {k!r} of query {self.name!r} must be a string, a number or an RDF term, not {type(v).__name__}"
                )
            out[k] = term(v)
        missing = known - set(out)
        if missing:
            raise QueryError(f"query {self.name!r} needs a value for {', '.join(sorted(missing))}")
        return out

    def check_names(self, bindings: dict[str, Node], run) -> None:
        """Raise `kg.entity_names.UnknownName` for a name parameter no entity has; `run`
        answers a SPARQL SELECT on the graph the query will run on."""
        from kg.entity_names import check_name

        for name in self.names:
            value = bindings.get(name)
            if isinstance(value, Literal) and str(value).strip():
                check_name(run, str(value))

    def tidy(self, result: Result) -> Result:
        """The `lists` columns in one order on every engine: SPARQL's GROUP_CONCAT has no
        ORDER BY, so each list is sorted here (and its empty items dropped)."""
        if not self.lists or result.type != "SELECT":
            return result
        columns = [Variable(c) for c in self.lists]
        result.bindings = [
            {k: (_sorted_list(v) if k in columns and isinstance(v, Literal) else v) for k, v in row.items()}
            for row in result.bindings
        ]
        return result


def _sorted_list(value: Literal) -> Literal:
    items = sorted({x.strip() for x in str(value).split(SEPARATOR.strip()) if x.strip()})
    return Literal(SEPARATOR.join(items))


BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')


def term(value: str | Node | int | float) -> Node:
    """A parameter value as an RDF term: <iri> or http(s)://... -> IRI, "..." or text -> literal,
    a number -> a typed literal."""
    if isinstance(value, Node):
        return value
    if isinstance(value, (int, float)):
        return Literal(value)
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        if BAD_IRI.search(v[1:-1]):
            raise QueryError(f"{v[:80]!r} is not a valid IRI")
        return URIRef(v[1:-1])
    if re.match(r"^https?://\S+$", v):
        return URIRef(v)
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return Literal(v[1:-1])
    return Literal(v)


def parse_saved(name: str, text: str) -> SavedQuery:
    q = SavedQuery(name, text)
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        m = FIELD.match(line)
        if m:
            setattr(q, m.group(1), m.group(2).strip())
            continue
        m = LISTS.match(line)
        if m:
            getattr(q, m.group(1)).extend(c.strip() for c in m.group(2).split(",") if c.strip())
            continue
        m = PARAM.match(line)
        if m:
            default = term(m.group(2)) if m.group(2) else None
            q.params.append(Param(m.group(1), default, (m.group(3) or "").strip()))
    return q


def catalogue(directory: Path | None = None) -> dict[str, SavedQuery]:
    """All saved queries by name (file stem), sorted."""
    d = directory or resource_dir("queries")
    return {p.stem: parse_saved(p.stem, p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.rq"))}


def resolve(name_or_sparql: str) -> SavedQuery:
    """A saved query by name, a .rq file, or SPARQL text given inline."""
    s = name_or_sparql.strip()
    saved = catalogue()
    if s in saved:
        return saved[s]
    if s.endswith(".rq"):
        p = Path(s)
        if not p.is_file():
            raise QueryError(f"{s}: no such query file")
        return parse_saved(p.stem, p.read_text(encoding="utf-8"))
    if re.search(r"(?i)\b(select|ask|construct|describe)\b", s):
        return parse_saved("inline", s)
    raise QueryError(f"{s!r} is not a saved query (see `kg queries`), a .rq file or SPARQL text")


OXIGRAPH_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def syntax_error(e: Exception) -> str:
    """A SPARQL parser's error (pyoxigraph's or rdflib's) as one line a person reads:
    'SPARQL syntax error at line 3, column 12: expected ...'."""
    line, column = getattr(e, "lineno", None), getattr(e, "col", None)
    message = " ".join(str(getattr(e, "msg", "") or e).split())
    m = OXIGRAPH_POSITION.match(message)
    if m:
        line, column, message = int(m.group(1)), int(m.group(2)), m.group(3)
    where = f" at line {line}, column {column}" if line is not None else ""
    return f"SPARQL syntax error{where}: {message[:300]}"


def with_values(text: str, bindings: dict[str, Node]) -> str:
    """The query with a VALUES block binding `bindings` at the start of its outer WHERE group,
    for endpoints that take no initBindings. Terms are written in N-Triples syntax."""
    if not bindings:
        return text
    names = sorted(bindings)
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(bindings[n].n3() for n in names) + ") }"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"(?i)\bWHERE\s*\{", body) or re.search(r"\{", body)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return body[: m.end()] + "\n  " + block + "\n" + body[m.end() :]
