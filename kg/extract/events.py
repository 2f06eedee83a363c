"""Events: a trigger lexicon per event class; participants, platform and date from the clause
around the trigger (else the sentence); claims kept as claims; repeated mentions of one event
within an article merged into one."""
from __future__ import annotations

import re
from collections import Counter

from kg.dates import dates_agree
from kg.document import Doc, Event
from kg.extract import component
from kg.extract.mentions import NOT_NAME, _add
from kg.gazetteer import load_gazetteer
from kg.extract.clauses import (ABILITY, ANAPHOR, IRREALIS, NEGATION, clause_bounds, inside_quote, stem)

TRIGGERS: dict[str, str] = {
    "Interview": r"wawancara|mewawancarai|diwawancarai|pewawancara|wawancarai|interview(?:ed|s)?",
    "Outage": r"gangguan|eror(?:nya)?|error(?:nya)?|down|tumbang|lumpuh|malfungsi|outage|"
              r"tidak bisa diakses|tak bisa diakses|tidak dapat diakses|crash|mati total",
    "CyberAttack": r"serangan (?:DDoS|DDOS|ddos|siber|cyber|hacker|peretas)|DDoS|diretas|peretasan|meretas|"
                   r"dibobol|ransomware|cyber ?attack|hacked|hacking",
    "Acquisition": r"membeli|dibeli|pembelian|mengakuisisi|diakuisisi|akuisisi|mengambil alih|pengambilalihan|"
                   r"acquired|acquisition|bought",
    "Layoff": r"PHK|pemutusan hubungan kerja|dipecat|memecat|pemecatan|diberhentikan|memberhentikan|"
              r"merumahkan|dirumahkan|laid off|layoffs?",
    "Invitation": r"mengundang|diundang|undangan|undang|invited|invitation",
    "Communication": r"berkomunikasi|komunikasi (?:dengan|antara)|panggilan telepon|menelepon|ditelepon|bertelepon|"
                     r"berbicara (?:dengan|melalui telepon)|interaksi|berinteraksi|bertemu dengan|phone call|spoke with|met with",
    "Endorsement": r"dukungan(?:nya)?|mendukung|didukung|endorse[sd]?|endorsement",
    "AssassinationAttempt": r"percobaan pembunuhan|upaya pembunuhan|penembakan|ditembak|"
                            r"assassination attempt|attempted assassination",
    "Election": r"pemilu|pemilihan umum|pemilihan presiden|pilpres|pilkada|pileg|pemungutan suara|election",
    "Launch": r"meluncurkan|diluncurkan|peluncuran|merilis|dirilis|launch(?:ed|es)?",
    "Ban": r"dilarang|melarang|larangan|diblokir|memblokir|pemblokiran|ditangguhkan|menangguhkan|banned|blocked|suspended",
    "Arrest": r"ditangkap|menangkap|penangkapan|diamankan polisi|ditahan|arrested|detained",
}
CONVERSATION = re.compile(r"(?i)\b(percakapan|dialog|diskusi|obrolan|ngobrol|mengobrol|siaran langsung|live)\b"
                          r"(?=[^.\n]{0,40}?\b(?:di|melalui|lewat|via|on)\s+$PLATFORM)")
NOT_TRIGGER = re.compile(r"(?i)(khusus undangan|undangan khusus|undang-undang|perundang|gangguan (?:jiwa|mental|kesehatan|pencernaan|tidur))")
CLAIM = re.compile(r"(?i)\b(menyalahkan|menuduh|mengklaim|menduga|dugaan|blamed|claimed|accused|alleged)\b")
# What must follow the trigger in its clause: 'membeli perusahaan/Twitter', 'mendukung Trump'.
ACQUIRED = re.compile(r"(?i)^\W*(?:\w+\s+){0,5}?(perusahaan|platform|startup|saham|aplikasi)\b")
OBJECT_NAME = re.compile(r"^\s+(?:(?:perusahaan|startup|platform|aplikasi|raksasa \w+)\s+)?([A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3})")
SINGLE_PARTICIPANT = {"AssassinationAttempt", "Arrest", "Ban", "Layoff"}
ATTRIBUTION = re.compile(r"(?i)\b(menurut|kata|ujar|ungkap|jelas|tutur|said|according to)\s+(?:[\w-]+\s+){0,4}$")
VICTIM_CLASSES = {"AssassinationAttempt", "Arrest"}
PASSIVE = re.compile(r"(?i)^(di\w+|acquired|bought)$")


