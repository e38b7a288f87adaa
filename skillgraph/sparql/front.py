"""The HTTP front of ``skillgraph serve``: it checks every query before the Oxigraph server sees it.

The Oxigraph server listens on a private loopback port; the front listens where
the user asked and forwards only what is safe:

- the SPARQL 1.1 Protocol query operation (``GET`` or ``POST`` at ``/query``),
  after :func:`check_served_query` (no update, no SERVICE unless allowed, nesting
  and length bounded): anything else is answered ``400`` with one line of text;
- updates and Graph Store writes get ``403``; request bodies over
  ``max_body`` bytes ``413``; a body shorter than its ``Content-Length`` ``400``;
- a request must arrive whole within ``request_deadline`` seconds, and an idle
  kept-alive connection is closed after ``idle_timeout`` seconds; at most
  ``max_connections`` connections are served at once (more are closed at once);
- the answer is read whole from Oxigraph within the query timeout and only
  then sent: a query past it gets ``503`` (never a cut ``200``; Oxigraph itself,
  when it cancels a query, sends ``200`` with its message in place of the rest of
  the answer, and the front turns that into ``503`` too), an answer over
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

from skillgraph.errors import InputError, one_line
from skillgraph.sparql import syntax

QUERY_TYPE = "application/sparql-query"
# What Oxigraph writes in place of the rest of an answer when it cancels a query (its own timeout).
CANCELLED = b"The SPARQL operation has been cancelled"
FORM_TYPE = "application/x-www-form-urlencoded"


def check_served_query(text: str, *, allow_service: bool) -> None:
    """Refuse a query the served endpoint must not run: too large or deep, an update, a SERVICE call."""
    syntax.check_read_only(
        text,
        allow_service=allow_service,
        who="this server",
        allow_hint="start serve with --allow-service to allow it",
    )


@dataclass
class FrontLimits:
    """What the front accepts: sizes in bytes, times in seconds."""

    query_timeout: float = 10.0
    max_body: int = 1 << 20
    max_response: int = 256 << 20
    max_connections: int = 1024
    request_deadline: float = 5.0
    idle_timeout: float = 5.0
    allow_service: bool = False
    answer_cache: int = 64 << 20  # bytes of answers kept; 0: none


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

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], limits: FrontLimits):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.limits = limits
        self.upstream: tuple[str, int] = ("127.0.0.1", 0)
        self.answers = AnswerCache(limits.answer_cache) if limits.answer_cache > 0 else None
        #: Told the engine address a query timed out on (the engine may go on working on it).
        self.on_timeout: Callable[[tuple[str, int]], None] | None = None
        self._active = 0
        self._lock = threading.Lock()
        super().__init__(address, handler)

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
        if parts.path in ("/update", "/store"):
            self._forward_plain() if parts.path == "/store" else self._refuse_write()
            return
        if parts.path != "/query":
            self._forward_plain()
            return
        params = parse_qs(parts.query, keep_blank_values=True)
        if "update" in params:
            self._refuse_write()
            return
        self._query(params.get("query", []), "GET", self.path, None, None)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._timer.cancel()
        parts = urlsplit(self.path)
        body = self._read_body()
        if body is None:
            return
        if parts.path != "/query":
            self._refuse_write()
            return
        kind = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if kind == QUERY_TYPE:
            try:
                texts = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._answer(400, "the query is not UTF-8 text")
                return
        elif kind == FORM_TYPE:
            try:
                params = parse_qs(body.decode("ascii"), keep_blank_values=True, strict_parsing=False)
            except (UnicodeDecodeError, ValueError):
                self._answer(400, "the form is not URL-encoded text")
                return
            if "update" in params:
                self._refuse_write()
                return
            texts = params.get("query", [])
        else:
            self._answer(415, f"send the query as {QUERY_TYPE} or {FORM_TYPE}")
            return
        self._query(texts, "POST", self.path, body, self.headers.get("Content-Type"))

    def do_PUT(self) -> None:
        self._timer.cancel()
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    def _refuse_write(self) -> None:
        self._answer(403, "this SPARQL endpoint is read-only: updates and Graph Store writes are refused")

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


class QueryFront:
    """A running front: :attr:`port` it listens on; :meth:`close` stops it.

    >>> front = QueryFront("127.0.0.1", 0, ("127.0.0.1", 9), FrontLimits())
    >>> front.port > 0
    True
    >>> front.close()
    """

    def __init__(self, host: str, port: int, upstream: tuple[str, int], limits: FrontLimits) -> None:
        self._server = _Server((host, port), _Handler, limits)
        self._server.upstream = upstream
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="skillgraph-front", daemon=True
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

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
