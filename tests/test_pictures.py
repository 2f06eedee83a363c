"""`kg show` and `kg timeline` write real pictures of what the graph holds."""

import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.text import Text

import kg
from kg.names import GRAPH
from kg.pictures import (
    EDGE_STYLES,
    KIND_COLOURS,
    PictureError,
    draw_neighbourhood,
    entity_events,
    find_entity,
    neighbourhood_graph,
    timeline_figure,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LINKED = {  # one interview, reported by two articles: owl:sameAs joins their event nodes
    "https://w3id.org/newskg/id/article-000-2ae13ee501b42528-c74bd29e11d4-event-101",
    "https://w3id.org/newskg/id/article-001-edbdc3bf89c4338e-2da769950de0-event-1670",
}


@pytest.fixture(scope="module")
def unreasoned_kg() -> kg.KnowledgeGraph:
    return kg.build([CORPUS], reason=False)


def labels(graph) -> dict[str, str]:
    return {d["label"]: n for n, d in graph.nodes(data=True)}


def events(graph) -> list[str]:
    return [n for n, d in graph.nodes(data=True) if d["kind"] == "Event"]


def test_neighbourhood_graph_content(seed_kg):
    graph = neighbourhood_graph(seed_kg, "Elon Musk")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"Person", "Event", "Platform", "Source"} <= kinds
    assert {"Donald Trump", "Vlad Tenev", "Tribunnews", "Clubhouse", "Tesla", "X Corp"} <= set(labels(graph))
    assert any(d["inferred"] for _, _, d in graph.edges(data=True)), "inferred links are drawn too"
    assert any(not d["inferred"] for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize("name", ["X", "Twitter"])
def test_a_platform_draws_its_events(seed_kg, name):
    graph = neighbourhood_graph(seed_kg, name)
    x = graph.graph["focus"]
    assert graph.nodes[x]["label"] == "X" and graph.nodes[x]["kind"] == "Platform"
    assert len(events(graph)) >= 10
    assert all("on platform" in graph.edges[ev, x]["label"] for ev in events(graph))
    assert {"Elon Musk", "Donald Trump", "X Corp"} <= set(labels(graph))


def test_an_outlet_draws_the_events_it_reports(seed_kg):
    graph = neighbourhood_graph(seed_kg, "Tribunnews")
    outlet = graph.graph["focus"]
    assert graph.nodes[outlet]["kind"] == "Source" and len(events(graph)) >= 5
    assert all(graph.edges[ev, outlet]["style"] == "reported by" for ev in events(graph))
    assert "Bloomberg Technoz" in labels(graph), "the other outlet reporting a linked event"


def test_ownership_is_one_edge_per_pair(seed_kg):
    graph = neighbourhood_graph(seed_kg, "X Corp")
    ids = labels(graph)
    assert graph.edges[ids["Elon Musk"], ids["X Corp"]]["label"] == "owns"
    assert graph.edges[ids["X Corp"], ids["X"]]["label"] == "owns"
    for name in ("Elon Musk", "X Corp", "X"):
        graph = neighbourhood_graph(seed_kg, name)
        assert not any(graph.has_edge(v, u) for u, v in graph.edges), "one edge, one name per pair"
        assert not any("owned by" in d["label"] for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize(
    "full,alias", [("Elon Musk", "musk"), ("Elon Musk", "ELON REEVE MUSK"), ("Vlad Tenev", "vlad tenev")]
)
def test_an_alias_draws_the_entity_once(seed_kg, full, alias):
    assert find_entity(seed_kg, alias) == find_entity(seed_kg, full)
    graph, by_alias = neighbourhood_graph(seed_kg, full), neighbourhood_graph(seed_kg, alias)
    assert sorted(by_alias.nodes(data="label")) == sorted(graph.nodes(data="label"))
    assert sorted(by_alias.edges(data="label")) == sorted(graph.edges(data="label"))
    names = [d["label"] for _, d in by_alias.nodes(data=True) if d["kind"] != "Event"]
    assert names.count(full) == 1 and len(names) == len(set(names))


@pytest.mark.parametrize("reasoned", [True, False])
def test_one_node_per_real_event(seed_kg, unreasoned_kg, reasoned):
    g = seed_kg if reasoned else unreasoned_kg
    if not reasoned:  # the link is asserted one way only, and nothing inferred it back
        rows = list(g.store.query("SELECT ?g WHERE { GRAPH ?g { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b } }"))
        assert {str(r.g) for r in rows} == {str(GRAPH["links"])}
    for name in ("Elon Musk", "Tribunnews", "Bloomberg Technoz", "X"):
        graph = neighbourhood_graph(g, name)
        linked = [n for n in events(graph) if LINKED & set(graph.nodes[n]["members"])]
        assert linked == [min(LINKED)], name
        assert set(graph.nodes[min(LINKED)]["members"]) == LINKED
        assert not any(set(graph.nodes[n]["members"]) & LINKED for n in events(graph) if n != min(LINKED))
    entity, _ = find_entity(g, "Elon Musk")
    assert len({e.iri for e in entity_events(g, entity)}) == len(entity_events(g, entity))


def drawn_texts(fig) -> list:
    """The window extents of every text drawn on the picture (node names, edge names, labels)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [Text.get_window_extent(t, renderer) for t in ax.texts if t.get_text().strip()]  # without arrows


@pytest.mark.parametrize("name", ["Elon Musk", "X", "Tribunnews", "X Corp", "Indonesia"])
def test_no_two_names_overlap(seed_kg, name):
    fig = draw_neighbourhood(neighbourhood_graph(seed_kg, name), name)
    for a, b in combinations(drawn_texts(fig), 2):
        assert not a.overlaps(b), (a, b)


def test_the_legend_shows_exactly_the_styles_drawn(seed_kg):
    for name in ("Elon Musk", "X", "Indonesia"):
        graph = neighbourhood_graph(seed_kg, name)
        ax = draw_neighbourhood(graph, name).axes[0]
        legend = {t.get_text() for t in ax.get_legend().get_texts()}
        kinds = {d["kind"] for _, d in graph.nodes(data=True)}
        styles = {d["style"] for _, _, d in graph.edges(data=True)}
        assert legend == kinds | styles
        lines = {line.get_label(): line for line in ax.get_legend().get_lines()}
        for style in styles:
            drawn = [a for a in ax.lines if a.get_gid() == f"edge:{style}"]
            assert drawn, style
            for artist in [*drawn, lines[style]]:
                assert (artist.get_color(), artist.get_linestyle()) == EDGE_STYLES[style], style
        for kind in kinds:
            boxes = [t.get_bbox_patch() for t in ax.texts if t.get_gid() == f"node:{kind}"]
            patch = next(h for h in ax.get_legend().get_patches() if h.get_label() == kind)
            assert boxes and all(b.get_edgecolor() == patch.get_edgecolor() for b in boxes), kind
            assert patch.get_edgecolor()[:3] == pytest.approx(
                tuple(int(KIND_COLOURS[kind][i : i + 2], 16) / 255 for i in (1, 3, 5))
            )


def test_timeline_counts_the_undated_events(seed_kg):
    entity, _ = find_entity(seed_kg, "Elon Musk")
    undated = [e for e in entity_events(seed_kg, entity) if e.date is None]
    assert undated, "the seeds have undated events"
    fig = timeline_figure(seed_kg, "musk")
    notes = [t.get_text() for t in fig.texts]
    assert any(n.startswith(f"{len(undated)} undated events not shown: ") for n in notes), notes


def test_one_real_event_is_one_mark_sized_by_its_reports(seed_kg):
    """The interview two outlets reported is one mark, twice the area of a single report's."""
    fig = timeline_figure(seed_kg, "Elon Musk")
    marks = {
        str(text.get_text()).split("\n")[0]: size
        for collection, text in zip(fig.axes[0].collections, fig.axes[0].texts, strict=True)
        for size in collection.get_sizes()
    }
    assert marks["2024-08-13, 2 reports"] == 2 * marks["2024-07-13"]


def test_timeline_labels_do_not_overlap(seed_kg):
    for name in ("Elon Musk", "X"):
        fig = timeline_figure(seed_kg, name)
        assert len(drawn_texts(fig)) >= 8
        for a, b in combinations(drawn_texts(fig), 2):
            assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!doctype html>")])
def test_show_writes_pictures(seed_kg, tmp_path, suffix, magic):
    path = seed_kg.show("Elon Musk", tmp_path / f"musk{suffix}")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 20_000


def test_the_same_store_gives_the_same_picture(seed_kg, tmp_path):
    for suffix in (".png", ".svg"):
        first = seed_kg.show("Elon Musk", tmp_path / f"a{suffix}").read_bytes()
        assert seed_kg.show("Elon Musk", tmp_path / f"b{suffix}").read_bytes() == first


def test_timeline(seed_kg, tmp_path):
    path = seed_kg.timeline("Elon Musk", tmp_path / "t.png")
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 20_000


def test_unknown_entity_and_format_are_clear_errors(seed_kg, tmp_path):
    with pytest.raises(PictureError, match="no entity"):
        seed_kg.show("Nobody Atall", tmp_path / "x.png")
    with pytest.raises(PictureError, match=".svg, .png or .html"):
        seed_kg.show("Elon Musk", tmp_path / "x.pdf")
    with pytest.raises(PictureError, match="no dated events"):
        seed_kg.timeline("Indonesia", tmp_path / "x.png")


def test_cli(seed_trig, tmp_path):
    for cmd, out in (("show", "n.svg"), ("timeline", "t.svg")):
        r = subprocess.run(
            [sys.executable, "-m", "kg", cmd, "Elon Musk", "-o", str(tmp_path / out), "--data", str(seed_trig)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert r.returncode == 0, r.stderr
        assert (tmp_path / out).read_bytes().lstrip().startswith(b"<?xml")
