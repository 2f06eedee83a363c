"""A read-only SPARQL 1.1 Protocol endpoint over a store, with the saved queries over HTTP and a
small query page for the browser (no external scripts: it works offline).

    GET  /                       the query page: saved queries, an editor, results as a table
    GET  /query?query=...        SPARQL Protocol (also POST: form or application/sparql-query)
    POST /update                 refused: 403, the endpoint is read-only
    GET  /queries                the saved queries (JSON: name, title, question, parameters)
    GET  /queries/NAME?p=v       run a saved query with parameters
Results follow the Accept header or `format=json|xml|csv|tsv` (CONSTRUCT: Turtle or N-Triples).
"""

from __future__ import annotations

import html
import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg import snapshots
from kg.queries import QueryError, catalogue, resolve, with_values

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}


class Endpoint:
    """The store side of the server: run a query, return (content type, bytes). It answers from
    the snapshot the last finished build published, and moves to a newer one when a build
    publishes it (`kg.snapshots`)."""

    def __init__(self, store_path: Path):
        import pyoxigraph as ox

        self.ox = ox
        self.path = Path(store_path)
        if not self.path.is_dir():
            raise FileNotFoundError(f"{store_path}: no store here (run `kg build` first)")
        self._swap = threading.Lock()
        self._held: list = []  # the previous snapshot's lock, kept while queries may still read it
        self.number = snapshots.current(self.path)
        self._db, lock = snapshots.open_current(self.path)
        self._held.append(lock)

    @property
    def db(self):
        """The current snapshot (opened anew once a build has published a newer one)."""
        if snapshots.current(self.path) != self.number:
            with self._swap:
                number = snapshots.current(self.path)
                if number != self.number:
                    self._db, lock = snapshots.open_current(self.path)
                    self.number = number
                    for old in self._held[:-1]:
                        old.close()
                    self._held = self._held[-1:] + [lock]
        return self._db

    def run(self, sparql: str, fmt: str) -> tuple[str, bytes]:
        ox = self.ox
        answer = self.db.query(sparql, use_default_graph_as_union=True)
        buf = io.BytesIO()
        if isinstance(answer, ox.QueryTriples):
            kind = "ntriples" if fmt == "ntriples" else "turtle"
            answer.serialize(buf, format=ox.RdfFormat.N_TRIPLES if kind == "ntriples" else ox.RdfFormat.TURTLE)
            return GRAPH_TYPES[kind], buf.getvalue()
        formats = {
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }
        fmt = fmt if fmt in formats else "json"
        answer.serialize(buf, format=formats[fmt])
        return RESULT_TYPES[fmt], buf.getvalue()

    def rows(self, sparql: str) -> tuple[list[str], list[list[str]]]:
        answer = self.db.query(sparql, use_default_graph_as_union=True)
        if isinstance(answer, self.ox.QueryBoolean):
            return ["answer"], [[str(bool(answer)).lower()]]
        if isinstance(answer, self.ox.QueryTriples):
            return ["subject", "predicate", "object"], [
                [str(t.subject), str(t.predicate), str(t.object)] for t in answer
            ]
        names = [v.value for v in answer.variables]
        return names, [[_show(s[n]) for n in names] for s in answer]


def _show(term) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


def _negotiate(accept: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    for fmt, mime in list(RESULT_TYPES.items()) + list(GRAPH_TYPES.items()):
        if mime in (accept or ""):
            return fmt
    return "json"


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newskg SPARQL</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:80em}}textarea{{width:100%;height:12em;font-family:monospace}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}
.err{{color:#b00}}</style></head><body>
<h1>newskg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/query</code>; saved queries at <code>/queries</code>.</p>
<h2>Saved queries</h2><ul id="saved">{saved}</ul>
<h2>Query</h2>
<form method="get" action="/ui"><textarea name="query" id="editor">{query}</textarea>
<p><button type="submit">Run</button></p></form>
{result}
</body></html>"""


def page(endpoint: Endpoint, query: str = "", title: str = "") -> bytes:
    saved = "".join(
        f'<li><a href="/ui?name={urllib.parse.quote(n)}">{html.escape(n)}</a>: {html.escape(q.title)}'
        f"{' (' + ', '.join(html.escape(p.name) for p in q.params) + ')' if q.params else ''}</li>"
        for n, q in catalogue().items()
    )
    result = ""
    if query.strip():
        try:
            names, rows = endpoint.rows(query)
            head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
            result = (
                f'<h2>{html.escape(title or "Results")}</h2><p id="count">{len(rows)} rows</p>'
                f'<table id="results"><tr>{head}</tr>{body}</table>'
            )
        except Exception as e:  # a syntax error in the user's query
            result = f'<p class="err">{html.escape(str(e))}</p>'
    return PAGE.format(saved=saved, query=html.escape(query), result=result).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint  # set by make_server
    server_version = "newskg"

    def log_message(self, format, *args):  # noqa: A002 - quiet by default
        pass

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"))

    def _query(self, sparql: str, fmt: str | None) -> None:
        try:
            ctype, body = self.endpoint.run(sparql, _negotiate(self.headers.get("Accept", ""), fmt))
        except Exception as e:
            return self._error(400, f"query failed: {e}")
        self._send(200, ctype, body)

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        fmt = params.pop("format", None)
        if url.path == "/":
            return self._send(200, "text/html", page(self.endpoint))
        if url.path == "/ui":
            name = params.pop("name", None)
            if name:
                try:
                    q = resolve(name)
                    text = with_values(q.text, q.bindings({k: v for k, v in params.items() if k != "query"}))
                except QueryError as e:
                    return self._error(400, str(e))
                return self._send(200, "text/html", page(self.endpoint, text, q.title))
            return self._send(200, "text/html", page(self.endpoint, params.get("query", "")))
        if url.path == "/query":
            if "query" not in params:
                return self._error(400, "missing query parameter")
            return self._query(params["query"], fmt)
        if url.path == "/queries":
            listing = [
                {
                    "name": n,
                    "title": q.title,
                    "question": q.question,
                    "parameters": [
                        {
                            "name": p.name,
                            "default": None if p.default is None else str(p.default),
                            "description": p.description,
                        }
                        for p in q.params
                    ],
                }
                for n, q in catalogue().items()
            ]
            return self._send(200, "application/json", json.dumps(listing, indent=2).encode("utf-8"))
        if url.path.startswith("/queries/"):
            name = urllib.parse.unquote(url.path[len("/queries/") :])
            q = catalogue().get(name)
            if q is None:
                return self._error(404, f"no saved query {name!r} (see /queries)")
            try:
                return self._query(with_values(q.text, q.bindings(params)), fmt)
            except QueryError as e:
                return self._error(400, str(e))
        self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/update" or url.path.startswith("/store"):
            return self._error(403, "this endpoint is read-only: updates are refused")
        if url.path != "/query":
            return self._error(404, "not found")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("application/sparql-query"):
            return self._query(body, None)
        form = {k: v[-1] for k, v in urllib.parse.parse_qs(body).items()}
        if "update" in form:
            return self._error(403, "this endpoint is read-only: updates are refused")
        if "query" not in form:
            return self._error(400, "missing query")
        self._query(form["query"], form.get("format"))

    do_PUT = do_DELETE = lambda self: self._error(403, "this endpoint is read-only: updates are refused")  # noqa: E731


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """A server (not yet serving) over the store at `store_path`; port 0 picks a free one."""
    endpoint = Endpoint(store_path)
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(store_path: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a background thread (for notebooks and tests); returns it and its URL."""
    server = make_server(store_path, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"
