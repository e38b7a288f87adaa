"""Run a blocking call with a time limit, in a way Ctrl-C still interrupts.

The call runs in a daemon thread; the caller waits for it at most ``seconds``
(None: no limit) and stays interruptible meanwhile. Past the limit the caller
gets :class:`~skillgraph.errors.QueryTimeoutError` and the thread is abandoned
(``cancel`` is set, so a loop inside it can stop early).

A thread that finished its call waits for the next one: starting a thread costs more
than a small query takes. Every object a call makes is freed on the thread that made
it (Oxigraph's result iterators must be), a forked child starts with no idle thread,
and a thread abandoned past its limit ends once its call returns.

>>> run_with_deadline(lambda cancel: 6 * 7, 5)
42
>>> import time
>>> run_with_deadline(lambda cancel: time.sleep(2), 0.1, what="the nap")
Traceback (most recent call last):
...
skillgraph.errors.QueryTimeoutError: the nap took longer than 0.1 s (timed out)
"""

from __future__ import annotations

import os
import queue
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
_KEEP = 4  # idle threads kept for the next calls (a server runs a few queries at once)

_Job = Callable[[], None]


class _Worker:
    """A daemon thread running the jobs put in its queue, one after the other, until it gets None."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="skillgraph-deadline", daemon=True).start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            job()
            del job  # the job's closure (and what it holds) is freed here, on this thread


_idle: list[_Worker] = []  # list.pop and list.append are atomic: no lock needed


def _forget_idle() -> None:
    # a forked child has only the thread that forked: the idle workers' threads are not there
    _idle.clear()


os.register_at_fork(after_in_child=_forget_idle)


def _worker() -> _Worker:
    try:
        return _idle.pop()
    except IndexError:
        return _Worker()


def _rest(worker: _Worker) -> None:
    if len(_idle) < _KEEP:
        _idle.append(worker)
    else:
        worker.jobs.put(None)


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

    worker = _worker()
    worker.jobs.put(target)
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
        worker.jobs.put(None)  # abandoned: it ends when the call returns
        raise
    if not finished:
        cancel.set()
        worker.jobs.put(None)
        if on_timeout is not None:
            on_timeout()
        raise QueryTimeoutError(f"{what} took longer than {seconds:g} s (timed out)")
    _rest(worker)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
