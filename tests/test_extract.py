"""Extraction on the seed corpus and on articles written for the tests (tests/articles)."""

from pathlib import Path

from kg.extract import DEFAULT_PIPELINE, extract
from kg.reader import read_article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = Path(__file__).resolve().parent / "articles"


def doc_of(path):
    return extract(read_article(path))


def labels(doc, kind):
    return {m.entity.label for m in doc.mentions if m.entity.kind == kind}


def events(doc, cls):
    return [e for e in doc.events if e.cls == cls]


def names(doc, iris):
    return {doc.entities[i].label for i in iris if i in doc.entities}


def test_pipeline_is_a_readable_list():
    assert DEFAULT_PIPELINE[:2] == ["language", "boilerplate"] and DEFAULT_PIPELINE[-1] == "event_merging"


def test_seed_metadata():
    doc = doc_of(CORPUS / "000_2ae13ee501b42528.txt")
    assert doc.publisher.label == "Tribunnews"
    assert doc.published.value == "2024-08-13" and doc.published_inferred
    assert [a.label for a in doc.authors] == ["Putri Amalia Dwi Pitasari"]  # '(mg/Name)', not 'tribunsolo'
    assert [e.label for e in doc.editors] == ["Febri Prasetyo"]
    assert doc.title.startswith("Sempat Ada Kendala Teknis")


def test_boilerplate_is_not_mined():
    doc = doc_of(CORPUS / "000_2ae13ee501b42528.txt")
    assert "WhatsApp" not in labels(doc, "Platform")  # 'Dapatkan Berita Pilihan di WhatsApp Anda'
    assert "KG Media" not in {m.entity.label for m in doc.mentions}  # copyright footer


def test_seed_interview_with_participants_platform_and_date():
    doc = doc_of(CORPUS / "000_2ae13ee501b42528.txt")
    interviews = events(doc, "Interview")
    assert len(interviews) == 1, "repeated mentions ('wawancara tersebut') are one event"
    ev = interviews[0]
    assert names(doc, ev.participants) == {"Elon Musk", "Donald Trump"}
    assert doc.entities[ev.platform].label == "X"
    assert ev.date.value == "2024-08-13"


def test_claimed_attack_is_not_participated_in():
    doc = doc_of(CORPUS / "000_2ae13ee501b42528.txt")
    attack = events(doc, "CyberAttack")[0]
    assert attack.participants == []
    assert names(doc, attack.claimed_by) == {"Elon Musk"}


def test_statement_speaker_platform_and_date():
    doc = doc_of(CORPUS / "000_2ae13ee501b42528.txt")
    first = events(doc, "Statement")[0]
    assert names(doc, first.participants) == {"Elon Musk"}
    assert doc.entities[first.platform].label == "X" and first.date.value == "2024-08-12"


def test_kata_dia_resolves_to_last_named_speaker_and_handles_are_not_persons():
    doc = doc_of(CORPUS / "002_2e1a5144139f42b7.txt")
    speakers = [names(doc, e.participants) for e in events(doc, "Statement")]
    assert {"Rifa"} in speakers
    assert all(not any(n.startswith("@") for n in s) for s in speakers)
    assert "Rifa" in labels(doc, "Person")


