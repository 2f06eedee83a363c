"""The README's examples, run: every ```console and ```python block, in the order written.

How a block is run:

- **One working folder** (a temporary directory with a copy of `corpus/`) for the whole README,
  as a reader following it top to bottom has: the worked example builds `kg-store` and `kg.trig`,
  and later sections read them. Blocks run in README order; a block selected on its own (`-k`)
  first runs the blocks before it.
- **Console blocks**: each `$ command` line (a line ending in `\\` continues it) is run by bash in
  that folder, on its own; the lines after it, up to the next `$`, are what it must print on
  stdout (stderr, where progress and warnings go, is not compared but shown when a command fails).
  A command must exit 0. Commands run with the checkout's code: `kg` on PATH is a script running
  `python -m kg` with this repository first on PYTHONPATH, beside this Python's own scripts (the
  `oxigraph` server). Output is read as a 200-column terminal would show it (COLUMNS=200, no colour).
- **Python blocks**: run as a script by this Python in the same folder, after the blocks above
  them; they must run without error.
- **Background servers**: a command ending in `&` is started in a process group of its own; the
  runner waits until its port accepts connections, compares what it printed by then, and stops it
  (SIGTERM to the group, then SIGKILL) when the block group ends: a console block together with
  the python blocks right after it (they may query its server), or at the end of the module.
- **Ports**: the README's port 7878 is replaced, in the commands and python blocks of a group, by
  a free port chosen for that group, and mapped back to 7878 in the output. A `kg serve` without
  `--port` is first given `--port 7878` (its default) so that it moves too.

Normalisation before comparing (expected and actual alike): colour codes removed, trailing spaces
stripped, blank lines at the start and end dropped, the working folder's path written `.`, timing
values ignored (the number of a `seconds` row, and any number followed by `s`, `ms` or `seconds`).
In an expected line, `…` or `...` matches any text; a line that is only `…` (or `...`) matches any
number of lines.

Markers: an HTML comment right before a block (blank lines between are fine) changes how it runs:
`<!-- readme-test: run-only -->` runs it and checks exit codes but not output;
`<!-- readme-test: skip (reason) -->` does not run it and must say why.
```bash blocks (installing, running the test suite, pushing to a server of your own) and other
languages are not run.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_PORT = "7878"
COMMAND_SECONDS = 300
SERVER_SECONDS = 60

FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
MARKER = re.compile(r"^\s*<!--\s*readme-test:\s*(.*?)\s*-->\s*$")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SECONDS_ROW = re.compile(r"^(\s*seconds\s+)\d+(?:\.\d+)?")
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?= ?(?:ms|s|seconds?)\b)")
ELLIPSIS = re.compile(r"…|\.\.\.")


@dataclass
class Command:
    line: int  # README line of the `$`
    text: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    line: int  # README line of the opening fence
    lang: str  # console or python
    mode: str = "compare"  # compare, run-only or skip
    reason: str = ""
    commands: list[Command] = field(default_factory=list)
    source: str = ""
    group: int = 0

    @property
    def id(self) -> str:
        what = self.commands[0].text if self.commands else self.lang
        what = what if len(what) <= 50 else what[:47] + "..."
        return f"README.md:{self.line} {what}"


def parse(text: str) -> list[Block]:
    """The console and python blocks of a Markdown text, with their markers and groups."""
    lines = text.splitlines()
    blocks: list[Block] = []
    marker: tuple[int, str] | None = None
    group = 0
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            marker = (i + 1, m.group(1))
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip():
                marker = None  # a marker applies to the block right after it only
            i += 1
            continue
        indent, lang = fence.groups()
        start = i
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        i += 1  # the closing fence
        if lang not in ("console", "python"):
            marker = None
            continue
        block = Block(line=start + 1, lang=lang)
        if marker is not None:
            where, what = marker
            if what == "run-only":
                block.mode = "run-only"
            elif m := re.fullmatch(r"skip\s*\((.+)\)", what):
                block.mode, block.reason = "skip", m.group(1)
            else:
                raise ValueError(f"README.md:{where}: unknown readme-test marker {what!r} (run-only, skip (reason))")
            marker = None
        if lang == "console":
            group += 1
            for n, line in enumerate(body, start + 2):
                if line.startswith("$ "):
                    block.commands.append(Command(n, line[2:]))
                elif block.commands and block.commands[-1].text.endswith("\\") and not block.commands[-1].expected:
                    block.commands[-1].text += "\n" + line
                elif block.commands:
                    block.commands[-1].expected.append(line)
                elif line.strip():
                    raise ValueError(f"README.md:{n}: output before the first `$ command` of a console block")
        else:
            block.source = "\n".join(body) + "\n"
        block.group = group
        blocks.append(block)
    return blocks


BLOCKS = parse(README.read_text(encoding="utf-8"))


# --- comparing ---------------------------------------------------------------------------------


def normalise(text: str, folder: Path | None = None, port: str | None = None) -> list[str]:
    text = ANSI.sub("", text)
    if folder is not None:
        for path in {str(folder.resolve()), str(folder)}:
            text = text.replace(path, ".")
    if port is not None:
        text = re.sub(rf"(?<=:){port}\b", README_PORT, text)
    lines = [TIMING.sub("<time>", SECONDS_ROW.sub(r"\1<time>", line.rstrip())) for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _only_ellipsis(line: str) -> bool:
    return line.strip() in ("…", "...")


def _line_matches(expected: str, actual: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in ELLIPSIS.split(expected))
    return re.fullmatch(pattern, actual) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` fits `expected`, line by line, with `…` wildcards (a line of `…` alone
    stands for any number of lines)."""
    memo: dict[tuple[int, int], bool] = {}

    def fit(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if i == len(expected):
                memo[i, j] = j == len(actual)
            elif _only_ellipsis(expected[i]):
                memo[i, j] = fit(i + 1, j) or (j < len(actual) and fit(i, j + 1))
            else:
                memo[i, j] = j < len(actual) and _line_matches(expected[i], actual[j]) and fit(i + 1, j + 1)
        return memo[i, j]

    return fit(0, 0)


def diff(expected: list[str], actual: list[str]) -> str:
    # an actual line that fits the expected line at its place is shown as the README writes it,
    # so that the diff shows only what really differs
    shown = [e if j < len(expected) and _line_matches(e := expected[j], a) else a for j, a in enumerate(actual)]
    return "\n".join(difflib.unified_diff(expected, shown, "README (expected)", "actual output", lineterm=""))


# --- running -----------------------------------------------------------------------------------


def _free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _tail(text: str, n: int = 2000) -> str:
    return text if len(text) <= n else "…" + text[-n:]


@dataclass
class Problem:
    message: str
    fatal: bool = False  # the command failed (rather than printed something else)


class Server:
    """A background command: its process group, its output as it comes."""

    def __init__(self, command: str, folder: Path, env: dict[str, str]):
        self.command = command
        self.proc = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for t in self.readers:
            t.start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for raw in iter(stream.readline, b""):
            into.append(raw.decode("utf-8", "replace"))

    def wait_for_port(self, port: str) -> None:
        deadline = time.monotonic() + SERVER_SECONDS
        while True:
            try:
                with socket.create_connection(("127.0.0.1", int(port)), timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(
                        f"exited with {self.proc.returncode} before listening on port {port}\n"
                        f"stderr:\n{_tail(''.join(self.err))}"
                    ) from None
                if time.monotonic() > deadline:
                    raise AssertionError(f"not listening on port {port} after {SERVER_SECONDS} s") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        try:  # children that outlived the leader (a server's own server) go with its group
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for t in self.readers:
            t.join(timeout=5)
        self.proc.stdout.close()
        self.proc.stderr.close()


class Session:
    """The README's working folder and the state carried from block to block."""

    def __init__(self, folder: Path, scratch: Path):
        self.folder = folder
        self.scratch = scratch
        shutil.copytree(ROOT / "corpus", folder / "corpus")
        bin_dir = scratch / "bin"
        bin_dir.mkdir()
        kg = bin_dir / "kg"
        kg.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kg "$@"\n')
        kg.chmod(0o755)
        env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "FORCE_COLOR", "TTY_COMPATIBLE")}
        env["PATH"] = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), env.get("PATH", "")])
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
        env.update(COLUMNS="200", NO_COLOR="1", PYTHONUNBUFFERED="1")
        self.env = env
        self.done: dict[int, str | None] = {}  # block index: None if it passed, else why not
        self.group = 0
        self.port: str | None = None
        self.servers: list[Server] = []

    # blocks run once each, in order
    def run(self, index: int) -> None:
        for earlier in range(index):
            if earlier not in self.done:
                self._run_recorded(earlier)
        problem = self.done[index] if index in self.done else self._run_recorded(index)
        if problem is not None:
            failed = [BLOCKS[j].id for j in range(index) if self.done.get(j) not in (None, "skipped")]
            if failed:
                problem += "\n\n(blocks before it failed too, which may be the cause: " + ", ".join(failed) + ")"
            pytest.fail(problem, pytrace=False)

    def _run_recorded(self, index: int) -> str | None:
        block = BLOCKS[index]
        if block.mode == "skip":
            self.done[index] = "skipped"
            return None
        if block.group != self.group:
            self.stop_servers()
            self.group, self.port = block.group, None
        try:
            if block.lang == "console":
                self._console(block)
            else:
                self._python(block)
            self.done[index] = None
        except AssertionError as e:
            self.done[index] = str(e)
        return self.done[index]

    def _ported(self, text: str) -> str:
        if README_PORT not in text:
            return text
        if self.port is None:
            self.port = _free_port()
        return re.sub(rf"\b{README_PORT}\b", self.port, text)

    def _console(self, block: Block) -> None:
        problems = []
        for cmd in block.commands:
            text = cmd.text.strip()
            background = text.endswith("&") and not text.endswith("&&")
            if background:
                text = text[:-1].rstrip()
                if re.match(r"kg\s+serve\b", text) and "--port" not in text:
                    text = re.sub(r"^kg\s+serve\b", f"kg serve --port {README_PORT}", text)
            text = self._ported(text)
            where = f"README.md:{cmd.line}: $ {cmd.text}"
            expected = normalise("\n".join(cmd.expected))
            if background:
                problem = self._start(text, where, expected, block.mode == "compare")
            else:
                problem = self._foreground(text, where, expected, block.mode == "compare")
            if problem is not None:
                problems.append(problem.message)
                if problem.fatal:  # a command that failed: the ones after it depend on it
                    break
        if problems:
            raise AssertionError("\n\n".join(problems))

    def _foreground(self, text: str, where: str, expected: list[str], compare: bool) -> Problem | None:
        proc = subprocess.Popen(
            ["bash", "-c", text],
            cwd=self.folder,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so that a command that hangs is stopped with its children
        )
        try:
            out, err = proc.communicate(timeout=COMMAND_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Problem(f"{where}\nstill running after {COMMAND_SECONDS} s", fatal=True)
        r = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
        stdout, stderr = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
        if r.returncode != 0:
            return Problem(
                f"{where}\nexit status {r.returncode}\nstdout:\n{_tail(stdout)}\nstderr:\n{_tail(stderr)}", fatal=True
            )
        actual = normalise(stdout, self.folder, self.port)
        if compare and not matches(expected, actual):
            return Problem(
                f"{where}\noutput differs from the README:\n{diff(expected, actual)}"
                + (f"\nstderr:\n{_tail(stderr)}" if stderr.strip() else "")
            )
        return None

    def _start(self, text: str, where: str, expected: list[str], compare: bool) -> Problem | None:
        ports = re.findall(rf"\b{self.port}\b", text) if self.port else []
        if not ports:
            return Problem(
                f"{where}\na background command needs the port {README_PORT} in it, for the test to wait on", fatal=True
            )
        server = Server(text, self.folder, self.env)
        self.servers.append(server)
        try:
            server.wait_for_port(self.port)
        except AssertionError as e:
            return Problem(f"{where}\n{e}", fatal=True)
        if not compare:
            return None
        deadline = time.monotonic() + 10  # what it prints once listening may come a moment later
        while True:
            actual = normalise("".join(server.out), self.folder, self.port)
            if matches(expected, actual):
                return None
            if time.monotonic() > deadline:
                return Problem(f"{where}\noutput differs from the README:\n{diff(expected, actual)}")
            time.sleep(0.05)

    def _python(self, block: Block) -> None:
        script = self.scratch / f"readme_line_{block.line}.py"
        script.write_text(self._ported(block.source), encoding="utf-8")
        where = f"README.md:{block.line}: the python block"
        try:
            r = subprocess.run(
                [sys.executable, str(script)],
                cwd=self.folder,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=COMMAND_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{where}\nstill running after {COMMAND_SECONDS} s") from None
        if r.returncode != 0:
            raise AssertionError(f"{where}\nexit status {r.returncode}\nstderr:\n{_tail(r.stderr)}")

    def stop_servers(self) -> None:
        while self.servers:
            self.servers.pop().stop()


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    s = Session(tmp_path_factory.mktemp("readme"), tmp_path_factory.mktemp("readme-scripts"))
    try:
        yield s
    finally:
        s.stop_servers()


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=[b.id for b in BLOCKS])
def test_readme_example(index, session):
    block = BLOCKS[index]
    if block.mode == "skip":
        pytest.skip(f"README.md:{block.line}: {block.reason}")
    session.run(index)


def test_the_readme_has_examples_to_run():
    console = [b for b in BLOCKS if b.lang == "console" and b.mode != "skip"]
    python = [b for b in BLOCKS if b.lang == "python" and b.mode != "skip"]
    assert len(console) >= 5 and len(python) >= 2, "the README's examples were not found: is the parser right?"
    assert all(b.commands for b in console), "a console block without a `$ command`"


def test_the_comparison_rules():
    assert normalise("  seconds   2.43   \n\n", None) == ["  seconds   <time>"]
    assert normalise("took 0.20 s, median 58 ms\n") == ["took <time> s, median <time> ms"]
    assert normalise("at http://127.0.0.1:40123/\n", port="40123") == ["at http://127.0.0.1:7878/"]
    assert matches(["id:article-000-…-event-101 x"], ["id:article-000-2ae1-c74b-event-101 x"])
    assert matches(["a ... b"], ["a anything b"])
    assert not matches(["id:article-000-…-event-101"], ["id:article-000-2ae1-event-1010"])
    assert matches(["first", "…", "last"], ["first", "1", "2", "last"])
    assert matches(["first", "…", "last"], ["first", "last"])
    assert not matches(["first", "last"], ["first", "1", "last"])
    assert not matches([], ["something printed"])
    blocks = parse(
        "x\n<!-- readme-test: skip (too slow) -->\n\n```console\n$ sleep 999\n```\n"
        "```console\n$ echo a \\\n  b\na b\n$ true\n```\n```python\nprint(1)\n```\n```bash\nls\n```\n"
    )
    assert [(b.lang, b.mode, b.reason, b.group) for b in blocks] == [
        ("console", "skip", "too slow", 1),
        ("console", "compare", "", 2),
        ("python", "compare", "", 2),
    ]
    assert [(c.text, c.expected) for c in blocks[1].commands] == [("echo a \\\n  b", ["a b"]), ("true", [])]
    with pytest.raises(ValueError, match="unknown readme-test marker"):
        parse("<!-- readme-test: maybe -->\n```console\n$ true\n```\n")
