"""Statements: direct quotes with their speaker, verb, platform and date; 'kata dia' and
'ujarnya' resolve to the last named speaker; 'X membantah bahwa ...' is an indirect statement."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.dates import dates_agree
from kg.document import Doc, Event, Mention, Quote
from kg.extract import component
from kg.extract.clauses import inside_quote
from kg.extract.events import WRITTEN, dominant_platform
from kg.extract.mentions import _add, _introduction, _org_words, _person_entity, role_names
from kg.extract.words import CAP, UP
from kg.lang import Pattern

AFTER = Pattern(r"[\s,]*(?i:($quote_verbs)($enclitics)?)\b")  # matched where a quote ends
BEFORE = Pattern(r"(?i)\b($quote_openers)\b[^\"“]*[:,]?\s*$")
INDIRECT = Pattern(r"(?i)\b($indirect_verbs)\b(?:\s+\S+){0,3}?\s+($complementizers)\b", starts_with="indirect_verbs")
PRONOUN = Pattern(r"(?i)\s*($pronouns)\b")  # matched where the speaker stands
# '"...," Chief Executive Daniel Koh wrote': a subject of up to eight words, then the verb
SUBJECT_VERB = Pattern(r"[\s,]*(?P<subject>(?:[^\s\"“”]+\s+){0,7}?[^\s\"“”]+)\s+(?i:$quote_verbs|$speech_verbs)\b")
NAME_AT_END = re.compile("(?:" + CAP + r"[ \t]+){0,3}" + CAP + r"$")
NAME_AFTER = re.compile(r"\s*((?:[a-z]+\s+){0,4}?)(" + UP + r"[\w'-]+(?:\s+" + UP + r"[\w'-]+){0,3})")
SPACES = re.compile(r"\s*")
NEWLINE = re.compile(r"\n")
HANDLE = re.compile(r"@\w+")
MIN_QUOTE_WORDS = 4


class _Agents:
    """The named agents outside quotes, by offset: persons and handles ('@akun'), for 'ujarnya'
    and 'kata dia', which refer to the last one named."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.persons = [
            m for m in doc.mention_index().by_start if m.entity.kind == "Person" and not inside_quote(doc, m.start)
        ]
        self.ends = [m.end for m in self.persons]  # mentions never overlap: in text order, ends are too
        self.handles = [m.start() for m in HANDLE.finditer(doc.masked) if not inside_quote(doc, m.start())]

    def added(self, mention: Mention) -> None:
        """A person mention found while statements are extracted."""
        if not inside_quote(self.doc, mention.start):
            i = bisect_left(self.ends, mention.end)
            self.ends.insert(i, mention.end)
            self.persons.insert(i, mention)

    def last_before(self, offset: int) -> tuple[int, object] | None:
        """(start, person entity) of the last person mentioned before `offset`, or (start, None) for
        a handle (which wins a tie); None when no one was."""
        i = bisect_right(self.ends, offset) - 1
        person = self.persons[i] if i >= 0 else None
        j = bisect_right(self.handles, offset - 2) - 1  # its '@' and a letter before `offset`
        handle = self.handles[j] if j >= 0 else None
        if handle is not None and (person is None or handle >= person.start):
            return handle, None
        return (person.start, person.entity) if person else None


def _speaker_after(doc: Doc, start: int, end: int, agents: _Agents):
    """The speaker named right after the verb, in doc.masked[start:end] (the rest of the line or
    sentence, looked at in place, not copied): a pronoun, a handle, a known or new person."""
    text = doc.masked
    if PRONOUN.get(doc.lang).match(text, start, end):
        agent = agents.last_before(start)
        return agent[1] if agent else None
    head = SPACES.match(text, start, end).end()
    if HANDLE.match(text, head, end):
        return None
    window_end = min(head + 60, end)
    for m in doc.mentions_in(head, window_end):
        if m.entity.kind == "Person":
            return m.entity
    m = NAME_AFTER.match(text, start, end)
    if m and m.group(1).strip() and next(role_names(doc.lang, m.group(0)), None):
        a = m.start(2)
        entity = _person_entity(doc, m.group(2))
        known = len(doc.mentions)
        _add(doc, a, m.end(2), entity)
        if len(doc.mentions) > known:
            agents.added(doc.mentions[-1])
        return entity
    return None


