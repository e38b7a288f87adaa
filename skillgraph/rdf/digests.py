"""Content digests of source files, remembered by what ``stat`` says of them.

The cache is keyed by the bytes of every source file, and hashing a full-size
taxonomy (130 MB of N-Triples) costs more than the rest of a cached command.
So, as Git's index does, the SHA-256 of a large file is remembered in a memo
(the cache folder's ``digests.json``) beside its device, inode, size, modification time and
change time, and reused while all five are unchanged.

The change time (``ctime``) is set by the kernel on every write and cannot be
set back by a program, so a file rewritten in place with its old size and
modification time restored is still hashed again. A digest is only remembered
when the file had not changed for :data:`SETTLED_NS` before it was read: a
write racing with the hash would otherwise leave a stamp that no longer moves.

>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "a.ttl"
>>> path.write_text("# one")
5
>>> with open(path, "rb") as handle:
...     content_digest(path, handle) == hashlib.sha256(b"# one").digest()
True
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from io import BufferedReader
from pathlib import Path

__all__ = [
    "KEEP",
    "LARGE",
    "MEMO_BYTES",
    "SETTLED_NS",
    "content_digest",
]

#: Files smaller than this are hashed every time (reading the memo would cost as much).
LARGE = 1 << 20
#: A file must have been left alone this long before it was read for its digest to be kept.
SETTLED_NS = 2_000_000_000
#: How many files the memo remembers (the most recently hashed are kept).
KEEP = 256
#: A memo larger than this is not read (it holds at most KEEP short entries).
MEMO_BYTES = 1 << 20

#: The memo of each cache folder, read once per process.
_memos: dict[Path, dict[str, list[object]]] = {}
#: Digests of this process, files not settled yet included (the cache key and the validation
#: markers of one load both need them).
_recent: dict[tuple[object, ...], bytes] = {}


def _load(path: Path) -> dict[str, list[object]]:
    memo = _memos.get(path)
    if memo is None:
        from skillgraph.errors import DataFileError
        from skillgraph.rdf.limits import read_bytes

        memo = {}
        try:  # never blocks on a pipe, nor reads a huge file put where the memo goes
            loaded = json.loads(read_bytes(path, max_bytes=MEMO_BYTES))
            memo = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError, DataFileError):
            pass
        _memos[path] = memo
    return memo


def content_digest(path: Path, handle: BufferedReader, *, memo: Path | None = None) -> bytes:
    """Return the SHA-256 of the open regular file ``handle`` (read from its start), which is ``path``.

    With ``memo`` (a JSON file), the digest of a large file is looked up there and kept there.
    """
    st = os.fstat(handle.fileno())
    if memo is None or st.st_size < LARGE:
        return hashlib.file_digest(handle, "sha256").digest()
    stamp: list[object] = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    name = str(path.resolve())
    known = _load(memo)
    entry = known.get(name)
    if isinstance(entry, list) and len(entry) == 6 and entry[:5] == stamp and isinstance(entry[5], str):
        try:
            return bytes.fromhex(entry[5])
        except ValueError:
            pass
    recent = _recent.get((name, *stamp))
    if recent is not None:
        return recent
    started = time.time_ns()
    digest = hashlib.file_digest(handle, "sha256").digest()
    _recent[(name, *stamp)] = digest
    if started - max(st.st_mtime_ns, st.st_ctime_ns) >= SETTLED_NS:
        known.pop(name, None)
        known[name] = [*stamp, digest.hex()]
        _save(memo, known)
    return digest


def _save(path: Path, memo: dict[str, list[object]]) -> None:
    """Write the memo atomically; a cache folder that cannot be written is skipped."""
    from skillgraph.rdf.atomic import atomic_write

    for name in list(memo)[:-KEEP]:
        del memo[name]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as out:
            out.write(json.dumps(memo))
    except Exception:  # noqa: BLE001 - the memo only saves time; without it every file is hashed
        return
