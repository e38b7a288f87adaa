"""SPARQL from Python: saved queries on the curated graph, both stores, safety, parameters."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

import skillgraph
from skillgraph import sparql
from skillgraph.errors import (
    InputError,
    MissingDependencyError,
    MissingParameterError,
    QueryExecutionError,
    QueryRefusedError,
    QuerySyntaxError,
    UnknownNameError,
    UnknownQueryError,
)
from skillgraph.sparql.syntax import placeholders, query_form, tokens
from tests.helpers import DATA

SGD = "https://w3id.org/skillgraph/id/"

#: Parameters to run each saved query with on the curated graph.
PARAMS: dict[str, dict[str, str]] = {
    "role-gap": {"role": "senior"},
    "prerequisites": {"skill": "Django"},
    "role-tools": {"role": "lead"},
    "role-requirements": {"role": "engineering-manager"},  # inherits along the ladder and relaxes
    "node-sources": {"node": "python"},
    "implied-knowledge": {"skill": "django", "rank": "3"},
}


def ids(rows: list[dict], key: str) -> list[str]:
    """The local names of the IRIs in column ``key``."""
    return [str(r[key]).removeprefix(SGD) for r in rows]


@pytest.fixture(scope="module")
def oxigraph() -> sparql.SparqlStore:
    return sparql.open_store()


@pytest.fixture(scope="module")
def memory() -> sparql.SparqlStore:
    return sparql.open_store(store="memory")


def run(name: str, store: sparql.SparqlStore, params: dict[str, str] | None = None) -> list[dict]:
    given = params if params is not None else PARAMS.get(name)
    # No time limit: rdflib's engine is slow on some saved queries on a busy machine.
    return sparql.run_saved(name, given, store=store, timeout=None).records()


# -- the library of saved queries ------------------------------------------------------


def test_at_least_ten_saved_queries_each_documented():
    queries = sparql.saved_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.description, q.name
        assert "\n" not in q.description
        assert q.form == "select", q.name
        declared = [p.name for p in q.params]
        assert placeholders(q.text) == declared, q.name  # every $param declared, every declared used
        words = [t.text.upper() for t in tokens(q.text) if t.kind == "word"]
        assert "ORDER" in words, f"{q.name} has no ORDER BY"


def test_every_saved_query_is_covered_here():
    assert {q.name for q in sparql.saved_queries()} == set(EXPECTED)


# -- the expected answers, computed in Python from the RDF files (rdflib), not from SPARQL ----


class Curated:
    """The built-in graph read with rdflib, and the semantics of docs/plan.md written out in Python."""

    def __init__(self) -> None:
        import rdflib
        from rdflib.namespace import RDF, SKOS

        from skillgraph.rdf.resources import builtin_files

        self.rdflib, self.type, self.skos = rdflib, RDF.type, SKOS
        self.sg = rdflib.Namespace("https://w3id.org/skillgraph/ontology#")
        self.data = rdflib.Dataset(default_union=True)
        for path in builtin_files():
            self.data.parse(path, format="trig" if path.suffix == ".trig" else "turtle")

    def iri(self, name: str):
        return self.rdflib.URIRef(name if name.startswith("http") else SGD + name)

    def label(self, node) -> str:
        return str(self.data.value(node, self.skos.prefLabel))

    def of_type(self, cls: str) -> set:
        return set(self.data.subjects(self.type, self.sg[cls]))

    def pairs(self, relation: str) -> set[tuple[str, str]]:
        return {(str(a), str(b)) for a, b in set(self.data.subject_objects(self.sg[relation]))}

    def rank(self, level) -> int:
        return int(self.data.value(level, self.sg.rank))

    def previous(self, role):
        """The role a role progresses from, or the role a specialization branches from."""
        before = set(self.data.subjects(self.sg.progressesTo, role)) | set(
            self.data.objects(role, self.sg.branchesFrom)
        )
        # reached from several roles (a manager from a senior developer or a lead): the highest
        return max(before, key=lambda r: int(self.data.value(r, self.sg.level) or 0), default=None)

    def own(self, role) -> dict:
        """skill -> (rank, level) of the role's own requirements."""
        found = {}
        for req in self.data.objects(role, self.sg.requirement):
            level = self.data.value(req, self.sg.proficiency)
            found[self.data.value(req, self.sg.skill)] = (self.rank(level), level)
        return found

    def effective(self, role) -> dict:
        """skill -> (rank, holder): own plus inherited requirements at the higher level, minus relaxations."""
        before = self.previous(role)
        need = dict(self.effective(before)) if before is not None else {}
        for skill, (rank, _) in self.own(role).items():
            if skill not in need or rank > need[skill][0]:
                need[skill] = (rank, role)
        for relaxation in self.data.objects(role, self.sg.relaxation):
            skill = self.data.value(relaxation, self.sg.skill)
            lowered = self.data.value(relaxation, self.sg.proficiency)
            if lowered is None:
                need.pop(skill, None)
            elif skill in need and self.rank(lowered) < need[skill][0]:
                need[skill] = (self.rank(lowered), need[skill][1])
        return need

    def prerequisites(self, skill) -> set:
        """Every prerequisite of ``skill``, direct or not."""
        found, todo = set(), [skill]
        while todo:
            for p in self.data.objects(todo.pop(), self.sg.hasPrerequisite):
                if p not in found:
                    found.add(p)
                    todo.append(p)
        return found

    def known(self, role) -> set:
        """The skills a role's effective requirements imply: them and their prerequisites."""
        skills = set(self.effective(role))
        return skills.union(*(self.prerequisites(s) for s in skills))

    def hours(self, skill, rank: int) -> float | None:
        for effort in self.data.objects(skill, self.sg.effort):
            if self.rank(self.data.value(effort, self.sg.proficiency)) == rank:
                return float(self.data.value(effort, self.sg.hours))
        return None


