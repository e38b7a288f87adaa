"""Reading job postings: the skills they ask for, the levels their words state, the posting as a target.

Each posting here is written for the tests; each test says what an engineer reading it expects.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter

import pytest

import skillgraph
from skillgraph.algorithms.crosswalk import SAME
from skillgraph.algorithms.extract import OTHERS_NAME, extract
from skillgraph.algorithms.extract.idioms import IDIOMS
from skillgraph.algorithms.extract.index import extract_index, term, words
from skillgraph.algorithms.extract.posting import posting_target, required
from skillgraph.algorithms.extract.text import keys
from skillgraph.algorithms.knowledge import implied, is_satisfied
from skillgraph.algorithms.plan import gap, plan
from skillgraph.algorithms.similarity import stem
from skillgraph.importers import import_esco
from skillgraph.model.ladder import effective_requirements
from tests.helpers import DATA, invoke_cli

BACKEND = """\
Senior Backend Engineer (Python)

We build the APIs behind a payments platform, and you will keep our services observable.

Requirements:
- Expert in Python; solid experience with Django.
- Strong SQL and Postgres.
- Familiarity with Kafka.
- You deploy to k8s on AWS and describe infrastructure with Terraform.

Nice to have:
- Go
- Redis
"""

DATA_ENGINEER = """\
Data Engineer

You will build batch and streaming pipelines feeding our warehouse.
- Advanced SQL and data modelling.
- Experience with Apache Kafka and message queues.
- Python for the pipelines, Docker for packaging them.
- Basic knowledge of Kubernetes is a plus.
"""

NOTHING_TECHNICAL = """\
Shop assistant, weekend bakery

