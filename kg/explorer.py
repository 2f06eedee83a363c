"""The explorer that `kg serve` shows people: saved queries as forms, results with short labels,
a page for every entity and event (its facts, its events, its neighbourhood drawn as a graph).

Everything is read through SPARQL on the served snapshot (`run(sparql, accept)` is the backend's
query). An IRI from a request goes into a query only after `iri_ref` has checked it is one; text
goes in as an escaped literal (`literal`). Every piece of text put in a page is HTML-escaped.

The JSON the pages' script reads:
    /names?q=PREFIX          entities whose name or alias starts with PREFIX (or has a word that does)
    /neighbourhood?iri=IRI   the node's neighbours as {"nodes": [...], "edges": [...]}
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Literal

from kg.names import GRAPH, ID, KINDS, NEWS, name_key

ID_NS, NEWS_NS, GRAPH_NS = str(ID), str(NEWS), str(GRAPH)
JSON_RESULTS = "application/sparql-results+json"

PREFIXES = {
    "news": NEWS_NS,
    "id": ID_NS,
    "graph": GRAPH_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "dcterms": "http://purl.org/dc/terms/",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "wd": "http://www.wikidata.org/entity/",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p != "id")
INFERRED = GRAPH_NS + "inferred"
NAMING = {PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel", NEWS_NS + "nameKey"}
RDFS_LABEL = PREFIXES["rdfs"] + "label"

IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|\\^`]*$')
ERROR_AT = re.compile(r"error at (\d+):(\d+)")

# what an event has, as (predicate, the name the page uses)
EVENT_LINKS = [
    ("participant", "participant"),
    ("onPlatform", "platform"),
    ("object", "object"),
    ("claimedBy", "claimed by"),
    ("accordingTo", "according to"),
]
# relations between entities drawn in a neighbourhood (asserted ones: no inferred inverse or super-property)
RELATIONS = ["owns", "ceoOf", "founderOf", "leaderOf", "spokespersonOf", "memberOf", "locatedIn"]
ARTICLE_LINKS = ["publisher", "author", "editor", "citesSource"]

EVENTS_SHOWN = 200  # events listed on a page
GRAPH_EVENTS = 25  # events drawn around a node
FACTS_SHOWN = 500  # facts each way on a page
VALUES_SHOWN = 12  # values of one property before "and N more"
NAMES_SHOWN = 15


class Invalid(ValueError):
    """A request parameter that cannot be used (not an IRI, empty)."""


def valid_iri(text: str) -> bool:
    return len(text) <= 4096 and IRI.match(text) is not None


def iri_ref(text: str) -> str:
    """`<text>` for a query, once `text` is known to be an absolute IRI with nothing that could
    end the reference early."""
    if not valid_iri(text):
        raise Invalid(f"{text[:80]!r} is not an IRI")
    return f"<{text}>"


def literal(text: str) -> str:
    """A SPARQL string literal holding `text`, quotes, backslashes and line breaks escaped."""
    return Literal(text).n3()


def curie(iri: str) -> str:
    """A short form of an IRI: `news:participant`, `id:person-elon-musk`, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def is_vocabulary(iri: str) -> bool:
    """A term of the ontology or of a vocabulary it uses (a class, a property)."""
    return any(iri.startswith(ns) for p, ns in PREFIXES.items() if p not in ("id", "graph", "wd"))


def kind_of(iri: str) -> str:
    """What an IRI names, from the way newskg mints IRIs (`kg.names`)."""
    if not iri.startswith(ID_NS):
        return "Term"
    local = iri[len(ID_NS) :]
    if "#char=" in local:
        return "Evidence"
    if re.search(r"-event-\d+$", local):
        return "Event"
    if re.search(r"-fact-[0-9a-f]+$", local):
        return "Fact"
    if local.startswith("article-"):
        return "Article"
    for kind in KINDS:
        if local.startswith(kind.lower() + "-"):
            return kind
    return "Entity"


def entity_url(iri: str) -> str:
    return "/entity?iri=" + urllib.parse.quote(iri, safe="")


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _date_key(date: str) -> tuple:
    return (date == "", date)


@dataclass
class Event:
    """One real event: the events that owl:sameAs joins, under the smallest IRI of them."""

    iri: str
    twins: list[str]
    types: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # page name -> IRIs
    quotes: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # how the page's node takes part

    @property
    def type(self) -> str:
        return ", ".join(sorted(t.rsplit("#", 1)[-1] for t in self.types)) or "Event"

    @property
    def date(self) -> str:
        return min(self.dates) if self.dates else ""


