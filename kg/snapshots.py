"""Consistent reads of an on-disk store while a build writes it.

A store directory holds the database a build writes (`data/`) and published snapshots of it:

    kg-store/data/            the Oxigraph database builds write
    kg-store/snapshots/7/     a checkpoint made when build 7 finished (hard links: milliseconds)
    kg-store/snapshots/7.lock held shared by every reader of snapshot 7
    kg-store/current          "7": the snapshot readers open

Readers (`kg query`, `export`, `serve`, `push`, `kg.open`) open the current snapshot, so they see
the store as the last finished build left it, never a build half done (Oxigraph leaves reading a
database another process writes undefined). A killed build publishes nothing: readers keep the
previous snapshot until the next build finishes. Old snapshots are removed once no reader holds
their lock. A directory made by an older newskg (the database itself) is moved into `data/`.
"""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path
from typing import IO

from kg.files import write_atomically

DATA, SNAPSHOTS, CURRENT = "data", "snapshots", "current"


def data_dir(store: Path) -> Path:
    """The database directory a build writes, made if missing (an older layout moved into it)."""
    store = Path(store)
    data = store / DATA
    if (store / "CURRENT").is_file() and not data.exists():  # RocksDB files at the top: the old layout
        data.mkdir()
        for entry in store.iterdir():
            if entry != data:
                entry.rename(data / entry.name)
    data.mkdir(parents=True, exist_ok=True)
    return data


def publish(db, store: Path) -> int:
    """Checkpoint the database `db` (open for writing on `store`'s data) as the next snapshot,
    make it current, and remove the old snapshots no reader holds. Returns its number."""
    snapshots = Path(store) / SNAPSHOTS
    snapshots.mkdir(exist_ok=True)
    number = max([int(p.name) for p in snapshots.iterdir() if p.name.isdigit()], default=0) + 1
    db.flush()
    db.backup(str(snapshots / str(number)))
    (snapshots / f"{number}.lock").touch()
    write_atomically(Path(store) / CURRENT, f"{number}\n")
    prune(store, keep=number)
    return number


def current(store: Path) -> int | None:
    """The number of the snapshot readers open, or None before the first finished build."""
    try:
        return int((Path(store) / CURRENT).read_text().strip())
    except (OSError, ValueError):
        return None


def hold(store: Path, tries: int = 5) -> tuple[Path, IO]:
    """The current snapshot's directory, with the shared lock that keeps it from being removed
    while it is read (close the lock file to release it)."""
    for _ in range(tries):
        number = current(store)
        if number is None:
            raise FileNotFoundError(f"{store}: no finished build here (run `kg build` first)")
        lock = _locked(Path(store) / SNAPSHOTS / f"{number}.lock", fcntl.LOCK_SH)
        if lock is None:
            continue  # being removed: a newer one is current
        if current(store) == number and (Path(store) / SNAPSHOTS / str(number)).is_dir():
            return Path(store) / SNAPSHOTS / str(number), lock
        lock.close()
    raise OSError(f"{store}: the store kept changing while it was being opened; try again")


def open_current(store: Path):
    """The current snapshot opened read-only, and its lock: (pyoxigraph Store, lock file)."""
    import pyoxigraph as ox

    directory, lock = hold(store)
    return ox.Store.read_only(str(directory)), lock


def prune(store: Path, keep: int) -> None:
    """Remove the snapshots other than `keep` that no reader holds."""
    snapshots = Path(store) / SNAPSHOTS
    for entry in sorted(snapshots.iterdir()):
        if not entry.name.isdigit() or int(entry.name) == keep:
            continue
        lock = _locked(snapshots / f"{entry.name}.lock", fcntl.LOCK_EX)
        if lock is None:
            continue  # a reader holds it: removed by a later build
        shutil.rmtree(entry, ignore_errors=True)
        (snapshots / f"{entry.name}.lock").unlink(missing_ok=True)
        lock.close()


def _locked(path: Path, mode: int) -> IO | None:
    try:
        fh = path.open("a")
    except OSError:
        return None
    try:
        fcntl.flock(fh, mode | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        return None
    return fh
