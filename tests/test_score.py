"""The shared scorer on the seed corpus: extraction quality as the project is judged on it."""

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/eval is not beside this checkout")
def test_seed_score(seed_trig):
    r = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), str(seed_trig), str(SHARED / "seeds-gold.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    last = r.stdout.strip().splitlines()[-1]
    print(last)
    figures = dict(kv.split("=") for kv in last.split())
    assert float(figures["overall"]) >= 0.85
    assert all(float(v) >= 0.7 for v in figures.values()), last
