"""The same query proxy on a maintained ASGI server (uvicorn), to weigh against serve's own.

Starts the Oxigraph engine as ``skillgraph serve`` does (``start_server``, built-in graph),
then answers ``/query`` with an ASGI application under uvicorn that makes the same checks
(:func:`check_served_query`, body size, query timeout as ``503``, answer size, the answer
cache, CORS) and forwards to the engine. ``benchmarks/serve_load.py --proxy asgi`` starts it
and loads it exactly as it loads ``skillgraph serve``. It prints the lines serve prints, so the
load test finds the endpoint the same way.

Needs ``pip install uvicorn`` (not a dependency of skillgraph).

    python benchmarks/asgi_proxy.py [--port 0] [--answer-cache MB]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import socket
from typing import Any
from urllib.parse import parse_qs

import uvicorn

from skillgraph.errors import InputError
from skillgraph.rdf.dataset import load_rdf
from skillgraph.sparql.credentials import one_line
from skillgraph.sparql.proxy import (
    CANCELLED,
    FORM_TYPE,
    QUERY_TYPE,
    AnswerCache,
    ProxyLimits,
    check_served_query,
)
from skillgraph.sparql.serve import start_server

Send = Any


class Proxy:
    """The ASGI application: ``/query`` checked and forwarded to the engine at ``upstream``."""

    def __init__(self, upstream: tuple[str, int], limits: ProxyLimits) -> None:
        self.upstream = upstream
        self.limits = limits
        self.answers = AnswerCache(limits.answer_cache) if limits.answer_cache else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if path != "/query":
            await self.answer(send, 404 if method in ("GET", "HEAD") else 403, "not here")
            return
        if method == "OPTIONS":
            await self.answer(send, 204, "")
            return
        body = b""
        if method == "POST":
            length = int(headers.get("content-length", "-1") or -1)
            if length < 0:
                await self.answer(send, 411, "a POST needs a Content-Length")
                return
            if length > self.limits.max_body:
                await self.answer(send, 413, "the request body is too large")
                return
            try:
                body = await asyncio.wait_for(self.read(receive), self.limits.request_deadline)
            except TimeoutError:
                await self.answer(send, 400, "the request body did not arrive in time")
                return
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if method == "POST" and kind == QUERY_TYPE:
            texts = [body.decode("utf-8", errors="replace")]
        else:
            raw = body if kind == FORM_TYPE else scope["query_string"]
            form = raw.decode("ascii", errors="replace")
            params = parse_qs(form, keep_blank_values=True)
            if "update" in params:
                await self.answer(send, 403, "this SPARQL endpoint is read-only")
                return
            texts = params.get("query", [])
        if len(texts) != 1:
            await self.answer(send, 400, "give exactly one 'query' parameter")
            return
        try:
            check_served_query(texts[0], allow_service=self.limits.allow_service)
        except InputError as err:
            await self.answer(send, 400, str(err))
            return
        key = (method, scope["query_string"], body, kind, headers.get("accept"))
        found = self.answers.get(key) if self.answers is not None else None
        if found is None:
            try:
                found = await asyncio.wait_for(
                    asyncio.to_thread(self.forward, method, scope, body, headers), self.limits.query_timeout
                )
            except TimeoutError:
                await self.answer(send, 503, "the query timed out")
                return
            except (OSError, http.client.HTTPException):
                await self.answer(send, 502, "the SPARQL engine did not answer")
                return
            if found[0] == 200 and self.answers is not None:
                self.answers.put(key, found)
        status, _, reply_headers, payload = found
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in reply_headers]
                + [(b"content-length", str(len(payload)).encode()), (b"access-control-allow-origin", b"*")],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    @staticmethod
    async def read(receive: Any) -> bytes:
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                return b"".join(chunks)

    def forward(self, method: str, scope: dict[str, Any], body: bytes, headers: dict[str, str]) -> Any:
        conn = http.client.HTTPConnection(*self.upstream, timeout=self.limits.query_timeout + 1)
        try:
            path = "/query" + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
            sent = {"Connection": "close", "Accept": headers.get("accept", "*/*")}
            if method == "POST":
                sent["Content-Type"] = headers.get("content-type", "")
            conn.request(method, path, body=body or None, headers=sent)
            response = conn.getresponse()
            payload = response.read(self.limits.max_response + 1)
            if len(payload) > self.limits.max_response:
                return 507, "", [("content-type", "text/plain")], b"the answer is too large\n"
            if payload.rstrip().endswith(CANCELLED):
                return 503, "", [("content-type", "text/plain")], b"the query timed out\n"
            kept = [(k, v) for k, v in response.getheaders() if k.lower() in ("content-type", "vary")]
            return response.status, response.reason, kept, payload
        finally:
            conn.close()

    @staticmethod
    async def answer(send: Send, status: int, message: str) -> None:
        body = (one_line(message) + "\n").encode() if message else b""
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"access-control-allow-origin", b"*"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--answer-cache", type=int, default=64, metavar="MB")
    args = parser.parse_args()
    limits = ProxyLimits(answer_cache=args.answer_cache << 20)
    rdf = load_rdf()
    with start_server(rdf, port=0, limits=limits) as engine:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", args.port))
        sock.listen(512)
        print(f"SPARQL endpoint: http://127.0.0.1:{sock.getsockname()[1]}/query")
        print(f"Serving {len(rdf)} quads read-only (uvicorn proxy)", flush=True)
        config = uvicorn.Config(
            Proxy(("127.0.0.1", engine.engine_port), limits),
            log_level="warning",
            lifespan="off",
            limit_concurrency=limits.max_connections,
            timeout_keep_alive=int(limits.idle_timeout),
            backlog=512,
        )
        uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
