"""Article metadata: outlet, byline (authors, editors) and publication date."""

from __future__ import annotations

import re

from kg.dates import as_date, find_dates, header_date
from kg.document import DateValue, Doc, Entity
from kg.extract import component
from kg.extract.words import UP
from kg.lang import without_legal_form

DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z]{2,}){1,2}"
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .]{1,30},\s*)?(?P<outlet>"
    + DOMAIN
    + r")(?:\s*,\s*(?P<city>[A-Z][A-Za-z .]{1,30}?))?\s*(?:-{1,2}|–|—)\s",
    re.M,
)
DATELINE_AGENCY = re.compile(
    r"^\s*[A-Z][A-Za-z .]{1,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?P<outlet>[A-Z][A-Za-z .]{1,30})\)\s*(?:-{1,2}|–|—)\s",
    re.M,
)
DATELINE_NAMED = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z .]{1,30}),\s*(?P<outlet>[A-Z][\w .]{1,30}?)\s*(?:-{1,2}|–|—)\s", re.M
)
REPUBLISHED = re.compile(
    r"(?i)artikel ini telah (?:tayang|terbit) di\s+(?P<outlet>"
    + DOMAIN
    + r"|[A-Z][\w ]+?)(?:\s+dengan judul|\s*$|[.,])",
    re.M,
)
COPYRIGHT = re.compile(
    r"(?:©|\([cC]\)|(?i:copyright))\s*(?:\d{4}(?:\s*-\s*\d{4})?)?\s*(?P<outlet>"
    + DOMAIN
    + r"|(?:[A-Z][\w'&]*\.?)(?:[ \t]+(?:[A-Z][\w'&]*|of|dan|and))*)"
)
# A site's name alone on the first line of the page: 'TeknoKini.id', 'THE PACKET LEDGER',
# 'detikcom | detikInet' (its first part)
MASTHEAD = re.compile(r"^\s*(?P<outlet>" + DOMAIN + r"|(?:[A-Za-z][\w'&]*)(?:[ \t]+[A-Z][\w'&]*){0,3})\s*(?:$|\|)")
SOURCE_LINE = re.compile(r"(?im)^\s*sumber\s*:\s*(?P<outlet>" + DOMAIN + r"|[A-Z][\w .]+?)\s*$")
LOGO_LINE = re.compile(r"(?im)^\s*logo\s+(?P<outlet>[A-Z][\w .]+?)\s*$")

AUTHOR_LINE = re.compile(
    r"(?im)^\s*(?:[-•*]\s*)?(?:penulis|reporter|wartawan|pewarta|writer|author|oleh|by|reporting by)\s*:?\s+"
    r"(?P<names>[^|;\n]+?)\s*(?:[|;]|$)"
)
DASH_BYLINE = re.compile(
    r"(?m)^\s*(?P<names>[A-Z][\w'.]+(?:\s+[A-Z][\w'.]+){0,4}(?:\s*(?:,|dan|&)\s*[A-Z][\w'.]+(?:\s+[A-Z][\w'.]+){0,4})*)\s+-\s+(?P<outlet>[a-z]+[A-Z]\w+|[A-Z][\w]*\.(?:com|co\.id|id))\s*$"
)
EDITOR_LINE = re.compile(
    r"(?im)(?:^|[|;])\s*(?:[-•*]\s*)?(?:(?:editor|penyunting|redaktur)\s*:?|red\s*:|editing by|edited by)\s*"
    r"(?P<names>[^|;\n]+?)\s*(?:[|;]|$)"
)
REPORTER_PHRASE = re.compile(
    r"(?i)laporan wartawan\s+[\w.]+(?:\s+[\w.]+)?,\s*(?P<names>[A-Z][\w .'-]+?)(?:\s*$|[,\n])", re.M
)
INITIALS_LINE = re.compile(r"(?m)^\s*\((?:[a-z]{1,5}|[A-Z]{1,5})/(?P<names>[A-Z][^)]{2,60})\)\s*$")
NAME = re.compile(r"^" + UP + r"[\w'.-]*(?:\s+(?:" + UP + r"[\w'.-]*|bin|binti|van|de|al))*$")


