"""Checks on input files before anything parses them: regular files only, bounded sizes, no bombs.

A pipe or a device (``/dev/zero``) would make a reader wait or read forever; an
XML entity declaration can expand a few hundred bytes into gigabytes; JSON
nested thousands deep exhausts a parser's stack. Each is refused here, with a
one-line :class:`~skillgraph.errors.DataFileError`, before a parser sees it.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     bomb = pathlib.Path(tmp) / "bomb.rdf"
...     _ = bomb.write_text('<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>')
...     check_rdf_file(bomb)
Traceback (most recent call last):
...
skillgraph.errors.DataFileError: ...bomb.rdf: XML entity declarations are not allowed (they can expand...)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from io import BufferedReader
from pathlib import Path

from skillgraph.errors import DataFileError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_JSON_NESTING",
    "check_rdf_file",
    "check_regular",
    "max_file_bytes",
    "open_regular",
    "read_bytes",
]

#: The largest RDF file read (bytes); ``SKILLGRAPH_MAX_FILE_BYTES`` changes it.
MAX_FILE_BYTES = 4 << 30
#: The deepest JSON nesting of a JSON-LD file.
MAX_JSON_NESTING = 200
_CHUNK = 1 << 20


def max_file_bytes() -> int:
    """Return the size limit of input files (``SKILLGRAPH_MAX_FILE_BYTES`` or :data:`MAX_FILE_BYTES`)."""
    try:
        return int(os.environ.get("SKILLGRAPH_MAX_FILE_BYTES") or MAX_FILE_BYTES)
    except ValueError:
        return MAX_FILE_BYTES


def check_regular(path: Path | str, *, max_bytes: int | None = None) -> int:
    """Return the size of ``path`` if it is a regular file of at most ``max_bytes``; else raise.

    >>> check_regular("/dev/null")
    Traceback (most recent call last):
    ...
    skillgraph.errors.DataFileError: /dev/null: not a regular file (a pipe, a device or a folder)
    """
    limit = max_file_bytes() if max_bytes is None else max_bytes
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DataFileError(str(path), "no such file") from None
    except OSError as err:
        raise DataFileError(str(path), err.strerror or "cannot be read") from None
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(str(path), "not a regular file (a pipe, a device or a folder)")
    if info.st_size > limit:
        raise DataFileError(str(path), f"too large ({info.st_size:,} bytes; at most {limit:,})")
    return info.st_size


@contextmanager
def open_regular(path: Path | str) -> Iterator[BufferedReader]:
    """Open ``path`` for reading if it is a regular file, else raise :class:`DataFileError`.

    The file is opened without blocking and checked once open, so a pipe swapped in after an
    earlier check cannot hang the reader.

    >>> with open_regular("/dev/null") as handle:
    ...     pass
    Traceback (most recent call last):
    ...
    skillgraph.errors.DataFileError: /dev/null: not a regular file (a pipe, a device or a folder)
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise DataFileError(str(path), err.strerror or "cannot be read") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise DataFileError(str(path), "not a regular file (a pipe, a device or a folder)")
        yield handle


def read_bytes(path: Path | str, *, max_bytes: int) -> bytes:
    """Return the content of regular file ``path``, refusing pipes, devices and files over ``max_bytes``."""
    check_regular(path, max_bytes=max_bytes)
    with open_regular(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DataFileError(str(path), f"too large (more than {max_bytes:,} bytes)")
    return data


def check_rdf_file(path: Path) -> None:
    """Refuse what no RDF parser should be given: not a regular file, too large, XML entities, deep JSON."""
    check_regular(path)
    suffix = path.suffix.lower()
    if suffix in (".rdf", ".owl", ".xml"):
        if _contains(path, b"<!ENTITY"):
            raise DataFileError(
                str(path), "XML entity declarations are not allowed (they can expand without bound)"
            )
    elif suffix == ".jsonld":
        _check_json_nesting(path)


def _contains(path: Path, needle: bytes) -> bool:
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def _check_json_nesting(path: Path, limit: int = MAX_JSON_NESTING) -> None:
    depth = 0
    in_string = escaped = False
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            for byte in chunk:
                if in_string:
                    if escaped:
                        escaped = False
                    elif byte == 0x5C:  # backslash
                        escaped = True
                    elif byte == 0x22:
                        in_string = False
                elif byte == 0x22:
                    in_string = True
                elif byte in (0x5B, 0x7B):
                    depth += 1
                    if depth > limit:
                        raise DataFileError(str(path), f"JSON nested deeper than {limit} levels", line=line)
                elif byte in (0x5D, 0x7D):
                    depth -= 1
                elif byte == 0x0A:
                    line += 1
