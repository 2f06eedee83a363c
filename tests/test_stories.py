"""One real event told by several articles, in Indonesian and in English, is one event; near
misses stay apart; a second report added to a built store joins without relinking the rest.
Real articles, built into a real store."""

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib.namespace import OWL, RDF

import kg
import kg.linking
from kg.names import LINKS_GRAPH, MATCHES_GRAPH, NEWS

ARTICLES = {
    "akuisisi.txt": """PT Sinar Digital Akuisisi Startup Kopi Nusantara

Jakarta, Rabu (12/3/2025) - PT Sinar Digital Tbk mengakuisisi PT Kopi Nusantara Teknologi senilai Rp 1,2 triliun pada Rabu (12/3/2025).

Direktur Utama Sinar Digital, Bambang Hartono, mengatakan akuisisi itu memperkuat bisnis logistik perusahaan. "Kami ingin tumbuh lebih cepat," kata Bambang.
""",
    "acquisition.txt": """Sinar Digital buys coffee startup Kopi Nusantara

JAKARTA, March 13, 2025 - Indonesian technology group Sinar Digital acquired Kopi Nusantara Teknologi on March 12, 2025, in a deal worth 1.2 trillion rupiah, the company said.

"We want to grow faster," chief executive Bambang Hartono told reporters.
""",
    "akuisisi-lama.txt": """Sinar Digital Pernah Caplok Startup Lain

Jakarta, Senin (20/1/2025) - PT Sinar Digital Tbk mengakuisisi PT Jalan Pintas Indonesia pada 14 Januari 2025. Ini akuisisi pertama perusahaan tahun ini.
""",
    "laba.txt": """Sinar Digital Bidik Laba Tahun Ini

Jakarta, Kamis (10/4/2025) - PT Sinar Digital Tbk menargetkan laba bersih naik 20 persen tahun ini. Perusahaan itu mengakuisisi PT Kopi Nusantara Teknologi pada Maret lalu.

Direktur Keuangan Sinar Digital, Ratna Wulandari, mengatakan integrasi bisnis berjalan lancar.
""",
    "gangguan.txt": """Aplikasi DompetKu Down, Pengguna Mengeluh

Jakarta, Senin (2/6/2025) - Aplikasi dompet digital DompetKu mengalami gangguan pada Senin (2/6/2025) pagi. Pengguna tidak bisa masuk ke aplikasi selama tiga jam.
""",
    "gangguan-lagi.txt": """DompetKu Gangguan Lagi, Pengguna Kesal

Jakarta, Selasa (3/6/2025) - Aplikasi dompet digital DompetKu kembali mengalami gangguan pada Selasa (3/6/2025) siang. Ini gangguan kedua dalam dua hari.
""",
    "outage.txt": """DompetKu e-wallet suffers outage

JAKARTA, June 2, 2025 - Indonesian e-wallet app DompetKu suffered an outage on June 2, 2025, leaving users unable to log in for three hours.
""",
}


def write(folder, names):
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def article_words(event) -> str:
    """'akuisisi-lama' for an event of akuisisi-lama.txt."""
    local = str(event).rsplit("/", 1)[-1]
    return local.removeprefix("article-").rsplit("-event-", 1)[0].rsplit("-", 1)[0]


