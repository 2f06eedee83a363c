"""The persistent Oxigraph store: incremental builds equal clean builds; unchanged corpora do nothing."""

import shutil
from pathlib import Path

from rdflib.compare import isomorphic
from tests_helpers import ROWS_KEY

import kg

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
    inc = kg.build([corpus], store=tmp_path / "inc")
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
        assert ROWS_KEY(opened.query(name)) == ROWS_KEY(seed_kg.query(name)), name
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