def _after_speaker(doc: Doc, q: Quote, agents: _Agents):
    line_end = _line_end(doc, q.end)
    m = AFTER.get(doc.lang).match(doc.masked, q.end, line_end)
    if not m:
        return _subject_speaker(doc, q, line_end, agents)
    rest_start = m.end()
    if m.group(2):  # 'ujarnya': the last named speaker
        agent = agents.last_before(q.start)
        return (agent[1] if agent else None), rest_start
    return _speaker_after(doc, rest_start, line_end, agents), rest_start


def _subject_speaker(doc: Doc, q: Quote, line_end: int, agents: _Agents):
    """'"...," Koh said', '"...," Katrin Müller, a spokeswoman for ..., said', '"...," she
    said': the speaker named before the verb that follows the quote; (speaker, where the verb
    ends) or (None, None)."""
    m = SUBJECT_VERB.get(doc.lang).match(doc.masked, q.end, line_end)
    if not m:
        return None, None
    return _subject(doc, *m.span("subject"), agents, q.start), m.end()


def _subject(doc: Doc, a: int, b: int, agents: _Agents, said_at: int):
    """The person the words doc.masked[a:b] name as a verb's subject: a pronoun (the last
    person named before `said_at`), a person mentioned there, a new full name, or a surname
    named in full earlier; None for anything else ('the President')."""
    head = doc.masked[a:b].split(",")[0]  # the name before an apposition
    b = a + len(head.rstrip())
    if PRONOUN.get(doc.lang).fullmatch(head):
        agent = agents.last_before(said_at)
        return agent[1] if agent else None
    for mention in doc.mentions_in(a, b):
        if mention.entity.kind == "Person":
            return mention.entity
    name = NAME_AT_END.search(doc.masked, a, b)
    org_words = _org_words(doc.lang)
    if (
        name is None
        or next(role_names(doc.lang, name.group()), None)
        or any(w in org_words for w in name.group().split())
    ):
        return None  # 'the President said', 'Lumora Holdings Ltd said'
    if len(name.group().split()) < 2:  # 'Sheinbaum said': named in full before
        intro = _introduction(doc, name.group(), name.start())
        if intro is None:
            return None
        _add(doc, *intro, _person_entity(doc, doc.text[intro[0] : intro[1]]))
        first = doc.mention_at(intro[0])
        entity = first.entity if first else _person_entity(doc, name.group())
    else:
        entity = _person_entity(doc, name.group())
    known = len(doc.mentions)
    _add(doc, *name.span(), entity)
    if len(doc.mentions) > known:
        agents.added(doc.mentions[-1])
    return entity


def _line_end(doc: Doc, offset: int) -> int:
    """Where the line with `offset` ends."""
    newlines = doc.memo("newlines", lambda: [m.start() for m in NEWLINE.finditer(doc.masked)])
    i = bisect_left(newlines, offset)
    return newlines[i] if i < len(newlines) else len(doc.masked)


def _before_speaker(doc: Doc, q: Quote):
    sentence = doc.sentence_at(q.start)
    if not sentence or not BEFORE.get(doc.lang).search(doc.masked[sentence.start : q.start]):
        return None
    for m in doc.mentions_in(sentence.start, q.start):
        if m.entity.kind == "Person":
            return m.entity
    return None


def _platform_and_date(doc: Doc, start: int, end: int):
    return doc.first_entity(start, end, "Platform"), doc.first_date(start, end)


@component("statements", requires=["masked", "lang", "quotes", "mentions", "dates"], assigns=["events"])
def statements(doc: Doc) -> None:
    last = None
    fallback = dominant_platform(doc)  # platform mentions stay as they are: speakers are persons
    agents = _Agents(doc)
    for q in doc.quotes:
        if len(q.text.split()) < MIN_QUOTE_WORDS:
            continue
        speaker, rest_start = _after_speaker(doc, q, agents)
        if speaker is None and rest_start is None:
            speaker = _before_speaker(doc, q)
        if speaker is None:
            continue
        sentence = doc.sentence_at(q.start) or doc.sentence_at(q.end - 1)
        span_end = sentence.end if sentence else q.end
        platform, date = _platform_and_date(doc, rest_start or q.end, span_end) if rest_start else (None, None)
        if platform is None and rest_start and WRITTEN.get(doc.lang).match(doc.masked[q.end : rest_start].strip(" ,")):
            platform = fallback  # 'tulis Musk.' in a story about one platform
        if last and last.participants == [speaker.iri] and last.sentence.paragraph == sentence.paragraph:
            last.quote += " " + q.text  # the same speaker's quote, split around its attribution
            last.platform = last.platform or platform
            last.date = last.date or date
            last.extra_sentences.append(sentence)
            continue
        last = Event("Statement", sentence, "quote", q.start, [speaker.iri], platform=platform, date=date, quote=q.text)
        doc.events.append(last)
    indirect_statements(doc)
    reported_speech(doc, agents)
    merge_same_speaker(doc)


