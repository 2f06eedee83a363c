"""Pictures of the graph for people: an entity's neighbourhood (networkx + matplotlib, or an
HTML page around the SVG) and its events on a time axis (matplotlib).

Both start from the entity's real events: an event reported by several articles has one event
node in each, joined by owl:sameAs; it is drawn once, as the smallest IRI of its sameAs class
(found by following owl:sameAs both ways, so the asserted one-way links are enough)."""

from __future__ import annotations

import datetime as dt
import html
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.entity_names import unknown_name_message
from kg.files import write_atomically
from kg.names import NAMES_GRAPH, is_inferred, name_key

PREFIX = """PREFIX news: <https://w3id.org/newskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
FIND = PREFIX + "SELECT ?e ?name WHERE { GRAPH <%s> { ?e news:nameKey ?key ; skos:prefLabel ?name } }" % NAMES_GRAPH
LINKED = (
    PREFIX
    + """SELECT DISTINCT ?ev WHERE {
  { ?ev news:participant|news:onPlatform|news:claimedBy ?entity }
  UNION { ?ev ?acts ?entity . ?acts rdfs:subPropertyOf+ news:object }
  UNION { ?article news:reports ?ev ; news:publisher ?entity } }"""
)
TWINS = (
    PREFIX
    + """SELECT ?member (MIN(STR(?twin)) AS ?rep) WHERE { VALUES ?ev { %s }
  ?ev (owl:sameAs|^owl:sameAs)* ?member .
  ?member (owl:sameAs|^owl:sameAs)* ?twin } GROUP BY ?member"""
)
DETAILS = (
    PREFIX
    + """SELECT ?member ?type ?date WHERE { VALUES ?member { %s }
  OPTIONAL { ?member a ?cls . ?cls rdfs:subClassOf news:Event . FILTER(?cls != news:Event)
             BIND(STRAFTER(STR(?cls), "#") AS ?type) }
  OPTIONAL { ?member news:date ?date } }"""
)
ROLES = (
    PREFIX
    + """SELECT DISTINCT ?member ?role ?node WHERE { VALUES ?member { %s }
  { ?member news:participant ?node . BIND("participant" AS ?role) }
  UNION { ?member news:claimedBy ?node . BIND("claimed by" AS ?role) }
  UNION { ?member news:onPlatform ?node . BIND("on platform" AS ?role) }
  UNION { ?article news:reports ?member ; news:publisher ?node . BIND("reported by" AS ?role) }
  UNION { ?member ?acts ?node . ?acts rdfs:subPropertyOf+ news:object ; rdfs:label ?name .
          FILTER(LANG(?name) = "en") BIND(STR(?name) AS ?role) } }"""
)
NODES = (
    PREFIX
    + """SELECT ?node ?name ?kind WHERE { VALUES ?node { %s }
  OPTIONAL { GRAPH <%s> { ?node skos:prefLabel ?name } }
  OPTIONAL { ?node a ?k . VALUES ?k { news:Person news:Platform news:Source news:Organization news:Place }
             BIND(STRAFTER(STR(?k), "#") AS ?kind) } }"""
)
RELATION_NAMES = """news:owns news:ownedBy news:ceoOf news:leaderOf news:founderOf news:spokespersonOf news:memberOf
                news:affiliatedWith news:interactedWith news:locatedIn"""
RELATIONS = (
    PREFIX
    + """SELECT DISTINCT ?s ?rel ?o ?g WHERE {
  GRAPH ?g { { ?entity ?rel ?o . BIND(?entity AS ?s) } UNION { ?s ?rel ?entity . BIND(?entity AS ?o) } }
  VALUES ?rel { %s } }"""
    % RELATION_NAMES
)
RELATION_LABELS = (
    PREFIX
    + 'SELECT ?rel ?name WHERE { VALUES ?rel { %s } ?rel rdfs:label ?name FILTER(LANG(?name) = "en") }' % RELATION_NAMES
)
OWNS, OWNED_BY = (URIRef("https://w3id.org/newskg/ontology#" + p) for p in ("owns", "ownedBy"))

KIND_ORDER = ["Source", "Platform", "Person", "Place", "Organization"]  # most specific first
KIND_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Platform": "#59a14f",
    "Place": "#b07aa1",
    "Source": "#9c755f",
    "Event": "#b8860b",
}
ROLE_ORDER = ["participant", "claimed by", "on platform", "reported by"]
ACTS_ON = "acts on (named on the line)"
RELATION = "relation (named on the line)"
INFERRED = "inferred relation (named on the line)"
EDGE_STYLES = {  # legend entry: (colour, line style); the named ones carry their name on the line
    "participant": ("#8c8c8c", "-"),
    "claimed by": ("#8c8c8c", "-."),
    "on platform": ("#59a14f", "-"),
    "reported by": ("#9c755f", ":"),
    ACTS_ON: ("#6a3d9a", "-"),
    RELATION: ("#333333", "-"),
    INFERRED: ("#d62728", "--"),
}
NAMED = {ACTS_ON, RELATION, INFERRED}
MAX_EVENTS = 40
MAX_RELATIONS = 30
FONT = 9  # points, for node and edge labels
ROW = 0.36  # inches between the centres of two boxes in a column
PAD = 0.3  # box padding, in font sizes
TIMELINE_WIDTH = 11.0  # inches of time axis
TIMELINE_ROW = 0.6  # inches of a timeline row with no stacked labels
LEVEL = 0.34  # inches between stacked timeline labels


class PictureError(ValueError):
    pass


@dataclass(frozen=True)
class Event:
    """One real event: `iri` is the smallest IRI among `members`, its event nodes in the articles
    that report it; `date` the most precise of their dates (None: undated)."""

    iri: str
    type: str
    date: str | None
    members: tuple[str, ...]

    @property
    def label(self) -> str:
        reports = f" ({len(self.members)} articles)" if len(self.members) > 1 else ""
        return f"{self.date or 'undated'}  {self.type}{reports}"


def find_entity(g, name: str) -> tuple[URIRef, str]:
    """The entity `name` (its preferred name or any alias, in any case) stands for, and its
    preferred name. A key shared by several entities goes to the one it is the preferred name of,
    then to the smallest IRI."""
    rows = list(g.store.query(FIND, {"key": Literal(name_key(name))}))
    if not rows:
        raise PictureError(unknown_name_message(lambda text: g.store.query(text, {}), name))
    best = min(rows, key=lambda r: (name_key(str(r.name)) != name_key(name), str(r.e), str(r.name)))
    return best.e, str(best.name)


def entity_events(g, entity: URIRef) -> list[Event]:
    """The real events the entity takes part in, is claimed by, is the platform or object of, or
    (an outlet) reports: dated ones by date, then undated ones."""
    linked = [r.ev for r in g.store.query(LINKED, {"entity": entity})]
    if not linked:
        return []
    twins = {str(r.member): str(r.rep) for r in g.store.query(TWINS % _iris(linked))}
    types, dates = defaultdict(set), defaultdict(set)
    for r in g.store.query(DETAILS % _iris(twins)):
        types[twins[str(r.member)]].add(str(r.type) if r.type is not None else "Event")
        if r.date is not None:
            dates[twins[str(r.member)]].add(str(r.date))
    members = defaultdict(list)
    for member, rep in sorted(twins.items()):
        members[rep].append(member)
    events = [
        Event(rep, min(types[rep]), min(dates[rep], key=lambda d: (-len(d), d), default=None), tuple(ms))
        for rep, ms in members.items()
    ]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.iri))


def _iris(nodes) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes))


def event_roles(g, events: list[Event]) -> dict[tuple[str, str], set[str]]:
    """(event IRI, entity IRI) -> the entity's roles in the event, gathered over the event's
    members: participant, claimed by, on platform, reported by (an outlet), or what it acts on."""
    rep = {m: e.iri for e in events for m in e.members}
    roles = defaultdict(set)
    if rep:
        for r in g.store.query(ROLES % _iris(rep)):
            roles[rep[str(r.member)], str(r.node)].add(str(r.role))
    return roles


def neighbourhood_graph(g, name: str):
    """A networkx DiGraph of the entity (node attribute `focus`), its real events (kind "Event",
    `date`, `members`) with the entities in them, and its relations. Nodes are IRIs and carry
    `label` and `kind`; edges carry `label`, `style` (a key of EDGE_STYLES) and `inferred`.
    Graph attributes: `focus`, `events` (all of them; at most MAX_EVENTS are drawn) and
    `relations` (likewise, at most MAX_RELATIONS)."""
    import networkx as nx

    entity, _ = find_entity(g, name)
    events = entity_events(g, entity)
    graph = nx.DiGraph(focus=str(entity), events=len(events))
    graph.add_node(str(entity), focus=True)
    for ev in events[:MAX_EVENTS]:
        graph.add_node(ev.iri, kind="Event", label=ev.label, date=ev.date, members=ev.members)
    for (ev, node), roles in sorted(event_roles(g, events[:MAX_EVENTS]).items()):
        graph.add_edge(ev, node, **_role_edge(roles))
    _add_relations(graph, g, entity)
    _name_nodes(graph, g)
    return graph


def _role_edge(roles: set[str]) -> dict:
    """One edge for all the entity's roles in an event; what it acts on is named on the line."""
    ordered = sorted(roles, key=lambda r: (ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER), r))
    named = any(r not in ROLE_ORDER for r in roles)
    return {"label": " / ".join(ordered), "style": ACTS_ON if named else ordered[0], "inferred": False}


