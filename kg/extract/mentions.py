"""Entity mentions: gazetteer aliases first, then patterns for names the gazetteer lacks
(a capitalised name after a role word, 'Name (30)', organisation and platform cues), then
within-article resolution of short forms and misspellings of known names."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from kg.document import Doc, Entity, Mention
from kg.extract import component
from kg.extract.clauses import running_text
from kg.extract.words import CAP, UP
from kg.lang import Pattern, name_words, without_legal_form, word_set

PARTICLES = name_words("particles")
# '$roles' below: any case
INITIAL = UP + r"[a-z]?\."  # a middle initial: 'Marcus T. Hollings', 'Guðni Th. Jóhannesson'
# a role, up to four lowercase words that say more ('analis keamanan siber'; none of them a
# stopword, checked by `role_names`), then the name
NAME_SEQ = Pattern(
    r"\b(?i:$roles)\b\)?(?P<words>(?:[ \t]+[a-z0-9]+){0,4})(?P<names>(?:,?[ \t]+(?:"
    + CAP
    + r"|$and_words|Inc|AS|RI|[A-Z]{2,6}|"
    + INITIAL
    + r"|\("
    + UP
    + r"[\w-]*\)"  # 'Partai Gerakan Bintang Timur (Gerbang) Hartati ...'
    + "|"
    + "|".join(sorted(PARTICLES))
    + r")(?![\w'’-])){1,10})",  # whole words: 'da' is no particle at the start of 'dari'
    starts_with="roles",
)


def role_names(lang: str, text: str, pos: int = 0) -> Iterator[re.Match]:
    """The matches of NAME_SEQ in `text` whose words between the role and the name are no stopwords."""
    stop = word_set(lang, "stopwords") - word_set(lang, "and_words")  # 'businesswoman and investor'
    for m in NAME_SEQ.get(lang).finditer(text, pos):
        if not any(w in stop for w in m.group("words").split()):
            yield m


AGE = re.compile(r"\(\d{1,2}\)")
AGE_NAME = re.compile(r"(?<![\w@])(" + CAP + r"(?:\s+" + CAP + r"){0,3})\s+\((\d{1,2})\)")
_ORG_WORD = r"(?:" + CAP + r"|[A-Z]{2,}[a-z]*|&)"
_OF = r"(?:[ \t]+(?:$of_words)(?:[ \t]+the)?[ \t]+" + _ORG_WORD + r"(?:[ \t]+" + _ORG_WORD + r"){0,3})?"
# 'Kementerian Luar Negeri', 'Ministry of Public Security'
ORG_CUE = Pattern(
    r"\b((?:$org_heads)(?:[ \t]+(?:" + CAP + r"|[A-Z]{2,}|$and_words|&))*" + _OF + ")", starts_with="org_heads"
)
# 'Halbrook Logistics Inc.', 'Civil Aviation Authority of Vietnam', 'Sinar Samudra Group'
# (found from the tail back: a tail word first, then the run of up to five words before it)
ORG_TAIL = Pattern(r"(?<=[ \t])(?:$org_tails)(?!\w)")
ORG_BEFORE_TAIL = Pattern(r"(?<![\w@])" + _ORG_WORD + r"(?:[ \t]+(?:" + _ORG_WORD + r"|$and_words)){0,4}[ \t]+$")
ORG_OF = Pattern(_OF)
# 'kelompok peretas Nebula Spider', 'cybersecurity firm Vigilo', 'pollster Cadem'
ORG_NOUN = Pattern(
    r"\b(?i:$org_nouns)(?:[ \t]+[a-z]+){0,2}[ \t]+(" + _ORG_WORD + r"(?:[ \t]+" + _ORG_WORD + r"){0,3})",
    starts_with="org_nouns",
)
# 'Arkana Digital, a technology company listed on ...', 'Lajur, perusahaan rintisan logistik'
ORG_APPOSITION = Pattern(
    r"(?<![\w@])(" + CAP + r"(?:[ \t]+" + CAP + r"){0,2}),[ \t]+(?:(?:$articles)[ \t]+)?(?:[\w-]+[ \t]+){0,3}?"
    r"(?:$org_apposition)\b(?![ \t]+(?:$roles|$anaphors)\b)"  # 'VnExpress, perusahaan itu ...' starts a clause
)
# 'Nalar.ai', 'Lumen.io': a company named like its web address
DOMAIN_NAMED = re.compile(
    r"(?<![\w@/.])(" + UP + r"\w+\.(?:" + "|".join(re.escape(d) for d in name_words("company_domains")) + r"))(?![\w.])"
)
# 'aplikasi Signal', 'aplikasi pemesanan tiket TiketBis', 'super app LumoraPay'
PLATFORM_CUE = Pattern(
    r"\b(?i:$platform_cues)(?:[ \t]+(?!(?:$stopwords)\b)[a-z]+){0,3}[ \t]+("
    + CAP
    + r"(?:[ \t]+"
    + CAP
    + r"){0,2})(?!\w)",
    starts_with="platform_cues",
)
# 'Its patient app, Medika Prima Care, has been down': the cue, then the name set off by commas
PLATFORM_CUE_APPOSED = Pattern(
    r"\b(?i:$platform_cues),[ \t]+(" + CAP + r"(?:[ \t]+" + CAP + r"){0,2}),", starts_with="platform_cues"
)
PLATFORM_BEFORE = Pattern(
    r"(?<![\w@])(" + CAP + r"(?:[ \t]+" + CAP + r")?)[ \t]+(?:$platform_nouns_after)\b"
)  # 'the LivoChat app'
PLATFORM_APPOSITION = Pattern(
    r"(?<![\w@])("
    + CAP
    + r"(?:[ \t]+"
    + CAP
    + r")?),[ \t]+(?:(?:$articles)[ \t]+)?(?:[\w'’‘\"“”-]+[ \t]+){0,3}?(?:$platform_apposition)\b"
)  # 'LivoChat, a fast-growing live-streaming app', "KoinRaya, the 'guaranteed yield' crypto app"
PLATFORM_AFTER_CUE = Pattern(r"(?i)\s*(?:$platform_after)\b")  # 'X account'
# 'HalTrack', 'NusaMobile': a brand written in one word with a capital inside
BRAND = re.compile(r"(?<![\w@.])(" + UP + r"[a-z]+" + UP + r"\w*)(?![\w@])")
BUILDING = Pattern(r"(?i)\b($building_words)\s+$")
SINGLE_CHAR_CUE = Pattern(r"(?i)($platform_context|(?:$owned_by)\s+\w+,?)\s*$")
CAMEL = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|O')\w+?[a-z][A-Z]")
TRAILING_NOISE = {"dan", "Inc", "AS", "RI", "PT", "CEO", "WIB", "TV"}
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _add(doc: Doc, start: int, end: int, entity: Entity, swallow: bool = False) -> None:
    """Record a mention unless it overlaps one already there; with `swallow`, a longer name
    replaces the shorter ones inside it ('Mahkamah Agung Brasil' over 'Brasil')."""
    if swallow:
        for m in doc.mention_index().inside(start, end):
            if (m.start, m.end) != (start, end):
                doc.remove_mention(m)
    if doc.mention_index().overlapping(start, end):
        return
    if entity.kind == "Organization" and entity.label in name_words("not_organizations"):
        return  # 'CEO', 'GMT', 'Rp': capitals that name no organisation
    doc.entities.setdefault(entity.iri, entity)
    doc.add_mention(Mention(start, end, doc.text[start:end], doc.entities[entity.iri]))


def gazetteer_mentions(doc: Doc) -> None:
    hits = doc.gazetteer.find(doc.masked)
    confirmed = {
        h.entity.iri
        for h in hits
        if len(h.text) > 1
        or SINGLE_CHAR_CUE.get(doc.lang).search(doc.masked[max(0, h.start - 30) : h.start])
        or PLATFORM_AFTER_CUE.get(doc.lang).match(doc.masked, h.end, h.end + 20)
    }
    for h in hits:
        if h.entity.kind == "Source" or h.entity.iri not in confirmed:
            continue
        if h.entity.kind == "Organization" and BUILDING.get(doc.lang).search(
            doc.masked[max(0, h.start - 12) : h.start]
        ):
            continue  # 'Gedung Kongres AS' is a building, not the institution
        _add(doc, h.start, h.end, h.entity)


def _name_tokens(seq: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in re.finditer(r"[\w'’.-]+", seq)]


def role_person_mentions(doc: Doc) -> None:
    """'Menteri Keuangan Sri Mulyani', 'juru bicara Kremlin, Dmitry Peskov': the capitalised run
    after a role word, minus parts already linked (places, organisations), ends in a name."""
    not_name, title_words = word_set(doc.lang, "not_name"), word_set(doc.lang, "title_words")
    breaks = word_set(doc.lang, "roles") | _org_words(doc.lang)
    for m in role_names(doc.lang, doc.masked):
        tokens = _name_tokens(m.group("names"), m.start("names"))
        run: list[tuple[int, int, str]] = []
        end = tokens[0][0]
        for a, b, w in tokens:
            gap = doc.masked[end:a]
            end = b
            if "(" in gap or ")" in gap:
                run = []  # '(Gerbang)' is no part of the name around it
                if "(" in gap:
                    continue
            if "," in gap:
                run = []  # a name never spans a comma: 'Direktur Bank Andalas, Hendri Marzuki'
            covered = doc.mention_at(a) is not None
            if not covered and ACRONYM.match(w) and w not in TRAILING_NOISE:
                _add(doc, a, b, doc.gazetteer.entity("Organization", w))  # 'Kepala BSSN'
                covered = True
            if w in PARTICLES and run:
                run.append((a, b, w))  # 'Alexandre de Moraes', 'Lula da Silva'
                continue
            if (
                covered
                or CAMEL.search(w)  # 'SayurKita': a brand, not a person's name
                or w in TRAILING_NOISE
                or w in not_name
                or w in title_words
                or w in breaks  # 'Kapolda ... Irjen Budi', 'Bank ...'
                or not w[:1].isupper()
            ):
                run = []
                continue
            run.append((a, b, w))
        while run and run[-1][2] in PARTICLES:
            run.pop()
        core = [t for t in run if t[2] not in PARTICLES]
        if run and run[-1][1] == tokens[-1][1] and 2 <= len(core) <= 5:
            before = PREVIOUS_WORD.search(doc.masked, max(0, run[0][0] - 60), run[0][0])
            here = before.group(1) if before else None
            if here in word_set(doc.lang, "org_heads") and len(run) >= 3:
                run = run[-2:]  # 'Sekretaris Perusahaan Bank Nusa Sejahtera Hendra Gunawan'
            elif len(run) >= 3 and _inside_other_names(doc, run[0][2], here):
                run = run[1:]  # 'Ketua KPU Banyumas Rina Oktaviani' where 'Kabupaten Banyumas' stands too
            if len([t for t in run if t[2] not in PARTICLES]) > 4:
                continue
            a, b = run[0][0], run[-1][1]
            sentence = doc.sentence_at(a)
            if sentence is not None and not running_text(doc, sentence) and not _named_in_body(doc, a, run, sentence):
                continue  # a title-case heading: only a name the body also gives ('... Karyawan, Bos-nya Temui')
            _add(doc, a, b, _person_entity(doc, doc.text[a:b]))


PREVIOUS_WORD = re.compile(r"(\S+)[ \t]+$")


def _inside_other_names(doc: Doc, word: str, here: str | None) -> bool:
    """Does `word` stand in the article after a capitalised word other than `here` (the one
    before it where it is looked at), as in 'Kabupaten Banyumas'? Then it names a place or an
    organisation, not a person: elsewhere a first name follows a role ('Kombes Rahmat'), or
    follows a word capitalised by its place ('Selain Yohana, ...')."""
    skip = word_set(doc.lang, "roles", "not_name", "title_words", "honorifics")
    text = doc.masked
    for at in _occurrences(text, word):
        before = CAP_BEFORE.search(text, max(0, at - 40), at)
        if (
            before
            and before.group(1) not in skip
            and before.group(1) != here
            and not _capitalised_by_place(doc, before.start(1))
        ):
            return True
    return False


def _capitalised_by_place(doc: Doc, at: int) -> bool:
    """Is the word at `at` capitalised only as the first of its sentence ('Selain Yohana, ...') or
    as a word of a title-case heading ('Darmawan Saleh Dukung Yohana')?"""
    sentence = doc.sentence_at(at)
    if sentence is None:
        return False
    return not doc.masked[sentence.start : at].strip() or not running_text(doc, sentence)


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` stands in `text` as a whole word (str.find: no pattern to compile per word)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_@")) and (
            end == len(text) or not (text[end].isalnum() or text[end] == "_")
        ):
            yield at
        at = text.find(word, end)


CAP_BEFORE = re.compile(r"(?<![\w@])(" + CAP + r")[ \t]+$")  # searched in a window ending at a word


def _person_entity(doc: Doc, name: str) -> Entity:
    gaz = doc.gazetteer
    return gaz.lookup(name, "Person") or _misspelt(gaz, name) or gaz.entity("Person", name)


def _misspelt(gaz, name: str) -> Entity | None:
    """'Kayne West' -> Kanye West: same surname, a close first name, one candidate only."""
    parts = name.split()
    if len(parts) < 2:
        return None
    close = [
        e
        for e in gaz.persons_with_surname(len(parts), parts[-1])
        if difflib.SequenceMatcher(None, e.label.split()[0], parts[0]).ratio() >= 0.6
    ]
    return close[0] if len(close) == 1 else None


def age_person_mentions(doc: Doc) -> None:
    if not AGE.search(doc.masked):
        return
    for m in AGE_NAME.finditer(doc.masked):
        name = m.group(1)
        if name.split()[0] in word_set(doc.lang, "not_name") or doc.gazetteer.lookup(name):
            continue
        _add(doc, m.start(1), m.end(1), _person_entity(doc, name))


# 'berinisial FA (19)', 'identified as FA', 'MRS alias Gh0stFox': a suspect named by initials (or
# by name: 'identified as Ramil Cabrera')
INITIALS = Pattern(
    r"(?:\b(?i:$initials_before)[ \t]+("
    + UP
    + r"(?:\.?"
    + UP
    + r"){1,4}\.?|"
    + CAP
    + r"(?:[ \t]+"
    + CAP
    + r"){1,2})(?![\w])"
    r"|(?<![\w@.])(" + UP + r"(?:\.?" + UP + r"){1,4}\.?)[ \t]+(?i:$initials_after)\b)"
)


def initials_mentions(doc: Doc) -> None:
    """A person named by initials ('berinisial FA', 'identified as FA', 'MRS alias Gh0stFox'), there
    and wherever the initials stand alone in the article; or by name after the same cues
    ('identified as Ramil Cabrera')."""
    words = _words_of(doc)
    for m in INITIALS.get(doc.lang).finditer(doc.masked):
        g = 1 if m.group(1) else 2
        initials = m.group(g)
        person = _person_entity(doc, initials.replace(".", ""))  # 'M.R.S.' and 'MRS' are one person
        _add(doc, m.start(g), m.end(g), person)
        for at in _standalone(doc.masked, initials, words):
            _add(doc, at, at + len(initials), person)


# 'Mayor Arnulfo "Nonoy" Dimaculangan': a nickname in quotes between a first and a last name
NICKNAMED = re.compile(r"(?<![\w@])(" + CAP + r")[ \t]+[\"“]" + CAP + r"[\"”][ \t]+(" + CAP + r")(?![\w])")


def nickname_mentions(doc: Doc) -> None:
    """'Arnulfo "Nonoy" Dimaculangan' is the person Arnulfo Dimaculangan, called Nonoy."""
    for m in NICKNAMED.finditer(doc.masked):
        first, last = m.group(1), m.group(2)
        if first in word_set(doc.lang, "not_name") or doc.gazetteer.lookup(first):
            continue
        _add(doc, m.start(1), m.end(2), _person_entity(doc, f"{first} {last}"))


NAME = CAP + r"(?:[ \t]+(?:" + CAP + "|" + "|".join(sorted(PARTICLES)) + r")){0,3}"
SPEAKER_AFTER = Pattern(r"(?:\b(?i:$said_by)\s+|\b(?i:$according_to)\s+)(" + NAME + ")")
SPEAKER_BEFORE = Pattern(r"(?:^|[.,;]\s+|\n)(" + NAME + r")(?:,\s+[^,]{3,60},)?\s+(?i:$speech_verbs)\b")
PLACE_CUE = Pattern(r"\b(?:$place_cues)\s+(" + CAP + r"(?:\s+" + CAP + r")?)")


def speaker_mentions(doc: Doc) -> None:
    """'kata Budi Santoso', 'ujar Rina', 'Andi Wijaya mengatakan', 'menurut Budi': speakers are
    people unless the gazetteer knows them as something else."""
    gaz = doc.gazetteer
    persons = _PersonsByWord(doc.entities.values())
    not_name, title_words, roles = (word_set(doc.lang, n) for n in ("not_name", "title_words", "roles"))
    org_words = _org_words(doc.lang)
    before = SPEAKER_BEFORE.get(doc.lang)
    for rx in (SPEAKER_AFTER.get(doc.lang), before):
        for m in rx.finditer(doc.masked):
            name = m.group(1)
            words = name.split()
            while words and (words[-1] in PARTICLES or words[-1] in title_words):
                words.pop()
            if (
                not words
                or words[0] in not_name
                or words[0] in title_words
                or ACRONYM.match(words[0])
                or any(w in roles or w.rstrip(",") in org_words or w in name_words("not_organizations") for w in words)
            ):
                continue  # 'Ungkap Alasan PHK': 'PHK' is no word of a name
            name = " ".join(words)
            if gaz.lookup(name) or doc.in_quote(m.start(1)):
                continue
            full = persons.named(name) if len(words) == 1 else []
            intro = _introduction(doc, name, m.start(1)) if len(words) == 1 and not full else None
            if len(words) == 1 and rx is before and not (full or intro):
                continue  # a lone capitalised word opening a clause is too often not a name
            if intro:  # 'Analis Rendra Wicaksono dari ...' then 'kata Rendra'
                a, b = intro
                _add(doc, a, b, _person_entity(doc, doc.text[a:b]))
                full = [doc.mention_at(a).entity] if doc.mention_at(a) else []
            entity = full[0] if len(full) == 1 else _person_entity(doc, name)
            known = len(doc.entities)
            _add(doc, m.start(1), m.start(1) + len(name), entity)
            if len(doc.entities) > known:  # `entity` is new to the article
                persons.add(entity)


def _introduction(doc: Doc, word: str, before: int) -> tuple[int, int] | None:
    """Where a person called `word` alone at `before` was named in full earlier in the running
    text: the first run of two to four capitalised words with `word` first or last, none of
    them a role, a title word or part of another name."""
    skip = word_set(doc.lang, "not_name", "title_words", "roles") | _org_words(doc.lang)
    text = doc.masked
    for at in _standalone(text, word, _words_of(doc)):
        if at >= before:
            break
        sentence = doc.sentence_at(at)
        if sentence is None or sentence.is_title or doc.in_quote(at):
            continue
        left = RUN_BEFORE.search(text, max(0, at - 120), at)
        right = RUN_AFTER.match(text, at + len(word), at + len(word) + 120)
        head = _clean_tail(doc, _name_tokens(left.group(), left.start()), skip, reverse=True)
        if len(head) == 3 and RUN_BEFORE.search(text, max(0, head[0][0] - 40), head[0][0]).group():
            head = head[1:]  # a longer run of capitals: its start names something else ('... Supervision')
        tail = _clean_tail(doc, _name_tokens(right.group(), right.start()), skip)
        if head and tail:
            continue  # the word inside a longer run is not this person's first or last name
        parts = head or tail
        if 1 <= len(parts) <= 3:
            return (parts[0][0], at + len(word)) if head else (at, parts[-1][1])
    return None


RUN_BEFORE = re.compile(r"(?<![\w@])(?:" + CAP + r"[ \t]+){0,3}$")  # searched in a window ending at a word
RUN_AFTER = re.compile(r"(?:[ \t]+" + CAP + r"(?!\w)){0,3}")


def _words_of(doc: Doc) -> dict[str, list[int]]:
    """Where each word of the article stands (the masked text does not change while mentions are found)."""
    return doc.memo("word starts", lambda: _word_starts(doc.masked))


def _clean_tail(doc: Doc, tokens: list, skip: frozenset, reverse: bool = False) -> list:
    """The tokens next to a name word, nearest first when `reverse`, up to the first that cannot
    be part of a person's name; in text order."""
    kept = []
    for t in reversed(tokens) if reverse else tokens:
        a, _, w = t
        if w in skip or ACRONYM.match(w) or doc.mention_at(a) is not None:
            break
        kept.append(t)
    return list(reversed(kept)) if reverse else kept


