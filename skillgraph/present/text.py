"""Plain-text renderings of core results for a terminal, shared by the CLI and notebooks.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))
>>> path_text(p).splitlines()[0]
'Senior Backend Developer -> Lead Backend Developer'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from skillgraph.vocabulary import PROFICIENCY_LABELS as LEVELS

#: The top proficiency rank (expert), reached mostly through years of use (docs/content.md).
EXPERT = max(LEVELS)

if TYPE_CHECKING:
    from skillgraph.algorithms.crossings import Crossing
    from skillgraph.algorithms.paths import CareerPath, SkillItem
    from skillgraph.algorithms.plan import Gap, LearningPlan, PlanItem
    from skillgraph.algorithms.plan.results import GapItem
    from skillgraph.algorithms.profile import Profile
    from skillgraph.model.describe import NodeDescription, NodeListing
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "builds_on_text",
    "carried_text",
    "choice_note",
    "choice_text",
    "describe_text",
    "estimated_hours",
    "figure_note",
    "gap_text",
    "held_text",
    "hours_text",
    "item_effort_text",
    "nodes_text",
    "path_summary",
    "path_text",
    "plan_effort",
    "plan_note",
    "plan_summary",
    "plan_text",
    "proficiency_text",
    "skill_note",
    "start_text",
    "table",
    "taxonomy_label",
    "years_text",
]


def table(rows: Sequence[Sequence[object]], headers: Sequence[str] | None = None) -> str:
    """Return ``rows`` as columns aligned with spaces.

    >>> print(table([["a", 1], ["bbb", 22]], headers=["name", "n"]))
    name  n
    ----  --
    a     1
    bbb   22
    """
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    if headers:
        text_rows.insert(0, list(headers))
    if not text_rows:
        return ""
    widths = [max(len(r[i]) for r in text_rows if i < len(r)) for i in range(max(map(len, text_rows)))]
    lines = ["  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in text_rows]
    if headers:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def nodes_text(listing: NodeListing) -> str:
    """Return a listing of nodes as a table of id, type and label.

    >>> from skillgraph.model.describe import NodeListing
    >>> print(nodes_text(NodeListing((("sql", "https://example.org/sql", "skill", "SQL"),))))
    id   type   label
    ---  -----  -----
    sql  skill  SQL
    """
    return table(
        [[id_, type_, label] for id_, _, type_, label in listing.nodes], headers=["id", "type", "label"]
    )


def proficiency_text(item: SkillItem, labels: dict[int, str] | None = None, *, arrow: str = "->") -> str:
    """Return the level asked of ``item``, with the level held before when it is raised.

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> item = SkillItem("k", "sql", "SQL", "database", 3, "advanced", current=2)
    >>> proficiency_text(item)
    'intermediate -> advanced'
    """
    if item.current:
        before = (labels or LEVELS).get(item.current, str(item.current))
        return f"{before} {arrow} {item.proficiency_label}"
    return item.proficiency_label


_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def choice_text(item: SkillItem, escape: Callable[[str], str] = str) -> str:
    """Return what a skill choice asks for: "one of A, B" or "two of A, B, C" ('' for a skill).

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> item = SkillItem("k", "k", "Style", None, 2, "intermediate", alternatives=("A", "B", "C"), choose=2)
    >>> choice_text(item)
    'two of A, B, C'
    """
    if not item.alternatives:
        return ""
    count = _COUNTS[item.choose - 1] if 0 < item.choose <= len(_COUNTS) else str(item.choose)
    return f"{count} of " + ", ".join(map(escape, item.alternatives))


def choice_note(item: SkillItem, escape: Callable[[str], str] = str) -> str:
    """Return a choice's alternatives and which of them build on the learner's picks.

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> choice_note(SkillItem("k", "k", "Framework", None, 2, "intermediate", alternatives=("Django", "Gin"),
    ...                       builds_on=(("Gin", "Go"),)))
    'one of Django, Gin; Gin builds on your Go'
    """
    notes = [choice_text(item, escape)] if item.alternatives else []
    if item.builds_on:
        notes.append(escape(builds_on_text(item)))
    return "; ".join(notes)


def builds_on_text(item: SkillItem) -> str:
    """Return which alternatives of a choice build on what the learner picked.

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> pairs = (("Gin", "Go"), ("Go net/http", "Go"))
    >>> builds_on_text(SkillItem("k", "k", "Framework", None, 2, "intermediate", builds_on=pairs))
    'Gin, Go net/http build on your Go'
    """
    picks: dict[str, list[str]] = {}
    for alt, pick in item.builds_on:
        picks.setdefault(pick, []).append(alt)
    return "; ".join(
        f"{', '.join(alts)} build{'s' if len(alts) == 1 else ''} on your {pick}"
        for pick, alts in picks.items()
    )


def skill_note(item: SkillItem) -> str:
    """Return what else to know of ``item``: its alternatives, what it is a prerequisite of."""
    notes = []
    if item.alternatives:
        notes.append(choice_note(item))
    elif item.for_choice:  # an alternative learned for a choice: which, and what it builds on
        notes.append(f"for {item.for_choice}" + (f" ({builds_on_text(item)})" if item.builds_on else ""))
    if item.reason == "prerequisite" and item.needed_for:
        notes.append("prerequisite of " + ", ".join(item.needed_for))
    if item.covers:
        notes.append("covers " + ", ".join(item.covers))
    return "; ".join(notes)


def years_text(years: tuple[float, float] | None) -> str:
    """Format a typical span of years.

    >>> years_text((2.0, 4.0)), years_text((3.0, 3.0)), years_text(None)
    ('2-4 years', '3 years', '')
    """
    if years is None:
        return ""
    low, high = years
    return f"{low:g} years" if low == high else f"{low:g}-{high:g} years"


def item_effort_text(item: SkillItem) -> str:
    """The effort of an item: its study hours, or that it is learned by practice.

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> item_effort_text(SkillItem("k", "m", "Mentoring", None, 2, "intermediate", learned_by="practice"))
    'practice'
    """
    return "practice" if item.learned_by == "practice" else hours_text(item.effort_hours)


def expert_note(items: Iterable[SkillItem]) -> str:
    """Say how much of the hours go to skills asked at the expert level, which come mostly with
    years of use rather than study ('' when none is).

    >>> from skillgraph.algorithms.paths import SkillItem
    >>> expert_note([SkillItem("k", "k", "System design", None, 4, "expert", effort_hours=1500.0)])
    ' (1500 h of it for 1 skill asked at expert, a level that comes mostly with years of use)'
    """
    expert = [i for i in items if i.proficiency == EXPERT and i.learned_by != "practice" and i.effort_hours]
    if not expert:
        return ""
    hours = sum(i.effort_hours or 0.0 for i in expert)
    return (
        f" ({hours_text(hours)} of it for {len(expert)} skill{'s' * (len(expert) != 1)} asked at expert, "
        "a level that comes mostly with years of use)"
    )


def path_summary(path: CareerPath) -> str:
    """One line: the study hours of the path and the typical experience before the target."""
    parts = [
        f"about {hours_text(path.effort_hours)} of study"
        + expert_note(item for step in path.steps[1:] for item in step.skills)
    ]
    practice = sum(len(step.practice) for step in path.steps)
    if practice:
        parts.append(f"{practice} skill{'s' * (practice != 1)} learned by practice on the job")
    if path.years:
        parts.append(f"typically {years_text(path.years)} of experience before {path.steps[-1].label}")
    return "; ".join(parts)


def path_text(path: CareerPath) -> str:
    """Return a career path as text for a terminal."""
    lines = [" -> ".join(step.label for step in path.steps), path_summary(path)]
    if path.kind == "transition":
        score = f" (feasibility score {path.score:.2f})" if path.score is not None else ""
        lines[0] += "  [a transition, not a ladder]"
        lines.insert(
            1,
            f"No career path of progressions joins these roles: this is the direct move{score}, "
            "with what it asks to learn in prerequisite order.",
        )
    crossing = getattr(path, "crossing", None)  # a path across the role crosswalk
    if crossing is not None:
        lines[0] += "  [across the role crosswalk]"
        lines.insert(1, crossing_text(crossing))
    if path.have:
        lines.append(f"(leaving out {len(path.have)} skill(s) you have, and what they imply)")
    for number, step in enumerate(path.steps, start=1):
        level = f", level {step.level}" if step.level is not None else ""
        count = len(step.skills)
        details = [f"{count} skill{'s' * (count != 1)} to acquire"]
        if number == 1 and path.start is not None:
            details = [start_text(path)]
        elif count and not any(item.effort_hours for item in step.skills):
            details.append("no study hours estimated (the taxonomy gives none)")
        elif count:
            details.append(f"about {hours_text(step.effort_hours)} of study")
        if step.years:
            details.append(f"typically {years_text(step.years)} in the role")
        lines += ["", f"{number}. {step.label} ({step.type}{level}): {', '.join(details)}"]
        rows = [
            [
                item.label,
                proficiency_text(item),
                item.category or "",
                item_effort_text(item),
                skill_note(item),
            ]
            for item in step.skills
        ]
        if rows:
            lines += ["   " + line for line in table(rows).splitlines()]
        elif not (number == 1 and path.start is not None):
            lines.append("   nothing new")
    return "\n".join(lines)


def crossing_text(crossing: Crossing) -> str:
    """The role link a path crossed and the requirements met across it, one per line.

    >>> from skillgraph.algorithms.crossings import Counted, Crossing
    >>> from skillgraph.algorithms.plan.results import NodeRef
    >>> role, job = NodeRef("j", "j", "Junior", "role"), NodeRef("o", "o", "software developer", "role")
    >>> print(crossing_text(Crossing(role, job, "broadMatch", (Counted(job, role, "exactMatch", 3),))))
    ... # doctest: +NORMALIZE_WHITESPACE
    No progression joins a curated role to an occupation of a taxonomy: the path crosses the role
    crosswalk at Junior (broadMatch software developer).
    counted through the crosswalk: software developer: met by Junior, advanced (exactMatch)
    """
    role, occupation = crossing.role.label, crossing.occupation.label
    lines = [
        "No progression joins a curated role to an occupation of a taxonomy: the path crosses the "
        f"role crosswalk at {role} ({crossing.relation} {occupation})"
        + (
            ": the same work under another name."
            if crossing.relation in ("exactMatch", "closeMatch")
            else "."
        )
    ]
    for c in crossing.counted:
        level = LEVELS.get(c.rank, "any level")
        lines.append(
            f"counted through the crosswalk: {c.requirement.label}: met by {c.source.label}, "
            f"{level} ({c.relation})"
        )
    return "\n".join(lines)


def start_text(path: CareerPath) -> str:
    """What a path takes as known of the role it starts from (``path.start``)."""
    assert path.start is not None
    first = path.steps[0]
    hours = hours_text(path.start.hours)
    if not path.have:
        return f"where you start: what this role asks counts as known ({len(path.start.assumed)} skills, " + (
            f"about {hours} of study from nothing)" if path.start.hours else "no study hours estimated)"
        )
    if not path.start.assumed:
        return "where you start: what you gave covers what this role asks"
    count = len(path.start.assumed)
    return (
        f"where you start: counted as known, though {count} skill{'s' * (count != 1)} it asks, or that "
        f"{'they build' if count != 1 else 'it builds'} on, {'are' if count != 1 else 'is'} not in what "
        f'you gave (about {hours}; `skillgraph gap --target "{first.label}"` lists what it asks)'
    )


def describe_text(desc: NodeDescription) -> str:
    """Return a node description as text for a terminal."""
    lines = [f"{desc.label}  [{desc.type}]  id: {desc.id}", f"iri: {desc.key}"]
    if desc.alt_labels:
        lines.append("also known as: " + ", ".join(desc.alt_labels))
    for name, value in desc.attributes.items():
        if name == "effort":
            value = ", ".join(f"{level} {hours_text(hours)}" for level, hours in value.items())
            name = "study hours to reach each level (cumulative)"
        elif name == "learned_by":
            value = "practice on the job (no study hours)"
        elif name == "typical_years_in_role":
            value = years_text(tuple(value))
        lines.append(f"{name.replace('_', ' ')}: {value}")
    if desc.description:
        lines.append(f"description: {desc.description}")
    for reference in desc.references:
        lines.append(f"reference: {reference}")
    for relation, target, label in desc.matches:
        lines.append(f"{relation}: {target}" + (f"  ({label})" if label else ""))
    if desc.provenance:
        lines += ["", "sources of its facts:"]
        lines += [f"  {name.replace('_', ' ')}: {'; '.join(srcs)}" for name, srcs in desc.provenance.items()]
    for wording, rels in desc.grouped().items():
        lines += ["", f"{wording} ({len(rels)}):"]
        rows = [[r.label, r.type, r.proficiency_label or "", r.note or "; ".join(r.sources)] for r in rels]
        lines += ["  " + line for line in table(rows).splitlines()]
    return "\n".join(lines)


# -- learning plans and gaps ---------------------------------------------------


def hours_text(hours: float | None) -> str:
    """Format an effort estimate.

    >>> hours_text(120.0), hours_text(2.5), hours_text(None)
    ('120 h', '2.5 h', '')
    """
    if hours is None:
        return ""
    return f"{hours:g} h"


def estimated_hours(hours: float, unestimated: int = 0) -> str:
    """Format the hours of a plan or a stage, or say none is estimated: the skills of a taxonomy
    that gives no effort count 0 h, which would read as nothing to learn.

    >>> estimated_hours(120.0), estimated_hours(0.0, 21), estimated_hours(0.0)
    ('120 h', 'no study hours estimated', '0 h')
    """
    if unestimated and not hours:
        return "no study hours estimated"
    return hours_text(hours) or "0 h"


def held_text(item: SkillItem, labels: dict[int, str]) -> str:
    """Return the level a person holds of an item's skill, by label."""
    return labels.get(item.current, str(item.current)) if item.current else "-"


