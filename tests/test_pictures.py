"""`kg show` and `kg timeline` write real pictures."""

import subprocess
import sys

import pytest

from kg.pictures import PictureError, neighbourhood_graph


def test_neighbourhood_graph_content(seed_kg):
    graph = neighbourhood_graph(seed_kg, "Elon Musk")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"Person", "Event", "Platform", "Source"} <= kinds
    assert {"Donald Trump", "Vlad Tenev", "Tribunnews", "Clubhouse"} <= set(graph.nodes)
    assert any(d["inferred"] for _, _, d in graph.edges(data=True)), "inferred links are drawn too"
    assert any(not d["inferred"] for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!doctype html>")])
def test_show_writes_pictures(seed_kg, tmp_path, suffix, magic):
    path = seed_kg.show("Elon Musk", tmp_path / f"musk{suffix}")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 20_000


def test_timeline(seed_kg, tmp_path):
    path = seed_kg.timeline("Elon Musk", tmp_path / "t.png")
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 20_000


def test_unknown_entity_and_format_are_clear_errors(seed_kg, tmp_path):
    with pytest.raises(PictureError, match="no entity"):
        seed_kg.show("Nobody Atall", tmp_path / "x.png")
    with pytest.raises(PictureError, match=".svg, .png or .html"):
        seed_kg.show("Elon Musk", tmp_path / "x.pdf")


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
