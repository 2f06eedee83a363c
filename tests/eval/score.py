# Copied unchanged from the project's shared evaluation (../shared/eval/score.py, beside the
# checkout where it is developed), so that CI scores the development set on a fresh machine.
#!/usr/bin/env python3
"""Score a built news knowledge graph against gold annotations.

    python score.py KG_FILE GOLD_JSON [--min F] [--json OUT] [-v]

KG_FILE is any RDF file rdflib reads (TriG, N-Quads, Turtle, N-Triples,
JSON-LD); all of its graphs are read as one. GOLD_JSON is a list of
articles in the format of seeds-gold.json. What the scorer reads from the
graph is the contract in README.md beside this file.

Prints precision / recall / F1 per field and, last, one line:
    overall=0.xx persons=.. platforms=.. organizations=.. sources=.. events=.. article=..
With --min F it exits 1 when overall < F.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS
from rdflib.util import guess_format

NEWS = Namespace("https://w3id.org/newskg/ontology#")
SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = Namespace("http://schema.org/")
LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, SCHEMA_HTTP.name, FOAF.name)
ENTITY_KINDS = {"persons": NEWS.Person, "platforms": NEWS.Platform,
                "organizations": NEWS.Organization, "places": NEWS.Place}
EVENT_TYPES = {"Interview", "Outage", "CyberAttack", "Acquisition", "Layoff", "Invitation",
               "Communication", "Endorsement", "AssassinationAttempt", "Election", "Launch",
               "Ban", "Arrest", "Statement"}
TWINS = {"platforms": "organizations", "organizations": "platforms"}
HEADLINE = ("persons", "platforms", "organizations", "sources", "events", "article")


def norm(name: str) -> str:
    """Compare names without case, accents, spacing, punctuation or a web domain suffix."""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower().strip()
    s = re.sub(r"\.(com|co\.id|id|net|org|co\.uk)$", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def load(path: str) -> Graph:
    fmt = guess_format(path) or "turtle"
    ds = Dataset(default_union=True)
    ds.parse(path, format=fmt)
    return ds


class KG:
    def __init__(self, g: Graph):
        self.g = g
        self.same = self._same_as_groups()
        self.supers = self._superclasses()

    def _same_as_groups(self):
        parent = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in self.g.subject_objects(OWL.sameAs):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
        groups = defaultdict(set)
        for x in list(parent):
            groups[find(x)].add(x)
        for root, members in list(groups.items()):
            members.add(root)
        return {m: root for root, ms in groups.items() for m in ms}

    def canon(self, node):
        return self.same.get(node, node)

    def _superclasses(self):
        direct = defaultdict(set)
        for c, d in self.g.subject_objects(RDFS.subClassOf):
            direct[c].add(d)
        closed = {}

        def up(c, seen):
            for d in direct.get(c, ()):
                if d not in seen:
                    seen.add(d)
                    up(d, seen)
            return seen

        for c in list(direct):
            closed[c] = up(c, {c})
        return closed

    def types(self, node):
        out = set()
        for n in self.aliases(node):
            for t in self.g.objects(n, RDF.type):
                out |= self.supers.get(t, {t})
        return out

    def aliases(self, node):
        root = self.canon(node)
        return {n for n, r in self.same.items() if r == root} | {node}

    def names(self, node) -> set[str]:
        if isinstance(node, Literal):
            return {norm(node)}
        out = set()
        for n in self.aliases(node):
            for p in LABELS:
                out |= {norm(o) for o in self.g.objects(n, p)}
        return {x for x in out if x}

    def objects(self, s, p):
        return list(self.g.objects(s, p))


def prf(tp_pred, n_pred, tp_gold, n_gold):
    p = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Tally:
    def __init__(self):
        self.tp_pred = self.n_pred = self.tp_gold = self.n_gold = 0
        self.misses, self.extras = [], []

    def add_sets(self, kg: KG, predicted_nodes, gold_names, where):
        gold = {norm(x): x for x in gold_names}
        matched = set()
        for node in predicted_nodes:
            hit = kg.names(node) & set(gold)
            self.n_pred += 1
            if hit:
                self.tp_pred += 1
                matched |= hit
            else:
                label = sorted(kg.names(node)) or [str(node)]
                self.extras.append(f"{where}: {label[0]}")
        self.n_gold += len(gold)
        self.tp_gold += len(matched)
        self.misses += [f"{where}: {gold[k]}" for k in gold if k not in matched]

    def add_twins(self, kg: KG, own, twins, gold_names, twin_gold_names, where):
        """Like add_sets, but a node typed as the twin kind may satisfy recall, and an own-typed
        node named in the twin kind's gold is not an error."""
        gold = {norm(x): x for x in gold_names}
        either = set(gold) | {norm(x) for x in twin_gold_names}
        matched = set()
        for node in own:
            names = kg.names(node)
            self.n_pred += 1
            if names & either:
                self.tp_pred += 1
                matched |= names & set(gold)
            else:
                self.extras.append(f"{where}: {(sorted(names) or [str(node)])[0]}")
        for node in twins:
            matched |= kg.names(node) & set(gold)
        self.n_gold += len(gold)
        self.tp_gold += len(matched)
        self.misses += [f"{where}: {gold[k]}" for k in gold if k not in matched]

    def score(self):
        return prf(self.tp_pred, self.n_pred, self.tp_gold, self.n_gold)


