"""OWL 2 RL reasoning, incremental: each article's inferences depend only on that article and
the static part (ontology + gazetteer); what crosses articles (events linked by owl:sameAs,
chains of transitive properties) is derived from that small cross-article part alone.

    >>> r = Reasoner.default()
    >>> r.static()                      # inferred from the ontology and the gazetteer, once
    >>> r.article(triples)              # inferred from one article's triples
    >>> r.across(linked_triples)        # inferred across articles

Triples are tuples of N-Triples term strings (`kg.ntriples`). `reasoner(name)` gives the
reasoner a build uses, by name: `rules` (this one, the default) or `owlrl` (the reference: the
same three methods, each one an owlrl run; slow). `infer(graph, engine)` runs a whole rdflib
graph through an engine of either name.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg.files import write_atomically
from kg.ntriples import to_rdflib, triples
from kg.reason.noise import is_noise
from kg.reason.rules import Index, Rules, Triple

ENGINES: dict[str, Callable[[Graph], set]] = {}


class Reasoner:
    """OWL 2 RL for this project's data: the ontology's schema closed once (by owlrl, over the
    ontology alone), the gazetteer closed once, then one article at a time."""

    def __init__(self, ontology: Graph, gazetteer: Graph):
        from kg.reason.reference import owlrl_closure

        schema = owlrl_closure(ontology)
        closed = Graph()
        for t in set(ontology) | to_rdflib(schema):
            closed.add(t)
        self.rules = Rules.from_schema(closed)
        base = triples(ontology) | triples(gazetteer)
        abox = self.rules.closure(base | schema)
        self._static = {t for t in schema | abox if not is_noise(*t)}
        self.background = Index.of(base | self._static, self.rules.joining)

    @classmethod
    def default(cls) -> Reasoner:
        """The reasoner for the packaged ontology and gazetteer (built once a process)."""
        return _default()

    def static(self) -> set[Triple]:
        """What the ontology and the gazetteer imply on their own."""
        return set(self._static)

    def article(self, asserted: Iterable[Triple]) -> set[Triple]:
        """What one article's triples imply with the static part, that neither holds."""
        return {t for t in self.rules.closure(asserted, self.background) if not is_noise(*t)}

    def across(self, part: Iterable[Triple]) -> set[Triple]:
        """What the cross-article part implies (owl:sameAs links with every triple about the
        linked events, asserted and inferred; the transitive properties' triples)."""
        return self.article(part)

    @property
    def transitive(self) -> set[str]:
        """Predicates whose chains can cross articles."""
        return set(self.rules.transitive)


class OwlrlReasoner:
    """The same three methods as `Reasoner`, each one owlrl run over the ontology, the gazetteer
    and the given triples: the reference engine, about 100 times slower (`--reasoner owlrl`)."""

    def __init__(self, ontology: Graph, gazetteer: Graph):
        from kg.reason.reference import owlrl_closure

        self.base = triples(ontology) | triples(gazetteer)
        self._static = owlrl_closure(to_rdflib(self.base))
        closed = Graph()
        for t in to_rdflib(self.base | self._static):
            closed.add(t)
        self._transitive = Rules.from_schema(closed).transitive

    def static(self) -> set[Triple]:
        return set(self._static)

    def article(self, asserted: Iterable[Triple]) -> set[Triple]:
        from kg.reason.reference import owlrl_closure

        given = set(asserted)
        return owlrl_closure(to_rdflib(self.base | given)) - self._static - given

    def across(self, part: Iterable[Triple]) -> set[Triple]:
        return self.article(part)

    @property
    def transitive(self) -> set[str]:
        return set(self._transitive)


REASONERS = ("rules", "owlrl")


def reasoner(name: str = "rules") -> Reasoner | OwlrlReasoner:
    """The reasoner called `name` for the packaged ontology and gazetteer (made once a process)."""
    if name == "rules":
        return Reasoner.default()
    if name == "owlrl":
        return _owlrl_default()
    raise ValueError(f"unknown reasoner {name!r} (known: {', '.join(REASONERS)})")


@lru_cache(maxsize=1)
def _owlrl_default() -> OwlrlReasoner:
    from kg.names import ENTITIES_GRAPH, ONTOLOGY_GRAPH
    from kg.static import static_graphs

    graphs = static_graphs()
    return OwlrlReasoner(graphs[ONTOLOGY_GRAPH], graphs[ENTITIES_GRAPH])


@lru_cache(maxsize=1)
def _default() -> Reasoner:
    """Built from the packaged ontology and gazetteer, or read from the cache file made the
    last time they (and this code) were the same: building it takes seconds, reading it less
    than a tenth of one."""
    from kg.names import ENTITIES_GRAPH, ONTOLOGY_GRAPH
    from kg.static import static_graphs

    cache = _cache_file()
    try:
        with cache.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    graphs = static_graphs()
    reasoner = Reasoner(graphs[ONTOLOGY_GRAPH], graphs[ENTITIES_GRAPH])
    try:
        write_atomically(cache, pickle.dumps(reasoner, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # no cache where we cannot write: slower, not wrong
    return reasoner


def _cache_file() -> Path:
    """$KG_CACHE, else $XDG_CACHE_HOME/newskg, else ~/.cache/newskg; the name carries a hash of
    everything the reasoner is made from."""
    from kg.resources import ontology_file

    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for f in [
        *sorted((package / "reason").glob("*.py")),
        package / "static.py",
        package / "ntriples.py",
        ontology_file("news.ttl"),
        ontology_file("entities.ttl"),
    ]:
        h.update(f.read_bytes())
    root = os.environ.get("KG_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newskg"
    return Path(root) / f"reasoner-{h.hexdigest()[:16]}.pickle"


def register(name: str) -> Callable:
    """Register a whole-graph engine: a callable from an rdflib graph to the new triples."""

    def deco(fn: Callable[[Graph], set]) -> Callable[[Graph], set]:
        ENGINES[name] = fn
        return fn

    return deco


@register("owlrl")
def _owlrl(asserted: Graph) -> set[Triple]:
    from kg.reason.reference import owlrl_closure

    return owlrl_closure(asserted)


@register("rules")
def _rules(asserted: Graph) -> set[Triple]:
    r = Reasoner.default()
    given = triples(asserted)
    return (r.static() | r.article(given - r.background.all)) - given


def infer(asserted: Graph, engine: str = "rules") -> set[Triple]:
    """The triples `engine` derives from the rdflib graph `asserted` that were not already there."""
    if engine not in ENGINES:
        raise ValueError(f"unknown reasoner {engine!r} (known: {', '.join(sorted(ENGINES))})")
    return ENGINES[engine](asserted)


__all__ = ["ENGINES", "REASONERS", "OwlrlReasoner", "Reasoner", "infer", "is_noise", "reasoner", "register"]
