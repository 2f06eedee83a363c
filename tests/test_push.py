"""`kg push` into a real Oxigraph server: every saved query then gives the local rows remotely."""

import subprocess
import sys

import pytest
from tests_helpers import ROWS

from kg.endpoint import Endpoint
from kg.push import PushError, Target, push
from kg.queries import catalogue


def count(base):
    return int(next(iter(Endpoint(f"{base}/query").query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))).n)


def test_push_by_update_then_every_query_matches(seed_kg, empty_oxigraph):
    target = Target(f"{empty_oxigraph}/query", update_url=f"{empty_oxigraph}/update")
    report = push(seed_kg.store, target)
    assert not report.failed and report.graphs >= 9
    for name in catalogue():
        assert ROWS(Endpoint(f"{empty_oxigraph}/query").query(name)) == ROWS(seed_kg.query(name)), name
    before = count(empty_oxigraph)
    assert before > 0
    push(seed_kg.store, target)
    assert count(empty_oxigraph) == before, "pushing twice changes nothing"


def test_saved_queries_on_a_store_whose_default_graph_is_not_the_union(seed_kg, plain_oxigraph):
    push(seed_kg.store, Target(f"{plain_oxigraph}/query", update_url=f"{plain_oxigraph}/update"))
    remote = Endpoint(f"{plain_oxigraph}/query")
    assert not list(remote.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")), "the default graph is empty"
    for name in catalogue():
        local = ROWS(seed_kg.query(name))
        assert local, name
        assert ROWS(remote.query(name)) == local, name


def test_push_by_graph_store_protocol(seed_kg, empty_oxigraph):
    report = push(seed_kg.store, Target(f"{empty_oxigraph}/query", gsp_url=f"{empty_oxigraph}/store"))
    assert not report.failed
    rows = Endpoint(f"{empty_oxigraph}/query").query("interactions", person="Elon Musk")
    assert {"Donald Trump", "Vlad Tenev"} <= {str(r.otherName) for r in rows}


def test_stale_article_graphs_are_dropped(seed_kg, empty_oxigraph):
    target = Target(f"{empty_oxigraph}/query", update_url=f"{empty_oxigraph}/update")
    target.update("INSERT DATA { GRAPH <https://w3id.org/newskg/graph/article-gone> { <urn:a> <urn:b> <urn:c> } }")
    report = push(seed_kg.store, target)
    assert report.dropped == 1
    assert (
        not Endpoint(f"{empty_oxigraph}/query")
        .query("ASK { GRAPH <https://w3id.org/newskg/graph/article-gone> { ?s ?p ?o } }")
        .askAnswer
    )


def test_unreachable_target_is_reported_not_half_done(seed_kg):
    with pytest.raises(PushError, match="cannot list"):
        push(
            seed_kg.store,
            Target("http://127.0.0.1:9/query", update_url="http://127.0.0.1:9/update", timeout=2),
            retries=1,
            backoff=0.01,
        )


def test_failed_batches_are_retried_and_reported(seed_kg, empty_oxigraph):
    # the query URL answers, the update URL does not exist: every batch fails after its retries
    target = Target(f"{empty_oxigraph}/query", update_url=f"{empty_oxigraph}/no-such-path", timeout=5)
    report = push(seed_kg.store, target, retries=2, backoff=0.01)
    assert report.failed and report.retries >= 2 and report.graphs == 0


def test_push_cli(seed_trig, empty_oxigraph):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "push",
            "--data",
            str(seed_trig),
            "--endpoint",
            f"{empty_oxigraph}/query",
            "--update-endpoint",
            f"{empty_oxigraph}/update",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "pushed" in r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "kg", "push", "--data", str(seed_trig), "--endpoint", f"{empty_oxigraph}/query"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "update endpoint" in r.stderr


def test_each_host_gets_its_own_netrc_entry(tmp_path, monkeypatch):
    """A .netrc entry for the query host is never sent to another host (here a recording GSP
    server on localhost); the entry for that host is."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from rdflib import URIRef

    seen = []

    class Recorder(BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers.get("Authorization"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    netrc = tmp_path / ".netrc"
    try:
        netrc.write_text("machine query.example login q password secret\n")
        netrc.chmod(0o600)
        target = Target("http://query.example/query", gsp_url=f"http://localhost:{port}/store")
        target._gsp("PUT", URIRef("http://e/g"), "")
        netrc.write_text("machine query.example login q password secret\nmachine localhost login g password pw\n")
        target._gsp("PUT", URIRef("http://e/g"), "")
    finally:
        server.shutdown()
    assert seen[0] is None and seen[1] == "Basic Zzpwdw=="


def test_a_failing_graph_store_request_fails_only_its_graph(seed_kg):
    """Over the Graph Store Protocol each graph is its own request: one refused graph is reported,
    the graphs written before and after it are counted as written."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlparse

    names = [str(n) for n in seed_kg.store.graph_names()]
    refused = names[1]
    written = []

    class Store(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (the query endpoint: no graphs yet)
            body = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # noqa: N815

        def do_PUT(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            graph = parse_qs(urlparse(self.path).query)["graph"][0]
            ok = graph != refused
            if ok:
                written.append(graph)
            self.send_response(204 if ok else 500)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Store)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        report = push(seed_kg.store, Target(f"{base}/query", gsp_url=f"{base}/store"), retries=1, backoff=0.01)
    finally:
        server.shutdown()
    assert len(report.failed) == 1 and report.failed[0].startswith(f"{refused}: ")
    assert report.graphs == len(written) == len([n for n in names if not n.endswith("/build")]) - 1
