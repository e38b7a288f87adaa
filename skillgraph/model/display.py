"""Rich display for result objects, without the model knowing its presenters.

A result class inherits :class:`Displayable`; its ``__str__`` and ``_repr_html_`` ask
:func:`as_text` and :func:`as_html`, two :func:`functools.singledispatch` functions that
the presenter modules (``skillgraph.present``) extend with ``register``, the way IPython's
formatters or SymPy's printers keep objects ignorant of how they are printed. The
presenters are imported on the first display through the hooks in :data:`PRESENTER_HOOKS`
(the package's top level installs one), so the core never imports them.

>>> from dataclasses import dataclass
>>> @dataclass
... class Answer(Displayable):
...     value: int
>>> @as_text.register
... def _(answer: Answer) -> str:
...     return f"the answer is {answer.value}"
>>> str(Answer(42))
'the answer is 42'
>>> Answer(42)._repr_html_() is None  # no HTML renderer registered: the front end falls back
True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any

__all__ = [
    "PRESENTER_HOOKS",
    "Displayable",
    "as_html",
    "as_text",
]

#: Called once, before the first display, to import the modules that register renderers.
PRESENTER_HOOKS: list[Callable[[], object]] = []
_hooks_run = False


def _load_presenters() -> None:
    global _hooks_run
    if not _hooks_run:
        _hooks_run = True
        for hook in PRESENTER_HOOKS:
            hook()


@singledispatch
def as_text(obj: object) -> str:
    """Return ``obj`` as plain text; presenters register a renderer per class."""
    return repr(obj)


@singledispatch
def as_html(obj: object) -> str | None:
    """Return ``obj`` as an HTML fragment, or None when no presenter renders its class."""
    return None


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
