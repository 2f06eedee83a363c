"""The extraction pipeline: named components, each one callable that adds one kind of fact to a Doc.

Like spaCy's pipeline, the pipeline is a list of names you can read and change:

    >>> from kg.extract import DEFAULT_PIPELINE, extract
    >>> doc = extract(read_article(path))            # runs DEFAULT_PIPELINE
    >>> doc = extract(read_article(path), ["boilerplate", "sentences", "mentions"])
"""

from __future__ import annotations

from collections.abc import Callable

from kg.document import Doc

Component = Callable[[Doc], None]
COMPONENTS: dict[str, Component] = {}

DEFAULT_PIPELINE = [
    "language",  # the article's language: which word lists of kg/lang the others use
    "boilerplate",  # blank out menus, related-links, captions, credits, footers
    "sentences",  # split paragraphs into sentences with offsets; mark the title
    "quotes",  # direct quotes
    "metadata",  # title, outlet, byline, publication date
    "dates",  # every date expression, resolved against the publication date
    "mentions",  # persons, platforms, organizations, places
    "sources",  # outlets and agencies the article cites
    "relations",  # roles and ownership: leaderOf, ceoOf, spokespersonOf, owns
    "statements",  # who said what, where, when
    "events",  # interviews, outages, attacks, ... with participants, platform, date
]


def component(name: str) -> Callable[[Component], Component]:
    """Register a pipeline component under `name`."""

    def register(fn: Component) -> Component:
        COMPONENTS[name] = fn
        return fn

    return register


def extract(doc: Doc, pipeline: list[str] | None = None) -> Doc:
    """Run the named components over `doc`, in order, and return it."""
    _load_components()
    for name in pipeline or DEFAULT_PIPELINE:
        COMPONENTS[name](doc)
    return doc


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
