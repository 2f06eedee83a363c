"""`kg serve` under abuse: paths outside the catalogue, runaway queries, huge bodies, idle and
malformed connections, many clients; and it follows rebuilds. Every answer is an HTTP status."""

import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import kg
from kg.serve import Limits, serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    work = tmp_path_factory.mktemp("abuse")
    (work / "corpus").mkdir()
    shutil.copy(SEEDS[0], work / "corpus")
    kg.build([work / "corpus"], store=work / "store").close()
    server = serve_in_thread(work / "store", limits=Limits(query_seconds=2, body_bytes=100_000, idle_seconds=2))
    yield server.url, work
    server.close()


def status(
    url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None
) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def raw(url: str, request: bytes) -> bytes:
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(request)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_saved_query_names_never_reach_the_file_system(served):
    url, work = served
    (work / "secret.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
    for name in (str(work / "secret.rq"), "../../etc/passwd", "/etc/passwd.rq", "secret"):
        code, body = status(f"{url}/ui?name={urllib.parse.quote(name)}")
        assert code == 404 and "SELECT" not in body
        code, _ = status(f"{url}/queries/{urllib.parse.quote(name, safe='')}")
        assert code == 404


def test_a_runaway_query_is_stopped_and_the_server_goes_on(served):
    url, _ = served
    t = time.monotonic()
    code, body = status(f"{url}/query?query={urllib.parse.quote(CARTESIAN)}")
    assert code == 503 and "stopped" in body and time.monotonic() - t < 20
    assert status(f"{url}/queries/mentions?entity=Elon%20Musk&format=csv")[0] == 200


def test_bodies_and_headers_that_are_wrong(served):
    url, _ = served
    assert status(f"{url}/query", data=b"query=" + b"x" * 200_000)[0] == 413
    assert status(f"{url}/query", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})[0] == 400
    assert status(f"{url}/query?query=%ff")[0] == 400
    assert status(f"{url}/queries/mentions?entity=%3Chttp://x%20y%3E")[0] == 400
    assert status(f"{url}/query?query=ASK%7B%7D&format=pdf")[0] == 400
    assert status(f"{url}/query", data=b"x", method="PATCH")[0] == 403
    bad_length = raw(url, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n")
    assert bad_length.startswith(b"HTTP/1.1 400"), bad_length[:80]
    junk = raw(url, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n")
    assert junk.startswith(b"HTTP/1.1 400"), junk[:80]


def test_format_is_honoured_on_post(served):
    url, _ = served
    code, body = status(f"{url}/query", data=b"query=ASK%7B%7D&format=csv")
    assert code == 200 and body.strip().splitlines()[0] in ("true", "_askResult", "result")  # CSV, not JSON
    assert not body.lstrip().startswith("{")


def test_idle_connections_are_closed_and_do_not_pile_up_threads(served):
    url, _ = served
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    before = threading.active_count()
    idle = [socket.create_connection((host, port)) for _ in range(100)]
    for s in idle[:50]:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nquery=")  # and then nothing
    assert status(f"{url}/queries/mentions?entity=Elon%20Musk")[0] == 200
    assert threading.active_count() - before < 10
    time.sleep(4)  # idle_seconds=2 (waitress checks every few seconds)
    closed = 0
    for s in idle:
        s.settimeout(5)
        try:
            closed += s.recv(1) == b""
        except OSError:
            closed += 1
        s.close()
    assert closed == len(idle)


def test_many_clients_at_once(served):
    url, _ = served
    with ThreadPoolExecutor(40) as pool:
        codes = list(pool.map(lambda _: status(f"{url}/queries/mentions?entity=Elon%20Musk")[0], range(200)))
    assert codes == [200] * 200


def test_serve_follows_rebuilds(served):
    url, work = served
    count = f"{url}/query?query={urllib.parse.quote('SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }')}&format=csv"
    assert status(count)[1].split()[-1] == "1"
    shutil.copy(SEEDS[1], work / "corpus")
    kg.build([work / "corpus"], store=work / "store").close()
    assert status(count)[1].split()[-1] == "2"
