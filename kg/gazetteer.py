"""The entity gazetteer (ontology/entities.ttl): known entities and every alias they go by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.document import Entity
from kg.lang import without_legal_form
from kg.names import KINDS, NEWS, alternation, entity_iri, plain_letters
from kg.resources import ontology_file

NOT_ALNUM = re.compile(r"[^a-z0-9]")


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
                    for form in (alias, plain_letters(alias)):  # text is matched without accents
                        self.by_alias.setdefault(form, entity)
                        self.by_alias.setdefault(form.upper(), entity)
        self._rx = re.compile(r"(?<![\w@#/.])(" + alternation(self.by_alias) + r")(?![\w@$]|\.\w)")
        self._folded = {self.fold(a): e for a, e in self.by_alias.items()}
        self._last_found: tuple[str | None, list[AliasHit]] = (None, [])
        # persons by (number of words, last word), for spotting misspelt first names
        self._persons_by_surname: dict[tuple[int, str], list[Entity]] = {}
        for e in self.persons():
            words = e.label.split()
            if words:
                self._persons_by_surname.setdefault((len(words), words[-1]), []).append(e)

    @staticmethod
    def fold(name: str) -> str:
        return NOT_ALNUM.sub("", plain_letters(name).lower())

    def find(self, text: str) -> list[AliasHit]:
        """Every alias occurrence in `text` (longest match wins, case as written or all caps).
        The hits in the last text are remembered: mentions and sources both ask for them."""
        if self._last_found[0] is not text:
            hits = [
                AliasHit(m.start(), m.end(), text[m.start() : m.end()], self.by_alias[m.group(1)])
                for m in self._rx.finditer(plain_letters(text))
            ]
            self._last_found = (text, hits)
        return list(self._last_found[1])

    def lookup(self, name: str, kind: str | None = None) -> Entity | None:
        """The known entity called `name`, compared without case, spaces or punctuation."""
        e = self.by_alias.get(name) or self._folded.get(self.fold(name))
        if e and (kind is None or e.kind == kind):
            return e
        return None

    def entity(self, kind: str, label: str) -> Entity:
        """The known entity of that name, or a new one minted by the gazetteer's IRI rule; an
        organisation is named without its legal forms ('PT ... Tbk', '... Inc.')."""
        if kind == "Organization":
            label = without_legal_form(label)
        return self.lookup(label, kind) or Entity(entity_iri(kind, label), kind, label, known=False)

    def persons(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == "Person"]

    def persons_with_surname(self, words: int, surname: str) -> list[Entity]:
        """Known persons whose label has `words` words and ends in `surname`, in gazetteer order."""
        return self._persons_by_surname.get((words, surname), [])


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Parse the gazetteer Turtle file (the bundled one by default), once per process."""
    return _load(str(path) if path else _default_path())


@lru_cache(maxsize=1)
def _default_path() -> str:
    return str(ontology_file("entities.ttl"))  # looking it up stats the file system: do it once


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    return Gazetteer(Graph().parse(path, format="turtle"))