def _adjacent(between: str, after: bool) -> bool:
    """No clause break between a trigger and a person after it: 'diblokir di Brasil, Elon Musk
    sebut' is cut; a person before the trigger is its subject ('Durov, ditangkap')."""
    return not after or "," not in between
NO_PLATFORM_FALLBACK = {"AssassinationAttempt", "Election", "Arrest", "Communication", "Statement"}
TRIGGER_RX = {cls: re.compile(r"(?<![\w-])(?:" + rx + r")(?![\w-])", re.I) for cls, rx in TRIGGERS.items()}
ORG_PARTICIPANTS = {"Acquisition", "Layoff", "Ban", "Launch", "Communication", "Invitation"}
WRITTEN = re.compile(r"(?i)^(tulis|kicau|cuit|unggah|wrote|posted|tweeted)")


def _in_name(doc: Doc, sentence, start: int) -> bool:
    """A capitalised trigger inside a running sentence belongs to a name ('Komisi Pemilihan Umum')."""
    word = doc.masked[start:start + 30].split()[0]
    if sentence.is_title or start == sentence.start or not (word[0].isupper() and word[1:].islower()):
        return False
    words = doc.masked[sentence.start:sentence.end].split()
    return sum(w[:1].isupper() for w in words) < 0.6 * len(words)  # not a title-case heading


def _blocked(doc: Doc, start: int, end: int, clause_start: int) -> bool:
    before = doc.masked[clause_start:start]
    return (inside_quote(doc, start)
            or _in_name(doc, doc.sentence_at(start), start)
            or any(m.start <= start < m.end for m in doc.mentions)  # part of a name
            or NOT_TRIGGER.search(doc.masked[max(0, start - 10):end + 12]) is not None
            or NEGATION.search(before) is not None
            or IRREALIS.search(before) is not None
            or ABILITY.search(before) is not None)


def _agents(doc: Doc, a: int, b: int, trigger_at: int, cls: str) -> tuple[list, list]:
    """Participants and claimants in [a, b): persons (else organisations); whoever stands
    before a claim verb that precedes the trigger only claims the event."""
    claim = None
    for m in CLAIM.finditer(doc.masked[a:trigger_at]):
        claim = a + m.start()
    ms = [m for m in doc.mentions if a <= m.start < b and not inside_quote(doc, m.start)
          and not ATTRIBUTION.search(doc.masked[max(a, m.start - 30):m.start])]
    people = [m for m in ms if m.entity.kind == "Person"]
    if not people and cls in ORG_PARTICIPANTS:
        people = [m for m in ms if m.entity.kind == "Organization"]
    # 'Kiriyenko, wakil kepala staf pertama Putin': Putin only qualifies Kiriyenko's role
    qualifiers = {r.object for r in doc.relations if r.subject in {m.entity.iri for m in people}}
    people = [m for m in people if m.entity.iri not in qualifiers]
    claimed = [m for m in people if claim is not None and m.start < claim]
    people = [m for m in people if m not in claimed]
    if cls in SINGLE_PARTICIPANT and people:
        # the nearest person not cut off by a comma: 'X diblokir di Brasil, Elon Musk sebut...'
        near = [m for m in people if _adjacent(doc.masked[min(m.end, trigger_at):max(m.start, trigger_at)],
                                              m.start > trigger_at)]
        people = [min(near, key=lambda m: abs(m.start - trigger_at))] if near else []
    if cls in VICTIM_CLASSES and not people:
        # 'Musk, who endorsed Trump in July after an assassination attempt': the nearest person before
        sentence = doc.sentence_at(trigger_at)
        before = [m for m in doc.mentions if sentence.start <= m.start < trigger_at and m.entity.kind == "Person"
                  and not inside_quote(doc, m.start)]
        people = before[-1:]
    return list(dict.fromkeys(m.entity.iri for m in people)), list(dict.fromkeys(m.entity.iri for m in claimed))