def date_matches(pred: str, gold: str) -> bool:
    pred = str(pred)
    if len(gold) == 10:
        try:
            d = dt.date.fromisoformat(pred[:10])
        except ValueError:
            return False
        return abs((d - dt.date.fromisoformat(gold)).days) <= 1
    return pred[: len(gold)] == gold


def event_type_names(kg: KG, ev):
    return {str(t)[len(str(NEWS)):] for t in kg.types(ev) if str(t).startswith(str(NEWS))}


def score(kg: KG, gold: list[dict], verbose: bool):
    articles = defaultdict(set)
    for a, f in kg.g.subject_objects(NEWS.sourceFile):
        articles[os.path.basename(str(f))].add(a)
    t = {k: Tally() for k in ("persons", "platforms", "organizations", "places", "sources",
                              "authors", "editors", "events")}
    article_fields = [0, 0]  # correct, total
    event_dates, event_platforms = [0, 0], [0, 0]
    seen_in = defaultdict(lambda: defaultdict(set))  # kind -> gold name -> predicted canon nodes
    missing_articles = []
    reports = []  # (article, gold story or None, matched canon event or None): one per gold event

    for doc in gold:
        nodes = articles.get(doc["file"])
        if not nodes:
            missing_articles.append(doc["file"])
            for k in ("persons", "platforms", "organizations", "places"):
                t[k].n_gold += len(doc.get(k, []))
            t["sources"].n_gold += len(doc.get("cited_sources", []))
            t["events"].n_gold += sum(1 for e in doc["events"] if e["type"] != "Other")
            article_fields[1] += bool(doc.get("outlet")) + bool(doc.get("published"))
            continue
        where = doc["file"]
        mentions = {kg.canon(o) for a in nodes for o in kg.objects(a, NEWS.mentions)}
        for kind, cls in ENTITY_KINDS.items():
            typed = [m for m in mentions if cls in kg.types(m)]
            if kind in TWINS:  # a platform is also its company: accept either reading
                other = TWINS[kind]
                twins = [m for m in mentions if ENTITY_KINDS[other] in kg.types(m) and m not in typed]
                t[kind].add_twins(kg, typed, twins, doc.get(kind, []), doc.get(other, []), where)
            else:
                t[kind].add_sets(kg, typed, doc.get(kind, []), where)
            for m in typed:
                for n in kg.names(m):
                    seen_in[kind][n].add(m)
        cited = {kg.canon(o) for a in nodes for o in kg.objects(a, NEWS.citesSource)}
        t["sources"].add_sets(kg, cited, doc.get("cited_sources", []), where)
        for field, prop in (("authors", NEWS.author), ("editors", NEWS.editor)):
            got = {kg.canon(o) for a in nodes for o in kg.objects(a, prop)}
            t[field].add_sets(kg, got, doc.get(field, []), where)
        if doc.get("outlet"):
            outs = {n for a in nodes for o in kg.objects(a, NEWS.publisher) for n in kg.names(o)}
            article_fields[0] += norm(doc["outlet"]) in outs
            article_fields[1] += 1
            if verbose and norm(doc["outlet"]) not in outs:
                print(f"  outlet miss {where}: want {doc['outlet']}, got {sorted(outs)}")
        if doc.get("published"):
            dates = [str(o) for a in nodes for o in kg.objects(a, NEWS.datePublished)]
            ok = any(date_matches(d, doc["published"]) for d in dates)
            article_fields[0] += ok
            article_fields[1] += 1
            if verbose and not ok:
                print(f"  published miss {where}: want {doc['published']}, got {dates}")

        events = {kg.canon(e) for a in nodes for e in kg.objects(a, NEWS.reports)}
        events |= {kg.canon(e) for a in nodes for e in kg.g.subjects(NEWS.reportedIn, a)}
        # Only events of a class the gold annotates can be right or wrong; other classes are not scored.
        free = sorted((e for e in events if event_type_names(kg, e) & EVENT_TYPES), key=str)
        tally = t["events"]
        tally.n_pred += len(free)
        for ge in doc["events"]:
            if ge["type"] == "Other":
                continue
            tally.n_gold += 1
            want = {norm(p) for p in ge["participants"]}
            hit, best = None, None
            for ev in free:  # the candidate sharing most participants, then the right date, wins
                if ge["type"] not in event_type_names(kg, ev):
                    continue
                people = {n for p in kg.objects(ev, NEWS.participant) for n in kg.names(p)}
                if want and not want & people:
                    continue
                dated = bool(ge.get("date")) and any(date_matches(d, ge["date"]) for d in kg.objects(ev, NEWS.date))
                rank = (len(want & people), dated)
                if best is None or rank > best:
                    hit, best = ev, rank
            reports.append((where, ge.get("story"), hit))
            if hit is None:
                tally.misses.append(f"{where}: {ge['type']} {ge['participants']}")
                continue
            free.remove(hit)
            tally.tp_gold += 1
            tally.tp_pred += 1
            if ge.get("date"):
                event_dates[1] += 1
                event_dates[0] += any(date_matches(d, ge["date"]) for d in kg.objects(hit, NEWS.date))
            if ge.get("platform"):
                event_platforms[1] += 1
                event_platforms[0] += norm(ge["platform"]) in {
                    n for p in kg.objects(hit, NEWS.onPlatform) for n in kg.names(p)}
        for ev in free:
            tally.extras.append(f"{where}: {sorted(event_type_names(kg, ev))}")

    merged = total = 0
    for kind, by_name in seen_in.items():
        for name, found in by_name.items():
            files = sum(1 for d in gold if name in {norm(x) for x in d.get(kind, [])})
            if files >= 2:
                total += 1
                merged += len(found) == 1
    return t, article_fields, event_dates, event_platforms, (merged, total), missing_articles, reports


