"""HTML pages and JSON Lines feeds as input, next to plain text."""

from pathlib import Path

import kg
from kg.extract import extract
from kg.names import NEWS
from kg.reader import read_articles

ARTICLES = Path(__file__).resolve().parent / "articles"


def test_html_main_text_and_metadata():
    (doc,), errors = read_articles(ARTICLES / "kompas_musk_prabowo.html")
    extract(doc)
    assert not errors
    assert doc.title == "Elon Musk Bertemu Prabowo di Bali"
    assert "Home" not in doc.text.split("\n")[0] and "©" not in doc.text  # navigation and footer dropped
    assert doc.publisher.label == "Kompas" and doc.published.value == "2024-05-19"
    assert [a.label for a in doc.authors] == ["Galuh Putri Riyanto"]
    persons = {m.entity.label for m in doc.mentions if m.entity.kind == "Person"}
    assert {"Elon Musk", "Prabowo Subianto", "Luhut Binsar Pandjaitan"} <= persons
    assert "Denpasar" in {m.entity.label for m in doc.mentions if m.entity.kind == "Place"}


def test_jsonl_one_article_a_line_and_bad_lines_reported():
    docs, errors = read_articles(ARTICLES / "feed.jsonl")
    assert [d.source_name for d in docs] == ["feed.jsonl:1", "feed.jsonl:4"]
    assert [e.path for e in errors] == [f"{ARTICLES / 'feed.jsonl'}:2", f"{ARTICLES / 'feed.jsonl'}:3"]
    first = extract(docs[0])
    assert first.publisher.label == "Antara" and [a.label for a in first.authors] == ["Rina Kusuma"]
    second = extract(docs[1])
    assert second.published.value == "2024-06-24"
    attack = [e for e in second.events if e.cls == "CyberAttack"]
    assert attack and attack[0].date.value == "2024-06-20"
    assert "Hinsa Siburian" in {m.entity.label for m in second.mentions}
    assert "Badan Siber dan Sandi Negara" in {m.entity.label for m in second.mentions}  # 'BSSN', an alias


def test_directory_build_mixes_formats():
    g = kg.build([ARTICLES])
    files = {str(o) for o in g.dataset.objects(None, NEWS.sourceFile)}
    assert {"kompas_musk_prabowo.html", "feed.jsonl:1", "kompas_outage.txt"} <= files
    assert any("feed.jsonl:2" in e for e in g.report.errors)
