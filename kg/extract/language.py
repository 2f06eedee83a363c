"""The article's language: declared by the input (a JSON Lines `language`, an HTML `lang`),
else the language whose frequent words (`stopwords` in kg/lang/<code>/words.toml) make up
most of the text."""

from __future__ import annotations

from kg.document import Doc
from kg.extract import component
from kg.lang import DEFAULT, languages, word_set

PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>-–—/*"
SAMPLE = 2_500  # characters read: enough to tell, and a long article costs no more


def detect(text: str) -> str:
    """The code of the language `text` is most likely written in (DEFAULT when none fits)."""
    words = [w for w in (w.strip(PUNCTUATION) for w in text[:SAMPLE].lower().split()) if w.isalpha()]
    if not words:
        return DEFAULT
    scores = {code: _share(words, word_set(code, "stopwords")) for code in languages()}
    best = max(sorted(scores), key=lambda code: scores[code])
    return best if scores[best] > scores.get(DEFAULT, 0.0) else DEFAULT


def _share(words: list[str], stopwords: frozenset[str]) -> float:
    return sum(w in stopwords for w in words) / len(words)


@component("language", requires=["text", "hints"], assigns=["lang"])
def detect_language(doc: Doc) -> None:
    declared = str(doc.hints.get("language") or "").lower().split("-")[0].split("_")[0]
    doc.lang = declared if declared in languages() else detect(doc.text)
