"""owlrl, the reference OWL 2 RL engine: slow (about 1 ms a triple) but complete. The
incremental reasoner in `kg.reason` is tested against it."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph

from kg.ntriples import triples
from kg.reason.noise import is_noise


def owlrl_closure(asserted: Iterable[tuple]) -> set[tuple[str, str, str]]:
    """What owlrl derives from the rdflib triples `asserted` that was not there, noise removed,
    as N-Triples term strings."""
    from owlrl import DeductiveClosure, OWLRL_Semantics

    work = Graph()
    for t in asserted:
        work.add(t)
    before = set(work)
    DeductiveClosure(OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    return {t for t in triples(set(work) - before) if not is_noise(*t)}