# 'seperti A, B, dan C', 'including A, B and C': two or more full names in a list
_FULL = CAP + r"(?:[ \t]+" + CAP + r"){1,3}"
ENUMERATION = Pattern(
    r"\b(?:$enumeration_cues)[ \t]+(" + _FULL + r"(?:,[ \t]+" + _FULL + r")*,?[ \t]+(?:$and_words)[ \t]+" + _FULL + r")"
)
# (found from the role back: ', a spokeswoman', then the name before the comma)
# ', a spokeswoman', ", Komdigi's director"
APPOSITION = Pattern(r",[ \t]+(?:(?:$articles)[ \t]+|" + UP + r"[\w-]*['’]s[ \t]+)?(?:[a-z]+[ \t]+){0,2}?(?i:$roles)\b")
FULL_BEFORE = re.compile(r"(?<![\w@])" + _FULL + r"$")


def enumeration_mentions(doc: Doc) -> None:
    """Persons listed after 'seperti' or 'including', and named with their role after a comma
    ('Katrin Müller, a spokeswoman for ...'), when no word of the name says otherwise."""
    gaz = doc.gazetteer
    skip = word_set(doc.lang, "not_name", "title_words", "roles") | _org_words(doc.lang)
    spans = []
    for m in ENUMERATION.get(doc.lang).finditer(doc.masked):
        for n in re.finditer(_FULL, m.group(1)):
            spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
    for m in APPOSITION.get(doc.lang).finditer(doc.masked):
        name = FULL_BEFORE.search(doc.masked, max(0, m.start() - 80), m.start())
        if name:
            spans.append(name.span())
    for a, b in spans:
        name = doc.masked[a:b]
        if any(w in skip or ACRONYM.match(w) for w in name.split()) or gaz.lookup(name):
            continue
        if doc.sentence_at(a) is None or doc.sentence_at(a).is_title or doc.in_quote(a):
            continue
        _add(doc, a, b, _person_entity(doc, name))


