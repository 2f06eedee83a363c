"""Dates in Indonesian and English news text, kept as precise as the text gives them."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache

from kg.document import DateValue
from kg.lang import table
from kg.names import alternation

MONTHS = table("months")  # the names of every language in kg/lang
WEEKDAYS = table("weekdays")
NUMBER_WORDS = table("number_words")

_MONTH = "(" + alternation(MONTHS) + r")(?:\.|(?!\w))"  # a whole word: not "Jul" of "July 2022"
_WEEKDAY = "(" + alternation(WEEKDAYS) + ")"
_ZONE = r"(?:WIB|WITA|WIT|GMT|UTC)"
# An optional weekday before a date, written '(?:...|)' rather than '(?:...)?': the same matches,
# and Python's re runs the empty alternative much faster than an optional group.
_PART_OF = r"(?:(?:awal|akhir|pertengahan|early|late|mid-?)\s+)?"  # 'pada akhir Juni', 'in early July'
_OPT_WEEKDAY = r"(?:\b" + _WEEKDAY + r",?\s*|)"

# Each pattern names its groups; order matters: the first match at a position wins.
PATTERNS = [
    ("dmy_slash", re.compile(_OPT_WEEKDAY + r"\(?(\d{1,2})/(\d{1,2})/(\d{4})\)?", re.I)),
    ("dm_slash", re.compile(_OPT_WEEKDAY + r"\((\d{1,2})/(\d{1,2})\)", re.I)),
    ("dmy_words", re.compile(_OPT_WEEKDAY + r"\b(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})\b", re.I)),
    ("mdy_words", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),\s+(\d{4})\b", re.I)),
    ("dm_words", re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"(?!\s*\d)(\s+(?:lalu|kemarin|lalu\.))?", re.I)),
    ("md_words", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})\b(?!\s*,?\s*\d{4})(?!\s*[:.]\d)")),
    ("month_last_year", re.compile(r"\b" + _MONTH + r"\s+(?:tahun\s+lalu|last\s+year)\b", re.I)),
    (
        "in_month",
        re.compile(r"\b(?:in|pada|bulan|sejak|since)\s+" + _PART_OF + r"(?:bulan\s+)?" + _MONTH + r"(?!\s*\d)", re.I),
    ),
    ("my_words", re.compile(r"\b" + _MONTH + r"\s+(\d{4})\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("years_ago", re.compile(r"\b(\d+|" + alternation(NUMBER_WORDS) + r")\s+tahun\s+(?:yang\s+)?lalu\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(kemarin|hari ini|pekan lalu|minggu lalu|sepekan lalu|bulan lalu|tahun lalu|"
            r"yesterday|today|last week|last month|last year)\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:tahun|sejak|pada|awal|akhir|pertengahan|in|since|hingga|sampai)\s+(?:tahun\s+)?((?:19|20)\d{2})\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?:,\s*|\b(?:pada|on|last|early|late|since|sejak)\s+(?:hari\s+)?)"
            + _WEEKDAY
            + r"(?=\s*[.,;)]|\s+(?:pagi|siang|sore|malam|dini hari|morning|afternoon|evening|night)\b)",
            re.I,
        ),
    ),
]


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_from_weekday(day: int, month: int, weekday: int, latest: int | None = None) -> int | None:
    """The most recent year (not after `latest`) in which day/month fell on `weekday`."""
    latest = latest or dt.date.today().year
    for y in range(latest, latest - 30, -1):
        d = _date(y, month, day)
        if d and d.weekday() == weekday:
            return y
    return None


def _relative(word: str, ref: dt.date) -> DateValue:
    """'kemarin' is a day; 'pekan lalu' and 'bulan lalu' only a month; 'tahun lalu' a year."""
    if word in ("kemarin", "yesterday"):
        return DateValue((ref - dt.timedelta(days=1)).isoformat())
    if word in ("hari ini", "today"):
        return DateValue(ref.isoformat())
    if word in ("pekan lalu", "minggu lalu", "sepekan lalu", "last week"):
        return DateValue((ref - dt.timedelta(days=7)).isoformat()[:7])
    if word in ("bulan lalu", "last month"):
        return DateValue((ref.replace(day=1) - dt.timedelta(days=1)).isoformat()[:7])
    return DateValue(f"{ref.year - 1:04d}")


def _past(d: dt.date, ref: dt.date) -> dt.date:
    """A day-month with no year that the text marks as past: not after the reference date."""
    if d > ref + dt.timedelta(days=1):
        return _date(d.year - 1, d.month, d.day) or d
    return d


def find_dates(text: str, ref: dt.date | None = None) -> list[tuple[int, int, DateValue]]:
    """Every date expression in `text` with its span. Dates without a year take it from `ref`
    (the publication date), or, for '(13/2)' after a weekday, from the weekday."""
    found: list[tuple[int, int, DateValue]] = []
    for kind, matches in _pattern_matches(text):
        # the spans taken by earlier patterns (one pattern's own matches never overlap), in text order
        taken = sorted((start, end) for start, end, _ in found)
        starts = [start for start, _ in taken]
        for m in matches:
            i = bisect_left(starts, m.end()) - 1  # the last span that starts before this match ends
            if i >= 0 and taken[i][1] > m.start():
                continue
            value = _resolve(kind, m, ref)
            if value:
                found.append((m.start(), m.end(), value))
    return sorted(found, key=lambda t: t[0])


# Every date expression has a digit or a month, weekday or relative word in it: the patterns are
# run only over the stretches of text around those, not over all of it (same matches, a third
# of the time: each pattern is tried at every position it is run over).
ANCHOR = re.compile(
    r"\d+|\b(?:"
    + alternation(
        [*MONTHS, *WEEKDAYS, "kemarin", "hari", "pekan", "minggu", "bulan", "tahun", "yesterday", "today", "last"]
    )
    + r")\b",
    re.I,
)
MARGIN = 30  # characters kept on each side of an anchor: more than any pattern reaches ("pertengahan tahun")


@lru_cache(maxsize=2)
def _pattern_matches(text: str) -> list[tuple[str, list[re.Match]]]:
    """Every pattern's matches in `text`; remembered, as an article's text is searched twice
    (for a publication date, then for all dates against it)."""
    windows = _windows(text)
    return [(kind, [m for a, b in windows for m in rx.finditer(text, a, b)]) for kind, rx in PATTERNS]


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` around anchors, merged, each starting and ending at a space (or
    the text's ends) so that no match is cut or made by a window's edge."""
    windows: list[list[int]] = []
    for m in ANCHOR.finditer(text):
        a, b = max(0, m.start() - MARGIN), min(len(text), m.end() + MARGIN)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    out = []
    for a, b in windows:
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _resolve(kind: str, m: re.Match, ref: dt.date | None) -> DateValue | None:
    g = m.groups()
    if kind == "dmy_slash":
        d = _date(int(g[3]), int(g[2]), int(g[1]))
        return DateValue(d.isoformat()) if d else None
    if kind == "dm_slash":
        day, month = int(g[1]), int(g[2])
        if ref and g[0]:
            for y in (ref.year, ref.year - 1):
                d = _date(y, month, day)
                if d and d.weekday() == WEEKDAYS[g[0].lower()] and d <= ref + dt.timedelta(days=1):
                    return DateValue(d.isoformat())
        if ref:
            d = _date(ref.year, month, day)
            return DateValue(_past(d, ref).isoformat()) if d else None
        if g[0]:
            y = year_from_weekday(day, month, WEEKDAYS[g[0].lower()])
            return DateValue(f"{y:04d}-{month:02d}-{day:02d}") if y else None
        return None
    if kind == "dmy_words":
        d = _date(int(g[3]), MONTHS[g[2].lower()], int(g[1]))
        return DateValue(d.isoformat()) if d else None
    if kind == "mdy_words":
        d = _date(int(g[2]), MONTHS[g[0].lower()], int(g[1]))
        return DateValue(d.isoformat()) if d else None
    if kind == "dm_words":
        if not ref:
            return None
        d = _date(ref.year, MONTHS[g[1].lower()], int(g[0]))
        return DateValue(_past(d, ref).isoformat()) if d else None
    if kind == "md_words":
        if not ref:
            return None
        d = _date(ref.year, MONTHS[g[0].lower()], int(g[1]))
        return DateValue(_past(d, ref).isoformat()) if d else None
    if kind == "month_last_year":  # 'Mei tahun lalu', 'in May last year'
        return DateValue(f"{ref.year - 1:04d}-{MONTHS[g[0].lower()]:02d}") if ref else None
    if kind == "in_month":
        if not ref:
            return None
        month = MONTHS[g[0].lower()]
        year = ref.year if month <= ref.month else ref.year - 1
        return DateValue(f"{year:04d}-{month:02d}")
    if kind == "my_words":
        return DateValue(f"{int(g[1]):04d}-{MONTHS[g[0].lower()]:02d}")
    if kind == "iso":
        d = _date(int(g[0]), int(g[1]), int(g[2]))
        return DateValue(d.isoformat()) if d else None
    if kind == "years_ago":
        if not ref:
            return None
        n = int(g[0]) if g[0].isdigit() else NUMBER_WORDS[g[0].lower()]
        return DateValue(f"{ref.year - n:04d}")
    if kind == "year":
        return DateValue(g[0])
    if kind == "relative":
        return _relative(g[0].lower(), ref) if ref else None
    if kind == "weekday":
        if not ref:
            return None
        back = (ref.weekday() - WEEKDAYS[g[0].lower()]) % 7
        return DateValue((ref - dt.timedelta(days=back)).isoformat())
    return None


