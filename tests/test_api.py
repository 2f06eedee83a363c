"""The Python API as a notebook user meets it: one way to open any source, push and serve from
a KnowledgeGraph, the build summary as data."""

import json
import urllib.request

import pytest
from conftest import CORPUS
from tests_helpers import ROWS

import kg
from kg.endpoint import Endpoint


@pytest.fixture(scope="module")
def one_seed_store(tmp_path_factory):
    where = tmp_path_factory.mktemp("api")
    g = kg.build([CORPUS / "000_2ae13ee501b42528.txt", CORPUS / "001_edbdc3bf89c4338e.txt"], store=where / "store")
    g.export(where / "kg.trig")
    g.close()
    return where


def test_connect_gives_one_interface_to_a_file_a_store_and_an_endpoint(one_seed_store, empty_oxigraph):
    stored = kg.connect(store=one_seed_store / "store")
    report = stored.push(f"{empty_oxigraph}/query", update_endpoint=f"{empty_oxigraph}/update")
    assert not report.failed
    sources = [
        stored,
        kg.connect(data=one_seed_store / "kg.trig"),
        kg.connect(endpoint=f"{empty_oxigraph}/query"),
    ]
    assert isinstance(sources[2], Endpoint)
    answers = [ROWS(s.query("interactions", person="Elon Musk")) for s in sources]
    assert answers[0] and answers[0] == answers[1] == answers[2]
    stored.close()
    with pytest.raises(ValueError, match="at most one"):
        kg.connect(data=one_seed_store / "kg.trig", endpoint=f"{empty_oxigraph}/query")


def test_push_tells_progress_in_graphs(one_seed_store, empty_oxigraph):
    g = kg.open(one_seed_store / "store")
    heard = []
    report = g.push(
        f"{empty_oxigraph}/query",
        update_endpoint=f"{empty_oxigraph}/update",
        progress=lambda done, total, item: heard.append((done, total, item)),
    )
    g.close()
    assert heard and heard[-1][0] == heard[-1][1] == report.graphs
    assert all(item.startswith("https://w3id.org/newskg/graph/") for _, _, item in heard)


def test_serve_in_the_background_from_a_notebook(one_seed_store):
    g = kg.open(one_seed_store / "store")
    server = g.serve(port=0, background=True)
    try:
        with urllib.request.urlopen(f"{server.url}/queries/interactions?person=Elon%20Musk&format=json") as r:
            rows = json.load(r)["results"]["bindings"]
        assert {b["otherName"]["value"] for b in rows} >= {"Donald Trump"}
    finally:
        server.close()
        g.close()
    with pytest.raises(ValueError, match="on-disk store"):
        kg.load(one_seed_store / "kg.trig").serve()


def test_the_build_summary_is_data(tmp_path):
    kg.build([CORPUS / "000_2ae13ee501b42528.txt"], store=tmp_path / "s").close()
    again = kg.build([CORPUS / "001_edbdc3bf89c4338e.txt"], store=tmp_path / "s")
    rows = dict(again.report.summary())
    again.close()
    assert rows["articles"] == "2"
    assert rows["extracted"] == "1 (unchanged 0, removed 0)"
    assert rows["not among the paths"] == "1 kept (kg build --prune removes them)"
