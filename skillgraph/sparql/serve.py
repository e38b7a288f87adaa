"""Serve the career graph read-only over the SPARQL 1.1 Protocol with the Oxigraph server.

The validated quads are written as N-Quads to a temporary folder, loaded with
``oxigraph load`` and served by ``oxigraph serve-read-only`` (a child process on
a private loopback port) with ``--union-default-graph`` (a query without ``GRAPH``
sees every source graph, as the embedded store does) and ``--timeout-s``. The
port the user asked for is held by a :class:`~skillgraph.sparql.proxy.QueryProxy`
that checks every query first (no update, no SERVICE unless allowed, nesting and
sizes bounded), never sends a cut answer, describes itself (SPARQL 1.1 Service
Description, VoID), answers cross-origin pages (CORS) and serves a query page;
:meth:`SparqlServer.wait` restarts the child if it dies. When the HTML explorer is
available, a small Python HTTP server on a second port serves it at ``/explorer``.

:meth:`SparqlServer.stop` (and leaving the ``with`` block) stops the child and
removes the folder; on Linux the child is also told to exit if this process dies.

>>> bind_address("127.0.0.1", 7878), bind_address("::1", 7878)
('127.0.0.1:7878', '[::1]:7878')
"""

from __future__ import annotations

import errno
import math
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgraph.errors import InputError, ServeError

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from skillgraph.rdf.dataset import RdfData
    from skillgraph.sparql.proxy import ProxyLimits, QueryProxy

__all__ = [
    "DEFAULT_PORT",
    "SparqlServer",
    "bind_address",
    "claim_port",
    "oxigraph_binary",
    "start_server",
]

