"""Options and error handling shared by every skillgraph command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from skillgraph.errors import SkillgraphError, interrupted

__all__ = [
    "EMBEDDED_STORES",
    "LARGE_GRAPH",
    "STORE_GRAPH_KEY",
    "STORE_KEY",
    "Interrupted",
    "SkillgraphGroup",
    "data_option",
    "echo_json",
    "echo_result",
    "fail",
    "files_option",
    "format_option",
    "have_options",
    "include_optional_option",
    "load_graph",
    "optimize_option",
    "read_known",
    "read_learner",
    "store_option",
    "store_url",
]

F = TypeVar("F", bound=Callable[..., Any])


class Interrupted(KeyboardInterrupt):
    """A catchable signal (SIGTERM, SIGHUP) turned into an exception, so clean-up code runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def _raise_interrupted(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


#: Non-empty while a command runs (the group's ``invoke``); the Ctrl-C handler reads it.
_RUNNING: list[bool] = []


@contextmanager
def _signal_handlers() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Interrupted` and latch Ctrl-C while the block runs.

    The handlers the process had are put back afterwards, so a command run in-process (a test,
    a notebook) leaves the process as it found it. Off the main thread nothing is changed.
    """
    import signal

    from skillgraph.sparql.deadline import INTERRUPT

    def on_sigint(signum: int, frame: Any) -> None:
        """Ctrl-C: remember it (a finaliser may swallow the exception), then interrupt as Python does.

        Outside a command (click parsing the arguments, say) nothing needs cleaning up, and
        click would turn the interrupt into its own "Aborted!": end with the one line now.
        """
        INTERRUPT.set()
        if not _RUNNING:
            fail("interrupted", 130)
        raise KeyboardInterrupt

    INTERRUPT.clear()
    wanted: dict[int, Callable[[int, Any], None]] = {signal.SIGTERM: _raise_interrupted}
    if hasattr(signal, "SIGHUP"):
        wanted[signal.SIGHUP] = _raise_interrupted
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # nobody else's handler
        wanted[signal.SIGINT] = on_sigint
    previous: dict[int, Any] = {}
    for sig, handler in wanted.items():
        try:
            previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread
            pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _remember_secrets(args: Sequence[str]) -> None:
    """Register every credential of the command line and the environment, so no message shows it."""
    from skillgraph.sparql.credentials import register_secret

    for arg in args:
        if "://" in arg and "@" in arg:
            register_secret(arg[arg.index("=") + 1 :] if arg.startswith("--") and "=" in arg else arg)
    register_secret(os.environ.get("SKILLGRAPH_STORE_PASSWORD"))


def fail(message: str, code: int) -> None:
    """Print one redacted line ``skillgraph: MESSAGE`` on stderr and exit with ``code``."""
    from skillgraph.sparql.credentials import one_line

    try:
        click.echo(f"skillgraph: {one_line(message)}", err=True)
    except OSError:
        pass
    sys.exit(code)


def _reader_gone() -> None:
    """Exit quietly, as a program killed by SIGPIPE, once the reader of the output is gone
    (``skillgraph list | head``): what is left to write is dropped, never an error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush writes nowhere
    except (OSError, ValueError):
        pass
    sys.exit(128 + 13)  # SIGPIPE


def _flush_stdout() -> None:
    """Flush standard output now, so that a full disk is an error message rather than a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except OSError as err:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        fail(f"error: cannot write the output ({err.strerror or err})", 1)


class SkillgraphGroup(click.Group):
    """A click group that turns core errors into one line on stderr and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line with its signal handlers, and put the process's own back after it."""
        try:
            with _signal_handlers():
                _remember_secrets(sys.argv[1:] if not args or args[0] is None else list(args[0]))
                import logging

                # rdflib logs a traceback for a literal it cannot convert ("abc"^^xsd:integer);
                # validation reports the literal itself, so these logs are noise.
                logging.getLogger("rdflib").setLevel(logging.CRITICAL)
                return super().main(*args, **kwargs)
        except KeyboardInterrupt as err:  # before or after click's own handling
            fail("interrupted", getattr(err, "exit_code", 130))
        except Exception as err:
            if not interrupted(err):  # a Ctrl-C while a module was imported: Python wraps it
                raise
            fail("interrupted", 130)

    def invoke(self, ctx: click.Context) -> Any:
        import gc

        from skillgraph.sparql.deadline import INTERRUPT

        _RUNNING.append(True)
        try:
            if INTERRUPT.is_set():  # pressed while starting, and swallowed on the way
                raise KeyboardInterrupt
            result = super().invoke(ctx)
            _flush_stdout()
            return result
        except SkillgraphError as err:
            fail(f"error: {err}", err.exit_code)
        except Interrupted as err:
            fail("interrupted", err.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except click.ClickException as err:
            fail(f"error: {err.format_message()}", err.exit_code)
        except BrokenPipeError:
            _reader_gone()
        except OSError as err:
            if os.environ.get("SKILLGRAPH_DEBUG"):
                raise
            where = f"{err.filename}: " if err.filename else ""
            fail(f"error: {where}{err.strerror or err}", 1)
        except RecursionError:
            fail("error: the input is nested too deeply", 2)
        except MemoryError:
            fail("error: out of memory (the input is too large)", 1)
        except Exception as err:
            if interrupted(err):  # a Ctrl-C while a module was imported: Python wraps it
                fail("interrupted", 130)
            if os.environ.get("SKILLGRAPH_DEBUG"):
                raise
            fail(
                f"internal error: {type(err).__name__}: {err} (set SKILLGRAPH_DEBUG=1 to see the traceback)",
                70,
            )
        finally:
            _RUNNING.pop()
            gc.unfreeze()  # what load_graph froze is collectable again (a command run in-process)


STORE_KEY = "skillgraph.rdf.dataset"
STORE_GRAPH_KEY = "skillgraph.store_graph"


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value:
            ctx.meta[key] = value
        return value

    return callback


def store_option(func: F) -> F:
    """Add ``--store URL`` and ``--store-graph IRI``: read the graph from a SPARQL endpoint.

    The values are kept in the click context (see :func:`store_url`), so a command's
    signature does not change; :func:`load_graph` picks them up.
    """
    func = click.option(
        "--store-graph",
        metavar="IRI",
        expose_value=False,
        callback=_remember(STORE_GRAPH_KEY),
        help="With --store: the named graph 'skillgraph push' wrote (default: the one there).",
    )(func)
    return click.option(
        "--store",
        metavar="URL",
        expose_value=False,
        callback=_remember(STORE_KEY),
        help="Use the graph in this SPARQL 1.1 endpoint instead of the built-in one "
        "(credentials: SKILLGRAPH_STORE_USER/SKILLGRAPH_STORE_PASSWORD or ~/.netrc); "
        "'oxigraph' (the default) or 'memory' (rdflib's store, for query) name an embedded store.",
    )(func)


#: ``--store`` values that name an embedded store rather than an endpoint.
EMBEDDED_STORES = ("oxigraph", "memory")


def store_url() -> tuple[str | None, str | None]:
    """Return the ``--store`` URL and ``--store-graph`` IRI of the running command (or Nones)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None, None
    return ctx.meta.get(STORE_KEY), ctx.meta.get(STORE_GRAPH_KEY)


def data_option(func: F) -> F:
    """Add ``--data FILE`` (repeatable), ``--no-cache`` and the ``--store`` options to a command."""
    func = store_option(func)
    func = click.option(
        "--no-cache",
        is_flag=True,
        help="Rebuild the graph from its sources instead of reading the cache.",
    )(func)
    return files_option(func)


#: ``--data FILE`` (repeatable) alone, for commands that read files but no store.
files_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A Turtle (or other RDF) file of your own to add to the graph; repeatable.",
)


def optimize_option(
    help: str = "Minimise the number of new skills, or their estimated hours.",
) -> Callable[[F], F]:
    """Add ``--optimize count|effort``, the objective of a learning plan."""
    return click.option(
        "--optimize",
        "optimize",
        type=click.Choice(["count", "effort"], case_sensitive=False),
        default="count",
        show_default=True,
        help=help,
    )


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    """Add ``--format`` with the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices, case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )


def load_graph(data: Sequence[Path], no_cache: bool = False) -> Any:
    """Load the built-in graph plus ``data`` (the core's :func:`skillgraph.load`).

    With ``--store URL`` the graph comes from that SPARQL endpoint instead
    (:func:`skillgraph.sparql.remote.load_remote`).
    """
    url, graph = store_url()
    if url and url.lower() not in EMBEDDED_STORES:
        from skillgraph.errors import InputError
        from skillgraph.sparql.remote import load_remote

        if data:
            raise InputError(
                "--data cannot be combined with --store (push your files with 'skillgraph push')"
            )
        return load_remote(url, graph=graph, cache=not no_cache)
    import gc

    from skillgraph.model.load import load

    view = load(data, cache=not no_cache, on_rebuild=_announce_rebuild)
    # A command's graph lives as long as the process: keep the collector from walking it
    # again and again (on a full-size ESCO graph that was half of a command's time).
    gc.freeze()
    return view


#: Graphs larger than this are announced while they are validated (it takes a while).
LARGE_GRAPH = 100_000


def _announce_rebuild(statements: int) -> None:
    """On a terminal, say that a large graph is being validated (only on its first use)."""
    if statements > LARGE_GRAPH and sys.stderr.isatty():
        click.echo(
            f"skillgraph: validating {statements:,} statements (first use of these files; "
            "cached afterwards)...",
            err=True,
        )


def echo_json(value: Any) -> None:
    """Print ``value`` as indented JSON."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def echo_result(result: Any, fmt: str) -> None:
    """Print ``result`` in format ``fmt``, as the renderer the presenters register for it writes it
    (ending in one newline; an empty rendering prints nothing)."""
    from skillgraph.model.display import render

    out = render(result, fmt)
    click.echo(out, nl=bool(out) and not out.endswith("\n"))


def have_options(func: F) -> F:
    """Add ``--have SKILLS`` (repeatable, comma-separated, ``name:level``) and ``--profile FILE``."""
    func = click.option(
        "--profile",
        "profile",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="A YAML or TOML file of the skills you have (see docs/plan.md).",
    )(func)
    return click.option(
        "--have",
        "have",
        multiple=True,
        metavar="SKILLS",
        help="Skills you have, comma-separated, each optionally NAME:LEVEL "
        "(python:advanced, sql:2); repeatable.",
    )(func)


def read_known(graph: Any, have: Sequence[str], profile: Path | None) -> dict[str, int]:
    """Return skill -> rank from ``--have`` values and a ``--profile`` file (both optional)."""
    ranks: dict[str, int] = read_learner(graph, have, profile).ranks()
    return ranks


def read_learner(graph: Any, have: Sequence[str], profile: Path | None) -> Any:
    """Return the :class:`~skillgraph.algorithms.profile.Profile` of ``--have`` and ``--profile``,
    statuses (learning, skipped) included."""
    from skillgraph.algorithms.profile import Profile, parse_have, read_profile

    known = Profile()
    if profile is not None:
        known = read_profile(graph, profile)
    if have:
        known = known.merged(parse_have(graph, have))
    for name in known.absent:
        click.echo(
            f"skillgraph: warning: {profile or '--have'}: {name} is left out: its taxonomy is not loaded "
            "(add it with --data)",
            err=True,
        )
    known = known.across(graph)
    if known.carried:
        from skillgraph.present.text import carried_text

        click.echo(carried_text(graph, known), err=True)
    return known


def include_optional_option(func: F) -> F:
    """Add ``--include-optional``: plan for an imported taxonomy's optional skills too."""
    return click.option(
        "--include-optional",
        is_flag=True,
        help="Also ask the optional skills of imported taxonomies (ESCO optional, O*NET not flagged).",
    )(func)
