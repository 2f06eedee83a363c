"""Roles and ownership: 'Presiden Rusia Vladimir Putin' -> leaderOf Rusia, 'juru bicara Kremlin,
Dmitry Peskov' -> spokespersonOf Kremlin, 'Pemilik media sosial X, Elon Musk' -> owns X,
'Sergei Kiriyenko, wakil kepala staf pertama Putin' -> affiliatedWith Putin."""

from __future__ import annotations

import re

from kg.document import Doc, Relation
from kg.extract import component

ROLES = [  # first match wins: 'wakil kepala staf' is a deputy, not a head
    (r"wakil|staf|penasihat|asisten|ajudan|deputy|adviser", "affiliatedWith"),
    (
        r"presiden|president|perdana menteri|pm|raja|ratu|kanselir|gubernur|governor|bupati|wali ?kota|ketua|"
        r"kepala|pemimpin|leader|chairman",
        "leaderOf",
    ),
    (r"ceo|chief executive|direktur utama|dirut|bos|boss", "ceoOf"),
    (r"pendiri|founder|co-founder", "founderOf"),
    (r"juru bicara|jubir|spokesperson|spokesman", "spokespersonOf"),
    (r"pemilik|owner", "owns"),
    (r"anggota|member|capres dari|politikus|politisi|karyawan|pegawai", "memberOf"),
]
TARGET_KINDS = {"Organization", "Place", "Platform", "Person"}
FILLER = re.compile(
    r"^[\s,]*(?:(?:dan|and|&|,|Inc\.?|Corp\.?|media sosial|platform|perusahaan|aplikasi|negara)\s*)*$", re.I
)


def _role(words: str) -> str | None:
    for rx, prop in ROLES:
        if re.search(r"(?i)\b(?:" + rx + r")\b", words):
            return prop
    return None


@component("relations", requires=["masked", "sentences", "mentions"], assigns=["relations"])
def relations(doc: Doc) -> None:
    ms = doc.mentions
    for i, person in enumerate(ms):
        if person.entity.kind != "Person":
            continue
        sentence = doc.sentence_at(person.start)
        if sentence is None:
            continue
        # ROLE TARGET [dan TARGET] [,] PERSON
        j, targets = i - 1, []
        gap_end = person.start
        while (
            j >= 0
            and ms[j].start >= sentence.start
            and ms[j].entity.kind in TARGET_KINDS - {"Person"}
            and FILLER.match(doc.masked[ms[j].end : gap_end])
        ):
            targets.insert(0, ms[j])
            gap_end = ms[j].start
            j -= 1
        if targets:
            lead = doc.masked[max(sentence.start, targets[0].start - 40) : targets[0].start]
            m = re.search(r"(?i)([\w -]{2,40}?)\s*$", lead)
            prop = _role(m.group(1).split(",")[-1]) if m else None
            if prop:
                for t in targets:
                    doc.relations.append(Relation(person.entity.iri, prop, t.entity.iri, sentence))
        # PERSON, ROLE ... TARGET
        after = doc.masked[person.end : min(sentence.end, person.end + 60)]
        m = re.match(
            r"^,\s*([a-zA-Z -]{2,40}?)\s*$", after[: next((k.start - person.end for k in ms[i + 1 : i + 2]), 0)] or ""
        )
        if m and i + 1 < len(ms) and ms[i + 1].entity.kind in TARGET_KINDS:
            prop = _role(m.group(1))
            if prop:
                doc.relations.append(Relation(person.entity.iri, prop, ms[i + 1].entity.iri, sentence))
