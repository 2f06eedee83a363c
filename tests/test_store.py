"""The persistent Oxigraph store: incremental builds equal clean builds; unchanged corpora do nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from tests_helpers import ROWS

import kg
from kg.build import RemoveError
from kg.reader import ArticleError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def quads(g):
    """Every graph of a store as (name, rdflib Graph) for comparison."""
    ds = g.dataset
    return {str(x.identifier): x for x in ds.graphs() if len(x) and not str(x.identifier).endswith("/build")}


def same_store(a, b) -> bool:
    qa, qb = quads(a), quads(b)
    return qa.keys() == qb.keys() and all(isomorphic(qa[k], qb[k]) for k in qa)


def test_unchanged_rebuild_does_nothing(tmp_path):
    first = kg.build([ROOT / "corpus"], store=tmp_path / "s")
    assert first.report.extracted == 5 and first.report.reasoned
    first.close()
    again = kg.build([ROOT / "corpus"], store=tmp_path / "s")
    assert again.report.extracted == 0 and again.report.unchanged == 5
    assert not again.report.reasoned, "nothing changed, so nothing is reasoned again"
    assert again.report.inferred == first.report.inferred > 0
    again.close()


def test_add_change_delete_equals_clean_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in SEEDS[:3]:
        shutil.copy(f, corpus / f.name)
    kg.build([corpus], store=tmp_path / "inc").close()
    # add two, change one, delete one
    for f in SEEDS[3:]:
        shutil.copy(f, corpus / f.name)
    changed = corpus / SEEDS[1].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Tesla", "Tesla Inc"), encoding="utf-8")
    (corpus / SEEDS[0].name).unlink()
    inc = kg.build([corpus], store=tmp_path / "inc", prune=True)
    assert (inc.report.extracted, inc.report.unchanged, inc.report.removed) == (3, 1, 1)
    clean = kg.build([corpus], store=tmp_path / "clean")
    assert same_store(inc, clean)
    inc.close()
    clean.close()


def test_store_queries_equal_memory_queries(tmp_path, seed_kg):
    stored = kg.build([ROOT / "corpus"], store=tmp_path / "s")
    stored.close()
    opened = kg.open(tmp_path / "s")
    for name in kg.catalogue():
        assert ROWS(opened.query(name)) == ROWS(seed_kg.query(name)), name
    assert len(opened.validate()) == 0
    opened.close()


def test_open_missing_store_is_a_clear_error(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError, match="no store"):
        kg.open(tmp_path / "nothing")


def test_store_path_from_environment(tmp_path, monkeypatch):
    from kg.store import default_store_path

    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert default_store_path() == tmp_path / "env-store"
    assert default_store_path("given") == Path("given")
    monkeypatch.delenv("KG_STORE")
    assert default_store_path() == Path("kg-store")


def one_seed_store(tmp_path: Path) -> Path:
    """A corpus directory holding the first seed, built into the store `tmp_path / "s"`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus)
    kg.build([corpus], store=tmp_path / "s").close()
    return corpus


def test_readers_see_the_last_finished_build(tmp_path):
    """A reader opened before a build keeps its view; one opened after sees the new build; old
    snapshots go once no reader holds them."""
    from kg.snapshots import SNAPSHOTS

    corpus = one_seed_store(tmp_path)
    reader = kg.open(tmp_path / "s")
    before = len(reader)
    shutil.copy(SEEDS[1], corpus)
    kg.build([corpus], store=tmp_path / "s").close()
    assert len(reader) == before
    after = kg.open(tmp_path / "s")
    assert len(after) > before
    kg.build([corpus], store=tmp_path / "s").close()
    assert len([p for p in (tmp_path / "s" / SNAPSHOTS).iterdir() if p.is_dir()]) == 3  # two held, one current
    reader.close()
    after.close()
    kg.build([corpus], store=tmp_path / "s").close()
    assert len([p for p in (tmp_path / "s" / SNAPSHOTS).iterdir() if p.is_dir()]) == 1