class Explorer:
    """Queries behind the pages. `run(sparql, accept) -> (content type, body)`; `url()` names the
    snapshot being served (caches are kept per snapshot)."""

    def __init__(self, run: Callable[[str, str], tuple[str, bytes]], snapshot: Callable[[], str] = lambda: ""):
        self.run, self.snapshot = run, snapshot
        self._cache: dict[tuple[str, str], object] = {}

    # ---- SPARQL -----------------------------------------------------------------------------

    def select(self, body: str) -> list[dict[str, dict]]:
        _, raw = self.run(SPARQL_PREFIXES + body, JSON_RESULTS)
        return json.loads(raw)["results"]["bindings"]

    def _cached(self, name: str, make):
        key = (self.snapshot(), name)
        if key not in self._cache:
            if len(self._cache) > 32:
                self._cache.clear()
            self._cache[key] = make()
        return self._cache[key]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """Short labels of newskg IRIs: an entity's prefLabel, an article's title, an event's
        rdfs:label, an evidence span's sentence. IRIs without one are left out."""
        wanted = sorted({i for i in iris if i.startswith(ID_NS) and valid_iri(i)})
        best: dict[str, tuple[int, str]] = {}
        for chunk in _chunks(wanted, 300):
            rows = self.select(
                "SELECT DISTINCT ?s ?rank ?v WHERE {\n  VALUES ?s { "
                + " ".join(f"<{i}>" for i in chunk)
                + " }\n  { GRAPH graph:names { ?s skos:prefLabel ?v } BIND(1 AS ?rank) }\n"
                "  UNION { ?s news:title ?v BIND(2 AS ?rank) }\n"
                "  UNION { ?s rdfs:label ?v BIND(3 AS ?rank) FILTER NOT EXISTS { GRAPH graph:names { ?s skos:prefLabel ?n } } }\n"
                "  UNION { ?s nif:anchorOf ?v BIND(4 AS ?rank) }\n"
                "  UNION { ?s rdf:predicate ?v BIND(5 AS ?rank) }\n"
                "  UNION { ?s news:sourceFile ?v BIND(6 AS ?rank) }\n}"
            )
            for r in rows:
                s, rank, v = r["s"]["value"], int(r["rank"]["value"]), r["v"]["value"]
                if s not in best or (rank, len(v), v) < (best[s][0], len(best[s][1]), best[s][1]):
                    best[s] = (rank, v)
        names = self.predicate_labels() if any(rank == 5 for rank, _ in best.values()) else {}
        for s, (rank, v) in best.items():
            if rank == 5:  # a reified statement: what it says
                best[s] = (rank, "fact: " + names.get(v, v.rsplit("#", 1)[-1]))
        return {s: (v if len(v) <= 90 else v[:87] + "…") for s, (_, v) in best.items()}

    def predicate_labels(self) -> dict[str, str]:
        """The ontology's English labels of its properties and classes ('CEO of', 'Interview')."""

        def make():
            rows = self.select(
                'SELECT DISTINCT ?p ?l WHERE { GRAPH graph:ontology { ?p rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "en")) } }'
            )
            return {r["p"]["value"]: r["l"]["value"] for r in rows}

        return self._cached("predicates", make)

    def event_types(self) -> list[str]:
        def make():
            rows = self.select(
                "SELECT DISTINCT ?c WHERE { GRAPH graph:ontology { ?c rdfs:subClassOf news:Event } FILTER(?c != news:Event) }"
            )
            return sorted(r["c"]["value"].rsplit("#", 1)[-1] for r in rows)

        return self._cached("event types", make)

    def names(self, text: str, limit: int = NAMES_SHOWN) -> list[dict]:
        """Entities with a name or alias that starts with `text`, or has a word that does: the
        closest first (the whole name, then a name that starts so, then shorter names)."""
        key = name_key(text)[:100]
        if not key:
            return []
        rows = self.select(
            "SELECT DISTINCT ?e ?k ?label WHERE { GRAPH graph:names {\n"
            f"  ?e news:nameKey ?k . FILTER(STRSTARTS(?k, {literal(key)}) || CONTAINS(?k, {literal(' ' + key)}))\n"
            "  ?e skos:prefLabel ?label } } LIMIT 300"
        )
        found: dict[str, dict] = {}
        for r in rows:
            iri, k, label = r["e"]["value"], r["k"]["value"], r["label"]["value"]
            rank = (k != key, not k.startswith(key), not name_key(label).startswith(key), len(label), label)
            if iri not in found or rank < found[iri]["rank"]:
                found[iri] = {"rank": rank, "label": label, "iri": iri, "kind": kind_of(iri), "matched": k}
        out = sorted(found.values(), key=lambda f: f["rank"])[:limit]
        for f in out:
            del f["rank"]
            if name_key(f["label"]) == f["matched"]:
                del f["matched"]
        return out

    def by_name(self, name: str) -> list[str]:
        """The entities one of whose names is `name` (any case)."""
        rows = self.select(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH graph:names {{ ?e news:nameKey {literal(name_key(name))} }} }} LIMIT 50"
        )
        return sorted(r["e"]["value"] for r in rows)

    def entities_named(self, labels: Iterable[str]) -> dict[str, str]:
        """Of these texts, those that are an entity's preferred name: text -> that entity (the
        smallest IRI when several share it)."""
        wanted = sorted({t for t in labels if 0 < len(t) <= 200})
        out: dict[str, str] = {}
        for chunk in _chunks(wanted, 300):
            rows = self.select(
                "SELECT DISTINCT ?l ?e WHERE { VALUES ?l { "
                + " ".join(literal(t) for t in chunk)
                + " } GRAPH graph:names { ?e skos:prefLabel ?l } }"
            )
            for r in rows:
                t, e = r["l"]["value"], r["e"]["value"]
                out[t] = min(out.get(t, e), e)
        return out

    # ---- events -----------------------------------------------------------------------------

    def twins(self, events: Iterable[str]) -> dict[str, set[str]]:
        """Each event with the events owl:sameAs joins it to, either way, itself included."""
        events = sorted(set(events))
        out: dict[str, set[str]] = {e: {e} for e in events}
        for chunk in _chunks(events, 200):
            rows = self.select(
                "SELECT DISTINCT ?e ?t WHERE { VALUES ?e { "
                + " ".join(f"<{e}>" for e in chunk)
                + " } ?e (owl:sameAs|^owl:sameAs)* ?t }"
            )
            for r in rows:
                if r["t"]["type"] == "uri":
                    out[r["e"]["value"]].add(r["t"]["value"])
        return out

    def events_of(self, iri: str, limit: int = EVENTS_SHOWN) -> tuple[list[Event], bool]:
        """The real events a node takes part in (participant, platform, object, claimed by,
        according to), that an outlet's or article's articles report, or the event itself; and
        whether there were more than `limit`."""
        ref = iri_ref(iri)
        if kind_of(iri) == "Event":
            roles = {iri: {"itself"}}
        else:
            link_values = " ".join(f'(news:{p} "{name}")' for p, name in EVENT_LINKS)
            rows = self.select(
                "SELECT DISTINCT ?e ?role WHERE {\n"
                f"  {{ VALUES (?p ?role) {{ {link_values} }} ?e ?p {ref} }}\n"
                f'  UNION {{ {ref} news:reports ?e BIND("reported" AS ?role) }}\n'
                f'  UNION {{ ?a news:publisher {ref} ; news:reports ?e BIND("reported by" AS ?role) }}\n'
                f"  FILTER EXISTS {{ ?e a news:Event }}\n}} LIMIT {4 * limit + 1}"
            )
            roles = defaultdict(set)
            for r in rows:
                roles[r["e"]["value"]].add(r["role"]["value"])
        joined = self.twins(roles)
        events: dict[str, Event] = {}
        for e, twins in joined.items():
            canon = min(twins)
            ev = events.setdefault(canon, Event(canon, []))
            ev.twins = sorted(set(ev.twins) | twins)
            ev.roles |= roles[e]
        more = len(events) > limit or (kind_of(iri) != "Event" and len(rows) > 4 * limit)
        chosen = sorted(events.values(), key=lambda ev: ev.iri)[:limit]
        self._details(chosen)
        return sorted(chosen, key=lambda ev: (_date_key(ev.date), ev.type, ev.iri)), more

    def _details(self, events: list[Event]) -> None:
        """Fill in type, date, label, links, quotes, reporting articles and their outlets, from
        every twin."""
        owner = {t: ev for ev in events for t in ev.twins}
        links = " ".join(f'(news:{p} "{name}")' for p, name in EVENT_LINKS)
        for chunk in _chunks(sorted(owner), 200):
            rows = self.select(
                "SELECT DISTINCT ?e ?what ?v WHERE {\n  VALUES ?e { " + " ".join(f"<{e}>" for e in chunk) + " }\n"
                '  { ?e a ?v . ?v rdfs:subClassOf news:Event FILTER(?v != news:Event) BIND("type" AS ?what) }\n'
                '  UNION { ?e news:date ?v BIND("date" AS ?what) }\n'
                '  UNION { ?e rdfs:label ?v BIND("label" AS ?what) }\n'
                '  UNION { ?e news:quote ?v BIND("quote" AS ?what) }\n'
                f"  UNION {{ VALUES (?p ?what) {{ {links} }} ?e ?p ?v }}\n"
                '  UNION { ?v news:reports ?e BIND("article" AS ?what) }\n'
                '  UNION { ?a news:reports ?e . ?a news:publisher ?v BIND("outlet" AS ?what) }\n}'
            )
            for r in rows:
                ev, what, v = owner[r["e"]["value"]], r["what"]["value"], r["v"]["value"]
                if what == "type":
                    ev.types.add(v)
                elif what == "date":
                    ev.dates.add(v)
                elif what == "label":
                    ev.labels.add(v)
                elif what == "quote":
                    ev.quotes.add(v)
                elif what == "article":
                    ev.articles.add(v)
                elif what == "outlet":
                    ev.outlets.add(v)
                elif r["v"]["type"] == "uri":
                    ev.links[what].add(v)

    def reports(self, twins: list[str]) -> list[dict]:
        """The articles reporting any of these events, side by side: outlet, date published,
        language, whom each quotes, the sources each cites, and the sentences the event was read
        from in each."""
        rows = self.select(
            "SELECT DISTINCT ?a ?what ?v ?at WHERE {\n  VALUES ?e { "
            + " ".join(f"<{t}>" for t in twins)
            + " }\n  ?a news:reports ?e .\n"
            '  { ?a news:publisher ?v BIND("outlet" AS ?what) }\n'
            '  UNION { ?a news:datePublished ?v BIND("published" AS ?what) }\n'
            '  UNION { ?a schema:inLanguage ?v BIND("language" AS ?what) }\n'
            '  UNION { ?a news:reports ?said . ?said a news:Statement ; news:participant ?v BIND("quoted" AS ?what) }\n'
            '  UNION { ?a news:citesSource ?v BIND("sources" AS ?what) }\n'
            '  UNION { ?e news:evidence ?span . ?span news:inArticle ?a ; nif:anchorOf ?v ; nif:beginIndex ?at BIND("sentence" AS ?what) }\n'
            "} LIMIT 2000"
        )
        articles: dict[str, dict] = {}
        for r in rows:
            a = articles.setdefault(
                r["a"]["value"],
                {
                    "iri": r["a"]["value"],
                    "outlet": "",
                    "published": "",
                    "language": "",
                    "quoted": set(),
                    "sources": set(),
                    "sentences": {},
                },
            )
            what, v = r["what"]["value"], r["v"]["value"]
            if what == "sentence":
                a["sentences"][int(r["at"]["value"])] = v
            elif what in ("quoted", "sources"):
                a[what].add(v)
            else:
                a[what] = v
        for a in articles.values():
            a["sentences"] = [s for _, s in sorted(a["sentences"].items())]
            a["quoted"], a["sources"] = sorted(a["quoted"]), sorted(a["sources"])
        return sorted(articles.values(), key=lambda a: (_date_key(a["published"]), a["iri"]))

    # ---- facts --------------------------------------------------------------------------------

    def facts(self, iri: str) -> tuple[list[tuple[str, dict, bool]], list[tuple[str, dict, bool]], bool]:
        """(predicate, value, inferred only) out of the node and into it, in the union of the
        graphs; and whether either list was cut at FACTS_SHOWN."""
        ref = iri_ref(iri)
        inferred = f'IF(STRSTARTS(STR(?g), "{INFERRED}"), 1, 0)'
        out = self.select(
            f"SELECT ?p ?v (MIN({inferred}) AS ?inf) WHERE {{ GRAPH ?g {{ {ref} ?p ?v }} }}"
            f" GROUP BY ?p ?v ORDER BY ?p ?v LIMIT {FACTS_SHOWN + 1}"
        )
        # what points to a term of the ontology (every typed node, every statement) is too much: the
        # ontology's own statements only
        only = "VALUES ?g { graph:ontology } " if is_vocabulary(iri) else ""
        into = self.select(
            f"SELECT ?p ?v (MIN({inferred}) AS ?inf) WHERE {{ {only}GRAPH ?g {{ ?v ?p {ref} }} }}"
            f" GROUP BY ?p ?v ORDER BY ?p ?v LIMIT {FACTS_SHOWN + 1}"
        )
        more = len(out) > FACTS_SHOWN or len(into) > FACTS_SHOWN

        def rows(found):
            return [(r["p"]["value"], r["v"], r["inf"]["value"] == "1") for r in found[:FACTS_SHOWN]]

        return rows(out), rows(into), more

    # ---- the neighbourhood ----------------------------------------------------------------------

    def neighbourhood(self, iri: str) -> dict:
        """The node, its events and what they link to (participants, platform, outlets...), the
        entities it is related to; for other nodes, what they link to and what links to them."""
        ref = iri_ref(iri)
        kind = kind_of(iri)
        nodes: dict[str, dict] = {}
        edges: dict[str, dict] = {}
        event_kinds: dict[str, str] = {}
        event_label: dict[str, str] = {}

        def edge(source: str, target: str, label: str) -> None:
            if source != target:
                edges.setdefault(f"{source} {label} {target}", {"source": source, "target": target, "label": label})

        def link_rows(sparql: str) -> None:
            """An edge for each ?s ?p ?o row, named by the predicate's label."""
            labels = self.predicate_labels()
            for r in self.select(sparql):
                p = r["p"]["value"]
                edge(r["s"]["value"], r["o"]["value"], labels.get(p, curie(p)))

        center = iri
        events: list[Event] = []
        more = False
        if kind != "Term":
            events, more = self.events_of(iri, GRAPH_EVENTS)
            if kind == "Event" and events:
                center = events[0].iri
        for ev in events:
            nodes[ev.iri] = {}
            event_kinds[ev.iri] = ev.type
            event_label[ev.iri] = ev.type + (f"\n{ev.date}" if ev.date else "")
            for name, targets in ev.links.items():
                for t in targets:
                    edge(ev.iri, t, name)
            for o in ev.outlets:
                edge(ev.iri, o, "reported by")
            if kind == "Article":
                edge(iri, ev.iri, "reports")
        if kind not in ("Event", "Term", "Evidence", "Fact"):
            rels = " ".join(f"news:{p}" for p in RELATIONS + (ARTICLE_LINKS if kind == "Article" else []))
            link_rows(
                f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {rels} }}\n"
                f"  {{ {ref} ?p ?o BIND({ref} AS ?s) }} UNION {{ ?s ?p {ref} BIND({ref} AS ?o) }}\n"
                "  FILTER(isIRI(?s) && isIRI(?o)) } LIMIT 60"
            )
        if kind in ("Term", "Evidence", "Fact") or (not events and not edges):
            link_rows(
                "SELECT DISTINCT ?s ?p ?o WHERE {\n"
                f"  {{ {ref} ?p ?o BIND({ref} AS ?s) }} UNION {{ ?s ?p {ref} BIND({ref} AS ?o) }}\n"
                f'  FILTER(isIRI(?s) && isIRI(?o) && STRSTARTS(STR(IF(?s = {ref}, ?o, ?s)), "{ID_NS}"))\n'
                "} LIMIT 40"
            )
        # events reached through a plain link are drawn as their real event (the smallest twin)
        loose = {x for e in edges.values() for x in (e["source"], e["target"])}
        loose = {x for x in loose if kind_of(x) == "Event" and x not in event_kinds}
        if loose:
            canon = {e: min(t) for e, t in self.twins(loose).items()}
            for key, e in list(edges.items()):
                del edges[key]
                edge(canon.get(e["source"], e["source"]), canon.get(e["target"], e["target"]), e["label"])
            canon_events = [Event(c, []) for c in sorted(set(canon.values()) - set(event_kinds))]
            joined = self.twins([ev.iri for ev in canon_events])
            for ev in canon_events:
                ev.twins = sorted(joined[ev.iri])
            self._details(canon_events)
            for ev in canon_events:
                event_kinds[ev.iri] = ev.type
                event_label[ev.iri] = ev.type + (f"\n{ev.date}" if ev.date else "")
        ids = {center} | {x for e in edges.values() for x in (e["source"], e["target"])} | set(event_kinds)
        labels = self.labels(ids)
        for n in sorted(ids):
            k = kind_of(n)
            nodes[n] = {
                "id": n,
                "label": _short(event_label.get(n) or labels.get(n) or curie(n), 40),
                "kind": k,
                "type": event_kinds.get(n, k),
                "url": entity_url(n),
            }
        nodes[center]["center"] = True
        return {
            "center": center,
            "nodes": [nodes[n] for n in sorted(nodes)],
            "edges": [dict(e, id=key) for key, e in sorted(edges.items())],
            "more": more,
        }

    # ---- pages ----------------------------------------------------------------------------------

    def entity_page(self, iri: str) -> str | None:
        """The page of a node; None when the store says nothing about it."""
        ref_kind = kind_of(iri)
        out, into, more = self.facts(iri)
        if not out and not into:
            return None
        events, more_events = self.events_of(iri) if ref_kind != "Term" else ([], False)
        event = events[0] if ref_kind == "Event" and events else None
        shown = {iri} | {p for p, _, _ in out + into} | {v["value"] for _, v, _ in out + into if v["type"] == "uri"}
        for ev in events:
            shown |= {ev.iri, *ev.outlets, *ev.articles} | {x for t in ev.links.values() for x in t}
        reports = self.reports(event.twins) if event else []
        shown |= {a["iri"] for a in reports} | {a["outlet"] for a in reports if a["outlet"]}
        shown |= {x for a in reports for x in a["quoted"] + a["sources"]}
        labels = self.labels(shown)
        names = self.predicate_labels()
        title = labels.get(iri) or curie(iri)
        aliases = sorted({v["value"] for p, v, _ in out if p == PREFIXES["skos"] + "altLabel"})
        same = sorted(
            {
                v["value"]
                for p, v, _ in out
                if p in (PREFIXES["skos"] + "exactMatch", PREFIXES["owl"] + "sameAs") and v["type"] == "uri"
            }
        )
        kind = event.type if event else ref_kind
        parts = [
            f'<div class="entity-head"><h1>{esc(title)} <span class="kind k-{esc(ref_kind.lower())}">{esc(kind)}</span></h1>',
            f'<p class="iri"><code>{esc(iri)}</code></p>',
        ]
        if aliases:
            parts.append(f'<p class="aliases">Also called: {esc(", ".join(aliases))}</p>')
        external = [s for s in same if s.startswith(("http://", "https://")) and not s.startswith(ID_NS)]
        if external:
            parts.append(
                '<p class="same">Same as: '
                + ", ".join(f'<a href="{esc(s)}" rel="noopener noreferrer">{esc(curie(s))}</a>' for s in external)
                + "</p>"
            )
        parts.append("</div>")
        parts.append(
            f'<section class="graph-box"><div class="graph-bar"><strong>Neighbourhood</strong>'
            '<span class="hint">drag to pan, scroll to zoom, click a node to expand it, double-click to open its page</span>'
            '<span class="tools"><button type="button" id="fit">Fit</button><button type="button" id="relayout">Re-arrange</button></span></div>'
            f'<div id="cy" data-iri="{esc(iri)}"></div><div id="picked" class="picked">Click a node.</div>'
            f"{LEGEND}</section>"
        )

        def link(x: str) -> str:
            return _link(x, labels)

        if event:
            parts.append(self._event_html(event, reports, link))
        elif events or ref_kind in KINDS:
            parts.append(_events_html(events, more_events, link, iri))
        parts.append(_facts_html(out, into, more, link, names))
        return page(title, "".join(parts), graph=True)

    def _event_html(self, ev: Event, reports: list[dict], link) -> str:
        rows = [("Type", esc(ev.type)), ("Date", esc(", ".join(sorted(ev.dates)) or "unknown"))]
        for _, name in EVENT_LINKS:
            if ev.links.get(name):
                rows.append((name.capitalize(), ", ".join(link(x) for x in sorted(ev.links[name]))))
        if ev.quotes:
            rows.append(("Quote", "<br>".join(f"“{esc(q)}”" for q in sorted(ev.quotes))))
        if len(ev.twins) > 1:
            rows.append(
                ("Same event in", ", ".join(f'<a href="{esc(entity_url(t))}">{esc(curie(t))}</a>' for t in ev.twins))
            )
        summary = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        arts = []
        for a in reports:
            sentences = "".join(f"<li>{esc(s)}</li>" for s in a["sentences"][:3])
            if len(a["sentences"]) > 3:
                rest = "".join(f"<li>{esc(s)}</li>" for s in a["sentences"][3:])
                sentences += f'<li class="more"><details><summary>{len(a["sentences"]) - 3} more</summary><ul>{rest}</ul></details></li>'
            arts.append(
                f"<tr><td>{link(a['iri'])}</td><td>{link(a['outlet']) if a['outlet'] else ''}</td>"
                f"<td class=nowrap>{esc(a['published'])}</td><td>{esc(a['language'])}</td>"
                f"<td>{', '.join(link(x) for x in a['quoted'])}</td><td>{', '.join(link(x) for x in a['sources'])}</td>"
                f"<td><ul class=sentences>{sentences}</ul></td></tr>"
            )
        return (
            f'<section class="card"><h2>The event</h2><table class="kv" id="event">{summary}</table></section>'
            f'<section class="card"><h2>Reported in ({len(reports)}), side by side</h2><table class="grid" id="reports">'
            "<tr><th>Article</th><th>Outlet</th><th>Published</th><th>Language</th><th>Quotes</th>"
            "<th>Cites</th><th>Sentences</th></tr>" + "".join(arts) + "</table></section>"
        )

    # ---- results --------------------------------------------------------------------------------

    def results_html(self, ctype: str, body: bytes, title: str, page_rows: int, download: str = "") -> str:
        """The results of a query as a table: IRIs as links to their pages under a short label,
        names of entities (in variables called ...name) as links too."""
        if ctype == "application/n-triples":
            from rdflib import Graph, URIRef

            g = Graph().parse(data=body.decode("utf-8"), format="nt")
            names = ["subject", "predicate", "object"]

            def cell(t):
                if isinstance(t, URIRef):
                    return {"type": "uri", "value": str(t)}
                if isinstance(t, Literal):
                    return {"type": "literal", "value": str(t)}
                return {"type": "bnode", "value": str(t)}

            rows = [[cell(s), cell(p), cell(o)] for s, p, o in sorted(g)]
        else:
            data = json.loads(body)
            if "boolean" in data:
                names, rows = ["answer"], [[{"type": "literal", "value": str(data["boolean"]).lower()}]]
            else:
                names = data["head"]["vars"]
                rows = [[b.get(n) for n in names] for b in data["results"]["bindings"]]
        shown = rows[:page_rows]
        iris = {c["value"] for r in shown for c in r if c and c["type"] == "uri"}
        labels = self.labels(iris)
        named = [i for i, n in enumerate(names) if n.lower().endswith("name")]
        texts = {r[i]["value"] for r in shown for i in named if r[i] and r[i]["type"] == "literal"}
        entities = self.entities_named(texts) if texts else {}

        def show(i: int, c: dict | None) -> str:
            if c is None:
                return ""
            if c["type"] == "uri":
                return _link(c["value"], labels)
            if c["type"] == "bnode":
                return esc("_:" + c["value"])
            if i in named and c["value"] in entities:
                e = entities[c["value"]]
                return f'<a class="ent k-{esc(kind_of(e).lower())}" href="{esc(entity_url(e))}" title="{esc(e)}">{esc(c["value"])}</a>'
            return esc(c["value"])

        head = "".join(f"<th>{esc(n)}</th>" for n in names)
        cells = "".join("<tr>" + "".join(f"<td>{show(i, c)}</td>" for i, c in enumerate(r)) + "</tr>" for r in shown)
        more = f" (the first {len(shown)} shown)" if len(shown) < len(rows) else ""
        return (
            f'<section class="results"><h2>{esc(title or "Results")}</h2>'
            f'<p id="count">{len(rows)} row{"s" if len(rows) != 1 else ""}{more}{download}</p>'
            f'<div class="table-wrap"><table id="results" class="grid"><tr>{head}</tr>{cells}</table></div></section>'
        )


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _link(iri: str, labels: dict[str, str]) -> str:
    label = labels.get(iri) or curie(iri)
    k = kind_of(iri)
    return f'<a class="ent k-{esc(k.lower())}" href="{esc(entity_url(iri))}" title="{esc(iri)}">{esc(label)}</a>'


