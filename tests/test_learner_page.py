"""The explorer's learner mode in Chromium agrees with ``skillgraph next`` and ``skillgraph plan``."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from skillgraph.algorithms.knowledge import covered_items, implied, learned_first, taught_in_part
from skillgraph.algorithms.profile import parse_have, read_profile
from tests.helpers import Opened, click_node, invoke_cli

CASES = [
    ("junior", ""),
    ("senior", "python:2,git"),
    ("senior", "java:3,sql:2,docker:1"),
    ("devops", "linux:3,kubernetes:2"),
    ("lead", "python:4,system design:3"),
    ("dba", "sql:advanced"),
]


def _export(tmp_path: Path, target: str, have: str) -> Path:
    out = tmp_path / f"{target}-{len(have)}.html"
    args = ["export", "html", str(out), "--plan", target]
    if have:
        args += ["--have", have]
    result = invoke_cli(*args)
    assert result.exit_code == 0, result.output
    return out


def _python_answers(target: str, have_args: list[str]) -> tuple[list[list[Any]], dict[str, int]]:
    nxt = json.loads(invoke_cli("next", "--target", target, *have_args, "--format", "json").output)
    plan = json.loads(invoke_cli("plan", "--target", target, *have_args, "--format", "json").output)
    frontier = [[item["iri"], item["proficiency"]] for item in nxt["next"]]
    items = {s["iri"]: s["proficiency"] for stage in plan["stages"] for s in stage["skills"]}
    return frontier, items


def _python_hours(target: str, have_args: list[str]) -> float:
    plan = json.loads(invoke_cli("plan", "--target", target, *have_args, "--format", "json").output)
    return float(plan["summary"]["effort_hours"])


def _python_why(target: str, have_args: list[str]) -> list[str]:
    nxt = json.loads(invoke_cli("next", "--target", target, *have_args, "--format", "json").output)
    return [item["why"] for item in nxt["next"]]


def _have_args(state_have: dict[str, int], graph) -> list[str]:
    parts = [f"{graph.node(k)['id']}" + ("" if r >= 99 else f":{r}") for k, r in state_have.items()]
    return ["--have", ",".join(parts)] if parts else []


@pytest.mark.parametrize(("target", "have"), CASES)
def test_page_agrees_with_next_and_plan(browser: Any, tmp_path: Path, graph, target: str, have: str) -> None:
    page_file = _export(tmp_path, target, have)
    opened = Opened(browser, page_file)
    try:
        state = opened.page.evaluate("window.skillgraphLearner.state()")
        stated = parse_have(graph, [have]).ranks() if have else {}
        assert state["have"] == stated
        assert state["implied"] == implied(graph, stated)
        frontier, plan_items = _python_answers(target, ["--have", have] if have else [])
        assert state["frontier"] == frontier  # the same skills, ranks and order
        assert state["why"] == _python_why(target, ["--have", have] if have else [])
        assert state["plan"] == plan_items
        # what a planned item teaches in part, and so the hours: the figures of `plan`
        expected = taught_in_part(graph, state["plan"], state["implied"])
        assert state["taughtInPart"] == {k: [level, by] for k, (level, by) in expected.items()}
        summary = opened.page.evaluate("document.getElementById('sg-plan-summary').textContent")
        assert f"about {round(_python_hours(target, ['--have', have] if have else []))} h" in summary, summary
        opened.check_clean()
    finally:
        opened.close()


def _taught(graph, planned: dict[str, int]) -> dict[str, Any]:
    covered = covered_items(graph, planned)
    first = learned_first(graph, {k: r for k, r in planned.items() if k not in covered})
    return {"covered": covered, "learnedFirst": {k: [level, by] for k, (level, by) in first.items()}}


def test_what_planned_items_teach_is_decided_as_python_decides(browser: Any, tmp_path: Path, graph) -> None:
    # the items a plan learns with another, or learns first only in part, for profiles the
    # page plans itself and for sets of planned skills drawn at random among those that cover
    page_file = _export(tmp_path, "devops", "")
    opened = Opened(browser, page_file)
    page = opened.page
    try:
        seen = {"covered": 0, "learnedFirst": 0}
        for target, have in [("devops", ""), ("senior", "python:2"), ("devops", "linux:3,kubernetes:2")]:
            page.evaluate(
                "([t, h]) => { window.skillgraphLearner.setTarget(t); }", [graph.resolve(target), None]
            )
            stated = parse_have(graph, [have]).ranks() if have else {}
            page.evaluate(
                "h => window.skillgraphLearner.importProfile('skills: {' + h + '}')",
                ", ".join(f'"{graph.node(k)["id"]}": {r}' for k, r in stated.items()),
            )
            state = page.evaluate("window.skillgraphLearner.state()")
            assert state["have"] == stated
            expected = _taught(graph, state["planned"])
            assert {"covered": state["covered"], "learnedFirst": state["learnedFirst"]} == expected
            for key in seen:
                seen[key] += len(expected[key])
        covering = sorted({s for s in graph.covers} | {c for row in graph.covers.values() for c, _, _ in row})
        rng = random.Random(5)
        for _ in range(40):
            planned = {k: rng.randint(1, 4) for k in rng.sample(covering, min(len(covering), 12))}
            planned |= {p: rng.randint(1, 4) for k in list(planned) for p in graph.needs.get(k, ())}
            expected = _taught(graph, planned)
            assert page.evaluate("p => window.skillgraphLearner.taught(p)", planned) == expected
            for key in seen:
                seen[key] += len(expected[key])
        assert seen["covered"] and seen["learnedFirst"]  # both rules were exercised
        opened.check_clean()
    finally:
        opened.close()


def test_clicks_recompute_as_python_does(browser: Any, tmp_path: Path, graph) -> None:
    page_file = _export(tmp_path, "senior", "python:2")
    opened = Opened(browser, page_file)
    page = opened.page
    try:
        page.check("#sg-learn-mode")  # marking is a mode, off until asked for
        for _ in range(4):  # learn what the page says to start first, among the nodes drawn, by clicking it
            first = page.evaluate(
                """() => window.skillgraphLearner.state().frontier.map(f => f[0]).find(k => {
                     const p = window.skillgraphNetwork.getPositions([k])[k];
                     window.skillgraphNetwork.focus(k, {scale: 1.2, animation: false});
                     return p && window.skillgraphNetwork.getNodeAt(window.skillgraphNetwork.canvasToDOM(p)) === k;
                   })"""
            )
            before = page.evaluate("Number(document.getElementById('sg-learner').dataset.updates)")
            click_node(page, first)
            page.wait_for_function(
                f"() => Number(document.getElementById('sg-learner').dataset.updates) > {before}"
            )
            state = page.evaluate("window.skillgraphLearner.state()")
            assert first in state["have"]
            assert page.get_attribute("#sg-side", "data-node") == first  # the side panel shows it
            have_args = _have_args(state["have"], graph)
            assert state["implied"] == implied(graph, parse_have(graph, have_args[1:]).ranks())
            frontier, _ = _python_answers("senior", have_args)
            assert state["frontier"] == frontier
        # setting a level in the side panel
        python = graph.resolve("python")
        page.evaluate("k => window.skillgraphShowDetails(k)", python)
        page.select_option("#sg-level-select", "4")
        state = page.evaluate("window.skillgraphLearner.state()")
        assert state["have"][python] == 4
        frontier, _ = _python_answers("senior", _have_args(state["have"], graph))
        assert state["frontier"] == frontier
        # progress lasts: a reload keeps it (local storage)
        page.reload()
        page.wait_for_function("() => window.skillgraphReady === true")
        assert page.evaluate("window.skillgraphLearner.state().have") == state["have"]
        opened.check_clean()
    finally:
        opened.close()


def test_profile_yaml_round_trips_with_the_cli(browser: Any, tmp_path: Path, graph) -> None:
    page_file = _export(tmp_path, "senior", "python:3,git,docker:intermediate")
    opened = Opened(browser, page_file)
    page = opened.page
    try:
        text = page.evaluate("window.skillgraphLearner.exportYaml()")
        exported = tmp_path / "exported.yaml"
        exported.write_text(text)
        assert read_profile(graph, exported).ranks() == page.evaluate("window.skillgraphLearner.state().have")
        # a profile the CLI wrote and a person edited: comments, a list, statuses
        mine = tmp_path / "mine.yaml"
        mine.write_text(
            "# my skills\nskills:\n  - python:advanced  # day job\n  - {sql: 2}\n  - name: git\n"
            "  - name: Kubernetes\n    level: intermediate\n    status: learning\n"
        )
        for args in (
            ("linux:3",),
            ("rust", "--status", "skipped"),
            ("Node.js:foundational",),
            ("docker:intermediate", "--status", "learning"),
        ):
            assert invoke_cli("mark", *args, "--profile", mine).exit_code == 0
        page.set_input_files("#sg-import", str(mine))
        page.wait_for_function("() => document.getElementById('sg-import-status').textContent !== ''")
        assert "imported" in page.text_content("#sg-import-status")
        profile = read_profile(graph, mine)
        assert page.evaluate("window.skillgraphLearner.state().have") == profile.ranks()
        frontier, _ = _python_answers("senior", ["--profile", str(mine)])
        assert page.evaluate("window.skillgraphLearner.state().frontier") == frontier
        # learning and skipped entries: left out or flagged as the CLI does, and exported again
        assert page.evaluate("window.skillgraphLearner.state().why") == _python_why(
            "senior", ["--profile", str(mine)]
        )
        again = tmp_path / "again.yaml"
        again.write_text(page.evaluate("window.skillgraphLearner.exportYaml()"))
        reread = read_profile(graph, again)
        assert reread.ranks() == profile.ranks()
        assert reread.with_status("skipped") == profile.with_status("skipped")
        assert reread.with_status("learning") == profile.with_status("learning")
        opened.check_clean()
    finally:
        opened.close()


def test_roadmap_lays_a_plan_out_in_prerequisite_order(browser: Any, tmp_path: Path, graph) -> None:
    page_file = _export(tmp_path, "senior", "python:2")
    opened = Opened(browser, page_file)
    page = opened.page
    try:
        assert page.get_attribute("#sg-network", "data-view") == "roadmap"
        shown = page.evaluate(
            "window.skillgraphNodes.get({filter: n => !n.hidden && !n.anchor}).map(n => n.id)"
        )
        plan = page.evaluate("window.skillgraphLearner.state().plan")
        assert set(shown) == {*plan, graph.resolve("senior")}
        y = page.evaluate("window.skillgraphNetwork.getPositions()")
        for skill in plan:  # every prerequisite in the plan is drawn above the skill needing it
            for prereq in graph.needs.get(skill, ()):
                if prereq in plan:
                    assert y[prereq]["y"] < y[skill]["y"]
        assert all(y[graph.resolve("senior")]["y"] > y[s]["y"] for s in plan)
        opened.check_clean()
    finally:
        opened.close()


def test_a_profile_naming_imported_skills_imports_what_the_page_holds(browser: Any, tmp_path: Path) -> None:
    from skillgraph import load
    from skillgraph.algorithms.profile import taxonomy_name
    from skillgraph.importers import import_esco
    from tests.helpers import DATA

    esco = tmp_path / "esco.nt"
    import_esco(DATA / "esco-1.2.0-ict", esco)
    graph = load([esco])
    skill = next(iri for _, iri in graph.node(graph.resolve("python"))["matches"] if "/esco/" in iri)
    name = taxonomy_name(graph, skill)
    assert name is not None and name.startswith("esco:")
    mine = tmp_path / "mine.yaml"  # as mark writes it, plus a skill of a taxonomy the page lacks
    assert invoke_cli("mark", f"{skill}:advanced", "--profile", mine, "--data", esco).exit_code == 0
    assert invoke_cli("mark", "git:intermediate", "--profile", mine).exit_code == 0
    with mine.open("a", encoding="utf-8") as handle:
        handle.write("  onet:Python: intermediate\n")
    assert name in mine.read_text(encoding="utf-8")
    cli = invoke_cli("gap", "--target", "junior", "--profile", mine, "--data", esco)
    assert cli.exit_code == 0 and "onet:Python" in cli.stderr
    wanted = read_profile(graph, mine).ranks()
    assert wanted[skill] == 3
    for data, kept in (([esco], wanted), ([], {k: r for k, r in wanted.items() if k != skill})):
        page_file = tmp_path / f"page-{len(data)}.html"
        args = ["export", "html", str(page_file), "--plan", "junior"] + [f"--data={d}" for d in data]
        assert invoke_cli(*args).exit_code == 0
        opened = Opened(browser, page_file)
        try:
            page = opened.page
            page.set_input_files("#sg-import", str(mine))
            page.wait_for_function("() => document.getElementById('sg-import-status').textContent !== ''")
            status = page.text_content("#sg-import-status") or ""
            assert status.startswith(f"imported {len(kept)} skills"), status
            assert "onet:Python" in status and (name in status) == (not data)
            assert page.evaluate("window.skillgraphLearner.state().have") == kept
            if data:  # exported again, the imported skill keeps its readable name
                again = tmp_path / "again.yaml"
                again.write_text(page.evaluate("window.skillgraphLearner.exportYaml()"), encoding="utf-8")
                assert name in again.read_text(encoding="utf-8")
                assert read_profile(graph, again).ranks() == kept
            opened.check_clean()
        finally:
            opened.close()


def _settled(page: Any, key: str) -> dict[str, float]:
    """Where ``key`` is drawn on the screen once the page has stopped laying itself out (a side
    panel opening narrows the graph area, which is laid out again): the same over 300 ms."""
    return page.evaluate(
        """async k => {
             const net = window.skillgraphNetwork;
             const canvas = document.querySelector('#sg-network canvas');
             const place = () => { const d = net.canvasToDOM(net.getPositions([k])[k]),
                                          r = canvas.getBoundingClientRect();
                                   return {x: r.left + d.x, y: r.top + d.y, canvasX: d.x, canvasY: d.y}; };
             const wait = ms => new Promise(done => setTimeout(done, ms));
             let last = place();
             for (let i = 0; i < 40; i++) {
               await wait(300);
               const now = place();
               if (Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5) { return now; }
               last = now;
             }
             return null;
           }""",
        key,
    )


def test_a_real_click_keeps_the_node_and_the_graph_beside_the_panel(browser: Any, tmp_path: Path) -> None:
    # a mouse click on a skill near the right edge of the graph opens the side panel there: the
    # graph area narrows under the pointer and the roadmap is laid out again for it
    page_file = _export(tmp_path, "senior", "python:2,git")
    opened = Opened(browser, page_file, width=1440, height=900)
    page = opened.page
    try:
        page.wait_for_function("() => window.skillgraphLearnerReady === true")
        page.wait_for_timeout(300)
        assert page.is_hidden("#sg-side")
        key, point = page.evaluate(
            """() => {
                 const net = window.skillgraphNetwork;
                 const r = document.querySelector('#sg-network canvas').getBoundingClientRect();
                 let best = null;
                 for (const k of window.skillgraphLearner.state().frontier.map(f => f[0])) {
                   const d = net.canvasToDOM(net.getPositions([k])[k]);
                   if (d.y < 20 || d.y > r.height - 20 || d.x < 20 || d.x > r.width - 20) continue;
                   if (net.getNodeAt(d) !== k) continue;
                   if (!best || d.x > best[1][0] - r.left) best = [k, [r.left + d.x, r.top + d.y]];
                 }
                 return best;
               }"""
        )
        side_width = 300
        assert point[0] > 1440 - side_width  # where the side panel opens
        page.mouse.click(point[0], point[1])
        page.wait_for_function(f"() => document.getElementById('sg-side').dataset.node === {key!r}")
        at = _settled(page, key)
        assert at is not None, "the graph never settled after the click"
        canvas = page.locator("#sg-network canvas").bounding_box()
        side = page.locator("#sg-side").bounding_box()
        assert canvas is not None and side is not None and side["width"] > 0
        assert canvas["x"] + canvas["width"] <= side["x"] + 0.5  # the graph area is beside the panel
        # the node clicked is drawn inside the graph area, at the height it was clicked at
        assert canvas["x"] <= at["x"] <= canvas["x"] + canvas["width"], (at, canvas)
        assert canvas["y"] <= at["y"] <= canvas["y"] + canvas["height"], (at, canvas)
        assert at["x"] < side["x"]
        assert abs(at["y"] - point[1]) < 2
        node_at = "p => window.skillgraphNetwork.getNodeAt({x: p.canvasX, y: p.canvasY})"
        assert page.evaluate(node_at, at) == key
        # the pointer still on the node: its tooltip, which the panel repeats, does not cover it
        page.mouse.move(at["x"], at["y"])
        page.mouse.move(at["x"] + 1, at["y"])
        page.wait_for_timeout(700)  # beyond the tooltip's delay
        shown = "() => [...document.querySelectorAll('div.vis-tooltip')].some(e => e.offsetParent !== null)"
        assert page.evaluate(shown) is False
        # off the node, tooltips show again
        page.mouse.move(canvas["x"] + 5, canvas["y"] + 5)
        assert (
            page.evaluate(
                "() => document.getElementById('sg-network').classList.contains('sg-quiet-tooltip')"
            )
            is False
        )
        # and the roadmap as a whole: every label on the screen lies in the graph area
        labels = page.evaluate("window.skillgraphLayout({view: 'roadmap'}).labels")
        on_screen = [b for b in labels if b["y"] + b["h"] > 0 and b["y"] < 900]
        assert len(on_screen) > 10
        left, right = canvas["x"] - 0.5, canvas["x"] + canvas["width"] + 0.5
        for box in on_screen:
            assert left <= box["x"] and box["x"] + box["w"] <= right, box
        opened.check_clean()
    finally:
        opened.close()


@pytest.mark.parametrize(("target", "have"), [("senior", "python:2,git"), ("junior", "")])
def test_details_name_a_skill_once_as_unlocked_or_needed_for(
    browser: Any, tmp_path: Path, graph, target: str, have: str
) -> None:
    # "Learning it unlocks": what `skillgraph unlocks` says the skill makes startable for this
    # profile; "Needed for" (or "Also needed for"): the other skills that need it directly
    from skillgraph.algorithms.unlocks import unlocks

    page_file = _export(tmp_path, target, have)
    opened = Opened(browser, page_file)
    page = opened.page
    try:
        shown = page.evaluate(
            """() => {
                 const out = {};
                 for (const n of window.skillgraphNodes.get({filter: n => !n.anchor})) {
                   window.skillgraphShowDetails(n.id);
                   const lists = {};
                   for (const h of document.querySelectorAll('#sg-side-body h3')) {
                     const ul = h.nextElementSibling;
                     lists[h.textContent] = ul ? [...ul.children].map(li => li.textContent) : [];
                   }
                   out[n.id] = lists;
                 }
                 return out;
               }"""
        )
        have_ranks = page.evaluate("window.skillgraphLearner.state().have")
        dependents: dict[str, list[str]] = {}
        for skill, needs in graph.needs.items():
            for need in needs:
                dependents.setdefault(need, []).append(skill)
        both = 0
        for key in graph.nodes("skill"):
            lists = shown[key]
            opens = lists.get("Learning it unlocks", [])
            needed = lists.get("Also needed for" if opens else "Needed for", [])
            assert not set(opens) & set(needed), (key, opens, needed)
            unlocked = [s.key for s in unlocks(graph, key, have_ranks).skills]
            assert opens == [graph.label(k) for k in unlocked]
            rest = [graph.label(d) for d in dependents.get(key, []) if d not in unlocked]
            assert sorted(needed) == sorted(rest), key
            both += bool(set(unlocked) & set(dependents.get(key, [])))
        assert both  # skills both unlocked and needing it were found, and named once
        opened.check_clean()
    finally:
        opened.close()
