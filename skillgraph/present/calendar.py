"""A schedule as a dated checklist (text, Markdown) or an iCalendar file (RFC 5545).

>>> import datetime, skillgraph
>>> from skillgraph.algorithms.plan import plan
>>> from skillgraph.algorithms.schedule import schedule
>>> g = skillgraph.load()
>>> s = schedule(plan(g, g.resolve("junior"), {}), hours_per_week=8, start=datetime.date(2026, 1, 5))
>>> schedule_text(s).splitlines()[0].startswith("Schedule for Junior Backend Developer at 8 h a week")
True
>>> b"BEGIN:VEVENT" in schedule_ics(s)
True
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from skillgraph.errors import MissingDependencyError
from skillgraph.present.markdown import markdown_escape
from skillgraph.present.text import hours_text, table

if TYPE_CHECKING:
    from skillgraph.algorithms.schedule import Entry, Schedule

__all__ = [
    "schedule_ics",
    "schedule_markdown",
    "schedule_text",
]


def _when(entry: Entry) -> str:
    return f"{entry.start.isoformat()} – {entry.end.isoformat()}"


def _what(entry: Entry) -> str:
    if entry.practice:
        return "practice on the job"
    return hours_text(entry.hours) if entry.hours is not None else "not estimated"


def _side_by_side(s: Schedule) -> str:
    return f"up to {s.side_by_side} skills side by side" if s.side_by_side > 1 else "one skill at a time"


def _name(entry: Entry) -> str:
    return f"{entry.item.label} (learning now)" if entry.learning else entry.item.label


def schedule_text(s: Schedule) -> str:
    """Return the schedule as a dated list: study by start date, then ongoing practice."""
    lines = [
        f"Schedule for {s.plan.target.label} at {s.hours_per_week:g} h a week, {_side_by_side(s)}: "
        f"{s.start.isoformat()} to {s.end.isoformat()} ({s.weeks} weeks)"
    ]
    if s.overrun:
        lines.append(f"Note: {s.overrun}.")
    study = [e for e in s.entries if not e.practice]
    practice = [e for e in s.entries if e.practice]
    rows = [[_when(e), _name(e), e.item.proficiency_label, _what(e)] for e in study]
    lines += ["  " + line for line in table(rows).splitlines()]
    if practice:
        lines += ["", "Ongoing practice (learned on the job, not in study weeks; a weekly reminder):"]
        rows = [[f"from {e.start.isoformat()}", e.item.label, e.item.proficiency_label] for e in practice]
        lines += ["  " + line for line in table(rows).splitlines()]
    return "\n".join(lines)


def schedule_markdown(s: Schedule) -> str:
    """Return the schedule as a Markdown checklist, one line per skill with its dates."""
    lines = [
        f"# Schedule: {markdown_escape(s.plan.target.label)}",
        "",
        f"{s.hours_per_week:g} hours a week, {_side_by_side(s)}, "
        f"{s.start.isoformat()} to {s.end.isoformat()}.",
        "",
    ]
    if s.overrun:
        lines += [f"> Note: {markdown_escape(s.overrun)}.", ""]
    for e in s.entries:
        if not e.practice:
            name = markdown_escape(_name(e))
            lines.append(f"- [ ] {_when(e)} **{name}** ({e.item.proficiency_label}, {_what(e)})")
    practice = [e for e in s.entries if e.practice]
    if practice:
        lines += ["", "## Ongoing practice", ""]
        for e in practice:
            name = markdown_escape(e.item.label)
            lines.append(f"- [ ] from {e.start.isoformat()} **{name}** ({e.item.proficiency_label})")
    return "\n".join(lines) + "\n"


def schedule_ics(s: Schedule, *, stamp: datetime.datetime | None = None) -> bytes:
    """Return the schedule as an iCalendar file: one all-day event per skill studied, from its
    first to its last day, and a weekly all-day reminder per practice skill, from the day its
    prerequisites are learned to the end of the schedule."""
    try:
        from icalendar import Calendar, Event
    except ImportError:
        raise MissingDependencyError("icalendar", "a calendar (--format ics)", extra="calendar") from None

    cal = Calendar()
    cal.add("prodid", "-//skillgraph//learning schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Learning: {s.plan.target.label}")
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    for e in s.entries:
        event = Event()
        verb = "Practice" if e.practice else "Learn"
        event.add("summary", f"{verb} {e.item.label} ({e.item.proficiency_label})")
        event.add("dtstart", e.start)
        if e.practice:  # a reminder each week, not one event lasting years
            event.add("dtend", e.start + datetime.timedelta(days=1))
            event.add("rrule", {"freq": "weekly", "until": e.end})
        else:
            event.add("dtend", e.end + datetime.timedelta(days=1))  # DTEND of a date is exclusive
        event.add("dtstamp", stamp)
        event.add("uid", f"{s.start.isoformat()}-{e.item.id}@skillgraph")
        event.add(
            "description",
            f"Stage {e.item.stage} of the plan for {s.plan.target.label}; {_what(e)}. {e.item.key}",
        )
        event.add("categories", ["practice" if e.practice else "study"])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
