"""Reading input files into Docs: plain text pages, HTML pages (main text and metadata through
trafilatura) and JSON Lines (one article a line). A bad file or line raises / reports an
ArticleError with a one-line reason; the rest are read."""

from __future__ import annotations

import json
from pathlib import Path

from kg.document import Doc

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})
MIN_WORDS = 5


class ArticleError(Exception):
    """An input file (or JSON Lines line) that cannot be read as an article."""

    def __init__(self, path: Path | str, problem: str):
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


def _text(path: Path, raw: bytes, where: str | None = None) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(where or path, f"not UTF-8 text (bad byte at offset {e.start})") from None
    if "\x00" in text:
        raise ArticleError(where or path, "binary file, not text")
    return clean_text(text)


def clean_text(text: str) -> str:
    # \xa0 and friends become plain spaces (same length, so offsets still hold)
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(SPACES)


def _doc(
    path: Path, text: str, raw: bytes, name: str | None = None, stem: str | None = None, hints: dict | None = None
) -> Doc:
    if len(text.split()) < MIN_WORDS:
        raise ArticleError(name or path, "empty or too short to be an article")
    return Doc(path=path, text=text, raw=raw, source_name=name or path.name, stem=stem or path.stem, hints=hints or {})


def read_article(path: Path) -> Doc:
    """Read one .txt or .html article (the first article of a .jsonl file)."""
    docs, errors = read_articles(path)
    if errors:
        raise errors[0]
    return docs[0]


def read_articles(path: Path) -> tuple[list[Doc], list[ArticleError]]:
    """All articles in one file, and the errors of the ones that could not be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return [], [ArticleError(path, f"cannot read ({e.strerror})")]
    try:
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return [_html(path, raw)], []
        if suffix == ".jsonl":
            return _jsonl(path, raw)
        return [_doc(path, _text(path, raw), raw)], []
    except ArticleError as e:
        return [], [e]


def _html(path: Path, raw: bytes) -> Doc:
    import trafilatura

    html = _text(path, raw)
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if result is None:
        raise ArticleError(path, "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = clean_text(data.get("text") or "")
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    hints = {
        "title": title,
        "outlet": data.get("sitename") or data.get("hostname"),
        "authors": [a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        "published": data.get("date"),
    }
    return _doc(path, text, raw, hints=hints)


def _jsonl(path: Path, raw: bytes) -> tuple[list[Doc], list[ArticleError]]:
    docs, errors = [], []
    for n, line in enumerate(_text(path, raw).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(ArticleError(where, f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            errors.append(ArticleError(where, 'a JSON Lines article needs a "text" string'))
            continue
        text = clean_text(record["text"])
        title = record.get("title")
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        authors = record.get("authors") or []
        hints = {
            "title": title,
            "outlet": record.get("outlet"),
            "url": record.get("url"),
            "authors": [authors] if isinstance(authors, str) else list(authors),
            "published": record.get("published"),
        }
        try:
            docs.append(
                _doc(path, text, line.encode("utf-8"), name=f"{path.name}:{n}", stem=f"{path.stem}-{n}", hints=hints)
            )
        except ArticleError as e:
            errors.append(e)
    return docs, errors
