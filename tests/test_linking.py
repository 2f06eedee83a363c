"""Cross-article event linking: blocking by type, participant and day finds the same links as
comparing every pair."""

import random
from itertools import combinations

from kg.linking import SAME, EventFacts, canonical, link_events, same_event


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
