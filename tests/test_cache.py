"""The cache of the parsed graph: hits, invalidation on change, damage."""

from __future__ import annotations

import pytest

import skillgraph
from skillgraph.rdf import cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(folder))
    return folder


def test_second_load_reads_the_cache(cache_dir, monkeypatch):
    first = skillgraph.load()
    entries = list(cache_dir.glob("view-*.pickle"))
    assert len(entries) == 1

    def fail(*args, **kwargs):
        raise AssertionError("the RDF was parsed again")

    monkeypatch.setattr("skillgraph.rdf.dataset.load_rdf", fail)
    second = skillgraph.load()
    assert sorted(second.nx.nodes) == sorted(first.nx.nodes)
    assert sorted(second.nx.edges(keys=True)) == sorted(first.nx.edges(keys=True))


def test_changed_source_rebuilds(cache_dir, write_ttl):
    path = write_ttl('ex:s a sg:Skill ; skos:prefLabel "Alpha"@en .\n')
    assert skillgraph.load([path]).resolve("alpha")
    path.write_text(path.read_text().replace("Alpha", "Beta"))
    graph = skillgraph.load([path])
    assert graph.resolve("beta")
    with pytest.raises(skillgraph.UnknownNameError):
        graph.resolve("alpha")
    assert len(list(cache_dir.glob("view-*.pickle"))) == 2


def test_damaged_entry_is_rebuilt(cache_dir):
    built = skillgraph.load()
    (entry,) = cache_dir.glob("view-*.pickle")
    entry.write_bytes(b"not a pickle")
    graph = skillgraph.load()
    assert graph.counts() == built.counts()
    assert graph.counts()["role"] >= 5  # junior to principal at least
    assert entry.read_bytes() != b"not a pickle"


def test_key_depends_on_content_not_mtime(tmp_path):
    path = tmp_path / "a.ttl"
    path.write_text("# one")
    key = cache.cache_key([path])
    path.write_text("# one")
    assert cache.cache_key([path]) == key
    path.write_text("# two")
    assert cache.cache_key([path]) != key


def test_no_cache_option_skips_it(cache_dir):
    skillgraph.load(cache=False)
    assert not cache_dir.exists() or not list(cache_dir.glob("view-*.pickle"))
