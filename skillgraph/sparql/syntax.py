"""Reading SPARQL text without running it: tokens, the query form, safety checks, parameters.

A small lexer splits a query into tokens, so that strings, comments and IRIs
are never mistaken for keywords: ``"INSERT"`` inside a literal is a string,
``# SERVICE`` is a comment. On top of it:

- :func:`query_form` tells a query (SELECT, ASK, CONSTRUCT, DESCRIBE) from an update;
- :func:`service_calls` finds SERVICE clauses (federated queries);
- :func:`unknown_prefixes` finds prefixed names whose prefix is neither declared nor bound;
- :func:`substitute` replaces ``$name`` placeholders by terms (an ``<IRI>`` or an escaped literal).

>>> query_form('SELECT ?s WHERE { ?s ?p "INSERT DATA" }')
'select'
>>> query_form("PREFIX ex: <http://example.com/> INSERT DATA { ex:a ex:b ex:c }")
'update'
>>> [t.text for t in service_calls("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")]
['SERVICE']
>>> service_calls('SELECT * { ?s ?p "SERVICE" } # SERVICE')
[]
>>> substitute("SELECT ?x { $role ?p ?x }", {"role": iri_term("https://w3id.org/skillgraph/id/python")})
'SELECT ?x { <https://w3id.org/skillgraph/id/python> ?p ?x }'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from skillgraph.errors import InputError, QueryRefusedError

__all__ = [
    "MAX_NESTING",
    "MAX_PATTERNS",
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "MAX_VARIABLES",
    "QUERY_KEYWORDS",
    "UPDATE_KEYWORDS",
    "QuerySize",
    "Token",
    "check_read_only",
    "check_size",
    "dataset_clauses",
    "declared_prefixes",
    "explain_error",
    "iri_term",
    "literal_term",
    "placeholders",
    "query_form",
    "query_size",
    "service_calls",
    "substitute",
    "tokens",
    "unknown_prefixes",
]

# Character classes of the SPARQL grammar, approximated: any non-ASCII character counts as a name char.
_NAME = "A-Za-z0-9_\u00b7-\U000effff"
_ESCAPE = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = rf"(?:[{_NAME}:]|{_ESCAPE})(?:(?:[{_NAME}.:\-]|{_ESCAPE})*(?:[{_NAME}:\-]|{_ESCAPE}))?"
_PREFIX = rf"[A-Za-z\u00c0-\U000effff](?:[{_NAME}.\-]*[{_NAME}\-])?"
_STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n\r]|\\.)*"',
    r"'(?:[^'\\\n\r]|\\.)*'",
)
_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<ws>\s+)",
            r"(?P<comment>#[^\n\r]*)",
            f"(?P<string>{'|'.join(_STRINGS)})",
            r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
            rf"(?P<var>[?$][{_NAME}]+)",
            rf"(?P<bnode>_:[{_NAME}](?:[{_NAME}.\-]*[{_NAME}\-])?)",
            rf"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
            r"(?P<number>[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<other>.)",
        )
    ),
    re.DOTALL,
)

#: The keywords an update operation starts with (after its prologue).
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
#: The keywords a query form starts with.
QUERY_KEYWORDS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})

# IRIREF characters (SPARQL 1.1 grammar [139]) minus nothing: an IRI made only of these is safe in <...>.
_IRI_SAFE = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')


@dataclass(frozen=True)
class Token:
    """One token of SPARQL text: its kind, text and position (offset, 1-based line and column)."""

    kind: str
    text: str
    offset: int
    line: int
    column: int


def tokens(text: str, *, keep_space: bool = False) -> Iterator[Token]:
    """Yield the tokens of ``text`` (whitespace and comments only if ``keep_space``).

    The checks of one query (its form, size, SERVICE calls, FROM clauses) each read its
    tokens: the last few texts' tokens are kept, so a query is split once.

    >>> [(t.kind, t.text) for t in tokens('ASK { sg:x a "y" }')]
    [('word', 'ASK'), ('other', '{'), ('pname', 'sg:x'), ('word', 'a'), ('string', '"y"'), ('other', '}')]
    """
    return iter(_all_tokens(text, keep_space))


@functools.lru_cache(maxsize=16)
def _all_tokens(text: str, keep_space: bool) -> tuple[Token, ...]:
    return tuple(_split(text, keep_space))


def _split(text: str, keep_space: bool) -> Iterator[Token]:
    line, line_start = 1, 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        start = match.start()
        if keep_space or kind not in ("ws", "comment"):
            yield Token(kind, match.group(), start, line, start - line_start + 1)
        newlines = match.group().count("\n")
        if newlines:
            line += newlines
            line_start = start + match.group().rindex("\n") + 1


def _after_prologue(toks: list[Token]) -> int:
    """Return the index of the first token after the BASE / PREFIX declarations."""
    i = 0
    while i < len(toks) and toks[i].kind == "word" and toks[i].text.upper() in ("BASE", "PREFIX"):
        i += 3 if toks[i].text.upper() == "PREFIX" else 2
    return i


def query_form(text: str) -> str | None:
    """Return ``select``, ``ask``, ``construct``, ``describe``, ``update``, or None if unclear.

    >>> query_form("BASE <http://x/> PREFIX a: <http://y/> DESCRIBE a:b")
    'describe'
    >>> query_form("# just a comment") is None
    True
    """
    toks = list(tokens(text))
    i = _after_prologue(toks)
    if i >= len(toks) or toks[i].kind != "word":
        return None
    word = toks[i].text.upper()
    if word in QUERY_KEYWORDS:
        return word.lower()
    if word in UPDATE_KEYWORDS:
        return "update"
    return None


def service_calls(text: str) -> list[Token]:
    """Return the SERVICE keywords of ``text`` (outside strings, comments and IRIs).

    >>> [t.line for t in service_calls("SELECT * {\\n  SERVICE SILENT <http://x/> { ?s ?p ?o } }")]
    [2]
    >>> service_calls("SELECT ?service { ?service a ex:SERVICE }")
    []
    """
    return [t for t in tokens(text) if t.kind == "word" and t.text.upper() == "SERVICE"]


def declared_prefixes(text: str) -> set[str]:
    """Return the prefixes a query declares with PREFIX.

    >>> sorted(declared_prefixes("PREFIX ex: <http://x/> PREFIX : <http://y/> ASK {}"))
    ['', 'ex']
    """
    toks = list(tokens(text))
    found = set()
    for i, tok in enumerate(toks[:-1]):
        if tok.kind == "word" and tok.text.upper() == "PREFIX" and toks[i + 1].kind == "pname":
            found.add(toks[i + 1].text.split(":", 1)[0])
    return found


def unknown_prefixes(text: str, bound: Mapping[str, str]) -> list[Token]:
    """Return the prefixed names whose prefix is neither declared in ``text`` nor in ``bound``.

    >>> [t.text for t in unknown_prefixes("SELECT * { ?s foo:bar sg:x }", {"sg": "http://sg/"})]
    ['foo:bar']
    """
    known = set(bound) | declared_prefixes(text)
    toks = list(tokens(text))
    unknown = []
    for i, tok in enumerate(toks):
        if tok.kind != "pname" or tok.text.split(":", 1)[0] in known:
            continue
        if i and toks[i - 1].kind == "word" and toks[i - 1].text.upper() == "PREFIX":
            continue
        unknown.append(tok)
    return unknown


def placeholders(text: str) -> list[str]:
    """Return the names of the ``$name`` placeholders of ``text``, in order of first use.

    >>> placeholders("SELECT ?x { $role ?p ?x . $role ?q $skill }")
    ['role', 'skill']
    """
    names: list[str] = []
    for tok in tokens(text):
        if tok.kind == "var" and tok.text.startswith("$") and tok.text[1:] not in names:
            names.append(tok.text[1:])
    return names


def iri_term(iri: str) -> str:
    """Return ``iri`` written as a SPARQL IRI term, refusing characters an IRI cannot hold.

    >>> iri_term("https://w3id.org/skillgraph/id/python")
    '<https://w3id.org/skillgraph/id/python>'
    >>> iri_term("http://x/> } ; DROP ALL #")
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: not a valid IRI: 'http://x/> } ; DROP ALL #'
    """
    if not _IRI_SAFE.fullmatch(iri) or ":" not in iri:
        raise InputError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def literal_term(value: str | int | float | bool) -> str:
    """Return ``value`` written as a SPARQL literal, with every special character escaped.

    >>> print(literal_term('say "hi"\\n'))
    "say \\"hi\\"\\n"
    >>> literal_term(3), literal_term(True)
    ('3', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f'"{value!r}"^^<http://www.w3.org/2001/XMLSchema#double>'
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("\b", "\\b")
        .replace("\f", "\\f")
    )
    return f'"{escaped}"'


