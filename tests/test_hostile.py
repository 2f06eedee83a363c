"""Careless and hostile input: names that used to share a graph, JSON Lines fields of the wrong
type. Each bad article is reported on one line and skipped; the others are built."""

import json
import subprocess
import sys
import time
from pathlib import Path

import kg
from kg.names import ARTICLE_PREFIX
from kg.reader import read_articles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from adversarial import KINDS, seconds  # noqa: E402
from adversarial import text as adversarial  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "articles"
TEXT = (ARTICLES / "kompas_outage.txt").read_text(encoding="utf-8")


def article_graphs(g) -> list[str]:
    return [str(n) for n in g.store.graph_names() if str(n).startswith(ARTICLE_PREFIX)]


def test_every_file_is_its_own_article(tmp_path):
    names = ["Berita A.txt", "berita-a.txt", "sub/berita-a.txt", "sub/Berita A.txt", "новости.txt", "新闻.txt", "a.txt"]
    for i, name in enumerate(names):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{TEXT}\n\nCatatan {i}.", encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>", encoding="utf-8")
    g = kg.build([tmp_path])
    assert g.report.errors == []
    assert g.report.articles == len(names) + 1 == len(article_graphs(g))
    again = kg.build([tmp_path / "sub/berita-a.txt"])  # alone: its key is its name
    assert article_graphs(again)[0] in article_graphs(kg.build([tmp_path / "sub"]))


def test_a_file_given_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    g = kg.build([tmp_path, tmp_path / "a.txt"])
    assert (g.report.articles, g.report.errors) == (1, [])


def test_jsonl_fields_of_the_wrong_type_skip_their_line(tmp_path):
    good = {"text": TEXT, "title": "Layanan terganggu", "url": "https://example.com/a", "authors": ["Rina"]}
    bad = [
        ({"authors": 5}, '"authors"'),
        ({"authors": [None, 3]}, '"authors"'),
        ({"title": ["a", "b"]}, '"title"'),
        ({"outlet": {"name": "x"}}, '"outlet"'),
        ({"url": "https://example.com/a b"}, '"url"'),
        ({"url": ["https://example.com"]}, '"url"'),
        ({"url": "javascript:alert(1)"}, '"url"'),
        ({"published": 2024}, '"published"'),
        ({"id": {"a": 1}}, '"id"'),
        ({"text": 5}, '"text"'),
    ]
    lines = [json.dumps(good)] + [json.dumps({**good, "id": i, **change}) for i, (change, _) in enumerate(bad)]
    lines += [json.dumps([1, 2]), json.dumps(good)]  # not an object; the first line again
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read_articles(feed)
    assert len(docs) == 1
    assert [e.path for e in errors] == [f"{feed}:{n}" for n in range(2, len(lines) + 1)]
    for (_, field), error in zip(bad, errors, strict=False):
        assert field in error.problem and "\n" not in str(error)
    assert "object" in errors[len(bad)].problem and "line 1" in errors[len(bad) + 1].problem
    r = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(feed), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert r.stderr.count("skipped") >= len(bad) + 2
    stored = kg.open(tmp_path / "store")
    assert len(article_graphs(stored)) == 1
    stored.close()


def test_extraction_time_grows_linearly_on_adversarial_text():
    """Four times the text takes about four times as long (bounds generous: a noisy machine);
    it took the square before sentences were capped in length."""
    seconds(adversarial(". ", 1000))  # the gazetteer, loaded once
    for name, unit in KINDS.items():
        small, large = seconds(adversarial(unit, 50_000)), seconds(adversarial(unit, 200_000))
        assert large < 12 * small + 0.5, f"{name}: {small:.2f} s for 50 kB, {large:.2f} s for 200 kB"


def test_a_huge_file_is_reported_and_skipped_unread(tmp_path):
    (tmp_path / "huge.txt").write_text(adversarial(KINDS["open quotes"], 5_000_000), encoding="utf-8")
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    t = time.perf_counter()
    g = kg.build([tmp_path])
    assert time.perf_counter() - t < 60
    assert g.report.articles == 1
    assert len(g.report.errors) == 1 and "huge.txt" in g.report.errors[0] and "limit" in g.report.errors[0]


def test_an_article_over_its_time_budget_is_reported_and_skipped(tmp_path, monkeypatch):
    (tmp_path / "slow.txt").write_text(adversarial(KINDS["open quotes"], 300_000), encoding="utf-8")
    monkeypatch.setenv("KG_ARTICLE_SECONDS", "0.05")
    g = kg.build([tmp_path])
    assert g.report.extracted == 0
    assert g.report.errors == [
        f"{tmp_path / 'slow.txt'}: extraction took longer than 0.05 s (KG_ARTICLE_SECONDS), skipped"
    ]


def test_odd_file_names_stay_on_one_line(tmp_path):
    (tmp_path / "bad\nname [red].txt").write_bytes(b"\xff\xfe not utf-8 \x00")
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(tmp_path), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0
    skipped = [line for line in r.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and "bad\\nname [red].txt" in skipped[0], r.stderr
