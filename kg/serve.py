"""`kg serve`: the store read-only over HTTP, on servers made for it.

SPARQL is answered by Oxigraph's own read-only server (`oxigraph serve-read-only`, with its
query timeout) running on a loopback port over the snapshot the last finished build published;
when a build publishes a newer one, a new Oxigraph server takes over and the old one finishes
its queries. In front of it, newskg's pages and saved queries run on waitress (a maintained
WSGI server: socket timeouts, a real listen backlog, request body limits):

    GET  /                       the explorer: saved queries as forms, a SPARQL editor
    GET  /ui?name=NAME&p=v       the page with a saved query's results (names from the catalogue only)
    GET  /ui?query=... (or POST) the page with a query's results; POST with format= downloads them
    GET  /entity?iri=IRI         a node's page: facts, events, its neighbourhood drawn (also ?name=NAME)
    GET  /names?q=TEXT           names suggested as one types (JSON)
    GET  /neighbourhood?iri=IRI  a node's neighbours for the drawing (JSON)
    GET  /static/...             the pages' script and style, and the vendored Cytoscape.js
    GET  /query?query=...        SPARQL 1.1 Protocol (also POST: form or application/sparql-query)
    POST /update, PUT, DELETE    refused: 403, the endpoint is read-only
    GET  /queries                the saved queries (JSON: name, title, question, parameters)
    GET  /queries/NAME?p=v       run a saved query with parameters
Results follow the Accept header or `format=json|xml|csv|tsv` (GET or POST; CONSTRUCT: Turtle or
N-Triples). Every error is an HTTP status with a one-line text body (a page's, an HTML page).
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
from kg.explorer import (
    Explorer,
    Invalid,
    datalist_of_types,
    editor_html,
    entity_url,
    error_html,
    kind_of,
    query_form,
)
from kg.explorer import page as explorer_page
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


STATIC = {  # the files the pages load, by URL: nothing else is read from disk
    "/static/explorer.js": ("explorer.js", "text/javascript"),
    "/static/explorer.css": ("explorer.css", "text/css"),
    "/static/vendor/cytoscape.min.js": ("vendor/cytoscape.min.js", "text/javascript"),
}
WEB = Path(__file__).resolve().parent / "web"
# the pages load scripts, styles and data from this server only, and run no inline script; the one
# inline style allowed is the rule Cytoscape.js adds for its container (by its hash)
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (
    f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class App:
    """The WSGI application: newskg's pages and saved queries, SPARQL through the backend."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self.explorer = Explorer(backend.query, backend.url)
        self.static = {url: (ctype, (WEB / name).read_bytes()) for url, (name, ctype) in STATIC.items()}

    def __call__(self, environ, start_response):
        extra: list[tuple[str, str]] = []
        try:
            status, ctype, body = self.route(environ)
        except Reply as e:
            status, ctype, body = e.status, "text/plain", (str(e) + "\n").encode("utf-8")
        except Invalid as e:
            status, ctype, body = 400, "text/plain", (str(e) + "\n").encode("utf-8")
        except Exception as e:  # noqa: BLE001 (answered, never a traceback to the client)
            print(f"kg serve: {type(e).__name__}: {e}", file=sys.stderr)
            status, ctype, body = 500, "text/plain", b"internal error\n"
        text_type = ctype.startswith("text/") or ctype.endswith(("json", "xml", "n-triples", "turtle"))
        if ctype == "text/html":
            extra.append(("Content-Security-Policy", CSP))
        if environ.get("PATH_INFO", "").startswith("/static/") and status == 200:
            extra.append(("Cache-Control", "max-age=3600"))
        headers = [
            ("Content-Type", f"{ctype}; charset=utf-8" if text_type else ctype),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
            *extra,
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
        if method == "POST" and path == "/ui":
            form = params | _form(environ)
            if form.get("format"):  # the editor's download buttons, or any client posting a format
                return self.sparql(form.get("query", ""), environ.get("HTTP_ACCEPT", ""), form["format"])
            return self.ui(form)
        if method not in ("GET", "HEAD"):
            raise Reply(405, f"{method} is not served here")
        if path == "/":
            return 200, "text/html", self.page("")
        if path == "/ui":
            return self.ui(params)
        if path == "/entity":
            return self.entity(params)
        if path == "/names":
            found = self.explorer.names(params.get("q", ""), _count(params.get("limit"), 15, 50))
            return 200, "application/json", json.dumps(found).encode("utf-8")
        if path == "/neighbourhood":
            data = self.explorer.neighbourhood(params.get("iri", ""))
            return 200, "application/json", json.dumps(data).encode("utf-8")
        if path in self.static:
            ctype, body = self.static[path]
            return 200, ctype, body
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
        accept = environ.get("HTTP_ACCEPT", "")
        if environ.get("CONTENT_TYPE", "").startswith("application/sparql-query"):
            return self.sparql(_body(environ), accept, params.get("format"))
        form = params | _form(environ)
        if "update" in form:
            raise Reply(403, "this endpoint is read-only: updates are refused")
        if "query" not in form:
            raise Reply(400, "missing query")
        return self.sparql(form["query"], accept, form.get("format"))

    def ui(self, params: dict) -> tuple[int, str, bytes]:
        name = params.pop("name", None)
        if not name:
            return 200, "text/html", self.page(params.get("query", ""))
        q = catalogue().get(name)  # a name from the catalogue, never a path
        if q is None:
            raise Reply(404, f"no saved query {name!r} (see /queries)")
        values = {k: v for k, v in params.items() if k not in ("query", "format")}
        try:
            text = with_values(q.text, _bindings(q, values))
        except Reply as e:  # a parameter that cannot be used: said next to the form
            form = query_form(q, values, current=True).replace("</form>", error_html(str(e)) + "</form>")
            return 400, "text/html", self.page("", saved=(q, form, ""))
        download = " · download " + " ".join(
            f'<a href="/queries/{urllib.parse.quote(name)}?{html.escape(urllib.parse.urlencode(values | {"format": f}))}">{f.upper()}</a>'
            for f in ("csv", "json")
        )
        return 200, "text/html", self.page(text, q.title, saved=(q, query_form(q, values, current=True), download))

    def entity(self, params: dict) -> tuple[int, str, bytes]:
        iri = params.get("iri", "").strip()
        if not iri:
            name = params.get("name", "").strip()
            if not name:
                raise Reply(400, "say which entity: /entity?iri=IRI or /entity?name=NAME")
            found = self.explorer.by_name(name)
            if not found:
                body = f'<section class="card"><h1>Nothing is called “{html.escape(name)}”</h1><p>Try another name or alias; the box above suggests names as you type.</p></section>'
                return 404, "text/html", explorer_page("Not found", body).encode("utf-8")
            if len(found) > 1:
                labels = self.explorer.labels(found)
                items = "".join(
                    f'<li><a href="{html.escape(entity_url(i))}">{html.escape(labels.get(i, i))}</a> <span class="kind">{html.escape(kind_of(i))}</span></li>'
                    for i in found
                )
                body = f'<section class="card"><h1>“{html.escape(name)}” names {len(found)} entities</h1><ul>{items}</ul></section>'
                return 200, "text/html", explorer_page(name, body).encode("utf-8")
            iri = found[0]
        found_page = self.explorer.entity_page(iri)
        if found_page is None:
            body = f'<section class="card"><h1>Nothing is known about this</h1><p><code>{html.escape(iri)}</code> is in no graph of the store.</p></section>'
            return 404, "text/html", explorer_page("Not found", body).encode("utf-8")
        return 200, "text/html", found_page.encode("utf-8")

    def page(self, query: str, title: str = "", saved: tuple | None = None) -> bytes:
        """The query page. `saved`: (the saved query, its form, download links) when one was run."""
        result = error = ""
        if query.strip():
            try:
                ctype, body = self.backend.query(query, "application/sparql-results+json, application/n-triples")
                download = saved[2] if saved else ""
                result = self.explorer.results_html(ctype, body, title, self.backend.limits.page_rows, download)
            except Reply as e:
                error = error_html(str(e), query)
        others = "".join(query_form(q) for n, q in catalogue().items() if not saved or n != saved[0].name)
        types = datalist_of_types(self.explorer.event_types())
        if saved:
            q, form, _ = saved
            body = (
                f'<div class="ran">{form}<div class="ran-side">{error}{result}</div></div>'
                f"{editor_html(query, '', open_=False)}"
                f'<section id="saved"><h2>Other saved queries</h2><div class="cards">{others}</div></section>'
            )
            title = q.title or q.name
        else:
            intro = (
                '<section class="intro"><h1>Explore the news graph</h1><p class="lead">Ask a saved question, or find an '
                "entity above and open its page: its facts, its events with dates and outlets, and its neighbourhood "
                "as a graph you can expand.</p></section>"
            )
            body = (
                (f"{editor_html(query, error)}{result}" if query.strip() else intro)
                + f'<section id="saved"><h2>Saved queries</h2><div class="cards">{others}</div></section>'
                + ("" if query.strip() else editor_html(query, error))
            )
            title = "Query" if query.strip() else "Explorer"
        return explorer_page(title, body + types).encode("utf-8")


def _body(environ) -> str:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        return raw.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise Reply(400, "the request body is not UTF-8 text of the declared length") from None


def _form(environ) -> dict[str, str]:
    return _params(_body(environ))


def _count(text: str | None, default: int, most: int) -> int:
    try:
        return max(1, min(int(text), most)) if text else default
    except ValueError:
        raise Reply(400, f"{text[:20]!r} is not a number") from None


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
