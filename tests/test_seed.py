"""Every section of the seed document is represented in the curated graph."""

from __future__ import annotations

import pytest

SRC = "https://w3id.org/skillgraph/source/"

# What each section of "Career Path of a Backend Web Developer in 2024" names.
SECTIONS = {
    "seed-1-education": [
        "Computer Science degree",
        "Software Engineering degree",
        "self-taught",
        "online courses",
        "bootcamp",
        "practical experience",
    ],
    "seed-1-key-skills": [
        "Python",
        "Java",
        "Node.js",
        "SQL databases",
        "NoSQL databases",
        "APIs",
        "Caching",
        "Server management",
    ],
    "seed-2-entry-level": ["junior"],
    "seed-3-mid-level": ["mid-level"],
    "seed-4-senior-lead": ["senior", "lead"],
    "seed-5-specialization": ["dba", "devops", "cloud", "aws", "azure"],
    "seed-6-trends": [
        "Microservices Architecture",
        "Serverless Computing",
        "AWS Lambda",
        "Security and Compliance",
        "GDPR",
        "RESTful APIs",
        "GraphQL",
        "WebSocket",
    ],
    "seed-7-remote-work": ["Slack", "GitLab", "Jira"],
    "seed-8-continuous-learning": ["courses", "certifications", "conferences"],
}


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_section_has_its_own_statements(graph, section):
    label = graph.sources[SRC + section]
    nodes = [n for n, d in graph.nx.nodes(data=True) if label in d["sources"]]
    edges = [e for e in graph.nx.edges(data=True) if label in e[2]["sources"]]
    assert nodes or edges, section


@pytest.mark.parametrize(("section", "name"), [(s, n) for s, names in SECTIONS.items() for n in names])
def test_named_concept_is_sourced_to_its_section(graph, section, name):
    key = graph.resolve(name)
    label = graph.sources[SRC + section]
    node_sources = graph.node(key)["sources"]
    edge_sources = {s for _, _, d in graph.nx.in_edges(key, data=True) for s in d["sources"]}
    edge_sources |= {s for _, _, d in graph.nx.out_edges(key, data=True) for s in d["sources"]}
    assert label in node_sources or label in edge_sources, (name, node_sources)


def test_roles_do_what_the_seed_says(graph):
    junior = graph.node(graph.resolve("junior"))["description"].lower()
    assert "database" in junior
    # the seed's one description of "senior or lead" (teams, strategy) is the lead's; a senior
    # ensures the same qualities of what the team ships
    lead = graph.node(graph.resolve("lead"))["description"].lower()
    assert all(word in lead for word in ("teams", "strategy", "robustness", "scalability", "security"))
    senior = graph.node(graph.resolve("senior"))["description"].lower()
    assert all(word in senior for word in ("robustness", "scalability", "security"))
    assert senior != lead


def test_added_domain_knowledge_is_marked(graph):
    label = graph.sources[SRC + "domain-knowledge"]
    for name in (
        "HTTP",
        "Git",
        "Linux",
        "Automated testing",
        "Data modelling",
        "Containers (Docker)",
        "CI/CD",
        "Observability (logging, metrics, tracing)",
        "System design",
        "Mentoring",
    ):
        assert label in graph.node(graph.resolve(name))["sources"], name
    # every study skill's effort per level comes from the editors' estimates; practice skills
    # and skill choices carry none (docs/content.md, "Effort")
    estimates = graph.sources[SRC + "effort-estimates"]
    skills = [graph.node(s) for s in graph.nodes("skill")]
    study = [s for s in skills if s["learned_by"] == "study" and not s["choice"]]
    assert study and len(study) < len(skills)
    for s in study:
        assert s["provenance"].get("effort") == (estimates,), s["label"]
        assert [level for level, _ in s["effort"]] == [1, 2, 3, 4], s["label"]
    for s in skills:
        if s not in study:
            assert not s.get("effort") and "effort" not in s["provenance"], s["label"]