def merge_same_speaker(doc: Doc) -> None:
    """One speaker's quotes and reported words in an article are one statement, unless they were
    said on different days (a post last week, words today)."""
    kept: list[Event] = []
    said: dict = {}  # speakers -> the statements kept for them
    others = [e for e in doc.events if e.cls != "Statement"]
    for ev in sorted((e for e in doc.events if e.cls == "Statement"), key=lambda e: e.sentence.start):
        day = ev.date and ev.date.value
        prev = next(
            (p for p in said.get(tuple(ev.participants), []) if dates_agree(p.date and p.date.value, day)), None
        )
        if prev is None:
            kept.append(ev)
            said.setdefault(tuple(ev.participants), []).append(ev)
            continue
        if ev.quote:
            prev.quote = f"{prev.quote} {ev.quote}" if prev.quote else ev.quote
        prev.platform = prev.platform or ev.platform
        prev.date = prev.date or ev.date
        if ev.sentence is not prev.sentence:
            prev.extra_sentences.append(ev.sentence)
    doc.events[:] = others + kept


REPORTED_AFTER = Pattern(
    r",\s*(?P<subject>(?:[^\s,\"“”]+\s+){0,3}?[^\s,\"“”]+)\s+(?i:$reported_verbs)\b[^\n,]*?[.!?]?\s*$"
)
REPORTED = Pattern(r",\s*(?i:($reported_verbs))($enclitics)?\b(?P<rest>[^\n]*?)[.!?]?\s*$")
ACCORDING = Pattern(r"^(?:(?i:$reported_by))\s+(?P<rest>[^,]{3,80}),")


def reported_speech(doc: Doc, agents: _Agents) -> None:
    """'Pertemuan itu membahas investasi, kata Menteri Luhut.' and 'Menurut Budi, ...': speech
    without quotation marks."""
    for s in doc.sentences:
        text = doc.masked[s.start : s.end]
        if doc.quote_overlaps(s.start, s.end):
            continue
        m = REPORTED.get(doc.lang).search(text)
        if m:
            agent = agents.last_before(s.start + m.start()) if m.group(2) else None
            speaker = (
                agent[1] if agent else _speaker_after(doc, s.start + m.start("rest"), s.start + m.end("rest"), agents)
            )
        elif m := ACCORDING.get(doc.lang).match(text):
            speaker = _speaker_after(doc, s.start + m.start("rest"), s.start + m.end("rest"), agents)
        elif m := REPORTED_AFTER.get(doc.lang).search(text):  # '..., Taddei said.'
            speaker = _subject(
                doc, s.start + m.start("subject"), s.start + m.end("subject"), agents, s.start + m.start()
            )
        else:
            continue
        if speaker is not None:
            platform, date = _platform_and_date(doc, s.start, s.end)
            doc.events.append(
                Event(
                    "Statement",
                    s,
                    m.group(0).split()[0].strip(",").lower(),
                    s.start + m.start(),
                    [speaker.iri],
                    platform=platform,
                    date=date,
                )
            )


def indirect_statements(doc: Doc) -> None:
    for s in doc.sentences:
        for m in INDIRECT.get(doc.lang).finditer(doc.masked[s.start : s.end]):
            verb_at = s.start + m.start(1)
            if inside_quote(doc, verb_at):
                continue
            last = next(
                (
                    x
                    for x in doc.mentions_in(s.start, verb_at, reverse=True)
                    if x.end <= verb_at and x.entity.kind == "Person"
                ),
                None,
            )
            if last is None or verb_at - last.end > 40:
                continue
            platform, date = _platform_and_date(doc, s.start, s.end)
            doc.events.append(
                Event("Statement", s, m.group(1), verb_at, [last.entity.iri], platform=platform, date=date)
            )