def test_roles_become_relations():
    doc = doc_of(CORPUS / "004_4ffafdff79f5ff12.txt")
    rel = {(doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations}
    assert ("Elon Musk", "ceoOf", "Tesla") in rel and ("Elon Musk", "ceoOf", "SpaceX") in rel
    assert ("Vladimir Putin", "leaderOf", "Rusia") in rel
    assert ("Dmitry Peskov", "spokespersonOf", "Kremlin") in rel


def test_misspelt_known_name_links_to_it():
    doc = doc_of(CORPUS / "004_4ffafdff79f5ff12.txt")
    assert "Kanye West" in labels(doc, "Person")


def test_unseen_article_metadata_and_entities():
    doc = doc_of(ARTICLES / "kompas_outage.txt")
    assert doc.publisher.label == "Kompas"
    assert doc.published.value == "2024-08-12" and not doc.published_inferred
    assert [a.label for a in doc.authors] == ["Andi Wijaya"]
    assert [e.label for e in doc.editors] == ["Siti Rahmawati"]
    persons = labels(doc, "Person")
    assert {"Andy Stone", "Meutya Hafid", "Budi Santoso"} <= persons
    assert {"Instagram", "WhatsApp"} <= labels(doc, "Platform")
    assert {"Jakarta", "Surabaya", "Bandung"} <= labels(doc, "Place")
    assert {e.label for e in doc.cited} == {"Downdetector", "Reuters"}


def test_unseen_article_events():
    doc = doc_of(ARTICLES / "kompas_outage.txt")
    outages = events(doc, "Outage")
    assert len(outages) == 1
    assert outages[0].date.value == "2024-08-11"
    stone = [e for e in events(doc, "Statement") if names(doc, e.participants) == {"Andy Stone"}]
    assert any(e.quote and e.platform and doc.entities[e.platform].label == "X" for e in stone)
    assert any(names(doc, e.participants) == {"Budi Santoso"} for e in events(doc, "Statement"))


def test_offsets_point_into_the_source_text():
    doc = doc_of(CORPUS / "003_474c76e571c7bc23.txt")
    for ev in doc.events:
        s = ev.sentence
        assert doc.text[s.start : s.end] == s.text
        assert (
            doc.text[ev.trigger_start :].lower().startswith(ev.trigger.lower())
            or ev.trigger == "quote"
            or ev.cls == "Statement"
        )


# --- constructions from articles written for the tests, in other outlets' styles ---


def test_detik_style_ban_with_judge_and_particle_names():
    doc = doc_of(ARTICLES / "detik_x_brazil.txt")
    assert doc.publisher.label == "Detik" and doc.published.value == "2024-08-31"
    assert [a.label for a in doc.authors] == ["Rahel Narda Chaterine"]  # 'Name - detikInet'
    persons = labels(doc, "Person")
    assert {"Alexandre de Moraes", "Luiz Inacio Lula da Silva"} <= persons  # particles inside names
    assert {"Mahkamah Agung Brasil", "Badan Telekomunikasi Nasional Brasil"} <= labels(doc, "Organization")
    assert "Gonzalo Fuentes" not in persons  # photo credit
    ban = events(doc, "Ban")
    assert len(ban) == 1 and doc.entities[ban[0].platform].label == "X" and ban[0].date.value == "2024-08-30"
    assert "Elon Musk" not in names(doc, ban[0].participants)  # he comments, he is not banned
    assert not events(doc, "Endorsement"), "supporting a decision is not endorsing a person"
    assert {"Reuters"} == {e.label for e in doc.cited}


def test_cnbc_style_acquisition_of_unknown_company_and_layoff():
    doc = doc_of(ARTICLES / "cnbc_acquisition.txt")
    assert doc.publisher.label == "CNBC Indonesia"
    acq = events(doc, "Acquisition")
    assert len(acq) == 1 and "Microsoft" in names(doc, acq[0].participants)
    assert "Activision Blizzard" in labels(doc, "Organization")
    assert acq[0].date.value == "2023-10-13"
    assert "Amerika Serikat" not in labels(doc, "Place")  # 'US$69 miliar' is money
    layoff = events(doc, "Layoff")
    assert len(layoff) == 1 and names(doc, layoff[0].participants) == {"Microsoft"}
    assert {e.label for e in doc.cited} == {"The Verge"}


def test_tempo_style_arrest_and_commenters():
    doc = doc_of(ARTICLES / "tempo_arrest.txt")
    assert doc.publisher.label == "Tempo"
    arrest = events(doc, "Arrest")
    assert len(arrest) == 1, "'penangkapan itu' is the same arrest"
    assert names(doc, arrest[0].participants) == {"Pavel Durov"}  # not Macron, who comments on it
    assert doc.entities[arrest[0].platform].label == "Telegram" and arrest[0].date.value == "2024-08-24"
    assert {"AFP", "TASS"} == {e.label for e in doc.cited}
    speakers = [names(doc, e.participants) for e in events(doc, "Statement")]
    assert {"Dmitry Peskov"} in speakers and {"Laure Beccuau"} in speakers


def test_english_article():
    doc = doc_of(ARTICLES / "english_reuters.txt")
    assert doc.publisher.label == "Reuters" and doc.published.value == "2024-08-13" and not doc.published_inferred
    assert [a.label for a in doc.authors] == ["Sheila Dang", "Helen Coster"]
    interview = events(doc, "Interview")[0]
    assert names(doc, interview.participants) == {"Elon Musk", "Donald Trump"}
    assert interview.date.value == "2024-08-12"  # 'on Monday' before publication
    attack = events(doc, "CyberAttack")[0]
    assert attack.participants == [] and names(doc, attack.claimed_by) == {"Elon Musk"}
    endorsement = events(doc, "Endorsement")[0]
    assert endorsement.date.value == "2024-07"  # 'in July': month precision
    assert names(doc, events(doc, "AssassinationAttempt")[0].participants) == {"Donald Trump"}
    acq = events(doc, "Acquisition")[0]
    assert names(doc, acq.participants) == {"Elon Musk"} and acq.date.value == "2022"


def text_doc(text):
    from kg.document import Doc

    return extract(
        Doc(path=Path("inline.txt"), text=text, raw=text.encode(), source_name="inline.txt", key="inline.txt")
    )


def test_unknown_agency_acronym_and_official():
    doc = text_doc(
        "JAKARTA, KOMPAS.com - Kepala BPTX Sutrisno Hadi mengatakan bahwa layanan itu pulih. "
        "Lembaga Riset Digital Nusantara (LRDN) mencatat 40 persen pengguna terdampak. "
        "Menurut LRDN, gangguan berlangsung dua jam."
    )
    assert "Sutrisno Hadi" in labels(doc, "Person")
    assert {"BPTX", "Lembaga Riset Digital Nusantara"} <= labels(doc, "Organization")
    lrdn = [m for m in doc.mentions if m.text == "LRDN"]
    assert lrdn and all(m.entity.label == "Lembaga Riset Digital Nusantara" for m in lrdn)


def test_speakers_without_role_words_and_place_cues():
    doc = doc_of(ARTICLES / "kompas_local_outage.txt")
    assert {"Siti Aminah", "Andi Wijaya", "Rudi Hartono", "Hendra"} <= labels(doc, "Person")
    assert {"Bogor", "Sleman"} <= labels(doc, "Place")
    assert not labels(doc, "Organization"), "'BOGOR, KOMPAS.com' dateline words are not organisations"
    outage = events(doc, "Outage")
    assert len(outage) == 1 and outage[0].participants == []  # 'Menurut Rudi Hartono' reports, he is not in it
    assert outage[0].platform is None  # Starlink, named once later, is not its platform
    speakers = [names(doc, e.participants) for e in events(doc, "Statement")]
    assert {"Siti Aminah"} in speakers and {"Andi Wijaya"} in speakers and {"Rudi Hartono"} in speakers
