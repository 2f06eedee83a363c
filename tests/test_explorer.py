"""The explorer `kg serve` shows: saved queries as forms, results with short labels and links, a
page per entity and event with its neighbourhood drawn by the vendored Cytoscape.js; the JSON
the pages read; HTML escaped everywhere. One test drives it all in headless Chromium."""

import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from tests_helpers import CHROMIUM_FLAGS

import kg
from kg.serve import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/newskg/id/"
MUSK, TENEV = ID + "person-elon-musk", ID + "person-vlad-tenev"
# the Interview of Musk and Trump is in two articles; the links graph joins them (a -> b, a < b)
TRUMP_INTERVIEW = ID + "article-000-2ae13ee501b42528-c74bd29e11d4-event-101"
TRUMP_INTERVIEW_TWIN = ID + "article-001-edbdc3bf89c4338e-2da769950de0-event-1670"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("explorer") / "store"
    kg.build([ROOT / "corpus"], store=store).close()
    server = serve_in_thread(store)
    yield server.url
    server.close()


def get(url: str, data: bytes | None = None) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), dict(e.headers)


def q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


# ---- JSON endpoints --------------------------------------------------------------------------


def test_names_suggest_entities_by_name_or_alias(served):
    code, body, headers = get(f"{served}/names?q=mus")
    assert code == 200 and headers["Content-Type"].startswith("application/json")
    found = json.loads(body)
    musk = next(f for f in found if f["iri"] == MUSK)
    assert musk == {"label": "Elon Musk", "iri": MUSK, "kind": "Person", "matched": "musk"}
    assert [f["label"] for f in json.loads(get(f"{served}/names?q=ELON%20m")[1])] == ["Elon Musk"]
    tenev = json.loads(get(f"{served}/names?q=tenev")[1])
    assert tenev[0]["iri"] == TENEV
    assert json.loads(get(f"{served}/names?q=")[1]) == []
    assert len(json.loads(get(f"{served}/names?q=a&limit=2")[1])) <= 2
    for hostile in ('"} } DROP ALL #', "\\", "a\nb", "') UNION { ?s ?p ?o } #"):
        code, body, _ = get(f"{served}/names?q={q(hostile)}")
        assert code == 200 and json.loads(body) == []
    assert get(f"{served}/names?q=a&limit=x")[0] == 400


def test_neighbourhood_of_a_person(served):
    code, body, _ = get(f"{served}/neighbourhood?iri={q(TENEV)}")
    assert code == 200
    data = json.loads(body)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["center"] == TENEV and nodes[TENEV]["center"] is True
    labels = {n["label"] for n in nodes.values()}
    assert {"Vlad Tenev", "Elon Musk", "Clubhouse", "Republika", "Robinhood"} <= labels
    interview = next(n for n in nodes.values() if n["kind"] == "Event")
    assert interview["type"] == "Interview" and interview["url"].startswith("/entity?iri=")
    assert all(e["source"] in nodes and e["target"] in nodes for e in data["edges"])
    edges = {(nodes[e["source"]]["label"], e["label"], nodes[e["target"]]["label"]) for e in data["edges"]}
    assert ("Interview", "participant", "Elon Musk") in edges
    assert ("Interview", "reported by", "Republika") in edges
    assert ("Vlad Tenev", "CEO of", "Robinhood") in edges


def test_neighbourhood_draws_one_node_per_real_event(served):
    musk = json.loads(get(f"{served}/neighbourhood?iri={q(MUSK)}")[1])
    ids = {n["id"] for n in musk["nodes"]}
    assert TRUMP_INTERVIEW in ids and TRUMP_INTERVIEW_TWIN not in ids  # the smallest IRI stands for both
    twin = json.loads(get(f"{served}/neighbourhood?iri={q(TRUMP_INTERVIEW_TWIN)}")[1])
    assert twin["center"] == TRUMP_INTERVIEW
    labels = {n["label"] for n in twin["nodes"]}
    # outlets of both articles, participants, platform
    assert {"Elon Musk", "Donald Trump", "X", "Tribunnews", "Bloomberg Technoz"} <= labels


def test_neighbourhood_refuses_what_is_not_an_iri(served):
    for bad in ("", "elon musk", "http://x y", "<http://x>", 'http://x"> } DROP ALL', "http://x}"):
        assert get(f"{served}/neighbourhood?iri={q(bad)}")[0] == 400, bad
    code, body, _ = get(f"{served}/neighbourhood?iri={q('urn:nothing:here')}")
    assert code == 200 and [n["id"] for n in json.loads(body)["nodes"]] == ["urn:nothing:here"]


# ---- pages -------------------------------------------------------------------------------------


def test_home_has_a_form_per_saved_query(served):
    code, body, headers = get(f"{served}/")
    assert code == 200 and "default-src 'self'" in headers["Content-Security-Policy"]
    assert 'id="editor"' in body and 'id="q-interactions"' in body
    assert '<input name="person" value="Elon Musk" class="names" list="names-interactions-person"' in body
    assert '<datalist id="event-types"><option value="Acquisition">' in body  # the event classes
    assert 'name="type" value="Interview" list="event-types"' in body
    assert "https://" not in body.split("<main>")[1].split("</main>")[0]  # nothing loaded from elsewhere


