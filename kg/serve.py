"""`kg serve`: the store read-only over HTTP, on servers made for it.

SPARQL is answered by Oxigraph's own read-only server (`oxigraph serve-read-only`, with its
query timeout) running on a loopback port over the snapshot the last finished build published;
when a build publishes a newer one, a new Oxigraph server takes over and the old one finishes
its queries. In front of it, newskg's pages and saved queries run on waitress (a maintained
WSGI server: socket timeouts, a real listen backlog, request body limits):

    GET  /                       the query page: saved queries, an editor, results as a table
    GET  /ui?name=NAME&p=v       the page with a saved query's results (names from the catalogue only)
    GET  /query?query=...        SPARQL 1.1 Protocol (also POST: form or application/sparql-query)
    POST /update, PUT, DELETE    refused: 403, the endpoint is read-only
    GET  /queries                the saved queries (JSON: name, title, question, parameters)
    GET  /queries/NAME?p=v       run a saved query with parameters
Results follow the Accept header or `format=json|xml|csv|tsv` (GET or POST; CONSTRUCT: Turtle or
N-Triples). Every error is an HTTP status with a one-line text body.
"""

from __future__ import annotations

import html
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from kg import snapshots
from kg.queries import QueryError, catalogue, with_values

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}


@dataclass(frozen=True)
class Limits:
    """What one client may ask of the server."""

    query_seconds: int = 30  # a query running longer is stopped (Oxigraph's --timeout-s)
    body_bytes: int = 1_000_000  # a larger request body is refused (413)
    result_bytes: int = 100_000_000  # a larger result is refused (413): add a LIMIT
    idle_seconds: int = 30  # a connection silent this long is closed
    threads: int = 8
    backlog: int = 1024
    connections: int = 200
    page_rows: int = 1000  # rows shown on the page


