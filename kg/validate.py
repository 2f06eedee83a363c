"""SHACL validation of a built dataset with pySHACL (no extra inference: the data is already reasoned)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.resources import ontology_file
from kg.serialize import union_graph


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str


def validate(ds: Dataset, shapes: Graph | None = None) -> list[Violation]:
    """Check `ds` (all graphs as one) against ontology/shapes.ttl; returns the violations."""
    from pyshacl import validate as shacl

    shapes = shapes or Graph().parse(str(ontology_file("shapes.ttl")), format="turtle")
    conforms, report, _ = shacl(union_graph(ds), shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append(
            Violation(
                str(report.value(r, SH.focusNode)),
                str(report.value(r, SH.resultPath) or ""),
                str(report.value(r, SH.resultMessage) or ""),
                str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