We are a family bakery looking for a friendly shop assistant to serve customers, keep the
counter tidy and help bake bread on Saturdays. You enjoy talking with people and can lift
heavy trays. Nice to have: a food hygiene certificate.
"""


@pytest.fixture(scope="module")
def esco_file(tmp_path_factory: pytest.TempPathFactory):
    # the ICT slice with the transversal skills the crosswalk links to, as a full ESCO has them
    folder = tmp_path_factory.mktemp("esco") / "esco"
    shutil.copytree(DATA / "esco-1.2.0-ict", folder)
    extra = (DATA / "esco-1.2.0-crosswalk" / "skills_en.csv").read_text(encoding="utf-8")
    with (folder / "skills_en.csv").open("a", encoding="utf-8", newline="") as skills:
        skills.write("".join(extra.splitlines(keepends=True)[1:]))
    out = folder.parent / "esco.ttl"
    import_esco(folder, out)
    return out


@pytest.fixture(scope="module")
def esco_graph(esco_file):
    return skillgraph.load([esco_file])


def _by_label(found):
    return {s.label: s for s in found.skills}


def test_a_backend_posting_names_its_stack_with_alternative_names_and_abbreviations(graph) -> None:
    # An engineer reads Python, Django, SQL, PostgreSQL ("Postgres"), Kafka, Kubernetes ("k8s"),
    # AWS and Terraform as asked, and Go and Redis as nice to have.
    found = _by_label(extract(graph, BACKEND, top=None))
    for name in ("python", "django", "sql", "postgres", "kafka", "k8s", "aws", "terraform", "go", "redis"):
        key = graph.resolve(name)
        assert graph.label(key) in found, name
        assert found[graph.label(key)].how != "description", name
    assert found["Kubernetes"].evidence == "k8s" and found["PostgreSQL"].evidence == "Postgres"


def test_dot_net_written_apart_from_its_dot_is_dot_net(graph) -> None:
    # a text split at its punctuation writes ".NET" as ". NET"; a full stop follows its word
    spaced = {s.key for s in extract(graph, "Azure . NET and PowerShell").skills if s.how != "description"}
    assert graph.resolve(".net") in spaced
    stop = {s.key for s in extract(graph, "Our platform. Net revenue grew.").skills if s.how != "description"}
    assert graph.resolve(".net") not in stop


def test_levels_and_importance_follow_the_words(graph) -> None:
    found = _by_label(extract(graph, BACKEND, top=None))
    python, django, kafka = found["Python"], found["Django"], found[graph.label(graph.resolve("kafka"))]
    assert (python.level_label, python.importance) == ("expert", "essential")
    assert django.level_label == "advanced"  # "solid experience with"
    assert kafka.level_label == "foundational"  # "familiarity with"
    assert found["Go"].importance == found["Redis"].importance == "optional"  # under "Nice to have:"
    assert found["Terraform"].level is None and found["Terraform"].level_label == "unstated"


def test_a_level_speaks_for_its_own_clause_only(graph) -> None:
    found = _by_label(extract(graph, "Expert in Python, familiarity with Docker. Redis is a plus."))
    docker = graph.label(graph.resolve("docker"))
    assert found["Python"].level_label == "expert" and found[docker].level_label == "foundational"
    assert found["Redis"].importance == "optional" and found["Python"].importance == "essential"


def test_a_description_finds_the_skill_it_describes(graph) -> None:
    found = extract(graph, "You will keep our services observable.").skills
    assert found and found[0].key == graph.resolve("observability")
    assert found[0].how == "description" and "observable" in found[0].evidence


def test_a_word_of_a_name_found_does_not_make_another_skill_a_requirement(graph) -> None:
    # "AWS or GCP" names two clouds: a skill whose label only shares the word "AWS" (a service of
    # that cloud) is a guess at most, never a requirement of the posting.
    extraction = extract(graph, "AWS or GCP is a plus.")
    asked = {s.key for s in required(extraction)}
    assert asked == {graph.resolve("aws"), graph.resolve("gcp")}


def test_inflections_and_plurals_match(graph) -> None:
    found = {s.key for s in extract(graph, "We design REST APIs and microservice architectures.").skills}
    assert {graph.resolve("rest"), graph.resolve("microservices")} <= found


def test_common_words_are_not_read_as_skills(graph) -> None:
    found = {s.key for s in extract(graph, "We go the extra mile and rest on weekends.").skills}
    assert graph.resolve("go") not in found and graph.resolve("rest") not in found
    # "explain" to a customer is no query plan; EXPLAIN, written as SQL writes it, is
    indexing = graph.resolve("query tuning")
    assert indexing not in {
        s.key for s in extract(graph, "You explain technical issues to customers.").skills
    }
    assert indexing in {s.key for s in extract(graph, "You read EXPLAIN output.").skills}


def test_a_data_engineer_posting(graph) -> None:
    # An engineer reads SQL (advanced), data modelling, Kafka, message queues, Python, Docker,
    # and Kubernetes as a nice-to-have at the foundational level.
    found = _by_label(extract(graph, DATA_ENGINEER, top=None))
    sql, kubernetes = found["SQL"], found["Kubernetes"]
    assert sql.level_label == "advanced"
    assert (kubernetes.importance, kubernetes.level_label) == ("optional", "foundational")
    for name in ("data modelling", "kafka", "message queues", "python", "docker"):
        assert graph.label(graph.resolve(name)) in found, name


def test_nothing_technical_finds_no_skill(graph) -> None:
    # A bakery's shop assistant: no backend skill is asked, so none is found.
    assert extract(graph, NOTHING_TECHNICAL).skills == ()
    assert invoke_cli("extract", "-", input=NOTHING_TECHNICAL).output.strip() == "no skills found"


@pytest.mark.parametrize("data", ["curated", "esco"])
def test_a_posting_asking_what_every_job_asks_is_close_to_no_role(graph, esco_graph, data: str) -> None:
    # A shop assistant who is a team player with good communication skills: every role asks
    # that, so no role (and no occupation linked to one) is the posting's closest.
    from skillgraph.algorithms.extract.posting import of_every_job, with_closest

    g = graph if data == "curated" else esco_graph
    text = "Shop assistant\n\nYou are a team player with good communication skills and attention to detail."
    found = with_closest(g, extract(g, text))
    assert required(found) and all(of_every_job(g, s) for s in required(found))
    assert not [m for m in found.closest if m.kind == "role"], found.closest
    # one skill of a trade beside them is enough to be close to the roles of that trade
    found = with_closest(
        g, extract(g, text.replace("communication skills", "communication skills and Python"))
    )
    assert [m for m in found.closest if m.kind == "role"]


def test_the_announcement_that_a_job_is_open_asks_no_skill(graph) -> None:
    # "We're hiring" announces the job: a backend engineer is not asked to hire. Hiring asked
    # as a duty or an experience (an engineering manager's posting) still is.
    hiring = graph.resolve("hiring and interviewing")
    for announcement in ("We are hiring a backend engineer.", "We're hiring!", "Acme is now hiring."):
        assert hiring not in {s.key for s in extract(graph, announcement).skills}, announcement
    for duty in ("You will own hiring for the platform team.", "Experience hiring and growing engineers."):
        assert hiring in {s.key for s in extract(graph, duty).skills}, duty


def test_the_text_says_which_skills_are_guesses(graph) -> None:
    # What gap and plan will not ask for is not shown as asked: "Strong SQL" names SQL; the
    # SQL databases or SQL Server a description of three letters suggests are guesses.
    from skillgraph.algorithms.extract.posting import required
    from skillgraph.present.extract import extraction_text

    extraction = extract(graph, BACKEND, top=None)
    asked = {s.label for s in required(extraction)}
    guesses = [s.label for s in extraction.skills if s.label not in asked]
    assert guesses, "the backend posting has guesses"
    rows = {line.split("  ")[0]: line for line in extraction_text(extraction).splitlines()}
    for label in guesses:
        assert " guess " in rows[label], rows[label]
    for label in asked:
        assert " guess " not in rows[label], rows[label]


def test_mentions_rank_above_inferences_and_best_first(graph) -> None:
    found = extract(graph, BACKEND, top=None).skills
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    mentions = [s.score for s in found if s.how != "description"]
    inferred = [s.score for s in found if s.how == "description"]
    assert min(mentions) > max(inferred, default=0)


def test_java_is_not_javascript_on_esco(esco_graph) -> None:
    g = esco_graph
    java = {s.key for s in extract(g, "Five years of Java and Spring.").skills}
    javascript = {s.key for s in extract(g, "Five years of JavaScript and React.").skills}
    assert java and javascript and not java & javascript
    assert all("javascript" not in g.label(k).casefold() for k in java)


def test_a_long_clause_saying_most_of_a_label_finds_the_skill_on_esco(esco_graph) -> None:
    # The clause speaks of much else (a team, bikes, countries), but "e-commerce" is the telling
    # word of ESCO's "e-commerce systems": an engineer reads that the shop's systems are asked.
    g = esco_graph
    text = "Our small team builds and runs an e-commerce shop for bikes in three countries."
    found = [s.key for s in extract(g, text).skills]
    assert found[:1] == [g.resolve("e-commerce systems")]


def test_a_proper_name_that_is_also_an_ordinary_word_counts_only_written_as_a_name(esco_graph) -> None:
    # ESCO lists "Source" (a game engine) and "Access" (a database) as alternative names. A backend
    # posting asking for open source contributions and access to production data asks for neither
    # product; a studio writing "built on Source" and "reports in Access" asks for both.
    g = esco_graph
    engine = g.resolve("Source (digital game creation systems)")
    database = g.resolve("Microsoft Access")
    text = "You have contributed to open source projects and had access to production data."
    found = extract(g, text, top=None)
    assert not {s.key for s in required(found)} & {engine, database}
    assert not [s for s in found.skills if s.key in (engine, database) and s.how != "description"]
    named = {s.key: s.how for s in extract(g, "Our tools are built on Source; reports in Access.").skills}
    assert named.get(engine) == named.get(database) == "alt"


def test_the_telling_word_of_a_two_word_label_says_it_among_other_names_on_esco(esco_graph) -> None:
    # A stack listed word after word, and a clause of tools: an engineer reads that the team
    # works in the cloud (ESCO's "cloud technologies": "technologies" says little) and asks for
    # automation (ESCO's "automation technology"), however many other names stand beside them.
    # One word does not say most of a longer label: shipping code is no analysis of ship data.
    g = esco_graph
    stack = {s.key for s in extract(g, "Java Spring Boot NoSQL Cloud CI/CD", top=None).skills}
    assert g.resolve("cloud technologies") in stack
    tools = {
        s.key for s in extract(g, "Experience in automation (PowerShell, Bash, Azure CLI).", top=None).skills
    }
    assert g.resolve("automation technology") in tools
    shipped = extract(g, "You ship to k8s on AWS and describe infrastructure with Terraform.", top=None)
    assert g.resolve("conduct analysis of ship data") not in {s.key for s in shipped.skills}


def test_a_few_common_words_of_a_long_label_do_not_make_it_a_requirement_on_esco(esco_graph) -> None:
    # "keep our services observable" says "keep" and "services" of ESCO's "keep aeronautical
    # information management services up-to-date", and "payments" one word of "operate electronic
    # payment terminals": an engineer reads neither as asked of a backend engineer.
    g = esco_graph
    text = "Backend Engineer, payments\n\nYou will build the APIs of our payments platform and keep our services observable."
    asked = {s.key for s in required(extract(g, text, top=None))}
    for label in (
        "maintain up-to-date aeronautical information management services",
        "operate electronic payment terminals",
    ):
        assert g.resolve(label) not in asked, label
    assert g.resolve("APIs") in asked


def test_a_word_that_starts_many_labels_alone_describes_none_of_them_on_esco(esco_graph) -> None:
    # "You will manage your knowledge" asks neither "manage a team" nor "Secrets management": a
    # word that starts dozens of labels tells none of them apart. The words are the commonest
    # first words of the graph's labels of two words or more.
    g = esco_graph
    index = extract_index(g)
    firsts = Counter(
        words[0].casefold()
        for words in (g.label(s).split() for s in g.nodes("skill"))
        if len(words) >= 2 and term(stem(words[0].casefold())) in index.terms
    )
    common = [word for word, count in firsts.most_common(5) if count > 20]
    assert len(common) == 5, firsts.most_common(5)
    for word in common:
        found = extract(g, f"You will {word} your knowledge.", top=None)
        alone = [s.label for s in found.skills if s.how == "description" and len(s.label.split()) >= 2]
        assert not alone, (word, alone)
    # said with the rest of its label, a skill is still found
    label = next(g.label(s) for s in g.nodes("skill") if g.label(s).casefold().startswith(common[0] + " "))
    assert g.resolve(label) in {s.key for s in extract(g, f"You will {label}.", top=None).skills}


def test_the_verb_many_competences_start_with_is_no_name_alone_on_esco(esco_file, tmp_path) -> None:
    # Full ESCO holds a skill labelled "plan" beside dozens of competences "plan ...": "Plan the
    # weekly delivery rounds" asks no skill "plan", while a posting of its trade may. The verbs are
    # the commonest first words of the graph's competences, each added as a one-word label.
    g = skillgraph.load([esco_file])
    verbs = Counter(
        words[0]
        for words in (
            g.label(s).split() for s in g.nodes("skill") if g.node(s).get("skill_type") == "competence"
        )
        if len(words) >= 2
    )
    common = [verb for verb, count in verbs.most_common(5) if count > 20 and verb.islower()]
    assert len(common) == 5, verbs.most_common(5)
    extra = tmp_path / "verbs.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + "".join(
            f'<https://example.org/skill/{verb}> a sg:Skill ; skos:prefLabel "{verb}"@en .\n'
            for verb in common
        ),
        encoding="utf-8",
    )
    g = skillgraph.load([esco_file, extra])
    for verb in common:
        found = {
            s.key: s for s in extract(g, f"{verb.capitalize()} the weekly delivery rounds.", top=None).skills
        }
        skill = f"https://example.org/skill/{verb}"
        assert skill not in found or found[skill].score <= OTHERS_NAME, verb
    # a knowledge's first word is no verb: ESCO's one-word labels of nouns stay names
    nouns = [
        s
        for s in g.nodes("skill")
        if " " not in g.label(s) and g.label(s).islower() and g.node(s).get("skill_type") == "knowledge"
    ]
    assert nouns
    for noun in nouns[:20]:
        said = {s.key: s.score for s in extract(g, f"Experience with {g.label(noun)}.", top=None).skills}
        assert said.get(noun) == 1.0, g.label(noun)


def test_a_two_word_label_said_the_other_way_round_is_another_thing(graph) -> None:
    # "our design system" (a set of UI components) is no system design: a noun of two words is
    # named by its last one. Every two-word label of the graph, said the other way round after
    # "our", describes its skill no more; said as a verb and its object, it still may.
    index = extract_index(graph)
    checked = 0
    for skill in graph.nodes("skill"):
        label = graph.label(skill)
        parts = label.split()
        if len(parts) != 2 or not all(p.isalpha() for p in parts) or len(words(label)) != 2:
            continue
        text = f"We maintain our {parts[1].lower()} {parts[0].lower()}."
        found = {s.key: s for s in extract(graph, text, top=None).skills}
        assert skill not in found or found[skill].how != "description", (label, text)
        checked += 1
    assert checked >= 10
    assert index.pairs
    found = {s.key for s in extract(graph, "You will design systems that scale.", top=None).skills}
    assert graph.resolve("system design") in found


def test_a_name_that_starts_inside_another_is_read_too(esco_file, tmp_path) -> None:
    # Full ESCO names "show commitment" "enjoy working" too, and "work in teams" "working in
    # teams": "You enjoy working in teams" says both, though the two names share a word.
    extra = tmp_path / "teams.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/skill/commitment> a sg:Skill ; skos:prefLabel "show commitment"@en ;'
        ' skos:altLabel "enjoy working"@en .\n'
        '<https://example.org/skill/teams> a sg:Skill ; skos:prefLabel "work in teams"@en ;'
        ' skos:altLabel "working in teams"@en .\n',
        encoding="utf-8",
    )
    g = skillgraph.load([esco_file, extra])
    found = {s.key: s for s in extract(g, "You enjoy working in teams.", top=None).skills}
    for key, said in (("commitment", "enjoy working"), ("teams", "working in teams")):
        assert found[f"https://example.org/skill/{key}"].evidence == said
    # a name inside a longer one is not read again: "SQL Server" says no SQL
    said = {s.key: s.how for s in extract(g, "Microsoft SQL Server.", top=None).skills}
    assert said.get(g.resolve("SQL")) in (None, "description")
    assert said[g.resolve("Microsoft SQL Server")] in ("label", "alt")


def test_a_name_is_described_only_with_its_telling_word(esco_file, tmp_path) -> None:
    # Full ESCO's "leather technology" is also "technologies of the leather industry": "industry-wide
    # technology strategies" says two of its three words, but not "leather", the one that tells
    # it from every other technology. It is at most a guess; said with "leather", it is asked.
    extra = tmp_path / "leather.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/skill/leather> a sg:Skill ; skos:prefLabel "leather technology"@en ;'
        ' skos:altLabel "technologies of the leather industry"@en .\n',
        encoding="utf-8",
    )
    g = skillgraph.load([esco_file, extra])
    leather = "https://example.org/skill/leather"
    found = {
        s.key: s.score
        for s in extract(g, "Knowledge of industry-wide technology strategies.", top=None).skills
    }
    assert found.get(leather, 0.0) <= OTHERS_NAME
    found = {
        s.key: s.score
        for s in extract(g, "You know the leather industry and its technologies.", top=None).skills
    }
    assert found[leather] > OTHERS_NAME


def test_a_word_with_letters_beyond_ascii_is_one_word(esco_file, tmp_path) -> None:
    # Full ESCO names Occitan "Provençal": read as "Proven" and "al", "proven experience" asked
    # for Occitan. A word is its letters of any script, accents folded.
    extra = tmp_path / "occitan.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/skill/occitan> a sg:Skill ; skos:prefLabel "Occitan"@en ;'
        ' skos:altLabel "Provençal"@en .\n',
        encoding="utf-8",
    )
    g = skillgraph.load([esco_file, extra])
    occitan = "https://example.org/skill/occitan"
    assert occitan not in {s.key for s in extract(g, "Proven experience with Python.", top=None).skills}
    for said in ("You speak Provençal.", "You speak provencal."):
        assert occitan in {s.key for s in extract(g, said, top=None).skills}, said


def test_an_acronym_or_a_noun_in_ics_is_read_only_in_its_own_form_on_esco(esco_graph) -> None:
    # ESCO's "ST" (a system test) is no "St Aldhelm's", its "electronics" no "electronic patient
    # record": every short name the data writes only in capitals, and every noun in -ics
    g = esco_graph
    index = extract_index(g)
    kinds = Counter(index.strict.values())
    assert kinds["acronym"] >= 3 and kinds["-ics"] >= 3, kinds
    for name, kind in index.strict.items():
        skills = {s for s, _ in index.names[name]}
        if kind == "acronym":
            upper = name[0].upper()
            titled = upper[:1] + upper[1:].lower()
            if titled == upper:
                continue  # "X10": no form with one capital
            wrong, right = f"We are at {titled} Aldhelm's.", f"You know {upper} well."
        else:
            adjective = name[0] if not name[0].endswith("ics") else name[0][:-1]
            wrong, right = f"Keep the {adjective} records up to date.", f"You know {adjective}s well."
        named = {s.key for s in extract(g, wrong, top=None).skills if s.how != "description"}
        assert not skills & named, (name, wrong)
        if kind == "-ics" and name not in index.cased:  # a common word ("metrics") counts as written
            named = {k for s in extract(g, right, top=None).skills for k in (s.key, *s.same)}
            assert skills & named, (name, right)


def test_a_name_of_three_words_is_described_only_with_its_head(esco_file, tmp_path) -> None:
    # ESCO's "maintain warehouse database" is no "Keep the warehouse clean": the clause says two of
    # its three words, but not "database", the noun the name names. Said with it, it is asked.
    extra = tmp_path / "warehouse.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/skill/wms> a sg:Skill ; skos:prefLabel "maintain warehouse database"@en ;'
        ' skos:altLabel "keep warehouse database"@en .\n',
        encoding="utf-8",
    )
    g = skillgraph.load([esco_file, extra])
    wms = "https://example.org/skill/wms"
    found = {s.key: s.score for s in extract(g, "- Keep the warehouse clean and tidy.", top=None).skills}
    assert found.get(wms, 0.0) <= OTHERS_NAME
    found = {s.key: s.score for s in extract(g, "- Keep the warehouse database up to date.", top=None).skills}
    assert found[wms] > OTHERS_NAME


def test_what_the_employer_provides_is_not_asked_on_esco(esco_graph) -> None:
    # "(training provided)" is a benefit: its words ask nothing, nor describe a skill asked (ESCO's
    # "provide technical training")
    found = extract(esco_graph, "- Run our Kubernetes clusters (training provided)")
    assert "Kubernetes" in {s.label for s in found.skills}
    assert not [s for s in found.skills if s.how == "description" and "training" in s.evidence]


def test_a_name_written_with_capitals_is_the_skill_that_writes_it_so_on_esco(esco_graph) -> None:
    # "Spark" in a posting is Apache Spark, which writes it so, not ESCO's SPARK (a Java web
    # framework) whose label it is; written "SPARK", it is that framework. Checked for every name
    # that is one skill's label and another's alternative, written differently.
    g = esco_graph
    index = extract_index(g)
    checked = 0
    for writers in index.spellings.values():
        for skill, forms in writers.items():
            for form in forms:
                if form.islower() or any(form in other for s, other in writers.items() if s != skill):
                    continue
                found = extract(g, f"Experience with {form} is required.", top=None)
                named = {s.key for s in found.skills if s.how != "description"} | {
                    k for s in found.skills if s.how != "description" for k in s.same
                }
                assert skill in named, (form, g.label(skill))
                rivals = {o for o in writers if o != skill and not _same_skill(g, o, skill)}
                assert not named & rivals, (form, g.label(skill))
                checked += 1
    assert checked >= 3, checked


def _same_skill(g, one: str, other: str) -> bool:
    # the same knowledge across the crosswalk: an exact or a close match, from either side
    return any(k in SAME and t == other for k, t in g.node(one).get("matches", ())) or any(
        k in SAME and t == one for k, t in g.node(other).get("matches", ())
    )


def test_the_ing_form_of_a_verb_ending_in_e_names_the_skill_on_esco(esco_graph) -> None:
    # "Managing data" and "handling incidents" are ESCO's "manage data" and "handle incidents":
    # a posting writes the -ing form of what the labels write as the verb itself.
    g = esco_graph
    labels = [
        label
        for label in map(g.label, g.nodes("skill"))
        if label[:1].islower() and len(label.split()) == 2 and re.fullmatch(r"[a-z]{4,}e", label.split()[0])
    ]
    assert len(labels) >= 20, labels
    for label in labels:
        verb, rest = label.split(" ", 1)
        found = extract(g, f"You will be {verb[:-1]}ing {rest} every day.", top=None)
        named = {s.key for s in found.skills if s.how != "description"}
        assert g.resolve(label) in named, label


def test_esco_occupation_and_curated_role_are_named(esco_graph) -> None:
    from skillgraph.algorithms.extract.posting import is_curated, with_closest

    found = with_closest(esco_graph, extract(esco_graph, BACKEND))
    kinds = {m.kind: m for m in found.closest}
    assert is_curated(kinds["role"].key) and not is_curated(kinds["occupation"].key)
    assert kinds["role"].key == esco_graph.resolve("senior") and kinds["role"].named
    # the occupation shares skills with the posting (a curated skill stands for its exact matches)
    asked = {k for s in found.skills for k in (s.key, *s.same)}
    assert asked & set(effective_requirements(esco_graph, kinds["occupation"].key, include_optional=True))


def test_a_title_names_the_role_by_any_of_its_names(graph) -> None:
    # every name of a role or specialization, as a posting's title, names it: "Senior Site
    # Reliability Engineer" is the DevOps specialization (SRE implements DevOps)
    from skillgraph.algorithms.extract.posting import with_closest

    checked = 0
    for role in graph.nodes(("role", "specialization")):
        for name in (graph.label(role), *graph.node(role).get("alt_labels", ())):
            if len(name.split()) < 2 or not name[:1].isupper():
                continue
            text = f"{name}\n\nYou will build and run our services with Python and PostgreSQL."
            found = with_closest(graph, extract(graph, text))
            roles = [m for m in found.closest if m.kind == "role"]
            assert roles and roles[0].key == role and roles[0].named, (name, roles[:1])
            checked += 1
    assert checked >= 10
    assert graph.resolve("Site Reliability Engineer") == graph.resolve("devops")


def test_a_role_s_choice_is_shared_by_a_posting_asking_one_of_its_alternatives(graph) -> None:
    # A skill choice is met by one alternative: a posting asking Go shares the backend language
    # every role asking one requires, as a posting naming the choice would.
    from skillgraph.algorithms.extract.posting import closest_roles

    choice = graph.resolve("backend language")
    for alternative in graph.choices[choice][:3]:
        found = extract(graph, f"Experience with {graph.label(alternative)}.", top=None)
        assert [s.key for s in found.skills] == [alternative]
        ranked = dict(closest_roles(graph, found, top=len(graph)))
        for role in graph.nodes(("role",)):
            required = effective_requirements(graph, role, include_optional=True)
            if choice in required and alternative not in required:
                assert ranked.get(role, 0) > 0, (graph.label(alternative), graph.label(role))


def test_a_posting_asking_what_a_specialization_adds_is_closest_to_it(graph) -> None:
    # A posting that names no role but lists the skills a specialization requires on top of the
    # role it branches from (a data engineer's warehousing, orchestration and pipelines) is
    # closest to that specialization.
    from skillgraph.algorithms.extract.posting import closest_roles

    specializations = list(graph.nodes(("specialization",)))
    assert graph.resolve("data engineer") in specializations
    for specialization in specializations:
        own = [s for s, _ in graph.out_edges(specialization, "requires")]
        found = extract(graph, "We need: " + ", ".join(graph.label(s) for s in own) + ".", top=None)
        assert not found.named
        assert closest_roles(graph, found, top=1)[0][0] == specialization, graph.label(specialization)


def test_the_closest_occupation_is_the_one_the_crosswalk_links_to_the_closest_role(esco_graph) -> None:
    # The crosswalk's links are curated claims that a role is (or is within) an occupation: the
    # role's closest link names the occupation, and says so; a posting naming an occupation
    # keeps it.
    from skillgraph.algorithms.crosswalk import role_links
    from skillgraph.algorithms.extract.posting import is_curated, with_closest

    checked = 0
    for role in esco_graph.nodes(("role",)):
        links = [(k, rel) for k, rel in role_links(esco_graph, role) if not is_curated(k)]
        if not is_curated(role) or not links:
            continue
        found = with_closest(esco_graph, extract(esco_graph, f"{esco_graph.label(role)}\n\nPython and SQL."))
        kinds = {m.kind: m for m in found.closest}
        assert kinds["role"].key == role, esco_graph.label(role)
        assert kinds["occupation"].key == links[0][0], esco_graph.label(role)
        assert kinds["occupation"].via == (role, esco_graph.label(role), links[0][1])
        checked += 1
    assert checked >= 5
    named = with_closest(esco_graph, extract(esco_graph, "Software Architect\n\nPython, SQL and Kubernetes."))
    occupation = next(m for m in named.closest if m.kind == "occupation")
    assert occupation.named and occupation.via is None
    assert esco_graph.label(occupation.key).strip() == "software architect"


def test_a_choice_is_met_by_an_alternative_the_posting_also_asks_alone(graph) -> None:
    # "via Apache Kafka" asks Kafka; "(Kafka or RabbitMQ)" is then met by Kafka: the posting
    # requires Kafka, and neither RabbitMQ nor a choice the plan could meet with RabbitMQ.
    text = "- Publish domain events via Apache Kafka\n- Experience with message brokers (Kafka or RabbitMQ)\n"
    view, key = posting_target(graph, extract(graph, text, top=None))
    asked = view.requirements(key, include_optional=True)
    assert graph.resolve("kafka") in asked and graph.resolve("rabbitmq") not in asked
    assert not [s for s in asked if s in view.choices and graph.resolve("kafka") in view.choices[s]]
    # asked only as one of two, they stay a choice
    view, key = posting_target(graph, extract(graph, "- Message brokers (Kafka or RabbitMQ)\n", top=None))
    choice = [s for s in view.requirements(key) if s in view.choices]
    assert len(choice) == 1 and set(view.choices[choice[0]]) == {
        graph.resolve("kafka"),
        graph.resolve("rabbitmq"),
    }


def test_the_posting_as_a_target_follows_the_same_semantics(graph) -> None:
    found = extract(graph, BACKEND)
    view, key = posting_target(graph, found)
    asked = view.requirements(key, include_optional=True)
    assert {s.key for s in required(found)} == set(asked)
    assert key not in graph  # the graph given is left as it was
    essential = view.requirements(key)
    assert graph.resolve("go") in asked and graph.resolve("go") not in essential  # optional
    # knowing Python at the level asked meets the requirement; it implies its prerequisites
    python = graph.resolve("python")
    missing = {i.key for i in gap(view, key, {python: 4}).items}
    assert python not in missing
    assert not missing & graph.all_prerequisites(python)
    # the plan meets every essential requirement, at the level asked
    learned = plan(view, key, {python: 4})
    after = implied(view, {python: 4, **{i.key: i.proficiency for i in learned.items}})
    for skill, rank in view.requirements(key).items():
        assert is_satisfied(view, skill, rank, after), view.label(skill)


def test_cli_gap_and_plan_with_a_posting(graph, tmp_path) -> None:
    posting = tmp_path / "job.txt"
    posting.write_text(BACKEND, encoding="utf-8")
    result = invoke_cli(
        "gap", "--have", "python:expert,sql:advanced", "--posting", posting, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    labels = {item["label"] for group in data["categories"] for item in group["skills"]}
    assert "Python" not in labels and "Django" in labels
    assert data["posting"]["closest"][0]["label"] == "Senior Backend Developer"
    result = invoke_cli("plan", "--have", "python", "--posting", posting)
    assert result.exit_code == 0, result.output
    assert "closest role: Senior Backend Developer" in result.output
    assert invoke_cli("gap", "--have", "python").exit_code == 2
    assert invoke_cli("gap", "--target", "senior", "--posting", posting).exit_code == 2


@pytest.mark.parametrize(
    "text",
    [
        NOTHING_TECHNICAL,
        "Registered Nurse\n\nYou give medication on the ward. Excellent communication skills.",
    ],
)
def test_a_posting_outside_the_graph_s_trades_has_no_gap(tmp_path, text: str) -> None:
    # A developer is not "one soft skill away" from a nurse's job, nor already a shop assistant:
    # a posting asking nothing the graph holds beyond what every job asks has no gap to measure.
    posting = tmp_path / "job.txt"
    posting.write_text(text, encoding="utf-8")
    for command in ("gap", "plan"):
        result = invoke_cli(command, "--have", "python:advanced,git", "--posting", posting)
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.output
        assert "job.txt asks for no skill the graph holds" in lines[0]


def test_cli_per_line_writes_one_json_object_a_line(tmp_path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("Expert in Python\n\nKubernetes and Terraform\nbaking bread\n", encoding="utf-8")
    result = invoke_cli("extract", lines, "--per-line", "--top", "1")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["skills"][0]["label"] == "Python" and rows[1]["skills"] == [] and rows[3]["skills"] == []
    assert len(rows[2]["skills"]) == 1
    assert set(rows[0]["skills"][0]) >= {"iri", "label", "score", "evidence"}
    assert invoke_cli("extract", lines, "--per-line", "--format", "text").exit_code == 2


def test_cli_text_and_json(tmp_path) -> None:
    result = invoke_cli("extract", "-", "--format", "json", input=BACKEND)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["skills"][0]["score"] >= data["skills"][-1]["score"]
    assert invoke_cli("extract", "-", input=BACKEND).output.splitlines()[0].split()[:2] == ["skill", "level"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"Python and \xff\xfe SQL", "not UTF-8"),
        ("Python and SQL\n".encode("utf-16"), "UTF-16 text, not UTF-8"),
        (b"Python " * (1 << 20), "too large"),
    ],
)
def test_bad_input_is_a_one_line_error(tmp_path, content: bytes, message: str) -> None:
    bad = tmp_path / "posting.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    for args in (("extract", bad), ("gap", "--posting", bad), ("plan", "--posting", bad)):
        result = invoke_cli(*args)
        assert result.exit_code == 2, result.output
        assert message in result.output and str(bad) in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert list(out.iterdir()) == []


CHOICES = """\
Backend Developer (Python)