def _events_html(events: list[Event], more: bool, link, iri: str) -> str:
    if not events:
        return '<section class="card"><h2>Events</h2><p class="muted">No events.</p></section>'
    rows = []
    for ev in events:
        others = sorted(x for x in ev.links.get("participant", ()) if x != iri)
        rows.append(
            "<tr>"
            f"<td class=nowrap>{esc(ev.date)}</td><td>{link(ev.iri)}</td>"
            f"<td>{esc(', '.join(sorted(ev.roles - {'itself'})))}</td>"
            f"<td>{', '.join(link(x) for x in others)}</td>"
            f"<td>{', '.join(link(x) for x in sorted(ev.links.get('platform', ())))}</td>"
            f"<td>{', '.join(link(x) for x in sorted(ev.outlets))}</td>"
            "</tr>"
        )
    note = f" (the first {len(events)})" if more else ""
    return (
        f'<section class="card"><h2>Events ({len(events)}{note})</h2><div class="table-wrap"><table class="grid" id="events">'
        "<tr><th>Date</th><th>Event</th><th>Role</th><th>With</th><th>Platform</th><th>Reported by</th></tr>"
        + "".join(rows)
        + "</table></div></section>"
    )


def _facts_html(out, into, more: bool, link, names: dict[str, str]) -> str:
    def value(v: dict) -> str:
        if v["type"] == "uri":
            return link(v["value"])
        if v["type"] == "bnode":
            return esc("_:" + v["value"])
        return f'<span class="lit">{esc(v["value"])}</span>'

    def table(facts, ident: str, inferred: bool) -> tuple[str, int]:
        by: dict[str, list[dict]] = defaultdict(list)
        for p, v, inf in facts:
            if inf == inferred and p not in NAMING:
                by[p].append(v)
        rows = []
        for p in sorted(by, key=lambda p: (names.get(p, curie(p)).lower(), p)):
            values = by[p]
            cut = values[:VALUES_SHOWN]
            extra = f' <span class="muted">and {len(values) - len(cut)} more</span>' if len(values) > len(cut) else ""
            rows.append(
                f'<tr><th title="{esc(p)}">{esc(names.get(p, curie(p)))}</th><td>{", ".join(value(v) for v in cut)}{extra}</td></tr>'
            )
        return (f'<table class="kv" id="{ident}">' + "".join(rows) + "</table>" if rows else ""), len(rows)

    asserted_out, n1 = table(out, "facts", False)
    asserted_in, n2 = table(into, "facts-in", False)
    inferred_out, n3 = table(out, "inferred", True)
    inferred_in, n4 = table(into, "inferred-in", True)
    note = f'<p class="muted">The first {FACTS_SHOWN} facts each way are shown.</p>' if more else ""
    parts = ['<section class="card facts"><h2>Facts</h2>', note]
    parts.append(asserted_out or '<p class="muted">No facts about it (other than its names).</p>')
    if asserted_in:
        parts.append(f"<h3>Pointing to it</h3>{asserted_in}")
    if n3 or n4:
        parts.append(
            f"<details><summary>Inferred by reasoning ({n3 + n4} properties)</summary>{inferred_out}"
            + (f"<h3>Pointing to it</h3>{inferred_in}" if inferred_in else "")
            + "</details>"
        )
    parts.append("</section>")
    return "".join(parts)