class _PersonsByWord:
    """Persons by each word of their names, in the order they were added."""

    def __init__(self, entities):
        self.by_word: dict[str, list[Entity]] = {}
        for e in entities:
            self.add(e)

    def add(self, e: Entity) -> None:
        if e.kind == "Person":
            for word in dict.fromkeys(e.label.split()):
                self.by_word.setdefault(word, []).append(e)

    def named(self, word: str) -> list[Entity]:
        return self.by_word.get(word, [])


def place_mentions(doc: Doc) -> None:
    """'Kota Bogor', 'Kabupaten Sleman', 'Provinsi Jawa Barat': places, known or not."""
    gaz = doc.gazetteer
    for m in PLACE_CUE.get(doc.lang).finditer(doc.masked):
        name = m.group(1)
        known = gaz.lookup(name)
        if known and known.kind != "Place":
            continue
        _add(doc, m.start(1), m.end(1), known or gaz.entity("Place", name))


TWO_NAMES = re.compile(r"(?<![\w@])(" + CAP + r"\s+" + CAP + r")(?![\w])")


def misspelt_mentions(doc: Doc) -> None:
    for m in TWO_NAMES.finditer(doc.masked):
        e = _misspelt(doc.gazetteer, m.group(1))
        if e:
            _add(doc, m.start(1), m.end(1), e)