def substitute(text: str, terms: Mapping[str, str]) -> str:
    """Replace each ``$name`` placeholder whose name is in ``terms`` by its (already safe) term.

    Only variable tokens are replaced: ``$role`` inside a string or comment stays as it is.

    >>> substitute('SELECT * { $x ?p "$x" } # $x', {"x": '"a"'})
    'SELECT * { "a" ?p "$x" } # $x'
    """
    out: list[str] = []
    for tok in tokens(text, keep_space=True):
        if tok.kind == "var" and tok.text.startswith("$") and tok.text[1:] in terms:
            out.append(terms[tok.text[1:]])
        else:
            out.append(tok.text)
    return "".join(out)


#: The deepest nesting of ``{``, ``(`` and ``[`` a query may have (engines recurse on it).
MAX_NESTING = 64
#: The longest query text accepted, in characters.
MAX_QUERY_LENGTH = 1_000_000
#: The most triple patterns and groups a query may have: the engine orders joins in
#: time that grows with about the cube of their number, and no time limit stops that.
MAX_PATTERNS = 64
#: The most distinct variables a query may name.
MAX_VARIABLES = 256
#: The most terms and operators a query may have outside VALUES data (each long flat chain
#: of them, ``BIND``, ``+`` or ``GROUP_CONCAT`` after ``GROUP_CONCAT``, is as deep in the engine).
MAX_TERMS = 2_000
_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = frozenset(_OPEN.values())
# Tokens that add a triple pattern where patterns are written ('/' also inside a path in brackets).
_PATTERN_MARKS = frozenset({".", ";", ",", "["})
_PUNCTUATION = frozenset({"{", "}", "(", ")", "[", "]", ".", ";", ","})


