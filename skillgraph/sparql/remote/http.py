"""Talking to a SPARQL store over HTTP: URLs, credentials, timeouts, one-line errors.

>>> query_url_for("http://127.0.0.1:7878/store")
'http://127.0.0.1:7878/query'
>>> query_url_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
'http://127.0.0.1:8890/sparql'
>>> part_iri("https://w3id.org/skillgraph/graph", "p1", 0)
'https://w3id.org/skillgraph/graph/p1/0'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from skillgraph.errors import InputError, StoreError, StoreURLError
from skillgraph.vocabulary import DCTERMS, RDF_TYPE

if TYPE_CHECKING:
    import requests

__all__ = [
    "DCTERMS_CREATED",
    "DEFAULT_GRAPH",
    "DEFAULT_TIMEOUT",
    "PASSWORD_ENV",
    "PUSH",
    "QUAD_QUERY",
    "RDF_TYPE_IRI",
    "RESULTS_JSON",
    "TIMEOUT_ENV",
    "USER_ENV",
    "Client",
    "graph_param_for",
    "part_iri",
    "query_url_for",
]


#: The named graph ``skillgraph push`` writes by default.
DEFAULT_GRAPH = "https://w3id.org/skillgraph/graph"
#: The vocabulary of push manifests.
PUSH = "https://w3id.org/skillgraph/push#"
USER_ENV = "SKILLGRAPH_STORE_USER"
PASSWORD_ENV = "SKILLGRAPH_STORE_PASSWORD"
TIMEOUT_ENV = "SKILLGRAPH_STORE_TIMEOUT"
#: Seconds to wait for a store before giving up.
DEFAULT_TIMEOUT = 30.0

RESULTS_JSON = "application/sparql-results+json"
RDF_TYPE_IRI = RDF_TYPE
DCTERMS_CREATED = DCTERMS + "created"

#: Every quad of a store: the named graphs, and the default graph's own triples.
#: (``FILTER NOT EXISTS`` keeps a union-default-graph server from listing every triple twice.)
QUAD_QUERY = (
    "SELECT ?s ?p ?o ?g WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
    "{ ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"
)


def query_url_for(url: str) -> str:
    """Return the SPARQL query endpoint of the server behind ``url``.

    Graph Store endpoints map to their server's query endpoint (Oxigraph's
    ``/store`` to ``/query``, Virtuoso's ``/sparql-graph-crud[-auth]`` to
    ``/sparql``); any other URL is taken to be a query endpoint already.

    >>> query_url_for("https://db.example.org/sparql")
    'https://db.example.org/sparql'
    """
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise StoreURLError(
            url, "not a valid URL (check the host, the port and any user:password@)"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreURLError(url, "not an http(s) URL")
    path = parts.path.rstrip("/")
    for suffix, replacement in (
        ("/store", "/query"),
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
    ):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + replacement
            return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return url


def graph_param_for(store_url: str) -> str:
    """Return the name of the Graph Store parameter that names the graph.

    >>> graph_param_for("http://127.0.0.1:7878/store")
    'graph'
    >>> graph_param_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
    'graph-uri'
    """
    path = store_url.split("?", 1)[0].rstrip("/")
    return "graph-uri" if path.endswith(("/sparql-graph-crud-auth", "/sparql-graph-crud")) else "graph"


def part_iri(graph: str, push_id: str, index: int) -> str:
    """Return the IRI of part ``index`` (one source graph) of push ``push_id`` of ``graph``."""
    return f"{graph.rstrip('/#')}/{push_id}/{index}"


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    except ValueError:
        raise InputError(f"{TIMEOUT_ENV} must be a number of seconds") from None


class Client:
    """An HTTP client for SPARQL endpoints: credentials, Digest or Basic, one-line errors.

    >>> Client(timeout=5).timeout
    5.0
    """

    def __init__(self, *, timeout: float | None = None) -> None:
        self.timeout = float(timeout if timeout is not None else _timeout())
        self._session: requests.Session | None = None
        self._auth: dict[str, Any] = {}

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers["User-Agent"] = "skillgraph"
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _credentials(url: str) -> tuple[str, tuple[str, str] | None]:
        """Return ``url`` without user info, and the credentials to use for it (if any)."""
        from urllib.parse import unquote, urlsplit, urlunsplit

        parts = urlsplit(url)
        clean = url
        creds: tuple[str, str] | None = None
        if parts.username is not None or parts.password is not None:
            netloc = parts.netloc.rsplit("@", 1)[1]
            clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
            creds = (unquote(parts.username or ""), unquote(parts.password or ""))
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user is not None and password is not None:
            creds = (user, password)
        if creds is None:
            from requests.utils import get_netrc_auth

            creds = get_netrc_auth(clean)
        return clean, creds

    def request(
        self,
        method: str,
        url: str,
        *,
        ok: Sequence[int] = (),
        **kwargs: Any,
    ) -> requests.Response:
        """Send a request; raise :class:`StoreError` for no answer, a refused login or an HTTP error.

        Statuses in ``ok`` are returned rather than raised.
        """
        from requests.auth import HTTPBasicAuth

        try:
            clean, creds = self._credentials(url)
        except ValueError:
            raise StoreURLError(
                url, "not a valid URL (check the host, the port and any user:password@)"
            ) from None
        origin = clean.split("/", 3)[:3]
        key = "/".join(origin)
        response = self._send(method, clean, url, self._auth.get(key), **kwargs)
        if response.status_code == 401 and creds is not None and key not in self._auth:
            # Basic unless the server asks for Digest; a server that refuses Basic
            # silently (Virtuoso answers 401 without a challenge) gets Digest next.
            challenge = response.headers.get("WWW-Authenticate", "").lower()
            sent_basic = str(response.request.headers.get("Authorization", "")).startswith("Basic ")
            schemes = ["digest"] if "digest" in challenge or sent_basic else ["basic", "digest"]
            for scheme in schemes:
                auth = _digest_auth(*creds) if scheme == "digest" else HTTPBasicAuth(*creds)
                response = self._send(method, clean, url, auth, **kwargs)
                if response.status_code != 401:
                    self._auth[key] = auth
                    break
        if response.status_code in ok or response.ok:
            return response
        if response.status_code in (401, 403):
            hint = "" if creds else f" (set {USER_ENV} and {PASSWORD_ENV}, or use ~/.netrc)"
            what = "login refused" if response.status_code == 401 else "access forbidden"
            raise StoreError(url, f"{what} (HTTP {response.status_code}){hint}")
        detail = _first_line(response.text)
        raise StoreError(
            url, f"HTTP {response.status_code} {response.reason}" + (f": {detail}" if detail else "")
        )

    def _send(self, method: str, clean: str, url: str, auth: Any, **kwargs: Any) -> requests.Response:
        """Send one request; the whole exchange (connect, headers, body) must end within the timeout."""
        from skillgraph.errors import QueryTimeoutError
        from skillgraph.sparql.deadline import run_with_deadline

        session = self.session

        def exchange(cancel: Any) -> requests.Response:
            response = self._send_once(session, method, clean, url, auth, **kwargs)
            return response

        def abort() -> None:
            self._session = None  # the next request gets a fresh session
            try:
                session.close()  # closes the sockets, so the abandoned exchange ends too
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

        try:
            return run_with_deadline(exchange, self.timeout, what="the store", on_timeout=abort)
        except QueryTimeoutError:
            raise StoreError(url, f"no answer within {self.timeout:g} s (timed out)") from None

    def _exchange(
        self, session: requests.Session, method: str, clean: str, auth: Any, **kwargs: Any
    ) -> requests.Response:
        response = session.request(method, clean, auth=auth, timeout=self.timeout, **kwargs)
        response.content  # noqa: B018 - read the whole body inside the deadline
        return response

    def _send_once(
        self, session: requests.Session, method: str, clean: str, url: str, auth: Any, **kwargs: Any
    ) -> requests.Response:
        import requests

        try:
            try:
                return self._exchange(session, method, clean, auth, **kwargs)
            except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError) as err:
                # A connection the server closed halfway (a kept-alive connection it dropped,
                # a login it refused while the body was still on its way). Every request this
                # client sends may be repeated (queries, PUT and DELETE of whole graphs), so it
                # is sent once more, unless it ran out of time, nothing listens there, or
                # the host does not exist.
                broken = not isinstance(err, requests.exceptions.Timeout | requests.exceptions.SSLError)
                if not broken or _connection_reason(err) in ("connection refused", "unknown host"):
                    raise
                return self._exchange(session, method, clean, auth, **kwargs)
        except requests.exceptions.Timeout:
            raise StoreError(url, f"no answer within {self.timeout:g} s (timed out)") from None
        except requests.exceptions.SSLError:
            raise StoreError(url, "TLS error (certificate or protocol)") from None
        except requests.exceptions.ConnectionError as err:
            raise StoreError(url, f"cannot connect ({_connection_reason(err)})") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, ValueError):
            raise StoreURLError(url, "not a valid http(s) URL") from None
        except requests.exceptions.RequestException as err:
            raise StoreError(url, f"request failed ({type(err).__name__})") from None


def _digest_auth(user: str, password: str) -> Any:
    """HTTP Digest login whose challenge outlives the thread that received it.

    Each exchange runs in a thread of its own (so that it can be cut at the time limit), and
    requests keeps a Digest challenge per thread: every request would go out without the login
    first and be sent again after the server's 401. A server that refuses a large body halfway
    (Virtuoso closes the connection on a graph of a few MB) then never sees it logged in. The
    exchanges of one client never overlap, so one state serves them all.
    """
    from types import SimpleNamespace

    from requests.auth import HTTPDigestAuth

    auth = HTTPDigestAuth(user, password)
    auth._thread_local = SimpleNamespace()  # type: ignore[assignment]
    return auth


def _first_line(text: str, limit: int = 160) -> str:
    import re

    plain = re.sub(r"<[^>]+>", " ", text or "")
    line = next((ln.strip() for ln in plain.splitlines() if ln.strip()), "")
    return line[:limit] + ("..." if len(line) > limit else "")


def _connection_reason(err: Exception) -> str:
    text = str(err).lower()
    if "refused" in text:
        return "connection refused"
    if any(
        k in text for k in ("name or service not known", "nodename nor servname", "getaddrinfo", "resolve")
    ):
        return "unknown host"
    if "timed out" in text:
        return "timed out"
    if "reset" in text:
        return "connection reset"
    return "connection failed"