def same_event_pairs(reports):
    """Reports of one real event in different articles (gold `story`) against events the graph made
    one node (or owl:sameAs): precision, recall and the number of gold pairs."""
    gold = pred = both = 0
    for i, (fa, sa, ha) in enumerate(reports):
        for fb, sb, hb in reports[i + 1:]:
            if fa == fb:
                continue
            is_gold = sa is not None and sa == sb
            is_pred = ha is not None and ha == hb
            gold += is_gold
            pred += is_pred
            both += is_gold and is_pred
    return (both / pred if pred else 0.0), (both / gold if gold else 0.0), gold


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kg")
    ap.add_argument("gold")
    ap.add_argument("--min", type=float, default=None)
    ap.add_argument("--json", default=None, help="write the figures as JSON here")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = ap.parse_args(argv)
    kg = KG(load(args.kg))
    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    t, art, ev_dates, ev_plat, (merged, total), missing, reports = score(kg, gold, args.verbose)

    figures = {}
    print(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}   gold  predicted")
    for k, tally in t.items():
        p, r, f = tally.score()
        figures[k] = round(f, 3)
        print(f"{k:<14}{p:7.2f}{r:7.2f}{f:7.2f}   {tally.n_gold:4d}  {tally.n_pred:4d}")
        if args.verbose:
            for m in tally.misses:
                print(f"    missed  {m}")
            for x in tally.extras:
                print(f"    extra   {x}")
    figures["article"] = round(art[0] / art[1], 3) if art[1] else 1.0
    print(f"article fields (outlet, published): {art[0]}/{art[1]}")
    print(f"event dates right: {ev_dates[0]}/{ev_dates[1]}   event platforms right: {ev_plat[0]}/{ev_plat[1]}")
    print(f"entities named in 2+ articles that are one node: {merged}/{total}")
    if any(story for _, story, _ in reports):
        sp, sr, pairs = same_event_pairs(reports)
        figures["same_event"] = [round(sp, 3), round(sr, 3), pairs]
        print(f"one real event reported by 2+ articles is one event: P {sp:.2f} R {sr:.2f} ({pairs} gold pairs)")
    if missing:
        print(f"articles not found by news:sourceFile: {', '.join(missing)}")
    overall = sum(figures[k] for k in HEADLINE) / len(HEADLINE)
    figures.update(overall=round(overall, 3), event_dates=ev_dates, event_platforms=ev_plat,
                   merged=[merged, total], missing_articles=missing)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=2)
    print(f"overall={overall:.2f} " + " ".join(f"{k}={figures[k]:.2f}" for k in HEADLINE))
    if args.min is not None and overall < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