def cue_mentions(doc: Doc) -> None:
    """Organisations named by a head word ('Kementerian ...'), a tail word ('... Inc.',
    '... Group') or a noun before them ('kelompok peretas ...'); platforms after 'aplikasi'."""
    gaz = doc.gazetteer
    found = [(m.start(1), m.group(1), 2) for m in ORG_CUE.get(doc.lang).finditer(doc.masked)]
    found += _tail_named(doc)
    found += [(m.start(1), m.group(1), 1) for m in ORG_NOUN.get(doc.lang).finditer(doc.masked)]
    found += [(m.start(1), m.group(1), 1) for m in ORG_APPOSITION.get(doc.lang).finditer(doc.masked)]
    found += [(m.start(1), m.group(1), 1) for m in DOMAIN_NAMED.finditer(doc.masked)]
    for start, text, shortest in sorted(found):
        name = _org_name(doc, start, text)
        if name and len(name.split()) >= shortest and not gaz.lookup(name):
            _add(doc, start, start + len(name), gaz.entity("Organization", name), swallow=True)
    skip = word_set(doc.lang, "not_name") | word_set(doc.lang, "org_heads") | name_words("legal_forms")
    patterns = (PLATFORM_CUE, PLATFORM_CUE_APPOSED, PLATFORM_APPOSITION)
    if word_set(doc.lang, "platform_nouns_after"):
        patterns += (PLATFORM_BEFORE,)
    cued = [m.span(1) for rx in patterns for m in rx.get(doc.lang).finditer(doc.masked)]
    for a, b in sorted(cued):
        name = doc.masked[a:b]
        if name.split()[0] in skip or gaz.lookup(name):
            continue
        sentence = doc.sentence_at(a)
        if sentence is not None and not running_text(doc, sentence) and not _elsewhere(doc, name, sentence):
            continue  # a title-case heading: 'Aplikasi Video Pendek Vidura' names no app 'Video Pendek'
        entity = gaz.entity("Platform", name)
        _add(doc, a, b, entity)
        if " " not in name:
            for at in _standalone(doc.masked, name, _words_of(doc)):
                _add(doc, at, at + len(name), entity)  # its other mentions
    brand_mentions(doc)
    platform_companies(doc)


