"""Saved queries sent through SPARQLWrapper to a real Oxigraph server give the local rows."""

import subprocess
import sys

import pytest
from tests_helpers import ROWS

from kg.endpoint import Endpoint, EndpointError
from kg.queries import catalogue


def test_interactions_remote_equals_local(seed_kg, oxigraph):
    remote = Endpoint(f"{oxigraph}/query").query("interactions", person="Elon Musk")
    local = seed_kg.query("interactions", person="Elon Musk")
    assert ROWS(remote) == ROWS(local)
    assert {"Donald Trump", "Vladimir Putin", "Vlad Tenev"} <= {str(r.otherName) for r in remote}


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_saved_query_same_rows_remotely(seed_kg, oxigraph, name):
    remote = Endpoint(f"{oxigraph}/query").query(name)
    local = seed_kg.query(name)
    assert ROWS(remote) == ROWS(local)


def test_cli_endpoint_option(oxigraph):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            "interactions",
            "--endpoint",
            f"{oxigraph}/query",
            "-p",
            "person=Elon Musk",
            "-f",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "Vlad Tenev" in r.stdout


def test_ask_and_construct_remotely(oxigraph):
    ep = Endpoint(f"{oxigraph}/query")
    assert ep.query("ASK { ?s a <https://w3id.org/newskg/ontology#Article> }").askAnswer is True
    g = ep.query(
        "CONSTRUCT { ?a a <https://w3id.org/newskg/ontology#Article> } WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }"
    ).graph
    assert len(g) == 5


def test_unreachable_endpoint_is_one_clear_error():
    with pytest.raises(EndpointError, match="127.0.0.1:9"):
        Endpoint("http://127.0.0.1:9/query", timeout=5).query("interactions")