@pytest.fixture(scope="session")
def curated() -> Curated:
    return Curated()


def expected_gap(c: Curated, role) -> tuple[str, set[tuple[str, str]]]:
    """The role before ``role`` and the (skill, proficiency label) pairs ``role`` adds to what it implies."""
    before = c.previous(role)
    known = c.known(before)
    new = {(str(s), c.label(level)) for s, (_, level) in c.own(role).items() if s not in known}
    return str(before), new


def check_role_gap(rows, c):
    senior = c.iri("senior-backend-developer")
    before, new = expected_gap(c, senior)
    assert before == SGD + "mid-level-backend-developer"
    assert {r["previous"] for r in rows} == {before}
    assert {(r["skill"], r["proficiency"]) for r in rows} == new
    assert len(rows) == len(new)
    assert {"system-design", "distributed-systems", "architecture-style"} <= set(ids(rows, "skill"))
    # required (or implied) by the mid-level role already: not new, even when senior raises its level
    known = c.known(c.iri(before))
    assert not {r["skill"] for r in rows} & {str(s) for s in known}
    assert {"sql", "caching", "api-design", "software-architecture"} <= {
        str(s).removeprefix(SGD) for s in known
    }


def check_prerequisites(rows, c):
    expected = c.prerequisites(c.iri("django"))
    assert {SGD + "python", SGD + "http"} <= {str(s) for s in expected}
    assert {r["prerequisite"] for r in rows} == {str(s) for s in expected}
    assert len(rows) == len(expected)  # one row each
    assert [r["label"] for r in rows] == sorted(r["label"] for r in rows)


def check_trend_skills(rows, c):
    pairs = {(r["trend"], r["skill"]) for r in rows}
    assert pairs == c.pairs("drivesDemandFor")
    assert (SGD + "trend-microservices-architecture", SGD + "microservices") in pairs  # the seed says so
    assert {r["trend"] for r in rows} == {str(t) for t in c.of_type("Trend")}
    assert [(r["trendLabel"], r["label"]) for r in rows] == sorted(
        (r["trendLabel"], r["label"]) for r in rows
    )