def taxonomy_label(graph: SkillGraph, key: str) -> str:
    """Return a node's label, with the taxonomy it comes from when that is not the curated graph.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> taxonomy_label(g, g.resolve("python"))
    'Python'
    """
    attrs = graph.node(key)
    label = graph.label(key)
    if key.startswith("https://w3id.org/skillgraph/id/"):
        return label
    sources = attrs.get("sources") or ()
    return f"{label} ({sources[0].split(' (')[0]})" if sources else label


def carried_text(graph: SkillGraph, profile: Profile) -> str:
    """Return one line per skill a profile meets across the crosswalk, naming what counted.

    >>> import skillgraph
    >>> from skillgraph.algorithms.profile import Profile
    >>> g = skillgraph.load()
    >>> carried_text(g, Profile({g.resolve("python"): 3}).across(g))
    ''
    """
    lines = []
    for key, how in sorted(profile.carried.items(), key=lambda kv: taxonomy_label(graph, kv[0]).casefold()):
        named = how.source in profile.skills
        level = graph.level_label(how.rank) if how.rank in graph.proficiency_labels else "any level"
        via = "" if named else " (implied)"
        lines.append(
            f"counted through the crosswalk: {taxonomy_label(graph, key)}: met by "
            f"{taxonomy_label(graph, how.source)}{via}, {level} ({how.relation})"
        )
    return "\n".join(lines)


