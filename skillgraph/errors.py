"""Domain exceptions raised by the skillgraph core.

Every error the core raises is a :class:`SkillgraphError`. Its message is one
line meant for a person, and ``exit_code`` is what a command-line front end
should exit with.

>>> from skillgraph.errors import UnknownNameError
>>> err = UnknownNameError("jnuior", suggestions=["junior"])
>>> str(err)
"unknown name 'jnuior' (did you mean 'junior'?)"
>>> err.exit_code
2
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "ECHO_LIMIT",
    "AmbiguousNameError",
    "DataFileError",
    "InputError",
    "MissingDependencyError",
    "MissingParameterError",
    "NoPathError",
    "OutOfScopeError",
    "QueryExecutionError",
    "QueryRefusedError",
    "QuerySyntaxError",
    "QueryTimeoutError",
    "ServeError",
    "SkillgraphError",
    "StoreError",
    "StoreURLError",
    "UnknownNameError",
    "UnknownNamesError",
    "UnknownQueryError",
    "ValidationError",
    "echo",
    "hide_logins",
    "interrupted",
    "redact_url",
]


class SkillgraphError(Exception):
    """Base class of every error the skillgraph core raises (its text never shows a URL's login)."""

    exit_code: int = 1

    def __str__(self) -> str:
        return hide_logins(super().__str__())


class InputError(SkillgraphError):
    """The user gave something the program cannot use (a name, a file, an option)."""

    exit_code = 2


#: The most characters of a name a message repeats back.
ECHO_LIMIT = 80


def echo(name: str, limit: int = ECHO_LIMIT) -> str:
    """Return ``name`` as a message repeats it back: whole if short, else its start and its length.

    >>> echo("pyhton")
    'pyhton'
    >>> echo("x" * 5000)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (5,000 characters)'
    """
    if len(name) <= limit:
        return name
    return f"{name[: limit // 2]}... ({len(name):,} characters)"


def _quoted_list(items: Sequence[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class UnknownNameError(InputError):
    """A name resolves to no node; ``suggestions`` holds the closest labels."""

    def __init__(
        self,
        name: str,
        *,
        suggestions: Sequence[str] = (),
        kind: str = "name",
        note: str = "",
        advice: str = "",
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f" (did you mean {_quoted_list(self.suggestions)}?)" if self.suggestions else ""
        if note:
            hint = f" ({note})"
        super().__init__(f"unknown {kind} '{echo(name)}'{hint}" + (f"; {advice}" if advice else ""))


class AmbiguousNameError(InputError):
    """A name matches several nodes equally well; ``candidates`` lists them."""

    def __init__(self, name: str, *, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"ambiguous name '{echo(name)}': it could be {_quoted_list(self.candidates)}; "
            "use a fuller label or the id"
        )


class UnknownNamesError(InputError):
    """Several names at once (from ``--have`` or a profile) that resolve to no node, or to several.

    ``errors`` holds one :class:`UnknownNameError` or :class:`AmbiguousNameError` per name.

    >>> err = UnknownNamesError([UnknownNameError("pyhton", suggestions=["Python"], kind="skill")])
    >>> str(err)
    "unknown skill 'pyhton' (did you mean 'Python'?)"
    """

    def __init__(self, errors: Sequence[InputError], *, where: str = "", more: int = 0) -> None:
        self.errors = list(errors)
        self.more = more
        head = f"{where}: " if where else ""
        tail = f"; and {more:,} more unknown or ambiguous names" if more else ""
        super().__init__(head + "; ".join(str(e) for e in self.errors) + tail)


class DataFileError(InputError):
    """A data file is missing, unreadable or malformed (``path`` and ``line`` say where)."""

    def __init__(
        self, path: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = path
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: {message}")


class ValidationError(SkillgraphError):
    """The graph breaks a SHACL shape or has a cycle; ``problems`` lists each, one line apiece."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(self.headline + ": " + "; ".join(self.problems))

    @property
    def headline(self) -> str:
        """``the graph is invalid``, with the number of problems when there are several."""
        count = len(self.problems)
        return "the graph is invalid" if count == 1 else f"the graph is invalid ({count} problems)"


class NoPathError(SkillgraphError):
    """There is no career path between two roles."""

    def __init__(self, source: str, target: str, reason: str = "") -> None:
        self.source = source
        self.target = target
        extra = f" ({reason})" if reason else ""
        super().__init__(f"no career path from '{source}' to '{target}'{extra}")


class OutOfScopeError(SkillgraphError):
    """A posting asks for no skill the graph holds beyond what every job asks: nothing to aim at."""

    def __init__(self, name: str, every_job: list[str]) -> None:
        beyond = f" beyond what every job asks ({', '.join(every_job)})" if every_job else ""
        super().__init__(
            f"{name} asks for no skill the graph holds{beyond}: it is outside the graph's trades, "
            "so there is no gap to measure (add the taxonomy of its trade with --data)"
        )


class QuerySyntaxError(InputError):
    """A SPARQL query does not parse; ``line`` and ``column`` (1-based) say where."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line is not None and column is not None else ""
        super().__init__(f"SPARQL syntax error: {where}{message}")


class QueryRefusedError(InputError):
    """A query asks for something skillgraph does not do by default (an update, a SERVICE call)."""


class UnknownQueryError(UnknownNameError):
    """No saved query has this name; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, *, suggestions: Sequence[str] = ()) -> None:
        super().__init__(
            name, suggestions=suggestions, kind="saved query", advice="'skillgraph query --list' shows them"
        )


class MissingParameterError(InputError):
    """A query needs a parameter that was not given; ``query`` names the query ("saved query 'x'")."""

    def __init__(self, query: str, param: str, description: str = "") -> None:
        self.query = query
        self.param = param
        what = f" ({description})" if description else ""
        super().__init__(f"{query} needs --param {param}=VALUE{what}")


class QueryExecutionError(SkillgraphError):
    """A valid query failed while running (a remote SERVICE that did not answer, ...)."""


class MissingDependencyError(SkillgraphError):
    """An optional package a feature needs is not installed; ``extra`` names the extra that brings it.

    >>> print(MissingDependencyError("icalendar", "a calendar", extra="calendar"))
    a calendar needs icalendar, which is not installed (pip install 'skillgraph[calendar]')
    """

    def __init__(self, package: str, feature: str, *, extra: str = "") -> None:
        self.package = package
        self.extra = extra
        what = f"'skillgraph[{extra}]'" if extra else package
        super().__init__(f"{feature} needs {package}, which is not installed (pip install {what})")


class StoreError(SkillgraphError):
    """A SPARQL store cannot be reached, refuses the login, times out or answers with an error.

    ``url`` is the endpoint with any ``user:password@`` removed; the message never holds credentials.

    >>> str(StoreError("http://ann:secret@127.0.0.1:9/query", "connection refused"))
    'store http://127.0.0.1:9/query: connection refused'
    """

    def __init__(self, url: str, message: str) -> None:
        self.url = redact_url(url)
        super().__init__(f"store {self.url}: {message}")


class StoreURLError(StoreError):
    """A store URL that is not a valid http(s) URL (bad input: exit code 2)."""

    exit_code = 2


def redact_url(url: str) -> str:
    """Return ``url`` without the ``user:password@`` part (and without a query string).

    >>> redact_url("https://ann:secret@db.example.org:8890/sparql?graph=x")
    'https://db.example.org:8890/sparql'
    >>> redact_url("not a url")
    'not a url'
    >>> redact_url("http://ann:secret@[::1")
    'http://[::1'
    """
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # malformed (a bad port, an unclosed [IPv6]): keep it, minus any login
        scheme, sep, rest = url.partition("://")
        return scheme + sep + rest.rsplit("@", 1)[-1].split("?", 1)[0] if sep else url.rsplit("@", 1)[-1]
    if not parts.scheme or not host:
        return url.split("@")[-1] if "@" in url else url
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ServeError(SkillgraphError):
    """The SPARQL server cannot start (a port in use, the ``oxigraph`` program missing)."""


class QueryTimeoutError(QueryExecutionError):
    """A query ran longer than its time limit and was abandoned."""


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)([^\s@]*)@")


def hide_logins(text: str) -> str:
    """Return ``text`` with the ``user:password@`` of every URL in it replaced by ``***@``.

    >>> hide_logins("cannot reach http://ann:s3cret@db.example.org/x")
    'cannot reach http://***@db.example.org/x'
    """
    return _USERINFO.sub(lambda m: m.group(1) + "***@", text)


def interrupted(err: BaseException) -> bool:
    """True if ``err`` is, or was caused by, a Ctrl-C: Python wraps one that lands while a class
    is being made (an import) in a ``RuntimeError`` whose cause is the interruption.

    >>> try:
    ...     try:
    ...         raise KeyboardInterrupt
    ...     except KeyboardInterrupt as stop:
    ...         raise RuntimeError("Error calling __set_name__") from stop
    ... except RuntimeError as err:
    ...     interrupted(err)
    True
    >>> interrupted(ValueError("no"))
    False
    """
    seen: set[int] = set()
    found: BaseException | None = err
    while found is not None and id(found) not in seen:
        if isinstance(found, KeyboardInterrupt):
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return False