def check_specializations(rows, c):
    pairs = {(r["specialization"], r["role"]) for r in rows}
    specs = {str(s) for s in c.of_type("Specialization")}
    assert {SGD + s for s in ("database-administrator", "devops-engineer", "cloud-engineer")} <= specs
    assert pairs == {(s, str(c.previous(c.iri(s)))) for s in specs}  # each branches from exactly one role
    for r in rows:
        assert r["level"] == int(c.data.value(c.iri(r["role"]), c.sg.level))
    assert [r["level"] for r in rows] == sorted(r["level"] for r in rows)


def check_education_teaches(rows, c):
    taught = {(r["education"], r["skill"]) for r in rows}
    education = {str(e) for e in c.of_type("EducationPath")}
    assert taught == {(e, s) for e, s in c.pairs("teaches") if e in education}
    assert SGD + "computer-science-degree" in {r["education"] for r in rows}


def check_role_tools(rows, c):
    expected = {c.label(t) for t in c.data.objects(c.iri("lead-backend-developer"), c.sg.usesTool)}
    assert [r["label"] for r in rows] == sorted(expected)
    assert {"GitLab", "Jira", "Slack"} <= expected  # the seed's tools


def check_unrequired_skills(rows, c):
    required = {str(c.data.value(r, c.sg.skill)) for r in c.data.objects(None, c.sg.requirement)}
    skills = {str(s) for s in c.of_type("Skill") | c.of_type("SkillChoice")}
    assert {r["skill"] for r in rows} == skills - required
    assert len(rows) == len(skills - required)
    alternatives = {b for _, b in c.pairs("anyOf")}
    prerequisites = {b for _, b in c.pairs("hasPrerequisite")}
    for r in rows:
        assert r["alternativeOf"] is (r["skill"] in alternatives)
        assert r["prerequisiteOf"] is (r["skill"] in prerequisites)
    # the backend-language alternatives are not required one by one
    assert {SGD + "python", SGD + "java"} <= {r["skill"] for r in rows}
    # in the order a reader looks a name up in: case does not count
    keys = [(r["label"].lower(), r["skill"]) for r in rows]
    assert keys == sorted(keys)


def check_unsourced_nodes(rows, c):
    assert rows == []  # every curated node has a source (see test_unsourced_nodes_found)


def check_role_ladder(rows, c):
    roles = c.of_type("Role")
    level = {r: int(c.data.value(r, c.sg.level)) for r in roles}
    assert {r["role"] for r in rows} == {str(r) for r in roles}  # every role appears
    assert [r["level"] for r in rows] == sorted(r["level"] for r in rows)  # in level order
    assert {(r["role"], r["next"]) for r in rows if r["next"]} == c.pairs("progressesTo")
    for r in rows:
        assert r["level"] == level[c.iri(r["role"])]
        assert r["next"] is None or level[c.iri(r["next"])] > r["level"]
    tops = {r["role"] for r in rows if r["next"] is None}
    assert tops == {str(r) for r in roles if (r, c.sg.progressesTo, None) not in c.data}
    assert rows[0]["role"] == SGD + "junior-backend-developer"
    assert rows[0]["next"] == SGD + "mid-level-backend-developer"


def check_skills_by_category(rows, c):
    counts: dict[str, set] = {}
    for skill, category in c.data.subject_objects(c.sg.category):
        counts.setdefault(c.label(category), set()).add(skill)
    assert {r["label"]: r["skills"] for r in rows} == {k: len(v) for k, v in counts.items()}
    values = [r["skills"] for r in rows]
    assert values == sorted(values, reverse=True)


def check_role_requirements(rows, c):
    role = c.iri(PARAMS["role-requirements"]["role"])
    need = c.effective(role)
    assert {(r["skill"], r["rank"]) for r in rows} == {(str(s), rank) for s, (rank, _) in need.items()}
    assert len(rows) == len(need)
    level_of = {c.rank(level): c.label(level) for level in c.of_type("ProficiencyLevel")}
    for r in rows:
        assert r["proficiency"] == level_of[r["rank"]]
        # the role the requirement comes from asks it at that level, or higher when lowered since
        assert c.own(c.iri(r["from"]))[c.iri(r["skill"])][0] >= r["rank"]
    assert any(c.own(c.iri(r["from"]))[c.iri(r["skill"])][0] > r["rank"] for r in rows), (
        "the manager asks some hands-on skill at a lower level than the roles below"
    )
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)