@dataclass(frozen=True)
class QuerySize:
    """How large a query is, counted on its tokens before any engine parses it.

    ``patterns`` over-counts a little (a group and a pattern's trailing ``.`` count too);
    ``terms`` counts terms, keywords and operators, not brackets nor VALUES data.
    """

    nesting: int
    patterns: int
    variables: int
    terms: int


@functools.lru_cache(maxsize=64)
def query_size(text: str, *, max_nesting: int | None = None) -> QuerySize:
    """Return the deepest nesting, patterns, distinct variables and terms of ``text``.

    With ``max_nesting``, a bracket nested deeper raises :class:`InputError` at once.
    The last texts' sizes are kept: a query run again is not read again.

    >>> query_size("SELECT ?s { ?s a ?o ; ?p ?x , 'y' . FILTER(?x > 1) }")
    QuerySize(nesting=2, patterns=4, variables=4, terms=12)
    >>> query_size("SELECT * { VALUES ?x { 1 2 3 4 5 6 } }").terms
    4
    """
    nesting, depth, patterns, terms = 0, 0, 0, 0
    stack: list[str] = []
    variables: set[str] = set()
    in_values = False
    # One pass over the raw matches (no Token objects): a whole request is read this way.
    for match in _TOKEN.finditer(text):
        kind, word = match.lastgroup, match.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "other" and word in _OPEN:
            if word == "{" or (word == "[" and (not stack or stack[-1] in "{[")):
                patterns += 1
            stack.append(word)
            nesting = max(nesting, len(stack))
            if max_nesting is not None and len(stack) > max_nesting:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                where = f"line {line}, column {column}"
                raise InputError(f"the query nests '{word}' deeper than {max_nesting} levels ({where})")
            continue
        if kind == "other" and word in _CLOSE:
            if stack:
                stack.pop()
            if in_values and word == "}" and len(stack) <= depth:
                in_values = False
            continue
        if kind == "var":
            variables.add(word[1:])
        elif kind == "word" and word.upper() == "VALUES":
            in_values, depth = True, len(stack)
        elif kind == "other" and word in _PATTERN_MARKS:
            if stack and stack[-1] in "{[" and not in_values:
                patterns += 1
            continue
        elif kind == "other" and word == "/":
            patterns += 1  # a path sequence is one pattern per step (or a division: counted alike)
        if not in_values or kind in ("var", "word"):
            terms += kind != "other" or word not in _PUNCTUATION
    return QuerySize(nesting, patterns, len(variables), terms)


