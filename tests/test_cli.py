"""The `kg` command end to end, as a user runs it (a subprocess per call)."""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args, cwd=None, store=None):
    """Run `kg` as a user would; the store goes to a temporary directory, never the checkout."""
    env = dict(os.environ, KG_STORE=str(store or STORE))
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
        env=env,
    )


STORE = Path(tempfile.mkdtemp(prefix="kg-cli-store-")) / "store"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "kg.trig"
    r = kg("build", "corpus", "-o", out)
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def test_build_prints_a_summary(built):
    _, stdout = built
    for word in ("articles", "entities", "events", "triples asserted", "triples inferred", "seconds"):
        assert word in stdout
    assert "5" in stdout.split("articles")[1].split("\n")[0]


def test_query_interactions_table(built):
    out, _ = built
    r = kg("query", "interactions", "--data", out, "-p", "person=Elon Musk")
    assert r.returncode == 0, r.stderr
    for name in ("Donald Trump", "Vladimir Putin", "Vlad Tenev"):
        assert name in r.stdout


def test_query_json_is_w3c_sparql_results(built):
    out, _ = built
    r = kg("query", "interactions", "-d", out, "-p", "person=Elon Musk", "-f", "json")
    doc = json.loads(r.stdout)
    assert "otherName" in doc["head"]["vars"]
    assert any(b["otherName"]["value"] == "Vlad Tenev" for b in doc["results"]["bindings"])


def test_query_csv_and_tsv(built):
    out, _ = built
    rows = list(csv.DictReader(io.StringIO(kg("query", "co-mentions", "-d", out, "-f", "csv").stdout)))
    assert {"otherName", "articles"} <= set(rows[0])
    tsv = kg("query", "co-mentions", "-d", out, "-f", "tsv").stdout.splitlines()
    assert tsv[0] == "?otherName\t?articles"
    assert '"Donald Trump"\t"2"^^<http://www.w3.org/2001/XMLSchema#integer>' in tsv


def test_adhoc_sparql_and_rq_file(built, tmp_path):
    out, _ = built
    r = kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }",
        "-d",
        out,
        "-f",
        "csv",
    )
    assert r.stdout.splitlines()[1] == "5"
    rq = tmp_path / "mine.rq"
    rq.write_text(
        '# param who = "Musk"\nSELECT ?l WHERE { ?p <http://www.w3.org/2004/02/skos/core#altLabel> ?who ; '
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    assert "Elon Musk" in kg("query", rq, "-d", out, "-f", "csv").stdout


def test_queries_lists_the_catalogue():
    r = kg("queries")
    assert r.returncode == 0 and "interactions" in r.stdout and "person=" in r.stdout


def test_export_turtle_is_deterministic(built, tmp_path):
    out, _ = built
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert kg("export", "--data", out, "-o", a).returncode == 0
    assert kg("export", "--data", out, "-o", b).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    assert kg("export", "--data", out, "-o", tmp_path / "x.nq").returncode == 0
    assert kg("export", "--data", out, "-o", tmp_path / "x.jsonld").returncode == 0


def test_two_builds_give_identical_turtle(tmp_path):
    for name in ("one.ttl", "two.ttl"):
        assert kg("build", "corpus", "-o", tmp_path / name, store=tmp_path / name.replace(".ttl", "")).returncode == 0
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()


def test_validate(built, tmp_path):
    out, _ = built
    r = kg("validate", "--data", out)
    assert r.returncode == 0 and "conforms" in r.stdout
    tmp_path / "broken.ttl"
    text = out.read_text()
    broken_trig = tmp_path / "broken.trig"
    broken_trig.write_text(text.replace("news:publisher", "news:publisherX"))
    r = kg("validate", "--data", broken_trig)
    assert r.returncode == 1 and "publisher" in r.stdout


def test_bad_article_is_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes((ROOT / "corpus" / "004_4ffafdff79f5ff12.txt").read_bytes())
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\x00")
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    r = kg("build", corpus, "-o", tmp_path / "kg.trig", store=tmp_path / "store")
    assert r.returncode == 0
    assert "bad.txt" in r.stderr and "Traceback" not in r.stderr
    assert "notes.pdf" in r.stderr
    assert "1" in r.stdout.split("articles")[1].split("\n")[0]


def test_errors_are_one_line_without_traceback(tmp_path):
    missing = kg("query", "interactions", "--data", tmp_path / "nope.trig")
    assert missing.returncode == 1 and "nope.trig" in missing.stderr and "Traceback" not in missing.stderr
    junk = tmp_path / "junk.trig"
    junk.write_text("this is not trig {")
    r = kg("query", "interactions", "--data", junk)
    assert r.returncode == 1 and "junk.trig" in r.stderr and "Traceback" not in r.stderr
    r = kg("build", "corpus", "-o", tmp_path / "kg.docx")
    assert r.returncode == 1 and "kg.docx" in r.stderr and not (tmp_path / "kg.docx").exists()
    r = kg("query", "no-such-query", "--data", junk)
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_failed_write_leaves_no_partial_file(built, tmp_path):
    out, _ = built
    target = tmp_path / "kg.ttl"
    target.write_text("previous")
    kg("export", "--data", out, "-o", target)
    assert target.read_text() != "previous" and not list(tmp_path.glob(".kg.ttl.*"))


def test_outputs_get_the_umask_permissions(tmp_path, seed_trig):
    import kg as newskg

    old = os.umask(0o022)
    try:
        out = newskg.load(seed_trig).export(tmp_path / "kg.ttl")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]  # no temporary file left


