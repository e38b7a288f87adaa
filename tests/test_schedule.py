"""``plan --hours-per-week``: a plan laid over the weeks, prerequisites first, within the budget."""

from __future__ import annotations

import datetime
import itertools
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
    span = (max(day(e["end"]) for e in study) - day(data["start"])).days + 1
    assert span >= math.floor(hours / 10 * 7)
    # and no more: the week's hours go to the skills being learned, however few there are
    assert span <= math.ceil(hours / 10 * 7) + 1
    # never more skills at once than the budget gives time to
    for e in study:
        at_once = [o for o in study if day(o["start"]) <= day(e["start"]) <= day(o["end"])]
        assert len(at_once) <= data["side_by_side"]
    slower = _schedule("5")
    assert day(slower["end"]) > day(data["end"])


@pytest.mark.parametrize("args", [("--target", "junior"), ("--target", "senior", "--have", "python:2,git")])
def test_within_a_stage_what_more_of_the_plan_builds_on_starts_first(args):
    # A beginner starts with programming fundamentals, not with whatever sorts first by name: of
    # two skills of a stage, the one more of the plan is built on (directly or not) starts no later.
    plan = json.loads(invoke_cli("plan", *args, "--format", "json").output)
    data = json.loads(
        invoke_cli("plan", *args, "--hours-per-week", "8", "--start", "2026-01-05", "--format", "json").output
    )
    items = {s["id"]: s for stage in plan["stages"] for s in stage["skills"]}
    built_on: dict[str, set[str]] = {key: set() for key in items}
    for stage in reversed(plan["stages"]):
        for skill in stage["skills"]:
            for before in skill["prerequisites"]:
                built_on[before] |= {skill["id"], *built_on[skill["id"]]}
    start = {
        e["id"]: datetime.date.fromisoformat(e["start"]) for e in data["entries"] if e["kind"] == "study"
    }
    told_apart = 0
    for stage in plan["stages"]:
        ids = [s["id"] for s in stage["skills"] if s["id"] in start]
        for a, b in itertools.permutations(ids, 2):
            if len(built_on[a]) > len(built_on[b]):
                assert start[a] <= start[b], (items[a]["label"], items[b]["label"])
                told_apart += 1
    assert told_apart


def test_skills_are_learned_side_by_side_as_the_hours_allow():
    day = datetime.date.fromisoformat

    def overlapping(data: dict) -> bool:
        study = sorted((e for e in data["entries"] if e["kind"] == "study"), key=lambda e: e["start"])
        return any(day(b["start"]) <= day(a["end"]) for a, b in itertools.pairwise(study))

    few, more = _schedule("2"), _schedule("12")
    assert few["side_by_side"] == 1 and not overlapping(few)
    assert more["side_by_side"] > 1 and overlapping(more)


def test_what_the_learner_is_learning_comes_first(tmp_path):
    plan = json.loads(invoke_cli(*ARGS[:5], "--format", "json").output)
    stage = next(st for st in plan["stages"] if len(st["skills"]) > 3 and st["stage"] > 1)
    last = [s for s in stage["skills"] if s["learned_by"] == "study"][-1]  # last of its stage in plan order
    profile = tmp_path / "me.yaml"
    profile.write_text(
        f"skills:\n  python: 2\n  git: null\n  {last['id']}: {{status: learning}}\n", encoding="utf-8"
    )
    args = ("plan", "--target", "senior", "--profile", str(profile), "--start", "2026-01-05")
    result = invoke_cli(*args, "--hours-per-week", "10", "--format", "json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)["entries"]
    mine = next(e for e in entries if e["id"] == last["id"])
    assert mine["learning"]
    same_stage = [e for e in entries if e["stage"] == mine["stage"] and e["kind"] == "study"]
    assert mine["start"] == min(e["start"] for e in same_stage)
    assert "(learning now)" in invoke_cli(*args, "--hours-per-week", "10").output


def test_a_schedule_longer_than_people_take_says_so():
    slow = invoke_cli(*ARGS, "--hours-per-week", "2").output
    data = _schedule("2")
    low, high = data["typical_years"]
    assert data["years"] > high and data["warning"] and f"{low:g}-{high:g} years" in slow
    fast = _schedule("40")
    assert fast["years"] <= high and fast["warning"] is None


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
    one_day = datetime.timedelta(days=1)
    for entry in data["entries"]:
        event = by_uid[entry["id"]]
        start, end = (datetime.date.fromisoformat(entry[k]) for k in ("start", "end"))
        assert event.decoded("dtstart") == start
        if entry["kind"] == "practice":  # a weekly reminder until the end, not an event lasting years
            assert event.decoded("dtend") == start + one_day
            rule = event["rrule"]
            assert rule["FREQ"] == ["WEEKLY"] and rule["UNTIL"][0] == end
        else:
            assert event.decoded("dtend") == end + one_day


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