#: The SPARQL port serve listens on unless told otherwise.
DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """Return the path of the ``oxigraph`` server program (PyPI package ``oxigraph``)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    raise ServeError("the 'oxigraph' server program is missing (pip install 'skillgraph[server]')")


def bind_address(host: str, port: int) -> str:
    """Return ``host:port`` as the Oxigraph server's ``--bind`` option wants it."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def claim_port(host: str, port: int) -> int:
    """Return ``port`` (or a free port for 0) if nobody listens on it; else raise :class:`ServeError`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is already in use (choose another with --port)"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
        return int(sock.getsockname()[1])


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1" if host != "::" else "[::1]"
    return f"[{host}]" if ":" in host else host


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


@dataclass
class SparqlServer:
    """A running read-only SPARQL server (and explorer) over a temporary copy of the graph."""

    host: str
    port: int
    folder: Path
    process: subprocess.Popen[bytes]
    explorer_port: int | None = None
    _explorer: ThreadingHTTPServer | None = field(default=None, repr=False)
    proxy: QueryProxy | None = field(default=None, repr=False)
    engine_port: int = 0
    command: list[str] = field(default_factory=list, repr=False)
    restarts: list[float] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    retired: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    _to_retire: queue.SimpleQueue[tuple[str, int] | None] = field(
        default_factory=queue.SimpleQueue, repr=False
    )
    _keeper: threading.Thread | None = field(default=None, repr=False)
    #: Seconds a retired engine is left to finish the queries it holds before it is stopped.
    grace: float = 12.0

    @property
    def base_url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.base_url + "/query"

    @property
    def explorer_url(self) -> str | None:
        """The HTML explorer's address, when it is served."""
        if self.explorer_port is None:
            return None
        return f"http://{_url_host(self.host)}:{self.explorer_port}/explorer"

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def engine_url(self) -> str:
        """The Oxigraph server's own query endpoint (loopback only, behind the proxy)."""
        return f"http://127.0.0.1:{self.engine_port}/query"

    def restart(self) -> None:
        """Start the Oxigraph server again (after it died), and wait until it answers."""
        with self._lock:
            if self.process.poll() is None:
                return
            now = time.monotonic()
            self.restarts = [t for t in self.restarts if now - t < 60] + [now]
            if len(self.restarts) > 5:
                raise ServeError("the Oxigraph server keeps stopping (6 times in a minute); giving up")
            log = self.folder / "server.log"
            self.process = _spawn(self.command, log)
            _wait_until_ready(self, log, 30.0)

    def retire_engine(self, upstream: tuple[str, int]) -> None:
        """A query timed out on the engine at ``upstream``: Oxigraph may go on working on it
        (its own timeout does not stop every plan or aggregate), so start a fresh engine over
        the same read-only database, send the next queries there, and stop the old one once
        every query it holds has been answered or timed out (``grace`` seconds).

        The engines are started by one long-lived thread: on Linux a child is told to exit
        when the thread that started it ends, and a request's thread ends with its request.
        """
        with self._lock:
            if self._keeper is None:
                self._keeper = threading.Thread(target=self._keep, name="skillgraph-engines", daemon=True)
                self._keeper.start()
        self._to_retire.put(upstream)

    def _keep(self) -> None:
        while (upstream := self._to_retire.get()) is not None:
            self._retire(upstream)

    def _retire(self, upstream: tuple[str, int]) -> None:
        with self._lock:
            if upstream[1] != self.engine_port or self.proxy is None or self.process.poll() is not None:
                return  # retired already (or dead: ``wait`` restarts it)
            old = self.process
            port = claim_port("127.0.0.1", 0)
            at = self.command.index("--bind") + 1
            self.command = [*self.command[:at], bind_address("127.0.0.1", port), *self.command[at + 1 :]]
            log = self.folder / "server.log"
            self.process, self.engine_port = _spawn(self.command, log), port
            try:
                _wait_until_ready(self, log, 30.0)
            except ServeError:
                self.process.kill()
                self.process.wait()
                return  # ``wait`` restarts it; the old engine serves meanwhile
            self.proxy.upstream = ("127.0.0.1", port)
            self.retired = [p for p in self.retired if p.poll() is None] + [old]
        timer = threading.Timer(self.grace, _stop_process, args=(old,))
        timer.daemon = True
        timer.start()

    def stop(self) -> None:
        """Stop the proxy, the explorer and the Oxigraph server; remove the temporary folder."""
        self._to_retire.put(None)
        if self.proxy is not None:
            self.proxy.close()
            self.proxy = None
        if self._explorer is not None:
            self._explorer.shutdown()
            self._explorer.server_close()
            self._explorer = None
        for process in [*self.retired, self.process]:
            _stop_process(process)
        shutil.rmtree(self.folder, ignore_errors=True)

    def wait(self, *, notify: Any = None) -> None:
        """Block until SIGINT, SIGTERM or SIGHUP (then stop); restart the Oxigraph server if it dies.

        ``notify`` (a function of one line of text) is told of each restart.
        """
        stop = threading.Event()
        wanted = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
        previous = {sig: signal.getsignal(sig) for sig in wanted}

        def handler(signum: int, frame: Any) -> None:
            stop.set()

        for sig in previous:
            signal.signal(sig, handler)
        try:
            while not stop.wait(0.25):
                if self.process.poll() is not None:
                    code = self.process.returncode
                    last = _last_line(self.folder / "server.log")
                    if notify is not None:
                        notify(f"the Oxigraph server stopped (exit {code}: {last}); restarting it")
                    self.restart()
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)
            self.stop()


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _last_line(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "no output"
    return lines[-1][:200] if lines else "no output"


def _run(args: list[str], log: Path, what: str) -> None:
    with log.open("ab") as out:
        done = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise ServeError(f"{what} failed (exit {done.returncode}): {_last_line(log)}")


def _spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent if os.name == "posix" else None,
        )


