"""The renderers of each result class, by format: the one table the command line and the
notebook display read (:data:`skillgraph.model.display.RENDERERS`).

Imported by the package on the first display of a result
(:data:`skillgraph.model.display.PRESENTER_HOOKS`). Classes and renderers are named, not
imported: printing one format loads only the presenter module that writes it.

>>> import skillgraph
>>> g = skillgraph.load()
>>> str(skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))).splitlines()[0]
'Senior Backend Developer -> Lead Backend Developer'
>>> from skillgraph.model.display import formats
>>> formats(skillgraph.CareerPath)
['text', 'json', 'markdown', 'html']
"""

from skillgraph.model.display import register

__all__ = ["FORMATS"]

_JSON = "skillgraph.model.display:to_json"
_P = "skillgraph.present"

#: Result class -> format -> renderer (``module:function``), in the order ``--format`` lists them.
FORMATS: dict[str, dict[str, str]] = {
    "skillgraph.algorithms.steps.CareerPath": {
        "text": f"{_P}.text:path_text",
        "json": _JSON,
        "markdown": f"{_P}.markdown:path_markdown",
        "html": f"{_P}.html:path_html",
    },
    "skillgraph.model.describe.NodeDescription": {
        "text": f"{_P}.text:describe_text",
        "json": _JSON,
        "html": f"{_P}.html:describe_html",
    },
    "skillgraph.algorithms.plan.results.Gap": {
        "text": f"{_P}.text:gap_text",
        "json": _JSON,
        "markdown": f"{_P}.markdown:gap_markdown",
        "html": f"{_P}.html:gap_html",
    },
    "skillgraph.algorithms.plan.results.LearningPlan": {
        "text": f"{_P}.text:plan_text",
        "json": _JSON,
        "markdown": f"{_P}.markdown:plan_markdown",
        "mermaid": f"{_P}.mermaid:plan_mermaid",
        "html": f"{_P}.html:plan_html",
    },
    "skillgraph.algorithms.schedule.Schedule": {
        "text": f"{_P}.calendar:schedule_text",
        "json": _JSON,
        "markdown": f"{_P}.calendar:schedule_markdown",
        "ics": f"{_P}.calendar:schedule_ics",
    },
    "skillgraph.algorithms.frontier.NextSteps": {"text": f"{_P}.learner:next_text", "json": _JSON},
    "skillgraph.algorithms.unlocks.Unlocks": {"text": f"{_P}.learner:unlocks_text", "json": _JSON},
    "skillgraph.algorithms.progress.Progress": {"text": f"{_P}.learner:progress_text", "json": _JSON},
    "skillgraph.algorithms.transitions.Transitions": {
        "text": f"{_P}.transitions:transitions_text",
        "json": _JSON,
        "csv": f"{_P}.transitions:transitions_csv",
        "html": f"{_P}.transitions:transitions_html",
    },
    "skillgraph.algorithms.extract.Extraction": {
        "text": f"{_P}.extract:extraction_text",
        "json": _JSON,
        "jsonl": "skillgraph.model.display:to_json_line",
    },
    "skillgraph.model.describe.NodeListing": {
        "text": f"{_P}.text:nodes_text",
        "json": "skillgraph.model.display:records_json",
    },
    "skillgraph.sparql.stores.QueryResult": {
        "table": f"{_P}.sparql:result_table",
        **{fmt: f"{_P}.sparql:write_{fmt}" for fmt in ("csv", "tsv", "json", "turtle", "nt", "jsonld")},
    },
    "skillgraph.sparql.queries.SavedQueries": {
        "table": f"{_P}.sparql:saved_queries_table",
        "json": "skillgraph.model.display:records_json",
    },
    "skillgraph.model.graph.SkillGraph": {"html": f"{_P}.html:graph_html"},
}

for _kind, _renderers in FORMATS.items():
    for _fmt, _renderer in _renderers.items():
        register(_kind, _fmt, _renderer)
