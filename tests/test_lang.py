"""Language resources as data (kg/lang): event records match the ontology, every language has
what the extractors name, and an article's language is told from its words."""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.extract import _load_components
from kg.extract.events import NEEDS
from kg.extract.language import detect
from kg.lang import PATTERNS, event_types, language, languages
from kg.names import NEWS
from kg.resources import ontology_file


def ontology_event_classes() -> set[str]:
    g = Graph().parse(ontology_file("news.ttl"))
    return {str(c).removeprefix(str(NEWS)) for c in g.subjects(RDFS.subClassOf, URIRef(NEWS["Event"]))}


def test_event_records_and_ontology_classes_match_one_to_one():
    assert set(event_types()) == ontology_event_classes()


def test_every_event_record_names_a_known_check():
    assert {t.needs for t in event_types().values()} <= set(NEEDS)


@pytest.mark.parametrize("code", languages())
def test_every_language_has_triggers_for_every_event_type(code):
    triggered = {name for name, t in event_types().items() if not t.from_quotes}
    assert triggered <= {cls for cls, words in language(code).triggers.items() if words}


@pytest.mark.parametrize("code", languages())
def test_every_pattern_compiles_with_every_language(code):
    _load_components()
    assert len(PATTERNS) > 20
    for p in PATTERNS:
        p.get(code)  # raises KeyError naming the list a language lacks


def test_languages_are_folders():
    assert {"id", "en"} <= set(languages())


@pytest.mark.parametrize(
    "text, code",
    [
        ("Menteri itu mengatakan bahwa aplikasi tersebut akan diblokir pada Senin.", "id"),
        ("The minister said on Monday that the app would be blocked by the regulator.", "en"),
        ("", "id"),
        ("12345 !!!", "id"),
    ],
)
def test_language_is_told_from_frequent_words(text, code):
    assert detect(text) == code


@pytest.mark.parametrize(
    "template",
    [
        "{a} menggugat {b} ke pengadilan negeri, Senin (3/6/2024), kata kuasa hukumnya kepada wartawan.\n",
        "{a} sued {b} on Monday over the cancelled contract, its lawyers said in a statement.\n",
    ],
)
@pytest.mark.parametrize(
    "a, b", [("PT Sinar Abadi Tbk", "Kementerian Perdagangan"), ("Grup Nusa Jaya", "Bank Rakyat Sentosa")]
)
def test_an_event_type_added_as_data_is_extracted(template, a, b):
    """Lawsuit was added as one record in kg/lang/events.toml, its triggers in each language's
    events.toml and a class in the ontology; nothing else."""
    from kg.document import Doc
    from kg.extract import extract

    doc = extract(Doc(path=Path("x.txt"), text=template.format(a=a, b=b)))
    (lawsuit,) = [e for e in doc.events if e.cls == "Lawsuit"]
    assert b in {doc.entities[p].label for p in lawsuit.participants}