def gap_note(item: GapItem, labels: Mapping[int, str], escape: Callable[[str], str] = str) -> str:
    """Return what else a gap says of a requirement: its alternatives, and the higher level a
    prerequisite need sets for it.

    >>> from skillgraph.algorithms.plan.results import GapItem
    >>> item = GapItem("k", "k", "SQL databases", None, 1, "foundational", learned_to=2, needed_for=("SQL",))
    >>> gap_note(item, {1: "foundational", 2: "intermediate"})
    'learned to intermediate: a prerequisite of SQL'
    """
    notes = [choice_note(item, escape)] if item.alternatives or item.builds_on else []
    if item.learned_to:
        level = labels.get(item.learned_to, str(item.learned_to))
        notes.append(f"learned to {level}: a prerequisite of " + ", ".join(map(escape, item.needed_for)))
    return "; ".join(notes)


def gap_summary(gap: Gap) -> str:
    """Return the first line of a gap: how many requirements are not met, and how many met ones
    are learned further as a prerequisite.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> held = {g.resolve("sql databases"): 1}  # junior asks it at that level; SQL needs it higher
    >>> gap_summary(skillgraph.skill_gap(g, g.resolve("junior"), held)).split("; ")[1]
    '1 met, learned further as a prerequisite'
    """
    count = gap.missing
    line = f"Gap to {gap.target.label}: {count} requirement{'s' * (count != 1)} not met"
    further = len(gap.items) - count
    return line + (f"; {further} met, learned further as a prerequisite" if further else "")


