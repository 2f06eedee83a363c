"""Cited sources: known outlets and agencies named in the body, and any name after a citation
cue ('dilansir dari', 'dikutip dari', 'menurut laporan', 'Sumber:', 'X memberitakan')."""

from __future__ import annotations

import re

from kg.document import Doc, Entity
from kg.extract import component
from kg.extract.metadata import SITE_SUFFIX, SOURCE_LINE, outlet_entity
from kg.extract.words import UP
from kg.lang import Pattern

NAME = r"(" + UP + r"[\w-]*(?:\.[A-Za-z]{2,}(?:\.[a-z]{2})?)?(?: +" + UP + r"[\w-]*){0,3})"
# 'dilansir dari Reuters', 'menurut data DealStreetAsia', 'according to the Spanish news agency EFE'
CITED_AFTER = Pattern(r"(?i:$citation_cues)(?: +(?i:$source_words))* +" + NAME, starts_with="citation_cues")
# 'Reuters memberitakan', 'La Tercera reported'
CITED_BEFORE = Pattern(NAME + r" +(?:$source_verbs)\b")
NOT_SOURCE = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Pada", "Dalam", "Namun", "Ia", "Dia"}


def _cited(doc: Doc) -> list[tuple[int, Entity]]:
    gaz = doc.gazetteer
    found = [(h.start, h.entity) for h in gaz.find(doc.masked) if h.entity.kind == "Source"]
    for rx in (CITED_AFTER, CITED_BEFORE):
        for m in rx.get(doc.lang).finditer(doc.masked):
            name = m.group(1)
            if name.split()[0] in NOT_SOURCE:
                continue
            known = gaz.lookup(name)
            if known and known.kind != "Source":
                continue  # 'menurut laporan Musk' names a person, not an outlet
            named = doc.mention_at(m.start(1))
            if named is not None and named.entity.kind != "Source":
                continue  # 'according to the Trade Ministry', 'according to Dimas
            found.append((m.start(1), known or outlet_entity(gaz, name)))
    for m in SOURCE_LINE.finditer(doc.text):
        found.append((m.start("outlet"), outlet_entity(gaz, m.group("outlet"))))
    return found


def _is_publisher(doc: Doc, e) -> bool:
    """Is `e` the article's own outlet, under another of its names ('detik' for 'detikInet',
    'AP' for 'The Associated Press', 'Guardian' for 'The Guardian')? ('Bloomberg' is not
    'Bloomberg Technoz': a word of a longer name is another outlet.)"""
    if doc.publisher is None:
        return False
    if e.iri == doc.publisher.iri:
        return True
    own, cited = _fold(doc.publisher.label), _fold(e.label)
    if not own or not cited:
        return False
    words = [w for w in re.split(r"[\W_]+", doc.publisher.label) if w and w.lower() != "the"]
    initials = "".join(w[0] for w in words).lower()
    one_word = len(words) == 1
    return own == cited or cited == initials or (one_word and (own.startswith(cited) or cited.startswith(own)))


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", "", SITE_SUFFIX.sub("", re.sub(r"(?i)^the\s+", "", name.strip()))).lower()


@component("sources", requires=["masked", "sentences", "mentions"], assigns=["cited", "citations"])
def sources(doc: Doc) -> None:
    seen = {}
    for at, e in sorted(_cited(doc), key=lambda t: (t[0], str(t[1].iri))):
        if not _is_publisher(doc, e):
            seen.setdefault(e.iri, e)
            doc.citations.append((at, seen[e.iri]))
    doc.cited = list(seen.values())