KIND_COLOURS = {
    "Person": "#3b6fb6",
    "Organization": "#e08a1e",
    "Platform": "#3e9b4f",
    "Place": "#9a6bb0",
    "Source": "#d1494e",
    "Event": "#c9a227",
    "Article": "#8c6a4f",
}
LEGEND = (
    '<div class="legend">'
    + "".join(f'<span><i class="k-{k.lower()}"></i>{"Outlet" if k == "Source" else k}</span>' for k in KIND_COLOURS)
    + "</div>"
)


def error_html(message: str, query: str = "") -> str:
    """A query's error, where the user looks: the message, and for a syntax error the line it is
    on with a mark under the column."""
    m = ERROR_AT.search(message)
    where = ""
    attrs = ""
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        attrs = f' data-line="{line}" data-col="{col}"'
        lines = query.split("\n")
        if 1 <= line <= len(lines):
            text = lines[line - 1]
            where = (
                f'<p>Line {line}, column {col}:</p><pre class="at">{esc(text)}\n{" " * max(col - 1, 0)}<b>^</b></pre>'
            )
    message = message.removeprefix("query failed: ")
    return f'<div class="err" id="error" role="alert"{attrs}><strong>The query failed:</strong> {esc(message)}{where}</div>'


def page(title: str, body: str, graph: bool = False) -> str:
    scripts = '<script src="/static/vendor/cytoscape.min.js"></script>' if graph else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(title)} · newskg</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/explorer.css"></head><body>'
        '<header class="top"><a class="brand" href="/">newskg <span>explorer</span></a>'
        '<nav><a href="/#saved">Saved queries</a><a href="/#sparql">SPARQL</a><a href="/queries">API</a></nav>'
        '<form class="find" action="/entity" method="get" role="search">'
        '<input name="name" class="names" list="names-find" placeholder="Find a person, platform, outlet…" autocomplete="off" aria-label="Find an entity">'
        '<datalist id="names-find"></datalist><button type="submit">Open</button></form></header>'
        f"<main>{body}</main>{scripts}"
        '<script src="/static/explorer.js"></script></body></html>'
    )


