"""Run a blocking call with a time limit, in a way Ctrl-C still interrupts.

The call runs in a daemon thread; the caller waits for it at most ``seconds``
(None: no limit) and stays interruptible meanwhile. Past the limit the caller
gets :class:`~skillgraph.errors.QueryTimeoutError` and the thread is abandoned
(``cancel`` is set, so a loop inside it can stop early).

>>> run_with_deadline(lambda cancel: 6 * 7, 5)
42
>>> import time
>>> run_with_deadline(lambda cancel: time.sleep(2), 0.1, what="the nap")
Traceback (most recent call last):
...
skillgraph.errors.QueryTimeoutError: the nap took longer than 0.1 s (timed out)
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from skillgraph.errors import QueryTimeoutError

__all__ = ["INTERRUPT", "run_with_deadline"]

T = TypeVar("T")

#: Set by the command line's Ctrl-C handler. Python raises the interruption in whatever
#: code runs at that moment, and a finaliser swallows it; the waits here check this latch
#: too, so an interruption is never lost.
INTERRUPT = threading.Event()

_POLL = 0.1  # seconds between two looks at the latch of Ctrl-C


def run_with_deadline(
    call: Callable[[threading.Event], T],
    seconds: float | None,
    *,
    what: str = "the query",
    on_timeout: Callable[[], None] | None = None,
) -> T:
    """Return ``call(cancel)``, or raise :class:`QueryTimeoutError` after ``seconds``.

    ``on_timeout`` runs when the limit is reached (to close a socket, say).
    """
    cancel = threading.Event()
    done = threading.Event()
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = call(cancel)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller
            # Drop the frames' locals here: some objects (Oxigraph's result iterators)
            # must be freed on the thread that made them.
            traceback.clear_frames(err.__traceback__)
            box["error"] = err
        finally:
            done.set()

    thread = threading.Thread(target=target, name="skillgraph-deadline", daemon=True)
    thread.start()
    limit = time.monotonic() + seconds if seconds and seconds > 0 else None
    try:
        # Wait in short slices: a signal the kernel gives another thread does not wake a
        # blocked wait, and Python runs its handler only when this thread runs again.
        while True:
            if INTERRUPT.is_set():
                raise KeyboardInterrupt
            left = _POLL if limit is None else min(_POLL, limit - time.monotonic())
            finished = done.wait(max(left, 0))
            if finished or (limit is not None and time.monotonic() >= limit):
                break
    except BaseException:
        cancel.set()
        raise
    if not finished:
        cancel.set()
        if on_timeout is not None:
            on_timeout()
        raise QueryTimeoutError(f"{what} took longer than {seconds:g} s (timed out)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
