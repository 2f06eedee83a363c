"""Cross-article event linking: blocking by type, participant and day finds the same links as
comparing every pair."""

import random
from itertools import combinations

from kg.linking import SAME, EventFacts, canonical, dates_agree, link_events, same_event


def test_blocking_finds_every_link_a_full_comparison_finds():
    r = random.Random(7)
    events = []
    for i in range(400):
        day = f"2024-05-{r.randint(1, 6):02d}"
        date = r.choice([None, "2024", "2024-05", day, day, day, "2024-06-01"])
        people = frozenset(r.sample(["<a>", "<b>", "<c>", "<d>"], r.randint(1, 2)))
        events.append(EventFacts(f"<e{i:03d}>", f"g{i // 4}", r.choice(["<C>", "<D>"]), people, None, date))
    brute = {tuple(sorted((x.iri, y.iri))) for x, y in combinations(events, 2) if same_event(x, y)}
    assert len(brute) > 100
    assert {(s, o) for s, _, o in link_events(events)} == brute


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


def outage(iri, article, day=None, published="2025-06-05", participants=(), platform="<lintascell>"):
    return EventFacts(iri, article, "<Outage>", frozenset(participants), platform, day, published)


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


def test_an_undated_background_mention_joins_when_published_near():
    mention = outage("<c>", "g3", None, published="2025-06-20")
    assert same_event(outage("<a>", "g1", "2025-06-02", published="2025-06-02"), mention)
    late = outage("<d>", "g4", None, published="2025-12-01")
    assert not same_event(outage("<a>", "g1", "2025-06-02", published="2025-06-02"), late)


def test_a_month_only_report_does_not_make_one_event_of_two_outages_a_day_apart():
    first, second = outage("<a>", "g1", "2025-06-02"), outage("<b>", "g2", "2025-06-04")
    vague = outage("<c>", "g3", "2025-06")
    events = [first, second, vague]
    matches = link_events(events)
    assert (first.iri, SAME, vague.iri) in matches and (second.iri, SAME, vague.iri) in matches
    links = canonical(matches, {e.iri: e for e in events})
    assert links == {("<a>", SAME, "<a>"), ("<a>", SAME, "<c>")}, "the vague report joins one of them, not both"