def _add_relations(graph, g, entity: URIRef) -> None:
    """One edge per pair of entities, named after the relations between them (ownedBy is owns
    the other way). Relations only reasoning gives are drawn as inferred, and left out where an
    asserted relation joins the pair (they are mostly its generalisations: affiliated with for
    CEO of). A relation holding both ways (interacted with) gets no arrowheads."""
    names = {r.rel: str(r.name) for r in g.store.query(RELATION_LABELS)}
    asserted: dict[tuple[str, str, str], bool] = {}
    for r in g.store.query(RELATIONS, {"entity": entity}):
        s, rel, o = (str(r.o), names[OWNS], str(r.s)) if r.rel == OWNED_BY else (str(r.s), names[r.rel], str(r.o))
        if s != o:
            asserted[s, rel, o] = asserted.get((s, rel, o), False) or not is_inferred(r.g)
    pairs = defaultdict(list)
    for fact in sorted(asserted, key=lambda f: (not asserted[f], f[0] != str(entity), f)):
        pairs[frozenset((fact[0], fact[2]))].append(fact)
    graph.graph["relations"] = len(pairs)
    for facts in sorted(pairs.values(), key=lambda fs: (not asserted[fs[0]], fs[0]))[:MAX_RELATIONS]:
        s, _, o = facts[0]
        kind = asserted[facts[0]]  # asserted if any fact about the pair is
        shown = [f for f in facts if asserted[f] == kind]
        label = " / ".join(dict.fromkeys(rel for _, rel, _ in shown))
        mutual = any(f[0] != s for f in shown)
        graph.add_edge(s, o, label=label, style=RELATION if kind else INFERRED, inferred=not kind, mutual=mutual)


