"""The SHACL core constraints of ``ontology/shapes.ttl``, checked as SPARQL on the Oxigraph store.

pySHACL is pure Python: on a full ESCO import (about 900k triples) it takes minutes and over
a gigabyte. The shapes use a small part of SHACL core, and each constraint is one SPARQL
query on the embedded store, answered in well under a second at that size. So the shapes
are read (never copied into code) and each constraint becomes a query:

- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``;
- property shapes with a predicate or ``sh:inversePath`` path: ``sh:minCount``,
  ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minInclusive``,
  ``sh:maxInclusive``, ``sh:uniqueLang``, ``sh:lessThanOrEquals``, ``sh:hasValue``;
- node constraints ``sh:class``, ``sh:or`` and ``sh:not`` of such shapes.

A shape using anything else raises :class:`NotImplementedError` (a test checks that the
shipped shapes are covered, and that pySHACL, kept as the reference, reports the same
violations on the broken graphs of the test suite), in the same words.

``graphs`` restricts the check to the nodes some named graphs mention: those of a newly added
source, when the others were validated before (:mod:`skillgraph.rdf.validity`).

>>> from skillgraph.rdf.dataset import load_rdf
>>> core_problems(load_rdf())
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from skillgraph.rdf.resources import shapes_file
from skillgraph.vocabulary import RDF, RDF_TYPE, RDFS, SG, XSD

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "NEIGHBOURHOOD_SHARE",
    "RDF_FIRST",
    "RDF_NIL",
    "RDF_REST",
    "SH",
    "SUBCLASS",
    "Shape",
    "Term",
    "core_problems",
    "read_shapes",
]

SH = "http://www.w3.org/ns/shacl#"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
_SUBCLASS = RDFS + "subClassOf"
SUBCLASS = f"<{RDF_TYPE}>/<{_SUBCLASS}>*"
_REQUIREMENT = SG + "requirement"
#: Datatypes SPARQL casts to: a literal of one must cast from its lexical form to be well formed.
_CASTABLE = frozenset(XSD + name for name in ("integer", "decimal", "float", "double", "boolean", "dateTime"))

_KNOWN = {
    f"{SH}{name}"
    for name in (
        "path minCount maxCount class datatype nodeKind minInclusive maxInclusive uniqueLang "
        "lessThanOrEquals hasValue message or not property targetClass targetSubjectsOf "
        "targetObjectsOf name description order severity deactivated"
    ).split()
} | {RDF_TYPE, RDFS + "comment", RDFS + "label"}


@dataclass
class Shape:
    """A node or property shape, as read from the shapes graph."""

    node: Term
    path: str | None = None  # a SPARQL path: <p> or ^<p>
    constraints: dict[str, list[Term]] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    any_of: list[list[Shape]] = field(default_factory=list)  # each sh:or: its alternatives
    none_of: list[Shape] = field(default_factory=list)  # sh:not
    message: str | None = None
    targets: list[str] = field(default_factory=list)  # SPARQL patterns binding ?focus


#: An RDF term read from the shapes or the data (pyoxigraph's classes; typed loosely).
Term = Any


def _term(term: Term) -> str:
    if isinstance(term, ox.BlankNode):
        raise NotImplementedError("a blank node as a constraint value")
    return str(term)


@lru_cache(maxsize=4)
def read_shapes(path: str) -> tuple[Shape, ...]:
    """Return the node shapes of the Turtle file ``path`` (targets, properties, constraints).

    >>> shapes = read_shapes(str(shapes_file()))
    >>> any(s.targets for s in shapes)
    True
    """
    store = ox.Store()
    with open(path, "rb") as f:
        store.load(f, ox.RdfFormat.TURTLE)

    def values(node: Term, predicate: str) -> list[Term]:
        if isinstance(node, ox.Literal):
            raise NotImplementedError("a literal where a shape or list is expected")
        return [q.object for q in store.quads_for_pattern(node, ox.NamedNode(predicate), None)]

    def items(head: Term) -> list[Term]:
        found: list[Term] = []
        while not (isinstance(head, ox.NamedNode) and head.value == RDF_NIL):
            found += values(head, RDF_FIRST)
            rest = values(head, RDF_REST)
            if not rest:
                break
            head = rest[0]
        return found

    def shape(node: Term) -> Shape:
        if isinstance(node, ox.Literal):
            raise NotImplementedError("a literal as a shape")
        found = Shape(node)
        for quad in store.quads_for_pattern(node, None, None):
            predicate = quad.predicate.value
            if predicate not in _KNOWN:
                raise NotImplementedError(f"SHACL term {predicate} (in shape {node})")
            obj = quad.object
            name = predicate[len(SH) :] if predicate.startswith(SH) else predicate
            if name == "path":
                if isinstance(obj, ox.NamedNode):
                    found.path = str(obj)
                else:
                    inverse = values(obj, SH + "inversePath")
                    if len(inverse) != 1 or not isinstance(inverse[0], ox.NamedNode):
                        raise NotImplementedError("a property path other than a predicate or sh:inversePath")
                    found.path = f"^{inverse[0]}"
            elif name == "property":
                found.properties.append(shape(obj))
            elif name == "or":
                found.any_of.append([shape(member) for member in items(obj)])
            elif name == "not":
                found.none_of.append(shape(obj))
            elif name == "message":
                found.message = str(getattr(obj, "value", obj))
            elif name == "targetClass":
                found.targets.append(f"?focus {SUBCLASS} {obj} .")
            elif name == "targetSubjectsOf":
                found.targets.append(f"?focus {obj} [] .")
            elif name == "targetObjectsOf":
                found.targets.append(f"[] {obj} ?focus .")
            elif predicate.startswith(SH) and name not in ("name", "description", "order", "severity"):
                found.constraints.setdefault(name, []).append(obj)
        return found

    node_shapes = {
        q.subject
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(SH + "NodeShape"))
    }
    return tuple(shape(n) for n in sorted(node_shapes, key=str))


# ---------------------------------------------------------------- SPARQL --


def _violation(shape: Shape, focus: str, counter: list[int]) -> list[tuple[str, str | None]]:
    """Return ``(group graph pattern, value variable)`` pairs, each matching when ``focus`` violates a
    constraint of ``shape`` (a property shape looks at the values on its path)."""
    counter[0] += 1
    v = f"?v{counter[0]}"
    found: list[tuple[str, str | None]] = []
    path = shape.path
    for name, objects in shape.constraints.items():
        for obj in objects:
            if path is None:
                if name == "class":
                    found.append((f"FILTER NOT EXISTS {{ {focus} {SUBCLASS} {_term(obj)} }}", None))
                    continue
                if name == "hasValue":
                    found.append((f"FILTER(!sameTerm({focus}, {_term(obj)}))", None))
                    continue
                raise NotImplementedError(f"sh:{name} on a node shape")
            if name == "minCount":
                n = int(obj.value)
                found.append(
                    (
                        f"FILTER NOT EXISTS {{ SELECT {focus} WHERE {{ {focus} {path} {v} }} "
                        f"GROUP BY {focus} HAVING (COUNT(DISTINCT {v}) >= {n}) }}"
                        if n > 1
                        else f"FILTER NOT EXISTS {{ {focus} {path} {v} }}",
                        None,
                    )
                )
            elif name == "maxCount":
                n = int(obj.value)
                found.append(
                    (
                        f"FILTER EXISTS {{ SELECT {focus} WHERE {{ {focus} {path} {v} }} "
                        f"GROUP BY {focus} HAVING (COUNT(DISTINCT {v}) > {n}) }}",
                        None,
                    )
                )
            elif name == "class":
                found.append((f"{focus} {path} {v} . FILTER NOT EXISTS {{ {v} {SUBCLASS} {_term(obj)} }}", v))
            elif name == "datatype":
                # SHACL's sh:datatype also fails an ill-typed literal ("abc"^^xsd:integer): a
                # literal of a datatype SPARQL can cast to must cast from its own lexical form
                well_formed = (
                    f" || !COALESCE(isLiteral({_term(obj)}(STR({v}))), false)"
                    if obj.value in _CASTABLE
                    else ""
                )
                found.append(
                    (
                        f"{focus} {path} {v} . "
                        f"FILTER(!isLiteral({v}) || datatype({v}) != {_term(obj)}{well_formed})",
                        v,
                    )
                )
            elif name == "nodeKind":
                kinds = {
                    SH + "IRI": f"isIRI({v})",
                    SH + "Literal": f"isLiteral({v})",
                    SH + "BlankNode": f"isBlank({v})",
                    SH + "BlankNodeOrIRI": f"(isBlank({v}) || isIRI({v}))",
                    SH + "IRIOrLiteral": f"(isIRI({v}) || isLiteral({v}))",
                    SH + "BlankNodeOrLiteral": f"(isBlank({v}) || isLiteral({v}))",
                }
                found.append((f"{focus} {path} {v} . FILTER(!{kinds[obj.value]})", v))
            elif name in ("minInclusive", "maxInclusive"):
                op = ">=" if name == "minInclusive" else "<="
                found.append((f"{focus} {path} {v} . FILTER(!COALESCE({v} {op} {_term(obj)}, false))", v))
            elif name == "uniqueLang":
                if obj.value == "true":
                    found.append(
                        (
                            f'{focus} {path} {v}, {v}b . FILTER({v} != {v}b && lang({v}) != "" '
                            f"&& lang({v}) = lang({v}b))",
                            None,
                        )
                    )
            elif name == "lessThanOrEquals":
                found.append(
                    (
                        f"{focus} {path} {v} . {focus} {_term(obj)} {v}o . "
                        f"FILTER(!COALESCE({v} <= {v}o, false))",
                        v,
                    )
                )
            elif name == "hasValue":
                found.append((f"FILTER NOT EXISTS {{ {focus} {path} {_term(obj)} }}", None))
            else:
                raise NotImplementedError(f"sh:{name}")
    # sh:or / sh:not apply to the focus of a node shape, to each value of a property shape
    if shape.any_of or shape.none_of:
        w = f"?w{counter[0]}"
        node, prefix = (focus, "") if path is None else (w, f"{focus} {path} {w} . ")
        for alternatives in shape.any_of:
            tests = " || ".join(_conforms(a, node, counter) for a in alternatives)
            found.append((f"{prefix}FILTER(!({tests}))", None if path is None else w))
        for inner in shape.none_of:
            found.append((f"{prefix}FILTER({_conforms(inner, node, counter)})", None if path is None else w))
    return found


def _conforms(shape: Shape, focus: str, counter: list[int]) -> str:
    """A SPARQL expression true when ``focus`` violates nothing of ``shape`` (for sh:or, sh:not)."""
    parts = [f"EXISTS {{ {pattern} }}" for pattern, _ in _violation(shape, focus, counter)]
    for prop in shape.properties:
        parts += [f"EXISTS {{ {pattern} }}" for pattern, _ in _violation(prop, focus, counter)]
    return f"!({' || '.join(parts)})" if parts else "true"


def _queries(shape: Shape) -> list[tuple[str, Shape, bool]]:
    """``(query, shape whose message applies, node-level?)`` for each constraint of node shape ``shape``."""
    if not shape.targets:
        return []
    targets = " UNION ".join(f"{{ {t} }}" for t in shape.targets)
    found: list[tuple[str, Shape, bool]] = []
    counter = [0]
    for prop in shape.properties:
        for pattern, value in _violation(prop, "?focus", counter):
            found.append(
                (f"SELECT DISTINCT ?focus {value or ''} WHERE {{ {targets} {pattern} }}", prop, False)
            )
    for pattern, value in _violation(shape, "?focus", counter):
        found.append((f"SELECT DISTINCT ?focus {value or ''} WHERE {{ {targets} {pattern} }}", shape, True))
    return found


def _short(term: Term) -> str:
    from skillgraph.vocabulary import PREFIXES

    text = str(term.value)
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if text.startswith(iri):
                return f"{prefix}:{text[len(iri) :]}"
    return text


def _neighbourhood(
    store: ox.Store, graphs: list[ox.NamedNode], shapes: Iterable[Shape]
) -> tuple[ox.Store, set[Term]]:
    """A small store holding what the shapes read about the nodes ``graphs`` mention.

    Every statement about those nodes (as subject or object, in any graph), the types of the
    nodes they point to, and the class hierarchy: enough to check the nodes themselves, so a
    small file added to a large validated import is checked in a small store.
    """
    inverse: set[ox.NamedNode] = set()
    targeting: set[ox.NamedNode] = set()
    stack = list(shapes)
    while stack:
        shape = stack.pop()
        if shape.path and shape.path.startswith("^"):
            inverse.add(ox.NamedNode(shape.path[2:-1]))
        targeting.update(ox.NamedNode(t.split()[1][1:-1]) for t in shape.targets if t.startswith("[] "))
        stack += shape.properties + shape.none_of + [a for group in shape.any_of for a in group]
    mentioned: set[ox.NamedNode | ox.BlankNode] = set()
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, None, graph):
            mentioned.add(quad.subject)  # type: ignore[arg-type]
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                mentioned.add(quad.object)
    small = ox.Store()
    kind = ox.NamedNode(RDF_TYPE)
    pointed: set[ox.NamedNode | ox.BlankNode] = set()
    for node in mentioned:
        for quad in store.quads_for_pattern(node, None, None):
            small.add(quad)
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                pointed.add(quad.object)
        if isinstance(node, ox.BlankNode):
            small.extend(store.quads_for_pattern(None, None, node))
            continue
        for predicate in inverse:  # every incoming statement an inverse path counts
            small.extend(store.quads_for_pattern(None, predicate, node))
        for predicate in targeting:  # one is enough to make the node a target
            first = next(store.quads_for_pattern(None, predicate, node), None)
            if first is not None:
                small.add(first)
    for node in pointed - mentioned:
        for quad in store.quads_for_pattern(node, kind, None):
            small.add(quad)
    small.extend(store.quads_for_pattern(None, ox.NamedNode(_SUBCLASS), None))
    return small, set(mentioned)


#: A restricted check builds its small store at about three times the cost per statement of a
#: full check: past this share of new statements, the full check is the faster one.
NEIGHBOURHOOD_SHARE = 1 / 3


def _mostly_new(store: ox.Store, graphs: list[ox.NamedNode]) -> bool:
    """True when ``graphs`` hold more than :data:`NEIGHBOURHOOD_SHARE` of the statements of ``store``."""
    total = len(store)
    limit = int(total * NEIGHBOURHOOD_SHARE)
    new = 0
    for graph in graphs:
        for _ in store.quads_for_pattern(None, None, None, graph):
            new += 1
            if new > limit:
                return True
    return False


def core_problems(rdf: RdfData, *, graphs: Iterable[ox.NamedNode] | None = None) -> list[str]:
    """Check ``rdf`` against the shapes as SPARQL; return one line per violation, sorted.

    With ``graphs``, only the nodes those named graphs mention (as subject or object) are
    checked, against the whole graph; when they hold most of it, everything is (that is faster).
    """
    shapes = read_shapes(str(shapes_file()))
    store = rdf.store
    mentioned: set[Term] | None = None
    if graphs is not None:
        graphs = list(graphs)
        if not graphs:
            return []
        # The small store holds only what the new graphs mention and what the shapes read
        # about it: every query runs on it unrestricted, and only the violations of the
        # mentioned nodes count (the others lack statements the small store left out). A
        # restriction inside each query (a VALUES table of the mentioned IRIs UNION the blank
        # nodes of the new graphs) made Oxigraph take 20-35 s a query on a taxonomy import,
        # where each of the two parts alone answers in a tenth of a second to a second.
        if _mostly_new(store, graphs):
            graphs = None
        else:
            store, mentioned = _neighbourhood(store, graphs, shapes)
    problems: set[str] = set()
    for node_shape in shapes:
        for query, source, node_level in _queries(node_shape):
            solutions = store.query(query, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            columns = [v.value for v in solutions.variables]
            for solution in solutions:
                focus_term = solution["focus"]
                if mentioned is not None and focus_term not in mentioned:
                    continue
                value = solution[columns[1]] if len(columns) > 1 else None
                message = (source.message if not node_level else node_shape.message) or "breaks a shape"
                if value is not None:
                    message = message.replace("{$value}", _short(value))
                if isinstance(focus_term, ox.BlankNode):
                    owners = list(store.quads_for_pattern(None, ox.NamedNode(_REQUIREMENT), focus_term))
                    focus_text = f"a requirement of {_short(owners[0].subject)}" if owners else "a blank node"
                else:
                    focus_text = _short(focus_term)
                where = (
                    f" [shape {_short(node_shape.node)}]"
                    if node_level and isinstance(node_shape.node, ox.NamedNode)
                    else ""
                )
                problems.add(f"{focus_text} {message}{where}")
    return sorted(problems)