def stories(g) -> set[frozenset[str]]:
    """Each real event the graph joined, as the set of the articles that report it."""
    reports = defaultdict(set)
    for first, report in g.dataset.graph(LINKS_GRAPH).subject_objects(OWL.sameAs):
        reports[first].add(article_words(report))
    return {frozenset(r) for r in reports.values()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stories")
    g = kg.build([write(tmp / "news", ARTICLES)], store=tmp / "store")
    yield g
    g.close()


def test_reports_across_languages_join_and_near_misses_stay_apart(built):
    found = stories(built)
    # an acquisition told in Indonesian, in English, and a month later in a background sentence
    assert frozenset({"akuisisi", "acquisition", "laba"}) in found
    # an outage told in Indonesian and in English (a day apart in Jakarta's and London's time)
    assert frozenset({"gangguan", "outage"}) in found
    # the same buyer's earlier acquisition, and the same app's outage of the next day, stay apart
    assert not any({"akuisisi-lama", "gangguan-lagi"} & s for s in found)
    assert len(found) == 2


def test_a_second_report_added_later_joins_without_relinking_the_rest(tmp_path, monkeypatch):
    news = write(tmp_path / "news", ["akuisisi.txt", "akuisisi-lama.txt", "gangguan.txt", "outage.txt"])
    kg.build([news], store=tmp_path / "store").close()
    remade = []
    canonical = kg.linking.canonical

    def recording(matches, facts=None):
        remade.extend(article_words(e) for a, _, b in matches for e in (a, b))
        return canonical(matches, facts)

    monkeypatch.setattr(kg.linking, "canonical", recording)
    write(news, ["acquisition.txt"])
    g = kg.build([news], store=tmp_path / "store")
    assert g.report.extracted == 1
    assert stories(g) == {frozenset({"akuisisi", "acquisition"}), frozenset({"gangguan", "outage"})}
    assert set(remade) == {"akuisisi", "acquisition"}, "only the new report's event was linked again"


def test_explain_names_what_joined_two_reports(built):
    links = built.dataset.graph(LINKS_GRAPH)
    first, report = next((a, b) for a, b in links.subject_objects(OWL.sameAs) if article_words(b) == "laba")
    ex = built.explain(first, "sameAs", report)
    assert ex.rule == "one real event" and ex.because
    last = ex.because[-1]  # the chain of matches ends at the background mention
    assert report in last.triple
    assert last.reasons[0] == "both Acquisition"
    assert any(r.startswith("dates agree: 2025-03-12 and 2025-03") for r in last.reasons), "'Maret lalu'"
    assert any(r.startswith("shared participants:") and "Kopi Nusantara Teknologi" in r for r in last.reasons)


@pytest.fixture(scope="module")
def dev_stories(tmp_path_factory):
    """The development set of stories: 32 real-style articles, 18 Indonesian and 14 English."""
    g = kg.build(["tests/articles/stories"], store=tmp_path_factory.mktemp("dev") / "store")
    yield g
    g.close()


def test_the_story_queries_answer_on_the_development_set(dev_stories):
    """A real event told in both languages: its reports side by side, who was first, and the
    month's coverage counting it once with both languages."""
    reports = list(dev_stories.query("event-reports", name="LintasCell"))
    by_event = defaultdict(set)
    for r in reports:
        by_event[str(r.event)].add(str(r.language))
    told_twice = [e for e, langs in by_event.items() if langs == {"id", "en"}]
    assert told_twice, by_event
    first = {str(r.event): r for r in dev_stories.query("first-report", name="LintasCell")}
    assert any(int(first[e].articles) >= 2 for e in told_twice if e in first)
    month = list(dev_stories.query("coverage", **{"from": "2025-06-01", "to": "2025-06-30"}))
    assert any(str(r.event) in told_twice and set(str(r.languages).split(", ")) == {"en", "id"} for r in month)


def test_linking_article_by_article_finds_what_linking_all_at_once_finds(dev_stories, tmp_path):
    """Blocking in an incremental build (the stored events in a new event's blocks and windows)
    misses no match a build of everything at once makes: the development set added in three
    parts gives the same matches and the same real events, quotes among them."""
    news = tmp_path / "news"
    news.mkdir()
    files = sorted(Path("tests/articles/stories").glob("*.txt"))
    for part in (files[::3], files[1::3], files[2::3]):
        for f in part:
            (news / f.name).write_bytes(f.read_bytes())
        kg.build([news], store=tmp_path / "store").close()
    g = kg.open(tmp_path / "store")
    try:
        for graph in (MATCHES_GRAPH, LINKS_GRAPH):
            once = {(str(s), str(o)) for s, _, o in dev_stories.dataset.graph(graph)}
            in_parts = {(str(s), str(o)) for s, _, o in g.dataset.graph(graph)}
            assert in_parts == once, graph
        matched = {s for s, _, _ in g.dataset.graph(MATCHES_GRAPH)}
        assert any((e, RDF.type, NEWS.Statement) in g.dataset for e in matched), "quotes among them"
    finally:
        g.close()