def start_server(
    rdf: RdfData,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    explorer_html: str | None = None,
    explorer_port: int | None = None,
    startup_timeout: float = 30.0,
    limits: ProxyLimits | None = None,
) -> SparqlServer:
    """Load ``rdf`` into a fresh Oxigraph database and serve it read-only; return when it answers.

    ``port`` 0 picks a free port. ``explorer_html`` (a whole HTML page) is served at
    ``/explorer`` on ``explorer_port`` (default: the next port; 0 picks a free one).
    Queries reach Oxigraph through a :class:`~skillgraph.sparql.proxy.QueryProxy`
    on ``port`` that refuses updates, SERVICE (unless ``limits.allow_service``) and
    oversized or over-nested queries, and bounds sizes, connections and time
    (``limits``; the engine stops a query a little past ``limits.query_timeout`` too).
    Raises :class:`ServeError` for a port in use or a server that does not start.
    """
    import pyoxigraph as ox

    from skillgraph.sparql.proxy import ProxyLimits, QueryProxy

    if explorer_html is not None and explorer_port is not None and port and explorer_port == port:
        raise InputError(f"--port and --explorer-port are both {port}: give them different ports")
    limits = limits or ProxyLimits()
    binary = oxigraph_binary()
    port = claim_port(host, port)
    if explorer_html is not None:
        if explorer_port is None:
            explorer_port = port + 1 if port < 65535 else 0
        explorer_port = claim_port(host, explorer_port)
        if explorer_port == port:
            explorer_port = claim_port(host, 0)
    engine_port = claim_port("127.0.0.1", 0)
    folder = Path(tempfile.mkdtemp(prefix="skillgraph-serve-"))
    log = folder / "server.log"
    process: subprocess.Popen[bytes] | None = None
    server: SparqlServer | None = None
    try:
        dump = folder / "graph.nq"
        rdf.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        database = folder / "db"
        _run([binary, "load", "--location", str(database), "--file", str(dump)], log, "loading the graph")
        dump.unlink()
        args = [binary, "serve-read-only", "--location", str(database)]
        args += ["--bind", bind_address("127.0.0.1", engine_port)]
        # The proxy answers 503 at the query timeout; the engine's own timeout, set past it,
        # only stops the work left behind.
        args += ["--union-default-graph", "--timeout-s", str(math.ceil(limits.query_timeout) + 2)]
        process = _spawn(args, log)
        server = SparqlServer(host, port, folder, process, engine_port=engine_port, command=args)
        _wait_until_ready(server, log, startup_timeout)
        try:
            server.proxy = QueryProxy(host, port, ("127.0.0.1", engine_port), limits)
        except OSError as err:
            raise ServeError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
        server.grace = limits.query_timeout + 2.0  # the proxy's own deadline is a second past the timeout
        server.proxy.on_timeout(server.retire_engine)
        try:  # the service description's figures, read once from the engine before anyone asks
            server.proxy.statistics()
        except OSError as err:
            raise ServeError(f"the Oxigraph server did not describe the dataset ({err})") from None
        if explorer_html is not None and explorer_port is not None:
            server._explorer = _serve_explorer(host, explorer_port, explorer_html, server.query_url)
            server.explorer_port = explorer_port
        return server
    except BaseException:
        if server is not None:
            server.stop()
        else:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _wait_until_ready(server: SparqlServer, log: Path, timeout: float) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    probe = server.engine_url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            last = _last_line(log)
            if "in use" in last.lower():
                raise ServeError(
                    f"the engine's loopback port {server.engine_port} is already in use; try again"
                )
            raise ServeError(f"the Oxigraph server did not start (exit {server.process.returncode}): {last}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise ServeError(f"the Oxigraph server did not answer within {timeout:g} s")


def _serve_explorer(host: str, port: int, html: str, query_url: str) -> ThreadingHTTPServer:
    """Serve ``html`` at ``/explorer`` (``/`` redirects there) in a daemon thread."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = html.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "skillgraph"
        sys_version = ""  # the Server header names no Python version
        timeout = 5  # seconds a connection may sit idle or trickle a request

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/explorer", "/explorer/", "/explorer.html"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path in ("/", "/query"):
                self.send_response(302 if path == "/" else 307)
                self.send_header("Location", "/explorer" if path == "/" else query_url)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_error(404)

        def log_message(self, format: str, *args: Any) -> None:
            return

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        daemon_threads = True

    httpd = Server((host, port), Handler)
    threading.Thread(target=httpd.serve_forever, name="skillgraph-explorer", daemon=True).start()
    return httpd