def platform_companies(doc: Doc) -> None:
    """'Vidura Interactive said ...': a name taken for a person's that begins with the name of a
    platform the article names is that platform's company."""
    platforms = {m.entity.label for m in doc.mentions if m.entity.kind == "Platform"}
    for m in doc.mentions:
        words = m.entity.label.split()
        if m.entity.kind == "Person" and not m.entity.known and len(words) >= 2 and words[0] in platforms:
            org = doc.gazetteer.lookup(m.entity.label, "Organization") or doc.gazetteer.entity(
                "Organization", m.entity.label
            )
            m.entity = doc.entities.setdefault(org.iri, org)


def _elsewhere(doc: Doc, name: str, sentence) -> bool:
    """Does `name`, written so, stand in the article outside `sentence`?"""
    return any(not (sentence.start <= at < sentence.end) for at in _occurrences(doc.masked, name))


def brand_mentions(doc: Doc) -> None:
    """A CamelCase word the article names as a platform once ('aplikasi NusaMobile') is that
    platform wherever it stands; one it never names so is left for other cues."""
    platforms = {m.entity.label: m.entity for m in doc.mentions if m.entity.kind == "Platform"}
    for m in BRAND.finditer(doc.masked):
        if m.group(1) in platforms and doc.mention_at(m.start(1)) is None:
            _add(doc, m.start(1), m.end(1), platforms[m.group(1)])