def gap_text(gap: Gap) -> str:
    """Return a gap as text for a terminal: missing requirements grouped by category."""
    target = gap.target.label
    if gap.met:
        return f"You already meet every requirement of {target}."
    labels = dict(gap.proficiency_labels)
    lines = [gap_summary(gap), ""]
    rows = []
    for category, items in gap.by_category().items():
        for n, item in enumerate(items):
            rows.append(
                [
                    category if n == 0 else "",
                    item.label,
                    item.proficiency_label,
                    held_text(item, labels),
                    gap_note(item, labels),
                ]
            )
    lines += table(rows, headers=["category", "skill", "asked", "have", "note"]).splitlines()
    return "\n".join(lines)


def plan_note(item: PlanItem, plan: LearningPlan) -> str:
    """Return which choice a plan item satisfies and which items it comes before."""
    notes = []
    names = {c.key: c.label for c, _ in plan.choices}
    if item.satisfies:
        notes.append("for " + ", ".join(names.get(k, k) for k in item.satisfies))
    if item.covers:
        notes.append("covers " + ", ".join(item.covers))
    if item.reason == "prerequisite" and item.needed_for:
        notes.append("before " + ", ".join(item.needed_for))
    return "; ".join(notes)


def plan_summary(plan: LearningPlan) -> str:
    """Return one line counting a plan's new skills, raises, stages and hours."""
    parts = [f"{plan.new_count} new skill{'s' * (plan.new_count != 1)}"]
    if plan.raise_count:
        parts.append(f"{plan.raise_count} to raise")
    parts.append(f"{len(plan.stages)} stage{'s' * (len(plan.stages) != 1)}")
    effort = plan_effort(plan) + expert_note(plan.items)
    practice = len(plan.practice)
    if practice:
        effort += f"; {practice} skill{'s' * (practice != 1)} learned by practice on the job"
    return ", ".join(parts) + "; " + effort