def test_results_have_short_labels_and_links(served):
    code, body, _ = get(f"{served}/ui?name=interactions&person=Elon%20Musk")
    assert code == 200
    table = body.split('id="results"')[1].split("</table>")[0]
    assert f'href="/entity?iri={q(TENEV)}"' in table and ">Vlad Tenev</a>" in table  # a name column, linked
    assert ">Interview: Elon Musk, Vlad Tenev</a>" in table  # an event IRI under its label
    assert ">https://" not in table  # no IRI shown in full
    assert '<a href="/queries/interactions?person=Elon+Musk&amp;format=csv">CSV</a>' in body


def test_entity_page(served):
    code, body, _ = get(f"{served}/entity?iri={q(MUSK)}")
    assert code == 200
    assert "<h1>Elon Musk" in body and "Also called: Elon, Elon Reeve Musk, Musk" in body
    assert f'id="cy" data-iri="{MUSK}"' in body and "/static/vendor/cytoscape.min.js" in body
    events = body.split('id="events"')[1].split("</table>")[0]
    assert events.count(f'href="/entity?iri={q(TRUMP_INTERVIEW)}"') == 1  # one row for the two articles' event
    assert TRUMP_INTERVIEW_TWIN not in events
    row = events.split(f'href="/entity?iri={q(TRUMP_INTERVIEW)}"')[1].split("</tr>")[0]
    assert "Bloomberg Technoz" in row and "Tribunnews" in row and "Donald Trump" in row
    assert "2024-08-13" in events
    facts = body.split('id="facts"')[1].split("</table>")[0]
    assert "CEO of" in facts and ">SpaceX</a>" in facts
    assert 'id="inferred"' in body  # what reasoning added, apart


def test_event_page(served):
    code, body, _ = get(f"{served}/entity?iri={q(TRUMP_INTERVIEW_TWIN)}")
    assert code == 200 and "<h1>Interview: Elon Musk, Donald Trump" in body
    event = body.split('id="event"')[1].split("</table>")[0]
    assert "2024-08-13" in event and ">Donald Trump</a>" in event and ">X</a>" in event
    reports = body.split('id="reports"')[1].split("</table>")[0]
    assert ">Tribunnews</a>" in reports and ">Bloomberg Technoz</a>" in reports
    assert "Wawancara Elon Musk dengan Donald Trump" in reports  # a sentence it was read from
    # side by side: each report's language, whom it quotes, what it cites
    tribun = next(row for row in reports.split("<tr>")[2:] if ">Tribunnews</a>" in row)
    article, outlet, published, language, quotes, cites, _ = tribun.split("<td")[1:]
    assert language == ">id</td>" and ">Elon Musk</a>" in quotes and ">Reuters</a>" in cites


def test_entity_by_name_and_what_is_not_there(served):
    code, body, _ = get(f"{served}/entity?name=MUSK")
    assert code == 200 and "<h1>Elon Musk" in body
    assert get(f"{served}/entity?name=Nobody%20Here")[0] == 404
    assert get(f"{served}/entity?iri={q(ID + 'person-nobody-here')}")[0] == 404
    assert get(f"{served}/entity?iri=not%20an%20iri")[0] == 400
    assert get(f"{served}/entity")[0] == 400


def test_sparql_errors_are_shown_next_to_the_editor(served):
    broken = q("SELECT ?x\nWHERE { ?x ?y }")
    code, body, _ = get(f"{served}/ui?query={broken}")
    assert code == 200
    error = body.split('id="error"')[1].split("</div>")[0]
    assert 'data-line="2"' in error and "Line 2, column" in error and "WHERE { ?x ?y }" in error
    assert body.index('id="editor"') < body.index('id="error"')
    code, body, _ = get(f"{served}/ui?name=mentions&entity={q('<http://x y>')}")
    assert code == 400 and 'id="q-mentions"' in body and "not a valid IRI" in body


def test_format_is_honoured_on_post_from_the_editor(served):
    code, body, headers = get(
        f"{served}/ui", data=b"query=SELECT%20%3Fa%20WHERE%20%7B%20BIND(1%20AS%20%3Fa)%20%7D&format=csv"
    )
    assert code == 200 and headers["Content-Type"].startswith("text/csv") and body.split() == ["a", "1"]
    code, body, _ = get(f"{served}/ui", data=b"query=SELECT%20%3Fa%20WHERE%20%7B%20BIND(1%20AS%20%3Fa)%20%7D")
    assert code == 200 and 'id="results"' in body