def _name_nodes(graph, g) -> None:
    """Give every entity node its preferred name and its most specific kind."""
    entities = [n for n in graph if graph.nodes[n].get("kind") != "Event"]
    names, kinds = defaultdict(set), defaultdict(set)
    for r in g.store.query(NODES % (_iris(entities), NAMES_GRAPH)):
        if r.name is not None:
            names[str(r.node)].add(str(r.name))
        if r.kind is not None:
            kinds[str(r.node)].add(str(r.kind))
    for n in entities:
        graph.nodes[n]["label"] = min(names[n], default=n.rsplit("/", 1)[-1])
        graph.nodes[n]["kind"] = min(kinds[n], key=KIND_ORDER.index, default="Organization")


def layered_layout(graph) -> tuple[dict, dict]:
    """Positions and box sizes (inches) of the nodes in columns: the entities related to the focus
    but in none of its events, the focus, its events from earliest to latest, and the entities in
    them, each at the height of its events as far as the spacing allows. Without events, the
    related entities are split between both sides of the focus."""
    focus = graph.graph["focus"]
    sizes = {n: _box(graph.nodes[n]["label"], bold=n == focus) for n in graph}
    events = [n for n in graph if graph.nodes[n]["kind"] == "Event"]
    y = dict(zip(events, _column(len(events)), strict=True))
    outer, partners = [], []
    for n in graph:
        if n != focus and n not in y:
            (outer if any(m in y for m in graph.predecessors(n)) else partners).append(n)
    wanted = {n: _mean(y[m] for m in graph.predecessors(n) if m in y) for n in outer}
    outer.sort(key=lambda n: (-wanted[n], KIND_ORDER.index(graph.nodes[n]["kind"]), graph.nodes[n]["label"]))
    y.update(zip(outer, _spread([wanted[n] for n in outer]), strict=True))
    partners.sort(key=lambda n: (*_relation_key(graph, focus, n), graph.nodes[n]["label"]))
    left, right = (partners, []) if events else (partners[: len(partners) // 2], partners[len(partners) // 2 :])
    for column in (left, right):
        y.update(zip(column, _column(len(column)), strict=True))
    y[focus] = 0.0
    x, end = {}, 0.0
    for i, column in enumerate(c for c in (left, [focus], events, outer, right) if c):
        width = max(sizes[n][0] for n in column)
        start = end + (_gap(graph, column, x) if i else 0.0)
        x.update((n, start + width / 2) for n in column)
        end = start + width
    return {n: (x[n], y[n]) for n in graph}, sizes


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def _relation_key(graph, focus: str, n: str) -> tuple[str, str, bool]:
    """Name, style and direction of the relation between the focus and n: what bundles it."""
    forward = graph.has_edge(focus, n)
    data = graph.edges[focus, n] if forward else graph.edges[n, focus]
    return data["label"], data["style"], forward


def _column(n: int) -> list[float]:
    """Heights of n boxes one row apart, top first, around 0."""
    return [(n - 1) / 2 * ROW - i * ROW for i in range(n)]


def _spread(wanted: list[float]) -> list[float]:
    """Heights as close to `wanted` (top first) as boxes at least a row apart allow."""
    placed: list[float] = []
    for w in wanted:
        placed.append(w if not placed else min(w, placed[-1] - ROW))
    shift = (sum(wanted) - sum(placed)) / len(placed) if placed else 0.0
    return [p + shift for p in placed]


def _gap(graph, column: list[str], x: dict) -> float:
    """Room before a column: wide enough for the names on the lines that end in it."""
    inside = set(column)
    widths = [
        _box(d["label"], size=FONT - 1)[0]
        for u, v, d in graph.edges(data=True)
        if d["style"] in NAMED and ({u, v} & inside) and ({u, v} - inside) <= set(x)
    ]
    return max([1.1, *(w + 0.5 for w in widths)])


def _box(text: str, bold: bool = False, size: float = FONT) -> tuple[float, float]:
    """Width and height (inches) of a text in a padded box."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    width = TextPath((0, 0), text, size=size, prop=FontProperties(weight="bold" if bold else "normal")).get_extents()
    return width.width / 72 + 2 * PAD * size / 72, 1.25 * size / 72 + 2 * PAD * size / 72


def draw_neighbourhood(graph, title: str):
    """The neighbourhood as a matplotlib figure: a box per node coloured by kind (events square),
    a line per edge styled as EDGE_STYLES says, and a legend of exactly the kinds and styles drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pos, sizes = layered_layout(graph)
    xs = [pos[n][0] + s * sizes[n][0] / 2 for n in graph for s in (-1, 1)]
    ys = [pos[n][1] + s * sizes[n][1] / 2 for n in graph for s in (-1, 1)]
    width, height = max(max(xs) - min(xs), 3.6) + 0.4, max(ys) - min(ys) + 0.4
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(min(xs) - 0.2, min(xs) - 0.2 + width)
    ax.set_ylim(min(ys) - 0.2, max(ys) + 0.2)
    ax.axis("off")
    taken = [_rect(pos[n], sizes[n]) for n in graph]
    for n in graph:
        _draw_node(ax, graph, n, pos[n])
    routes = _routes(graph, pos, sizes)
    for edges in _bundles(graph, pos):
        _draw_edges(ax, graph, edges, (pos, sizes, routes), taken)
    ax.legend(handles=_legend(graph), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT, frameon=False)
    ax.set_title(title, fontsize=11, loc="left")
    return fig


def _draw_node(ax, graph, n: str, xy: tuple[float, float]) -> None:
    data = graph.nodes[n]
    colour = KIND_COLOURS[data["kind"]]
    style = "square" if data["kind"] == "Event" else "round"
    ax.text(
        *xy,
        data["label"],
        ha="center",
        va="center",
        fontsize=FONT,
        fontweight="bold" if data.get("focus") else "normal",
        bbox={
            "boxstyle": f"{style},pad={PAD}",
            "fc": _light(colour),
            "ec": colour,
            "lw": 2 if data.get("focus") else 1,
        },
        zorder=3,
        gid=f"node:{data['kind']}",
    )


def _bundles(graph, pos: dict) -> list[list[tuple[str, str]]]:
    """The edges in drawing groups: the relations of the focus with entities that have no other
    edge go together when they are on the same side and have the same name, style and direction;
    every other edge is alone."""
    focus = graph.graph["focus"]
    groups = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        other = u if v == focus else v
        if focus in (u, v) and d["style"] in (RELATION, INFERRED) and graph.degree(other) == 1:
            key = (pos[other][0] < pos[focus][0], d["label"], d["style"], u == focus, d["mutual"])
        else:
            key = (u, v)
        groups[key].append((u, v))
    return list(groups.values())


def _routes(graph, pos: dict, sizes: dict) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Waypoints for the relations of the focus with entities beyond its events: they cross the
    events column between two event boxes, each in its own gap, the free one nearest the entity."""
    focus = graph.graph["focus"]
    events = [n for n in graph if graph.nodes[n]["kind"] == "Event"]
    if not events:
        return {}
    left = min(pos[n][0] - sizes[n][0] / 2 for n in events) - 0.1
    right = max(pos[n][0] + sizes[n][0] / 2 for n in events) + 0.1
    ys = sorted(pos[n][1] for n in events)
    gaps = [ys[0] - ROW / 2, *((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)), ys[-1] + ROW / 2]
    routes = {}
    for u, v, d in graph.edges(data=True):
        other = u if v == focus else v
        if focus in (u, v) and d["style"] in (RELATION, INFERRED) and pos[other][0] > right and gaps:
            gap = min(gaps, key=lambda y: abs(y - pos[other][1]))
            gaps.remove(gap)
            routes[u, v] = [(left, gap), (right, gap)]
    return routes


def _draw_edges(ax, graph, edges: list[tuple[str, str]], layout: tuple, taken: list) -> None:
    """One edge as a line from box to box (along its route, if it has one); several (a bundle) as
    one line from the focus that forks to their boxes. Relations get arrowheads, and named lines
    their name by the end away from the focus, where it covers no box or other name."""
    from matplotlib.patches import FancyArrowPatch

    pos, sizes, routes = layout
    data = graph.edges[edges[0]]
    if len(edges) == 1:
        u, v = edges[0]
        near, far = (v, u) if graph.nodes[v].get("focus") else (u, v)
        via = routes.get((u, v), [])
        path = [_border(pos[near], sizes[near], (via or [pos[far]])[0]), *via]
        path.append(_border(pos[far], sizes[far], path[-1] if via else pos[near]))
        segments = list(zip(path, path[1:], strict=False))
        heads = [segments[-1] if far == v else segments[0][::-1]]
    else:
        segments, heads = _fork(graph, edges, pos, sizes)
    colour, line = EDGE_STYLES[data["style"]]
    for a, b in segments:
        ax.plot([a[0], b[0]], [a[1], b[1]], color=colour, ls=line, lw=1, zorder=1, gid=f"edge:{data['style']}")
    if data["style"] in (RELATION, INFERRED) and not data["mutual"]:
        for a, b in heads:
            ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color=colour, lw=0, zorder=1))
    if data["style"] in NAMED:
        size = _box(data["label"], size=FONT - 1)
        far_end, before = segments[-1][::-1] if len(edges) == 1 else segments[0][::-1]
        spot = _label_spot(far_end, before, size, taken)
        taken.append(_rect(spot, size))
        bbox = {"boxstyle": f"round,pad={PAD}", "fc": "white", "ec": "none"}
        ax.text(*spot, data["label"], ha="center", va="center", fontsize=FONT - 1, color=colour, zorder=4, bbox=bbox)


def _fork(graph, edges: list[tuple[str, str]], pos: dict, sizes: dict) -> tuple[list, list]:
    """A bundle's line segments (focus to fork first, then along the fork and from it to each
    box) and the segments that end in an arrowhead."""
    focus = graph.graph["focus"]
    forward = edges[0][0] == focus
    ends = [v if forward else u for u, v in edges]
    side = 1 if pos[ends[0]][0] > pos[focus][0] else -1
    x = pos[ends[0]][0] - side * (max(sizes[n][0] for n in ends) / 2 + 0.25)
    ys = [pos[n][1] for n in ends]
    fork = (x, (min(ys) + max(ys)) / 2)
    near = _border(pos[focus], sizes[focus], fork)
    stubs = [((x, pos[n][1]), _border(pos[n], sizes[n], (x, pos[n][1]))) for n in ends]
    return [(near, fork), ((x, min(ys)), (x, max(ys))), *stubs], stubs if forward else [(fork, near)]


def _label_spot(far, near, size, taken: list) -> tuple[float, float]:
    """The point on the line nearest its far end where a name of `size` covers no box or name
    (the middle of the line if there is none): names stay by the node they belong to."""
    length = ((near[0] - far[0]) ** 2 + (near[1] - far[1]) ** 2) ** 0.5
    steps = int((length - size[0]) / 0.05) if length > size[0] else 0
    for d in (size[0] / 2 + 0.15 + 0.05 * i for i in range(steps + 1)):  # clear of an arrowhead
        spot = (far[0] + d / length * (near[0] - far[0]), far[1] + d / length * (near[1] - far[1]))
        if not any(_overlap(_rect(spot, size), r) for r in taken):
            return spot
    return (far[0] + near[0]) / 2, (far[1] + near[1]) / 2


def _border(centre, size, towards) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    t = min(size[0] / 2 / abs(dx) if dx else float("inf"), size[1] / 2 / abs(dy) if dy else float("inf"))
    return centre[0] + t * dx, centre[1] + t * dy


def _rect(centre, size) -> tuple[float, float, float, float]:
    return centre[0] - size[0] / 2, centre[1] - size[1] / 2, centre[0] + size[0] / 2, centre[1] + size[1] / 2


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _light(colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return tuple(0.75 + 0.25 * c for c in to_rgb(colour))


def _legend(graph) -> list:
    """Legend entries for the node kinds and the line styles the graph has, in a fixed order."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    styles = {d["style"] for _, _, d in graph.edges(data=True)}
    return [Patch(fc=_light(c), ec=c, label=k) for k, c in KIND_COLOURS.items() if k in kinds] + [
        Line2D([], [], color=c, ls=ls, label=s) for s, (c, ls) in EDGE_STYLES.items() if s in styles
    ]


def neighbourhood(g, name: str, path: Path) -> Path:
    """Write the entity's neighbourhood to .svg, .png or .html (an HTML page around the SVG)."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png", ".html"):
        raise PictureError(f"{path}: use .svg, .png or .html")
    graph = neighbourhood_graph(g, name)
    label = graph.nodes[graph.graph["focus"]]["label"]
    _save(draw_neighbourhood(graph, _title(graph, label)), path, title=f"newskg: {label}")
    return path


def _title(graph, label: str) -> str:
    """What the picture shows, with how many events and relations it leaves out, if any."""
    events = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Event")
    relations = sum(1 for _, _, d in graph.edges(data=True) if d["style"] in (RELATION, INFERRED))
    parts = [
        f"{shown} of {total} {what}s drawn" if shown < total else f"{total or 'no'} {what}{'' if total == 1 else 's'}"
        for shown, total, what in (
            (events, graph.graph["events"], "event"),
            (relations, graph.graph["relations"], "relation"),
        )
    ]
    return f"{label}: " + ", ".join(parts) + (", with the entities in the events" if events else "")


def timeline_figure(g, name: str):
    """The entity's dated events on a time axis, a row per event type, each labelled with its
    date and reporting outlets, its mark's area growing with its number of reports; labels that
    would overlap are stacked. Undated events are counted in a note under the axis."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    entity, label = find_entity(g, name)
    events = entity_events(g, entity)
    dated = [e for e in events if e.date]
    if not dated:
        raise PictureError(f"{label!r} has no dated events to draw ({len(events)} undated)")
    points = _points(g, dated)
    reports = defaultdict(int)
    for e in dated:
        reports[e.type, _day(e.date)] += len(e.members)
    types = sorted({t for t, _ in points}, reverse=True)  # drawn bottom up: A at the top
    start, end = _span(points)
    days_per_inch = (end - start).days / TIMELINE_WIDTH
    rows = {t: _levels([(day, text) for (typ, day), text in points.items() if typ == t], days_per_inch) for t in types}
    heights = [TIMELINE_ROW + LEVEL * max(rows[t].values()) for t in types]
    fig, ax = _timeline_axes(sum(heights) + 0.2)
    base = [sum(heights[:i]) + 0.15 for i in range(len(types))]
    cmap = plt.get_cmap("tab10")
    for i, typ in enumerate(types):
        for day, level in sorted(rows[typ].items(), key=lambda item: (-item[1], item[0])):  # lowest on top
            n = reports[typ, day]
            ax.scatter([day], [base[i]], s=min(60 * n, 600), color=cmap(i % 10), alpha=0.85, zorder=3)
            ax.annotate(
                points[typ, day],
                (day, base[i]),
                xytext=(0, 8 + level * LEVEL * 72),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
                arrowprops={"arrowstyle": "-", "color": "#bbb", "lw": 0.6} if level else None,
            )
    ax.set_yticks(base, types)
    ax.set_xlim(start, end)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(
        f"{label}: events over time (a mark's size: its number of reports; year-only and month-only dates at their start)",
        loc="left",
    )
    undated = [e for e in events if not e.date]
    if undated:
        fig.text(0.01, 0.01, _undated_note(undated), fontsize=8, color="#555")
    return fig


def _timeline_axes(height: float):
    """A figure whose axes are TIMELINE_WIDTH by `height` inches, with room for names, dates,
    title and note around them; the y axis counts inches."""
    import matplotlib.pyplot as plt

    width, total = TIMELINE_WIDTH + 2.0, height + 1.2
    fig = plt.figure(figsize=(width, total))
    ax = fig.add_axes((1.6 / width, 0.7 / total, TIMELINE_WIDTH / width, height / total))
    ax.set_ylim(0, height)
    return fig, ax


def _points(g, dated: list[Event]) -> dict[tuple[str, dt.date], str]:
    """(type, day) -> the label of the events of that type on that day: date, count, outlets."""
    roles = event_roles(g, dated)
    names = {}
    for r in g.store.query(NODES % (_iris({n for _, n in roles}), NAMES_GRAPH)):
        if r.name is not None:
            names[str(r.node)] = min(names.get(str(r.node), str(r.name)), str(r.name))
    groups = defaultdict(list)
    for e in dated:
        groups[e.type, _day(e.date)].append(e)
    points = {}
    for key, group in groups.items():
        outlets = sorted(
            {names.get(n, n) for e in group for (ev, n), rs in roles.items() if ev == e.iri and "reported by" in rs}
        )
        count = f" ({len(group)} events)" if len(group) > 1 else ""
        told = sum(len(e.members) for e in group)
        count += f", {told} reports" if told > 1 else ""
        dates = " / ".join(sorted({e.date for e in group}))
        points[key] = f"{dates}{count}" + (f"\n{', '.join(outlets)}" if outlets else "")
    return points


def _span(points: dict) -> tuple[dt.date, dt.date]:
    days = [d for _, d in points]
    margin = dt.timedelta(days=max(30, (max(days) - min(days)).days // 12))
    return min(days) - margin, max(days) + margin


def _levels(labels: list[tuple[dt.date, str]], days_per_inch: float) -> dict[dt.date, int]:
    """Day -> the lowest stacking level at which its label overlaps no label to its left."""
    ends: list[float] = []  # per level: where its rightmost label ends, in days
    levels = {}
    for day, text in sorted(labels):
        half = max(_box(line, size=7)[0] for line in text.split("\n")) / 2 * days_per_inch
        x = day.toordinal()
        level = next((i for i, e in enumerate(ends) if e + 0.15 * days_per_inch < x - half), len(ends))
        ends[level : level + 1] = [x + half]  # a new level, or the one it now ends
        levels[day] = level
    return levels


def _undated_note(undated: list[Event]) -> str:
    counts = defaultdict(int)
    for e in undated:
        counts[e.type] += 1
    kinds = ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in sorted(counts.items()))
    return f"{len(undated)} undated event{'s' if len(undated) > 1 else ''} not shown: {kinds}"


def timeline(g, name: str, path: Path) -> Path:
    """Write the entity's dated events on a time axis (.png or .svg); see timeline_figure."""
    if path.suffix.lower() not in (".svg", ".png"):
        raise PictureError(f"{path}: use .png or .svg")
    _save(timeline_figure(g, name), path)
    return path


def _day(value: str) -> dt.date:
    parts = value[:10].split("-")
    return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def _save(fig, path: Path, title: str = "") -> None:
    import matplotlib.pyplot as plt

    try:
        with plt.rc_context({"svg.hashsalt": "newskg"}):
            if path.suffix.lower() == ".html":
                buf = io.StringIO()
                fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
                write_atomically(
                    path,
                    f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                    f"<body>{buf.getvalue()}</body></html>",
                )
            else:
                data = io.BytesIO()
                metadata = {"Date": None} if path.suffix.lower() == ".svg" else None
                fig.savefig(data, format=path.suffix.lower()[1:], bbox_inches="tight", dpi=120, metadata=metadata)
                write_atomically(path, data.getvalue())
    finally:
        plt.close(fig)
