"""The article's language: declared by the input (a JSON Lines `language`, an HTML `lang`),
else the language whose frequent words (`stopwords` in kg/lang/<code>/words.toml) make up
most of the text."""

from __future__ import annotations

import re

from kg.document import Doc
from kg.extract import component
from kg.lang import DEFAULT, language, languages

WORD = re.compile(r"[^\W\d_]+")
SAMPLE = 20_000  # characters read: enough to tell, and a long article costs no more


def detect(text: str) -> str:
    """The code of the language `text` is most likely written in (DEFAULT when none fits)."""
    words = [w.lower() for w in WORD.findall(text[:SAMPLE])]
    if not words:
        return DEFAULT
    scores = {code: _share(words, set(language(code).list("stopwords"))) for code in languages()}
    best = max(sorted(scores), key=lambda code: scores[code])
    return best if scores[best] > scores.get(DEFAULT, 0.0) else DEFAULT


def _share(words: list[str], stopwords: set[str]) -> float:
    return sum(w in stopwords for w in words) / len(words)


@component("language")
def detect_language(doc: Doc) -> None:
    declared = str(doc.hints.get("language") or "").lower().split("-")[0].split("_")[0]
    doc.lang = declared if declared in languages() else detect(doc.text)
