"""Shared fixtures: an isolated cache folder, the loaded curated graph, a hand-built
sample graph and a headless Chromium.

Browser tests need Playwright for Python and Debian's Chromium (``/usr/bin/chromium``, or
``SKILLGRAPH_CHROMIUM``). Without them the tests are skipped, except in CI (``CI=true``),
where a missing browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import skillgraph
from skillgraph.explorer import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test's cache out of the user's cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("SKILLGRAPH_CACHE_DIR", str(folder))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def graph() -> skillgraph.SkillGraph:
    """The built-in curated graph, loaded once."""
    return skillgraph.load()


@pytest.fixture
def write_ttl(tmp_path: Path):
    """Write a Turtle file with the usual prefixes and return its path."""

    def write(body: str, name: str = "extra.ttl") -> Path:
        path = tmp_path / name
        path.write_text(PREFIXES + body, encoding="utf-8")
        return path

    return write


PREFIXES = """@prefix sg: <https://w3id.org/skillgraph/ontology#> .
@prefix sgd: <https://w3id.org/skillgraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/track/> .
"""


def _unavailable(reason: str) -> None:
    from tests.servers import in_ci

    if in_ci():
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (session-wide)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        _unavailable(f"Playwright for Python is not installed ({exc})")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium not found at {CHROMIUM}")
    manager = sync_playwright().start()
    try:
        try:
            chromium = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001  # pragma: no cover - any launch failure
            _unavailable(f"Chromium does not start: {exc}")
        yield chromium
        chromium.close()
    finally:
        manager.stop()


SG = "https://w3id.org/skillgraph/id/"


def _role(g: nx.MultiDiGraph, name: str, label: str, level: int, **extra: Any) -> str:
    key = SG + name
    g.add_node(
        key,
        type="role",
        id=name,
        label=label,
        alt_labels=extra.pop("alt", ()),
        description=f"{label}: builds and runs software.",
        level=level,
        category=None,
        choice=False,
        effort_hours=None,
        matches=(),
        sources=("seed-4-senior-lead",),
    )
    return key


def _node(g: nx.MultiDiGraph, kind: str, name: str, label: str, **extra: Any) -> str:
    key = SG + name
    attrs = {
        "type": kind,
        "id": name,
        "label": label,
        "alt_labels": (),
        "description": f"About {label}.",
        "level": None,
        "category": None,
        "choice": False,
        "effort_hours": None,
        "matches": (),
        "sources": ("domain-knowledge",),
    }
    attrs.update(extra)
    g.add_node(key, **attrs)
    return key


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, **extra: Any) -> None:
    g.add_edge(u, v, key=relation, relation=relation, source="domain-knowledge", **extra)


def build_sample_graph() -> nx.MultiDiGraph:
    """A hand-built graph with every node type and relation of ``docs/model.md``."""
    g = nx.MultiDiGraph()
    junior = _role(
        g,
        "junior-backend-developer",
        "Junior Backend Developer",
        1,
        alt=("Junior backend engineer",),
    )
    mid = _role(g, "backend-developer", "Backend Developer", 2, alt=("Backend engineer",))
    senior = _role(g, "senior-backend-developer", "Senior Backend Developer", 3)
    lead = _role(
        g,
        "lead-backend-developer",
        "Lead Backend Developer",
        4,
        alt=("Tech lead", "Team lead"),
    )
    sre = _node(
        g,
        "specialization",
        "site-reliability-engineer",
        "Site Reliability Engineer",
        alt_labels=("SRE",),
    )
    python = _node(
        g,
        "skill",
        "python",
        "Python",
        category="Programming languages",
        effort_hours=120.0,
    )
    lang = _node(
        g,
        "skill",
        "backend-language",
        "Backend programming language",
        choice=True,
        category="Programming languages",
    )
    sql = _node(g, "skill", "sql", "SQL", category="Data", effort_hours=40.0)
    design = _node(
        g,
        "skill",
        "system-design",
        "System design",
        category="Architecture",
        effort_hours=200.0,
    )
    kube = _node(
        g,
        "skill",
        "kubernetes",
        "Kubernetes",
        alt_labels=("k8s",),
        category="Operations",
    )
    ai = _node(g, "trend", "ai-assisted-development", "AI-assisted development")
    cs = _node(g, "education", "cs-degree", "Computer science degree")
    jira = _node(g, "tool", "jira", "Jira")
    review = _node(g, "activity", "code-review", "Code review")
    _edge(g, junior, mid, "progresses_to")
    _edge(g, mid, senior, "progresses_to")
    _edge(g, senior, lead, "progresses_to")
    _edge(g, sre, senior, "branches_from")
    for role, skill, rank, label in [
        (junior, lang, 1, "Basic"),
        (junior, sql, 1, "Basic"),
        (mid, lang, 2, "Intermediate"),
        (mid, sql, 2, "Intermediate"),
        (senior, design, 3, "Advanced"),
        (lead, design, 4, "Expert"),
        (sre, kube, 3, "Advanced"),
    ]:
        _edge(g, role, skill, "requires", proficiency=rank, proficiency_label=label)
    _edge(g, lang, python, "any_of")
    _edge(g, design, sql, "has_prerequisite")
    _edge(g, ai, python, "drives")
    _edge(g, cs, sql, "teaches")
    _edge(g, cs, junior, "leads_to")
    _edge(g, mid, jira, "uses_tool")
    _edge(g, mid, review, "engages_in")
    _edge(g, review, design, "teaches")
    _edge(g, kube, design, "broader")
    # Two relations between the same pair, to exercise parallel edges.
    _edge(g, senior, lead, "broader")
    return g


@pytest.fixture()
def sample_graph() -> nx.MultiDiGraph:
    """A fresh copy of the hand-built sample graph."""
    return build_sample_graph()


# -- real SPARQL servers on loopback (see tests/servers.py) ------------------------------


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """A writable Oxigraph server (Graph Store at /store) for the whole session."""
    from tests.servers import start_oxigraph

    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory):
    """Virtuoso with a fresh database (dba/dba) for the whole session."""
    from tests.servers import start_virtuoso

    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def invoke_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    """Run ``skillgraph ARGS`` with click's CliRunner; fail on a traceback or an internal error."""
    from click.testing import CliRunner

    from skillgraph.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env)
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not escaped, f"uncaught {result.exception!r} from skillgraph {' '.join(map(str, args))}"
    assert result.exit_code != 70, result.output
    return result