class Reply(Exception):
    """An answer other than 200: status and one line of text."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Backend:
    """Oxigraph's read-only server over the store's current snapshot, on a free loopback port.
    `url()` moves to a new server when a build has published a newer snapshot."""

    def __init__(self, store: Path, limits: Limits):
        self.store, self.limits = Path(store), limits
        self.binary = oxigraph_binary()
        if not Path(store).is_dir():
            raise FileNotFoundError(f"{store}: no store here (run `kg build` first)")
        self._lock = threading.Lock()
        self._number: int | None = None
        self._url = ""
        self._running: list[tuple[subprocess.Popen, object]] = []
        self._retiring: list[tuple[threading.Timer, subprocess.Popen, object]] = []
        self._start()

    def url(self) -> str:
        if snapshots.current(self.store) != self._number:
            with self._lock:
                if snapshots.current(self.store) != self._number:
                    self._start()
        return self._url

    def _start(self) -> None:
        directory, lock = snapshots.hold(self.store)
        port = free_port()
        proc = subprocess.Popen(
            [
                self.binary,
                "serve-read-only",
                "--location",
                str(directory),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
                "--timeout-s",
                str(self.limits.query_seconds),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, proc)
        old = self._running
        self._running = [(proc, lock)]
        self._number, self._url = int(directory.name), url
        for p, held in old:  # let their queries finish, then stop them and release their snapshot
            timer = threading.Timer(self.limits.query_seconds + 5, _stop, (p, held))
            timer.daemon = True
            timer.start()
            self._retiring.append((timer, p, held))

    def query(self, sparql: str, accept: str) -> tuple[str, bytes]:
        """Run `sparql`; (content type, body). Raises Reply for errors and oversized results."""
        req = urllib.request.Request(
            f"{self.url()}/query",
            data=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=self.limits.query_seconds + 2) as r:
                body = r.read(self.limits.result_bytes + 1)
                ctype = r.headers.get("Content-Type", accept)
        except urllib.error.HTTPError as e:
            detail = " ".join(e.read(2000).decode("utf-8", "replace").split())
            if "timeout" in detail.lower() or e.code in (408, 504):
                raise Reply(503, f"query stopped after {self.limits.query_seconds} s") from None
            raise Reply(400, f"query failed: {detail or e.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            if isinstance(e, TimeoutError) or isinstance(getattr(e, "reason", None), TimeoutError):
                self.restart()  # Oxigraph does not stop every query at its timeout (aggregates): stop it all
                raise Reply(503, f"query stopped after {self.limits.query_seconds} s") from None
            raise Reply(503, f"query failed: {getattr(e, 'reason', e)}") from None
        if len(body) > self.limits.result_bytes:
            raise Reply(413, f"the result is larger than {self.limits.result_bytes:,} bytes: add a LIMIT")
        return ctype.split(";")[0], body

    def restart(self) -> None:
        """A new Oxigraph server; the old one is stopped at once, with what it was running."""
        with self._lock:
            old = self._running
            self._running = []
            self._start()
        for p, held in old:
            _stop(p, held)

    def close(self) -> None:
        for timer, p, held in self._retiring:
            if timer.is_alive():
                timer.cancel()
                _stop(p, held)
        for p, held in self._running:
            _stop(p, held)
        self._running, self._retiring = [], []


def _stop(proc: subprocess.Popen, lock) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    lock.close()


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, be sent SIGTERM when newskg dies (even by kill -9)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise OSError("the Oxigraph server did not start") from None
            time.sleep(0.05)


def oxigraph_binary() -> str:
    """The `oxigraph` server program (the `oxigraph` package installs it beside Python)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the oxigraph server program is missing (pip install oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _negotiate(accept: str, explicit: str | None) -> str:
    """The Accept value to ask Oxigraph for: `format=` first, else the client's Accept."""
    if explicit:
        mime = RESULT_TYPES.get(explicit) or GRAPH_TYPES.get(explicit)
        if mime is None:
            raise Reply(400, f"unknown format {explicit!r} (use json, xml, csv, tsv, turtle or ntriples)")
        return mime
    known = list(RESULT_TYPES.values()) + list(GRAPH_TYPES.values())
    wanted = [m for m in known if m in (accept or "")]
    return ", ".join(wanted) if wanted else "application/sparql-results+json, text/turtle"


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


class App:
    """The WSGI application: newskg's pages and saved queries, SPARQL through the backend."""

    def __init__(self, backend: Backend):
        self.backend = backend

    def __call__(self, environ, start_response):
        try:
            status, ctype, body = self.route(environ)
        except Reply as e:
            status, ctype, body = e.status, "text/plain", (str(e) + "\n").encode("utf-8")
        except Exception as e:  # noqa: BLE001 (answered, never a traceback to the client)
            print(f"kg serve: {type(e).__name__}: {e}", file=sys.stderr)
            status, ctype, body = 500, "text/plain", b"internal error\n"
        text_type = ctype.startswith("text/") or ctype.endswith(("json", "xml", "n-triples", "turtle"))
        headers = [
            ("Content-Type", f"{ctype}; charset=utf-8" if text_type else ctype),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]

    def route(self, environ) -> tuple[int, str, bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        params = _params(environ.get("QUERY_STRING", ""))
        if path == "/update" or path.startswith("/store") or method in ("PUT", "DELETE", "PATCH"):
            raise Reply(403, "this endpoint is read-only: updates are refused")
        if method == "POST" and path == "/query":
            return self.sparql_post(environ, params)
        if method not in ("GET", "HEAD"):
            raise Reply(405, f"{method} is not served here")
        if path == "/":
            return 200, "text/html", self.page("")
        if path == "/ui":
            return 200, "text/html", self.ui(params)
        if path == "/query":
            if "query" not in params:
                raise Reply(400, "missing query parameter")
            return self.sparql(params["query"], environ.get("HTTP_ACCEPT", ""), params.get("format"))
        if path == "/queries":
            return 200, "application/json", json.dumps(listing(), indent=2).encode("utf-8")
        if path.startswith("/queries/"):
            q = catalogue().get(path[len("/queries/") :])
            if q is None:
                raise Reply(404, f"no saved query {path[len('/queries/') :]!r} (see /queries)")
            fmt = params.pop("format", None)
            return self.sparql(with_values(q.text, _bindings(q, params)), environ.get("HTTP_ACCEPT", ""), fmt)
        raise Reply(404, "not found")

    def sparql(self, text: str, accept: str, fmt: str | None) -> tuple[int, str, bytes]:
        ctype, body = self.backend.query(text, _negotiate(accept, fmt))
        return 200, ctype, body

    def sparql_post(self, environ, params: dict) -> tuple[int, str, bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length > 0 else b""
            body = raw.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise Reply(400, "the request body is not UTF-8 text of the declared length") from None
        accept = environ.get("HTTP_ACCEPT", "")
        if environ.get("CONTENT_TYPE", "").startswith("application/sparql-query"):
            return self.sparql(body, accept, params.get("format"))
        form = params | _params(body)
        if "update" in form:
            raise Reply(403, "this endpoint is read-only: updates are refused")
        if "query" not in form:
            raise Reply(400, "missing query")
        return self.sparql(form["query"], accept, form.get("format"))

    def ui(self, params: dict) -> bytes:
        name = params.pop("name", None)
        if not name:
            return self.page(params.get("query", ""))
        q = catalogue().get(name)  # a name from the catalogue, never a path
        if q is None:
            raise Reply(404, f"no saved query {name!r} (see /queries)")
        return self.page(with_values(q.text, _bindings(q, {k: v for k, v in params.items() if k != "query"})), q.title)

    def page(self, query: str, title: str = "") -> bytes:
        saved = "".join(
            f'<li><a href="/ui?name={urllib.parse.quote(n)}">{html.escape(n)}</a>: {html.escape(q.title)}'
            f"{' (' + ', '.join(html.escape(p.name) for p in q.params) + ')' if q.params else ''}</li>"
            for n, q in catalogue().items()
        )
        result = ""
        if query.strip():
            try:
                result = self.table(query, title)
            except Reply as e:
                result = f'<p class="err">{html.escape(str(e))}</p>'
        return PAGE.format(saved=saved, query=html.escape(query), result=result).encode("utf-8")

    def table(self, query: str, title: str) -> str:
        ctype, body = self.backend.query(query, "application/sparql-results+json, application/n-triples")
        if ctype == "application/n-triples":
            names = ["triple"]
            rows = [[line] for line in body.decode("utf-8").splitlines() if line.strip()]
        else:
            data = json.loads(body)
            if "boolean" in data:
                names, rows = ["answer"], [[str(data["boolean"]).lower()]]
            else:
                names = data["head"]["vars"]
                rows = [[b.get(n, {}).get("value", "") for n in names] for b in data["results"]["bindings"]]
        shown = rows[: self.backend.limits.page_rows]
        head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
        cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in shown)
        more = f" (the first {len(shown)} shown)" if len(shown) < len(rows) else ""
        return (
            f'<h2>{html.escape(title or "Results")}</h2><p id="count">{len(rows)} rows{more}</p>'
            f'<table id="results"><tr>{head}</tr>{cells}</table>'
        )


def _params(query_string: str) -> dict[str, str]:
    try:
        pairs = urllib.parse.parse_qs(query_string, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Reply(400, "the parameters are not UTF-8 text") from None
    return {k: v[-1] for k, v in pairs.items()}


def _bindings(q, params: dict) -> dict:
    try:
        return q.bindings(params)
    except QueryError as e:
        raise Reply(400, str(e)) from None


def listing() -> list[dict]:
    return [
        {
            "name": n,
            "title": q.title,
            "question": q.question,
            "parameters": [
                {"name": p.name, "default": None if p.default is None else str(p.default), "description": p.description}
                for p in q.params
            ],
        }
        for n, q in catalogue().items()
    ]


class Server:
    """A running (or ready) `kg serve`: `url`, `run()` (blocks), `close()`."""

    def __init__(self, store_path: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None):
        from waitress import create_server

        limits = limits or Limits()
        self.backend = Backend(store_path, limits)
        try:
            self.http = create_server(
                App(self.backend),
                host=host,
                port=port,
                threads=limits.threads,
                backlog=limits.backlog,
                connection_limit=limits.connections,
                channel_timeout=limits.idle_seconds,
                max_request_body_size=limits.body_bytes,
                ident="newskg",
                clear_untrusted_proxy_headers=True,
            )
        except BaseException:
            self.backend.close()
            raise
        self.url = f"http://{host}:{self.http.effective_port}"

    def run(self) -> None:
        self.http.run()

    def close(self) -> None:
        self.http.close()
        self.backend.close()


def serve_in_thread(store_path: Path, host: str = "127.0.0.1", port: int = 0, limits: Limits | None = None) -> Server:
    """Start a server in a background thread (for notebooks and tests); `.url`, `.close()`."""
    server = Server(store_path, host, port, limits)
    threading.Thread(target=server.run, daemon=True).start()
    return server