def check_node_sources(rows, c):
    python = c.iri("python")
    expected = {}
    for graph in c.data.graphs():
        n = len(set(graph.triples((python, None, None)))) + len(set(graph.triples((None, None, python))))
        if n and str(graph.identifier).startswith("https://w3id.org/skillgraph/source/"):
            expected[str(graph.identifier)] = n
    assert {r["source"]: r["statements"] for r in rows} == expected
    by_source = {r["source"].rsplit("/", 1)[-1]: r["statements"] for r in rows}
    assert {"domain-knowledge", "effort-estimates", "seed-1-key-skills"} <= set(by_source)
    assert by_source["effort-estimates"] == 4  # one sg:effort per proficiency level
    assert any(r["label"].startswith("seed §1") for r in rows)


def check_skill_choices(rows, c):
    choices = {(r["choice"], r["alternative"]) for r in rows}
    assert choices == c.pairs("anyOf")
    assert {r["choice"] for r in rows} == {str(s) for s in c.of_type("SkillChoice")}
    assert {SGD + a for a in ("python", "java", "nodejs")} <= {
        b for a, b in choices if a == SGD + "backend-language"
    }


def check_role_effort(rows, c):
    import skillgraph

    g = skillgraph.load()
    roles = c.of_type("Role") | c.of_type("Specialization")
    assert {r["role"] for r in rows} == {str(r) for r in roles}
    bottom = {str(r) for r in c.of_type("Role") if c.previous(r) is None}
    for r in rows:
        assert r["skills"] == len(c.effective(c.iri(r["role"]))), r["label"]
        assert r["start"] in bottom, r["label"]  # counted from the first role of the ladder
        path = skillgraph.career_path(g, r["start"], r["role"])  # the figure `path` gives
        assert float(r["totalHours"]) == pytest.approx(path.effort_hours), r["label"]
        assert r["practice"] == sum(len(step.practice) for step in path.steps), r["label"]
    by_role = {r["role"].removeprefix(SGD): r for r in rows}
    assert by_role["senior-backend-developer"]["skills"] > by_role["junior-backend-developer"]["skills"]
    assert (
        by_role["senior-backend-developer"]["totalHours"]
        > by_role["mid-level-backend-developer"]["totalHours"]
    )


def check_implied_knowledge(rows, c):
    import skillgraph
    from skillgraph.algorithms.knowledge import implied

    django = c.iri("django")
    # knowing Django implies every prerequisite, direct or not, and what it covers (the rule)
    expected = c.prerequisites(django)
    assert {SGD + "python", SGD + "http"} <= {str(s) for s in expected}
    assert {str(s) for s in expected} <= {r["implied"] for r in rows}
    g = skillgraph.load()
    rule = implied(g, {str(django): 3})
    rule.pop(str(django))
    assert {r["implied"]: r["rank"] for r in rows} == rule
    assert all(1 <= r["rank"] <= 3 for r in rows)  # never above the level known
    assert len(rows) == len({r["implied"] for r in rows})  # one row per skill, its highest level