def test_a_store_in_the_old_layout_is_moved_and_built(tmp_path):
    import pyoxigraph as ox

    old = ox.Store(str(tmp_path / "s"))
    old.add(
        ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("c"), ox.NamedNode("http://e/g"))
    )
    del old
    kg.build([ROOT / "corpus"], store=tmp_path / "s").close()
    assert (tmp_path / "s" / "data" / "CURRENT").is_file()
    g = kg.open(tmp_path / "s")
    assert len(g) > 1000
    g.close()


def test_a_store_with_no_finished_build_says_so(tmp_path):
    (tmp_path / "s").mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "kg", "query", "mentions", "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "no finished build" in r.stderr and "Traceback" not in r.stderr


def test_readers_during_a_build_see_one_finished_state(tmp_path):
    """While another process builds more articles into the store, every reader sees the store of
    one finished build (the old one, then the new one), never a part of a build."""
    import time

    corpus = one_seed_store(tmp_path)
    g = kg.open(tmp_path / "s")
    before = len(g)
    g.close()
    for seed in SEEDS[1:]:
        shutil.copy(seed, corpus)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(tmp_path / "s")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = set()
    while proc.poll() is None:
        g = kg.open(tmp_path / "s")
        seen.add(len(g))
        g.close()
        time.sleep(0.05)
    assert proc.wait() == 0
    g = kg.open(tmp_path / "s")
    after = len(g)
    g.close()
    assert after > before and seen <= {before, after}, (before, after, seen)


def test_a_build_adds_and_updates_and_only_a_prune_or_remove_takes_articles_out(tmp_path):
    store = tmp_path / "s"
    kg.build(SEEDS[:2], store=store).close()
    g = kg.build(SEEDS[2:3], store=store)  # one new article: the two others stay
    assert (g.report.articles, g.report.extracted, g.report.removed, g.report.not_given) == (3, 1, 0, 2)
    g.close()
    g = kg.remove([SEEDS[0].name], store=store)
    assert (g.report.removed, g.report.articles) == (1, 2)
    g.close()
    g = kg.build(SEEDS[2:3], store=store, prune=True)
    assert (g.report.removed, g.report.articles, g.report.not_given) == (1, 1, 0)
    g.close()
    with pytest.raises(RemoveError, match="no article"):
        kg.remove(["missing.txt"], store=store)


def test_cli_build_says_what_a_prune_would_remove_and_remove_takes_it_out(tmp_path):
    store = str(tmp_path / "s")
    run = [sys.executable, "-m", "kg"]
    subprocess.run([*run, "build", *map(str, SEEDS[:2]), "--store", store], check=True, capture_output=True)
    r = subprocess.run([*run, "build", str(SEEDS[2]), "--store", store], capture_output=True, text=True)
    assert r.returncode == 0 and "2 kept (kg build --prune removes them)" in r.stdout
    r = subprocess.run([*run, "remove", SEEDS[0].name, "--store", store], capture_output=True, text=True)
    assert r.returncode == 0 and "removed 1, articles left 2" in r.stdout
    r = subprocess.run([*run, "remove", "nope.txt", "--store", store], capture_output=True, text=True)
    assert r.returncode == 1 and "nope.txt: no article" in r.stderr and "Traceback" not in r.stderr


def test_progress_tells_every_file_then_every_phase(tmp_path):
    heard = []
    kg.build(
        [ROOT / "corpus"], store=tmp_path / "s", progress=lambda done, total, item: heard.append((done, total, item))
    )
    files = [h for h in heard if h[1]]
    assert [(d, t) for d, t, _ in files[:5]] == [(i, 5) for i in range(1, 6)]
    assert files[0][2].endswith("000_2ae13ee501b42528.txt")
    phases = [item for done, total, item in heard if not total]
    assert phases == ["gathering names", "linking events across articles", "reasoning across articles", "counting"]


def test_a_missing_path_makes_no_store(tmp_path):
    with pytest.raises(ArticleError, match="no such file or directory"):
        kg.build([tmp_path / "nothere"], store=tmp_path / "s")
    assert not (tmp_path / "s").exists()
