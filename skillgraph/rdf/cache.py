"""A cache of the validated NetworkX view, keyed by the content of its source files.

Parsing and validating the RDF is the costly part of a command; the derived
view is pickled in the user's cache folder (``SKILLGRAPH_CACHE_DIR`` or the
platform's cache folder) under a key made from skillgraph's version and the
bytes of every source file, so any change to a source rebuilds it (the digest of
a large file is remembered while its ``stat`` is unchanged: :mod:`skillgraph.rdf.digests`).

>>> from pathlib import Path
>>> from skillgraph.rdf.resources import builtin_files
>>> len(cache_key(builtin_files()))
64
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from skillgraph.errors import DataFileError

__all__ = [
    "KEEP",
    "VIEW_FORMAT",
    "cache_dir",
    "cache_key",
    "read",
    "source_digest",
    "view_key",
    "write",
]

#: Bump when the view's layout changes, so old cache entries are ignored.
VIEW_FORMAT = 12
#: How many cache entries to keep.
KEEP = 16


def cache_dir() -> Path:
    """Return the folder the cache lives in."""
    configured = os.environ.get("SKILLGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("skillgraph"))


def source_digest(path: Path) -> bytes:
    """Return the SHA-256 of the content of source file ``path`` (remembered for large files).

    A source that is not a regular file (a pipe, a device) or is too large is refused before it is read.
    """
    from skillgraph.rdf.digests import content_digest
    from skillgraph.rdf.limits import check_regular, open_regular

    check_regular(path)
    try:
        with open_regular(path) as handle:
            return content_digest(path, handle, memo=cache_dir() / "digests.json")
    except OSError as err:
        raise DataFileError(str(path), err.strerror or str(err)) from None


def cache_key(files: Sequence[Path], *, extra: str = "") -> str:
    """Return the hex digest naming the cache entry of these source files (see :func:`source_digest`)."""
    from skillgraph.vocabulary import __version__

    digest = hashlib.sha256(f"{__version__}/{VIEW_FORMAT}/{extra}".encode())
    for path in files:
        content = source_digest(path)
        digest.update(str(path.resolve()).encode() + b"\0")
        digest.update(content)
    return digest.hexdigest()


def view_key(files: Sequence[Path], *, builtin: bool, validate: bool) -> str:
    """Return the key of the view of ``files`` (the built-in sources included when ``builtin``).

    The indexes kept beside the view (the derived graph, say) are found under it too, so a
    front end that needs one of them only hashes the sources, never reads the view.
    """
    return cache_key(files, extra=f"builtin={builtin};validate={validate}")


def read(key: str) -> Any | None:
    """Return the cached object under ``key``, or None.

    A damaged entry, an entry that is a folder or a pipe, or a cache folder that
    is not a folder at all (``/dev/null``, a file) all count as missing: the
    graph is rebuilt, never an error.
    """
    from skillgraph.rdf.limits import open_regular

    path = cache_dir() / f"view-{key}.pickle"
    collecting = gc.isenabled()
    gc.disable()  # unpickling a large graph is ~40% faster without collections on the way
    try:
        with open_regular(path) as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged cache entry is rebuilt, never fatal
        _discard(path)
        return None
    finally:
        if collecting:
            gc.enable()


def _discard(path: Path) -> None:
    try:
        if path.is_file():
            path.unlink()
    except OSError:
        pass


def write(key: str, value: Any) -> None:
    """Store ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
    from skillgraph.rdf.atomic import atomic_write

    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        # a folder or a device where the entry goes is refused by atomic_write: left alone, no cache
        with atomic_write(folder / f"view-{key}.pickle", binary=True) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        _prune(folder)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped, never fatal
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("view-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
