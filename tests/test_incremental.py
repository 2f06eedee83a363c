"""Incremental builds at scale (generated articles with cross-article links): adding, changing and
deleting articles, extraction in worker processes, and builds killed midway all end in the same
store as one clean build; the reasoner derives what owlrl derives.

The corpus has 60 articles; KG_TEST_ARTICLES=1000 runs the same tests on 1,000 (owlrl then
takes several minutes)."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

import kg
from kg.build import BUILD_GRAPH
from kg.names import LINKS_GRAPH, MATCHES_GRAPH, NAMES_GRAPH, is_inferred
from kg.ntriples import triples
from kg.reason import infer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def write(corpus: Path, n: int) -> list[Path]:
    corpus.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in generate(n):
        (corpus / name).write_text(text, encoding="utf-8")
        out.append(corpus / name)
    return out


def content(store: Path) -> set:
    """Every quad of a store but the build record, as text."""
    db = ox.Store.read_only(str(store / "data"))
    quads = {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in db
        if str(q.graph_name) != f"<{BUILD_GRAPH}>"
    }
    del db
    return quads


def clean_build(corpus: Path, store: Path, workers: int = 1) -> set:
    kg.build([corpus], store=store, workers=workers, prune=True).close()
    return content(store)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("gen") / "corpus"
    write(d, int(os.environ.get("KG_TEST_ARTICLES", "60")))
    return d


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> set:
    return clean_build(corpus, tmp_path_factory.mktemp("ref") / "store")


def test_generated_corpus_has_cross_article_links(reference):
    links = [q for q in reference if q[3].endswith("/graph/links>")]
    assert len(links) >= 5


def test_workers_give_the_same_store(corpus, reference, tmp_path):
    assert clean_build(corpus, tmp_path / "w2", workers=2) == reference


def test_dask_cluster_gives_the_same_store(corpus, reference, tmp_path):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        kg.build([corpus], store=tmp_path / "dask", dask=client).close()
    assert content(tmp_path / "dask") == reference


def test_add_change_delete_equals_clean_build(corpus, reference, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    files = sorted(work.glob("*.txt"))
    kept_aside = {f: f.read_text(encoding="utf-8") for f in files[-10:]}
    for f in kept_aside:
        f.unlink()
    changed = files[3]
    original = changed.read_text(encoding="utf-8")
    changed.write_text(original.replace("a", "a ", 1), encoding="utf-8")
    extra = work / "gen-extra.txt"
    extra.write_text(files[7].read_text(encoding="utf-8"), encoding="utf-8")
    kg.build([work], store=tmp_path / "inc").close()
    for f, text in kept_aside.items():
        f.write_text(text, encoding="utf-8")
    changed.write_text(original, encoding="utf-8")
    extra.unlink()
    g = kg.build([work], store=tmp_path / "inc", prune=True)
    assert (g.report.extracted, g.report.removed) == (11, 1)
    g.close()
    assert content(tmp_path / "inc") == reference
    inferred = sum(1 for q in reference if is_inferred(q[3][1:-1]))
    names = sum(1 for q in reference if q[3] == f"<{NAMES_GRAPH}>")  # an index, not counted
    assert names > 0
    expected = (len(reference) - inferred - names, inferred)
    assert (g.report.asserted, g.report.inferred) == expected, "counts kept, not recounted"


BUILD = "import kg, sys; kg.build([sys.argv[1]], store=sys.argv[2], prune=True).close()"


def build_killed_after(corpus: Path, store: Path, delay: float) -> None:
    """Start a build in another process and kill -9 it after `delay` seconds (if still running)."""
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(corpus), str(store)], cwd=ROOT)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4, 3.2, 4.0])
def test_killed_build_is_healed_by_the_next(corpus, reference, tmp_path, delay):
    build_killed_after(corpus, tmp_path / "killed", delay)
    assert clean_build(corpus, tmp_path / "killed") == reference


@pytest.fixture(scope="module")
def partial(corpus, tmp_path_factory) -> tuple[Path, Path]:
    """A store built from the corpus with 10 articles missing, one changed and one extra."""
    work = tmp_path_factory.mktemp("partial")
    shutil.copytree(corpus, work / "corpus")
    files = sorted((work / "corpus").glob("*.txt"))
    for f in files[-10:]:
        f.unlink()
    files[2].write_text(files[2].read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    (work / "corpus" / "gen-extra.txt").write_text(files[5].read_text(encoding="utf-8"), encoding="utf-8")
    kg.build([work / "corpus"], store=work / "store").close()
    return work / "corpus", work / "store"


@pytest.mark.parametrize("delay", [1.0, 1.8, 2.6, 3.4])
def test_killed_incremental_build_is_healed_by_the_next(corpus, reference, partial, tmp_path, delay):
    """Kill a build that adds 10 articles, changes one back and removes one, at several moments;
    the next build ends with the store of one clean build."""
    store = tmp_path / "store"
    shutil.copytree(partial[1], store)
    before = published(store)
    build_killed_after(corpus, store, delay)
    assert published(store) in (before, reference), "readers see a finished build, never a part of one"
    assert clean_build(corpus, store) == reference
    assert published(store) == reference


def published(store: Path) -> set:
    """What readers see: every quad of the store's current snapshot but the build record."""
    g = kg.open(store)
    quads = {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in g.store.db
        if str(q.graph_name) != f"<{BUILD_GRAPH}>"
    }
    g.close()
    return quads


def test_reasoner_matches_owlrl_on_generated_articles(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "s").close()
    asserted, inferred = Graph(), Graph()
    g = kg.open(tmp_path / "s")
    for s, p, o, c in g.dataset.quads((None, None, None, None)):
        if c not in (BUILD_GRAPH, MATCHES_GRAPH):  # the matches are a record of evidence, not data
            (inferred if is_inferred(c) else asserted).add((s, p, o))
    g.close()
    reference = infer(asserted, "owlrl")
    assert len(reference) > 10_000
    assert triples(inferred) - triples(asserted) == reference


def test_check_finds_what_a_build_did_not_write(corpus, tmp_path):
    from kg.store import OxigraphStore

    kg.build([corpus], store=tmp_path / "s").close()
    g = kg.open(tmp_path / "s")
    assert g.check().ok
    g.close()
    store = OxigraphStore(tmp_path / "s")
    inferred = next(n for n in store.graph_names() if "/graph/inferred/article-" in str(n))
    some = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{inferred}> {{ ?s ?p ?o }} }} LIMIT 3")
    store.remove_nquads("".join(f"{s} {p} {o} <{inferred}> .\n" for s, p, o in some))
    store.drop_graph(LINKS_GRAPH)
    store.publish()
    store.close()
    g = kg.open(tmp_path / "s")
    report = g.check()
    g.close()
    assert ("inferred: missing", str(inferred), 3) in report.differences
    assert any(what == "links: missing" for what, _, _ in report.differences)
