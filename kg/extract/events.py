"""Events: a trigger lexicon per event class; participants, platform and date from the clause
around the trigger (else the sentence); claims kept as claims; repeated mentions of one event
within an article merged into one."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.dates import dates_agree
from kg.document import Doc, Event
from kg.extract import component
from kg.extract.clauses import (
    ABILITY,
    ANAPHOR,
    ANAPHOR_BEFORE,
    IRREALIS,
    NEGATION,
    clause_bounds,
    inside_quote,
    running_text,
    stem,
)
from kg.extract.mentions import _add
from kg.extract.words import UP
from kg.lang import Pattern, event_types, language, without_legal_form, word_set, words_rx

# 'diskusi di X', 'a conversation on X': a public conversation on a platform named within 40
# characters of the same sentence is an interview
CONVERSATION = Pattern(r"(?i)\b($conversation_words)\b", starts_with="conversation_words")
VIA = Pattern(r"(?i)\b(?:$via)\s+")
SENTENCE_BREAK = re.compile(r"[.\n]")
NOT_TRIGGER = Pattern(r"(?i)($not_triggers)")
CLAIM = Pattern(r"(?i)\b($claim_verbs)\b", starts_with="claim_verbs")
# What must follow the trigger in its clause: 'membeli perusahaan/Twitter', 'mendukung Trump'.
# (matched where the trigger ends)
ACQUIRED = Pattern(r"(?i)\W*(?:\w+\s+){0,5}?($company_words)\b")
OBJECT_NAME = Pattern(r"\s+(?:(?i:$company_words)\s+)?(" + UP + r"[\w.-]+(?:\s+" + UP + r"[\w.-]+){0,3})")
COMPANY_WORD = Pattern(r"(?i)\b($company_nouns)\b")
COMMENT = Pattern(r"(?i)\b(?:$comment_verbs)\b")
COMPANY_ANAPHOR = Pattern(r"(?i)\b(?:$company_anaphors)\b")
INITIALS_BEFORE = Pattern(r"(?i)\b(?:$initials_before)[ \t]*$")
POSSESSIVE = Pattern(r"(?i)(?:$possessives|\w+(?:$possessive_suffixes))")  # 'his car', 'mobilnya'
PRONOUN_SUBJECT = Pattern(r"(?i)\b($pronouns)\b")
ATTRIBUTION = Pattern(r"(?i)\b($attribution)\s+(?:[\w-]+\s+){0,4}$")
PASSIVE = Pattern(r"(?i)^(?:(?:$passive_prefixes)\w+|$passive_words)$")
WRITTEN = Pattern(r"(?i)^($written_verbs)")
# 'Arkana Digital, a technology company listed on the Indonesia Stock Exchange, has agreed to buy':
# what an apposition names only describes the name before it
RELATIVE_ASIDE = Pattern(
    r",[ \t]+(?:$relative_pronouns)\b[^,.;\"“”]{1,150}(?:,|(?=[.;]|$))"
)  # ', who was elected in 2020,' (or to the clause's end)
APPOSITION = Pattern(r",[ \t]+(?:$articles)[ \t]+[^,.;\"“”]{1,120},")


def _adjacent(between: str, after: bool, lang: str) -> bool:
    """No clause break between a trigger and a person after it: 'diblokir di Brasil, Elon Musk
    sebut' is cut, but not 'arrested a student, identified as FA'; a person before the trigger is
    its subject ('Durov, ditangkap')."""
    return not after or "," not in between or INITIALS_BEFORE.get(lang).search(between) is not None


@cache
def _triggers(code: str) -> tuple[dict[str, re.Pattern], re.Pattern]:
    r"""The trigger pattern of each event class in language `code`, and where a trigger of any
    class starts: one pass over the text finds the few places each class's pattern then needs
    to be tried at, instead of one pass per class. (Every trigger starts with a letter: '(?=\w)'
    rules out the other places at once.)"""
    words = {cls: words_rx(ws) for cls, ws in language(code).triggers.items() if ws}
    by_class = {cls: re.compile(r"(?<![\w-])(?:" + rx + r")(?![\w-])", re.I) for cls, rx in words.items()}
    anywhere = re.compile(r"(?<![\w-])(?=\w)(?=(?:" + "|".join(words.values()) + r")(?![\w-]))", re.I)
    return by_class, anywhere


def _in_name(doc: Doc, sentence, start: int) -> bool:
    """A capitalised trigger inside a running sentence belongs to a name ('Komisi Pemilihan Umum')."""
    word = doc.masked[start : start + 30].split()[0]
    if sentence.is_title or start == sentence.start or not (word[0].isupper() and word[1:].islower()):
        return False
    return running_text(doc, sentence)


def _blocked(doc: Doc, start: int, end: int, clause_start: int, clause_end: int, cls: str) -> bool:
    # NEGATION and IRREALIS end where the trigger starts and span six words at most: a long clause
    # is cut to its last six words rather than copied and searched whole for every trigger in it
    before = (
        doc.masked[clause_start:start]
        if start - clause_start <= 200
        else _last_words(doc.masked, clause_start, start, 6)
    )
    return (
        inside_quote(doc, start)
        or _in_name(doc, doc.sentence_at(start), start)
        or doc.mention_at(start) is not None  # part of a name
        or NOT_TRIGGER.get(doc.lang).search(doc.masked[max(0, start - 10) : end + 12]) is not None
        or NEGATION.get(doc.lang).search(before) is not None
        or (IRREALIS.get(doc.lang).search(before) is not None and not event_types()[cls].plans_count)
        or _first_end(doc, ABILITY.get(doc.lang), clause_start, clause_end) <= start
    )


def _last_words(text: str, start: int, end: int, n: int) -> str:
    """text[start:end] cut to its last `n` whitespace-separated words."""
    i = end
    for _ in range(n):
        while i > start and text[i - 1].isspace():
            i -= 1
        while i > start and not text[i - 1].isspace():
            i -= 1
    return text[i:end]


def _first_end(doc: Doc, words: re.Pattern, start: int, end: int) -> float:
    """Where the first of `words` ('bisa', 'dapat') in the clause [start, end) ends, infinity if none:
    one ending before a trigger precedes it (a trigger starts a word: no word runs into it)."""

    def find() -> float:
        m = words.search(doc.masked[start:end])
        return start + m.end() if m else float("inf")

    return doc.memo((words.pattern, start, end), find)


def _clause_mentions(doc: Doc, a: int, b: int, seen: dict) -> tuple[list, list]:
    """The persons and the organisations in the clause [a, b) that can take part: outside quotes
    and appositions, not named as a source ('kata X'). Remembered in `seen` for the clause's other triggers, until
    mentions are added."""
    key = (a, b, len(doc.mentions))
    if key not in seen:
        asides = [(a + x.start(), a + x.end()) for x in APPOSITION.get(doc.lang).finditer(doc.masked[a:b])]
        ms = [
            m
            for m in doc.mentions_in(a, b)
            if not inside_quote(doc, m.start)
            and not ATTRIBUTION.get(doc.lang).search(doc.masked[max(a, m.start - 30) : m.start])
            and not any(x <= m.start < y for x, y in asides)
        ]
        seen[key] = ([m for m in ms if m.entity.kind == "Person"], [m for m in ms if m.entity.kind == "Organization"])
    return seen[key]


def _agents(
    doc: Doc, a: int, b: int, ms: tuple[list, list], trigger_at: int, cls: str, related: dict
) -> tuple[list, list]:
    """Participants and claimants among the persons and organisations `ms` of the clause [a, b):
    persons (else organisations); whoever stands before a claim verb that precedes the trigger
    only claims the event. `related` maps a subject of the article's relations to their objects."""
    claims = doc.memo(
        ("claims", a, b), lambda: [(a + m.start(), a + m.end()) for m in CLAIM.get(doc.lang).finditer(doc.masked[a:b])]
    )
    # the last claim verb before the trigger (a trigger starts a word: no verb runs into it)
    i = bisect_right(claims, trigger_at, key=lambda c: c[1]) - 1
    claim = claims[i][0] if i >= 0 else None
    people, organisations = ms
    kind = event_types()[cls]
    if kind.organizations_take_part:  # the director who confirms the attack comments on it
        comment = COMMENT.get(doc.lang)
        people = [m for m in people if m.start > trigger_at or not comment.search(doc.masked, m.end, trigger_at)]
    if organisations and kind.organizations_first:
        people = organisations  # the company that lays off, not the staff it lets go
    elif not people and kind.organizations_take_part:
        people = organisations
    anaphor = (
        not people and kind.organizations_take_part and COMPANY_ANAPHOR.get(doc.lang).search(doc.masked, a, trigger_at)
    )
    if anaphor:
        company = _company_antecedent(doc, anaphor.start())  # 'Perusahaan itu memangkas 120 karyawan'
        if company is not None:
            return [company], []
    pronoun = PRONOUN_SUBJECT.get(doc.lang).search(doc.masked, a, trigger_at)
    if pronoun and not any(m.start < trigger_at for m in people):
        # 'Prabowo disclosed that he had held a phone call with ...': 'he' is the last person named
        earlier = _last_person(doc, max(0, a - 2000), pronoun.start())
        if earlier is not None:
            people = [earlier, *people]
    # 'Kiriyenko, wakil kepala staf pertama Putin': Putin only qualifies Kiriyenko's role
    qualifiers = {o for iri in {m.entity.iri for m in people} for o in related.get(iri, ())}
    people = [m for m in people if m.entity.iri not in qualifiers]
    claimed = [m for m in people if claim is not None and m.start < claim]
    people = [m for m in people if claim is None or m.start >= claim]
    if kind.one_participant and people:
        # the nearest person not cut off by a comma: 'X diblokir di Brasil, Elon Musk sebut...'
        near = [
            m
            for m in people
            if _adjacent(doc.masked[min(m.end, trigger_at) : max(m.start, trigger_at)], m.start > trigger_at, doc.lang)
        ]
        people = [min(near, key=lambda m: abs(m.start - trigger_at))] if near else []
    if kind.victim and not people:
        # 'Musk, who endorsed Trump in July after an assassination attempt': the nearest person before
        sentence = doc.sentence_at(trigger_at)
        last = _last_person(doc, sentence.start, trigger_at)
        if last is None and _possessed(doc, trigger_at):
            # 'gunmen ambushed his vehicle', 'mobilnya ditembaki': the person named last before
            last = _last_person(doc, max(0, sentence.start - 2000), sentence.start)
        people = [last] if last else []
    return list(dict.fromkeys(m.entity.iri for m in people)), list(dict.fromkeys(m.entity.iri for m in claimed))


