"""Extraction speed and determinism on a corpus: per article, the extraction alone and the whole
per-article step of a build (extract, map to triples, reason, write N-Quads); articles per second
on one core; and whether two runs agree.

    python benchmarks/extract_speed.py [corpus] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.extract import extract
from kg.names import article_graph, inferred_graph
from kg.ntriples import nquads
from kg.rdf import doc_to_graph
from kg.reader import find_articles, read_articles
from kg.reason import Reasoner


def run(files: list[Path]) -> tuple[list[float], list[float], set]:
    reasoner = Reasoner.default()
    extraction, whole, out = [], [], set()
    for f, key in files:
        docs, _ = read_articles(f, key)
        for doc in docs:
            t0 = time.perf_counter()
            extract(doc)
            t1 = time.perf_counter()
            g: set = set()
            doc_to_graph(doc, g)
            name = str(article_graph(doc.key))
            text = nquads(g, name) + nquads(reasoner.article(g), str(inferred_graph(name)))
            t2 = time.perf_counter()
            extraction.append(t1 - t0)
            whole.append(t2 - t0)
            out.add(text)
    return extraction, whole, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files, _ = find_articles([Path(args.corpus)])
    run(files)  # warm up: gazetteer load and regex compilation
    extraction, whole, first, same = [], [], None, True
    for _ in range(args.repeat):
        e, w, out = run(files)
        extraction += e
        whole += w
        first = first or out
        same = same and out == first
    print(f"articles: {len(files)}  runs: {args.repeat}")
    for name, times in (("extraction", extraction), ("per-article build step", whole)):
        print(
            f"{name}: median {statistics.median(times) * 1000:.1f} ms, mean {statistics.mean(times) * 1000:.1f} ms,"
            f" max {max(times) * 1000:.1f} ms, {1 / statistics.mean(times):.0f} articles/s on one core"
        )
    print(f"deterministic across runs: {same}")


if __name__ == "__main__":
    main()