EXPECTED = {
    "role-gap": check_role_gap,
    "prerequisites": check_prerequisites,
    "trend-skills": check_trend_skills,
    "specializations": check_specializations,
    "education-teaches": check_education_teaches,
    "role-tools": check_role_tools,
    "unrequired-skills": check_unrequired_skills,
    "unsourced-nodes": check_unsourced_nodes,
    "role-ladder": check_role_ladder,
    "skills-by-category": check_skills_by_category,
    "role-requirements": check_role_requirements,
    "node-sources": check_node_sources,
    "skill-choices": check_skill_choices,
    "role-effort": check_role_effort,
    "implied-knowledge": check_implied_knowledge,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_answer(name, oxigraph, curated):
    EXPECTED[name](run(name, oxigraph), curated)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stores_agree_on_saved_query(name, oxigraph, memory):
    ours, theirs = run(name, oxigraph), run(name, memory)
    assert ours == theirs  # same rows in the same order (saved queries ORDER BY)


def test_prerequisites_follow_long_chains(oxigraph, curated):
    import networkx as nx

    edges = nx.DiGraph(list(curated.pairs("hasPrerequisite")))
    assert nx.is_directed_acyclic_graph(edges)
    # the skill at the top of the longest prerequisite chain
    chain = nx.dag_longest_path(edges)
    assert len(chain) >= 4  # three steps at least
    rows = run("prerequisites", oxigraph, {"skill": f"<{chain[0]}>"})
    found = {r["prerequisite"] for r in rows}
    assert set(chain[1:]) <= found  # the whole chain, to its end
    assert found == set(nx.descendants(edges, chain[0]))
    assert chain[0] not in found


def test_role_gap_of_a_specialization_uses_branches_from(oxigraph, curated):
    for spec in sorted(curated.of_type("Specialization")):
        rows = run("role-gap", oxigraph, {"role": f"<{spec}>"})
        before, new = expected_gap(curated, spec)
        assert before == str(curated.data.value(spec, curated.sg.branchesFrom))
        assert {r["previous"] for r in rows} == {before}
        assert {(r["skill"], r["proficiency"]) for r in rows} == new
    rows = run("role-gap", oxigraph, {"role": "DevOps Engineer"})
    assert {r["previous"].removeprefix(SGD) for r in rows} == {"mid-level-backend-developer"}
    assert "infrastructure-as-code" in ids(rows, "skill")


# -- ad-hoc queries, both stores ---------------------------------------------------------


AD_HOC = [
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a owl:Class }",
    "SELECT ?g WHERE { GRAPH ?g { sg:Role a owl:Class } }",
    "SELECT ?s ?level ?hours WHERE { ?s sg:effort [ sg:proficiency ?level ; sg:hours ?hours ] "
    "FILTER(?hours > 100) } ORDER BY DESC(?hours) ?s ?level",
    "SELECT ?s WHERE { ?s skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), 'sql')) } ORDER BY ?s",
    "SELECT ?a ?b WHERE { ?a sg:progressesTo+ ?b } ORDER BY ?a ?b",
]


@pytest.mark.parametrize("text", AD_HOC)
def test_stores_agree_on_ad_hoc_queries(text, oxigraph, memory):
    ours = sparql.select(text, store=oxigraph)
    assert ours == sparql.select(text, store=memory)
    assert ours or "owl:Class }" in text  # GRAPH ?g ranges over named graphs only


def test_union_default_graph_and_graph_provenance(oxigraph):
    # the schema is in the default graph: visible in the union, in no named graph
    assert sparql.ask("ASK { sg:Role a owl:Class }", store=oxigraph)
    assert sparql.select("SELECT ?g WHERE { GRAPH ?g { sg:Role a owl:Class } }", store=oxigraph) == []
    # the seed section names the role; its level is the editors' (docs/content.md, "Provenance")
    rows = sparql.select(
        "SELECT ?g { GRAPH ?g { sgd:senior-backend-developer skos:prefLabel 'Senior Backend Developer'@en } }",
        store=oxigraph,
    )
    assert rows == [{"g": "https://w3id.org/skillgraph/source/seed-4-senior-lead"}]
    rows = sparql.select("SELECT ?g { GRAPH ?g { sgd:senior-backend-developer sg:level 3 } }", store=oxigraph)
    assert rows == [{"g": "https://w3id.org/skillgraph/source/domain-knowledge"}]


def numbers_as_values(graph):
    """The graph with numeric literals in one lexical form (Oxigraph writes 120.0 as 120)."""
    import rdflib

    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and isinstance(o.toPython(), (int, float, Decimal)):
            o = rdflib.Literal(float(o.toPython()))
        out.add((s, p, o))
    return out


def test_construct_and_describe_agree(oxigraph, memory):
    from rdflib.compare import isomorphic

    for text in (
        "CONSTRUCT { ?a sg:progressesTo ?b } WHERE { ?a sg:progressesTo ?b }",
        "CONSTRUCT { ?r sg:needs ?s } WHERE { ?r sg:requirement/sg:skill ?s }",
        "DESCRIBE sgd:python",
    ):
        ours, theirs = sparql.construct(text, store=oxigraph), sparql.construct(text, store=memory)
        assert len(ours) > 0
        assert isomorphic(numbers_as_values(ours), numbers_as_values(theirs)), text


