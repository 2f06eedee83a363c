"""Writing query results: a rich table for people, W3C SPARQL 1.1 JSON / CSV / TSV for programs."""

from __future__ import annotations

import io
from typing import TextIO

from rdflib import URIRef
from rdflib.query import Result
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv", "tsv")


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return str(term).replace("https://w3id.org/newskg/id/", "id:")
    return str(term)


def table(result: Result, title: str | None = None) -> Table:
    t = Table(title=title, show_lines=False)
    for v in result.vars or []:
        t.add_column(str(v))
    for row in result:
        t.add_row(*(_cell(x) for x in row))
    return t


def tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: a header of ?vars, then terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.vars or [])]
    for row in result:
        lines.append("\t".join("" if x is None else x.n3() for x in row))
    return "\n".join(lines) + "\n"


def write_result(result: Result, fmt: str, out: TextIO, title: str | None = None) -> None:
    """Print `result` to `out` as `fmt` (table, json, csv, tsv). ASK prints true/false, or the
    W3C JSON boolean result; CONSTRUCT and DESCRIBE print Turtle. A format the result has no form
    in (CSV of a graph, say) raises ValueError before anything is written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown result format {fmt!r} (use one of {', '.join(FORMATS)})")
    if result.type == "ASK":
        if fmt not in ("table", "json"):
            raise ValueError(f"an ASK query answers true or false: use --format table or json, not {fmt}")
        answer = "true" if result.askAnswer else "false"
        out.write(answer + "\n" if fmt == "table" else '{"head": {}, "boolean": %s}\n' % answer)
        return
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt != "table":
            raise ValueError(
                f"a {result.type} query gives a graph, printed as Turtle: leave out --format {fmt}"
                " (csv, tsv and json are for SELECT rows)"
            )
        out.write(result.graph.serialize(format="turtle"))
        return
    if fmt == "table":
        Console(file=out, width=200).print(table(result, title))
        rows = len(result)
        Console(file=out).print(f"[dim]{rows} row{'s' if rows != 1 else ''}[/dim]")
    elif fmt == "tsv":
        out.write(tsv(result))
    elif fmt in ("json", "csv"):
        buf = io.BytesIO()
        result.serialize(buf, format=fmt, encoding="utf-8")
        out.write(buf.getvalue().decode("utf-8"))
        if fmt == "json":
            out.write("\n")
