"""Arbitrary text and arbitrary JSON Lines records through the reader, every extractor, the
mapping to RDF and the reasoner: nothing crashes, the output always parses as N-Quads, and the
article's graph passes the SHACL shapes."""

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.per_article import extract_article
from kg.reader import read_articles
from kg.static import static_graphs
from kg.validate import validate

# words the extractors react to, so that random text reaches their rules, not only their guards
WORDS = [
    "Elon Musk",
    "Donald Trump",
    "Budi Santoso",
    "Presiden",
    "CEO",
    "Menteri",
    "PT",
    "Tbk",
    "Twitter",
    "X",
    "Kementerian Komunikasi",
    "mengatakan",
    "ujarnya",
    "kata",
    "menurut",
    "wawancara",
    "serangan siber",
    "gangguan",
    "mengakuisisi",
    "Jakarta",
    "Reuters",
    "Kompas.com",
    "(13/7/2024)",
    "Senin",
    "2024",
    "Juli",
    "pada",
    "dan",
    "dengan",
    "di",
    "yang",
    ".",
    ",",
    '"',
    "“",
    "”",
    "(",
    ")",
    "-",
    ":",
    "\n",
    "\n\n",
    "@elonmusk",
    "Dr.",
    "BSSN",
    "(BSSN)",
    "Ç",
    "é",
    "ß",
    "ـ",
    "12/3",
    "//",
    "...",
    "?",
    "!",
]
text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=120).map(" ".join)
SETTINGS = settings(
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SHAPES_CONTEXT = Dataset()
for name, graph in static_graphs().items():
    for t in graph:
        SHAPES_CONTEXT.graph(name).add(t)


def build_one(tmp_path: Path, name: str, data: str) -> list:
    """Read the file, extract and reason over each article; check each one's output."""
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    docs, errors = read_articles(path)
    assert all("\n" not in str(e) for e in errors)
    for doc in docs:
        out = extract_article(doc)
        ds = Dataset()
        ds.parse(data=out.nquads, format="nquads")  # parses
        for q in SHAPES_CONTEXT.quads((None, None, None, None)):
            ds.add(q)
        violations = [v for v in validate(ds) if v.severity == "Violation"]
        assert violations == [], violations[:3]
    return docs


@SETTINGS
@given(body=text)
def test_arbitrary_text(tmp_path_factory, body):
    build_one(tmp_path_factory.mktemp("fuzz"), "a.txt", "Jakarta - " + body)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ["text", "title", "url", "published", "outlet", "authors", "id"]
record = st.dictionaries(st.sampled_from(FIELDS), json_value | text, max_size=7).map(
    lambda r: (
        r
        if "text" not in r or not isinstance(r["text"], str)
        else {**r, "text": r["text"] + " Elon Musk berkata hal itu di Jakarta."}
    )
)


@SETTINGS
@given(records=st.lists(record | json_value, min_size=1, max_size=4))
def test_arbitrary_json_lines(tmp_path_factory, records):
    lines = "\n".join(json.dumps(r) for r in records) + "\n"
    build_one(tmp_path_factory.mktemp("fuzz"), "feed.jsonl", lines)