SITE_SUFFIX = re.compile(r"(?i)\.(com|co\.id|id|net|org)$")  # 'kompas.com' names Kompas


def outlet_entity(gaz, name: str) -> Entity:
    """The known outlet for a name or domain, else a new Source named by the domain."""
    name = without_legal_form(name.strip().strip(".,"))  # '© Nikkei Inc.'
    for form in (name, SITE_SUFFIX.sub("", name), re.sub(r"^(?:The|the)\s+", "", name)):
        known = gaz.lookup(form, "Source")  # 'kompas.com', 'The Associated Press'
        if known:
            return known
    label = name.lower() if "." in name else name
    return gaz.entity("Source", label)


def find_outlet(gaz, text: str) -> Entity | None:
    head = text[:3000]
    for rx, where in (
        (DATELINE, head),
        (DATELINE_AGENCY, head),
        (DATELINE_NAMED, head),
        (REPUBLISHED, text),
        (COPYRIGHT, text),
        (LOGO_LINE, head),
        (SOURCE_LINE, text),
    ):
        m = rx.search(where)
        if not m:
            continue
        if rx is DATELINE_NAMED:
            name = _named_dateline_outlet(gaz, m.group("city").strip(), m.group("outlet").strip())
            if name:
                return outlet_entity(gaz, name)
            continue
        return outlet_entity(gaz, m.group("outlet"))
    first = [ln.strip() for ln in text.split("\n")[:8] if ln.strip()]
    for line in first:  # a site name on its own line at the top ('The Guardian - Back to home')
        for part in (line, *re.split(r"\s+[-|–—:]\s+", line)[:1]):
            e = gaz.lookup(part, "Source")
            if e:
                return e
    first = first[:4]
    return _masthead(gaz, first[0], text) if first else None


def _masthead(gaz, line: str, text: str) -> Entity | None:
    """The outlet named by the page's first line, when it looks like a site's name: a domain, or
    up to four capitalised words (all capitals are written in title case), not a date, not a
    known entity of another kind. A single word ('detikcom', 'Tekno') must be named again further
    down the page, as a section's name seldom is."""
    m = MASTHEAD.match(line)
    if not m or find_dates(line):
        return None
    name = m.group("outlet").strip()
    if " " not in name and "." not in name:
        rest = text[len(line) :].lower()
        if not re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?![^\W_])", rest):
            return None
    elif not (name[:1].isupper() or "." in name):
        return None
    known = gaz.lookup(name)
    if known is not None and known.kind != "Source":
        return None
    if name.isupper() and len(name) > 4 and "." not in name:
        name = name.title()
    return outlet_entity(gaz, name)


def _named_dateline_outlet(gaz, first: str, second: str) -> str | None:
    """The outlet of a 'Name, Name -' dateline: 'JAKARTA, Kompas' names the city first, 'Banyumas
    Ekspres, Purwokerto' the outlet first. A known outlet or place tells; else a city in capitals
    comes first, and a name of two or more words before a single one is the outlet."""
    for outlet in (second, first):
        if gaz.lookup(outlet, "Source"):
            return outlet
    place = gaz.lookup(second)
    if (place is not None and place.kind == "Place") or (
        not first.isupper() and len(first.split()) >= 2 and len(second.split()) == 1
    ):
        return first
    return None


def split_names(gaz, names: str) -> list[str]:
    """'Ana, Budi dan Cici' -> names that look like people (not outlets, not initials)."""
    out = []
    for part in re.split(r"\s*(?:,|/|&|\bdan\b|\band\b)\s*", names):
        part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip(" .")
        part = re.sub(r"\s+(?:in|di)\s+.*$", "", part)  # 'Aaron Lim in Singapore'
        if (
            NAME.match(part)
            and len(part) > 2
            and len(part.split()) <= 5
            and not gaz.lookup(part, "Source")
            and "." not in part
        ):
            out.append(part)
    return out


