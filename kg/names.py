"""Namespaces and the one rule that mints entity IRIs from names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

from rdflib import Namespace

NEWS = Namespace("https://w3id.org/newskg/ontology#")
ID = Namespace("https://w3id.org/newskg/id/")
GRAPH = Namespace("https://w3id.org/newskg/graph/")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
INFERRED_GRAPH = GRAPH["inferred"]  # every inferred graph's name starts with this
STATIC_INFERRED_GRAPH = GRAPH["inferred/static"]  # from the ontology and the gazetteer
LINKS_INFERRED_GRAPH = GRAPH["inferred/links"]  # across articles: linked events, transitive chains
LINKS_GRAPH = GRAPH["links"]  # each real event's first report owl:sameAs each of its reports
MATCHES_GRAPH = GRAPH["links/matches"]  # the pairs of reports that matched (kg.linking)
NAMES_GRAPH = GRAPH["names"]  # each entity's names and name keys once (kg.entity_names)
ARTICLE_PREFIX = str(GRAPH["article-"])  # every article graph's name starts with this

KINDS = ("Person", "Platform", "Organization", "Place", "Source")


def alternation(words) -> str:
    """A regex that matches any of `words`, longest first, written as a prefix tree: 'ab', 'abc'
    and 'b' give 'a(?:b(?:c|))|b'. Python's re tries the branches of a flat alternation one by
    one at every position; sharing prefixes makes a long word list many times faster. At each
    node the longer continuations come before the word that ends there, so, as with a flat
    alternation sorted longest first, the longest word wins, and a shorter one is tried when
    what follows the pattern rules the longer one out."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict) -> str:
    branches = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")  # last: end the word here only if no longer one fits
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Dmitry Peskov' -> 'dmitry-peskov'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _plain_table() -> dict[int, str]:
    table = {ord(c): p for c, p in zip("ıłŁøØđĐħĦ", "ilLoOdDhH", strict=True)}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table.setdefault(code, base)
    return table


PLAIN = _plain_table()


def plain_letters(text: str) -> str:
    """`text` with accented Latin letters as their base letter, one for one (offsets stay
    valid): 'Erdoğan' -> 'Erdogan', 'Nguyễn' -> 'Nguyen'."""
    return text.translate(PLAIN)


def name_key(label: str) -> str:
    """The form saved queries match names in: lower case, single spaces (SPARQL's lcase)."""
    return " ".join(label.split()).lower()


def entity_iri(kind: str, label: str):
    """The IRI of an entity of `kind` named `label`; the gazetteer follows the same rule."""
    return ID[f"{kind.lower()}-{slug(label)}"]


def article_id(key: str) -> str:
    """An article's name in IRIs, from its key (its path under the corpus root, '#id' for a JSON
    Lines record): the key's words, readable, and a hash of the exact key, so that two keys never
    share a name ('Berita A.txt' and 'berita-a.txt', 'a.txt' and 'a.html', any non-Latin name)."""
    path, _, record = key.partition("#")
    words = slug(str(PurePosixPath(path).with_suffix("")) + (f" {record}" if record else ""))[:60].strip("-")
    return f"{words}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def article_iri(key: str):
    return ID[f"article-{article_id(key)}"]


def article_graph(key: str):
    return GRAPH[f"article-{article_id(key)}"]


def inferred_graph(article_graph_name) -> object:
    """The graph holding what reasoning adds to one article graph."""
    return GRAPH["inferred/" + str(article_graph_name)[len(str(GRAPH)) :]]


def is_inferred(graph_name) -> bool:
    return str(graph_name).startswith(str(INFERRED_GRAPH))
