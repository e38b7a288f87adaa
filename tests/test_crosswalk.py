"""The crosswalk links only to ESCO and O*NET concepts that exist in their data files."""

from __future__ import annotations

import csv

import pytest

import skillgraph
from skillgraph.importers import import_esco, import_onet
from tests.helpers import DATA

ESCO = DATA / "esco-1.2.0-ict"
#: The computer-occupations slice, and the few rows of the full files the crosswalk needs beyond it.
ONET = (DATA / "onet-29.2-software", DATA / "onet-29.2-crosswalk")


def _links(graph):
    return [(key, rel, iri) for key, data in graph.nx.nodes(data=True) for rel, iri in data["matches"]]


def _esco_uris() -> set[str]:
    uris = set()
    for name in ("skills_en.csv", "occupations_en.csv"):
        with (ESCO / name).open(newline="", encoding="utf-8") as handle:
            uris |= {row["conceptUri"] for row in csv.DictReader(handle)}
    return uris


def _onet_codes() -> set[str]:
    codes = set()
    for folder in ONET:
        with (folder / "Occupation Data.txt").open(newline="", encoding="utf-8") as handle:
            codes |= {row["O*NET-SOC Code"] for row in csv.DictReader(handle, delimiter="\t")}
    return codes


@pytest.fixture(scope="module")
def onet_subjects(tmp_path_factory):
    subjects = set()
    for folder in ONET:
        out = tmp_path_factory.mktemp("onet") / "onet.nt"
        import_onet(folder, out)
        lines = out.read_text(encoding="utf-8").splitlines()
        subjects |= {line.split(" ", 1)[0].strip("<>") for line in lines}
    return subjects


def test_every_link_exists_in_the_data(graph, onet_subjects):
    links = _links(graph)
    assert len(links) >= 30
    esco, codes = _esco_uris(), _onet_codes()
    for key, _, iri in links:
        if iri.startswith("http://data.europa.eu/esco/"):
            assert iri in esco, (key, iri)
        elif iri.startswith("https://w3id.org/skillgraph/onet/occupation/"):
            assert iri.rsplit("/", 1)[1] in codes, (key, iri)
            assert iri in onet_subjects
        else:
            assert iri.startswith("https://w3id.org/skillgraph/onet/technology/"), iri
            assert iri in onet_subjects, (key, iri)


def test_links_are_sourced_to_the_crosswalk(graph):
    label = graph.sources["https://w3id.org/skillgraph/source/crosswalk"]
    for key, _, _ in _links(graph):
        assert label in graph.node(key)["provenance"]["matches"]


def test_show_names_the_linked_concept_when_the_taxonomy_is_loaded(tmp_path):
    out = tmp_path / "esco.ttl"
    import_esco(ESCO, out)
    graph = skillgraph.load([out])
    desc = skillgraph.describe(graph, graph.resolve("database-administrator"))
    labels = {label for _, _, label in desc.matches}
    assert "database administrator" in labels
