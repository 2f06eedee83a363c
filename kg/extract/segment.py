"""Sentences and direct quotes, with offsets; quote-aware so a quote is never split."""

from __future__ import annotations

import re

from kg.document import Doc, Quote, Sentence
from kg.extract import component

ABBREVIATIONS = {
    "dr",
    "drs",
    "prof",
    "ir",
    "h",
    "hj",
    "st",
    "no",
    "jl",
    "jln",
    "sdr",
    "tn",
    "ny",
    "dll",
    "dkk",
    "mr",
    "mrs",
    "ms",
    "jr",
    "sr",
    "inc",
    "co",
    "vs",
    "u.s",
    "a.s",
    "m",
    "s",
    "k",
    "kh",
    "pt",
    "tbk",
    "ltd",
    "corp",
    "bpk",
    "yth",
}
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
OPEN_QUOTES, CLOSE_QUOTES = "“", "”"
ACTIVE = re.compile(r'[“”".!?]')  # the characters sentence splitting looks at


def _is_boundary(text: str, i: int) -> bool:
    """Is the '.', '!' or '?' at text[i] the end of a sentence?"""
    ch = text[i]
    nxt = text[i + 1 : i + 3]
    if ch == "." and i > 0 and text[i - 1].isdigit() and nxt[:1].isdigit():
        return False  # 1.5, 08.00
    if ch == ".":
        end = i - 1 if text[i - 1 : i] == "\n" else i  # where the regex `$` matched in text[:i]
        word = _word_before(text, end)
        if word.lower() in ABBREVIATIONS:
            return False
        if len(word) == 1 and _initial_after_name(text, end):
            return False  # an initial: 'Donald J. Trump'

    return True


def _in_word(ch: str) -> bool:
    """A character of the regex class [\\w.]: a letter, digit, '_' or '.'."""
    return ch.isalnum() or ch in "_."


def _word_before(text: str, end: int) -> str:
    """The run of letters, digits, '_' and dots that ends at `end`, cut to its last
    LONGEST_ABBREVIATION + 1 characters: longer, it is neither an abbreviation nor an initial,
    and looking no further keeps splitting linear ('......', 'a.b.c.d...')."""
    start = end
    while start > 0 and end - start <= LONGEST_ABBREVIATION and _in_word(text[start - 1]):
        start -= 1
    return text[start:end]


def _initial_after_name(text: str, end: int) -> bool:
    """Does text[:end] end in a capitalised word, spaces and one letter ('Donald J')? The same test
    as the regex `[A-Z][\\w.]*\\s+\\w$`, but looking back only over that word and those spaces."""
    k = end - 1
    if k < 1 or not (text[k].isalnum() or text[k] == "_"):
        return False
    spaces = k
    while spaces > 0 and text[spaces - 1].isspace():
        spaces -= 1
    if spaces == k:
        return False
    j = spaces
    while j > 0 and _in_word(text[j - 1]):
        j -= 1
        if "A" <= text[j] <= "Z":
            return True
    return False


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (one paragraph)."""
    spans, s, depth, straight = [], start, 0, False
    i = start
    while (m := ACTIVE.search(text, i, end)) is not None:  # skip to the next quote mark or stop
        i = m.start()
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
            if j >= end or (text[j] == " " and j + 1 < end and (text[j + 1].isupper() or text[j + 1] in '"“(')):
                spans.append((s, j))
                while j < end and text[j] == " ":
                    j += 1
                s, i = j, j
                continue
        i += 1
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return [piece for a, b in spans for piece in _bounded(text, a, b)]


MAX_SENTENCE = 1500  # characters; real sentences are far shorter


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at spaces into pieces of at most MAX_SENTENCE characters. A quote mark left open
    (or text without periods) would otherwise make the rest of a paragraph one sentence, and
    every step that looks within a sentence would cost its length, for every mention in it."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut + 1 if text[cut] == " " else cut
    return pieces + [(start, end)]


@component("sentences", requires=["masked"], assigns=["sentences"])
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


@component("quotes", requires=["masked", "sentences"], assigns=["quotes"])
def quotes(doc: Doc) -> None:
    text = doc.masked
    # An opening “ with no ” anywhere after it cannot open a quote, but the regex would look for
    # its ” up to the end of the text, for each one: quadratic. Those become a plain ' (same
    # length, and no quote character for the regex); the quotes are taken from the text itself.
    last_close = text.rfind(CLOSE_QUOTES) + 1
    scanned = text[:last_close] + text[last_close:].replace(OPEN_QUOTES, "'")
    for m in QUOTE_RX.finditer(scanned):
        g = 1 if m.group(1) is not None else 2
        doc.quotes.append(Quote(m.start(), m.end(), text[m.start(g) : m.end(g)].strip()))
