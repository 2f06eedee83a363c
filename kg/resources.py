"""Where the ontology, gazetteer, shapes and saved queries live (repo checkout or installed wheel)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`ontology` or `queries`: inside the installed package, else beside it in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"newskg resource folder {name!r} not found next to {_PACKAGE}")


def ontology_file(name: str) -> Path:
    return resource_dir("ontology") / name
