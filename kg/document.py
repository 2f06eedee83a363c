"""The in-memory model of one article while the extractors work on it.

Offsets are character offsets into `Doc.text`, the article exactly as read, so every fact
can point back at the span it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text gives it: '2024-08-13', '2024-08' or '2024'."""

    value: str

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    is_title: bool = False


@dataclass
class Entity:
    iri: object
    kind: str
    label: str
    known: bool = True  # in the gazetteer


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: Entity


@dataclass
class Quote:
    start: int
    end: int
    text: str


@dataclass
class Event:
    cls: str
    sentence: Sentence
    trigger: str
    trigger_start: int
    participants: list = field(default_factory=list)  # Entity IRIs, in text order
    claimed_by: list = field(default_factory=list)
    platform: object = None
    date: DateValue | None = None
    quote: str | None = None
    extra_sentences: list = field(default_factory=list)


@dataclass
class Relation:
    subject: object
    predicate: str
    object: object
    sentence: Sentence


@dataclass
class Doc:
    path: Path
    text: str
    raw: bytes = b""          # the bytes read, for the content hash
    source_name: str = ""     # news:sourceFile: the file's base name ('feed.jsonl:3' for a line)
    stem: str = ""            # names the article's IRI and graph
    hints: dict = field(default_factory=dict)  # metadata the input format gave (HTML, JSON Lines)
    masked: str = ""  # `text` with boilerplate blanked out, same length
    title: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list = field(default_factory=list)  # (start, end, DateValue)
    publisher: Entity | None = None
    published: DateValue | None = None
    published_inferred: bool = False
    authors: list[Entity] = field(default_factory=list)
    editors: list[Entity] = field(default_factory=list)
    cited: list[Entity] = field(default_factory=list)
    citations: list = field(default_factory=list)  # (offset, Entity) for each citation cue
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    entities: dict = field(default_factory=dict)  # iri -> Entity

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def first_entity(self, start: int, end: int, kind: str):
        """The IRI of the first entity of `kind` mentioned in [start, end), or None."""
        return next((m.entity.iri for m in self.mentions if start <= m.start < end and m.entity.kind == kind), None)

    def first_date(self, start: int, end: int) -> DateValue | None:
        """The first date expression in [start, end), or None."""
        return next((v for s, _, v in self.dates if start <= s < end), None)

    def in_quote(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quotes)
