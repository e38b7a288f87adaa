"""Checks a skillgraph graph must pass: SHACL shapes (on the RDF), acyclic ladders and prerequisites.

>>> from skillgraph.rdf.dataset import load_rdf
>>> from skillgraph.model.graph import build_view
>>> cycle_problems(build_view(load_rdf()))
[]
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

import networkx as nx

from skillgraph.errors import ValidationError
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import ladder_problems
from skillgraph.rdf.validity import validate_sources
from skillgraph.vocabulary import short_id

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "check",
    "cycle_problems",
]

_SH = "http://www.w3.org/ns/shacl#"
T = TypeVar("T")


def _in_background(work: Callable[[], T], then: Callable[[], None]) -> Future[T]:
    """Run ``work`` in a thread of its own, then ``then``; return the future of its result.

    A daemon thread, not an executor's: the interpreter joins an executor's threads at exit,
    so a Ctrl-C during the check would wait for the check to end.
    """
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as err:  # noqa: BLE001 - handed to the caller by result()
            future.set_exception(err)
        finally:
            then()

    threading.Thread(target=run, name="shapes", daemon=True).start()
    return future


def cycle_problems(view: SkillGraph) -> list[str]:
    """Return one line per cycle among prerequisites or role progressions, showing the cycle,
    and per cycle of coverage (``sg:covers``)."""
    problems = []
    for name, relations in (
        ("prerequisite", ("has_prerequisite",)),
        ("progression", ("progresses_to",)),
        ("coverage", ("covers",)),
    ):
        graph = view.relation_graph(*relations)
        for component in nx.strongly_connected_components(graph):
            start = min(component)
            if len(component) == 1 and not graph.has_edge(start, start):
                continue
            cycle = nx.find_cycle(graph.subgraph(component), source=start)
            names = [short_id(u) for u, _ in cycle] + [short_id(cycle[0][0])]
            problems.append(f"{name} cycle: {' -> '.join(names)}")
    return sorted(problems)


def check(rdf: RdfData, *, reuse: bool = False, release: bool = False) -> SkillGraph:
    """Validate ``rdf`` (SHACL, cycles, then the ladder rules) and return its view, or raise ValidationError.

    The ladder rules (:func:`skillgraph.model.ladder.ladder_problems`): a role never asks
    less than the role it builds on unless it relaxes the requirement explicitly, a
    relaxation must be of something inherited and not needed by what is still required,
    levels rise along progressions and effort rises with the proficiency level.

    The shapes are checked as SPARQL on the store (:mod:`skillgraph.rdf.core_shapes`); with
    ``reuse``, sources found valid before are not checked again (:mod:`skillgraph.rdf.validity`);
    with ``release`` the RDF is dropped once the view is read from it (a caller that needs the
    view alone: the checks after the shapes read the view).
    """
    from skillgraph.model.graph import build_view

    # The shapes are SPARQL queries Oxigraph answers without holding the interpreter, so
    # they are checked in a thread while the view reads the same statements (a full-size
    # ESCO import: some 4 s of each); a release waits for the check to end.
    shapes = _in_background(lambda: validate_sources(rdf, reuse=reuse), rdf.hold())
    try:
        view = build_view(rdf, release=release)
    except Exception:
        problems = shapes.result()  # a graph that breaks a shape is reported as such
        if problems:
            raise ValidationError(problems) from None
        raise
    problems = shapes.result()
    if problems:
        raise ValidationError(problems)
    problems = cycle_problems(view)
    if problems:
        raise ValidationError(problems)
    problems = ladder_problems(view)
    if problems:
        raise ValidationError(problems)
    return view