def test_python_values(oxigraph):
    rows = sparql.select(
        "SELECT ?i ?d ?b ?s ?iri ?unbound "
        "{ BIND(3 AS ?i) BIND(2.5 AS ?d) BIND(true AS ?b) BIND('x'@en AS ?s) BIND(sgd:sql AS ?iri) }",
        store=oxigraph,
    )
    assert rows == [{"i": 3, "d": 2.5, "b": True, "s": "x", "iri": SGD + "sql", "unbound": None}]
    assert type(rows[0]["i"]) is int and type(rows[0]["d"]) is float


def test_dataframe(oxigraph, curated):
    frame = sparql.dataframe("SELECT ?role ?level { ?role sg:level ?level } ORDER BY ?level", store=oxigraph)
    assert frame.columns.tolist() == ["role", "level"]
    levels = sorted(int(curated.data.value(r, curated.sg.level)) for r in curated.of_type("Role"))
    assert frame["level"].tolist() == levels
    assert levels[0] == 1 and set(levels) == set(range(1, levels[-1] + 1))  # no rung missing
    assert frame["role"].tolist()[0] == SGD + "junior-backend-developer"
    frame = sparql.to_dataframe(sparql.run_saved("role-ladder", store=oxigraph))
    assert frame["label"].tolist()[0] == "Junior Backend Developer"


def test_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match="pip install pandas"):
        sparql.to_dataframe([{"a": 1}])


def test_wrong_form_for_the_function(oxigraph):
    with pytest.raises(InputError, match="ASK"):
        sparql.select("ASK {}", store=oxigraph)
    with pytest.raises(InputError, match="SELECT"):
        sparql.ask("SELECT * {}", store=oxigraph)
    with pytest.raises(InputError, match="SELECT"):
        sparql.construct("SELECT * {}", store=oxigraph)


# -- user files ----------------------------------------------------------------------------


def test_user_file_in_its_named_graph_in_both_stores():
    import rdflib

    data = [DATA / "frontend-track.ttl"]
    graph = (DATA / "frontend-track.ttl").resolve().as_uri()
    react = rdflib.URIRef("https://example.org/frontend/react")
    track = rdflib.Graph().parse(data[0], format="turtle")
    # type, label, category, one effort per level, prerequisite; and the requirement pointing at it
    statements = len(list(track.triples((react, None, None)))) + len(list(track.triples((None, None, react))))
    assert statements == 9
    for store in ("oxigraph", "memory"):
        rows = sparql.run_saved("node-sources", {"node": "React"}, data=data, store=store).records()
        assert rows == [{"source": graph, "label": graph, "statements": statements}]
        rows = sparql.run_saved("prerequisites", {"skill": "react"}, data=data, store=store).records()
        assert [r["label"] for r in rows] == ["HTML and CSS"]
        rows = sparql.run_saved("role-gap", {"role": "Frontend Developer"}, data=data, store=store).records()
        assert ids(rows, "skill") == ["https://example.org/frontend/react"]


SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SG_SKILL = "https://w3id.org/skillgraph/ontology#Skill"


