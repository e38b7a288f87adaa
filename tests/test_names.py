"""Names as people type them: questions, plurals, short forms, and the topics a backend learner meets."""

from __future__ import annotations

import re

import pytest

import skillgraph
from skillgraph.errors import AmbiguousNameError, SkillgraphError
from skillgraph.model.graph import SkillGraph
from skillgraph.model.resolve import name_index
from tests.helpers import invoke_cli


@pytest.fixture(scope="module")
def g() -> SkillGraph:
    return skillgraph.load()


def other_number(label: str) -> str | None:
    """The label with its last word in the other number ("Database index" <-> "Database indexes")."""
    match = re.search(r"(?<![A-Za-z])([A-Za-z]{3,})$", label)
    if not match:
        return None
    word = match.group(1)
    if word.lower().endswith("s") and len(word) < 4:
        return None
    if word.lower().endswith("s"):
        other = word[:-2] if word.endswith(("xes", "ches", "shes", "sses")) else word[:-1]
    elif word.endswith("y") and word[-2] not in "aeiou":
        other = word[:-1] + "ies"
    else:
        other = word + ("es" if word.endswith(("x", "ch", "sh", "ss")) else "s")
    return label[: match.start()] + other


def named_once(g: SkillGraph) -> list[tuple[str, str]]:
    """(node, label) for every node whose label names it alone."""
    index = name_index(g)
    return [(key, g.label(key)) for key in g.nx if len(index.exact(g.label(key))[1]) == 1]


def names_nothing_else(g: SkillGraph, name: str) -> bool:
    return not any(name_index(g).exact(name))


def test_every_label_in_the_other_number_names_the_same_node(g):
    checked = 0
    for key, label in named_once(g):
        variant = other_number(label)
        if variant and names_nothing_else(g, variant):
            assert g.resolve(variant) == key, (label, variant)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    "question", ["What is {}?", "what are {}", "How does {} work?", "{} and how it works?", "Learn {}"]
)
def test_every_label_asked_about_names_the_same_node(g, question):
    for key, label in named_once(g):
        assert g.resolve(question.format(label)) == key, question.format(label)


def test_a_question_about_a_plural_names_the_singular_node(g):
    assert g.resolve("What are ORMs?") == g.resolve("object-relational mapping")
    assert g.resolve("How do database transactions work?") == g.resolve("transactions and consistency")


def test_a_name_as_typed_wins_over_a_form_of_it(g):
    """HTTPS is a name of its own; it is not read as the plural of HTTP."""
    assert g.resolve("HTTPS") != g.resolve("HTTP")
    assert g.resolve("Redis") == g.resolve("redis")


def test_two_names_of_one_node_joined_name_that_node(g):
    assert g.resolve("Authentication & Authorization") == g.resolve("authentication and authorization")


def test_two_nodes_joined_offer_a_choice_on_one_line(g):
    with pytest.raises(AmbiguousNameError) as err:
        g.resolve("CQRS & Event Sourcing")
    labels = " ".join(err.value.candidates)
    assert g.label(g.resolve("cqrs")) in labels and g.label(g.resolve("event sourcing")) in labels
    result = invoke_cli("show", "CQRS & Event Sourcing")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "CQRS" in result.stderr


def test_symbols_that_tell_languages_apart_are_kept_when_punctuation_is_ignored(g):
    """ "+" and "#" name different languages: no node whose name differs from a name only there
    is read for it when punctuation and spaces are ignored ("C++" and "C" are not C#)."""
    for key in g.nx:
        for label in (g.label(key), *g.node(key).get("alt_labels", ())):
            if "#" in label or "+" in label:
                for other in {label.replace("#", "++"), label.replace("#", ""), label.replace("+", "")} - {
                    label
                }:
                    if not any(name_index(g).exact(other)[:-1]):  # no name as typed, loose aside
                        with pytest.raises(SkillgraphError):
                            g.resolve(other)
    assert g.label(g.resolve("c #")) == "C#"  # the symbol kept, spaces still ignored


def test_a_joined_name_with_an_unknown_part_is_unknown(g):
    with pytest.raises(SkillgraphError):
        g.resolve("Python and Klingon")


