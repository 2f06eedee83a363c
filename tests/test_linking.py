"""Cross-article event linking: blocking by type, participant and day finds the same links as
comparing every pair."""

import random
from itertools import combinations

from kg.linking import SAME, EventFacts, canonical, dates_agree, link_events, name_blocks, one_entity, same_event
from kg.names import ID, NEWS

STATEMENT = f"<{NEWS.Statement}>"


PEOPLE = [
    "<a>",
    "<b>",
    *(f"<{ID}person-{name}>" for name in ("rudi-hartono", "rudi-hartono-lubis", "boni-tarigan", "bonifasius-tarigan")),
    f"<{ID}organization-lajur>",
    f"<{ID}organization-lajur-logistik-indonesia>",
]


def test_blocking_finds_every_link_a_full_comparison_finds():
    """Over dates of every precision (a month's last day and the next one's first among them)
    and names written in full and short."""
    r = random.Random(7)
    events = []
    for i in range(600):
        day = r.choice(["2024-05-30", "2024-05-31", "2024-06-01", "2024-06-02"])
        date = r.choice([None, "2024", "2024-05", "2024-06", day, day, day])
        people = frozenset(r.sample(PEOPLE, r.randint(1, 2)))
        cls = r.choice(["<C>", "<D>"])
        events.append(EventFacts(f"<e{i:03d}>", f"g{i // 4}", cls, people, None, date, r.choice([None, day])))
    brute = {tuple(sorted((x.iri, y.iri))) for x, y in combinations(events, 2) if same_event(x, y)}
    assert len(brute) > 1000
    month = {e.iri: (e.date or "")[:7] for e in events}
    assert any(month[a] != month[b] for a, b in brute), "some links cross a month's end"
    assert {(s, o) for s, _, o in link_events(events)} == brute


def test_a_name_written_short_is_one_participant():
    def person(name):
        return f"<{ID}person-{name}>"

    assert one_entity(person("rudi-hartono"), person("rudi-hartono-lubis"))
    assert one_entity(person("heru-wibisono"), person("heru-prasetyo-wibisono"))
    assert one_entity(person("boni-tarigan"), person("bonifasius-tarigan"))
    assert one_entity(f"<{ID}organization-lajur>", f"<{ID}organization-lajur-logistik-indonesia>")
    assert not one_entity(person("rudi"), person("rudi-hartono"))  # a first name alone says too little
    assert not one_entity(person("rudi-santoso"), person("rudi-hartono"))
    assert not one_entity(person("boni-tarigan"), person("bonifasius-sembiring"))
    assert not one_entity(f"<{ID}organization-lajur>", f"<{ID}person-lajur-logistik>")


def test_an_organisation_named_with_its_kind_in_either_language_is_one_participant():
    def org(name):
        return f"<{ID}organization-{name}>"

    hospital = org("rs-medika-prima-semarang")
    assert one_entity(hospital, org("rumah-sakit-medika-prima"))
    assert one_entity(org("bunda-kasih-hospital"), org("rumah-sakit-bunda-kasih-makassar"))
    assert set(name_blocks(hospital)) & set(name_blocks(org("medika-prima-hospital"))), "they meet in blocking"
    assert not one_entity(hospital, org("medika-prima")), "a company named like the hospital is another"
    assert not one_entity(org("rs-medika-prima"), org("universitas-medika-prima"))
    assert one_entity(org("nalar-ai"), org("nalar-cerdas-indonesia")), "a company named like its web address"


def test_two_quotes_of_one_person_on_one_day_stay_two_statements():
    def said(iri, article):
        return EventFacts(iri, article, STATEMENT, frozenset({f"<{ID}person-anindita>"}), None, "2025-02-13")

    assert not same_event(said("<x>", "a"), said("<y>", "b"))


def test_a_quote_told_in_two_languages_is_one_statement_and_two_quotes_are_two():
    def said(iri, article, quote, published, lang):
        speaker = frozenset({f"<{ID}person-yohana-simanjuntak>"})
        return EventFacts(iri, article, STATEMENT, speaker, None, None, published, lang, quote)

    speech = said(
        "<a>",
        "g1",
        "Mulai malam ini tidak ada lagi kubu Yohana atau kubu Rudi, yang ada hanya PKRN,",
        "2025-07-19",
        "id",
    )
    told = said("<b>", "g2", "From tonight there is no Yohana camp or Rudi camp, only PKRN,", "2025-07-21", "en")
    other = said(
        "<c>", "g3", "She won the branches, not the boardroom. Now she has to win them over,", "2025-07-21", "en"
    )
    late = said("<d>", "g4", told.quote, "2025-08-21", "en")
    assert same_event(speech, told)
    assert not same_event(speech, other), "the same speaker in the same week, saying something else"
    assert not same_event(speech, late), "a month later"
    warning = said("<e>", "g5", "Kami sudah melayangkan tiga kali surat peringatan,", "2025-02-13", "id")
    assert same_event(warning, said("<f>", "g6", "We sent three warning letters,", "2025-02-14", "en")), (
        "one number, a day apart"
    )
    alive = said("<g>", "g7", "Saya masih di sini. Mereka sudah gagal dua kali,", "2025-05-05", "id")
    assert same_event(alive, said("<h>", "g8", "I am still here. They failed twice,", "2025-05-04", "en"))


