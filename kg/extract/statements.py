"""Statements: direct quotes with their speaker, verb, platform and date; 'kata dia' and
'ujarnya' resolve to the last named speaker; 'X membantah bahwa ...' is an indirect statement."""
from __future__ import annotations

import re

from kg.document import Doc, Event, Quote
from kg.extract import component
from kg.extract.clauses import inside_quote
from kg.extract.events import WRITTEN, dominant_platform
from kg.extract.mentions import NAME_SEQ, _add, _person_entity

VERBS = (r"kata|ujar|ucap|tulis|ungkap|tegas|jelas|terang|tutur|imbuh|tambah|sebut|cetus|kicau|lanjut|"
         r"papar|pungkas|akui|said|says|wrote|added|told")
AFTER = re.compile(r"^[\s,]*(?i:(" + VERBS + r")(nya)?)\b(?P<rest>[^\n]*)")
BEFORE = re.compile(r"(?i)\b(berkata|mengatakan|menulis|menuliskan|mengungkapkan|menegaskan|menjelaskan|"
                    r"menyatakan|menambahkan|mencuit|said|wrote|menurut)\b[^\"“]*[:,]?\s*$")
INDIRECT = re.compile(r"(?i)\b(mengatakan|menyatakan|membantah|menegaskan|mengungkapkan|menyebut|mengklaim|"
                      r"mengakui|menuturkan|menjelaskan|said|denied|claimed)\b(?:\s+\S+){0,3}?\s+(bahwa|that)\b")
PRONOUN = re.compile(r"(?i)^\s*(dia|ia|beliau|mereka|he|she)\b")
HANDLE = re.compile(r"@\w+")
MIN_QUOTE_WORDS = 4


def _agents_before(doc: Doc, offset: int) -> list[tuple[int, object]]:
    """Named agents (persons, or handles as None) mentioned before `offset`, outside quotes."""
    out = [(m.start, m.entity) for m in doc.mentions
           if m.end <= offset and m.entity.kind == "Person" and not inside_quote(doc, m.start)]
    out += [(m.start(), None) for m in HANDLE.finditer(doc.masked[:offset]) if not inside_quote(doc, m.start())]
    return sorted(out, key=lambda t: t[0])


def _speaker_after(doc: Doc, start: int, rest: str):
    """The speaker named right after the verb: a pronoun, a handle, a known or new person."""
    if PRONOUN.match(rest):
        agents = _agents_before(doc, start)
        return agents[-1][1] if agents else None
    if HANDLE.match(rest.strip()):
        return None
    head = start + len(rest) - len(rest.lstrip())
    window_end = min(head + 60, start + len(rest))
    for m in doc.mentions:
        if head <= m.start < window_end and m.entity.kind == "Person":
            return m.entity
    m = re.match(r"\s*((?:[a-z]+\s+){0,4}?)([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})", rest)
    if m and m.group(1).strip() and NAME_SEQ.search(m.group(0)):
        a = start + m.start(2)
        entity = _person_entity(m.group(2))
        _add(doc, a, start + m.end(2), entity)
        return entity
    return None


def _after_speaker(doc: Doc, q: Quote):
    line_end = doc.masked.find("\n", q.end)
    m = AFTER.match(doc.masked[q.end: line_end if line_end >= 0 else len(doc.masked)])
    if not m:
        return None, None
    rest_start = q.end + m.start("rest")
    if m.group(2):  # 'ujarnya': the last named speaker
        agents = _agents_before(doc, q.start)
        return (agents[-1][1] if agents else None), rest_start
    return _speaker_after(doc, rest_start, m.group("rest")), rest_start


def _before_speaker(doc: Doc, q: Quote):
    sentence = doc.sentence_at(q.start)
    if not sentence or not BEFORE.search(doc.masked[sentence.start:q.start]):
        return None
    for m in doc.mentions:
        if sentence.start <= m.start < q.start and m.entity.kind == "Person":
            return m.entity
    return None


def _platform_and_date(doc: Doc, start: int, end: int):
    return doc.first_entity(start, end, "Platform"), doc.first_date(start, end)