def test_an_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args in (
        [
            "build",
            str(ROOT / "corpus" / "000_2ae13ee501b42528.txt"),
            "--store",
            str(tmp_path / "s"),
            "-o",
            str(blocker / "a.ttl"),
        ],
        ["export", "--store", str(tmp_path / "s"), "-o", str(blocker / "b.trig")],
    ):
        r = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.strip().splitlines() == [
            f"error: {blocker / Path(args[-1]).name}: cannot write (File exists: {blocker})"
        ]
        assert not (tmp_path / "s").exists(), "the output is checked before any work"


def test_unknown_names_say_so_and_suggest_the_closest(built):
    trig, _ = built
    for args, line in (
        (
            ["query", "interactions", "-p", "person=Elon Muks"],
            "no entity named 'Elon Muks' (did you mean 'Elon Musk'?)",
        ),
        (["query", "timeline", "-p", "person=Nobody Atall"], "no entity named 'Nobody Atall'"),
        (["show", "Vlad Tenv", "-o", "x.png"], "no entity named 'Vlad Tenv' (did you mean 'Vlad Tenev'?)"),
        (
            ["explain", "Elon Muks", "interactedWith", "Vlad Tenev"],
            "no entity named 'Elon Muks' (did you mean 'Elon Musk'?)",
        ),
    ):
        r = kg(*args, "--data", trig)
        assert r.returncode == 1 and r.stderr.strip().splitlines() == [f"error: {line}"], (args, r.stderr)


def test_a_sparql_syntax_error_names_line_and_column(built):
    trig, _ = built
    for source in (["--data", trig], []):
        r = kg("query", "SELECT ?x\nWHERE { ?x ?y }", *source)
        assert r.returncode == 1, r.stderr
        [line] = r.stderr.strip().splitlines()
        assert line.startswith("error: SPARQL syntax error at line 2, column "), line


def test_ask_and_construct_in_every_format(built):
    r = kg("query", "ASK { ?s ?p ?o }", "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == {"head": {}, "boolean": True}
    assert kg("query", "ASK { ?s ?p ?o }").stdout.strip() == "true"
    r = kg("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "-f", "csv")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "error: a CONSTRUCT query gives a graph, printed as Turtle: leave out --format csv (csv, tsv and json are for SELECT rows)"
    ]


def test_version():
    r = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("newskg ")


def test_dash_p_means_a_query_parameter_and_nothing_else():
    r = subprocess.run([sys.executable, "-m", "kg", "serve", "-p", "9999", "--help"], capture_output=True, text=True)
    assert r.returncode != 0 and "No such option: -p" in r.stderr
