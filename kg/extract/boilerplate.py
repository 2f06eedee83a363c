"""Blank out the parts of a scraped page that are not the article: menus, related links,
share lines, photo captions and credits, bylines and copyright footers.

Blanking (spaces of the same length) keeps every offset valid for the text as read.
"""

from __future__ import annotations

import re

from kg.document import Doc
from kg.extract import component
from kg.gazetteer import load_gazetteer

LINE_PATTERNS = [
    r"(?i)^\s*(baca juga|berita terkait|berita terpopuler|berita lainnya|lihat juga|simak juga|artikel terkait|tonton juga)\b",
    r"(?i)^\s*(dapatkan berita|ikuti kami|follow us|klik di sini|download aplikasi|bagikan|share\b|subscribe|langganan)",
    r"(?i)^\s*(nikmati berita|no more pages|zoom-in|advertisement|scroll to continue|iklan\b|kategori\s*:|tags?\s*:|topik\s*:)",
    r"(?i)^\s*(©|copyright|\(c\)\s*\d{4}|dilarang keras|hak cipta)|all rights? reserved",
    r"(?i)^\s*(artikel ini telah tayang|sumber\s*:|penulis adalah|logo\b|kolase\b|foto\s*:|dok\s*:)",
    r"(?i)^\s*(penulis|reporter|wartawan|editor|penyunting|redaktur|red|writer|author|oleh|laporan wartawan)\b\s*[:.]?",
    r"^\s*\([\w\s./*-]{0,60}\)\s*$",  # (wep), (mg/Name), (*)
    r"(?i)^\s*(baca|lihat|simak)\s+\w+\s+\w+\s*$",
]
LINE_RX = [re.compile(p) for p in LINE_PATTERNS]
CREDIT = re.compile(
    r"\((?:Dok|Foto|Photo|Sumber foto|AFP|AP|Reuters|REUTERS|ANTARA|Antara|Getty|Istimewa|Shutterstock|"
    r"Tangkapan layar|Screenshot|Kompas|Tribun)\b[^)]{0,80}\)"
)
MENU_WORDS = 3  # a line this short with no sentence punctuation is navigation, a credit or a label


def boilerplate_line(line: str, is_title: bool = False, gazetteer=None) -> bool:
    """True when a whole line is page furniture, not article text."""
    s = line.strip()
    if not s or is_title:
        return False
    if any(rx.search(s) for rx in LINE_RX):
        return True
    if CREDIT.search(s) and CREDIT.search(s).end() >= len(s) - 1:
        return True  # a photo caption ends with its credit
    return len(s.split()) <= MENU_WORDS and not re.search(r"[.!?\"”:]$", s) or _share_buttons(s, gazetteer) or _menu(s)


def _menu(line: str) -> bool:
    """'Home | Politik | Pilkada 2024 | Ekonomi', 'NusaMobile  Bank Nusa  ransomware': three or
    more short items between bars, dots or runs of spaces, and no sentence in them."""
    if not any(sep in line for sep in ("|", "·", "•", "  ")) or re.search(r"[.!?\"”]$", line.strip()):
        return False
    items = [i.strip() for i in re.split(r"\s[|·•]\s|\s{2,}", line.strip())]
    return len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


SHARE_WORDS = {"email", "e-mail", "copy", "link", "salin", "tautan", "print", "cetak", "share", "bagikan"}


def _share_buttons(line: str, gaz=None) -> bool:
    """'Facebook  X  LinkedIn  Email': a line of nothing but platform names and share words."""
    if len(line) > 120:
        return False
    words = [w for w in re.split(r"[\s|·•,:/]+", line) if w]
    if not 2 <= len(words) <= 10:
        return False
    gaz = gaz or load_gazetteer()
    return all(
        w.lower() in SHARE_WORDS or (gaz.lookup(w) is not None and gaz.lookup(w).kind == "Platform") for w in words
    )


@component("boilerplate", requires=["text"], assigns=["masked", "title"])
def mask_boilerplate(doc: Doc) -> None:
    chars = list(doc.text)
    pos = 0
    title = find_title(doc.text)
    doc.title = title
    for line in doc.text.split("\n"):
        end = pos + len(line)
        if boilerplate_line(line, is_title=(line.strip() == title), gazetteer=doc.gazetteer):
            chars[pos:end] = " " * len(line)
        pos = end + 1
    masked = "".join(chars)
    masked = CREDIT.sub(lambda m: " " * len(m.group()), masked)
    doc.masked = masked


def find_title(text: str) -> str | None:
    """The headline: among the first lines, the first that reads like one (4+ words, no final
    full stop, not page furniture)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[:4]:
        words = line.split()
        if (
            4 <= len(words) <= 30
            and not re.search(r"[.:)]$", line)
            and not any(rx.search(line) for rx in LINE_RX)
            and not _menu(line)
        ):
            return line
    return None