def person(gaz, name: str) -> Entity:
    return gaz.entity("Person", name)


URL_HOST = re.compile(r"^https?://(?:www\d?\.|m\.|amp\.)?([^/:?#]+)", re.I)
# '/2024/08/13/', '/20240813', '-20240813123456', 'read/2024/08/13/...'
URL_DATE = re.compile(
    r"[/_-]((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|\d{0,8}(?:[/_.-]|$))"
)


def _host(url) -> str | None:
    m = URL_HOST.match(url) if isinstance(url, str) else None
    return m.group(1).lower() if m else None


def _known_outlet_of(gaz, url) -> Entity | None:
    """The known outlet whose site the article's URL is on ('news.detik.com' -> detik)."""
    host = _host(url)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):  # 'inet.detik.com', then 'detik.com'
        name = ".".join(parts[i:])
        known = gaz.lookup(name, "Source") or gaz.lookup(
            re.sub(r"\.(com|co\.id|id|net|org|co\.uk)$", "", name), "Source"
        )
        if known:
            return known
    return None


def _outlet_of(gaz, url) -> Entity | None:
    """An outlet named by the URL's site when nothing else names one: 'beritakota.id'."""
    host = _host(url)
    return outlet_entity(gaz, host) if host else None


def _date_in_url(url) -> DateValue | None:
    """The publication day many news URLs carry: '/2024/08/13/', '/read/20240813...'."""
    m = URL_DATE.search(url) if isinstance(url, str) else None
    return DateValue(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None


def _hinted_date(value) -> DateValue | None:
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", str(value or ""))
    return DateValue(m.group(1)) if m else None


@component("metadata", requires=["text", "masked", "hints"], assigns=["publisher", "authors", "editors", "published"])
def metadata(doc: Doc) -> None:
    """Outlet, byline and publication date; what the input format declared (HTML meta tags,
    JSON Lines fields) comes first, then what the page text says."""
    text, hints, gaz = doc.text, doc.hints, doc.gazetteer
    doc.title = hints.get("title") or doc.title
    doc.publisher = (
        (outlet_entity(gaz, hints["outlet"]) if hints.get("outlet") else None)
        or _known_outlet_of(gaz, hints.get("url"))
        or find_outlet(gaz, text)
        or _outlet_of(gaz, hints.get("url"))
    )
    authors = [n for a in hints.get("authors", []) for n in split_names(gaz, a)]
    authors += [n for m in AUTHOR_LINE.finditer(text) for n in split_names(gaz, m.group("names"))]
    authors += [n for m in REPORTER_PHRASE.finditer(text) for n in split_names(gaz, m.group("names"))]
    authors += [n for m in DASH_BYLINE.finditer(text[:2000]) for n in split_names(gaz, m.group("names"))]
    authors += [n for m in INITIALS_LINE.finditer(text) for n in split_names(gaz, m.group("names"))]
    editors = [n for m in EDITOR_LINE.finditer(text) for n in split_names(gaz, m.group("names"))]
    doc.authors = [person(gaz, n) for n in dict.fromkeys(authors)]
    doc.editors = [person(gaz, n) for n in dict.fromkeys(editors)]
    doc.published = (
        _hinted_date(hints.get("published")) or _date_in_url(hints.get("url")) or header_date(text.split("\n")[:15])
    )
    if doc.published is None:
        days = [v for _, _, v in find_dates(doc.masked) if v.precision == "day"]
        if days:
            doc.published = max(days, key=lambda v: v.value)
            doc.published_inferred = True


@component("dates", requires=["masked", "published"], assigns=["dates"])
def dates(doc: Doc) -> None:
    """Every date in the article text, years and weekdays resolved against the publication date."""
    doc.dates = find_dates(doc.masked, as_date(doc.published))
