"""Across articles: the same event reported by several outlets is linked as one (owl:sameAs).

Two graphs hold the links. `graph/links/matches` holds the pairs of reports that matched
(`same_event`); `graph/links` names each real event by its first report (the smallest IRI)
and holds `first owl:sameAs report` for every report of it, the first included, so that one
hop leads from any report to its event and from the event to all its reports, however long
the chain of matches that joined them. Only events that share a type and a participant or the
platform, and whose dates can agree (or whose articles were published within a month, or, one
undated, that share two participants and the platform), are compared, so the work grows with
the overlap, not with the square of the corpus; a build that adds articles looks up only the
stored events in those blocks (`_blocks`), never all of them.

Terms are N-Triples strings (`kg.ntriples`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

from rdflib.namespace import OWL, RDF, SKOS

from kg.lang import kind_heads, name_words, table
from kg.names import ARTICLE_PREFIX, GRAPH, ID, LINKS_GRAPH, MATCHES_GRAPH, NAMES_GRAPH, NEWS, SCHEMA
from kg.ntriples import nquads, term

SAME = term(OWL.sameAs)
MATCHED = term(NEWS.matchedWith)  # the matches graph's predicate: a match is evidence, not identity
TYPE = term(RDF.type)
REPORTS, PARTICIPANT, PLATFORM, DATE, PUBLISHED, QUOTE = (
    term(NEWS[x]) for x in ("reports", "participant", "onPlatform", "date", "datePublished", "quote")
)
STATEMENT = term(NEWS.Statement)
LANGUAGE = term(SCHEMA.inLanguage)
NEWS_DAYS = 7  # an undated report published this many days after an event's date can tell it
NEAR_DAYS = 31  # an undated report is compared with reports published at most this far apart
NOT_LINKED = {term(NEWS.Event)}  # an event of no known kind
ENTITY_PREFIX = str(ID)


@dataclass
class EventFacts:
    iri: str
    graph: str
    cls: str
    participants: frozenset = field(default_factory=frozenset)
    platform: str | None = None
    date: str | None = None  # the lexical form: '2024-08-13', '2024-08' or '2024'
    published: str | None = None  # the reporting article's publication day
    lang: str | None = None  # the reporting article's language
    quote: str = ""  # a statement's words

    def keys(self) -> list[str]:
        """What blocks it: the first and the last word of each participant's name (so that 'Rudi
        Hartono' meets 'Rudi Hartono Lubis', and 'Boni Tarigan' 'Bonifasius Tarigan'), and its
        platform."""
        blocks = {b for p in self.participants for b in name_blocks(p)}
        return sorted(blocks | ({self.platform} if self.platform else set()))


def _name_words(iri: str) -> tuple[str, tuple[str, ...]]:
    """An entity's kind and the words of its name, from its IRI (`kg.names.entity_iri`):
    '<.../id/person-rudi-hartono>' -> ('person', ('rudi', 'hartono')); ('', ()) for other IRIs."""
    if not iri.startswith("<" + ENTITY_PREFIX):
        return "", ()
    kind, _, words = iri[len(ENTITY_PREFIX) + 1 : -1].partition("-")
    return kind, tuple(words.split("-")) if words else ()


def name_blocks(iri: str) -> tuple[str, ...]:
    """The blocking keys of a participant: its kind with the first, and the last, word of its
    name (an organisation's without the word for its kind, `_kind_head`); the IRI itself for one
    that is not an entity of the gazetteer's kinds."""
    kind, words = _name_words(iri)
    kind = "organization" if kind == "platform" else kind  # an app and its company meet
    if kind == "organization":
        words = _kind_head(words)[1]
    return (f"{kind}-{words[0]}", f"{kind}--{words[-1]}") if words else (iri,)


def _kind_head(words: tuple[str, ...]) -> tuple[int | None, tuple[str, ...]]:
    """The group of the kind head ('rs', 'rumah sakit', 'hospital': `kg.lang.kind_heads`) that
    begins or ends an organisation's name, and the name without it: ('rumah', 'sakit', 'medika',
    'prima') -> (0, ('medika', 'prima')); (None, words) when it has none. A web address's ending
    goes too: ('nalar', 'ai') -> (None, ('nalar',))."""
    if len(words) > 1 and words[-1] in name_words("company_domains"):
        words = words[:-1]  # 'Nalar.ai' is the company Nalar
    for head, group in kind_heads().items():
        n = len(head)
        if len(words) > n and words[:n] == head:
            return group, words[n:]
        if len(words) > n and words[-n:] == head:
            return group, words[:-n]
    return None, words


@lru_cache(maxsize=1 << 18)  # blocking and linking ask about the same pairs of names again and again
def one_entity(a: str, b: str) -> bool:
    """Two participants that can be one entity named fully in one report and shortly in another:
    the same IRI; a person whose shorter name (two words or more) keeps the longer's words in
    order ('Heru Wibisono', 'Heru Prasetyo Wibisono'), the first perhaps shortened ('Boni
    Tarigan', 'Bonifasius Tarigan'); an organisation whose shorter name begins the longer
    ('Lajur', 'Lajur Logistik Indonesia'), or a platform and the company named after it
    ('Belanjaria', 'Belanjaria Niaga Indonesia'); two organisations so named after words of one
    kind ('RS Medika Prima Semarang', 'Rumah Sakit Medika Prima', 'Medika Prima Hospital')."""
    if a == b:
        return True
    (kind, x), (other, y) = _name_words(a), _name_words(b)
    if not x or not y:
        return False
    if {kind, other} == {"organization"} or {kind, other} == {"organization", "platform"}:
        (head, core), (other_head, other_core) = _kind_head(x), _kind_head(y)
        if head == other_head:  # the same kind, or none: the names without it
            x, y = core, other_core
        short, long = sorted((x, y), key=len)
        return long[: len(short)] == short  # two apps of one name start are two apps: 'Google', 'Google Play'
    if kind != other:
        return False
    short, long = sorted((x, y), key=lambda words: (len(words), len(words[0]), words))
    if kind != "person" or len(short) < 2:
        return False
    if short[0] != long[0] and not (len(short[0]) >= 3 and long[0].startswith(short[0]) and short[-1] == long[-1]):
        return False
    rest = iter(long[1:])
    return all(w in rest for w in short[1:])


def shared(x: frozenset, y: frozenset) -> int:
    """How many participants of `x` are one entity with one of `y` (each counted once; the same
    either way round)."""
    return max(_shared(x, y), _shared(y, x))


def _shared(x: frozenset, y: frozenset) -> int:
    left, n = set(y), 0
    for a in sorted(x):
        b = next((b for b in sorted(left) if one_entity(a, b)), None)
        if b is not None:
            left.discard(b)
            n += 1
    return n


def events_of(graph: str, triples: Iterable[tuple[str, str, str]]) -> list[EventFacts]:
    """The linkable events one article graph reports, from its asserted triples."""
    triples = list(triples)
    reported = {o for s, p, o in triples if p == REPORTS}
    published = next((_lexical(o)[:10] for s, p, o in triples if p == PUBLISHED), None)
    lang = next((_lexical(o) for s, p, o in triples if p == LANGUAGE), None)
    facts = {}
    for s, p, o in triples:
        if s in reported and p == TYPE and o not in NOT_LINKED:
            facts[s] = EventFacts(s, graph, o, published=published, lang=lang)
    for s, p, o in triples:
        e = facts.get(s)
        if e is None:
            continue
        if p == PARTICIPANT:
            e.participants = e.participants | {o}
        elif p == PLATFORM:
            e.platform = o
        elif p == DATE:
            e.date = _lexical(o)
        elif p == QUOTE:
            e.quote = _lexical(o)
    return sorted(facts.values(), key=lambda e: e.iri)


def _lexical(literal: str) -> str:
    """The lexical form of an N-Triples literal (escapes kept)."""
    end = 1
    while literal[end] != '"':
        end += 2 if literal[end] == "\\" else 1
    return literal[1:end]


def same_event(x: EventFacts, y: EventFacts) -> bool:
    """Two reports of one real event, by what they share and where they disagree.

    For: the same type, dates that agree (the same day, a day apart for time zones, or the same
    month or year where one side knows no more) and a participant or the platform in common.
    Where a side gives no date: two participants and the platform in common, or, for articles
    published within a month of each other, two participants or the platform, or one participant
    where the undated report was published on the other's date or within a week of it, or within
    a week of the other undated one (an article's undated event is the news of its day).
    Against: platforms that differ, dates that disagree, persons named on both sides and none
    shared, reports in one article."""
    if x.cls != y.cls or x.graph == y.graph or x.cls in NOT_LINKED:
        return False
    if x.cls == STATEMENT:
        return _same_statement(x, y)
    if x.platform and y.platform and x.platform != y.platform:
        return False
    when = dates_agree(x.date, y.date, _slack(x, y))
    if when is False:
        return False
    same_platform = x.platform is not None and x.platform == y.platform
    people = shared(x.participants, y.participants)
    if not people and _persons(x) and _persons(y):
        return False  # two interviews on one platform on one day, with other people, are two
    if when is None:  # one side undated: near in publication, or two people and the platform in common
        near = _published_within(x, y, NEAR_DAYS) and (
            people >= 2 or same_platform or (people == 1 and _news_of_day(x, y))
        )
        return (people >= 2 and same_platform) or near
    return people + same_platform >= 1


def _same_statement(x: EventFacts, y: EventFacts) -> bool:
    """Two reports of one quote: the same speaker, in articles published within NEWS_DAYS, with
    dates that can agree, and words in common that a translation keeps: two names or numbers, or
    one number where the articles came out within a day of each other (one name, 'Indonesia', is
    too common). One person quoted twice in a week says many things; what they name tells one
    quote from another, in either language."""
    if not _published_within(x, y, NEWS_DAYS) or dates_agree(x.date, y.date, _slack(x, y)) is False:
        return False
    common = quote_anchors(x.quote) & quote_anchors(y.quote)
    if not (len(common) >= 2 or (len(common) == 1 and min(common).isdigit() and _published_within(x, y, 1))):
        return False
    return shared(x.participants, y.participants) > 0


def _published_within(x: EventFacts, y: EventFacts, days: int) -> bool:
    """Were the two reports' articles published at most `days` apart?"""
    if not x.published or not y.published or not _day(x.published) or not _day(y.published):
        return False
    return abs(_day(x.published) - _day(y.published)) <= days


WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")


@lru_cache(maxsize=1 << 16)
def quote_anchors(quote: str) -> frozenset[str]:
    """What a quote names that a translation keeps: its capitalised words that do not open a
    sentence ('Yohana', 'PKRN', 'Kalimantan'), and its numbers, written in digits or in words of
    any language ('tiga' and 'three' are both '3')."""
    numbers = table("number_words")
    found, first = set(), True
    for m in WORD.finditer(quote):
        w = m.group()
        if w.isdigit():
            found.add(str(int(w)))
        elif w.lower() in numbers:
            found.add(str(numbers[w.lower()]))
        elif w[0].isupper() and len(w) > 1 and not first:
            found.add(w)
        first = quote[m.end() : m.end() + 1] in (".", "!", "?")
    return frozenset(found)


def _news_of_day(x: EventFacts, y: EventFacts) -> bool:
    """An undated report tells the news of its publication day: it was published on the other
    report's date or at most NEWS_DAYS after it (in the month the other gives), or, both undated,
    at most NEWS_DAYS from the other's publication."""
    dated, undated = (x, y) if x.date else (y, x)
    if not undated.published or not _day(undated.published):
        return False
    if dated.date is None:
        return _published_within(x, y, NEWS_DAYS)
    if len(dated.date) == 10:
        return 0 <= _day(undated.published) - _day(dated.date) <= NEWS_DAYS
    return len(dated.date) == 7 and undated.published.startswith(dated.date)


def why_same(x: EventFacts, y: EventFacts, name: Callable[[str], str] | None = None) -> list[str]:
    """What made two reports match (`same_event`), in words, for `kg explain`; `name` gives an
    entity's name from its IRI (default: the words of the IRI)."""
    _label = name or _words_of
    reasons = [f"both {x.cls.rsplit('#', 1)[-1].rstrip('>')}"]
    when = dates_agree(x.date, y.date, _slack(x, y))
    if when:
        apart = (
            " (a day apart across languages: time zones)"
            if x.date != y.date and len(x.date) == len(y.date) == 10
            else ""
        )
        reasons.append(f"dates agree: {x.date} and {y.date}{apart}")
    elif x.date or y.date:
        reasons.append(f"one report gives no date ({x.date or y.date} in the other)")
    people = sorted(
        f"{_label(a)}" + (f" = {_label(b)}" if a != b else "")
        for a in x.participants
        for b in y.participants
        if one_entity(a, b)
    )
    if people:
        reasons.append("shared participants: " + ", ".join(people))
    if x.platform and x.platform == y.platform:
        reasons.append(f"same platform: {_label(x.platform)}")
    if when is None and _published_within(x, y, NEAR_DAYS):
        reasons.append(f"published within {NEAR_DAYS} days: {x.published} and {y.published}")
    if x.cls == STATEMENT:
        common = sorted(quote_anchors(x.quote) & quote_anchors(y.quote))
        reasons.append("the quotes both name " + ", ".join(common))
    if when is None and _news_of_day(x, y):
        undated = y if x.date else x
        reasons.append(f"the undated report, published {undated.published}, tells the news of its day")
    return reasons


def _words_of(iri: str) -> str:
    kind, words = _name_words(iri)
    return " ".join(words).title() if words else iri


def _persons(e: EventFacts) -> bool:
    return any(_name_words(p)[0] == "person" for p in e.participants)


def dates_agree(a: str | None, b: str | None, slack: int = 1) -> bool | None:
    """True when two dates can name one day (at the precision each knows; two days `slack`
    apart agree), False when they cannot, None when one is missing."""
    if not a or not b:
        return None
    if len(a) == len(b) == 10:
        return abs(_day(a) - _day(b)) <= slack
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _slack(x: EventFacts, y: EventFacts) -> int:
    """How many days apart two reports' dates may be: none in one language (outlets of one country
    count days alike: two outages a day apart are two), one across languages (the evening in
    New York is the next morning in Jakarta)."""
    return 0 if x.lang and x.lang == y.lang else 1


def _day(d: str) -> int:
    try:
        return date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        return 0


def _next_day(d: str | None) -> str:
    """The day after a full date, '' for anything else."""
    if not d or len(d) != 10 or not _day(d):
        return ""
    return date.fromordinal(_day(d) + 1).isoformat()


def _link(x: EventFacts, y: EventFacts) -> tuple[str, str, str]:
    a, b = sorted((x.iri, y.iri))
    return (a, SAME, b)


def link_events(events: Iterable[EventFacts]) -> set[tuple[str, str, str]]:
    """owl:sameAs between events of different articles that are one real-world event."""
    buckets: dict[tuple, list[EventFacts]] = defaultdict(list)
    for e in events:
        for k in e.keys():
            buckets[(e.cls, k)].append(e)
    return {_link(x, y) for bucket in buckets.values() for x, y in _pairs(bucket) if same_event(x, y)}


def _pairs(bucket: list[EventFacts]) -> Iterable[tuple[EventFacts, EventFacts]]:
    """The pairs of one bucket that could be linked: dated events of one month (or one year, where
    only the year is known) with each other, and undated ones with all (a famous person's bucket
    holds thousands of events; comparing all pairs would be quadratic). The last day of a month
    meets the first of the next. Statements: those published within NEWS_DAYS of each other."""
    if bucket and bucket[0].cls == STATEMENT:
        yield from _near_in_publication(bucket)
        return
    by_month: dict[str, list[EventFacts]] = defaultdict(list)
    for e in bucket:
        by_month[(e.date or "")[:7]].append(e)
    undated = by_month.pop("", [])
    for month, events in by_month.items():
        yield from combinations(events, 2)
        ends = [x for x in events if _next_day(x.date)[:7] not in ("", month)]
        if ends:
            starts = [y for y in by_month.get(_next_day(ends[0].date)[:7], ()) if (y.date or "")[8:] == "01"]
            yield from ((x, y) for x in ends for y in starts)
        if len(month) == 4:  # a year alone agrees with every month of that year
            yield from (
                (x, y)
                for m, others in by_month.items()
                if m[:4] == month and m != month
                for y in others
                for x in events
            )
    dated = [e for events in by_month.values() for e in events]
    for i, x in enumerate(undated):
        yield from ((x, y) for y in undated[i + 1 :])
        yield from ((x, y) for y in dated)


def _near_in_publication(bucket: list[EventFacts]) -> Iterable[tuple[EventFacts, EventFacts]]:
    """The pairs of `bucket` published at most NEWS_DAYS apart (a window sliding over the days)."""
    dated = sorted((_day(e.published or ""), e.iri, e) for e in bucket)
    start = 0
    for i, (day, _, e) in enumerate(dated):
        while dated[start][0] < day - NEWS_DAYS:
            start += 1
        yield from ((f, e) for _, _, f in dated[start:i])


def link_new(new: list[EventFacts], candidates: Iterable[EventFacts]) -> set[tuple[str, str, str]]:
    """The links of `new` events, among themselves and to `candidates` (events already linked
    among themselves)."""
    buckets: dict[tuple, list[EventFacts]] = defaultdict(list)
    for e in candidates:
        for k in e.keys():
            buckets[(e.cls, k)].append(e)
    links = link_events(new)
    for x in new:
        for k in x.keys():
            links |= {_link(x, y) for y in buckets.get((x.cls, k), ()) if same_event(x, y)}
    return links


# In the store: the events already there, the links graph, and bringing it up to date.

EVENTS_QUERY = """SELECT ?g ?ev ?cls ?p ?pl ?date ?published ?lang ?quote WHERE {
  %s
  GRAPH ?g { ?a <%s> ?ev . ?ev a ?cls }
  FILTER(STRSTARTS(STR(?g), "%s"))
  OPTIONAL { GRAPH ?g1 { ?ev <%s> ?p } FILTER(STRSTARTS(STR(?g1), "%s")) }
  OPTIONAL { GRAPH ?g2 { ?ev <%s> ?pl } FILTER(STRSTARTS(STR(?g2), "%s")) }
  OPTIONAL { GRAPH ?g3 { ?ev <%s> ?date } FILTER(STRSTARTS(STR(?g3), "%s")) }
  OPTIONAL { GRAPH ?g4 { ?a <%s> ?published } FILTER(STRSTARTS(STR(?g4), "%s")) }
  OPTIONAL { GRAPH ?g5 { ?a <%s> ?lang } FILTER(STRSTARTS(STR(?g5), "%s")) }
  OPTIONAL { GRAPH ?g6 { ?ev <%s> ?quote } FILTER(STRSTARTS(STR(?g6), "%s")) }
}"""


def stored_events(store, iris: Iterable[str] = ()) -> list[EventFacts]:
    """Events in the store's article graphs: all of them, or those named."""
    named = " ".join(iris)
    restrict = "VALUES ?ev { %s }" % named if named else ""
    facts = (NEWS.participant, NEWS.onPlatform, NEWS.date, NEWS.datePublished, SCHEMA.inLanguage, NEWS.quote)
    rows = store.select(
        EVENTS_QUERY % (restrict, NEWS.reports, ARTICLE_PREFIX, *(x for p in facts for x in (p, ARTICLE_PREFIX)))
    )
    events: dict[str, EventFacts] = {}
    for g, ev, cls, p, pl, day, published, lang, quote in rows:
        e = events.get(ev)
        if e is None:
            e = events[ev] = EventFacts(
                ev,
                g[1:-1],
                cls,
                published=_lexical(published)[:10] if published else None,
                lang=lang and _lexical(lang),
            )
        if p:
            e.participants = e.participants | {p}
        if pl:
            e.platform = pl
        if day:
            e.date = _lexical(day)
        if quote:
            e.quote = _lexical(quote)
    return [e for e in events.values() if e.cls not in NOT_LINKED]


def stored_links(store, graph=MATCHES_GRAPH) -> set[tuple[str, str, str]]:
    """The pairs of the matches graph (or the links of `graph`), as owl:sameAs triples."""
    return {(a, SAME, b) for a, b in store.select("SELECT ?a ?b WHERE { GRAPH <%s> { ?a ?p ?b } }" % graph)}


def groups(links: set) -> list[tuple[str, ...]]:
    """Groups of events linked as one (connected by owl:sameAs), each sorted."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, _, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    found: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        found[root(x)].append(x)
    return sorted(tuple(sorted(g)) for g in found.values())


def canonical(matches: set, facts: dict[str, EventFacts] | None = None) -> set[tuple[str, str, str]]:
    """`first owl:sameAs report` for every report of every group of matched reports.

    Matches join transitively, so groups are made pair by pair, the surest pairs first (the same
    day, then days a time zone apart, then dated on both sides, then more in common), and two
    groups stay apart when joining them would put two reports of one article, or two dates that
    disagree, in one event: a report that gives only the month must not make one event of two
    outages a day apart. `facts` holds the
    events by IRI (without them, every match joins)."""
    facts = facts or {}
    parent: dict[str, str] = {}
    members: dict[str, list[str]] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        members.setdefault(x, [x])
        return x

    for a, _, b in sorted(matches, key=lambda t: (_strength(facts, t[0], t[2]), t[0], t[2])):
        ra, rb = root(a), root(b)
        if ra == rb or not _may_join(members[ra], members[rb], facts):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep] = members[keep] + members.pop(gone)
    found = sorted(tuple(sorted(m)) for m in members.values() if len(m) > 1)
    return {(group[0], SAME, e) for group in found for e in group}


def _strength(facts: dict[str, EventFacts], a: str, b: str) -> tuple[int, int, int, int]:
    """A sort key: the surest match first (the same day, then days that agree across time zones,
    then dates agreeing at all, then more in common)."""
    x, y = facts.get(a), facts.get(b)
    if x is None or y is None:
        return (0, 0, 0, 0)
    a, b = x.date, y.date
    to_the_day = bool(a and b and len(a) == len(b) == 10 and dates_agree(a, b, _slack(x, y)))
    same_platform = x.platform is not None and x.platform == y.platform
    return (
        -(to_the_day and a == b),
        -to_the_day,
        -bool(a and b),
        -(shared(x.participants, y.participants) + same_platform),
    )


def _may_join(group: list[str], other: list[str], facts: dict[str, EventFacts]) -> bool:
    for x in (facts.get(e) for e in group):
        for y in (facts.get(e) for e in other):
            if (
                x is not None
                and y is not None
                and (x.graph == y.graph or dates_agree(x.date, y.date, _slack(x, y)) is False)
            ):
                return False
    return True


def relink(store, new_events: list[EventFacts], changed: set[str], mode: str) -> set[tuple[str, str, str]]:
    """Replace the matches and links graphs and return the links. `mode`: `new` (the store held no articles
    before this build: link the new events among themselves), `incremental` (the links were
    current before this build: keep those between unchanged articles, link the new events with
    the stored events that share a type and a participant), or `all` (link everything stored)."""
    if mode == "incremental":
        old = stored_links(store)
        kept = {t for t in old if not {article_of_event(t[0]), article_of_event(t[2])} & changed}
        found = _candidates(store, _blocks(store, new_events)) - {e.iri for e in new_events}
        candidates = {e: f for e, f in _facts_of(store, found).items() if f.graph not in changed}
        new = link_new(new_events, candidates.values())
        matches = kept | new
        facts = {e.iri: e for e in [*candidates.values(), *new_events]}
        touched = {e for a, _, b in (old - kept) | new for e in (a, b)}
        previous = stored_links(store, LINKS_GRAPH)
        links = _update_links(store, matches, touched, facts, previous)
        # only the differences are written: a build that adds one article changes a few links
        for graph, before, after in ((MATCHES_GRAPH, old, matches), (LINKS_GRAPH, previous, links)):
            store.remove_nquads(_nquads(before - after, graph))
            store.add_nquads(_nquads(after - before, graph))
        return links
    events = stored_events(store) if mode == "all" else new_events
    matches = link_events(events)
    links = canonical(matches, {e.iri: e for e in events})
    for graph, triples in ((MATCHES_GRAPH, matches), (LINKS_GRAPH, links)):
        store.drop_graph(graph)
        store.add_nquads(_nquads(triples, graph))
    return links


def _nquads(links: set, graph) -> str:
    """`links` (owl:sameAs triples) as N-Quads of `graph`; in the matches graph, as news:matchedWith."""
    if graph == MATCHES_GRAPH:
        links = {(a, MATCHED, b) for a, _, b in links}
    return nquads(links, str(graph))


# (each pattern with a graph variable of its own, keyed on a bound term: Oxigraph then looks
# each one up rather than joining whole patterns; 50 times faster)
CANDIDATES = """SELECT ?c ?q ?ev ?d ?pub WHERE {
  VALUES (?c ?q) { %s }
  GRAPH ?g { ?ev <%s> ?q }
  FILTER(STRSTARTS(STR(?g), "%s"))
  GRAPH ?g0 { ?ev a ?c }
  GRAPH ?g1 { ?a <%s> ?ev }
  OPTIONAL { GRAPH ?g2 { ?ev <%s> ?d } }
  OPTIONAL { GRAPH ?g3 { ?a <%s> ?pub } }
}"""


def _blocks(store, new_events: list[EventFacts]) -> dict[tuple[str, str], set]:
    """What a stored event must have to be compared with one of `new_events`: its class and one of
    its participants or platform (or an entity that can be one of its participants named
    otherwise, `one_entity`), and then a date that can agree or a publication day within
    NEAR_DAYS: {(class, key): {(date prefixes, first day, day after the last)}}."""
    keys = defaultdict(set)  # event -> its keys
    by_block = defaultdict(set)
    for e in new_events:
        keys[e.iri] |= {*e.participants, *([e.platform] if e.platform else [])}
        for p in e.participants:
            for block in name_blocks(p):
                by_block[block].add((e.iri, p))
    rows = store.select("SELECT ?e WHERE { GRAPH <%s> { ?e <%s> ?l } }" % (NAMES_GRAPH, SKOS.prefLabel))
    for (entity,) in rows:
        for block in name_blocks(entity):
            for iri, p in by_block.get(block, ()):
                if p != entity and one_entity(p, entity):
                    keys[iri].add(entity)
    out: dict[tuple[str, str], set] = defaultdict(set)
    for e in new_events:
        for k in keys[e.iri]:
            out[e.cls, k].add(_window(e))
    return out


def _window(e: EventFacts) -> tuple[tuple[str, ...], str, str, bool]:
    """The date prefixes an event's date can agree with (the months of the day and of the days
    beside it; '~' matches nothing), its publication window (a statement's: the week around it),
    and whether a report with no date may match it however far apart (it names two participants
    and a platform)."""
    if e.cls == STATEMENT:  # a quote is told within a week: only its publication week counts
        days, loose, near = ("~",), False, NEWS_DAYS
    else:
        if e.date and len(e.date) == 10 and _day(e.date):
            days = tuple(sorted({date.fromordinal(_day(e.date) + k).isoformat()[:7] for k in (-1, 0, 1)}))
        else:
            days = (e.date or "~",)
        loose, near = len(e.participants) >= 2 and e.platform is not None, NEAR_DAYS
    if not e.published or not _day(e.published):
        return days, "~", "~", loose
    at = _day(e.published)
    return days, date.fromordinal(at - near).isoformat(), date.fromordinal(at + near + 1).isoformat(), loose


# A statement's candidates: its speaker's statements published in its week, the week held in the
# query (a speaker quoted in thousands of articles would otherwise send them all back)
STATEMENT_CANDIDATES = """SELECT DISTINCT ?ev WHERE {
  VALUES (?q ?from ?to) { %s }
  GRAPH ?g { ?ev <%s> ?q }
  FILTER(STRSTARTS(STR(?g), "%s"))
  GRAPH ?g0 { ?ev a %s }
  GRAPH ?g1 { ?a <%s> ?ev }
  GRAPH ?g3 { ?a <%s> ?pub }
  FILTER(STR(?pub) >= ?from && STR(?pub) < ?to)
}"""


def _candidates(store, blocks: dict[tuple[str, str], set]) -> set[str]:
    """The stored events in `blocks` (`_blocks`): each (class, key) looked up once, its events'
    dates and publication days then held against the windows of the new events that want it."""
    said = sorted((q, w[1], w[2]) for (c, q), ws in blocks.items() if c == STATEMENT for w in ws if w[1] != "~")
    found = _statement_candidates(store, said)
    keys = sorted(k for k in blocks if k[0] != STATEMENT)
    for i in range(0, len(keys), 200):
        values = " ".join(f"({c} {k})" for c, k in keys[i : i + 200])
        for key in (NEWS.participant, NEWS.onPlatform):
            query = CANDIDATES % (values, key, ARTICLE_PREFIX, NEWS.reports, NEWS.date, NEWS.datePublished)
            for c, q, ev, d, pub in store.select(query):
                day, published = d and _lexical(d), pub and _lexical(pub)
                if ev not in found and any(_in_window(w, day, published) for w in blocks[c, q]):
                    found.add(ev)
    return found


def _statement_candidates(store, said: list[tuple[str, str, str]]) -> set[str]:
    """The stored statements of each (speaker, first day, day after the last) in `said`."""
    found = set()
    for i in range(0, len(said), 200):
        values = " ".join(f'({q} "{a}" "{b}")' for q, a, b in said[i : i + 200])
        query = STATEMENT_CANDIDATES % (
            values,
            NEWS.participant,
            ARTICLE_PREFIX,
            STATEMENT,
            NEWS.reports,
            NEWS.datePublished,
        )
        found |= {ev for (ev,) in store.select(query)}
    return found


def _in_window(window: tuple, day: str | None, published: str | None) -> bool:
    days, first, after, loose = window
    if day and any(day.startswith(p) or p.startswith(day) for p in days):
        return True
    if loose and (day is None or days == ("~",)):
        return True  # one side undated: two people and the platform in common at any distance
    return bool(published) and first <= published < after


def _update_links(store, matches: set, touched: set[str], facts: dict[str, EventFacts], previous_links: set) -> set:
    """The links graph after an incremental build: groups of matches with no `touched` event (no
    match of theirs added or dropped) keep their stored links, which `canonical` gave from the
    same matches and facts; the others are made again."""
    previous: dict[str, set] = defaultdict(set)
    for t in previous_links:
        previous[t[0]].add(t)
    component = {e: i for i, members in enumerate(groups(matches)) for e in members}
    redo = {component[e] for e in touched if e in component}
    links = {t for first, ts in previous.items() if first in component and component[first] not in redo for t in ts}
    pairs = {t for t in matches if component[t[0]] in redo}
    needed = {e for a, _, b in pairs for e in (a, b)}
    facts = {e: facts[e] for e in needed & facts.keys()} | _facts_of(store, needed - facts.keys())
    return links | canonical(pairs, facts)


def _facts_of(store, iris: set[str]) -> dict[str, EventFacts]:
    named = sorted(iris)
    return {e.iri: e for i in range(0, len(named), 500) for e in stored_events(store, iris=named[i : i + 500])}


def article_of_event(event: str) -> str:
    """The article graph an event belongs to: <.../id/article-x-event-12> -> .../graph/article-x."""
    iri = event[1:-1]
    return str(GRAPH[iri[iri.rindex("/") + 1 : iri.rindex("-event-")]])
