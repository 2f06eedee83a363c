"""Extraction quality as the project is judged on it: the shared scorer (a copy in tests/eval)
on the development set (tests/articles/dev: 24 articles with gold, written in outlets' styles
the seeds lack) and, where the shared evaluation sits beside the checkout, on the seeds."""

import subprocess
import sys
from pathlib import Path

import pytest

import kg

HERE = Path(__file__).resolve().parent
SCORER = HERE / "eval" / "score.py"
DEV = HERE / "articles" / "dev"
SHARED = HERE.parent.parent / "shared" / "eval"


def score(trig: Path, gold: Path) -> dict[str, float]:
    r = subprocess.run([sys.executable, str(SCORER), str(trig), str(gold)], capture_output=True, text=True, timeout=300)
    last = r.stdout.strip().splitlines()[-1]
    print(last)
    return {k: float(v) for k, v in (kv.split("=") for kv in last.split())}


def test_development_set_score(tmp_path):
    g = kg.build([DEV], store=tmp_path / "store")
    trig = g.export(tmp_path / "dev.trig")
    figures = score(trig, HERE / "eval" / "dev-gold.json")
    assert figures["overall"] >= 0.82, figures
    assert min(figures.values()) >= 0.70, figures


@pytest.mark.skipif(not (SHARED / "seeds-gold.json").exists(), reason="../shared/eval is not beside this checkout")
def test_seed_score(seed_trig):
    figures = score(seed_trig, SHARED / "seeds-gold.json")
    assert figures["overall"] >= 0.95
    assert all(v >= 0.85 for v in figures.values()), figures