@component("statements")
def statements(doc: Doc) -> None:
    last = None
    for q in doc.quotes:
        if len(q.text.split()) < MIN_QUOTE_WORDS:
            continue
        speaker, rest_start = _after_speaker(doc, q)
        if speaker is None and rest_start is None:
            speaker = _before_speaker(doc, q)
        if speaker is None:
            continue
        sentence = doc.sentence_at(q.start) or doc.sentence_at(q.end - 1)
        span_end = sentence.end if sentence else q.end
        platform, date = _platform_and_date(doc, rest_start or q.end, span_end) if rest_start else (None, None)
        if platform is None and rest_start and WRITTEN.match(doc.masked[q.end:rest_start].strip(" ,")):
            platform = dominant_platform(doc)  # 'tulis Musk.' in a story about one platform
        if (last and last.participants == [speaker.iri] and last.sentence.paragraph == sentence.paragraph):
            last.quote += " " + q.text  # the same speaker's quote, split around its attribution
            last.platform = last.platform or platform
            last.date = last.date or date
            last.extra_sentences.append(sentence)
            continue
        last = Event("Statement", sentence, "quote", q.start, [speaker.iri], platform=platform, date=date, quote=q.text)
        doc.events.append(last)
    indirect_statements(doc)
    reported_speech(doc)
    merge_same_speaker(doc)


def merge_same_speaker(doc: Doc) -> None:
    """One speaker's quotes and reported words within one paragraph are one statement."""
    kept: list[Event] = []
    others = [e for e in doc.events if e.cls != "Statement"]
    for ev in sorted((e for e in doc.events if e.cls == "Statement"), key=lambda e: e.sentence.start):
        prev = next((k for k in reversed(kept) if k.participants == ev.participants
                     and k.sentence.paragraph == ev.sentence.paragraph), None)
        if prev is None:
            kept.append(ev)
            continue
        if ev.quote:
            prev.quote = f"{prev.quote} {ev.quote}" if prev.quote else ev.quote
        prev.platform = prev.platform or ev.platform
        prev.date = prev.date or ev.date
        if ev.sentence is not prev.sentence:
            prev.extra_sentences.append(ev.sentence)
    doc.events[:] = others + kept


REPORTED = re.compile(r",\s*(?i:(kata|ujar|ungkap|jelas|tutur|tegas|imbuh|sebut|papar|said))(nya)?\b(?P<rest>[^\n]*?)[.!?]?\s*$")
ACCORDING = re.compile(r"^(?:(?i:menurut|according to))\s+(?P<rest>[^,]{3,80}),")


def reported_speech(doc: Doc) -> None:
    """'Pertemuan itu membahas investasi, kata Menteri Luhut.' and 'Menurut Budi, ...': speech
    without quotation marks."""
    for s in doc.sentences:
        text = doc.masked[s.start:s.end]
        if any(q.start < s.end and s.start < q.end for q in doc.quotes):
            continue
        m = REPORTED.search(text)
        if m:
            agents = _agents_before(doc, s.start + m.start()) if m.group(2) else []
            speaker = agents[-1][1] if agents else _speaker_after(doc, s.start + m.start("rest"), m.group("rest"))
        else:
            m = ACCORDING.match(text)
            if not m:
                continue
            speaker = _speaker_after(doc, s.start + m.start("rest"), m.group("rest"))
        if speaker is not None:
            platform, date = _platform_and_date(doc, s.start, s.end)
            doc.events.append(Event("Statement", s, m.group(0).split()[0].strip(",").lower(), s.start + m.start(),
                                    [speaker.iri], platform=platform, date=date))


def indirect_statements(doc: Doc) -> None:
    for s in doc.sentences:
        for m in INDIRECT.finditer(doc.masked[s.start:s.end]):
            verb_at = s.start + m.start(1)
            if inside_quote(doc, verb_at):
                continue
            before = [x for x in doc.mentions if s.start <= x.start and x.end <= verb_at and x.entity.kind == "Person"]
            if not before or verb_at - before[-1].end > 40:
                continue
            platform, date = _platform_and_date(doc, s.start, s.end)
            doc.events.append(Event("Statement", s, m.group(1), verb_at, [before[-1].entity.iri],
                                    platform=platform, date=date))
