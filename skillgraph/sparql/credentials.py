"""The credentials of SPARQL stores, kept out of every message the program prints.

The command line registers the logins it is given (a store URL's ``user:password@``, the
password in ``SKILLGRAPH_STORE_PASSWORD``); :func:`redact` then removes them from any text,
whatever library wrote it, and :func:`one_line` is how a message is printed or served.

>>> register_secret("http://ann:pa%2Fss@db.example.org/sparql")
>>> one_line("bad port 'pa/ss' in pa%2Fss\\n(line 2)")
"bad port '***' in ***\\\\n(line 2)"
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from skillgraph.errors import hide_logins

__all__ = ["MAX_MESSAGE", "one_line", "redact", "register_secret"]

#: The longest message :func:`one_line` lets through.
MAX_MESSAGE = 600
_secrets: set[str] = set()


def register_secret(text: str | None) -> None:
    """Remember the credentials in ``text`` (a URL's ``user:password@``, or a password itself).

    :func:`redact` then removes them from any message, whatever library wrote it.

    >>> register_secret("http://ann:pa%2Fss@db.example.org/sparql")
    >>> redact("bad port 'pa/ss' in pa%2Fss")
    "bad port '***' in ***"
    """
    if not text:
        return
    _scheme, sep, rest = text.partition("://")
    if not sep:
        candidates = {text}
    else:
        userinfo = rest.rsplit("@", 1)[0] if "@" in rest else ""
        if not userinfo:
            return
        _user, colon, password = userinfo.partition(":")
        candidates = {userinfo, password} if colon else {userinfo}
        for piece in re.split(r"[/?#@:]", password or userinfo):
            candidates.add(piece)
    for item in list(candidates):
        candidates.add(unquote(item))
    _secrets.update(c for c in candidates if len(c) >= 3)


def redact(text: str) -> str:
    """Return ``text`` with every ``user:password@`` of a URL and every registered secret replaced.

    >>> redact("cannot reach http://ann:s3cret@db.example.org/x")
    'cannot reach http://***@db.example.org/x'
    """
    text = hide_logins(text)
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """Return ``text`` redacted, on one line (control characters shown escaped) and at most ``limit`` long.

    >>> one_line("unknown skill 'python\\nsql'")
    "unknown skill 'python\\\\nsql'"
    >>> len(one_line("x" * 10_000)) <= MAX_MESSAGE
    True
    """
    text = redact(text)
    text = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
    if len(text) > limit:
        text = text[: limit - 30] + f"... ({len(text) - limit + 30:,} more characters)"
    return text
