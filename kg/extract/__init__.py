"""The extraction pipeline: named components, each one callable that adds one kind of fact to a Doc.

Like spaCy's pipeline, the pipeline is a list of names you can read and change, and each
component declares what it needs from the Doc and what it sets on it; `extract` checks that
every need is met by an earlier component before it runs anything:

    >>> from kg.extract import DEFAULT_PIPELINE, extract
    >>> doc = extract(read_article(path))            # runs DEFAULT_PIPELINE
    >>> doc = extract(read_article(path), ["language", "boilerplate", "sentences", "gazetteer"])

A component registered under a built-in's name replaces it (for this process):

    >>> @component("places", requires=["masked"], assigns=["mentions"])
    ... def my_places(doc): ...

Language data (word lists, event triggers) lives in kg/lang, not in the components.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.document import Doc

Component = Callable[[Doc], None]

# What a Doc holds before any component runs (the reader sets them)
INPUTS = frozenset({"path", "text", "raw", "source_name", "key", "hints"})


@dataclass(frozen=True)
class Registered:
    """A component and its contract: the Doc fields it reads and the ones it sets."""

    name: str
    fn: Component
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    builtin: bool


COMPONENTS: dict[str, Registered] = {}

DEFAULT_PIPELINE = [
    "language",  # the article's language: which word lists of kg/lang the others use
    "boilerplate",  # blank out menus, related-links, captions, credits, footers
    "sentences",  # split paragraphs into sentences with offsets; mark the title
    "quotes",  # direct quotes
    "metadata",  # title, outlet, byline, publication date
    "dates",  # every date expression, resolved against the publication date
    # mentions: persons, platforms, organisations, places, each kind of cue its own component
    "gazetteer",  # names the gazetteer knows
    "dateline_place",  # 'DENPASAR, KOMPAS.com -'
    "initials",  # 'berinisial FA', 'identified as FA', 'MRS alias Gh0stFox'
    "role_persons",  # 'Menteri Keuangan Sri Mulyani', 'analis keamanan siber Rendra Wicaksono'
    "age_persons",  # 'Budi Santoso (45)'
    "nicknames",  # 'Arnulfo "Nonoy" Dimaculangan'
    "enumerations",  # 'seperti A, B, dan C', 'Katrin Müller, a spokeswoman'
    "speakers",  # 'kata Budi', 'Koh said'
    "name_pairs",  # 'Haris Setiawan-Dewi Kartikasari' is two persons
    "places",  # 'Kabupaten Sleman'
    "misspellings",  # 'Kayne West'
    "abbreviations",  # 'Badan Siber dan Sandi Negara (BSSN)'
    "organizations",  # 'PT ...', '... Inc.', 'kelompok peretas ...'; platforms after 'aplikasi'
    "org_short_forms",  # 'Bank Andalas' after 'PT Bank Andalas Sejahtera Tbk'
    "repeated_names",  # 'Darmawan Saleh' named by no cue, then 'Darmawan' alone
    "short_forms",  # a surname alone after the full name
    "sources",  # outlets and agencies the article cites
    "relations",  # roles and ownership: leaderOf, ceoOf, spokespersonOf, owns
    "statements",  # who said what, where, when
    "event_triggers",  # interviews, outages, attacks...: trigger words that are events here
    "event_details",  # each one's participants, platform, date, what it acts on
    "event_merging",  # repeated mentions of one event are one event
]


def component(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[Component], Component]:
    """Register `fn` as the pipeline component `name`, reading the Doc fields `requires` and
    setting `assigns`. A name already registered is replaced."""

    def register(fn: Component) -> Component:
        builtin = fn.__module__.startswith("kg.extract.")
        if builtin and name in COMPONENTS and not COMPONENTS[name].builtin:
            return fn  # registered by the user before the package's own were loaded: theirs stays
        COMPONENTS[name] = Registered(name, fn, tuple(requires), tuple(assigns), builtin)
        return fn

    return register


def check_pipeline(pipeline: Iterable[str]) -> list[Registered]:
    """The components of `pipeline`, after checking that each exists and that every field it
    requires is set by the reader or an earlier component; ValueError otherwise."""
    _load_components()
    have = set(INPUTS)
    out = []
    for name in pipeline:
        if name not in COMPONENTS:
            raise ValueError(f"no extraction component named {name!r} (known: {', '.join(sorted(COMPONENTS))})")
        c = COMPONENTS[name]
        missing = [r for r in c.requires if r not in have]
        if missing:
            raise ValueError(f"component {name!r} needs {', '.join(missing)}, which no earlier component sets")
        have.update(c.assigns)
        out.append(c)
    return out


def extract(doc: Doc, pipeline: Iterable[str] | None = None, gazetteer=None) -> Doc:
    """Run the named components over `doc`, in order, and return it. The components look names
    up in `gazetteer` (a `kg.gazetteer.Gazetteer`; default: the bundled one)."""
    from kg.gazetteer import load_gazetteer

    doc.gazetteer = gazetteer or doc.gazetteer or load_gazetteer()
    for c in check_pipeline(pipeline or DEFAULT_PIPELINE):
        c.fn(doc)
    return doc


def pipeline_fingerprint(pipeline: Iterable[str] | None = None) -> str:
    """A hash of the pipeline's names and of the code of the components that are not the
    package's own (the package's own code is in the build fingerprint already)."""
    h = hashlib.sha256()
    for c in check_pipeline(pipeline or DEFAULT_PIPELINE):
        h.update(c.name.encode() + b"\0")
        if not c.builtin:
            try:
                h.update(inspect.getsource(c.fn).encode())
            except (OSError, TypeError):
                h.update(c.fn.__code__.co_code)
    return h.hexdigest()


def _load_components() -> None:
    from kg.extract import (  # noqa: F401
        boilerplate,
        events,
        language,
        mentions,
        metadata,
        relations,
        segment,
        sources,
        statements,
    )