def _acquired(doc: Doc, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Is something bought? After an active trigger: a company word, a known organisation or
    platform, or a capitalised name (which then becomes an organisation mention); before a
    passive one ('platform itu dibeli Musk', 'was acquired by'): a company word or a known name."""
    if PASSIVE.match(doc.masked[start:end]):
        before = doc.masked[clause_start:start]
        if re.search(r"(?i)\b(perusahaan|platform|startup|company|firm|aplikasi)\b", before) or \
                doc.first_entity(clause_start, start, "Platform") or doc.first_entity(clause_start, start, "Organization"):
            return True
    obj = doc.masked[end:clause_end]
    if ACQUIRED.match(obj) or doc.first_entity(end, clause_end, "Platform") or \
            doc.first_entity(end, clause_end, "Organization"):
        return True
    m = OBJECT_NAME.match(obj)
    if not m or m.group(1).split()[0] in NOT_NAME:
        return False
    _add(doc, end + m.start(1), end + m.end(1), load_gazetteer().entity("Organization", m.group(1)))
    doc.mentions.sort(key=lambda x: x.start)
    return True


def _mentions(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start, end, class, trigger) for every trigger occurrence, in text order."""
    found = [(m.start(), m.end(), cls, m.group()) for cls, rx in TRIGGER_RX.items() for m in rx.finditer(doc.masked)]
    platforms = "|".join(sorted({re.escape(m.text) for m in doc.mentions if m.entity.kind == "Platform"}, key=len, reverse=True))
    if platforms:
        rx = re.compile(CONVERSATION.pattern.replace("$PLATFORM", f"(?:{platforms})"))
        found += [(m.start(1), m.end(1), "Interview", m.group(1)) for m in rx.finditer(doc.masked)]
    return sorted(found)


def dominant_platform(doc: Doc):
    """The platform the article is about: the most mentioned one, if named at least twice."""
    counts = Counter(m.entity.iri for m in doc.mentions if m.entity.kind == "Platform")
    if not counts or max(counts.values()) < 2:
        return None
    top = max(counts.values())
    return next(m.entity.iri for m in doc.mentions if m.entity.kind == "Platform" and counts[m.entity.iri] == top)


def _same_event(old: Event, new: Event, anaphoric: bool) -> bool:
    """Is `new` another mention of `old`? An anaphor ('wawancara tersebut') says so whatever
    the date near it; otherwise dates must agree, and the participants, or the trigger stem."""
    if old.cls != new.cls or not (anaphoric or dates_agree(old.date and old.date.value, new.date and new.date.value)):
        return False
    p, q = set(old.participants), set(new.participants)
    if not (p <= q or q <= p):
        return False
    if anaphoric or not p or not q or stem(old.trigger) == stem(new.trigger):
        return True
    return p == q and old.date is not None and old.date == new.date  # 'percobaan pembunuhan' / 'penembakan' 


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


@component("events")
def events(doc: Doc) -> None:
    fallback = dominant_platform(doc)
    found: list[Event] = []
    for start, end, cls, trigger in _mentions(doc):
        sentence = doc.sentence_at(start)
        if sentence is None:
            continue
        a, b = clause_bounds(doc, sentence, start)
        if _blocked(doc, start, end, a):
            continue
        if cls == "Acquisition" and not _acquired(doc, start, end, a, b):
            continue
        if cls == "Endorsement" and not any(end <= m.start < min(b, end + 80) and m.entity.kind == "Person"
                                            for m in doc.mentions):
            continue  # support for a decision or a plan is not an endorsement of someone
        anaphoric = ANAPHOR.match(doc.masked[end:end + 30]) is not None and any(e.cls == cls for e in found)
        # 'Macron menyebut penangkapan itu ...': around an anaphor stand commenters, not participants
        participants, claimed = ([], []) if anaphoric else _agents(doc, a, b, start, cls)
        platform = doc.first_entity(a, b, "Platform") or doc.first_entity(sentence.start, sentence.end, "Platform")
        if platform is None and cls not in NO_PLATFORM_FALLBACK:
            platform = fallback
        date = doc.first_date(a, b) or doc.first_date(end, sentence.end)
        event = Event(cls, sentence, trigger, start, participants, claimed, platform, date)
        same = next((e for e in reversed(found) if _same_event(e, event, anaphoric)), None)
        if same:
            _merge(same, event, anaphoric)
        else:
            found.append(event)
    doc.events.extend(found)