def _last_person(doc: Doc, start: int, end: int):
    """The last person mentioned in [start, end) outside quotes, or None."""
    return next(
        (
            m
            for m in doc.mentions_in(start, end, reverse=True)
            if m.entity.kind == "Person" and not inside_quote(doc, m.start)
        ),
        None,
    )


def _possessed(doc: Doc, trigger_at: int) -> bool:
    """Does a possessive stand next to the trigger ('ambushed his vehicle', 'mobilnya ditembaki')?"""
    before = doc.masked[max(0, trigger_at - 25) : trigger_at].split()[-1:]
    after = doc.masked[trigger_at : trigger_at + 60].split()[1:3]
    rx = POSSESSIVE.get(doc.lang)
    return any(rx.fullmatch(w) for w in before + after if w not in word_set(doc.lang, "not_possessive"))


def _acquired(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Is something bought? After an active trigger: a company word, a known organisation or
    platform, or a capitalised name (which then becomes an organisation mention); before a
    passive one ('platform itu dibeli Musk', 'was acquired by'): a company word or a known name."""
    if PASSIVE.get(doc.lang).match(doc.masked[start:end]):
        if (
            _first_end(doc, COMPANY_WORD.get(doc.lang), clause_start, clause_end) <= start
            or doc.first_entity(clause_start, start, "Platform")
            or doc.first_entity(clause_start, start, "Organization")
        ):
            return True
    # what follows the trigger in its clause, read in place
    if (
        ACQUIRED.get(doc.lang).match(doc.masked, end, clause_end)
        or doc.first_entity(end, clause_end, "Platform")
        or doc.first_entity(end, clause_end, "Organization")
    ):
        return True
    m = OBJECT_NAME.get(doc.lang).match(doc.masked, end, clause_end)
    if not m or m.group(1).split()[0] in word_set(doc.lang, "not_name"):
        return False
    _add(doc, m.start(1), m.end(1), doc.gazetteer.entity("Organization", m.group(1)))
    doc.sort_mentions()
    return True


def _person_after(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Support for a decision or a plan is not an endorsement of someone: a person must follow."""
    return any(m.entity.kind == "Person" for m in doc.mentions_in(end, min(clause_end, end + 80)))


def _product(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Something is launched: a platform, or a product noun or capitalised name after an active
    trigger ('meluncurkan ponsel Nova 5', 'launched SENA'); a platform or a capitalised name
    before a passive one ('SENA was unveiled', 'Nova 4 diluncurkan')."""
    if PASSIVE.get(doc.lang).match(doc.masked[start:end]) or doc.masked[
        max(clause_start, start - 5) : start
    ].strip() in ("was", "were"):
        before = doc.masked[clause_start:start]
        return (
            doc.first_entity(clause_start, start, "Platform") is not None or PRODUCT_BEFORE.search(before) is not None
        )
    return (
        doc.first_entity(end, clause_end, "Platform") is not None
        or PRODUCT_AFTER.get(doc.lang).match(doc.masked, end, clause_end) is not None
    )


PRODUCT_AFTER = Pattern(r"(?:\s+[a-z]+){0,2}?\s+(?:(?i:$product_words)\b|" + UP + r"\w*[A-Z0-9])")
PRODUCT_BEFORE = re.compile(UP + r"\w*(?:\s+\w+)?\s*$")

STAFF_AFTER = Pattern(r"(?i)(?:[ \t]+[\w.,%-]+){0,5}?[ \t]+(?:$staff_nouns)\b")


def _staff(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A cut verb is a layoff when staff follow it in its clause ('memangkas sekitar 300
    karyawan', 'dismissed about 300 people'); other layoff triggers always are."""
    return not _cut_verb(doc, start, end) or STAFF_AFTER.get(doc.lang).match(doc.masked, end, clause_end) is not None


def _someone_elected(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """'elected' alone is an election when a person follows it ('PKRN elected Yohana Simanjuntak
    as chair'), not in 'elected officials'; other election triggers always are."""
    if not _trigger_in(doc, start, end, "bare_election_verbs"):
        return True
    return _person_after(doc, start, end, clause_start, clause_end)


def _app_cut_off(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A cut verb is a ban when an app follows it in its clause ('cut off the Singapore short-video
    app Vidura'), not a service ('cut voice services', an outage); other ban triggers always are."""
    if not _cut_verb(doc, start, end):
        return True
    if SERVICE_AFTER.get(doc.lang).match(doc.masked, end, clause_end):
        return False
    app = doc.first_entity(end, clause_end, "Platform")
    return app is not None or THE_APP_AFTER.get(doc.lang).match(doc.masked, end, clause_end) is not None


SERVICE_AFTER = Pattern(r"(?i)(?:[ \t]+[\w.,%-]+){0,4}?[ \t]+(?:$service_nouns)\b")


def _service(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A cut verb is an outage when a service follows it in its clause ('cut voice and data
    services', 'cut off internet service'); other outage triggers always are."""
    return not _cut_verb(doc, start, end) or SERVICE_AFTER.get(doc.lang).match(doc.masked, end, clause_end) is not None


def _cut_verb(doc: Doc, start: int, end: int) -> bool:
    """Is the trigger at [start, end) a cut verb ('cut', 'memangkas'), an event only by what it cuts?"""
    return _trigger_in(doc, start, end, "cut_verbs")


def _trigger_in(doc: Doc, start: int, end: int, words: str) -> bool:
    """Is the trigger at [start, end) one of the language's word list `words`?"""
    return doc.masked[start:end].lower() in word_set(doc.lang, words)


# The checks an event type's `needs` names (kg/lang/events.toml)
NEEDS = {
    "": lambda *_: True,
    "object": _acquired,
    "person after": _person_after,
    "product": _product,
    "staff": _staff,
    "service": _service,
    "someone elected": _someone_elected,
    "app cut off": _app_cut_off,
}


OBJECT_KINDS = ("Platform", "Organization", "Person")
OBJECT_BREAK = Pattern(r"(?i)\b(?:$object_breaks)\b")


def _acted_on(doc: Doc, start: int, end: int, clause_start: int, clause_end: int):
    """What the event acts on: the first name after an active trigger in its clause ('memblokir
    aplikasi Tambang Cuan', 'suspended the account of Ibáñez'), the last before a passive one
    ('Akun X-nya diblokir'), the app the article is about after 'blocked the app'; None when the
    clause names none."""
    if PASSIVE.get(doc.lang).match(doc.masked[start:end]):
        found = [m for m in doc.mentions_in(clause_start, start) if m.entity.kind in OBJECT_KINDS]
        return found[-1].entity.iri if found else None
    found = next((m for m in doc.mentions_in(end, clause_end) if m.entity.kind in OBJECT_KINDS), None)
    if found is None or OBJECT_BREAK.get(doc.lang).search(doc.masked, end, found.start):
        # 'blocked the app and two dozen mirror sites'
        return dominant_platform(doc) if THE_APP_AFTER.get(doc.lang).match(doc.masked, end, clause_end) else None
    return found.entity.iri


def _event_date(doc: Doc, a: int, b: int, end: int, sentence_end: int):
    """The event's date: the first in its clause [a, b), else after its trigger (`end`) in its
    sentence; not one in a quote or in a relative clause the trigger is not in ('Darmawan, who
    was elected in 2020, threw his weight behind Yohana last month'), and the dateline's (the
    day the report was filed) only when the sentence gives no other."""
    pieces = _outside_asides(doc, a, b, end)
    for datelines in (True, False):
        for x, y in [*pieces, (end, sentence_end)]:
            date = doc.first_date(x, y, True, datelines)
            if date:
                return date
    return None


def _outside_asides(doc: Doc, a: int, b: int, trigger_end: int) -> list[tuple[int, int]]:
    """The stretches of the clause [a, b) to read the trigger's date in: the relative clause set
    off by commas that holds the trigger, if one does; then the clause outside the others."""
    pieces, at, own = [], a, []
    for m in RELATIVE_ASIDE.get(doc.lang).finditer(doc.masked, a, b):
        if m.start() < trigger_end <= m.end():
            own = [(m.start(), m.end())]  # ', who allegedly defaced 40 websites in June,'
        else:
            pieces.append((at, m.start()))
            at = m.end()
    return [*own, *pieces, (at, b)]


# 'LivoChat is operated by Livo Media', 'Dompet Rezeki yang dioperasikan PT ...', 'kanal Telegram
# milik Bayang Nusantara', 'Aplikasi yang dioperasikan PT ...' (the article's app)
OPERATED_BY = Pattern(r"(?i)[ \t]*,?[ \t]+(?:(?:yang|is|was|which is)[ \t]+)?(?:$operated_by)[ \t]+$")
THE_APP_AFTER = Pattern(r"(?i)[ \t]+(?:$the_app)\b")
THE_APP = Pattern(r"(?i)(?:^|(?<=[\s(]))(?:$the_app)$")


def operators(doc: Doc) -> dict:
    """Platform -> the organisation or person the article says runs or owns it."""

    def find() -> dict:
        found: dict = {}
        platforms = {m.entity.label.casefold(): m.entity.iri for m in doc.mentions if m.entity.kind == "Platform"}
        for i, after in enumerate(doc.mentions):
            if after.entity.kind not in ("Organization", "Person"):
                continue
            sentence = doc.sentence_at(after.start)
            gap = doc.masked[sentence.start if sentence else 0 : after.start]
            cue = OPERATED_BY.get(doc.lang).search(gap)
            if cue is None:
                continue
            before = gap[: cue.start()].rstrip(" ,").casefold()
            named = next(
                (iri for label, iri in platforms.items() if re.search(rf"(?<!\w){re.escape(label)}$", before)), None
            )
            if named is None and THE_APP.get(doc.lang).search(before):
                earlier = [m.entity.iri for m in doc.mentions[:i] if m.entity.kind == "Platform"]
                named = dominant_platform(doc) or (earlier[-1] if earlier else None)
            if named is not None:
                found.setdefault(named, after.entity.iri)
        return found

    return doc.memo(("operators",), find)


def _company_antecedent(doc: Doc, at: int):
    """The company 'the company' at `at` stands for: the first organisation (or platform, for its
    company) of its sentence, else of the sentence before: a sentence's subject comes first; else
    the company, or the app, the article is about."""
    sentence = doc.sentence_at(at)
    if sentence is None:
        return None
    stretches = [(sentence, at)]
    earlier = doc.sentence_before(sentence)
    if earlier is not None:
        stretches.append((earlier, earlier.end))
    for s, end in stretches:
        for m in doc.mentions_in(s.start, end):
            if m.entity.kind == "Organization" and not doc.in_quote(m.start):
                return m.entity.iri
            if m.entity.kind == "Platform" and not doc.in_quote(m.start):
                party = _acted_on_party(doc, m.entity.iri)
                return party[0] if party else m.entity.iri  # the app stands for its company
    return main_company(doc) or dominant_platform(doc)


def main_company(doc: Doc):
    """The organisation the article is about: the one mentioned most, at least twice, a platform's
    mentions counting for the company the article names for it (`_acted_on_party`); or None."""

    def find():
        counts: Counter = Counter()
        for m in doc.mentions:
            if m.entity.kind == "Organization":
                counts[m.entity.iri] += 1
            elif m.entity.kind == "Platform":
                for party in _acted_on_party(doc, m.entity.iri)[:1]:
                    if doc.entities[party].kind == "Organization":
                        counts[party] += 1
        return _counted_most(counts)

    return doc.memo(("main company",), find)


def _acted_on_party(doc: Doc, iri) -> list:
    """Who takes part in an event that acts on `iri`: the person or organisation itself, or, for
    a platform, the company the article names after it ('KoinRaya' and 'KoinRaya Global Ltd')."""
    acted_on = doc.entities.get(iri)
    if acted_on is None:
        return []
    if acted_on.kind in ("Person", "Organization"):
        return [iri]
    if acted_on.kind == "Platform":
        operator = operators(doc).get(iri)
        if operator is not None:
            return [operator]
        name = acted_on.label.casefold()
        for m in doc.mentions:
            label = without_legal_form(m.entity.label).casefold()
            if m.entity.kind == "Organization" and label != name and label.startswith(name + " "):
                return [m.entity.iri]
    return []


def _mentions(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start, end, class, trigger) for every trigger occurrence, in text order."""
    by_class, anywhere = _triggers(doc.lang)
    starts = [m.start() for m in anywhere.finditer(doc.masked)]
    found = [
        (m.start(), m.end(), cls, m.group())
        for cls, rx in by_class.items()
        for m in _matches_at(rx, doc.masked, starts)
    ]
    if any(m.entity.kind == "Platform" for m in doc.mentions):
        found += [(m.start(1), m.end(1), "Interview", m.group(1)) for m in _conversations(doc)]
    return sorted(found)


def _conversations(doc: Doc) -> Iterator[re.Match]:
    text, via = doc.masked, VIA.get(doc.lang)
    for m in CONVERSATION.get(doc.lang).finditer(text):
        cut = SENTENCE_BREAK.search(text, m.end(), m.end() + 41)
        limit = cut.start() if cut else m.end() + 40
        for v in via.finditer(text, m.end(), min(len(text), limit + 40)):
            if v.start() > limit:
                break
            platform = doc.mention_at(v.end())
            if platform is not None and platform.start == v.end() and platform.entity.kind == "Platform":
                yield m
                break


def _matches_at(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """What rx.finditer(text) finds, given that its matches can only start at `starts` (ascending)."""
    end = 0
    for at in starts:
        if at >= end:
            m = rx.match(text, at)  # lookbehinds still see the text before `at`
            if m:
                yield m
                end = m.end()


def most_mentioned(doc: Doc, kind: str):
    """The entity of `kind` the article is about: the one mentioned most, at least twice (the
    first named of those tied), or None."""
    return _counted_most(Counter(m.entity.iri for m in doc.mentions if m.entity.kind == kind))


def _counted_most(counts: Counter):
    """The key counted most, at least twice (the first counted of those tied), or None."""
    if not counts or max(counts.values()) < 2:
        return None
    top = max(counts.values())
    return next(key for key, n in counts.items() if n == top)


def dominant_platform(doc: Doc):
    """The platform the article is about."""
    return most_mentioned(doc, "Platform")


def _same_event(old: Event, new: Event, anaphoric: bool, lang: str, published: str | None = None) -> bool:
    """Is `new` another mention of `old`? An anaphor ('wawancara tersebut') says so whatever
    the date near it; otherwise dates must agree, and the participants, or the trigger stem, or
    `old` is in the headline. An event dated a month or more before the article's publication
    (`published`) is background, never the undated event the article reports."""
    dates = old.date and old.date.value, new.date and new.date.value
    if old.cls != new.cls or not (anaphoric or dates_agree(*dates, slack=0)):  # one article, one time zone
        return False
    if not anaphoric and (old.date is None) != (new.date is None):
        dated = (old.date or new.date).value
        if published and dated[:7] < _month_before(published):
            return False
    p, q = set(old.participants), set(new.participants)
    if new.sentence is old.sentence:
        # 'pemutusan hubungan kerja (PHK)': two triggers, one event; but 'X mendapat dukungan dari
        # Y, sementara Z menyatakan dukungan kepada W' tells two
        return not (p and q and not p & q)
    if not (p <= q or q <= p):
        return False
    if anaphoric or not p or not q or stem(old.trigger, lang) == stem(new.trigger, lang):
        return True
    if old.sentence.is_title and not old.extra_sentences:
        return True  # the headline tells the event the body then reports first: 'talk' / 'interviewed'
    return p == q and old.date is not None and old.date == new.date  # 'percobaan pembunuhan' / 'penembakan'


def _named_with(doc: Doc, event: Event, iri) -> bool:
    """Do the event's sentences, or the one before its first, name `iri` (outside quotes)?
    ('Belanjaria has had a difficult year. Hackers stole the data of 3.2 million customers')"""
    sentences = [doc.sentence_before(event.sentence), event.sentence, *event.extra_sentences]
    return iri is not None and any(
        m.entity.iri == iri and not doc.in_quote(m.start)
        for s in sentences
        if s is not None
        for m in doc.mentions_in(s.start, s.end)
    )


def _recent(date: str, published: str | None) -> bool:
    """Does `date` agree with the publication day or fall in the week before it?"""
    if published is None or dates_agree(date, published):
        return True
    if len(date) != 10 or len(published) < 10:
        return False
    days = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(date)).days
    return 0 <= days <= 7


def _month_before(day: str) -> str:
    """'2024-09-09' -> '2024-08': the month before a day's month."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"


def _merge(old: Event, new: Event, anaphoric: bool) -> None:
    """Fold a repeated mention into the event; an anaphor ('penangkapan itu') adds evidence, not
    the people around it, who comment on the event rather than take part."""
    if not anaphoric:
        old.participants += [p for p in new.participants if p not in old.participants]
        old.claimed_by += [p for p in new.claimed_by if p not in old.claimed_by]
    old.platform = old.platform or new.platform
    if not anaphoric:
        old.date = old.date or new.date
    old.extra_sentences.append(new.sentence)


@dataclass
class EventMention:
    """One trigger occurrence that passed its checks: where it stands and in which clause; the
    `event` it tells, once `event_details` has filled it in."""

    cls: str
    trigger: str
    start: int
    end: int
    sentence: object
    clause: tuple[int, int]
    anaphoric: bool = False
    event: Event | None = None


@component(
    "event_triggers",
    requires=["masked", "lang", "sentences", "quotes", "mentions", "dates"],
    assigns=["event_mentions"],
)
def event_triggers(doc: Doc) -> None:
    """The trigger words of every event class in the article's language that are events here:
    not negated, hypothetical, quoted or part of a name, and passing their class's check."""
    for start, end, cls, trigger in _mentions(doc):
        sentence = doc.sentence_at(start)
        if sentence is None:
            continue
        a, b = clause_bounds(doc, sentence, start)
        if _blocked(doc, start, end, a, b, cls) or not NEEDS[event_types()[cls].needs](doc, start, end, a, b):
            continue
        doc.event_mentions.append(EventMention(cls, trigger, start, end, sentence, (a, b)))


@component("event_details", requires=["event_mentions", "relations"], assigns=["event_mentions"])
def event_details(doc: Doc) -> None:
    """Each trigger's event: participants and claimants from its clause, platform, date and what
    it acts on. A trigger that points back at an earlier one of its class ('wawancara tersebut',
    'the attack') takes no participants: around an anaphor stand commenters."""
    fallback = dominant_platform(doc)
    related: dict = {}
    for r in doc.relations:
        related.setdefault(r.subject, set()).add(r.object)
    seen: set[str] = set()
    clause_mentions: dict = {}
    for em in doc.event_mentions:
        start, end, cls, sentence, (a, b) = em.start, em.end, em.cls, em.sentence, em.clause
        em.anaphoric = cls in seen and (
            ANAPHOR.get(doc.lang).match(doc.masked[end : end + 30]) is not None
            or ANAPHOR_BEFORE.get(doc.lang).search(doc.masked[max(a, start - 20) : start]) is not None
        )
        seen.add(cls)
        participants, claimed = (
            ([], [])
            if em.anaphoric
            else _agents(doc, a, b, _clause_mentions(doc, a, b, clause_mentions), start, cls, related)
        )
        # what a quote in the sentence says is no evidence of where or when the event was
        platform = doc.first_entity(a, b, "Platform", outside_quotes=True) or doc.first_entity(
            sentence.start, sentence.end, "Platform", outside_quotes=True
        )
        if platform is None and event_types()[cls].platform_fallback:
            platform = fallback
        date = _event_date(doc, a, b, end, sentence.end)
        kind = event_types()[cls]
        event = Event(cls, sentence, em.trigger, start, participants, claimed, platform, date)
        if kind.object:
            event.object = _acted_on(doc, start, end, a, b)
            if kind.object_takes_part and not em.anaphoric:
                event.participants = _acted_on_party(doc, event.object)
        em.event = event


@component("event_merging", requires=["event_mentions", "published"], assigns=["events"])
def event_merging(doc: Doc) -> None:
    """Repeated mentions of one event in the article are one event: the same class with agreeing
    dates and participants, the same trigger stem, the headline and the body's first report, two
    triggers in one sentence, an anaphor, or an undated later mention."""
    found: list[Event] = []
    found_by_class: dict[str, list[Event]] = {}
    current = doc.published.value if doc.published else None
    for em in doc.event_mentions:
        event, cls, anaphoric = em.event, em.cls, em.anaphoric
        same = next(
            (e for e in reversed(found_by_class.get(cls, [])) if _same_event(e, event, anaphoric, doc.lang, current)),
            None,
        )
        if same is None and event.date is None:
            # an undated mention of a class the article already reports (not as background: dated
            # a week or more before it) is that event told again, or a comment on it, not another
            same = next(
                (e for e in found_by_class.get(cls, []) if e.date is None or _recent(e.date.value, current)), None
            )
            anaphoric = anaphoric or same is not None
        if same:
            _merge(same, event, anaphoric)
        else:
            found.append(event)
            found_by_class.setdefault(cls, []).append(event)
    main = main_company(doc)
    for event in found:
        kind = event_types()[event.cls]
        if not event.participants and kind.main_organization:
            # 'the app was down for hours': the company the article says runs the event's
            # platform, else the organisation the article is about, else the platform standing
            # for its company (where the event's sentences name it, and no one only claims it)
            party = _acted_on_party(doc, event.platform) if event.platform else []
            if not party and main:
                party = [main]
            if (
                not party
                and kind.platform_takes_part
                and not event.claimed_by
                and _named_with(doc, event, event.platform)
            ):
                party = [event.platform]
            event.participants = party
    doc.events.extend(found)
