"""First build vs rebuild of an unchanged corpus into an on-disk store: prints seconds and the ratio.

python benchmarks/rebuild.py [corpus]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import kg


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        t0 = time.perf_counter()
        first = kg.build([corpus], store=store)
        t1 = time.perf_counter()
        first.close()
        again = kg.build([corpus], store=store)
        t2 = time.perf_counter()
        r = again.report
        again.close()
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
    print(f"first build:   {t1 - t0:.2f} s ({first.report.extracted} extracted, reasoned: {first.report.reasoned})")
    print(f"rebuild:       {t2 - t1:.2f} s ({r.extracted} extracted, {r.unchanged} unchanged, reasoned: {r.reasoned})")
    print(f"speed-up:      {(t1 - t0) / max(t2 - t1, 1e-9):.1f}x")
    print(f"store on disk: {size / 1e6:.1f} MB, {r.asserted + r.inferred} quads")


if __name__ == "__main__":
    main()
