"""The cache of the parsed graph: hits, invalidation on change, damage."""

from __future__ import annotations

import hashlib
import json
import os
import time

import pytest

import skillgraph
from skillgraph.rdf import cache, digests


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(folder))
    return folder


def views(folder):
    """The cache entries of views (not those of indexes kept beside a view: ``view-KEY-NAME``)."""
    return [p for p in folder.glob("view-*.pickle") if "-" not in p.stem.removeprefix("view-")]


def test_second_load_reads_the_cache(cache_dir, monkeypatch):
    first = skillgraph.load()
    entries = views(cache_dir)
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
    assert len(views(cache_dir)) == 2


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


def _large(path, letter: str) -> None:
    """Write a file over the size from which digests are remembered."""
    path.write_bytes(b"# " + letter.encode() * (digests.LARGE + 10) + b"\n")


@pytest.fixture
def hashes(monkeypatch):
    """Count the files hashed in full; files left alone count as settled at once."""
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    monkeypatch.setattr(digests, "_memos", {})
    monkeypatch.setattr(digests, "_recent", {})
    counted: list[int] = []
    real = hashlib.file_digest

    def counting(handle, name):
        counted.append(1)
        return real(handle, name)

    monkeypatch.setattr(digests.hashlib, "file_digest", counting)
    return counted


def test_a_large_file_is_hashed_once_while_it_is_left_alone(cache_dir, tmp_path, hashes):
    path = tmp_path / "big.ttl"
    _large(path, "a")
    key = cache.cache_key([path])
    digests._memos.clear()  # a new process reads the memo from the cache folder
    digests._recent.clear()
    assert cache.cache_key([path]) == key
    assert len(hashes) == 1
    assert (cache_dir / "digests.json").is_file()


def test_a_rewrite_that_keeps_size_and_mtime_is_still_seen(cache_dir, tmp_path, hashes):
    path = tmp_path / "big.ttl"
    _large(path, "a")
    key = cache.cache_key([path])
    before = path.stat()
    time.sleep(0.01)
    _large(path, "b")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old modification time
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    assert cache.cache_key([path]) != key
    assert len(hashes) == 2


def test_a_file_changed_just_before_it_was_read_is_not_remembered(cache_dir, tmp_path, hashes, monkeypatch):
    monkeypatch.setattr(digests, "SETTLED_NS", 2_000_000_000)
    path = tmp_path / "big.ttl"
    _large(path, "a")
    key = cache.cache_key([path])
    assert cache.cache_key([path]) == key
    assert len(hashes) == 1  # within one process, hashed once
    digests._memos.clear()  # another process hashes it again: it was not remembered
    digests._recent.clear()
    assert cache.cache_key([path]) == key
    assert len(hashes) == 2
    assert not (cache_dir / "digests.json").exists()


@pytest.mark.parametrize("memo", ["not json", "[1, 2]", '{"x": [1]}', "pipe", "folder"])
def test_a_broken_memo_only_costs_a_hash(cache_dir, tmp_path, hashes, memo):
    path = tmp_path / "big.ttl"
    _large(path, "a")
    expected = cache.cache_key([path])
    digests._memos.clear()
    digests._recent.clear()
    cache_dir.mkdir(exist_ok=True)
    target = cache_dir / "digests.json"
    target.unlink()
    if memo == "pipe":
        os.mkfifo(target)
    elif memo == "folder":
        target.mkdir()
    else:
        target.write_text(memo.replace('"x"', json.dumps(str(path.resolve()))))
    assert cache.cache_key([path]) == expected


@pytest.mark.parametrize("name", ["post gre sql", "Node-JS", "ci / cd"])
def test_a_view_read_from_the_cache_resolves_names_as_the_view_it_was_made_from(cache_dir, name):
    # names that only their letters and digits match ("postgresql"): the tier of such names is
    # kept in a cache entry of its own, read when a cached view first needs it
    fresh = skillgraph.load()
    assert views(cache_dir)
    cached = skillgraph.load()
    assert cached is not fresh and "names" in cached.kept_with_view
    assert cached.resolve(name) == fresh.resolve(name)


def test_a_cached_view_is_read_only_and_a_copy_of_it_is_its_own(cache_dir):
    """Edges with equal attributes share their tables in the view (it loads faster): so the
    view refuses changes, and a copy, which has tables of its own, takes them alone."""
    import networkx as nx

    skillgraph.load()
    view = skillgraph.load()  # from the cache
    junior, senior = view.resolve("junior"), view.resolve("senior")
    with pytest.raises(nx.NetworkXError):
        view.nx.add_edge(junior, senior, key="requires")
    required = [(u, v, k) for u, v, k in view.nx.edges(keys=True) if k == "requires"]
    before = {edge: dict(view.nx.edges[edge]) for edge in required}
    copy = view.nx.copy()
    first = required[0]
    copy.edges[first]["importance"] = "changed"
    copy.add_edge(first[0], first[1], key="extra")
    assert all(dict(view.nx.edges[edge]) == attrs for edge, attrs in before.items())
    assert all(dict(copy.edges[edge]) == attrs for edge, attrs in before.items() if edge != first)
    assert not any(k == "extra" for _, _, k in view.nx.edges(keys=True))
