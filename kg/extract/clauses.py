"""Clauses, trigger contexts and the small stemmer the event extractors share."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.document import Doc, Sentence
from kg.lang import DEFAULT, Pattern, language

SUBORDINATORS = Pattern(r"(?i)(?:^|[\s,;])($subordinators)\b(?!\s+\d|\s+(?:$not_after_subordinator)\b)")
NEGATION = Pattern(r"(?i)\b($negation)\b(?:\s+\w+){0,4}\s*$")
IRREALIS = Pattern(r"(?i)\b($irrealis)\b(?:\s+[\w-]+){0,2}\s*$")
ABILITY = Pattern(r"(?i)\b($ability)\b")
ANAPHOR = Pattern(r"(?i)^(?:$enclitics)?\s*($anaphors)\b")  # 'wawancara tersebut'
ANAPHOR_BEFORE = Pattern(r"(?i)\b($anaphors_before)\s+$")  # 'the attack'


def stem(word: str, lang: str = DEFAULT) -> str:
    """A rough stem by the language's affixes, good enough to see that 'mewawancarai' and
    'wawancara' agree."""
    w = word.lower().split()[0]
    affixes = language(lang)
    for s in affixes.list("suffixes"):
        if w.endswith(s) and len(w) - len(s) >= 5:
            w = w[: -len(s)]
            break
    for p in affixes.list("prefixes"):
        if w.startswith(p) and len(w) - len(p) >= 4:
            w = w[len(p) :]
            break
    return w


def clause_bounds(doc: Doc, sentence: Sentence, offset: int) -> tuple[int, int]:
    """The clause of `sentence` around `offset`: cut at subordinating conjunctions and
    semicolons ('Hackers stole the data in March; police arrested a suspect in May')."""
    cuts = doc.memo(
        ("clause cuts", sentence.start, sentence.end),
        lambda: _cuts(doc.masked[sentence.start : sentence.end], SUBORDINATORS.get(doc.lang)),
    )
    rel = offset - sentence.start
    i = bisect_right(cuts, rel)  # cuts[i - 1] <= rel < cuts[i]
    start = cuts[i - 1]
    end = cuts[i] if i < len(cuts) else cuts[-1]
    return sentence.start + start, sentence.start + end


def _cuts(text: str, subordinators: re.Pattern) -> list[int]:
    """Where the clauses of a sentence start, and its length."""
    semicolons = [m.end() for m in re.finditer(r";\s*", text)]
    return sorted({0, *(m.start(1) for m in subordinators.finditer(text)), *semicolons, len(text)})


def running_text(doc: Doc, sentence: Sentence) -> bool:
    """Is the sentence running text, not a title-case heading? (One that ends in a full stop is,
    however many names it holds.)"""

    def check() -> bool:
        text = doc.masked[sentence.start : sentence.end].rstrip()
        if not sentence.is_title and text.endswith((".", "!", "?")):
            return True
        words = text.split()
        return sum(w[:1].isupper() for w in words) < 0.6 * len(words)

    return doc.memo(("running text", sentence.start, sentence.end), check)


def inside_quote(doc: Doc, offset: int) -> bool:
    return doc.in_quote(offset)