def _tail_named(doc: Doc) -> list[tuple[int, str, int]]:
    """(start, name, 2) for each name that ends in a tail word ('... Inc.', '... of Vietnam')."""
    text, found, done = doc.masked, [], 0
    before, of = ORG_BEFORE_TAIL.get(doc.lang), ORG_OF.get(doc.lang)
    heads = word_set(doc.lang, "org_heads") | name_words("legal_forms")
    joins = word_set(doc.lang, "and_words")
    for tail in ORG_TAIL.get(doc.lang).finditer(text):
        run = before.search(text, max(done, tail.start() - 150), tail.start())  # not into the name before
        if run:
            start = run.start()
            # 'Direktur Utama PT Bank Sentosa Tbk': the name starts at its head word
            for m in re.finditer(r"\S+", run.group()):
                if m.group() in heads:
                    start = run.start() + m.start()
                elif m.group() in joins and m.end() < len(run.group()) and not _joins_title_words(doc, run.group(), m):
                    start = run.start() + m.end() + 1  # 'Temasek and Bain & Company': the last name only
                elif m.group().endswith(("'s", "’s", "-based")):
                    start = run.start() + m.end() + 1  # "Vietnam's Halong Pacific Airlines"
            done = of.match(text, tail.end()).end()
            done = LEGAL_AFTER.match(text, done).end()  # 'Lumio Technologies Inc.', 'Holdings Ltd'
            if tail.group()[0].islower():  # 'the ruling Morena party': the name is 'Morena'
                found.append((start, text[start : tail.start()].rstrip(), 1))
            else:
                found.append((start, text[start:done], 2))
    return found


def _joins_title_words(doc: Doc, run: str, join: re.Match) -> bool:
    """Does the 'and' in `run` join two words of an institution's name ('Communication and Digital
    Affairs Ministry', 'Komunikasi dan Digital') rather than two names?"""
    words = word_set(doc.lang, "title_words")
    before, after = run[: join.start()].split(), run[join.end() :].split()
    return bool(before and after) and before[-1] in words and after[0] in words


LEGAL_AFTER = re.compile(
    r"(?:,?[ \t]+(?:"
    + "|".join(sorted(map(re.escape, name_words("legal_forms")), key=len, reverse=True))
    + r")(?!\w))*"
)


@cache
def _org_words(lang: str) -> frozenset[str]:
    """Words that make a name an organisation's, never a person's: heads, tails, legal forms."""
    return word_set(lang, "org_heads", "org_tails") | name_words("legal_forms")


@cache
def _org_stops(lang: str) -> tuple[frozenset, frozenset]:
    """Words an organisation's name stops at, and words it does not end in."""
    stop = word_set(lang, "roles", "not_name") - name_words("legal_forms")
    return stop, word_set(lang, "and_words", "of_words") | {"&", "the"}


def _org_name(doc: Doc, start: int, text: str) -> str | None:
    """The organisation's name in `text` (at `start`): up to a person, a role or a word that
    opens a sentence; in a title-case heading, only as much as the body also names."""
    stop, joins = _org_stops(doc.lang)
    roles = word_set(doc.lang, "roles")
    words: list[tuple[str, int]] = []  # each word and where it ends
    for m in re.finditer(r"\S+", text):
        mention = doc.mention_at(start + m.start())
        if not words and m.group() in stop:
            return None  # 'Meanwhile Halbrook ...' is matched again from 'Halbrook'
        if (mention is not None and mention.entity.kind == "Person") or m.group() in roles:
            break  # 'Bank Sentosa President Director ...'; 'Kita' in 'PT Sayur Kita Digital' is no stop
        words.append((m.group(), start + m.end()))
    while words and words[-1][0] in joins:
        words.pop()
    sentence = doc.sentence_at(start)
    if words and sentence is not None and not running_text(doc, sentence):
        words = _named_in_body(doc, start, words, sentence)
    return doc.masked[start : words[-1][1]] if words else None


def org_short_forms(doc: Doc) -> None:
    """'Bank Andalas' after 'PT Bank Andalas Sejahtera Tbk': an organisation named by the start
    of another's name (two words or more) in the same article is that organisation."""
    orgs = sorted(
        {
            m.entity.iri: m.entity for m in doc.mentions if m.entity.kind == "Organization" and not m.entity.known
        }.values(),
        key=lambda e: -len(e.label.split()),
    )
    longer: dict = {}
    for e in orgs:
        words = e.label.split()
        target = next(
            (o for o in orgs if len(o.label.split()) > len(words) >= 2 and o.label.split()[: len(words)] == words), None
        )
        if target is not None:
            longer[e.iri] = longer.get(target.iri, target)
    for m in doc.mentions:
        if m.entity.iri in longer:
            m.entity = longer[m.entity.iri]
    for iri in longer:
        doc.entities.pop(iri, None)
    _first_word_forms(doc)
    _leading_organisations(doc)


def _leading_organisations(doc: Doc) -> None:
    """'CEO Belanjaria Stefanus Haryanto': a person's name of three words or more whose first word
    names an organisation or platform of the article is that one's name, then the person's."""
    named = {m.entity.label: m.entity for m in doc.mentions if m.entity.kind in ("Organization", "Platform")}
    renamed = {}
    for m in [m for m in doc.mentions if m.entity.kind == "Person" and not m.entity.known]:
        first, _, rest = m.entity.label.partition(" ")
        if first not in named or len(rest.split()) < 2:
            continue
        person = renamed.setdefault(m.entity.iri, _person_entity(doc, rest))
        if doc.text[m.start : m.start + len(first)] == first:  # the name in full: split it
            doc.remove_mention(m)
            _add(doc, m.start, m.start + len(first), named[first])
            at = m.start + doc.text[m.start : m.end].index(rest.split()[0], len(first))
            _add(doc, at, m.end, person)
        else:
            m.entity = person  # 'Stefanus' alone
    for iri, person in renamed.items():
        doc.entities.pop(iri, None)
        doc.entities.setdefault(person.iri, person)
    doc.sort_mentions()


