"""Pictures of the graph for people: an entity's neighbourhood (networkx + matplotlib, or an
HTML page around the SVG) and its events on a time axis (matplotlib)."""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.files import write_atomically
from kg.names import INFERRED_GRAPH, name_key

PREFIX = """PREFIX news: <https://w3id.org/newskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
EVENTS = (
    PREFIX
    + """SELECT ?ev ?type (SAMPLE(?d) AS ?date) WHERE {
  ?ev news:participant ?entity ; a ?cls . ?cls rdfs:subClassOf news:Event .
  BIND(strafter(str(?cls), "#") AS ?type)
  FILTER NOT EXISTS { ?ev owl:sameAs ?twin . FILTER(str(?twin) < str(?ev)) }
  OPTIONAL { ?ev news:date ?d } } GROUP BY ?ev ?type"""
)
AROUND = (
    PREFIX
    + """SELECT DISTINCT ?ev ?role ?node ?name ?kind WHERE {
  ?ev news:participant ?entity .
  { ?ev news:participant ?node . FILTER(?node != ?entity) BIND("participant" AS ?role) }
  UNION { ?ev news:onPlatform ?node . BIND("on platform" AS ?role) }
  UNION { ?ev ?acts ?node . ?acts rdfs:subPropertyOf news:object . BIND(strafter(str(?acts), "#") AS ?role) }
  UNION { ?a news:reports/(owl:sameAs|^owl:sameAs)? ?ev ; news:publisher ?node . BIND("reported by" AS ?role) }
  ?node skos:prefLabel ?name ; a ?k .
  VALUES ?k { news:Person news:Platform news:Source news:Organization news:Place }
  BIND(strafter(str(?k), "#") AS ?kind) }"""
)
RELATION_NAMES = """news:owns news:ownedBy news:ceoOf news:leaderOf news:founderOf news:spokespersonOf news:memberOf
                news:affiliatedWith news:interactedWith news:locatedIn"""
RELATIONS = (
    PREFIX
    + """SELECT DISTINCT ?s ?sName ?rel ?o ?oName WHERE {
  { ?entity ?rel ?o . BIND(?entity AS ?s) } UNION { ?s ?rel ?entity . BIND(?entity AS ?o) }
  VALUES ?rel { %s }
  OPTIONAL { ?s skos:prefLabel ?sName } OPTIONAL { ?o skos:prefLabel ?oName } }"""
    % RELATION_NAMES
)
INFERRED_RELATIONS = (
    PREFIX
    + """SELECT DISTINCT ?s ?rel ?o WHERE { GRAPH ?g {
  { ?entity ?rel ?o . BIND(?entity AS ?s) } UNION { ?s ?rel ?entity . BIND(?entity AS ?o) } }
  FILTER(STRSTARTS(STR(?g), "%s")) }"""
    % INFERRED_GRAPH
)
KIND_OF = (
    PREFIX
    + "SELECT ?kind WHERE { ?entity a ?k . VALUES ?k { news:Person news:Platform news:Source news:Organization news:Place } BIND(strafter(str(?k), '#') AS ?kind) } LIMIT 1"
)
COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Platform": "#59a14f",
    "Place": "#b07aa1",
    "Source": "#9c755f",
    "Event": "#e15759",
}
MAX_EVENTS = 40
KIND_ORDER = ["Source", "Platform", "Person", "Place", "Organization"]


class PictureError(ValueError):
    pass


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    inferred: bool = False


def find_entity(g, name: str) -> URIRef:
    rows = list(
        g.store.query(PREFIX + "SELECT DISTINCT ?e WHERE { ?e news:nameKey ?k }", {"k": Literal(name_key(name))})
    )
    if not rows:
        raise PictureError(f"no entity named {name!r} in the graph")
    return sorted(r.e for r in rows)[0]


def _events(g, entity: URIRef) -> list[tuple]:
    rows = [
        (r.ev, str(r.type), str(r.date) if r.date is not None else None)
        for r in g.store.query(EVENTS, {"entity": entity})
    ]
    return sorted(rows, key=lambda t: (t[2] or "", str(t[0])))[:MAX_EVENTS]


def neighbourhood_graph(g, name: str):
    """A networkx MultiDiGraph of the entity, its events (with their people, platform and
    outlets) and its relations; edges carry `label` and `inferred`."""
    import networkx as nx

    entity = find_entity(g, name)
    kind = next((str(r.kind) for r in g.store.query(KIND_OF, {"entity": entity})), "Person")
    graph = nx.MultiDiGraph()
    graph.add_node(name, kind=kind, focus=True)
    events = _events(g, entity)
    labels = {}
    for ev, typ, date in events:
        label = f"{typ}\n{date}" if date else typ
        while label in graph and graph.nodes[label].get("event") != str(ev):
            label += " "
        labels[ev] = label
        graph.add_node(label, kind="Event", event=str(ev))
        graph.add_edge(name, label, label="participant", inferred=False)
    for r in sorted(g.store.query(AROUND, {"entity": entity}), key=lambda r: KIND_ORDER.index(str(r.kind))):
        if r.ev not in labels:
            continue
        node = str(r.name)
        if node not in graph:
            graph.add_node(node, kind=str(r.kind))  # the most specific kind comes first
        if str(r.role) == "participant":
            graph.add_edge(node, labels[r.ev], label="participant", inferred=False)
        else:
            graph.add_edge(labels[r.ev], node, label=str(r.role), inferred=False)
    inferred = {(r.s, r.rel, r.o) for r in g.store.query(INFERRED_RELATIONS, {"entity": entity})}
    for r in g.store.query(RELATIONS, {"entity": entity}):
        if r.sName is None or r.oName is None:
            continue
        s, o = str(r.sName), str(r.oName)
        for n in (s, o):
            if n not in graph:
                graph.add_node(n, kind="Person" if "person-" in str(r.s if n == s else r.o) else "Organization")
        graph.add_edge(s, o, label=str(r.rel).rsplit("#", 1)[-1], inferred=(r.s, r.rel, r.o) in inferred)
    return graph


def draw_neighbourhood(graph, title: str):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    fig, ax = plt.subplots(figsize=(15, 12))
    # the entity in the middle, its events around it, everything else on the outer ring
    focus = [n for n in graph if graph.nodes[n].get("focus")]
    events = sorted(n for n in graph if graph.nodes[n].get("kind") == "Event")
    others = sorted(n for n in graph if n not in focus and n not in events)
    pos = nx.shell_layout(graph, nlist=[focus, events, others] if events else [focus, others])
    colours = [COLOURS.get(graph.nodes[n].get("kind"), "#999") for n in graph]
    sizes = [2200 if graph.nodes[n].get("focus") else 900 for n in graph]
    nx.draw_networkx_nodes(graph, pos, node_color=colours, node_size=sizes, alpha=0.9, ax=ax)
    nx.draw_networkx_labels(graph, pos, font_size=8, ax=ax)
    for inferred, style, colour in ((False, "solid", "#555"), (True, "dashed", "#d62728")):
        edges = [(u, v) for u, v, d in graph.edges(data=True) if d["inferred"] == inferred]
        nx.draw_networkx_edges(
            graph, pos, edgelist=edges, style=style, edge_color=colour, arrows=True, arrowsize=10, ax=ax, node_size=900
        )
    edge_labels = {(u, v): d["label"] for u, v, d in graph.edges(data=True) if d["label"] != "participant"}
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=edge_labels, font_size=6, ax=ax)
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], marker="o", color="w", markerfacecolor=c, markersize=10, label=k) for k, c in COLOURS.items()
    ]
    handles += [
        Line2D([0], [0], color="#555", label="asserted"),
        Line2D([0], [0], color="#d62728", ls="--", label="inferred"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8)
    ax.set_title(title + "\n(unlabelled edges: participant)")
    ax.axis("off")
    return fig


def neighbourhood(g, name: str, path: Path) -> Path:
    """Write the entity's neighbourhood to .svg, .png or .html (an HTML page around the SVG)."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png", ".html"):
        raise PictureError(f"{path}: use .svg, .png or .html")
    graph = neighbourhood_graph(g, name)
    fig = draw_neighbourhood(graph, f"{name}: events, people, platforms, outlets and relations")
    _save(fig, path, title=f"newskg: {name}")
    return path


