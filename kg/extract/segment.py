"""Sentences and direct quotes, with offsets; quote-aware so a quote is never split."""
from __future__ import annotations

import re

from kg.document import Doc, Quote, Sentence
from kg.extract import component

ABBREVIATIONS = {"dr", "drs", "prof", "ir", "h", "hj", "st", "no", "jl", "jln", "sdr", "tn", "ny",
                 "dll", "dkk", "mr", "mrs", "ms", "jr", "sr", "inc", "co", "vs", "u.s", "a.s",
                 "m", "s", "k", "kh", "pt", "tbk", "ltd", "corp", "bpk", "yth"}
OPEN_QUOTES, CLOSE_QUOTES = "“", "”"


def _is_boundary(text: str, i: int) -> bool:
    """Is the '.', '!' or '?' at text[i] the end of a sentence?"""
    ch = text[i]
    nxt = text[i + 1:i + 3]
    if ch == "." and i > 0 and text[i - 1].isdigit() and nxt[:1].isdigit():
        return False  # 1.5, 08.00
    if ch == ".":
        word = re.search(r"([\w.]+)$", text[:i])
        if word and word.group(1).lower() in ABBREVIATIONS:
            return False
        if word and len(word.group(1)) == 1 and re.search(r"[A-Z][\w.]*\s+\w$", text[:i]):
            return False  # an initial: 'Donald J. Trump'

    return True


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (one paragraph)."""
    spans, s, depth, straight = [], start, 0, False
    i = start
    while i < end:
        ch = text[i]
        if ch in OPEN_QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in ".!?" and depth == 0 and not straight and _is_boundary(text, i):
            j = i + 1
            while j < end and text[j] in "\"”’')":
                j += 1
            if j >= end or (text[j] == " " and j + 1 < end and (text[j + 1].isupper() or text[j + 1] in "\"“(")):
                spans.append((s, j))
                while j < end and text[j] == " ":
                    j += 1
                s, i = j, j
                continue
        i += 1
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return spans


@component("sentences")
def sentences(doc: Doc) -> None:
    pos, para = 0, 0
    for line in doc.masked.split("\n"):
        end = pos + len(line)
        if line.strip():
            lead = pos + len(line) - len(line.lstrip())
            tail = pos + len(line.rstrip())
            for a, b in split_sentences(doc.masked, lead, tail):
                text = doc.text[a:b]
                doc.sentences.append(Sentence(a, b, text, para, is_title=(text.strip() == doc.title)))
            para += 1
        pos = end + 1


QUOTE_RX = re.compile(r"“([^”]{2,}?)”|\"([^\"\n]{2,}?)\"")


@component("quotes")
def quotes(doc: Doc) -> None:
    for m in QUOTE_RX.finditer(doc.masked):
        g = 1 if m.group(1) is not None else 2
        doc.quotes.append(Quote(m.start(), m.end(), m.group(g).strip()))
