"""The HTTP proxy of ``skillgraph serve``: it checks every query before the Oxigraph server sees it.

The Oxigraph server listens on a private loopback port; the proxy listens where
the user asked and forwards only what is safe:

- the SPARQL 1.1 Protocol query operation (``GET`` or ``POST`` at ``/query``, or
  ``/sparql``), after :func:`check_served_query` (no update, no SERVICE unless
  allowed, nesting and length bounded): anything else is answered ``400`` with one
  line of text;
- ``GET /query`` without a query answers the SPARQL 1.1 Service Description, and
  ``/.well-known/void`` the VoID description of the dataset (Turtle, JSON-LD,
  N-Triples or RDF/XML by ``Accept``; see :mod:`skillgraph.sparql.description`);
  ``/`` is a query page (:mod:`skillgraph.sparql.page`);
- every answer carries the CORS headers of ``cors_origins`` (default ``*``: any
  page may read what a read-only endpoint answers), errors included; a preflight
  (``OPTIONS``) is answered ``204`` with the methods and headers allowed, and
  refused (``403``, no CORS headers) for ``/update``, ``/store``, a write method or
  an origin not listed;
- updates (each named in the answer) and Graph Store writes get ``403``; request bodies over
  ``max_body`` bytes ``413``; a body shorter than its ``Content-Length`` ``400``;
- a request must arrive whole within ``request_deadline`` seconds, and an idle
  kept-alive connection is closed after ``idle_timeout`` seconds; at most
  ``max_connections`` connections are served at once (more are closed at once);
- the answer is read whole from Oxigraph within the query timeout and only
  then sent: a query past it gets ``503`` (never a cut ``200``; Oxigraph itself,
  when it cancels a query, sends ``200`` with its message in place of the rest of
  the answer, and the proxy turns that into ``503`` too), an answer over
  ``max_response`` bytes ``507``; an engine that does not answer ``502``;
- the data never changes while it is served, so a ``200`` answer is kept (up to
  ``answer_cache`` bytes in all, least recently used out first; one answer at most
  a sixteenth of it) and the same request, with the same ``Accept``, is answered
  from memory. A query whose answer may differ from one call to the next
  (``NOW()``, ``RAND()``, ``UUID()``, ``STRUUID()``, ``BNODE()``) is always run.

>>> check_served_query("SELECT * { ?s ?p ?o }", allow_service=False)
>>> check_served_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", allow_service=False)
Traceback (most recent call last):
...
skillgraph.errors.QueryRefusedError: SERVICE (line 1, column 12) would send part of the query \
to another endpoint: refused by this server (start serve with --allow-service to allow it)
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from skillgraph.errors import InputError
from skillgraph.sparql import description, page, syntax
from skillgraph.sparql.cors import CorsPolicy
from skillgraph.sparql.credentials import one_line

__all__ = [
    "CANCELLED",
    "FORM_TYPE",
    "QUERY_PATHS",
    "QUERY_TYPE",
    "UPDATE_TYPE",
    "VOID_PATHS",
    "AnswerCache",
    "ProxyLimits",
    "QueryProxy",
    "check_served_query",
]

QUERY_TYPE = "application/sparql-query"
# What Oxigraph writes in place of the rest of an answer when it cancels a query (its own timeout).
CANCELLED = b"The SPARQL operation has been cancelled"
FORM_TYPE = "application/x-www-form-urlencoded"
UPDATE_TYPE = "application/sparql-update"
#: Where queries are answered (``/sparql`` too, as many clients assume).
QUERY_PATHS = ("/query", "/sparql")
#: Where the dataset's VoID description is (the first as the VoID specification suggests).
VOID_PATHS = ("/.well-known/void", "/void")
_HOST = re.compile(r"[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")


def check_served_query(text: str, *, allow_service: bool) -> None:
    """Refuse a query the served endpoint must not run: too large or deep, an update, a SERVICE call."""
    syntax.check_read_only(
        text,
        allow_service=allow_service,
        who="this server",
        allow_hint="start serve with --allow-service to allow it",
    )


@dataclass
class ProxyLimits:
    """What the proxy accepts: sizes in bytes, times in seconds."""

    query_timeout: float = 10.0
    max_body: int = 1 << 20
    max_response: int = 256 << 20
    max_connections: int = 1024
    request_deadline: float = 5.0
    idle_timeout: float = 5.0
    allow_service: bool = False
    answer_cache: int = 64 << 20  # bytes of answers kept; 0: none
    cors_origins: tuple[str, ...] = ("*",)  # origins whose pages may read answers; "*": any

    def described(self) -> description.ServiceLimits:
        """The limits as the service description states them."""
        return description.ServiceLimits(
            query_timeout=self.query_timeout,
            max_query_length=syntax.MAX_QUERY_LENGTH,
            max_nesting=syntax.MAX_NESTING,
            max_body=self.max_body,
            max_response=self.max_response,
            allow_service=self.allow_service,
        )


#: Functions whose value changes from one evaluation to the next.
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)

_Answer = tuple[int, str, list[tuple[str, str]], bytes]


class AnswerCache:
    """Answers of a read-only endpoint by request, least recently used out first.

    >>> cache = AnswerCache(16 * 1024)
    >>> cache.put(("GET", "/query?query=ASK{}"), (200, "OK", [], b"true"))
    >>> cache.get(("GET", "/query?query=ASK{}"))
    (200, 'OK', [], b'true')
    >>> cache.put(("GET", "/big"), (200, "OK", [], b"x" * 2000))  # over a sixteenth: not kept
    >>> cache.get(("GET", "/big")) is None
    True
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._answers: OrderedDict[tuple[Any, ...], _Answer] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> _Answer | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], answer: _Answer) -> None:
        size = len(answer[3]) + 256
        if size > self.budget // 16:
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self._size += size
            while self._size > self.budget:
                _, dropped = self._answers.popitem(last=False)
                self._size -= len(dropped[3]) + 256


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], limits: ProxyLimits):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.limits = limits
        self.upstream: tuple[str, int] = ("127.0.0.1", 0)
        self.answers = AnswerCache(limits.answer_cache) if limits.answer_cache > 0 else None
        #: Told the engine address a query timed out on (the engine may go on working on it).
        self.on_timeout: Callable[[tuple[str, int]], None] | None = None
        self.cors = CorsPolicy(limits.cors_origins)
        self._statistics: description.DatasetStatistics | None = None
        self._active = 0
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def statistics(self) -> description.DatasetStatistics:
        """What the served dataset holds, asked of the engine once (the data never changes)."""
        with self._lock:
            found = self._statistics
        if found is None:
            found = description.statistics(self._engine_select)
            with self._lock:
                self._statistics = found
        return found

    def _engine_select(self, text: str) -> list[dict[str, str]]:
        host, port = self.upstream
        conn = http.client.HTTPConnection(host, port, timeout=max(60.0, self.limits.query_timeout))
        try:
            conn.request(
                "POST",
                "/query",
                body=text.encode("utf-8"),
                headers={"Content-Type": QUERY_TYPE, "Accept": "application/sparql-results+json"},
            )
            response = conn.getresponse()
            payload = response.read()
            if response.status != 200:
                raise OSError(f"the engine answered {response.status}")
            return description.json_rows(payload)
        finally:
            conn.close()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            full = self._active >= self.limits.max_connections
            if not full:
                self._active += 1
        if full:
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._active -= 1


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "skillgraph"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.limits.idle_timeout)

    def handle_one_request(self) -> None:
        self._with_cors = True
        # The request line and headers must arrive within the deadline, however slowly they trickle.
        timer = threading.Timer(self.server.limits.request_deadline, self._cut)
        self._timer = timer
        timer.daemon = True
        timer.start()
        try:
            super().handle_one_request()
        except (OSError, ValueError):
            self.close_connection = True
        finally:
            timer.cancel()

    def _cut(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        return

    def end_headers(self) -> None:
        headers = getattr(self, "headers", None)
        if getattr(self, "_with_cors", False) and headers is not None:
            for key, value in self.server.cors.headers(headers.get("Origin")):
                self.send_header(key, value)
        super().end_headers()

    # -- answers ---------------------------------------------------------------------------

    def _answer(self, status: int, message: str, *, close: bool = False) -> None:
        body = (one_line(message) + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def _read_body(self) -> bytes | None:
        """Return the request body, or None after answering an error."""
        limits = self.server.limits
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self._answer(411, "chunked request bodies are not accepted: send a Content-Length", close=True)
            return None
        if length_text is None:
            self._answer(411, "a POST needs a Content-Length", close=True)
            return None
        try:
            length = int(length_text)
        except ValueError:
            length = -1
        if length < 0:
            self._answer(400, "the Content-Length is not a number", close=True)
            return None
        if length > limits.max_body:
            self._answer(413, f"the request body is over {limits.max_body:,} bytes", close=True)
            return None
        deadline = time.monotonic() + limits.request_deadline
        chunks: list[bytes] = []
        got = 0
        while got < length:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise TimeoutError
                self.connection.settimeout(remaining)
                chunk = self.rfile.read1(length - got)
            except (TimeoutError, OSError):
                chunk = b""
            if not chunk:
                self._answer(400, "the request body is shorter than its Content-Length", close=True)
                return None
            chunks.append(chunk)
            got += len(chunk)
        self.connection.settimeout(limits.idle_timeout)
        return b"".join(chunks)

    # -- methods ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._timer.cancel()
        parts = urlsplit(self.path)
        path = parts.path
        if path in QUERY_PATHS:
            params = parse_qs(parts.query, keep_blank_values=True)
            if "update" in params:
                self._refuse_update(params["update"])
            elif "query" not in params:
                self._describe(path, "service")
            else:
                engine_path = "/query?" + parts.query
                self._query(params["query"], "GET", engine_path, None, None)
        elif path == "/update":
            self._refuse_write()
        elif path == "/store":
            self._forward_plain()
        elif path in ("/", "/index.html"):
            headers = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Security-Policy", page.PAGE_POLICY),
                ("X-Content-Type-Options", "nosniff"),
            ]
            self._send(200, "OK", headers, page.query_page())
        elif path.lstrip("/") in page.ASSETS:
            kind, body = page.asset(path.lstrip("/"))
            self._send(200, "OK", [("Content-Type", kind), ("X-Content-Type-Options", "nosniff")], body)
        elif path in VOID_PATHS:
            self._describe("/query", "void")
        else:
            self._answer(404, "nothing here: queries go to /query, the query page is at /")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._timer.cancel()
        path = urlsplit(self.path).path
        body = self._read_body()
        if body is None:
            return
        kind = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if path not in QUERY_PATHS:
            if path == "/update" and kind in (UPDATE_TYPE, FORM_TYPE):
                self._refuse_update(self._update_texts(kind, body))
            else:
                self._refuse_write()
            return
        if kind == QUERY_TYPE:
            try:
                texts = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._answer(400, "the query is not UTF-8 text")
                return
        elif kind == UPDATE_TYPE:
            self._refuse_update(self._update_texts(kind, body))
            return
        elif kind == FORM_TYPE:
            try:
                params = parse_qs(body.decode("ascii"), keep_blank_values=True, strict_parsing=False)
            except (UnicodeDecodeError, ValueError):
                self._answer(400, "the form is not URL-encoded text")
                return
            if "update" in params:
                self._refuse_update(params["update"])
                return
            texts = params.get("query", [])
        else:
            self._answer(415, f"send the query as {QUERY_TYPE} or {FORM_TYPE}")
            return
        self._query(texts, "POST", "/query", body, self.headers.get("Content-Type"))

    def do_PUT(self) -> None:
        self._timer.cancel()
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        self._timer.cancel()
        self._with_cors = False
        path = urlsplit(self.path).path
        if path in ("/update", "/store"):
            self._answer(403, f"this endpoint is read-only: no cross-origin requests to {path}")
            return
        if path not in QUERY_PATHS + VOID_PATHS:
            self._answer(404, "nothing here to ask from another origin: queries go to /query")
            return
        status, reason, headers = self.server.cors.preflight(
            self.headers.get("Origin"), self.headers.get("Access-Control-Request-Method")
        )
        if status != 204:
            self._answer(status, reason)
            return
        try:
            self.send_response(204)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            self.close_connection = True

    def _refuse_write(self) -> None:
        self._answer(403, "this SPARQL endpoint is read-only: updates and Graph Store writes are refused")

    @staticmethod
    def _update_texts(kind: str, body: bytes) -> list[str]:
        text = body.decode("utf-8", errors="replace")
        if kind == UPDATE_TYPE:
            return [text]
        return parse_qs(text, keep_blank_values=True).get("update", [])

    def _refuse_update(self, texts: list[str]) -> None:
        """Refuse an update, naming its operation (``INSERT DATA``, ``CLEAR``...) when it can be read."""
        for text in texts:
            try:
                syntax.check_read_only(text, allow_service=True, who="this endpoint", allow_hint="")
            except InputError as err:
                self._answer(403, str(err))
                return
        self._answer(403, "this endpoint is read-only: updates are refused (send a query as 'query')")

    def _public_url(self, path: str) -> str:
        """The address a client reached ``path`` at (through a proxy, as it says it forwarded)."""
        scheme = (self.headers.get("X-Forwarded-Proto") or "http").split(",")[0].strip().lower()
        host = (self.headers.get("X-Forwarded-Host") or self.headers.get("Host") or "").split(",")[0].strip()
        if scheme not in ("http", "https"):
            scheme = "http"
        if not _HOST.fullmatch(host):
            address, port = str(self.server.server_address[0]), int(self.server.server_address[1])
            host = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        return f"{scheme}://{host}{path}"

    def _describe(self, path: str, which: str) -> None:
        """Describe the endpoint (``service``) or the dataset (``void``) in the syntax ``Accept`` asks."""
        media = description.negotiate(self.headers.get("Accept"), list(description.SYNTAXES))
        if media is None:
            offered = ", ".join(description.SYNTAXES)
            self._answer(406, f"a description is written as one of {offered}: none is in Accept")
            return
        endpoint = self._public_url(path)
        key = ("describe", which, endpoint, media)
        answers = self.server.answers
        found = answers.get(key) if answers is not None else None
        if found is None:
            try:
                stats = self.server.statistics()
            except (OSError, http.client.HTTPException, ValueError, KeyError):
                self._answer(
                    502, "the SPARQL engine did not answer; try again (a stopped engine is restarted)"
                )
                return
            if which == "void":
                graph = description.void_description(endpoint, stats)
            else:
                graph = description.service_description(endpoint, stats, self.server.limits.described())
            body = description.serialize(graph, media)
            headers = [("Content-Type", f"{media}; charset=utf-8"), ("Vary", "Accept")]
            found = (200, "OK", headers, body)
            if answers is not None:
                answers.put(key, found)
        self._send(*found)

    # -- forwarding ------------------------------------------------------------------------

    def _query(self, texts: list[str], method: str, path: str, body: bytes | None, kind: str | None) -> None:
        if len(texts) != 1:
            self._answer(400, "give exactly one 'query' parameter")
            return
        try:
            check_served_query(texts[0], allow_service=self.server.limits.allow_service)
        except InputError as err:
            self._answer(400, str(err))
            return
        self._forward(method, path, body, kind, cache=not _VOLATILE.search(texts[0]))

    def _forward_plain(self) -> None:
        self._forward("GET", self.path, None, None)

    def _forward(
        self, method: str, path: str, body: bytes | None, kind: str | None, *, cache: bool = False
    ) -> None:
        answers = self.server.answers if cache and method in ("GET", "POST") else None
        key = (method, path, body, kind, self.headers.get("Accept"), self.headers.get("Accept-Encoding"))
        found = answers.get(key) if answers is not None else None
        if found is not None:
            self._send(*found)
            return
        limits = self.server.limits
        host, port = self.server.upstream
        deadline = time.monotonic() + limits.query_timeout + 1.0
        conn = http.client.HTTPConnection(host, port, timeout=limits.query_timeout + 1.0)
        headers = {"Connection": "close"}
        for name in ("Accept", "Accept-Encoding"):
            if self.headers.get(name):
                headers[name] = self.headers[name]
        if kind:
            headers["Content-Type"] = kind
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_response:
                    self._answer(507, f"the answer is over {limits.max_response:,} bytes: add a LIMIT")
                    return
                chunks.append(chunk)
            status, reason = response.status, response.reason
            reply_headers = [
                (k, v)
                for k, v in response.getheaders()
                if k.lower() in ("content-type", "content-encoding", "vary", "location")
            ]
        except TimeoutError:
            self._timed_out((host, port))
            return
        except (OSError, http.client.HTTPException):
            self._answer(502, "the SPARQL engine did not answer; try again (a stopped engine is restarted)")
            return
        finally:
            conn.close()
        payload = b"".join(chunks)
        if status in (200, 500) and payload.rstrip().endswith(CANCELLED):
            self._timed_out((host, port))
            return
        if status == 400:  # the engine's syntax error, which lists its grammar: one line of it
            line, column, explanation = syntax.explain_error(payload.decode("utf-8", errors="replace"))
            where = f" (line {line}, column {column})" if line is not None else ""
            self._answer(400, f"the query is not valid SPARQL{where}: {explanation}")
            return
        if answers is not None and status == 200:
            answers.put(key, (status, reason, reply_headers, payload))
        self._send(status, reason, reply_headers, payload)

    def _timed_out(self, upstream: tuple[str, int]) -> None:
        self._answer(503, f"the query took longer than {self.server.limits.query_timeout:g} s (timed out)")
        if self.server.on_timeout is not None:
            self.server.on_timeout(upstream)

    def _send(self, status: int, reason: str, reply_headers: list[tuple[str, str]], payload: bytes) -> None:
        """Send an answer; to a HEAD request, its headers alone (the engine was asked a GET)."""
        try:
            self.send_response(status, reason)
            for key, value in reply_headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except OSError:
            self.close_connection = True


class QueryProxy:
    """A running proxy: :attr:`port` it listens on; :meth:`close` stops it.

    >>> proxy = QueryProxy("127.0.0.1", 0, ("127.0.0.1", 9), ProxyLimits())
    >>> proxy.port > 0
    True
    >>> proxy.close()
    """

    def __init__(self, host: str, port: int, upstream: tuple[str, int], limits: ProxyLimits) -> None:
        self._server = _Server((host, port), _Handler, limits)
        self._server.upstream = upstream
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="skillgraph-proxy", daemon=True
        )
        self._thread.start()

    @property
    def upstream(self) -> tuple[str, int]:
        """The engine queries are sent to; a new value holds for the queries that come next."""
        return self._server.upstream

    @upstream.setter
    def upstream(self, address: tuple[str, int]) -> None:
        self._server.upstream = address

    def on_timeout(self, call: Callable[[tuple[str, int]], None] | None) -> None:
        """Have ``call`` told the engine address of each query answered 503 (timed out)."""
        self._server.on_timeout = call

    def statistics(self) -> description.DatasetStatistics:
        """What the served dataset holds (asked of the engine on the first call)."""
        return self._server.statistics()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
