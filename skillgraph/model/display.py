"""How result objects are shown, without the model knowing its presenters.

One table, :data:`RENDERERS`, holds for each result class the renderer of each format
(``text``, ``markdown``, ``json``, ``html``...). The presenter modules fill it
(:mod:`skillgraph.present.registry`), the way IPython's formatters or SymPy's printers keep
objects ignorant of how they are printed; ``str()`` of a result reads its ``text``
renderer, Jupyter its ``html`` one, and the command line the format asked for
(:func:`render`). A renderer is given as a function, or as ``"module:function"``, imported
on first use, so printing one format loads only its presenter. The table is filled on the
first display through the hooks in :data:`PRESENTER_HOOKS` (the package's top level
installs one), so the core never imports the presenters.

>>> from dataclasses import dataclass
>>> @dataclass
... class Answer(Displayable):
...     value: int
>>> register(Answer, "text", lambda answer: f"the answer is {answer.value}")
>>> str(Answer(42))
'the answer is 42'
>>> Answer(42)._repr_html_() is None  # no HTML renderer registered: the front end falls back
True
>>> formats(Answer)
['text']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from typing import Any

from skillgraph.errors import InputError
from skillgraph.model import PRESENTER_HOOKS

__all__ = [
    "PRESENTER_HOOKS",
    "RENDERERS",
    "Displayable",
    "as_html",
    "as_text",
    "formats",
    "records_json",
    "register",
    "render",
    "to_json",
    "to_json_line",
]

_hooks_run = False

Renderer = Callable[[Any], "str | bytes"]
#: Result class (``module.QualifiedName``) -> format -> its renderer, or ``"module:function"``.
RENDERERS: dict[str, dict[str, Renderer | str]] = {}


def _load_presenters() -> None:
    global _hooks_run
    if not _hooks_run:
        _hooks_run = True
        for hook in PRESENTER_HOOKS:
            hook()


def _name(kind: type | str) -> str:
    return kind if isinstance(kind, str) else f"{kind.__module__}.{kind.__qualname__}"


def register(kind: type | str, fmt: str, renderer: Renderer | str) -> None:
    """Make ``renderer`` the ``fmt`` rendering of class ``kind`` (a class, or its dotted name)."""
    RENDERERS.setdefault(_name(kind), {})[fmt] = renderer


def formats(kind: type) -> list[str]:
    """Return the formats class ``kind`` renders to (its own, then those of its bases)."""
    _load_presenters()
    found: dict[str, None] = {}
    for base in kind.__mro__:
        found.update(dict.fromkeys(RENDERERS.get(_name(base), {})))
    return list(found)


def _renderer(obj: object, fmt: str) -> Renderer | None:
    _load_presenters()
    for base in type(obj).__mro__:
        found = RENDERERS.get(_name(base), {}).get(fmt)
        if isinstance(found, str):
            module, _, attribute = found.partition(":")
            found = RENDERERS[_name(base)][fmt] = getattr(import_module(module), attribute)
        if found is not None:
            return found
    return None


def render(obj: object, fmt: str) -> str:
    """Return ``obj`` in format ``fmt``, as its registered renderer writes it.

    >>> render(3, "text")
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: no text rendering of int
    """
    found = _renderer(obj, fmt)
    if found is None:
        raise InputError(f"no {fmt} rendering of {type(obj).__name__}")
    out = found(obj)
    return out.decode("utf-8") if isinstance(out, bytes) else out


def to_json(obj: Any) -> str:
    """The ``json`` rendering of any result with a ``to_dict()``: indented, UTF-8 as is."""
    return json.dumps(obj.to_dict(), indent=2, ensure_ascii=False)


def to_json_line(obj: Any) -> str:
    """The ``jsonl`` rendering of any result with a ``to_dict()``: one line of JSON."""
    return json.dumps(obj.to_dict(), ensure_ascii=False)


def records_json(obj: Any) -> str:
    """The ``json`` rendering of any listing with ``records()``: an indented array of objects."""
    return json.dumps(obj.records(), indent=2, ensure_ascii=False)


def as_text(obj: object) -> str:
    """Return ``obj`` as plain text: its ``text`` renderer, or its ``repr`` without one."""
    return render(obj, "text") if _renderer(obj, "text") is not None else repr(obj)


def as_html(obj: object) -> str | None:
    """Return ``obj`` as an HTML fragment, or None when no presenter renders its class."""
    return render(obj, "html") if _renderer(obj, "html") is not None else None


class Displayable:
    """Mixin: ``str()``, IPython's pretty printer and Jupyter's HTML go through the registries."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython's printer takes the first class in the MRO defining ``_repr_pretty_`` or
        # ``__repr__``; a dataclass defines ``__repr__``, so each subclass carries the method.
        if "_repr_pretty_" not in cls.__dict__:
            cls._repr_pretty_ = Displayable._repr_pretty_  # type: ignore[method-assign]

    def __str__(self) -> str:
        _load_presenters()
        return as_text(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str | None:
        _load_presenters()
        return as_html(self)
