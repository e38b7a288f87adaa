"""Real SPARQL servers on loopback for the tests: the Oxigraph server and Virtuoso.

Each helper starts the server on free 127.0.0.1 ports in a temporary folder,
waits until it answers, and stops it (and removes its folder) on ``stop()``.
A missing binary fails the test when ``CI=true`` and skips it otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def in_ci() -> bool:
    """Return whether the tests run in continuous integration (``CI=true``)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_binary(name: str) -> str:
    """Return the path of executable ``name``; fail (in CI) or skip the test without it."""
    found = shutil.which(name)
    if found:
        return found
    if name == "oxigraph":
        # The PyPI package puts the binary beside the interpreter.
        candidate = Path(sys.executable).parent / "oxigraph"
        if candidate.is_file():
            return str(candidate)
    message = f"{name} is not installed"
    if in_ci():
        pytest.fail(message + " (required when CI=true)")
    pytest.skip(message)
    raise AssertionError  # unreachable


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, proc: subprocess.Popen[bytes], *, timeout: float = 60.0) -> None:
    """Wait until ``url`` answers any HTTP status, or fail with the server's output."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {read_output(proc)}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start within {timeout} s")


def read_output(proc: subprocess.Popen[bytes]) -> str:
    """Return the end of what a server printed (its log file)."""
    log = getattr(proc, "log_path", None)
    if log is None or not Path(log).is_file():
        return ""
    return Path(log).read_text(errors="replace")[-2000:]


def popen_logged(args: list[str], folder: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    """Start ``args`` with its output going to ``folder/server.log`` (never a full pipe)."""
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, **kwargs)  # type: ignore[call-overload]
    proc.log_path = log_path  # type: ignore[attr-defined]
    return proc


def stop_process(proc: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, timeout: float = 20.0) -> None:
    """Stop ``proc`` with ``sig``, then kill it if it does not exit in time."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@dataclass
class Server:
    """A running server: its process, folder and endpoints."""

    name: str
    proc: subprocess.Popen[bytes]
    folder: Path
    query_url: str
    store_url: str
    user: str | None = None
    password: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_oxigraph(folder: Path, *options: str) -> Server:
    """Start a writable ``oxigraph serve`` on a free loopback port (store at ``/store``).

    ``options`` are passed on to ``oxigraph serve`` (for example ``--timeout-s 1``).
    """
    binary = require_binary("oxigraph")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = popen_logged(
        [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}", *options], folder
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/query?query=ASK%7B%7D", proc, timeout=30)
    except RuntimeError:
        stop_process(proc)
        raise
    return Server("oxigraph", proc, folder, base + "/query", base + "/store")


def start_virtuoso(folder: Path) -> Server:
    """Start Virtuoso in the foreground with its database in ``folder`` on free loopback ports."""
    binary = require_binary("virtuoso-t")
    if not VIRTUOSO_INI.is_file():
        message = f"{VIRTUOSO_INI} is missing"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    text = VIRTUOSO_INI.read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    sections = re.split(r"(?m)^(?=\[)", text)
    for i, section in enumerate(sections):
        if section.startswith("[Parameters]"):
            sections[i] = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{sql_port}", section)
        elif section.startswith("[HTTPServer]"):
            sections[i] = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{http_port}", section)
    text = "".join(sections)
    text = re.sub(r"(?m)^DirsAllowed\s*=(.*)$", rf"DirsAllowed = \1, {folder}", text)
    ini = folder / "virtuoso.ini"
    ini.write_text(text)
    proc = popen_logged([binary, "-f", "-c", str(ini)], folder, cwd=folder)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for_http(base + "/sparql?query=ASK%7B%7D", proc, timeout=120)
        _wait_for_sparql(base + "/sparql", proc)
    except RuntimeError:
        stop_process(proc)
        raise
    return Server(
        "virtuoso",
        proc,
        folder,
        base + "/sparql",
        base + "/sparql-graph-crud-auth",
        user="dba",
        password="dba",
    )


def _wait_for_sparql(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"virtuoso exited with {proc.returncode}")
        try:
            response = requests.get(
                url,
                params={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+json"},
                timeout=5,
            )
            if response.ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"virtuoso at {url} did not answer SPARQL within {timeout} s")
