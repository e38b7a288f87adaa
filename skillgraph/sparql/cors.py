"""Cross-origin access to a read-only endpoint: which pages may read its answers.

A public read-only endpoint lets any page read what it answers (``*``: nothing it
sends depends on cookies or credentials, which browsers never send with ``*``);
:class:`CorsPolicy` with a list of origins narrows that to those pages.

>>> public = CorsPolicy()
>>> public.headers("https://app.example")
[('Access-Control-Allow-Origin', '*')]
>>> narrow = CorsPolicy(("https://app.example",))
>>> narrow.headers("https://app.example")
[('Access-Control-Allow-Origin', 'https://app.example'), ('Vary', 'Origin')]
>>> narrow.headers("https://other.example")
[('Vary', 'Origin')]
>>> narrow.preflight("https://app.example", "POST")[0]
204
>>> narrow.preflight("https://app.example", "PUT")[:2]
(403, 'this endpoint is read-only: cross-origin PUT is not allowed (only GET, HEAD and POST)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillgraph.errors import InputError

__all__ = [
    "HEADERS",
    "MAX_AGE",
    "METHODS",
    "CorsPolicy",
    "check_origin",
]

#: Methods a cross-origin page may use, and request headers it may set.
METHODS = ("GET", "HEAD", "POST", "OPTIONS")
HEADERS = ("Accept", "Content-Type", "Cache-Control", "X-Requested-With")
#: How long a browser may keep a preflight's answer (seconds).
MAX_AGE = 600

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def check_origin(text: str) -> str:
    """Return ``text`` as an origin (``scheme://host[:port]``) or ``*``; raise :class:`InputError`.

    >>> check_origin("https://Example.org:8443/")
    'https://example.org:8443'
    >>> check_origin("example.org")
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: 'example.org' is not an origin: give scheme://host[:port], e.g. https://example.org
    """
    value = text.strip()
    if value == "*":
        return value
    value = value.rstrip("/").lower()
    if not _ORIGIN.fullmatch(value):
        raise InputError(f"{text!r} is not an origin: give scheme://host[:port], e.g. https://example.org")
    return value


@dataclass(frozen=True)
class CorsPolicy:
    """Which origins may read answers: ``("*",)`` (every page) or a list of origins."""

    origins: tuple[str, ...] = ("*",)

    @property
    def public(self) -> bool:
        return "*" in self.origins

    def allows(self, origin: str | None) -> bool:
        """Whether a page from ``origin`` may read answers (a request without one is not a page's)."""
        return self.public or (origin is not None and origin.lower() in self.origins)

    def headers(self, origin: str | None) -> list[tuple[str, str]]:
        """The CORS headers of an answer to a request from ``origin``."""
        if self.public:
            return [("Access-Control-Allow-Origin", "*")]
        allowed = [("Access-Control-Allow-Origin", origin)] if origin and self.allows(origin) else []
        return [*allowed, ("Vary", "Origin")]

    def preflight(self, origin: str | None, method: str | None) -> tuple[int, str, list[tuple[str, str]]]:
        """Answer a preflight (``OPTIONS``) from ``origin`` asking for ``method``: status, reason, headers."""
        asked = (method or "GET").upper()
        if asked not in METHODS:
            allowed = ", ".join(METHODS[:-2]) + " and " + METHODS[-2]
            return (
                403,
                f"this endpoint is read-only: cross-origin {asked} is not allowed (only {allowed})",
                [],
            )
        if origin and not self.allows(origin):
            return 403, f"pages from {origin} may not query this endpoint (serve --cors-origin)", []
        return (
            204,
            "",
            [
                *self.headers(origin),
                ("Access-Control-Allow-Methods", ", ".join(METHODS)),
                ("Access-Control-Allow-Headers", ", ".join(HEADERS)),
                ("Access-Control-Max-Age", str(MAX_AGE)),
            ],
        )
