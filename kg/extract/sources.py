"""Cited sources: known outlets and agencies named in the body, and any name after a citation
cue ('dilansir dari', 'dikutip dari', 'menurut laporan', 'Sumber:', 'X memberitakan')."""

from __future__ import annotations

import re

from kg.document import Doc, Entity
from kg.extract import component
from kg.extract.metadata import SOURCE_LINE, outlet_entity
from kg.extract.words import UP
from kg.gazetteer import load_gazetteer

NAME = r"(" + UP + r"[\w-]*(?:\.[A-Za-z]{2,}(?:\.[a-z]{2})?)?(?: +" + UP + r"[\w-]*){0,3})"
# Tried in this order, any case: the first cue after which the pattern fits wins.
CITATION_CUES = [
    "dilansir",
    "dilansir dari",
    "dilansir laman",
    "melansir",
    "mengutip",
    "dikutip",
    "dikutip dari",
    "dikutip oleh",
    "seperti dilaporkan",
    "seperti dilaporkan oleh",
    "dilaporkan oleh",
    "dilaporkan",
    "menurut laporan",
    "berdasarkan laporan",
    "laporan",
    "sumber dari",
    "according to",
    "reported by",
    "citing",
]
# A cue's first letter, checked first: the search then skips most places at once.
_CUE_START = "(?=(?i:[" + "".join(sorted({cue[0] for cue in CITATION_CUES})) + "]))"
CUES = [
    re.compile(
        _CUE_START
        + "(?i:"
        + "|".join(CITATION_CUES)
        + ") +(?:(?i:dari|oleh|laman|situs|media|kantor berita) +)?"
        + NAME
    ),
    re.compile(NAME + r" +(?:memberitakan|melaporkan|mewartakan|reported)\b"),
]
NOT_SOURCE = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Pada", "Dalam", "Namun", "Ia", "Dia"}


def _cited(doc: Doc) -> list[tuple[int, Entity]]:
    gaz = load_gazetteer()
    found = [(h.start, h.entity) for h in gaz.find(doc.masked) if h.entity.kind == "Source"]
    for rx in CUES:
        for m in rx.finditer(doc.masked):
            name = m.group(1)
            if name.split()[0] in NOT_SOURCE:
                continue
            known = gaz.lookup(name)
            if known and known.kind != "Source":
                continue  # 'menurut laporan Musk' names a person, not an outlet
            found.append((m.start(1), known or outlet_entity(name)))
    for m in SOURCE_LINE.finditer(doc.text):
        found.append((m.start("outlet"), outlet_entity(m.group("outlet"))))
    return found


@component("sources", requires=["masked", "sentences", "mentions"], assigns=["cited", "citations"])
def sources(doc: Doc) -> None:
    own = doc.publisher.iri if doc.publisher else None
    seen = {}
    for at, e in sorted(_cited(doc), key=lambda t: (t[0], str(t[1].iri))):
        if e.iri != own:
            seen.setdefault(e.iri, e)
            doc.citations.append((at, seen[e.iri]))
    doc.cited = list(seen.values())