def test_html_is_escaped_everywhere(served):
    evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    pages = [
        f"/ui?query={q(evil)}",
        f"/ui?query={q('SELECT ?x WHERE { BIND(' + json.dumps(evil) + ' AS ?x) }')}",
        f"/ui?name=interactions&person={q(evil)}",
        f"/entity?name={q(evil)}",
        f"/entity?iri={q('urn:x:' + 'a' * 10)}",
    ]
    for path in pages:
        code, body, _ = get(served + path)
        assert code in (200, 400, 404), path
        assert "<script>alert" not in body and "<img src=x" not in body, path
    body = get(f"{served}/ui?query={q('SELECT ?x WHERE { BIND(' + json.dumps(evil) + ' AS ?x) }')}")[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    iri = 'SELECT ?x WHERE { BIND(IRI("urn:x:a") AS ?x) }'
    assert f'href="/entity?iri={q("urn:x:a")}"' in get(f"{served}/ui?query={q(iri)}")[1]


def test_static_files_are_the_vendored_ones(served):
    code, body, headers = get(f"{served}/static/vendor/cytoscape.min.js")
    assert code == 200 and headers["Content-Type"].startswith("text/javascript")
    assert body == (ROOT / "kg/web/vendor/cytoscape.min.js").read_text(encoding="utf-8")
    assert 'version="3.35.0"' in body
    assert get(f"{served}/static/explorer.js")[0] == 200 and get(f"{served}/static/explorer.css")[0] == 200
    for path in ("/static/../serve.py", "/static/vendor/README.md", "/static/", "/static/%2e%2e/serve.py"):
        assert get(served + path)[0] == 404, path


# ---- in a browser --------------------------------------------------------------------------------


def test_explorer_in_headless_chromium(served, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): browser test skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    shots = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(served) else problems.append("went out: " + r.url))

            # the interactions form: type part of a name, the name is suggested, run it
            page.goto(f"{served}/")
            page.screenshot(path=str(shots / "explorer-home.png"))
            form = page.locator("#q-interactions")
            field = form.locator("input[name=person]")
            field.fill("")
            field.press_sequentially("elon m", delay=20)
            page.wait_for_function(
                "() => [...document.querySelectorAll('#names-interactions-person option')].some(o => o.value === 'Elon Musk')"
            )
            field.fill("Elon Musk")
            form.get_by_role("button", name="Run").click()
            page.wait_for_selector("#results")
            page.screenshot(path=str(shots / "explorer-results.png"))
            table = page.locator("#results")
            assert "Vlad Tenev" in table.locator("a").all_inner_texts()
            assert not [t for t in table.locator("a").all_inner_texts() if t.startswith("http")]

            # follow a link to a person's page: the graph library draws the neighbourhood
            table.get_by_role("link", name="Vlad Tenev").first.click()
            page.wait_for_selector("#cy[data-ready=true]")
            assert page.url == f"{served}/entity?iri={q(TENEV)}"
            labels = page.evaluate("() => cy.nodes().map(n => n.data('label'))")
            assert {"Vlad Tenev", "Elon Musk", "Clubhouse", "Republika", "Robinhood", "Interview"} <= set(labels)
            assert page.evaluate("() => cy.edges().length") >= 5
            page.screenshot(path=str(shots / "explorer-entity.png"))

            # a click on a node expands it: Elon Musk's events and the people in them come in
            before = len(labels)
            x, y = page.evaluate(
                """(id) => { const n = cy.getElementById(id), r = n.renderedPosition(),
                   b = document.getElementById('cy').getBoundingClientRect(); return [b.left + r.x, b.top + r.y]; }""",
                MUSK,
            )
            page.mouse.click(x, y)
            page.wait_for_function("(n) => cy.nodes().length > n", arg=before)
            labels = page.evaluate("() => cy.nodes().map(n => n.data('label'))")
            assert {"Donald Trump", "Vladimir Putin", "Tribunnews"} <= set(labels)
            assert "Open its page" in page.locator("#picked").inner_text()
            page.wait_for_timeout(600)  # the layout's animation
            page.screenshot(path=str(shots / "explorer-expanded.png"))

            # a double click opens the node's own page
            x, y = page.evaluate(
                """(id) => { const n = cy.getElementById(id), r = n.renderedPosition(),
                   b = document.getElementById('cy').getBoundingClientRect(); return [b.left + r.x, b.top + r.y]; }""",
                MUSK,
            )
            page.mouse.dblclick(x, y)
            page.wait_for_url(f"{served}/entity?iri={q(MUSK)}")
            page.wait_for_selector("#cy[data-ready=true]")
            assert "Elon Musk" in page.locator("h1").inner_text()

            # a SPARQL error is shown under the editor, the caret put where it is
            page.goto(f"{served}/")
            page.locator("#editor").fill("SELECT ?x\nWHERE { ?x ?y }")
            page.locator("#sparql-form").get_by_role("button", name="Run").click()
            page.wait_for_selector("#error")
            assert "Line 2" in page.locator("#error").inner_text()
            assert page.evaluate("() => document.activeElement.id") == "editor"
        finally:
            browser.close()
    assert not problems, problems
