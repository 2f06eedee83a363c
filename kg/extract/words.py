"""What a capitalised word looks like in the scripts news names people in: 'Budi', 'Özgür',
'Dvořák', 'Nguyễn', "O'Neil". Python's re has no Unicode letter classes; these are built once."""

from __future__ import annotations

# Latin with its extensions (Vietnamese among them), Greek and Cyrillic
_RANGES = [(0x41, 0x250), (0x370, 0x530), (0x1E00, 0x2000)]
_UPPER = "".join(chr(c) for a, b in _RANGES for c in range(a, b) if chr(c).isupper() and chr(c).isalpha())
UP = "[" + _UPPER + "]"  # one capital letter
LETTER = r"[^\W\d_]"
CAP = UP + r"(?:" + LETTER + r"|['’-])+"  # a capitalised word