def test_unsourced_nodes_found(tmp_path: Path):
    trig = tmp_path / "extra.trig"
    trig.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix sgd: <https://w3id.org/skillgraph/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "sgd:quantum a sg:Skill ; skos:prefLabel 'Quantum computing'@en ; sg:hasPrerequisite sgd:ghost .\n"
        "<https://example.org/src> { sgd:python sg:hasPrerequisite sgd:linux . }\n",
        encoding="utf-8",
    )
    ghost = {"node": SGD + "ghost", "label": None, "problem": "mentioned but never described"}
    orphan = {"node": SGD + "orphan", "label": "Orphan", "problem": "only in the default graph"}
    # A user's file is the source of all its statements, whatever graph they name.
    for kind in ("oxigraph", "memory"):
        assert sparql.run_saved("unsourced-nodes", data=[trig], store=kind).records() == [ghost]
    # Statements without any source (in the default graph) are found.
    ox_store = sparql.OxigraphStore([trig])
    mem_store = sparql.MemoryStore([trig])
    node, label = ox.NamedNode(SGD + "orphan"), ox.Literal("Orphan", language="en")
    ox_store.rdf.store.add(ox.Quad(node, ox.NamedNode(SKOS_PREF), label, ox.DefaultGraph()))
    ox_store.rdf.store.add(ox.Quad(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(SG_SKILL), ox.DefaultGraph()))
    from skillgraph.rdf.convert import to_rdflib

    for s_, p_, o_ in (
        (node, ox.NamedNode(SKOS_PREF), label),
        (node, ox.NamedNode(RDF_TYPE), ox.NamedNode(SG_SKILL)),
    ):
        mem_store.dataset.add((to_rdflib(s_), to_rdflib(p_), to_rdflib(o_)))
    for store in (ox_store, mem_store):
        records = sparql.run_saved("unsourced-nodes", store=store).records()
        assert orphan in records and ghost in records


# -- safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { sgd:a sgd:b sgd:c }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "CREATE GRAPH <http://example.org/g>",
        "COPY DEFAULT TO <http://example.org/g>",
        "# a comment first\ninsert data { <http://a> <http://b> <http://c> }",
    ],
)
def test_updates_are_refused(text, oxigraph, memory):
    for store in (oxigraph, memory):
        with pytest.raises(QueryRefusedError, match="updates are refused"):
            store.query(text)
    assert len(oxigraph) == len(memory) > 1000  # nothing changed


def test_update_words_inside_strings_comments_and_iris_are_allowed(oxigraph):
    rows = sparql.select(
        "# INSERT DATA { } and DROP ALL are only words here\n"
        "SELECT ?x ?y { BIND('INSERT DATA { <a> <b> <c> }' AS ?x) BIND(<http://example.org/DELETE> AS ?y) }",
        store=oxigraph,
    )
    assert rows[0]["x"] == "INSERT DATA { <a> <b> <c> }"


def test_service_is_refused_without_allow_service(oxigraph, memory):
    text = "SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    for store in (oxigraph, memory):
        with pytest.raises(QueryRefusedError, match=r"SERVICE \(line 2, column 3\)"):
            store.query(text)
    with pytest.raises(QueryRefusedError):
        oxigraph.query("select * { service silent <http://example.org/sparql> { ?s ?p ?o } }")


def test_service_word_elsewhere_is_not_a_service_call(oxigraph):
    rows = sparql.select(
        "SELECT ?service { BIND('SERVICE <http://x>' AS ?service) } # SERVICE", store=oxigraph
    )
    assert rows == [{"service": "SERVICE <http://x>"}]


def test_service_runs_when_allowed(oxigraph):
    # Oxigraph refuses this port before sending anything: the query ran and the call failed.
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryExecutionError):
        oxigraph.query(text, allow_service=True)


def test_lexer_agrees_with_rdflib_algebra_on_service():
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    from skillgraph.sparql.syntax import service_calls

    def has_service(text: str) -> bool:
        found = []

        def visit(node):
            if getattr(node, "name", None) == "ServiceGraphPattern":
                found.append(node)

        traverse(prepareQuery(text).algebra, visit)
        return bool(found)

    for text in (
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p 'SERVICE' }",
        "SELECT * { OPTIONAL { ?s ?p ?o } { SELECT * { SERVICE SILENT ?g { ?s ?p ?o } } } }",
        "SELECT ?service { ?service ?p <http://example.org/SERVICE> }",
    ):
        assert bool(service_calls(text)) == has_service(text), text


# -- errors ----------------------------------------------------------------------------------


def test_syntax_error_has_line_and_column(oxigraph):
    with pytest.raises(QuerySyntaxError) as err:
        oxigraph.query("SELECT ?s\nWHERE { ?s ?p ?o ")
    assert (err.value.line, err.value.column) == (2, 18)  # the end of the text
    assert "expected one of" in str(err.value)
    assert err.value.exit_code == 2
    assert "\n" not in str(err.value)


