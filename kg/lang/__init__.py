"""Language resources as data: one folder per language, one record per event type.

    kg/lang/names.toml          how names are built in any language (particles, legal forms)
    kg/lang/events.toml         one record per event class of the ontology: who takes part,
                                which platform it falls back to, what it needs to be an event
    kg/lang/<code>/words.toml   named word lists of the language (roles, speech verbs, negation...)
    kg/lang/<code>/events.toml  the trigger words of each event class in the language

Extractors write their patterns once, naming word lists as `$list`, and get them compiled for
an article's language:

    >>> NEGATION = Pattern(r"(?i)\\b($negation)\\b\\s*$")
    >>> NEGATION.get("id").search("belum ")

Adding a language is adding a folder; adding an event type is a record in `events.toml`, its
triggers in each language's `events.toml` and a class in the ontology.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.names import alternation

HERE = Path(__file__).resolve().parent
DEFAULT = "id"  # the language of an article whose language cannot be told


@dataclass(frozen=True)
class EventType:
    """What the extractors need to know about one event class (a record of `events.toml`)."""

    name: str
    organizations_take_part: bool = False  # with no person in the clause, organisations do
    one_participant: bool = False  # the nearest person only (who is arrested, banned...)
    victim: bool = False  # no one in the clause: the last person named before the trigger
    platform_fallback: bool = True  # no platform in the sentence: the article's main platform
    needs: str = ""  # a check the trigger must pass: "object" (something bought), "person after"
    from_quotes: bool = False  # found by the statements component, not by triggers
    object: str = ""  # the property (under news:object) naming what the event acts on
    object_takes_part: bool = False  # the participant is what it acts on (who is banned, not who bans)
    organizations_first: bool = False  # organisations in the clause take part before persons
    plans_count: bool = False  # an announced plan is the event ('will lay off 300 staff')
    main_organization: bool = False  # no one named in the clause: the organisation the article is about
    platform_takes_part: bool = False  # ... nor a company for its platform: the platform, for its company


@dataclass(frozen=True)
class Language:
    """The word lists and event triggers of one language."""

    code: str
    words: dict[str, list[str]]
    tables: dict[str, dict[str, int]]  # word -> number (months, weekdays, number words)
    triggers: dict[str, list[str]]  # event class -> trigger words and phrases

    def list(self, name: str) -> list[str]:
        """The word list `name` (empty when the language has none)."""
        return self.words.get(name, [])


@cache
def word_set(code: str, *names: str) -> frozenset[str]:
    """The word lists `names` of language `code` as one set, for membership tests."""
    return frozenset(w for name in names for w in language(code).list(name))


@cache
def languages() -> tuple[str, ...]:
    """The codes of the languages that have a folder here, sorted."""
    return tuple(sorted(p.name for p in HERE.iterdir() if (p / "words.toml").is_file()))


@cache
def language(code: str) -> Language:
    """The resources of language `code` (the default language's for an unknown code)."""
    folder = HERE / code
    if not (folder / "words.toml").is_file():
        folder = HERE / DEFAULT
    data = _read(folder / "words.toml")
    triggers = _read(folder / "events.toml") if (folder / "events.toml").is_file() else {}
    unknown = set(triggers) - set(event_types())
    if unknown:
        raise ValueError(f"{folder / 'events.toml'}: no record in events.toml for {', '.join(sorted(unknown))}")
    return Language(
        folder.name,
        {k: v for k, v in data.items() if isinstance(v, list)},
        {k: v for k, v in data.items() if isinstance(v, dict)},
        triggers,
    )


@cache
def event_types() -> dict[str, EventType]:
    """The event classes, by name, from `events.toml`."""
    return {name: EventType(name, **fields) for name, fields in _read(HERE / "events.toml").items()}


def table(name: str) -> dict[str, int]:
    """The table `name` (months, weekdays...) of every language together: dates are read in
    any language, as pages mix them (an English date line over an Indonesian text)."""
    merged: dict[str, int] = {}
    for code in languages():
        merged.update(language(code).tables.get(name, {}))
    return merged


@cache
def name_words(name: str) -> frozenset[str]:
    """A word list of `names.toml` (how names are built in any language): particles, legal forms."""
    return frozenset(_read(HERE / "names.toml")[name])


@cache
def kind_heads() -> dict[tuple[str, ...], int]:
    """The words of each kind head of `names.toml` ('rumah sakit', 'hospital'), lower case, to the
    number of its group: heads of one group name one kind of organisation."""
    groups = _read(HERE / "names.toml")["kind_heads"]
    return {tuple(head.split()): i for i, heads in enumerate(groups) for head in heads}


def without_legal_form(name: str) -> str:
    """`name` without the legal forms before and after it: 'PT Bank Andalas Tbk' -> 'Bank Andalas'."""
    words = name.split()
    forms = name_words("legal_forms")
    while len(words) > 1 and words[0] in forms:
        words.pop(0)
    while len(words) > 1 and (words[-1] in forms or words[-1].rstrip(",") in forms):
        words.pop()
    return " ".join(words).rstrip(",")


def resource_files() -> list[Path]:
    """Every data file here, for the build fingerprint."""
    return sorted(HERE.rglob("*.toml"))


def _read(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def words_rx(words: list[str]) -> str:
    """An alternation of `words`, longest first, a space in a phrase matching any run of spaces
    (an empty list matches nothing)."""
    return alternation(words).replace(r"\ ", r"\s+") if words else "(?!)"


PATTERNS: list[Pattern] = []  # every Pattern made, so that a test can compile each for each language


class Pattern:
    """A regular expression written once over named word lists (`$negation`), compiled per
    language on first use. `starts_with` names the list every match begins with a word of: the
    compiled pattern then first checks the letter there, and the search skips most places at once."""

    def __init__(self, template: str, flags: int = 0, starts_with: str | None = None):
        self.template = template
        self.flags = flags
        self.starts_with = starts_with
        self._compiled: dict[str, re.Pattern] = {}
        PATTERNS.append(self)

    def get(self, code: str) -> re.Pattern:
        """The pattern with the word lists of language `code`."""
        rx = self._compiled.get(code)
        if rx is None:
            lang = language(code)
            source = re.sub(r"\$([a-z_]+)", lambda m: words_rx(_listed(lang, m.group(1))), self.template)
            if self.starts_with and _listed(lang, self.starts_with):
                letters = {w[0] for w in _listed(lang, self.starts_with)}
                letters |= {c.lower() for c in letters} | {c.upper() for c in letters}
                flags = re.match(r"\(\?[a-z]+\)", source)  # global flags stay first
                head = flags.group() if flags else ""
                source = head + "(?=[" + re.escape("".join(sorted(letters))) + "])" + source[len(head) :]
            rx = self._compiled[code] = re.compile(source, self.flags)
        return rx


def _listed(lang: Language, name: str) -> list[str]:
    if name not in lang.words:
        raise KeyError(f"kg/lang/{lang.code}/words.toml has no word list {name!r}")
    return lang.words[name]