def check_size(
    text: str,
    *,
    max_nesting: int = MAX_NESTING,
    max_length: int = MAX_QUERY_LENGTH,
    max_patterns: int = MAX_PATTERNS,
    max_variables: int = MAX_VARIABLES,
    max_terms: int = MAX_TERMS,
) -> None:
    """Refuse a query too long, nested too deep, or with too many patterns, variables or terms,
    before any engine parses it (engines recurse on nesting and flat chains alike, and plan
    joins in time that grows fast with the number of patterns).

    Brackets inside strings, comments and IRIs do not count.

    >>> check_size("ASK { { ?s ?p '{{{' } }")
    >>> check_size("ASK " + "{" * 100 + "}" * 100)
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: the query nests '{' deeper than 64 levels (line 1, column 69)
    >>> check_size("ASK { " + " ".join(f"?s ?p ?o{i} ." for i in range(70)) + " }")
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: the query has 71 triple patterns and groups (counted on its text); \
the limit is 64 (split it into smaller queries)
    """
    if len(text) > max_length:
        raise InputError(f"the query is too long ({len(text):,} characters; at most {max_length:,})")
    size = query_size(text, max_nesting=max_nesting)
    for count, limit, what in (
        (size.patterns, max_patterns, "triple patterns and groups (counted on its text)"),
        (size.variables, max_variables, "distinct variables"),
        (size.terms, max_terms, "terms and operators"),
    ):
        if count > limit:
            raise InputError(
                f"the query has {count:,} {what}; the limit is {limit:,} (split it into smaller queries)"
            )


def dataset_clauses(text: str) -> tuple[list[str], list[str]]:
    """Return the IRIs of the query's ``FROM`` and ``FROM NAMED`` clauses (default, named).

    >>> dataset_clauses("SELECT * FROM <http://a/> FROM NAMED <http://b/> { ?s ?p ?o }")
    (['http://a/'], ['http://b/'])
    >>> dataset_clauses("SELECT * { ?s ?p 'FROM <x>' }")
    ([], [])
    """
    toks = list(tokens(text))
    default: list[str] = []
    named: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "other" and tok.text == "{":
            break  # dataset clauses come before the WHERE block
        if tok.kind == "word" and tok.text.upper() == "FROM":
            j = i + 1
            target = default
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED":
                target, j = named, j + 1
            if j < len(toks) and toks[j].kind in ("iri", "pname"):
                target.append(toks[j].text[1:-1] if toks[j].kind == "iri" else toks[j].text)
            i = j
        i += 1
    return default, named


_OX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:\'[^\']*\'|[^\]])*\]|[^,\["]+')


def explain_error(message: str) -> tuple[int | None, int | None, str]:
    """Split an Oxigraph query syntax error into line, column and a one-line explanation.

    >>> explain_error('error at 1:27: expected one of ",", ".", "}"')
    (1, 27, 'expected one of ",", ".", "}"')
    """
    match = _OX_ERROR.match(message.strip())
    if not match:
        return None, None, " ".join(message.split())
    line, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    if "expected one of" in rest:
        # Oxigraph lists character classes of the grammar; keep the readable alternatives.
        head, _, alternatives = rest.partition("expected one of")
        items = [a.strip() for a in _ALTERNATIVE.findall(alternatives)]
        items = [a for a in items if a and not a.startswith("[")]
        rest = head + "expected one of " + ", ".join(dict.fromkeys(items))
    rest = " ".join(rest.split())
    if len(rest) > 240:
        rest = rest[:237] + "..."
    return line, column, rest


def check_read_only(
    text: str, *, allow_service: bool, who: str, allow_hint: str
) -> tuple[str | None, list[Token]]:
    """Refuse what a read-only endpoint must not run: a query too large or deep, an update,
    a SERVICE call unless allowed. Return the query form and its SERVICE calls.

    ``who`` names the refusing side in the message, ``allow_hint`` says how to allow SERVICE.

    >>> check_read_only("ASK { ?s ?p ?o }", allow_service=False, who="this endpoint", allow_hint="")
    ('ask', [])
    >>> check_read_only("CLEAR ALL", allow_service=False, who="this endpoint", allow_hint="")
    Traceback (most recent call last):
    ...
    skillgraph.errors.QueryRefusedError: this is a SPARQL update (CLEAR): updates are refused, \
this endpoint is read-only
    """
    check_size(text)
    form = query_form(text)
    if form == "update":
        words = (t.text.upper() for t in tokens(text) if t.kind == "word")
        keyword = next((w for w in words if w in UPDATE_KEYWORDS), "update")
        raise QueryRefusedError(
            f"this is a SPARQL update ({keyword}): updates are refused, {who} is read-only"
        )
    services = service_calls(text)
    if services and not allow_service:
        at = services[0]
        raise QueryRefusedError(
            f"SERVICE (line {at.line}, column {at.column}) would send part of the query to another "
            f"endpoint: refused by {who} ({allow_hint})"
        )
    return form, services
