"""Shared fixtures: the seed corpus built once, its TriG file, and a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_kg() -> kg.KnowledgeGraph:
    return kg.build([CORPUS])


@pytest.fixture(scope="session")
def seed_trig(seed_kg, tmp_path_factory) -> Path:
    return seed_kg.export(tmp_path_factory.mktemp("build") / "kg.trig")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph(seed_kg, tmp_path_factory):
    """`oxigraph serve` on 127.0.0.1 (free port) over a store bulk-loaded with the seed build.
    Yields the base URL; the server is stopped afterwards."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.fail("the oxigraph server is not installed (pip install oxigraph)")
    work = tmp_path_factory.mktemp("oxigraph")
    nq = seed_kg.export(work / "kg.nq")
    subprocess.run([binary, "load", "--location", str(work / "db"), "--file", str(nq)], check=True, capture_output=True)
    proc, base = start_oxigraph(["serve", "--location", str(work / "db"), "--union-default-graph"])
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def start_oxigraph(args: list[str]):
    """Start `oxigraph serve ...` on a free loopback port; returns (process, base URL)."""
    port = _free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), *args, "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)


@pytest.fixture
def plain_oxigraph():
    """An empty in-memory `oxigraph serve` as it ships: its default graph is its own, not the
    union of the named graphs (as in Fuseki and most SPARQL stores)."""
    proc, base = start_oxigraph(["serve"])
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def empty_oxigraph():
    """An empty in-memory `oxigraph serve` (read-write, union default graph) for push tests."""
    proc, base = start_oxigraph(["serve", "--union-default-graph"])
    yield base
    proc.terminate()
    proc.wait(timeout=10)