# The topics a backend learner meets on the public roadmaps, written the way people type them
# (questions, plurals, short forms), with the node an experienced backend engineer expects.
# None: a topic the graph does not hold (niche products, techniques it does not name).
TOPICS: list[tuple[str, str | None]] = [
    ("How does the internet work?", "internet-basics"),
    ("What is HTTP?", "http"),
    ("Browsers and how they work?", "browsers"),
    ("DNS and how it works?", "dns"),
    ("What is a domain name?", "dns"),
    ("What is hosting?", "web-hosting"),
    ("HTML", "html"),
    ("CSS", "css"),
    ("JavaScript", "javascript"),
    ("Terminal usage", "linux"),
    ("How do operating systems work?", "operating-systems"),
    ("Process management", "operating-systems"),
    ("Threads and concurrency", "concurrency"),
    ("Memory management", "memory-management"),
    ("Interprocess communication", "operating-systems"),
    ("I/O management", "operating-systems"),
    ("POSIX basics", "operating-systems"),
    ("Basic networking concepts", "networking-basics"),
    ("Node.js", "nodejs"),
    ("Python", "python"),
    ("Go", "go"),
    ("Java", "java"),
    ("C#", "csharp"),
    ("PHP", "php"),
    ("Ruby", "ruby"),
    ("Rust", "rust"),
    ("Git", "git"),
    ("Version control systems", "git"),
    ("GitHub", "repository-hosting"),
    ("GitLab", "gitlab"),
    ("Bitbucket", "repository-hosting"),
    ("Repo hosting services", "repository-hosting"),
    ("Relational databases", "relational-databases"),
    ("PostgreSQL", "postgresql"),
    ("MySQL", "mysql"),
    ("MariaDB", "mysql"),
    ("MS SQL", "sql-server"),
    ("Oracle", "oracle-database"),
    ("SQLite", "sqlite"),
    ("NoSQL databases", "nosql-databases"),
    ("MongoDB", "mongodb"),
    ("Redis", "redis"),
    ("Cassandra", "cassandra"),
    ("DynamoDB", "dynamodb"),
    ("CouchDB", None),
    ("Firebase", None),
    ("Neo4j", "neo4j"),
    ("InfluxDB", "time-series-databases"),
    ("TimescaleDB", "time-series-databases"),
    ("Document databases", "document-databases"),
    ("Key-value databases", "key-value-stores"),
    ("Graph databases", "graph-databases"),
    ("Time series databases", "time-series-databases"),
    ("Wide column databases", "wide-column-stores"),
    ("ORMs", "orm"),
    ("ACID", "transactions"),
    ("Transactions", "transactions"),
    ("N+1 problem", "n-plus-one"),
    ("Database normalization", "normalisation"),
    ("Failure modes", "graceful-degradation"),
    ("Profiling performance", "profiling"),
    ("Database indexes", "database-indexes"),
    ("Data replication", "replication"),
    ("Sharding strategies", "sharding"),
    ("CAP theorem", "distributed-systems"),
    ("Migrations", "schema-migrations"),
    ("REST", "rest-apis"),
    ("JSON APIs", "apis"),
    ("SOAP", "soap"),
    ("gRPC", "grpc"),
    ("GraphQL", "graphql"),
    ("HATEOAS", "hateoas"),
    ("Open API specs", "openapi"),
    ("Authentication", "authentication-authorization"),
    ("Cookie based auth", "cookie-sessions"),
    ("OAuth", "oauth-oidc"),
    ("Basic authentication", "basic-auth"),
    ("Token authentication", "jwt"),
    ("JWT", "jwt"),
    ("OpenID", "oauth-oidc"),
    ("SAML", "saml"),
    ("Caching", "caching"),
    ("CDN", "http-caching"),
    ("Server side caching", "caching"),
    ("Client side caching", "http-caching"),
    ("Memcached", "memcached"),
    ("MD5", "hash-functions"),
    ("SHA family", "hash-functions"),
    ("scrypt", "password-hashing"),
    ("bcrypt", "password-hashing"),
    ("Hashing algorithms", "hash-functions"),
    ("HTTPS", "encryption"),
    ("CORS", "cors"),
    ("SSL/TLS", "encryption"),
    ("Content Security Policy", "content-security-policy"),
    ("OWASP risks", "owasp-risks"),
    ("Server security", "server-management"),
    ("API security best practices", "api-security"),
    ("Integration testing", "automated-testing"),
    ("Unit testing", "automated-testing"),
    ("Functional testing", "automated-testing"),
    ("CI/CD", "ci-cd"),
    ("GoF design patterns", "design-patterns"),
    ("Domain driven design", "domain-driven-design"),
    ("Test driven development", "tdd"),
    ("CQRS", "cqrs"),
    ("Event sourcing", "event-sourcing"),
    ("SOLID", "design-patterns"),
    ("KISS", "design-patterns"),
    ("YAGNI", "design-patterns"),
    ("DRY", "design-patterns"),
    ("Monolithic apps", "modular-monolith"),
    ("Microservices", "microservices"),
    ("SOA", "service-oriented-architecture"),
    ("Serverless", "serverless"),
    ("Service mesh", "service-mesh"),
    ("Twelve factor apps", "twelve-factor"),
    ("Elasticsearch", "search-engines"),
    ("Solr", "search-engines"),
    ("RabbitMQ", "rabbitmq"),
    ("Kafka", "kafka"),
    ("Message brokers", "message-queues"),
    ("Docker", "containers"),
    ("Kubernetes", "kubernetes"),
    ("Containerization vs virtualization", "virtual-machines"),
    ("LXC", "containers"),
    ("Nginx", "web-servers"),
    ("Apache", "web-servers"),
    ("Caddy", "web-servers"),
    ("MS IIS", "web-servers"),
    ("WebSockets", "websocket"),
    ("Server sent events", "server-sent-events"),
    ("Long polling", "long-polling"),
    ("Short polling", None),
    ("Graceful degradation", "graceful-degradation"),
    ("Throttling", "rate-limiting"),
    ("Backpressure", "backpressure"),
    ("Circuit breaker", "circuit-breakers"),
    ("Horizontal vs vertical scaling", "scalability"),
    ("Observability", "observability"),
    ("Instrumentation", "instrumentation"),
    ("Monitoring", "observability"),
    ("Telemetry", "instrumentation"),
    ("LLMs", "llm-apis"),
    ("RAG", "rag"),
    ("Embeddings", "embeddings-vector-search"),
    ("Vector databases", "vector-databases"),
    ("AI agents", "llm-tool-calling"),
    ("Prompt engineering", "prompt-engineering"),
    ("Webhooks", "webhooks"),
    ("Object storage", "object-storage"),
    ("Idempotency", "idempotency"),
    ("Outbox pattern", "transactional-outbox"),
    ("Saga pattern", "sagas"),
    ("Change data capture", "change-data-capture"),
    ("Stream processing", "stream-processing"),
    ("Batch processing", "batch-processing"),
    ("Helm charts", "helm"),
    ("GitOps", "gitops"),
    ("Infrastructure as code", "infrastructure-as-code"),
    ("Terraform", "terraform"),
    ("Ansible", "configuration-management"),
    ("Prometheus", "prometheus"),
    ("Grafana", "grafana"),
    ("Jaeger", "distributed-tracing"),
    ("GitHub Actions", "github-actions"),
    ("AWS", "aws"),
    ("SSH", "ssh"),
    ("Bash", "shell-scripting"),
]


def test_the_topics_a_backend_learner_meets_resolve_to_the_node_an_engineer_expects(g):
    resolved, wrong = 0, []
    ids = {g.node(k)["id"] for k in g.nx.nodes}
    for name, expected in TOPICS:
        if expected is not None and expected not in ids:
            continue  # a topic the graph has no node for yet
        try:
            key = g.resolve(name)
        except SkillgraphError:
            continue  # not resolved: counted below, never wrong
        if expected is None or g.node(key)["id"] != expected:
            wrong.append((name, g.node(key)["id"], expected))
        else:
            resolved += 1
    assert not wrong
    assert resolved >= 100  # of the topics a learner meets, resolved as an engineer expects
