"""Clauses, trigger contexts and the small Indonesian stemmer the event extractors share."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.document import Doc, Sentence

SUBORDINATORS = re.compile(
    r"(?i)(?:^|[\s,;])(setelah|sesudah|sebelum|ketika|tatkala|saat(?!\s+ini)|sementara|namun|tetapi|tapi|"
    r"meski(?:pun)?|walau(?:pun)?|karena|sebab|sehingga|sedangkan|padahal|bahwa|selama|usai|sejak(?!\s+(?:tahun\s+)?\d)|"
    r"after|before|when|while|but|although|because|that|since(?!\s+\d))\b"
)
NEGATION = re.compile(r"(?i)\b(tidak|tak|belum|bukan|never|not|no|didn't|did not)\b(?:\s+\w+){0,4}\s*$")
IRREALIS = re.compile(
    r"(?i)\b(akan|ingin|berencana|rencana|hendak|untuk|jika|apabila|seandainya|sebagai bentuk|sebagai wujud|sebagai tanda|"
    r"undang|mengundang|mengajak|ajak|will|would|plans? to|invited?)\b(?:\s+[\w-]+){0,2}\s*$"
)
ABILITY = re.compile(r"(?i)\b(dapat|bisa|mampu|could|can)\b")
ANAPHOR = re.compile(r"(?i)^(?:nya)?\s*(tersebut|itu|ini|this|that)\b")  # 'wawancara tersebut', 'the attack'
PREFIXES = (
    "mempeng",
    "memper",
    "menge",
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "di",
    "ber",
    "ter",
    "pem",
    "pen",
    "peng",
    "per",
    "pe",
    "ke",
    "se",
)
SUFFIXES = ("kannya", "annya", "nya", "kan", "an", "i")


def stem(word: str) -> str:
    """A rough Indonesian stem, good enough to see that 'mewawancarai' and 'wawancara' agree."""
    w = word.lower().split()[0]
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 5:
            w = w[: -len(s)]
            break
    for p in PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 4:
            w = w[len(p) :]
            break
    return w


def clause_bounds(doc: Doc, sentence: Sentence, offset: int) -> tuple[int, int]:
    """The clause of `sentence` around `offset`: cut at subordinating conjunctions."""
    cuts = doc.memo(
        ("clause cuts", sentence.start, sentence.end), lambda: _cuts(doc.masked[sentence.start : sentence.end])
    )
    rel = offset - sentence.start
    i = bisect_right(cuts, rel)  # cuts[i - 1] <= rel < cuts[i]
    start = cuts[i - 1]
    end = cuts[i] if i < len(cuts) else cuts[-1]
    return sentence.start + start, sentence.start + end


def _cuts(text: str) -> list[int]:
    """Where the clauses of a sentence start, and its length."""
    return sorted([0] + [m.start(1) for m in SUBORDINATORS.finditer(text)] + [len(text)])


def inside_quote(doc: Doc, offset: int) -> bool:
    return doc.in_quote(offset)
