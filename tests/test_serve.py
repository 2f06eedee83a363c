"""`kg serve`: a read-only SPARQL endpoint over the store, saved queries over HTTP, a query page."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from tests_helpers import CHROMIUM_FLAGS

import kg
from kg.serve import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("serve") / "store"
    kg.build([ROOT / "corpus"], store=store).close()
    server = serve_in_thread(store)
    yield server.url
    server.close()


def test_sparqlwrapper_client(served):
    sw = SPARQLWrapper(f"{served}/query")
    sw.setQuery("PREFIX news: <https://w3id.org/newskg/ontology#> SELECT (COUNT(?a) AS ?n) WHERE { ?a a news:Article }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["results"]["bindings"][0]["n"]["value"] == "5"


def test_saved_query_over_http_with_parameters(served):
    url = f"{served}/queries/interactions?person=Elon%20Musk&format=json"
    rows = json.load(urllib.request.urlopen(url))["results"]["bindings"]
    assert {"Donald Trump", "Vladimir Putin", "Vlad Tenev"} <= {r["otherName"]["value"] for r in rows}
    listing = json.load(urllib.request.urlopen(f"{served}/queries"))
    assert "interactions" in {q["name"] for q in listing}
    assert any(p["name"] == "person" for q in listing for p in q["parameters"])


def test_endpoint_answers_kg_endpoint_with_local_rows(served, seed_kg):
    from tests_helpers import ROWS_KEY

    remote = kg.Endpoint(f"{served}/query").query("timeline", person="Vladimir Putin")
    assert ROWS_KEY(remote) == ROWS_KEY(seed_kg.query("timeline", person="Vladimir Putin"))


def test_updates_are_refused(served):
    sw = SPARQLWrapper(f"{served}/query", updateEndpoint=f"{served}/update")
    sw.setMethod(POST)
    sw.setQuery("DROP ALL")
    with pytest.raises(Exception) as err:
        sw.query()
    assert "403" in str(err.value) or "Forbidden" in type(err.value).__name__ + str(err.value)
    req = urllib.request.Request(f"{served}/store?default", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 403


def test_bad_query_is_a_400(served):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"{served}/query?query=SELEKT")
    assert e.value.code == 400


def test_query_page_in_headless_chromium(served, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): browser test skipped")
    r = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            f"{served}/ui?name=interactions&person=Elon%20Musk",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-500:]
    assert 'id="results"' in r.stdout and "Vlad Tenev" in r.stdout
    assert 'id="editor"' in r.stdout
