"""The in-memory model of one article while the extractors work on it.

Offsets are character offsets into `Doc.text`, the article exactly as read, so every fact
can point back at the span it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
DATELINE_DASH = re.compile(r"\)?\s*(?:\([A-Z][A-Za-z .]{1,30}\)\s*)?(?:-{1,2}|–|—)\s")


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
    object: object = None  # what the event acts on (an entity IRI): what is banned, what is bought
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
    raw: bytes = b""  # the bytes read, for the content hash
    source_name: str = ""  # news:sourceFile: the file's base name ('feed.jsonl:3' for a line)
    key: str = ""  # names the article's IRI and graph: its path under the corpus root ('#id' for a record)
    hints: dict = field(default_factory=dict)  # metadata the input format gave (HTML, JSON Lines)
    masked: str = ""  # `text` with boilerplate blanked out, same length
    lang: str = "id"  # the article's language: a folder of kg/lang
    # the gazetteer extraction looks names up in, given by `extract` (None until then)
    gazetteer: object = field(default=None, repr=False, compare=False)
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
    event_mentions: list = field(default_factory=list)  # the triggers found, before merging (kg.extract.events)
    relations: list[Relation] = field(default_factory=list)
    entities: dict = field(default_factory=dict)  # iri -> Entity
    # Lookups by offset take log time, so that a long article costs no more than its length:
    # the start offsets of sentences, quotes and dates (each list is in text order) and the
    # mentions by offset (mentions never overlap). Kept by the methods below.
    _starts: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _mentions: MentionIndex | None = field(default=None, init=False, repr=False, compare=False)
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # (start, end) of each mention taken away by remove_mention, in order
    removed_spans: list = field(default_factory=list, init=False, repr=False, compare=False)

    def memo(self, key, compute: Callable[[], T]) -> T:
        """`compute()`, worked out once per document for `key`: what extractors derive from a
        sentence, say, and would otherwise work out again for every word in it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _starts_of(self, name: str) -> list[int]:
        """The start offsets of the `sentences`, `quotes` or `dates`, worked out again when the list changes."""
        items = getattr(self, name)
        cached = self._starts.get(name)
        if cached is None or cached[0] is not items or len(cached[1]) != len(items):
            starts = [d[0] for d in items] if name == "dates" else [x.start for x in items]
            cached = self._starts[name] = (items, starts)
        return cached[1]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts_of("sentences"), offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_before(self, sentence: Sentence) -> Sentence | None:
        """The nearest sentence that ends before `sentence` starts, if any."""
        i = bisect_right(self._starts_of("sentences"), sentence.start) - 1
        while i >= 0 and self.sentences[i].end > sentence.start:
            i -= 1
        return self.sentences[i] if i >= 0 else None

    def first_date(
        self, start: int, end: int, outside_quotes: bool = False, outside_datelines: bool = False
    ) -> DateValue | None:
        """The first date expression in [start, end) (with `outside_quotes`, the first not
        inside a quote; with `outside_datelines`, the first that is no dateline's, the day a
        report was filed: 'JAKARTA, March 13, 2025 -'), or None."""
        i = bisect_left(self._starts_of("dates"), start)
        while i < len(self.dates) and self.dates[i][0] < end:
            a, b, value = self.dates[i]
            if not (outside_quotes and self.in_quote(a)) and not (outside_datelines and self.in_dateline(a, b)):
                return value
            i += 1
        return None

    def in_dateline(self, start: int, end: int) -> bool:
        """Is [start, end) a date in a paragraph's dateline (before its dash, near its start)?"""
        line_start = self.text.rfind("\n", 0, start) + 1
        return start - line_start <= 60 and DATELINE_DASH.match(self.text, end) is not None

    def in_quote(self, offset: int) -> bool:
        i = bisect_right(self._starts_of("quotes"), offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    def quote_overlaps(self, start: int, end: int) -> bool:
        """Does a quote share a character with [start, end)?"""
        i = bisect_left(self._starts_of("quotes"), end) - 1
        return i >= 0 and start < self.quotes[i].end

    # Mentions: `mentions` is a plain list, in the order they were found; add, remove and sort them
    # with these methods, which keep an index by offset beside it.

    def mention_index(self) -> MentionIndex:
        index = self._mentions
        if index is None or index.mentions is not self.mentions or len(index.by_start) != len(self.mentions):
            self._mentions = MentionIndex(self.mentions)  # first use, or the list was changed by hand
        return self._mentions

    def add_mention(self, mention: Mention) -> None:
        self.mention_index().add(mention)
        self.mentions.append(mention)

    def remove_mention(self, mention: Mention) -> None:
        del self.mentions[self.mention_index().remove(mention)]
        self.removed_spans.append((mention.start, mention.end))

    def sort_mentions(self) -> None:
        """Put `mentions` in text order."""
        index = self.mention_index()
        self.mentions[:] = index.by_start  # what sorting by start gives: no two mentions start alike
        index.renumber()

    def mentions_in(self, start: int, end: int, reverse: bool = False) -> Iterator[Mention]:
        """The mentions that start in [start, end), in the order of `mentions` (or backwards),
        one at a time: add or remove none while going through them."""
        return self.mention_index().starting_in(start, end, reverse)

    def mention_at(self, offset: int) -> Mention | None:
        """The mention that covers `offset`, if any."""
        return self.mention_index().covering(offset)

    def first_entity(self, start: int, end: int, kind: str, outside_quotes: bool = False):
        """The IRI of the first entity of `kind` mentioned in [start, end) (with `outside_quotes`,
        not inside a quote), or None."""
        return next(
            (
                m.entity.iri
                for m in self.mentions_in(start, end)
                if m.entity.kind == kind and not (outside_quotes and self.in_quote(m.start))
            ),
            None,
        )


class MentionIndex:
    """A document's mentions sorted by offset, for finding those in a span in log time. Mentions
    never overlap, so sorted by start they are sorted by end too, and no two start alike.
    `rank` numbers them (by start) in the order of the document's list, which is not always text
    order (later extractors append); `ranks` holds those numbers in list order, to find a
    mention's place in the list."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions  # the document's list
        self.by_start = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.by_start]
        self.rank = {m.start: i for i, m in enumerate(mentions)}
        self.ranks = list(range(len(mentions)))
        self.in_text_order = all(a.start < b.start for a, b in pairwise(mentions))

    def renumber(self) -> None:
        """The list is now in text order."""
        self.rank = {start: i for i, start in enumerate(self.starts)}
        self.ranks = list(range(len(self.starts)))
        self.in_text_order = True

    def add(self, mention: Mention) -> None:
        """`mention` joins the end of the list."""
        i = bisect_left(self.starts, mention.start)
        self.starts.insert(i, mention.start)
        self.by_start.insert(i, mention)
        rank = self.ranks[-1] + 1 if self.ranks else 0
        self.rank[mention.start] = rank
        self.ranks.append(rank)
        self.in_text_order = self.in_text_order and i == len(self.starts) - 1

    def remove(self, mention: Mention) -> int:
        """Forget `mention`; returns its place in the list."""
        i = bisect_left(self.starts, mention.start)
        del self.starts[i], self.by_start[i]
        place = bisect_left(self.ranks, self.rank.pop(mention.start))
        del self.ranks[place]
        return place

    def starting_in(self, start: int, end: int, reverse: bool = False) -> Iterator[Mention]:
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if self.in_text_order:  # one at a time: callers often want only the first
            return (self.by_start[k] for k in (range(j - 1, i - 1, -1) if reverse else range(i, j)))
        return iter(sorted(self.by_start[i:j], key=lambda m: self.rank[m.start], reverse=reverse))

    def covering(self, offset: int) -> Mention | None:
        i = bisect_right(self.starts, offset) - 1
        return self.by_start[i] if i >= 0 and offset < self.by_start[i].end else None

    def overlapping(self, start: int, end: int) -> Mention | None:
        """A mention that shares a character with [start, end), if any."""
        i = bisect_left(self.starts, end) - 1
        return self.by_start[i] if i >= 0 and start < self.by_start[i].end else None

    def inside(self, start: int, end: int) -> list[Mention]:
        """The mentions within [start, end), in text order."""
        i = bisect_left(self.starts, start)
        j = i
        while j < len(self.by_start) and self.by_start[j].end <= end:
            j += 1
        return self.by_start[i:j]