def _first_word_forms(doc: Doc) -> None:
    """'Belanjaria' after 'PT Belanjaria Niaga Indonesia': the first word of an organisation's
    name, standing alone in the running text, names it, when it is no other name's first word,
    nothing the gazetteer knows and no word of a kind ('Bank', 'Rumah')."""
    firsts: dict[str, list] = {}
    for e in {m.entity.iri: m.entity for m in doc.mentions}.values():
        words = without_legal_form(e.label).split()
        if words:
            firsts.setdefault(words[0], []).append((e, len(words)))
    common = _org_words(doc.lang) | word_set(doc.lang, "roles", "not_name")
    words = _words_of(doc)
    for first, named in firsts.items():
        if len(named) != 1 or named[0][1] < 2 or named[0][0].kind != "Organization" or named[0][0].known:
            continue
        if len(first) < 4 or not first[0].isupper() or first in common or doc.gazetteer.lookup(first):
            continue
        for at in _standalone(doc.masked, first, words):
            end = at + len(first)
            sentence = doc.sentence_at(at)
            if doc.mention_at(at) is None and sentence is not None and running_text(doc, sentence):
                if not _capital_next(doc, end, " "):  # 'Belanjaria Niaga': a longer name
                    _add(doc, at, end, named[0][0])
    doc.sort_mentions()


def _named_in_body(doc: Doc, start: int, words: list, heading) -> list:
    """The longest start of `words` (two words or more) that the text names outside `heading`."""
    text = doc.masked
    for n in range(len(words), 1, -1):
        name = text[start : words[n - 1][1]]
        for at in _standalone(text, name.split()[0], _words_of(doc)):
            if text.startswith(name, at) and not heading.start <= at < heading.end:
                end = at + len(name)
                if end == len(text) or not (text[end].isalnum() or text[end] == "_"):
                    return words[:n]
    return []


ABBREVIATED = re.compile(
    r"\b(" + UP + r"[\w-]+(?:\s+(?:" + UP + r"[\w-]+|dan|and|of|&|untuk|for)){1,7})\s+\(([A-Z][A-Za-z]{1,9})\)"
)


def abbreviation_mentions(doc: Doc) -> None:
    """'Badan Siber dan Sandi Negara (BSSN)': a name with its abbreviation is an organisation
    (unless it is known as something else); later uses of the abbreviation refer to it."""
    gaz = doc.gazetteer
    places: dict[str, list[int]] = {}  # where each abbreviation stands as a word
    # Once tried, a place is taken (by its mention or by the one in its way) until a mention over
    # it is removed: later definitions of an abbreviation try only the places freed since.
    tried: dict[str, int] = {}  # abbreviation -> len(doc.removed_spans) when its places were tried
    for m in ABBREVIATED.finditer(doc.masked):
        long, short = re.sub(r"^(?:Dan|Sementara|Namun|Menurut|Pihak)\s+", "", m.group(1)), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if short[0] != long[0] or (short.isupper() and not set(short) <= set(initials + short[0])):
            continue
        known = gaz.lookup(long) or gaz.lookup(short)
        if known and known.kind not in ("Organization", "Source"):
            continue
        entity = known or gaz.entity("Organization", long)
        start = m.start(1) + m.group(1).index(long)
        _add(doc, start, start + len(long), entity, swallow=True)
        if short not in places:
            places[short] = [x.start() for x in re.finditer(r"(?<![\w@])" + re.escape(short) + r"(?![\w])", doc.masked)]
        for at in _places_to_try(places[short], len(short), doc.removed_spans, tried.get(short)):
            _add(doc, at, at + len(short), entity)
        tried[short] = len(doc.removed_spans)


def _places_to_try(places: list[int], length: int, removed: list, since: int | None) -> list[int]:
    """All `places` the first time (`since` None), then those that a mention removed since overlaps."""
    if since is None:
        return places
    freed = set()
    for a, b in removed[since:]:
        freed.update(places[bisect_right(places, a - length) : bisect_left(places, b)])
    return sorted(freed)


# a run of two or three capitalised words; the name alone, not a part of a longer run
NAME_RUN = re.compile(r"(?<![\w@])(" + CAP + r"(?:[ \t]+" + CAP + r"){1,2})(?![ \t]+" + UP + r")(?![\w])")


def repeated_names(doc: Doc) -> None:
    """'Ia menggantikan Darmawan Saleh, ...' and later '... dari Darmawan': a name no cue marks is
    a person's when one of its words stands alone elsewhere in the running text, as people are
    called by one of their names. Words of kinds and roles, words the article also writes in
    lower case, brands and names the gazetteer knows are no person's."""
    skip = _org_words(doc.lang) | word_set(doc.lang, "roles", "not_name", "title_words", "honorifics")
    words = _words_of(doc)
    for m in NAME_RUN.finditer(doc.masked):
        parts = m.group(1).split()
        if any(p in skip or p.isupper() or CAMEL.search(p) or p.lower() in words for p in parts):
            continue  # a word of a kind, an acronym, a brand ('LintasCell'), a common word ('Pelanggan')
        if doc.mention_index().overlapping(m.start(1), m.end(1)):
            continue
        if CAP_BEFORE.search(doc.masked, max(0, m.start(1) - 40), m.start(1)):
            continue  # the end of a longer run
        if _capitalised_by_place(doc, m.start(1)) or any(doc.gazetteer.lookup(p) for p in [m.group(1), *parts]):
            continue
        if any(_alone(doc, at, p) for p in (parts[0], parts[-1]) for at in _standalone(doc.masked, p, words)):
            _add(doc, m.start(1), m.end(1), _person_entity(doc, m.group(1)))


