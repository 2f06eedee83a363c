"""The per-article step of a build, and where it runs: one article read in, extracted, mapped to
triples and reasoned over against the static part, handed back as N-Quads for its graph and its
inferred graph. It runs in this process, in a pool of worker processes, or on a Dask cluster,
always giving results in input order and the same bytes."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice

from kg.document import Doc
from kg.extract import extract
from kg.linking import EventFacts, events_of
from kg.names import article_graph, inferred_graph
from kg.ntriples import nquads
from kg.rdf import doc_to_graph
from kg.reader import printable

CHUNK = 256  # articles handed to the workers at a time, per worker (bounded memory)


@dataclass
class Extracted:
    """One article, extracted and reasoned over, ready for the store."""

    graph: str
    hash: str
    nquads: str
    events: list[EventFacts]
    asserted: int
    inferred: int


def extract_article(doc: Doc, reasoner: str | None = "rules", pipeline: tuple[str, ...] | None = None) -> Extracted:
    """Extract one article with `pipeline` (None: the default) and reason over it with the
    reasoner named `reasoner` (None: no reasoning): its graph and inferred graph as N-Quads."""
    from kg.reason import reasoner as reasoner_named

    extract(doc, pipeline)
    asserted: set = set()
    doc_to_graph(doc, asserted)
    name = str(article_graph(doc.key))
    inferred = reasoner_named(reasoner).article(asserted) if reasoner else set()
    text = nquads(asserted, name) + nquads(inferred, str(inferred_graph(name)))
    content = hashlib.sha256(doc.raw).hexdigest()
    return Extracted(name, content, text, events_of(name, asserted), len(asserted), len(inferred))


Job = tuple[Doc, str | None, tuple[str, ...] | None]  # an article, its reasoner, its pipeline


def extract_or_error(job: Job) -> Extracted | str:
    """`extract_article`, or the one-line reason it failed: one bad article never stops a build.
    An article gets `time_budget()` seconds (in a process's main thread; Dask runs tasks in
    threads, where only the size limit of the reader holds)."""
    doc, reasoner, pipeline = job
    where = printable(doc.path.parent / doc.source_name)
    try:
        with _budget(time_budget()):
            return extract_article(doc, reasoner, pipeline)
    except ArticleTimeout:
        return f"{where}: extraction took longer than {time_budget():g} s (KG_ARTICLE_SECONDS), skipped"
    except Exception as e:  # noqa: BLE001 (any failure of one article is reported and skipped)
        detail = " ".join(str(e).split())[:200]
        return f"{where}: extraction failed ({type(e).__name__}: {detail})"


class ArticleTimeout(BaseException):  # not an Exception: no handler inside extraction swallows it
    """One article's extraction ran out of its time budget."""


def time_budget() -> float:
    """Seconds one article may take: $KG_ARTICLE_SECONDS, else 120."""
    try:
        return max(0.0, float(os.environ.get("KG_ARTICLE_SECONDS", "120")))
    except ValueError:
        return 120.0


@contextmanager
def _budget(seconds: float) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    overrun = False

    def expired(signum, frame):
        nonlocal overrun
        overrun = True
        raise ArticleTimeout

    # Python swallows an exception raised inside a gc callback (hypothesis installs one), so
    # none run during the article; the flag still catches a raise swallowed elsewhere (a __del__).
    callbacks, gc.callbacks[:] = gc.callbacks[:], []
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks[:] = callbacks
    if overrun:
        raise ArticleTimeout


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def run(jobs: Iterable[Job], workers: int = 1, dask=None) -> Iterator[Extracted | str]:
    """Results of `extract_or_error` in input order: serially, from `workers` processes, or from
    a Dask cluster (`dask`: a scheduler address or a `distributed.Client`)."""
    if dask is not None:
        yield from _on_dask(jobs, dask)
        return
    if workers <= 1:
        yield from map(extract_or_error, jobs)
        return
    from kg.reason import reasoner

    chunks = batched(jobs, CHUNK * workers)
    first = next(chunks, [])
    for name in {r for _, r, _ in first if r}:
        reasoner(name)  # made once here: the forked workers inherit it
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk in chain([first], chunks):
            yield from pool.imap(extract_or_error, chunk, chunksize=8)


def _on_dask(jobs: Iterable[Job], dask) -> Iterator[Extracted | str]:
    try:
        from distributed import Client
    except ImportError:
        raise RuntimeError("building on Dask needs the dask extra: pip install 'newskg[dask]'") from None
    client = dask if isinstance(dask, Client) else Client(dask)
    try:
        size = CHUNK * max(1, sum(client.nthreads().values()))
        for chunk in batched(jobs, size):
            yield from (f.result() for f in client.map(extract_or_error, chunk, pure=False))
    finally:
        if client is not dask:
            client.close()