def takes_a_name(param) -> bool:
    """Whether a saved query's parameter is an entity's name (autocompleted from the names graph);
    the others name an event class."""
    return param.name != "type" and "class" not in param.description


def query_form(q, values: dict | None = None, current: bool = False) -> str:
    """A saved query as a form: its title, question, one field per parameter (filled with `values`
    or the default), Run."""
    values = values or {}
    fields = []
    for p in q.params:
        value = values.get(p.name, "" if p.default is None else str(p.default))
        if takes_a_name(p):
            listed = f"names-{q.name}-{p.name}"
            field_html = (
                f'<input name="{esc(p.name)}" value="{esc(value)}" class="names" list="{esc(listed)}" autocomplete="off">'
                f'<datalist id="{esc(listed)}"></datalist>'
            )
        else:
            field_html = f'<input name="{esc(p.name)}" value="{esc(value)}" list="event-types" autocomplete="off">'
        fields.append(
            f'<label class="param"><span class="pname">{esc(p.name)}</span>{field_html}'
            f"<small>{esc(p.description)}</small></label>"
        )
    return (
        f'<form class="card query{" current" if current else ""}" id="q-{esc(q.name)}" action="/ui" method="get">'
        f'<input type="hidden" name="name" value="{esc(q.name)}">'
        f'<h3>{esc(q.title or q.name)}</h3><p class="question">{esc(q.question)}</p>'
        + "".join(fields)
        + f'<div class="actions"><button type="submit">Run</button><code class="qname">{esc(q.name)}</code></div></form>'
    )


