"""``plan --hours-per-week``: a plan laid over the weeks, prerequisites first, within the budget."""

from __future__ import annotations

import datetime
import json
import math

import pytest

from tests.helpers import invoke_cli

ARGS = ("plan", "--target", "senior", "--have", "python:2,git", "--start", "2026-01-05")


def _schedule(hours: str = "10"):
    result = invoke_cli(*ARGS, "--hours-per-week", hours, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_schedule_honours_prerequisites_and_the_weekly_budget():
    data = _schedule("10")
    plan = json.loads(invoke_cli(*ARGS[:5], "--format", "json").output)
    items = {s["id"]: s for stage in plan["stages"] for s in stage["skills"]}
    entries = {e["id"]: e for e in data["entries"]}
    assert set(entries) == set(items)  # every plan item, once
    day = datetime.date.fromisoformat
    for key, item in items.items():
        entry = entries[key]
        assert day(entry["start"]) >= day(data["start"]) and day(entry["end"]) >= day(entry["start"])
        if entry["kind"] == "practice":
            assert entry["hours"] is None and item["learned_by"] == "practice"
            continue
        for before in item["prerequisites"]:
            if entries[before]["kind"] != "practice":
                assert day(entries[before]["end"]) <= day(entry["start"])
    study = [e for e in data["entries"] if e["kind"] == "study"]
    hours = sum(e["hours"] for e in study)
    # at 10 h a week, the study takes the weeks those hours need, and no fewer
    span = (day(study[-1]["end"]) - day(data["start"])).days + 1
    assert span >= math.floor(hours / 10 * 7) and span <= math.ceil(hours / 10 * 7) + 1
    slower = _schedule("5")
    assert day(slower["end"]) > day(data["end"])


def test_practice_is_ongoing_not_study_weeks():
    data = _schedule("10")
    practice = [e for e in data["entries"] if e["kind"] == "practice"]
    assert practice and all(e["end"] == data["end"] for e in practice)
    text = invoke_cli(*ARGS, "--hours-per-week", "10").output
    assert "Ongoing practice" in text


def test_markdown_checklist_is_dated():
    text = invoke_cli(*ARGS, "--hours-per-week", "10", "--format", "markdown").output
    assert text.startswith("# Schedule: Senior Backend Developer")
    assert "- [ ] 2026-01-05" in text


def test_ics_has_one_event_per_skill_with_the_dates():
    from icalendar import Calendar

    data = _schedule("10")
    result = invoke_cli(*ARGS, "--hours-per-week", "10", "--format", "ics")
    assert result.exit_code == 0
    cal = Calendar.from_ical(result.output)
    events = cal.walk("VEVENT")
    assert len(events) == len(data["entries"])
    by_uid = {str(e["uid"]).split("@")[0][len("2026-01-05-") :]: e for e in events}
    for entry in data["entries"]:
        event = by_uid[entry["id"]]
        assert event.decoded("dtstart") == datetime.date.fromisoformat(entry["start"])
        assert event.decoded("dtend") == datetime.date.fromisoformat(entry["end"]) + datetime.timedelta(
            days=1
        )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--hours-per-week", "0"), "hours-per-week"),
        (("--hours-per-week", "-4"), "hours-per-week"),
        (("--hours-per-week", "inf"), "hours-per-week"),
        (("--hours-per-week", "nan"), "not nan"),
        (("--hours-per-week", "200"), "hours-per-week"),
        (("--hours-per-week", "5", "--start", "2026-02-30"), "2026-02-30"),
        (("--hours-per-week", "5", "--start", "soon"), "soon"),
        (("--format", "ics"), "--hours-per-week"),
    ],
)
def test_bad_schedule_input(args, needle):
    result = invoke_cli("plan", "--target", "junior", *args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and needle in result.output