def timeline(g, name: str, path: Path) -> Path:
    """Write the entity's dated events on a time axis, coloured by type, with their outlets."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if path.suffix.lower() not in (".svg", ".png"):
        raise PictureError(f"{path}: use .png or .svg")
    entity = find_entity(g, name)
    outlets: dict = {}
    for r in g.store.query(AROUND, {"entity": entity}):
        if str(r.role) == "reported by":
            outlets.setdefault(r.ev, set()).add(str(r.name))
    dated = [(ev, typ, _day(date), date) for ev, typ, date in _events(g, entity) if date]
    if not dated:
        raise PictureError(f"{name!r} has no dated events to draw")
    types = sorted({t for _, t, _, _ in dated})
    cmap = plt.get_cmap("tab10")
    fig, ax = plt.subplots(figsize=(13, 1.2 + 0.7 * len(types)))
    for i, typ in enumerate(types):
        points = [(day, date, ev) for ev, t, day, date in dated if t == typ]
        ax.scatter([p[0] for p in points], [i] * len(points), s=120, color=cmap(i % 10), label=typ, zorder=3)
        for day, date, ev in points:
            ax.annotate(
                f"{date}\n{', '.join(sorted(outlets.get(ev, [])))}",
                (day, i),
                textcoords="offset points",
                xytext=(0, 9),
                ha="center",
                fontsize=7,
            )
    ax.set_yticks(range(len(types)), types)
    ax.set_ylim(-0.6, len(types) - 0.2)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"{name}: events over time (year-only and month-only dates drawn at their start)")
    fig.autofmt_xdate()
    fig.tight_layout()
    _save(fig, path)
    return path


def _day(value: str) -> dt.date:
    parts = value[:10].split("-")
    return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def _save(fig, path: Path, title: str = "") -> None:
    import matplotlib.pyplot as plt

    try:
        if path.suffix.lower() == ".html":
            buf = io.StringIO()
            fig.savefig(buf, format="svg", bbox_inches="tight")
            write_atomically(
                path,
                f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                f"<body>{buf.getvalue()}</body></html>",
            )
        else:
            data = io.BytesIO()
            fig.savefig(data, format=path.suffix.lower()[1:], bbox_inches="tight", dpi=120)
            write_atomically(path, data.getvalue())
    finally:
        plt.close(fig)
