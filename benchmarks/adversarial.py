"""Extraction time on adversarial text as it grows: a line per kind and size, so that anything
worse than linear shows as a growing ratio (the last column: seconds per MB).

    python benchmarks/adversarial.py                 # 0.25, 0.5, 1, 2 and 5 MB of each kind
    python benchmarks/adversarial.py --sizes 100000 200000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.document import Doc
from kg.extract import extract

HEAD = "Jakarta - Elon Musk berkata bahwa layanan sedang diperbaiki oleh tim teknis.\n\n"
KINDS = {
    "periods": ". ",
    "capitalised runs": "Budi Santoso Harahap Jaya PT Tbk Kementerian Dr. Ahmad Wijaya Kusuma ",
    "nested brackets": "(" * 20 + "kata " + ")" * 20 + " ",
    "digit-slash runs": "12/3/2024/5/6/7 13/13/13 ",
    "open quotes": 'Direktur Budi Santoso (BSJ) mengatakan, "Layanan X down pada 12/3/2024." Menurut Reuters, “ ',
    "one long line": "kata ",
}


def text(unit: str, size: int) -> str:
    return HEAD + (unit * (size // len(unit) + 1))[:size]


def seconds(body: str) -> float:
    doc = Doc(path=Path("x.txt"), text=body, raw=body.encode(), source_name="x.txt", key="x.txt")
    t = time.perf_counter()
    extract(doc)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[250_000, 500_000, 1_000_000, 2_000_000, 5_000_000])
    args = ap.parse_args()
    seconds(text(". ", 1000))  # the gazetteer, loaded once
    print(f"{'kind':<18} {'size':>10} {'seconds':>8} {'s/MB':>6}")
    for kind, unit in KINDS.items():
        for size in args.sizes:
            s = seconds(text(unit, size))
            print(f"{kind:<18} {size:>10,} {s:>8.2f} {s / size * 1e6:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