HEADER_LINE = re.compile(
    r"^\W*(?:" + _WEEKDAY + r",?\s*)?(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})"
    r"(?:\s*[-|,]?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*" + _ZONE + r")?)?\W*$",
    re.I,
)
TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*" + _ZONE)


def header_date(lines: list[str]) -> DateValue | None:
    """The publication date from a header line such as '29 December 2022',
    'Minggu 27 Oct 2024 - 21:58 WIB' or 'August 13, 2024 2:15 AM GMT+7' near the top of the page."""
    for line in lines:
        line = line.strip()
        if len(line) > 80:
            continue
        days = [(a, b, v) for a, b, v in find_dates(line) if v.precision == "day"]
        if days and len(line) <= 45 and (days[0][1] - days[0][0]) >= 0.4 * len(line):
            return days[0][2]
        m = HEADER_LINE.match(line)
        if m:
            d = _date(int(m.group(4)), MONTHS[m.group(3).lower()], int(m.group(2)))
            if d:
                return DateValue(d.isoformat())
        if TIME_STAMP.search(line):
            for _, _, v in find_dates(line):
                if v.precision == "day":
                    return v
    return None


def dates_agree(a: str | None, b: str | None, slack: int = 1) -> bool:
    """Could two dates name the same day? A missing one always could; two days may be `slack`
    apart (a US evening is the next morning in WIB; one article counts its days in one time zone:
    0); otherwise the shorter must be a prefix ('2022' of '2022-03-01')."""
    if a is None or b is None:
        return True
    if len(a) == len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= slack
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def as_date(value: DateValue | None) -> dt.date | None:
    if value and value.precision == "day":
        return dt.date.fromisoformat(value.value)
    return None