def test_unknown_prefix(oxigraph, memory):
    for store in (oxigraph, memory):
        with pytest.raises(QuerySyntaxError, match=r"line 1, column 17: unknown prefix 'foo:' in 'foo:bar'"):
            store.query("SELECT * { ?s a foo:bar }")


def test_declared_prefix_is_fine(oxigraph):
    rows = sparql.select(
        "PREFIX foo: <https://w3id.org/skillgraph/id/> SELECT ?l { foo:sql skos:prefLabel ?l }"
    )
    assert rows == [{"l": "SQL"}]


def test_unknown_saved_query():
    with pytest.raises(UnknownQueryError, match="did you mean 'role-ladder'"):
        sparql.run_saved("role-ladders")


def test_missing_and_unknown_parameters(oxigraph):
    with pytest.raises(MissingParameterError, match="saved query 'role-gap' needs --param role=VALUE"):
        sparql.run_saved("role-gap", {}, store=oxigraph)
    with pytest.raises(InputError, match="has no parameter 'skill'"):
        sparql.run_saved("role-gap", {"role": "senior", "skill": "sql"}, store=oxigraph)


def test_parameter_of_the_wrong_type(oxigraph):
    with pytest.raises(UnknownNameError, match="unknown role/specialization 'python'"):
        sparql.run_saved("role-gap", {"role": "python"}, store=oxigraph)


# -- parameters are never pasted as text -----------------------------------------------------


def test_injection_through_a_node_parameter_is_just_an_unknown_name(oxigraph):
    with pytest.raises(UnknownNameError):
        sparql.run_saved(
            "prerequisites", {"skill": "sql> ?p ?o } ; DROP ALL ; SELECT * { <x"}, store=oxigraph
        )
    with pytest.raises(InputError, match="not a valid IRI"):
        sparql.run_saved("prerequisites", {"skill": "<http://x/> ?p ?o } #>"}, store=oxigraph)


def test_explicit_iri_parameter_skips_name_resolution(oxigraph):
    graph = skillgraph.load()
    kubernetes = graph.resolve("kubernetes")
    rows = sparql.run_saved("prerequisites", {"skill": f"<{kubernetes}>"}, store=oxigraph).records()
    expected = {graph.node(p)["id"] for p in nx.descendants(graph.prerequisites, kubernetes)}
    assert expected and set(ids(rows, "prerequisite")) == expected


def test_literal_parameters_are_escaped(oxigraph):
    declared = [sparql.Param("text", "string"), sparql.Param("n", "integer")]
    text = sparql.prepare(
        "SELECT ?t ?n { BIND($text AS ?t) BIND($n AS ?n) }",
        {"text": 'a "quoted" } ; DROP ALL #\nline', "n": "7"},
        declared=declared,
    )
    assert query_form(text) == "select"
    rows = sparql.select(text, store=oxigraph)
    assert rows == [{"t": 'a "quoted" } ; DROP ALL #\nline', "n": 7}]
    with pytest.raises(InputError, match="must be an integer"):
        sparql.prepare("SELECT * { BIND($n AS ?n) }", {"n": "7; DROP"}, declared=declared[1:])


def test_ad_hoc_query_parameters_are_node_names(oxigraph):
    rows = sparql.select(
        "SELECT ?l { $skill skos:prefLabel ?l }", params={"skill": "postgres"}, store=oxigraph
    )
    assert rows == [{"l": "PostgreSQL"}]


def test_unknown_store():
    with pytest.raises(InputError, match="unknown store 'sqlite'"):
        sparql.open_store(store="sqlite")


@pytest.mark.parametrize("store", sorted(sparql.STORES))
def test_every_store_refuses_an_answer_over_the_row_limit(store: str) -> None:
    opened = sparql.open_store(store=store)
    assert len(opened.query("SELECT * { ?s ?p ?o } LIMIT 3", max_rows=3).rows) == 3
    with pytest.raises(QueryExecutionError, match="more than 3 rows"):
        opened.query("SELECT * { ?s ?p ?o } LIMIT 4", max_rows=3)
    with pytest.raises(QueryExecutionError, match="more than 3 rows"):
        opened.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 4", max_rows=3)
