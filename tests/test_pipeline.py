"""The extraction pipeline as a list of registered components with contracts: checked before it
runs, replaceable by name, and given to a build."""

from pathlib import Path

import pytest

import kg
from kg.document import Doc
from kg.extract import COMPONENTS, DEFAULT_PIPELINE, check_pipeline, component, extract
from kg.reader import read_article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = CORPUS / "000_2ae13ee501b42528.txt"


def test_every_default_component_is_registered_with_a_contract():
    for c in check_pipeline(DEFAULT_PIPELINE):
        assert c.assigns, c.name


def test_a_component_whose_needs_no_earlier_one_meets_is_refused():
    with pytest.raises(ValueError, match="'event_triggers' needs .*mentions"):
        check_pipeline(["language", "boilerplate", "sentences", "quotes", "metadata", "dates", "event_triggers"])


def test_an_unknown_component_is_refused_by_name():
    with pytest.raises(ValueError, match="no extraction component named 'persons'"):
        extract(read_article(SEED), ["language", "persons"])


def test_a_registered_component_replaces_the_built_in_of_that_name(monkeypatch):
    monkeypatch.setitem(COMPONENTS, "places", COMPONENTS["places"])  # restored after the test
    seen = []

    @component("places", requires=["masked", "mentions"], assigns=["mentions"])
    def no_places(doc):
        seen.append(doc.key)

    doc = extract(read_article(SEED))
    assert seen == [doc.key]


def test_a_build_takes_a_pipeline_and_a_new_pipeline_extracts_again(tmp_path):
    without_events = [
        c for c in DEFAULT_PIPELINE if c not in ("statements", "event_triggers", "event_details", "event_merging")
    ]
    g = kg.build([SEED], store=tmp_path / "s", pipeline=without_events)
    assert g.report.events == 0
    g.close()
    g = kg.build([SEED], store=tmp_path / "s")
    assert g.report.extracted == 1 and g.report.events > 0
    g.close()


def test_the_gazetteer_is_passed_in(tmp_path):
    from kg.gazetteer import load_gazetteer

    ttl = tmp_path / "entities.ttl"
    ttl.write_text(
        "@prefix news: <https://w3id.org/newskg/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/newskg/id/platform-zorbly> a news:Platform ; skos:prefLabel "Zorbly" .\n',
        encoding="utf-8",
    )
    text = "Pengguna Zorbly mengeluhkan gangguan sejak pagi, kata warga.\n"
    doc = extract(Doc(path=Path("x.txt"), text=text), gazetteer=load_gazetteer(ttl))
    assert "Zorbly" in {m.entity.label for m in doc.mentions if m.entity.kind == "Platform" and m.entity.known}
    doc = extract(Doc(path=Path("x.txt"), text=text))
    assert not any(m.entity.known and m.entity.label == "Zorbly" for m in doc.mentions)