def test_a_chain_of_matches_names_one_event_by_its_first_report():
    matches = {("<c>", SAME, "<d>"), ("<a>", SAME, "<c>"), ("<b>", SAME, "<c>"), ("<x>", SAME, "<y>")}
    assert canonical(matches) == {
        ("<a>", SAME, "<a>"),
        ("<a>", SAME, "<b>"),
        ("<a>", SAME, "<c>"),
        ("<a>", SAME, "<d>"),
        ("<x>", SAME, "<x>"),
        ("<x>", SAME, "<y>"),
    }


def outage(iri, article, day=None, published="2025-06-05", participants=(), platform="<lintascell>", lang=None):
    return EventFacts(iri, article, "<Outage>", frozenset(participants), platform, day, published, lang)


def test_dates_agree_at_the_precision_each_side_knows():
    assert dates_agree("2025-06-02", "2025-06-03") is True  # a day apart: time zones
    assert dates_agree("2025-06-02", "2025-06-04") is False
    assert dates_agree("2025-06", "2025-06-04") is True
    assert dates_agree("2025", "2024-06") is False
    assert dates_agree(None, "2025-06-02") is None


def test_reports_that_share_the_platform_and_the_day_are_one_event():
    assert same_event(outage("<a>", "g1", "2025-06-02"), outage("<b>", "g2", "2025-06-02"))
    assert not same_event(outage("<a>", "g1", "2025-06-02"), outage("<b>", "g2", "2025-06-05"))
    assert not same_event(outage("<a>", "g1", "2025-06-02"), outage("<b>", "g1", "2025-06-02")), "one article"
    assert not same_event(outage("<a>", "g1", "2025-06-02"), outage("<b>", "g2", "2025-06-02", platform="<other>"))


def test_two_interviews_on_one_platform_and_day_with_other_people_are_two():
    def interview(iri, article, *people):
        return EventFacts(
            iri, article, "<Interview>", frozenset(f"<{ID}person-{p}>" for p in people), "<x>", "2025-06-02"
        )

    assert not same_event(interview("<a>", "g1", "rudi-hartono"), interview("<b>", "g2", "laras-dewi"))
    assert same_event(interview("<a>", "g1", "rudi-hartono"), interview("<b>", "g2", "laras-dewi", "rudi-hartono"))
    assert same_event(interview("<a>", "g1", "rudi-hartono"), interview("<b>", "g2"))  # one side names no one


def test_a_day_apart_is_one_day_across_languages_and_two_days_in_one():
    """Jakarta's Tuesday morning is New York's Monday evening; two Indonesian outlets that say
    Monday and Tuesday tell of two outages."""
    monday, tuesday = outage("<a>", "g1", "2025-06-02", lang="id"), outage("<b>", "g2", "2025-06-03", lang="id")
    assert not same_event(monday, tuesday)
    assert same_event(monday, outage("<c>", "g3", "2025-06-03", lang="en"))
    assert same_event(monday, outage("<d>", "g4", "2025-06-02", lang="id"))


def test_an_undated_background_mention_joins_when_published_near():
    mention = outage("<c>", "g3", None, published="2025-06-20")
    assert same_event(outage("<a>", "g1", "2025-06-02", published="2025-06-02"), mention)
    late = outage("<d>", "g4", None, published="2025-12-01")
    assert not same_event(outage("<a>", "g1", "2025-06-02", published="2025-06-02"), late)


def test_an_undated_report_tells_the_news_of_its_day():
    """An undated report sharing one participant joins a dated one when it was published on its
    date or within a week after it, or another undated one published within a week."""

    def layoff(iri, article, day=None, published="2025-08-12"):
        return EventFacts(iri, article, "<Layoff>", frozenset({f"<{ID}organization-belanjaria>"}), None, day, published)

    dated = layoff("<a>", "g1", "2025-08-12")
    assert same_event(dated, layoff("<b>", "g2", published="2025-08-15"))
    assert not same_event(dated, layoff("<c>", "g3", published="2025-08-25")), "more than a week after"
    assert not same_event(dated, layoff("<d>", "g4", published="2025-08-11")), "before it happened"
    assert same_event(layoff("<e>", "g5", "2025-08"), layoff("<f>", "g6", published="2025-08-20"))
    assert same_event(layoff("<g>", "g7"), layoff("<h>", "g8", published="2025-08-15"))
    assert not same_event(layoff("<g>", "g7"), layoff("<i>", "g9", published="2025-09-01"))


def test_a_month_only_report_does_not_make_one_event_of_two_outages_a_day_apart():
    first, second = outage("<a>", "g1", "2025-06-02"), outage("<b>", "g2", "2025-06-04")
    vague = outage("<c>", "g3", "2025-06")
    events = [first, second, vague]
    matches = link_events(events)
    assert (first.iri, SAME, vague.iri) in matches and (second.iri, SAME, vague.iri) in matches
    links = canonical(matches, {e.iri: e for e in events})
    assert links == {("<a>", SAME, "<a>"), ("<a>", SAME, "<c>")}, "the vague report joins one of them, not both"
