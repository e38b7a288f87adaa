"""Write a file so that it is either left as it was or replaced whole, never half-written.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     target = pathlib.Path(tmp) / "out.txt"
...     with atomic_write(target) as out:
...         _ = out.write("hello")
...     target.read_text()
'hello'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from skillgraph.errors import DataFileError

__all__ = [
    "NAME_MAX",
    "atomic_write",
    "check_output",
]

#: The longest file name (in bytes) most file systems take.
NAME_MAX = 255


def check_output(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Check that ``path`` can be written whole before any work starts; return it and its real target.

    Refuses, with :class:`~skillgraph.errors.DataFileError`: an empty name, a name over
    255 bytes, a folder, a device or a pipe (``/dev/full``), a read-only file, a missing folder.

    >>> check_output("/dev/full")
    Traceback (most recent call last):
    ...
    skillgraph.errors.DataFileError: /dev/full: is not a regular file (a device or a pipe?)
    """
    given = Path(path)
    if not str(path) or given.name in ("", ".", ".."):
        raise DataFileError(str(path), "not a file name")
    if len(os.fsencode(given.name)) > NAME_MAX:
        raise DataFileError(f"{given.name[:40]}...", f"the file name is longer than {NAME_MAX} bytes")
    try:
        target = given.resolve()  # write through a symbolic link, not over it
    except (RuntimeError, OSError):  # Python 3.12 and older raise RuntimeError on a loop
        raise DataFileError(str(given), "is a symbolic link that loops (it is not followed)") from None
    if given.is_symlink() and not target.exists():
        raise DataFileError(
            str(given),
            f"is a symbolic link to {target}, which does not exist (nothing is written through it)",
        )
    if target.is_dir():
        raise DataFileError(str(given), "is a folder")
    if target.exists() and not target.is_file():
        raise DataFileError(str(given), "is not a regular file (a device or a pipe?)")
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise DataFileError(str(given), "is read-only (it is not replaced)")
    if not target.parent.is_dir():
        raise DataFileError(str(given), f"the folder {given.parent} does not exist")
    return given, target


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a file (text; bytes with ``binary``) that replaces ``path`` if the block ends without an error.

    The data goes to a temporary file beside ``path``, synced, given the mode of the
    file it replaces (or the usual mode of a new file), then moved over ``path``.
    An error or Ctrl-C inside the block removes the temporary file and leaves
    ``path`` untouched. A folder that is missing or not writable raises
    :class:`~skillgraph.errors.DataFileError`.
    """
    given, target = check_output(path)
    folder = target.parent
    # Signals wait while the temporary file is made, so that an interruption always finds
    # it named below and removes it.
    masked = _block_signals()
    try:
        # A short temporary name, so that a file name of 255 bytes still fits beside it.
        fd, tmp_name = tempfile.mkstemp(prefix=".sg-", suffix=".tmp", dir=folder)
    except OSError as err:
        _unblock_signals(masked)
        raise DataFileError(str(given), f"cannot write in {given.parent}: {err.strerror or err}") from None
    tmp = Path(tmp_name)
    try:
        _unblock_signals(masked)
        out: IO[Any]
        if binary:
            out = open(fd, "wb", buffering=1 << 20)
        else:
            out = open(fd, "w", buffering=1 << 20, encoding="utf-8", newline="\n")
        with out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _copy_mode(tmp, target)
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise DataFileError(str(given), f"cannot write it: {err.strerror or err}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _block_signals() -> set[int] | None:
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return None
    wanted = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, wanted))


def _unblock_signals(previous: set[int] | None) -> None:
    import signal

    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _copy_mode(tmp: Path, target: Path) -> None:
    """Give the new file the mode of the file it replaces, or the usual one for a new file."""
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass
