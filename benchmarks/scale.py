"""Scale benchmark: build N generated articles, query them, add and change some, and print one table.

    python benchmarks/scale.py 1000                 # N = 1,000, one worker
    python benchmarks/scale.py 10000 --workers 2    # extraction in two processes
    python benchmarks/scale.py 200 --owlrl-sample 50 --repeat 3   # what CI runs

It prints: the clean build (wall time, peak memory of the build and its workers, store size,
seconds per phase), reasoning beside owlrl on the same asserted triples (a sample of articles;
owlrl is linear, so the ratio holds at any N), every saved query's median and p95 (parameters
set to the most-mentioned person and the most common platform), and incremental rebuilds after
adding 1 article and after changing 1% of them. Articles come from benchmarks/generate.py
(speed data only, never quality data). Work files go to --work (default /tmp/newskg-scale-N).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def write_corpus(n: int, corpus: Path) -> None:
    from generate import generate

    if corpus.is_dir() and len(list(corpus.glob("*.txt"))) == n:
        return
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for name, text in generate(n):
        (corpus / name).write_text(text, encoding="utf-8")


def child_build(store: Path, corpus: Path, workers: int, full: bool = False) -> dict:
    """Build in a child process; its report, wall time and peak memory (build + workers)."""
    code = (
        "import json, resource, sys, kg\n"
        f"g = kg.build([{str(corpus)!r}], store={str(store)!r}, workers={workers}, full={full})\n"
        "r = g.report\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'phases': r.phases, 'extracted': r.extracted, 'asserted': r.asserted,"
        " 'inferred': r.inferred, 'links': r.links, 'errors': len(r.errors), 'rss_mb': rss / 1024}))\n"
    )
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the build failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    return result


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def reasoning_vs_owlrl(store: Path, sample: int) -> tuple[float, float, float, int]:
    """Seconds for the incremental reasoner (its one-off setup, then the articles) and for owlrl
    over the same asserted triples: the static graphs and the first `sample` article graphs."""
    from rdflib import Graph

    import kg
    from kg.ntriples import to_rdflib, triples
    from kg.reason import Reasoner, infer
    from kg.static import static_graphs

    g = kg.open(store)
    names = sorted(str(n) for n in g.store.graph_names() if "/graph/article-" in str(n))[:sample]
    articles = []
    for name in names:
        rows = g.store.query("SELECT ?s ?p ?o WHERE { GRAPH <%s> { ?s ?p ?o } }" % name)
        articles.append(triples((r.s, r.p, r.o) for r in rows))
    g.close()
    t0 = time.perf_counter()
    reasoner = Reasoner(*static_graphs().values())
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in articles:
        reasoner.article(a)
    ours = time.perf_counter() - t0
    union = Graph()
    for s in static_graphs().values():
        union += s
    for a in articles:
        for t in to_rdflib(a):
            union.add(t)
    t0 = time.perf_counter()
    infer(union, "owlrl")
    return setup, ours, time.perf_counter() - t0, len(union)


def query_times(store: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    import kg

    g = kg.open(store)
    top_person = _top(g, "news:Person")
    top_platform = _top(g, "news:Platform")
    out = []
    for name, q in kg.catalogue().items():
        params = {}
        for p in q.params:
            if p.name in ("person", "entity", "first", "name"):
                params[p.name] = top_person
            elif p.name == "platform":
                params[p.name] = top_platform
        times, rows = [], 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = len(list(g.query(name, **params)))
            times.append(time.perf_counter() - t0)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out.append((name, statistics.median(times), p95, rows))
    g.close()
    return out


def _top(g, cls: str) -> str:
    """The name of the entity of class `cls` mentioned in most articles."""
    q = (
        "PREFIX news: <https://w3id.org/newskg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name WHERE { { SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a news:mentions ?e . "
        "FILTER EXISTS { ?e a %s } } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1 } "
        "GRAPH <https://w3id.org/newskg/graph/names> { ?e skos:prefLabel ?name } } ORDER BY ?name LIMIT 1" % cls
    )
    rows = list(g.query(q))
    return str(rows[0].name) if rows else ""


def change(corpus: Path, count: int, mark: str) -> None:
    for f in sorted(corpus.glob("gen-*.txt"))[:count]:
        f.write_text(
            f.read_text(encoding="utf-8") + f"\n\nPembaruan {mark}: artikel ini diperbarui.\n", encoding="utf-8"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--owlrl-sample", type=int, default=200, help="articles reasoned by both engines")
    ap.add_argument("--repeat", type=int, default=7, help="runs per saved query")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(f"/tmp/newskg-scale-{args.n}")
    corpus, store = work / "corpus", work / "store"
    t0 = time.perf_counter()
    write_corpus(args.n, corpus)
    generated = time.perf_counter() - t0
    shutil.rmtree(store, ignore_errors=True)
    clean = child_build(store, corpus, args.workers)
    rows = [
        ("N (articles)", f"{args.n:,}"),
        ("workers", args.workers),
        ("generate", f"{generated:.1f} s"),
        ("clean build", f"{clean['wall']:.1f} s"),
        ("peak memory", f"{clean['rss_mb']:.0f} MB"),
        ("store size", f"{size_mb(store):.0f} MB"),
        ("quads asserted / inferred", f"{clean['asserted']:,} / {clean['inferred']:,}"),
        ("links (sameAs)", f"{clean['links']:,}"),
        ("errors", clean["errors"]),
    ]
    rows += [(f"  phase: {k}", f"{v:.1f} s") for k, v in clean["phases"].items()]
    sample = min(args.n, args.owlrl_sample)
    setup, ours, theirs, size = reasoning_vs_owlrl(store, sample)
    rows.append(
        (
            f"reasoning, {sample} articles ({size:,} triples)",
            f"{ours:.2f} s (+ {setup:.1f} s once) vs owlrl {theirs:.1f} s: {theirs / ours:.0f}x"
            f" ({theirs / (ours + setup):.0f}x with setup)",
        )
    )
    for name, median, p95, n in query_times(store, args.repeat):
        rows.append((f"query {name}", f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({n} rows)"))
    from generate import generate

    *_, (name, text) = generate(args.n + 1)
    (corpus / name).write_text(text, encoding="utf-8")
    one = child_build(store, corpus, args.workers)
    rows.append(("add 1 article, rebuild", f"{one['wall']:.1f} s (extracted {one['extracted']})"))
    change(corpus, max(1, args.n // 100), str(time.time()))
    pct = child_build(store, corpus, args.workers)
    rows.append(
        (
            "change 1%, rebuild",
            f"{pct['wall']:.1f} s (extracted {pct['extracted']}, "
            f"{100 * pct['wall'] / clean['wall']:.0f}% of a clean build)",
        )
    )
    (corpus / name).unlink()
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(f"benchmark peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
