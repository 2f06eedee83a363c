"""Reading article files into Docs; a bad file raises ArticleError with a one-line reason."""
from __future__ import annotations

from pathlib import Path

from kg.document import Doc

SUFFIXES = {".txt"}
SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})


class ArticleError(Exception):
    """An input file that cannot be read as an article."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def find_articles(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Article files under `paths` (directories walked recursively, sorted) and the skipped ones."""
    found, skipped = [], []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")):
                (found if f.suffix.lower() in SUFFIXES else skipped).append(f)
        elif p.is_file():
            (found if p.suffix.lower() in SUFFIXES else skipped).append(p)
        else:
            raise ArticleError(p, "no such file or directory")
    return found, skipped


def read_article(path: Path) -> Doc:
    """Read one plain-text article. Line endings are normalised; offsets refer to this text."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ArticleError(path, f"cannot read ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(path, f"not UTF-8 text (bad byte at offset {e.start})") from None
    # \xa0 and friends become plain spaces (same length, so offsets still hold).
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(SPACES)
    if "\x00" in text:
        raise ArticleError(path, "binary file, not text")
    if len(text.split()) < 5:
        raise ArticleError(path, "empty or too short to be an article")
    return Doc(path=path, text=text)