def _alone(doc: Doc, at: int, word: str) -> bool:
    """Does `word` at `at` stand alone (no capitalised word beside it) in running text, not first
    in its sentence and not named already?"""
    return (
        CAP_BEFORE.search(doc.masked, max(0, at - 40), at) is None
        and not _capital_next(doc, at + len(word), " \t")
        and doc.mention_at(at) is None
        and not _capitalised_by_place(doc, at)
    )


def _capital_next(doc: Doc, end: int, spaces: str) -> bool:
    """Does a capitalised word follow the word ending at `end`, after one of `spaces`?"""
    after = doc.masked[end : end + 2]
    return after[:1] in spaces and after[1:2].isupper()


def short_form_mentions(doc: Doc) -> None:
    """A surname or first name alone refers to the unknown person named in full earlier; the full
    name written anywhere (a headline before the body that introduces it) is that person too."""
    full = [e for e in doc.entities.values() if e.kind == "Person" and not e.known and " " in e.label]
    if not full:
        return
    for e in full:
        for at in _occurrences(doc.masked, e.label):
            _add(doc, at, at + len(e.label), e)
    doc.sort_mentions()
    starts: dict = {}  # the mentions of each entity (these loops add mentions of `e` only)
    for m in doc.mentions:
        starts.setdefault(m.entity.iri, []).append(m.start)
    words = _words_of(doc)
    # Where each name part stands and has not been tried yet. Once tried, a place is taken (by
    # this mention or by the one in its way), and no mention goes away here: it can be dropped.
    untried: dict[str, list[int]] = {}
    for e in full:
        if e.iri not in starts:
            continue  # its mentions were replaced (a pair split in two)
        first = min(starts[e.iri])
        for part in set(e.label.split()):
            if len(part) < 3 or part in word_set(doc.lang, "not_name"):
                continue
            places = untried.setdefault(part, _standalone(doc.masked, part, words))
            later = bisect_right(places, first)
            for at in places[later:]:
                _add(doc, at, at + len(part), e)
            del places[later:]


WORD = re.compile(r"(?<![\w@])\w+")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of `text` stands (whole words, not after '@')."""
    starts: dict[str, list[int]] = {}
    for m in WORD.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


def _standalone(text: str, part: str, words: dict[str, list[int]]) -> list[int]:
    """Where `part` stands in `text` as a whole word, not after '@'; a part made of word characters
    is looked up in `words` (one pass over the text for all of them)."""
    if WORD.fullmatch(part):
        return list(words.get(part, []))
    return [m.start() for m in re.finditer(r"(?<![\w@])" + re.escape(part) + r"(?![\w])", text)]


DATELINE_CITY = re.compile(
    r"(?m)^\s*([A-Z][A-Z .]{2,30}?)\s*(?:,\s*[A-Za-z0-9.-]+|\((?:[A-Z][A-Za-z]+)\))\s*(?:-{1,2}|–|—)\s"
)


def dateline_place(doc: Doc) -> None:
    """'DENPASAR, KOMPAS.com -', 'JAKARTA (ANTARA) -': the dateline city is a place."""
    m = DATELINE_CITY.search(doc.masked[:3000])
    if m and m.group(1).strip().isupper():
        name = m.group(1).strip().title()
        e = doc.gazetteer.lookup(name)
        if e is None or e.kind == "Place":
            _add(doc, m.start(1), m.start(1) + len(m.group(1).strip()), e or doc.gazetteer.entity("Place", name))


PAIR = re.compile(r"^(" + CAP + r"(?: " + CAP + r")*)-(" + CAP + r"(?: " + CAP + r")*)$")


def name_pairs(doc: Doc) -> None:
    """'Haris Setiawan-Dewi Kartikasari' (a ticket, a duo) is two persons; 'Jean-Pierre Raffarin',
    a two-word name, is one."""
    for m in [m for m in doc.mentions if m.entity.kind == "Person" and not m.entity.known]:
        pair = PAIR.match(m.text)
        if not pair or len(m.text.split()) < 3 or min(len(pair.group(1)), len(pair.group(2))) < 3:
            continue
        doc.remove_mention(m)
        if not any(x.entity.iri == m.entity.iri for x in doc.mentions):
            doc.entities.pop(m.entity.iri, None)
        for g in (1, 2):
            a, b = m.start + pair.start(g), m.start + pair.end(g)
            _add(doc, a, b, _person_entity(doc, doc.text[a:b]))


MENTION_STEPS = {  # pipeline name -> step; each adds mentions where none overlaps (Doc.add_mention)
    "gazetteer": gazetteer_mentions,
    "dateline_place": dateline_place,
    "role_persons": role_person_mentions,
    "initials": initials_mentions,
    "age_persons": age_person_mentions,
    "nicknames": nickname_mentions,
    "enumerations": enumeration_mentions,
    "speakers": speaker_mentions,
    "name_pairs": name_pairs,
    "places": place_mentions,
    "misspellings": misspelt_mentions,
    "abbreviations": abbreviation_mentions,
    "organizations": cue_mentions,
    "org_short_forms": org_short_forms,
    "repeated_names": repeated_names,
    "short_forms": short_form_mentions,
}


def _register(name: str, step) -> None:
    def run(doc: Doc) -> None:
        step(doc)
        doc.sort_mentions()

    run.__doc__ = step.__doc__
    needs = ["masked", "lang", "sentences", "quotes"] + (["mentions"] if name != "gazetteer" else [])
    component(name, requires=needs, assigns=["mentions", "entities"])(run)


for _name, _step in MENTION_STEPS.items():
    _register(_name, _step)
