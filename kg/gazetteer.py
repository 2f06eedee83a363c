"""The entity gazetteer (ontology/entities.ttl): known entities and every alias they go by."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.document import Entity
from kg.names import KINDS, NEWS, entity_iri
from kg.resources import ontology_file


@dataclass
class AliasHit:
    start: int
    end: int
    text: str
    entity: Entity


class Gazetteer:
    """Alias index over the known entities, with a matcher for running text."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.entities: dict[URIRef, Entity] = {}
        self.by_alias: dict[str, Entity] = {}
        for kind in KINDS:
            for iri in sorted(graph.subjects(RDF.type, NEWS[kind])):
                label = str(graph.value(iri, SKOS.prefLabel))
                entity = Entity(iri, kind, label, known=True)
                self.entities[iri] = entity
                aliases = [label] + sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
                for alias in aliases:
                    self.by_alias.setdefault(alias, entity)
                    self.by_alias.setdefault(alias.upper(), entity)
        names = sorted(self.by_alias, key=lambda a: (-len(a), a))
        self._rx = re.compile(r"(?<![\w@#/.])(" + "|".join(map(re.escape, names)) + r")(?![\w@$]|\.\w)")
        self._folded = {self.fold(a): e for a, e in self.by_alias.items()}

    @staticmethod
    def fold(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", name.lower())

    def find(self, text: str) -> list[AliasHit]:
        """Every alias occurrence in `text` (longest match wins, case as written or all caps)."""
        return [AliasHit(m.start(), m.end(), m.group(1), self.by_alias[m.group(1)])
                for m in self._rx.finditer(text)]

    def lookup(self, name: str, kind: str | None = None) -> Entity | None:
        """The known entity called `name`, compared without case, spaces or punctuation."""
        e = self.by_alias.get(name) or self._folded.get(self.fold(name))
        if e and (kind is None or e.kind == kind):
            return e
        return None

    def entity(self, kind: str, label: str) -> Entity:
        """The known entity of that name, or a new one minted by the gazetteer's IRI rule."""
        return self.lookup(label, kind) or Entity(entity_iri(kind, label), kind, label, known=False)

    def persons(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == "Person"]


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Parse the gazetteer Turtle file (the bundled one by default)."""
    return _load(str(path or ontology_file("entities.ttl")))


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    return Gazetteer(Graph().parse(path, format="turtle"))
