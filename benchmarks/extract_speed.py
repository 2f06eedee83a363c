"""Extraction speed and determinism on a corpus: prints seconds per article and whether two runs agree.

    python benchmarks/extract_speed.py [corpus] [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rdflib import Graph

from kg.extract import extract
from kg.rdf import doc_to_graph
from kg.reader import find_articles, read_articles


def run(files: list[Path]) -> tuple[list[float], set]:
    times, triples = [], set()
    for f in files:
        docs, _ = read_articles(f)
        for doc in docs:
            t0 = time.perf_counter()
            extract(doc)
            times.append(time.perf_counter() - t0)
            g = Graph()
            doc_to_graph(doc, g)
            triples |= set(g)
    return times, triples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files, _ = find_articles([Path(args.corpus)])
    run(files)  # warm up: gazetteer load and regex compilation
    per_article, first = [], None
    for _ in range(args.repeat):
        times, triples = run(files)
        per_article += times
        first = first or triples
        same = triples == first
    print(f"articles: {len(files)}  runs: {args.repeat}")
    print(f"extraction seconds per article: median {statistics.median(per_article):.4f}  max {max(per_article):.4f}")
    print(f"deterministic across runs: {same}")


if __name__ == "__main__":
    main()