- Strong Python, and Django or FastAPI for the APIs.
- PostgreSQL, MySQL or similar.
- You deploy to AWS, GCP or Azure.
- Docker and Kubernetes.
"""

NEGATIONS = """\
Python Developer

- Expert in Python and SQL.
- No Java needed: we left it years ago.
- Kubernetes experience is not required, the platform team runs the clusters.
- Not required, but a plus: Redis.

Not required:
- Go
"""


def _one_of(graph, found, name):
    return {graph.label(k) for k in _by_label(found)[graph.label(graph.resolve(name))].one_of}


def test_alternatives_are_one_choice_and_a_list_with_and_asks_them_all(graph) -> None:
    # An engineer reads: Python; one of Django and FastAPI; one of PostgreSQL and MySQL; one cloud
    # of three; Docker and Kubernetes both.
    found = extract(graph, CHOICES, top=None)
    assert _one_of(graph, found, "django") == {"FastAPI"} and _one_of(graph, found, "fastapi") == {"Django"}
    assert _one_of(graph, found, "mysql") == {"PostgreSQL"}  # "or similar": still one of them
    assert _one_of(graph, found, "aws") == {"Google Cloud", "Microsoft Azure"}
    for name in ("python", "docker", "kubernetes"):
        assert _one_of(graph, found, name) == set(), name


def test_an_alternative_in_brackets_is_a_choice(graph) -> None:
    # "Kafka (or RabbitMQ)" asks one message broker; "Python (and Go)" asks both.
    found = extract(graph, "- Kafka (or RabbitMQ) for events.\n- Python (and Go).", top=None)
    assert _one_of(graph, found, "kafka") == {graph.label(graph.resolve("rabbitmq"))}
    assert _one_of(graph, found, "python") == set() and _one_of(graph, found, "go") == set()


def test_a_name_beside_one_the_graph_does_not_hold_is_one_of_two_a_plus(graph) -> None:
    # "Bicep or Terraform", "Azure DevOps (or GitHub Actions)", "Kubernetes or ECS": the posting
    # takes either, and the graph holds only one: it is a plus, not a requirement. "AWS or
    # equivalent" still asks for a cloud, and "Python or Go" is a choice.
    text = (
        "- Infrastructure as code with Bicep or Terraform\n- Pipelines in Azure DevOps (or GitHub Actions)\n"
        "- Kubernetes or ECS\n- AWS or equivalent\n- Python or Go\n"
    )
    asked = _by_label(extract(graph, text, top=None))
    for name in ("terraform", "github actions", "kubernetes"):
        assert asked[graph.label(graph.resolve(name))].importance == "optional", name
    for name in ("infrastructure as code", "aws", "python", "go"):
        assert asked[graph.label(graph.resolve(name))].importance == "essential", name
    assert _one_of(graph, extract(graph, "Python or Go", top=None), "python") == {"Go"}


def test_the_kind_of_job_held_before_is_no_skill_asked(graph) -> None:
    # "4+ years in a DevOps, SRE or cloud infrastructure role" asks for a background: SRE there is
    # a plus, not reliability engineering required at advanced.
    found = _by_label(extract(graph, "- 4+ years in a DevOps, SRE or cloud infrastructure role", top=None))
    reliability = graph.label(graph.resolve("sre"))
    assert found[reliability].importance == "optional"
    assert all(s.importance == "optional" for s in found.values()), {
        k: v.importance for k, v in found.items()
    }
    # one kind of job only: what it names is asked ("3+ years in a Python backend role")
    python = _by_label(extract(graph, "3+ years in a Python backend role", top=None))["Python"]
    assert python.importance == "essential"


def test_a_brand_and_a_product_it_does_not_name_are_not_its_other_product(graph) -> None:
    # "Apache Airflow" is no Apache HTTP Server; "Apache, Kafka Streams" names no Apache Kafka;
    # "Apache or nginx" is the web server.
    web = graph.label(graph.resolve("nginx"))
    assert web not in _by_label(extract(graph, "Pipelines with Apache Airflow.", top=None))
    assert web in _by_label(extract(graph, "Apache or nginx as a reverse proxy.", top=None))
    found = _by_label(extract(graph, "Experience with Apache, Kafka Streams.", top=None))
    assert web in found
    assert "Apache Kafka" not in found or found["Apache Kafka"].how == "description"
    # a platform's product the graph does not hold still asks the platform: its products cover it
    aws = graph.resolve("aws")
    assert any(aws in {c for c, _, _ in graph.covers.get(k, ())} for k in graph.nodes("skill"))
    assert aws in {s.key for s in required(extract(graph, "Spark jobs on AWS EMR.", top=None))}


def test_a_long_label_that_writes_a_comma_is_still_a_name(esco_graph) -> None:
    # ESCO writes some labels with a comma ("..., technology and engineering"): said as written,
    # they are a mention, though two names parted by a comma are two.
    labels = [
        esco_graph.label(s)
        for s in esco_graph.nodes("skill")
        if "," in esco_graph.label(s)
        and "(" not in esco_graph.label(s)
        and len(esco_graph.label(s).split()) >= 4
    ]
    assert labels
    for label in labels[:5]:
        found = _by_label(extract(esco_graph, f"You {label}.", top=None))
        assert label in found and found[label].how == "label", label


def test_building_data_pipelines_is_no_ci_cd(graph) -> None:
    # "Build pipelines with Apache Airflow" is data work; "CI/CD pipelines", "deployment pipelines"
    # are CI/CD.
    ci_cd = graph.label(graph.resolve("ci/cd"))
    found = extract(graph, "- Build pipelines with Apache Airflow\n- Build data pipelines", top=None)
    assert ci_cd not in {s.label for s in found.skills if s.score >= 0.4}
    for text in ("Maintain our CI/CD pipelines.", "Own the deployment pipelines."):
        assert ci_cd in {s.label for s in extract(graph, text, top=None).skills}, text


def test_section_headings_and_a_bare_common_word_ask_for_nothing(graph) -> None:
    # "Key responsibilities" is no incident response nor key-value store; "- Design" says too little to ask for
    # organisation design.
    found = extract(graph, "Key responsibilities\n- Design\n- Python", top=None)
    asked = {s.label for s in found.skills if s.score >= 0.4}
    assert not {s.label for s in found.skills} & {
        graph.label(graph.resolve(n)) for n in ("incident response", "key-value stores")
    }
    assert graph.label(graph.resolve("organisation design")) not in asked
    assert "Python" in asked


@pytest.mark.parametrize("heading", ["Requirements:", "Qualifications", "Nice to have:", "Bonus points"])
def test_a_list_heading_describes_no_skill_on_esco(esco_graph, heading: str) -> None:
    # "Requirements:" heads a list; it asks no "analyse business requirements" of the items below.
    found = extract(esco_graph, f"{heading}\n- Python\n- Customer service experience is a plus.", top=None)
    from_heading = [
        s.label for s in found.skills if s.how == "description" and heading.strip(":") in s.evidence
    ]
    assert not from_heading, from_heading
    described = [s for s in found.skills if s.how == "description" and s.score >= 0.4]
    assert described and all(s.importance == "optional" for s in described), described


def test_ideally_speaks_for_what_follows_it(graph) -> None:
    # "Docker and Kubernetes, ideally on GCP": GCP is the plus; Docker and Kubernetes are asked.
    found = _by_label(
        extract(graph, "Requirements:\n- Experience with Docker and Kubernetes, ideally on GCP.")
    )
    docker, gcp = (graph.label(graph.resolve(n)) for n in ("docker", "gcp"))
    assert found[docker].importance == found["Kubernetes"].importance == "essential"
    assert found[gcp].importance == "optional"
    # before the name it speaks for, it still makes a plus
    found = _by_label(extract(graph, "Ideally, experience with Kubernetes. Preferably Docker too."))
    assert found["Kubernetes"].importance == found[docker].importance == "optional"


def test_a_name_is_never_read_across_list_items_on_esco(esco_graph) -> None:
    # "design systems" ends one item and "- Testing" starts the next: no "systems testing".
    text = "Requirements\n- Strong CSS; experience with design systems\n- Testing with Jest\n\nSystems\n\nTesting"
    found = extract(esco_graph, text, top=None)
    across = [(s.label, s.evidence) for s in found.skills if s.how != "description" and "\n" in s.evidence]
    assert not across, across
    # a line wrapped inside a sentence is read on
    wrapped = extract(esco_graph, "You will run Apache\nKafka clusters.", top=None)
    assert esco_graph.resolve("kafka") in {s.key for s in wrapped.skills if s.how != "description"}


def test_a_role_named_for_colleagues_is_not_the_job(graph) -> None:
    # The title names the job; "two backend engineers" and "our data engineers" are colleagues.
    text = "Frontend Engineer (React)\n\nYou will join two backend engineers and our data engineers.\n- React"
    assert extract(graph, text).named == ()
    # said as the job, in the text, a role is named
    found = extract(graph, "About us\n\nWe are looking for an experienced Senior Backend Engineer.\n- Python")
    assert found.named == (graph.resolve("senior"),)
    # the seniority a few words before the role's name is the role's
    for title in ("Senior Java Backend Engineer (Spring Boot)", "Senior Python/Go Backend Engineer"):
        assert extract(graph, f"{title}\n\n- Java\n").named == (graph.resolve("senior"),), title


def test_one_word_of_a_name_backed_by_its_description_is_a_guess(graph) -> None:
    # "Warehouse Operative" says one word of data warehousing (and "operations" of its
    # description); "keep your work area clean" one of clean architecture; "our services run in
    # AWS" one of AWS Lambda: guesses, and a posting asking nothing is close to no role.
    from skillgraph.algorithms.extract.posting import with_closest

    for text in (
        "Warehouse Operative\n\nKeep your work area clean and tidy.",
        "Mid-sized retailers rely on our team.",
    ):
        found = with_closest(graph, extract(graph, text, top=None))
        assert not required(found), [(s.label, s.score) for s in required(found)]
        assert not found.closest, found.closest
    found = extract(graph, "Our services run on Kubernetes in AWS.", top=None)
    assert graph.resolve("aws lambda") not in {s.key for s in required(found)}
    # two words of a two-word name are enough ("Model data in PostgreSQL")
    assert graph.resolve("data modelling") in {
        s.key for s in required(extract(graph, "Model data in PostgreSQL."))
    }


def test_a_label_is_its_skill_not_the_short_form_of_another(graph) -> None:
    # "JavaScript" is JavaScript; "JavaScript (Node.js)" is only written so once its qualifier
    # is dropped. Checked for every label that is another skill's label without its qualifier.
    labels = {graph.label(k): k for k in graph.nodes("skill")}
    pairs = [
        (labels[short], k)
        for k in graph.nodes("skill")
        for short in [re.sub(r"\s*\([^)]*\)$", "", graph.label(k))]
        if short != graph.label(k) and short in labels
    ]
    assert pairs
    for owner, qualified in pairs:
        found = extract(graph, f"Experience with {graph.label(owner)} is required.", top=None)
        asked = {s.key for s in required(found)}
        assert owner in asked and qualified not in asked, graph.label(qualified)


def test_a_posting_s_title_describes_no_skill_on_esco(esco_graph) -> None:
    # "Warehouse Operative" names the job; the same words in a sentence describe a skill.
    g = esco_graph
    skill = g.resolve("operate warehouse record systems")
    titled = extract(g, "Warehouse Record Systems Operative\n\n- Night shifts\n", top=None)
    assert skill not in {s.key for s in required(titled)}
    said = extract(g, "You will operate our warehouse record systems.", top=None)
    assert skill in {s.key for s in required(said)}


def test_alternatives_are_things_of_one_kind(graph) -> None:
    # "Java/Spring, AWS or GCP": Java is asked; the choice is of a cloud, AWS or GCP.
    found = extract(graph, "Java, AWS or GCP.", top=None)
    assert _one_of(graph, found, "java") == set()
    assert _one_of(graph, found, "aws") == {"Google Cloud"}
    # two names an "or" joins are a choice, whatever their kinds: scripting in one or the other
    found = extract(graph, "Scripting in Python or Bash.", top=None)
    assert _one_of(graph, found, "python") == {graph.label(graph.resolve("bash"))}
    assert all(s.importance == "essential" for s in found.skills if s.score >= 0.4)


def test_a_choice_in_a_posting_is_met_by_one_alternative(graph) -> None:
    # Whoever knows FastAPI and MySQL meets "Django or FastAPI" and "PostgreSQL, MySQL or similar":
    # the gap asks for neither Django nor PostgreSQL; whoever knows neither is asked one of each,
    # and a plan learns one web framework and one database, not both.
    view, key = posting_target(graph, extract(graph, CHOICES))
    python = graph.resolve("python")
    frameworks = {graph.resolve("django"), graph.resolve("fastapi")}
    databases = {graph.resolve("postgresql"), graph.resolve("mysql")}
    known = {python: 3, graph.resolve("fastapi"): 3, graph.resolve("mysql"): 2}
    missing = {i.key for i in gap(view, key, known).items}
    assert not missing & (frameworks | databases)
    assert all(not set(view.alternatives(k)) & (frameworks | databases) for k in missing)
    asked = gap(view, key, {python: 3}).items
    choices = [set(view.alternatives(i.key)) for i in asked if view.alternatives(i.key)]
    assert frameworks in choices and databases in choices
    learned = {i.key for i in plan(view, key, {python: 3}).items}
    assert len(learned & frameworks) == 1 and len(learned & databases) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "Nice to have:",
        "Nice to haves",
        "Bonus points",
        "Pluses",
        "It would be great if you also",
        "We'd love it if you also know:",
    ],
)
def test_each_way_of_heading_the_nice_to_haves_makes_them_optional(graph, heading: str) -> None:
    asked = _by_label(extract(graph, f"Requirements:\n- Python\n\n{heading}\n- Go\n", top=None))
    assert asked["Python"].importance == "essential" and asked["Go"].importance == "optional"


@pytest.mark.parametrize("mark", ["- ", "* ", "\u2022 ", "1. ", ""])
def test_a_nice_to_have_heading_speaks_for_each_item_below_it(graph, mark: str) -> None:
    # An engineer reads Python as required and everything under "Nice to have" as optional, however
    # its items begin ("Knowledge of", "Some experience with") and however they are marked.
    text = (
        f"Requirements:\n{mark}Python\n\nNice to have:\n{mark}Knowledge of Kafka\n"
        f"{mark}Some experience with Terraform\n{mark}Familiarity with Redis\n"
    )
    asked = _by_label(extract(graph, text, top=None))
    assert asked["Python"].importance == "essential"
    for name in ("kafka", "terraform", "redis"):
        assert asked[graph.label(graph.resolve(name))].importance == "optional", (mark, name)


@pytest.mark.parametrize("heading", ["Responsibilities:", "What you'll do", "Key responsibilities"])
def test_what_the_job_does_every_day_is_asked_at_a_working_level(graph, heading: str) -> None:
    # "Build pipelines with Kafka" under the duties: the engineer works with Kafka daily, so a
    # working level (intermediate) is asked; a level the words state still wins; a skill named
    # elsewhere without a level stays unstated.
    text = f"{heading}\n- Build pipelines with Kafka\n- Expert Python for the services\n\nTerraform\n"
    found = _by_label(extract(graph, text, top=None))
    assert found["Apache Kafka"].level == 2 and found["Python"].level == 4
    assert found["Terraform"].level is None


@pytest.mark.parametrize("role", ["junior", "senior", "devops"])
def test_a_posting_for_a_role_asks_what_that_role_asks_where_the_words_state_no_level(graph, role) -> None:
    # "<Senior Backend Developer>: Kubernetes, SQL; expert in Python": the words state Python's
    # level; the others are asked at the level the role named asks of them (or of the choice they
    # are an alternative of). Named no role, the same words leave them unstated.
    from skillgraph.model.ladder import effective_requirements

    key = graph.resolve(role)
    asked = {k: r.rank for k, r in effective_requirements(graph, key).items() if r.stated}
    names = ["SQL", "Kubernetes", "Git", "Docker", "Linux"]
    body = f"- {', '.join(names)}.\n- Expert in Python.\n"
    found = extract(graph, f"{graph.label(key)}\n\n{body}", top=None)
    bare = _by_label(extract(graph, body, top=None))
    checked = 0
    for skill in found.skills:
        if skill.label == "Python":
            assert skill.level == 4 and skill.level_from is None
            continue
        choices = [c for c, alts in graph.choices.items() if skill.key in alts and c in asked]
        rank = asked.get(skill.key) or (asked[choices[0]] if choices else None)
        if skill.label in bare and bare[skill.label].level is None:
            assert skill.level == rank, (role, skill.label)
            assert (skill.level_from is not None) == (rank is not None)
            checked += rank is not None
    assert checked


def test_the_years_said_of_one_skill_are_its_level(graph) -> None:
    # "5+ years of software development, at least 2 with Node.js": two years of Node.js, not five.
    found = _by_label(extract(graph, "5+ years of software development, at least 2 with Node.js", top=None))
    assert found[graph.label(graph.resolve("node.js"))].level == 2
    found = _by_label(extract(graph, "6 years with Python, including 3 in Go", top=None))
    assert found["Python"].level == 4 and found["Go"].level == 3


def test_a_skill_the_posting_says_is_not_needed_is_not_asked(graph) -> None:
    # An engineer reads Python and SQL as asked, Redis as a nice to have, and Java, Kubernetes
    # and Go as not asked at all: no gap or plan asks for them.
    found = extract(graph, NEGATIONS, top=None)
    asked = _by_label(found)
    assert {"Python", "SQL"} <= set(asked) and asked["Redis"].importance == "optional"
    not_asked = {graph.label(graph.resolve(n)) for n in ("java", "kubernetes", "go")}
    assert not_asked <= {s.label for s in found.not_asked}
    assert not not_asked & set(asked)
    view, key = posting_target(graph, found)
    assert not {graph.label(s) for s in view.requirements(key, include_optional=True)} & not_asked
    assert not {view.label(i.key) for i in gap(view, key, {}).items} & not_asked


def test_not_needed_speaks_for_its_own_words_only(graph) -> None:
    # "Python is required and no Java needed": Python is asked, Java is not.
    found = extract(graph, "Python is required and no Java needed.")
    assert [s.label for s in found.skills] == ["Python"] and [s.label for s in found.not_asked] == ["Java"]


def test_cli_shows_choices_and_what_is_not_asked(tmp_path) -> None:
    posting = tmp_path / "job.txt"
    posting.write_text(CHOICES + "No Java needed.\n", encoding="utf-8")
    text = invoke_cli("extract", posting).output
    assert "Django (or FastAPI)" in text and "FastAPI (or Django)" in text and "not asked: Java" in text
    data = json.loads(invoke_cli("extract", posting, "--format", "json").output)
    assert [s["label"] for s in data["not_asked"]] == ["Java"]
    django = next(s for s in data["skills"] if s["label"] == "Django")
    assert [s["label"] for s in data["skills"] if s["iri"] in django["one_of"]] == ["FastAPI"]
    result = invoke_cli("gap", "--have", "python", "--posting", posting)
    assert result.exit_code == 0, result.output
    assert "Django or FastAPI" in result.output and "Java" not in result.output


def test_the_closest_roles_are_judged_on_what_the_posting_asks_not_its_guesses(esco_graph) -> None:
    from dataclasses import replace

    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE, closest_roles

    found = extract(esco_graph, BACKEND, top=None)
    guesses = [s for s in found.skills if s.score < REQUIRED_SCORE]
    assert guesses and len(guesses) < len(found.skills)
    asked_only = replace(found, skills=tuple(s for s in found.skills if s.score >= REQUIRED_SCORE))
    assert closest_roles(esco_graph, found, top=10) == closest_roles(esco_graph, asked_only, top=10)


def test_a_long_posting_asks_every_skill_it_names(graph, tmp_path) -> None:
    """A posting naming more skills than extract lists by default is a target of all of them."""
    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE

    names = [
        "Python",
        "Django",
        "PostgreSQL",
        "Redis",
        "Kafka",
        "Docker",
        "Kubernetes",
        "Terraform",
        "AWS",
        "GraphQL",
        "gRPC",
        "OAuth",
        "JWT",
        "Git",
        "Linux",
        "Nginx",
        "Celery",
        "Prometheus",
        "Grafana",
        "OpenTelemetry",
        "RabbitMQ",
        "Elasticsearch",
        "TypeScript",
        "React",
        "CI/CD",
    ]
    text = "We need: " + ", ".join(names) + "."
    asked = [s for s in extract(graph, text, top=None).skills if s.score >= REQUIRED_SCORE]
    assert len(asked) > 20
    posting = tmp_path / "long.txt"
    posting.write_text(text, encoding="utf-8")
    data = json.loads(invoke_cli("gap", "--posting", posting, "--format", "json").output)
    assert {s["iri"] for s in data["posting"]["skills"]} >= {s.key for s in asked}


def test_the_phrases_postings_use_for_transversal_skills_name_them_on_esco(esco_graph) -> None:
    # An engineer reads "client-facing", "tight deadlines", "multitask" and "work under pressure"
    # as ESCO's transversal skills, though no label of theirs is written.
    found = _by_label(
        extract(
            esco_graph,
            "A client-facing role: you meet tight deadlines, multitask and work under pressure.",
        )
    )
    for label in (
        "communicate with customers",
        "meet deadlines",
        "perform multiple tasks at the same time",
        "cope with stress",
    ):
        assert label in found and found[label].how in ("idiom", "alt"), label  # a mention, not a guess
    assert found["meet deadlines"].how == "idiom"
    assert found["meet deadlines"].evidence == "meet tight deadlines"


def test_a_skill_named_alike_in_both_taxonomies_is_read_as_the_curated_one(esco_graph) -> None:
    # PostgreSQL is a curated skill and an ESCO skill of the same name, an exact match: the
    # answer lists it once, as the curated skill (its category, effort and prerequisites make
    # the gap and the plan), with the ESCO skill beside it.
    from skillgraph.algorithms.extract.posting import is_curated

    checked = 0
    for skill in esco_graph.nodes(("skill",)):
        if not is_curated(skill):
            continue
        for kind, other in esco_graph.node(skill).get("matches", ()):
            if kind != "exactMatch" or other not in esco_graph:
                continue
            if esco_graph.label(other).casefold() != esco_graph.label(skill).casefold():
                continue
            found = extract(esco_graph, f"Experience with {esco_graph.label(skill)}.", top=None)
            first = found.skills[0]
            assert (first.key, first.same) == (skill, (other,)), esco_graph.label(skill)
            checked += 1
    assert checked >= 3
    # a soft skill too: "communication skills" is one skill, the curated one, with ESCO's beside it
    said = [
        s for s in extract(esco_graph, "Excellent communication skills.").skills if "ommunicat" in s.label
    ]
    assert [(s.key, s.same) for s in said] == [
        (
            esco_graph.resolve("communication"),
            ("http://data.europa.eu/esco/skill/15d76317-c71a-4fa2-aadc-2ecc34e627b7",),
        )
    ]
    # named by ESCO's label, which the curated skill lists as an alternative name: still the
    # curated skill ("SQL Server" is ESCO's label and Microsoft SQL Server's other name)
    sql_server = esco_graph.resolve("Microsoft SQL Server")
    found = extract(esco_graph, "Experience with SQL Server.", top=None)
    assert found.skills[0].key == sql_server and found.skills[0].score == 1.0
    assert set(found.skills[0].same) & {
        o for k, o in esco_graph.node(sql_server)["matches"] if k == "exactMatch"
    }


def test_a_skill_and_its_close_match_named_together_are_one_requirement(esco_graph) -> None:
    # a close match is near enough to use one for the other: a posting naming curated Mentoring
    # and ESCO's "mentor individuals" asks one skill, listed once, not a duplicate
    checked = 0
    for skill in esco_graph.nodes(("skill",)):
        for kind, other in esco_graph.node(skill).get("matches", ()):
            if kind != "closeMatch" or other not in esco_graph:
                continue
            text = f"You bring {esco_graph.label(skill)}.\nYou also {esco_graph.label(other)}."
            found = {s.key: s for s in extract(esco_graph, text, top=None).skills}
            assert skill not in found or other not in found, (
                esco_graph.label(skill),
                esco_graph.label(other),
            )
            checked += skill in found and other in found[skill].same
    assert checked >= 5


def test_an_acronym_is_a_name_only_written_in_capitals(esco_graph) -> None:
    # ESCO writes "CALL" for computer-assisted language learning and "IT" for computer
    # technology: phone calls and the pronoun "it" name neither, "CALL" and "IT" do.
    plain = {s.label for s in extract(esco_graph, "Answer phone calls and make it easy for guests.").skills}
    assert not {"Computer Assisted Language Learning", "computer technology"} & plain
    named = {s.label for s in extract(esco_graph, "Experience with CALL tools and IT support.").skills}
    assert {"Computer Assisted Language Learning", "computer technology"} <= named


def test_the_particle_of_a_phrasal_verb_describes_nothing(esco_graph) -> None:
    # "Carry out" is a verb of every trade: carrying out maintenance describes none of ESCO's
    # "carry out ..." skills, while naming what is carried out still does.
    found = {s.label: s for s in extract(esco_graph, "Carry out routine maintenance of the servers.").skills}
    assert not [label for label, s in found.items() if label.startswith("carry out") and s.score >= 0.3]
    forecasts = _by_label(extract(esco_graph, "Carry out statistical forecasts of demand."))
    assert forecasts["carry out statistical forecasts"].score >= 0.4


def test_an_ordinary_word_names_a_skill_only_beside_skills_of_its_trade(graph) -> None:
    # "Worker", "session", "performance" are alternative names of background jobs, cookies and
    # sessions, performance optimisation, and ordinary words of any posting: a hard worker who
    # enjoys training sessions is asked for none of them; the same word beside a skill that a
    # role requiring it requires too is a name again ("Celery workers" beside Python).
    from skillgraph.algorithms.extract.index import extract_index, words
    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE
    from skillgraph.algorithms.extract.text import keys as name_keys

    index = extract_index(graph)
    checked = 0
    for skill in graph.nodes(("skill",)):
        for alt in graph.node(skill).get("alt_labels", ()):
            if name_keys(alt) not in index.plain or set(words(alt)) <= set(words(graph.label(skill))):
                continue  # a word of the label describes its skill anywhere ("containers")
            alone = {s.key: s for s in extract(graph, f"Someone who cares about {alt}.", top=None).skills}
            assert skill not in alone or alone[skill].score < REQUIRED_SCORE, alt
            roles = [r for r in graph.nodes(("role",)) if skill in effective_requirements(graph, r)]
            beside = next(
                (
                    t
                    for r in roles
                    for t in effective_requirements(graph, r)
                    if t != skill and t not in graph.choices
                ),
                None,
            )
            if beside is None:
                continue
            text = f"{graph.label(beside)}, and someone who cares about {alt}."
            found = {s.key: s for s in extract(graph, text, top=None).skills}
            assert skill in found and found[skill].score >= REQUIRED_SCORE, (alt, graph.label(beside))
            checked += 1
    assert checked >= 10


def test_a_skill_of_a_choice_is_of_the_trade_of_the_roles_that_ask_the_choice(graph) -> None:
    # PostgreSQL is one alternative of the database a backend role asks: transactions and locks
    # beside it are a backend engineer's transactions, a name, not a guess.
    found = _by_label(extract(graph, "Strong knowledge of transactions and locks in PostgreSQL."))
    assert found["Transactions and consistency"].how == "alt"
    assert found["Transactions and consistency"].score >= 0.4


def test_what_the_employer_offers_asks_nothing(graph) -> None:
    # A benefits section and a "We offer ..." sentence say what the candidate gets: a learning
    # budget asks for no budget planning, Kubernetes training asks for no Kubernetes.
    text = (
        "Python and SQL.\n\nWe offer hybrid working and a learning budget.\n\n"
        "What we offer:\n- Kubernetes training\n- Conference budget\n"
    )
    found = extract(graph, text, top=None)
    asked = {s.label for s in found.skills if s.score >= 0.4}
    assert {"Python", "SQL"} <= asked
    assert not {"Kubernetes", "Headcount and budget planning"} & asked
    assert "Kubernetes" in {s.label for s in found.not_asked}
    # what is listed as not asked is what the text names clearly, not a guess from a word
    guessed = extract(graph, "Python.\n\nWhat we offer:\n- Design your own desk\n- Kubernetes training\n")
    assert "Kubernetes" in {s.label for s in guessed.not_asked}
    assert all(s.score >= 0.4 for s in guessed.not_asked), [(s.label, s.score) for s in guessed.not_asked]
    # the heading and what it offers on one line
    for heading in ("Perks", "Benefits", "Why join us", "What we offer"):
        found = extract(graph, f"Python and SQL.\n{heading}: Kubernetes training and a conference budget.\n")
        asked = {s.label for s in found.skills if s.score >= 0.4}
        assert {"Python", "SQL"} <= asked and not {"Kubernetes", "Headcount and budget planning"} & asked, (
            heading
        )


def test_with_esco_loaded_the_named_role_that_states_levels_gives_them(esco_graph) -> None:
    # "Data Engineer" names the curated role and ESCO's occupation; the occupation states no
    # levels, so the curated role's levels speak for the skills the words leave unstated.
    role = esco_graph.resolve("data-engineer")
    found = extract(esco_graph, "Data Engineer\n\n- SQL and Python\n")
    assert role in found.named and len(found.named) > 1
    sql = next(s for s in found.skills if s.key == esco_graph.resolve("sql"))
    assert sql.level_from == "Data Engineer"
    assert sql.level == effective_requirements(esco_graph, role)[sql.key].rank


def test_a_field_of_work_is_not_the_role_named_after_it(graph) -> None:
    # "Data engineering" is what an analytics engineer does too; "Data Engineers" names the role.
    field = extract(graph, "Analytics Engineer: SQL and dbt, close to our data engineering team.")
    assert graph.resolve("data engineer") not in field.named
    role = extract(graph, "We are looking for Data Engineers who know SQL and dbt.")
    assert graph.resolve("data engineer") in role.named


def test_a_plus_in_parentheses_speaks_for_its_own_names(graph) -> None:
    # "Python (Java or Scala is a plus)": Python is asked, Java is the plus; "Docker (a plus)"
    # has no name of its own inside, so the plus is Docker's.
    found = _by_label(extract(graph, "Five years of development in Python (Java or Scala is a plus)."))
    assert found["Python"].importance == "essential" and found["Java"].importance == "optional"
    aside = _by_label(extract(graph, "- Docker (a plus)"))
    assert aside["Containers (Docker)"].importance == "optional"
    # the phrase speaks for its own part of the aside, and "helpful but not required" is a plus
    parts = _by_label(extract(graph, "- CI/CD pipelines (GitHub Actions; Jenkins helpful but not required)"))
    assert parts["GitHub Actions"].importance == "essential" and parts["Jenkins"].importance == "optional"
    welcome = _by_label(extract(graph, "- Experience with AWS (GCP or Azure also welcome)"))
    assert welcome["Amazon Web Services"].importance == "essential"
    assert welcome["Google Cloud"].importance == "optional"


def test_very_good_states_an_advanced_level(graph) -> None:
    assert _by_label(extract(graph, "Very good Python."))["Python"].level == 3


def test_years_of_experience_state_the_level_not_the_word_experience(graph) -> None:
    # "5+ years of professional experience with Java": the years say expert; "experience"
    # alone would say intermediate.
    found = _by_label(extract(graph, "- 5+ years of professional experience with Java and Spring Boot"))
    assert found["Java"].level == 4 and found["Spring Boot"].level == 4
    assert _by_label(extract(graph, "- 3 years of hands-on experience with Go"))["Go"].level == 3


def test_the_closest_role_is_the_same_whatever_extract_lists(tmp_path) -> None:
    # extract --top lists fewer skills, but the closest role weighs every skill asked, as gap does.
    posting = tmp_path / "job.txt"
    posting.write_text(
        "Data Engineer\n\n- SQL, Python, Airflow, Spark, Kafka, dbt, S3 and data quality checks\n",
        encoding="utf-8",
    )
    lines = set()
    for top in ("3", "20"):
        result = invoke_cli("extract", posting, "--top", top)
        assert result.exit_code == 0, result.output
        lines.add(result.output.splitlines()[-1])
    gap_result = invoke_cli("gap", "--have", "python", "--posting", posting)
    assert gap_result.exit_code == 0, gap_result.output
    lines.add(gap_result.output.splitlines()[-1])
    assert len(lines) == 1 and "closest role: Data Engineer" in lines.pop()
    # what --top leaves out of what the posting asks is counted, so nothing gap asks is hidden
    listed = json.loads(invoke_cli("extract", posting, "--top", "3", "--format", "json").output)
    every = required(extract(skillgraph.load(), posting.read_text(encoding="utf-8"), top=None))
    asked_listed = [s for s in listed["skills"] if s["score"] >= 0.4]
    assert listed["unlisted"] == len(every) - len(asked_listed) > 0
    assert (
        f"{listed['unlisted']} more asked, not listed" in invoke_cli("extract", posting, "--top", "3").output
    )


def test_one_word_of_a_longer_label_is_a_guess(graph) -> None:
    # "Spring Security" says "security", one word of "Application security"; "- Design" one word
    # of "System design": each is too little to require the skill, though it may be listed as a
    # guess. A word that is a name of its own ("Kubernetes") is a mention, not a description.
    import re

    from skillgraph.algorithms.extract.index import extract_index, words
    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE
    from skillgraph.algorithms.extract.text import keys as name_keys

    index = extract_index(graph)
    checked = 0
    for skill in graph.nodes(("skill",)):
        label = re.sub(r"\s*\([^)]*\)\s*$", "", graph.label(skill))
        if len(set(words(label))) < 2:
            continue
        for word in re.findall(r"[A-Za-z]{4,}", label):
            if name_keys(word) in index.names or not words(word):
                continue
            found = {s.key: s for s in extract(graph, f"- {word.capitalize()}", top=None).skills}
            if skill in found and found[skill].how == "description":
                assert found[skill].score < REQUIRED_SCORE, (word, graph.label(skill))
                checked += 1
    assert checked >= 20
    spring = _by_label(extract(graph, "Spring Boot and Spring Security."))
    assert "Application security" not in spring or spring["Application security"].score < REQUIRED_SCORE


def test_presentation_skills_and_conflict_resolution_are_read_as_esco_names_them(esco_graph) -> None:
    # A posting's "presentation skills" and "conflict resolution" ask what ESCO calls "give live
    # presentation" and "apply conflict management": mentions, not guesses from one word.
    found = _by_label(
        extract(esco_graph, "Strong presentation skills; experience with conflict resolution in teams.")
    )
    for label in ("give live presentation", "apply conflict management"):
        assert label in found and found[label].how == "idiom", label
        assert found[label].score >= 0.4, label


def test_a_team_player_who_communicates_well_asks_for_communication(graph) -> None:
    # "A strong communicator" asks for the curated Communication skill, a mention, not a guess.
    found = _by_label(extract(graph, "We want a team player and a strong communicator."))
    assert found["Communication"].how == "idiom"
    assert found["Communication"].score >= 0.4


def test_words_that_do_not_always_ask_for_a_skill_of_a_person_are_not_read_as_one(esco_graph) -> None:
    # Resilient, independently deployable services, flexible hours and data-driven decisions say
    # something of the systems and the job, not of a transversal skill the candidate must have.
    text = (
        "Our services are resilient and independently deployable. Flexible hours. "
        "Data-driven decisions. Analytics dashboards."
    )
    transversal = {"cope with stress", "work independently", "adapt to change", "think analytically"}
    assert not transversal & {s.label for s in extract(esco_graph, text).skills}
    # whatever skills a graph holds: no phrase read as a transversal skill is in these words
    said = keys(text)
    for phrase in IDIOMS:
        wanted = keys(phrase)
        assert all(said[i : i + len(wanted)] != wanted for i in range(len(said))), phrase


def test_programming_languages_said_broadly_ask_for_computer_programming_on_esco(esco_graph) -> None:
    # "One or more modern programming languages" names no language: an engineer reads it as
    # programming itself, not as a language a person speaks.
    found = _by_label(extract(esco_graph, "Proficiency in one or more modern programming languages."))
    assert found["computer programming"].how == "idiom"
    assert found["computer programming"].score >= 0.4
    assert "speak different languages" not in found or found["speak different languages"].score < 0.4
