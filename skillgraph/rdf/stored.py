"""Loaded datasets kept on disk as Oxigraph stores, so a query over unchanged files parses nothing.

The first query over a set of files parses them, checks them and adds the derived graph; the
result is written once to an on-disk Oxigraph store in the cache folder, named by the key of
those files (their content) and of the rules. Later queries open it read-only, which takes
milliseconds whatever its size. A store is written under a temporary name and renamed when
complete, so a reader never sees half of one; only the :data:`KEEP` most recent are kept.

>>> import pyoxigraph as ox, tempfile, os
>>> os.environ["SKILLGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b"),
...                   ox.Literal("c")))
>>> keep("example", store)
>>> len(opened("example"))
1
>>> opened("missing") is None
True
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

__all__ = [
    "KEEP",
    "keep",
    "opened",
]

#: How many stores to keep (each can be as large as its files).
KEEP = 4


def _folder(key: str) -> Path:
    from skillgraph.rdf.cache import cache_dir

    return cache_dir() / f"store-{key}"


def opened(key: str) -> ox.Store | None:
    """Return the store kept under ``key``, opened read-only, or None (also when it cannot be opened)."""
    folder = _folder(key)
    if not folder.is_dir():
        return None
    try:
        store = ox.Store.read_only(str(folder))
        os.utime(folder)  # recently used: pruned last
    except (OSError, ValueError):
        return None
    return store


def keep(key: str, store: ox.Store) -> None:
    """Write ``store`` to disk under ``key``; a cache that cannot be written is skipped."""
    folder = _folder(key)
    if folder.exists():
        return
    partial = folder.with_name(f".{folder.name}-{os.getpid()}")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        disk = ox.Store(str(partial))
        disk.bulk_extend(store)
        disk.flush()
        del disk
        partial.rename(folder)
        _prune(folder.parent)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped, never fatal
        shutil.rmtree(partial, ignore_errors=True)


def _prune(parent: Path) -> None:
    stores = sorted(parent.glob("store-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stores[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
