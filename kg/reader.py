"""Reading input files into Docs: plain text pages, HTML pages (main text and metadata through
trafilatura) and JSON Lines (one article a line). A bad file or line raises / reports an
ArticleError with a one-line reason; the rest are read."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from kg.document import Doc

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})
MIN_WORDS = 5


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(name) -> str:
    """A file name for a one-line message: control characters (a newline in a name) escaped."""
    return CONTROL.sub(lambda m: repr(m.group())[1:-1], str(name))


class ArticleError(Exception):
    """An input file (or JSON Lines line) that cannot be read as an article."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{printable(path)}: {problem}")
        self.path, self.problem = path, problem


class Input(NamedTuple):
    """An article file and its key: its path relative to the directory it was found under (its
    name, for a file given by itself), which names its graph."""

    path: Path
    key: str


def find_articles(paths: list[Path]) -> tuple[list[Input], list[Path]]:
    """Article files under `paths` (directories walked recursively, sorted) and the skipped ones.
    A file reached twice is read once."""
    found, skipped, seen = [], [], set()
    overlap = len(paths) > 1  # one directory walked never gives a file twice
    for p in map(Path, paths):
        if p.is_dir():
            files = [(x, x.relative_to(p)) for x in _walk(p)]
        elif p.is_file():
            files = [(p, Path(p.name))]
        else:
            raise ArticleError(p, "no such file or directory")
        for f, rel in files:
            if overlap:
                if f.resolve() in seen:
                    continue
                seen.add(f.resolve())
            if f.suffix.lower() in SUFFIXES:
                found.append(Input(f, unicodedata.normalize("NFC", rel.as_posix())))
            else:
                skipped.append(f)
    return found, skipped


def _walk(root: Path) -> list[Path]:
    """The files under `root`, sorted, leaving out hidden ones and stores (a `kg-store` kept
    beside the articles is not read as articles)."""
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not _is_store(here / d)]
        found += [here / f for f in files if not f.startswith(".")]
    return sorted(found)


def _is_store(d: Path) -> bool:
    return (d / "data" / "CURRENT").is_file() or (d / "CURRENT").is_file() and (d / "IDENTITY").is_file()


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


def max_chars() -> int:
    """The longest article read, in characters: $KG_MAX_CHARS, else 1,000,000 (a long news
    article has 20,000)."""
    try:
        return int(os.environ.get("KG_MAX_CHARS", "1000000"))
    except ValueError:
        return 1_000_000


def _doc(path: Path, text: str, raw: bytes, key: str, name: str | None = None, hints: dict | None = None) -> Doc:
    if len(text) > max_chars():
        limit = f"the limit of {max_chars():,} (KG_MAX_CHARS)"
        raise ArticleError(name or path, f"{len(text):,} characters, more than {limit}")
    if len(text.split()) < MIN_WORDS:
        raise ArticleError(name or path, "empty or too short to be an article")
    return Doc(path=path, text=text, raw=raw, source_name=name or path.name, key=key, hints=hints or {})


def read_article(path: Path) -> Doc:
    """Read one .txt or .html article (the first article of a .jsonl file)."""
    docs, errors = read_articles(path)
    if errors:
        raise errors[0]
    return docs[0]


def read_articles(path: Path, key: str | None = None) -> tuple[list[Doc], list[ArticleError]]:
    """All articles in one file, and the errors of the ones that could not be read. `key`: the
    file's key (default: its name); a JSON Lines record's is `key#id` (its "id", else its "url",
    else its line number)."""
    path = Path(path)
    key = key or unicodedata.normalize("NFC", path.name)
    try:
        size = path.stat().st_size
        if path.suffix.lower() != ".jsonl" and size > 8 * max_chars():  # not read: its bytes bound its text
            return [], [ArticleError(path, f"{size:,} bytes, more than the limit of {max_chars():,} characters allows")]
        raw = path.read_bytes()
    except OSError as e:
        return [], [ArticleError(path, f"cannot read ({e.strerror})")]
    try:
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return [_html(path, raw, key)], []
        if suffix == ".jsonl":
            return _jsonl(path, raw, key)
        return [_doc(path, _text(path, raw), raw, key)], []
    except ArticleError as e:
        return [], [e]


def _html(path: Path, raw: bytes, key: str) -> Doc:
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
        "url": data.get("url"),
        "language": data.get("language"),
    }
    return _doc(path, text, raw, key, hints=hints)


URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+", re.IGNORECASE)
OPTIONAL_TEXT = ("title", "outlet", "published")


def _jsonl(path: Path, raw: bytes, key: str) -> tuple[list[Doc], list[ArticleError]]:
    docs, errors, seen = [], [], {}
    for n, line in enumerate(_text(path, raw).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
            hints = _record_hints(record)
        except json.JSONDecodeError as e:
            errors.append(ArticleError(where, f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        except ValueError as e:
            errors.append(ArticleError(where, str(e)))
            continue
        rid = record.get("id") if record.get("id") is not None else hints["url"] or n
        record_key = f"{key}#{rid}"
        if record_key in seen:
            errors.append(ArticleError(where, f"the same article as line {seen[record_key]} (id {rid}), skipped"))
            continue
        seen[record_key] = n
        text = clean_text(record["text"])
        title = hints["title"]
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        try:
            docs.append(_doc(path, text, line.encode("utf-8"), record_key, name=f"{path.name}:{n}", hints=hints))
        except ArticleError as e:
            errors.append(e)
    return docs, errors


def _record_hints(record) -> dict:
    """A JSON Lines record's fields, checked: ValueError names the first field that is wrong."""
    if not isinstance(record, dict):
        raise ValueError("a JSON Lines article must be an object")
    if not isinstance(record.get("text"), str):
        raise ValueError('a JSON Lines article needs a "text" string')
    for field in OPTIONAL_TEXT:
        if record.get(field) is not None and not isinstance(record[field], str):
            raise ValueError(f'field "{field}" must be a string')
    rid = record.get("id")
    if rid is not None and (not isinstance(rid, (str, int)) or isinstance(rid, bool)):
        raise ValueError('field "id" must be a string or a number')
    url = record.get("url")
    if url is not None and not (isinstance(url, str) and URL.fullmatch(url)):
        raise ValueError('field "url" must be an http(s) URL without spaces')
    authors = record.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if authors is None:
        authors = []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise ValueError('field "authors" must be a string or a list of strings')
    hints = {f: record.get(f) for f in OPTIONAL_TEXT}
    return hints | {"url": url, "authors": [a for a in authors if a.strip()]}
