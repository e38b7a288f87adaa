"""Shared fixtures: an isolated cache folder and the loaded curated graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph

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