def editor_html(query: str, error: str = "", open_: bool = True) -> str:
    """The free SPARQL editor: Run shows the results here; the download buttons post the same
    query to /query with a `format`."""
    downloads = "".join(
        f'<button type="submit" class="secondary" name="format" value="{f}" formaction="/query">{f.upper()}</button>'
        for f in ("csv", "tsv", "json", "xml")
    )
    body = (
        '<form id="sparql-form" class="editor" action="/ui" method="post">'
        f'<textarea name="query" id="editor" spellcheck="false" rows="12" placeholder="SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10">{esc(query)}</textarea>'
        f"{error}"
        '<div class="actions"><button type="submit">Run</button><span class="muted">Ctrl+Enter runs it.</span>'
        f'<span class="downloads">Download: {downloads}</span></div></form>'
    )
    note = (
        '<p class="muted">Read-only SPARQL 1.1 over the whole store; the default graph is the union of all graphs. '
        "Also at <code>/query</code> (SPARQL Protocol).</p>"
    )
    if open_:
        return f'<section class="card" id="sparql"><h2>SPARQL</h2>{note}{body}</section>'
    return f'<details class="card" id="sparql"><summary>SPARQL of this query (edit and run)</summary>{note}{body}</details>'


def datalist_of_types(types: list[str]) -> str:
    return '<datalist id="event-types">' + "".join(f'<option value="{esc(t)}">' for t in types) + "</datalist>"