def plan_effort(plan: LearningPlan) -> str:
    """Return the study a plan counts: about how many hours, and how many skills have no estimate."""
    unestimated = plan.unestimated
    if unestimated and not plan.effort_hours:
        return f"no study hours estimated (for {unestimated} skill{'s' * (unestimated != 1)})"
    effort = f"about {hours_text(plan.effort_hours)} of study"
    return effort + (f" ({unestimated} not estimated)" if unestimated else "")


def gap_hours_note(plan: LearningPlan) -> str:
    """Say what closing a gap takes: the hours of the plan to the same target, from the same skills.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> gap_hours_note(skillgraph.learning_plan(g, g.resolve("junior"), {g.resolve("python"): 3}))[:22]
    'Closing the gap: about'
    """
    extra = plan.new_count + plan.raise_count
    return (
        f"Closing the gap: {plan_effort(plan)}, the prerequisites they need included "
        f"({extra} skill{'s' * (extra != 1)} to learn or raise); skillgraph plan puts them in order."
    )


def figure_note(plan: LearningPlan, ladder_hours: float, roles: int = 1) -> str | None:
    """Say why the plan's hours differ from the hours of the ladder to its target, if they do.

    ``ladder_hours`` is what ``path FIRST TARGET --have ...`` (and ``progress``) count, over
    ``roles`` roles of the ladder. The note names what applies: each skill choice counted there at
    the alternative held or building on what is known, else at a typical one, against the plan's
    picks (the least costly overall); the roles walked there.
    """
    if abs(plan.effort_hours - ladder_hours) < 0.5:
        return None
    picks = list(dict.fromkeys(pick.label for _, pick in plan.choices))
    there = []
    if roles > 1:
        there.append(f"the {roles} roles of the ladder one after the other")
    if picks:
        there.append(
            "each skill choice at a typical alternative, unless you hold one or one builds on what you know"
        )
    target = plan.target.label
    return (
        f"Note: progress counts {hours_text(ladder_hours)} to {target}"
        + (f": {', and '.join(there)}" if there else "")
        + f". This plan counts {hours_text(plan.effort_hours)}: only what {target} asks"
        + (f", with the alternatives it picks ({', '.join(picks)})" if picks else "")
        + "."
    )


def plan_text(plan: LearningPlan) -> str:
    """Return a learning plan as text for a terminal, stage by stage."""
    target = plan.target.label
    if plan.met:
        return f"You already meet every requirement of {target}: nothing to learn."
    labels = dict(plan.proficiency_labels)
    lines = [f"Learning plan for {target} (fewest {'skills' if plan.objective == 'count' else 'hours'})"]
    lines.append(plan_summary(plan))
    if not plan.optimal:
        lines.append("(the search stopped early: this is the best plan found, not proven the smallest)")
    if plan.choices:
        picked: dict[str, list[str]] = {}  # a choice of two or more names its picks together
        for choice, pick in plan.choices:
            picked.setdefault(choice.label, []).append(pick.label)
        lines.append("choices: " + "; ".join(f"{c}: {', '.join(ps)}" for c, ps in picked.items()))
    for stage in plan.stages:
        count = len(stage.items)
        lines += [
            "",
            f"Stage {stage.number}: {count} skill{'s' * (count != 1)}, "
            f"{estimated_hours(stage.effort_hours, stage.unestimated)}",
        ]
        rows = [
            [
                item.label,
                item.status,
                proficiency_text(item, labels),
                item.category or "",
                item_effort_text(item),
                plan_note(item, plan),
            ]
            for item in stage.items
        ]
        lines += ["  " + line for line in table(rows).splitlines()]
    return "\n".join(lines)
