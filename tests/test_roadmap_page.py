"""The explorer as a learner reads it, in Chromium at a desktop and a phone size: the roadmap
(stages, no overlapping labels, the prerequisite order's transitive reduction within a
section, in lines between groups), progress marks
told apart without colour, the drawer and touch on a phone, exploring that changes nothing."""

from __future__ import annotations

import colorsys
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from skillgraph.explorer.styles import NODE_STYLES
from tests.helpers import Opened, click_node, invoke_cli

SCREENS = {"desktop": (1440, 900), "phone": (390, 844)}
ROADMAPS = {
    "plan": ("--plan", "senior", "--have", "python:2"),
    "path": ("--path", "junior", "lead"),
    "ladder": (),
}


def _export(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / f"page{len(list(tmp_path.glob('*.html')))}.html"
    result = invoke_cli("export", "html", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


@contextmanager
def _screen(browser: Any, page_file: Path, screen: str) -> Iterator[Any]:
    width, height = SCREENS[screen]
    opened = Opened(browser, page_file, width=width, height=height, phone=screen == "phone")
    try:
        opened.page.wait_for_function("() => window.skillgraphLearnerReady === true")
        yield opened.page
        opened.check_clean()
    finally:
        opened.close()


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", ROADMAPS)
def test_roadmap_labels_never_overlap_and_stay_readable(
    browser: Any, tmp_path: Path, kind: str, screen: str
) -> None:
    page_file = _export(tmp_path, *ROADMAPS[kind])
    with _screen(browser, page_file, screen) as page:
        layout = page.evaluate("window.skillgraphLayout({view: 'roadmap'})")
        assert layout["shown"] and layout["view"] == "roadmap"
        labels = layout["labels"]
        assert len(labels) > 10
        for a, b in itertools.combinations(labels, 2):
            assert not _overlap(a, b), (a["text"], b["text"])
        assert layout["edges"] <= len(labels)  # the order, not every requirement
        assert min(label["h"] for label in labels) >= 12  # text readable at the opening zoom
        width, height = SCREENS[screen]
        assert layout["graphArea"] >= 0.6 * width * height * (1 if screen == "phone" else 0.75)


def _order_reduction(graph: Any, shown: set[str]) -> set[tuple[str, str]]:
    """The prerequisite order among *shown*, through the nodes not shown, transitively reduced."""
    after = nx.DiGraph()
    for skill, needs in graph.needs.items():
        after.add_edges_from((p, skill) for p in needs)
    for choice, alternatives in graph.choices.items():
        after.add_edges_from((a, choice) for a in alternatives if a in shown)
    order = nx.DiGraph()
    order.add_nodes_from(shown)
    for s in shown:
        if s in after:
            order.add_edges_from((s, t) for t in nx.descendants(after, s) if t in shown)
    return set(nx.transitive_reduction(order).edges)


@pytest.mark.parametrize("kind", ["plan", "path"])
def test_roadmap_draws_the_reduced_prerequisite_order_downwards(
    browser: Any, tmp_path: Path, graph: Any, kind: str
) -> None:
    page_file = _export(tmp_path, *ROADMAPS[kind])
    with _screen(browser, page_file, "desktop") as page:
        shown = set(
            page.evaluate("window.skillgraphNodes.get({filter: n => !n.hidden && !n.anchor}).map(n => n.id)")
        )
        roles = {k for k in shown if graph.node(k).get("type") in ("role", "specialization")}
        skills = shown - roles
        lines = page.evaluate(
            "window.skillgraphEdges.get({filter: e => e.roadmap && !e.hidden}).map(e => [e.from, e.to, e.pairs])"
        )
        sections = page.evaluate("JSON.parse(document.getElementById('sg-data').textContent).roadmap")
        section_of: dict[str, int] = {}
        for i, section in enumerate(sections):
            for key in section["skills"]:
                section_of.setdefault(key, i)
        # within a section, the reduced order, drawn or counted on the skill it leaves; between
        # sections, the sections' order says it
        drawn = {(u, v) for _, _, pairs in lines for u, v in pairs}
        badges = page.evaluate("window.skillgraphLayout({view: 'roadmap'}).badges")
        counted = {(u, v) for badge in badges for u, v in badge["pairs"]}
        reduced = _order_reduction(graph, skills)
        assert not drawn & counted
        assert drawn | counted == {(u, v) for u, v in reduced if section_of[u] == section_of[v]}
        for start, end, pairs in lines:  # its one prerequisite or an anchor; its one skill or one
            assert start == pairs[0][0] if len({u for u, _ in pairs}) == 1 else start not in shown
            assert end == pairs[0][1] if len({v for _, v in pairs}) == 1 else end not in shown
        y = {k: p["y"] for k, p in page.evaluate("window.skillgraphNetwork.getPositions()").items()}
        assert all(y[u] < y[v] for u, v in reduced)  # read top to bottom
        for section in sections:  # each role below the skills it adds
            assert all(y[section["role"]] > y[s] for s in section["skills"])


@pytest.mark.parametrize("kind", ["plan", "path"])
def test_no_fan_of_lines_leaves_a_skill_the_rest_are_counted_on_it(
    browser: Any, tmp_path: Path, kind: str
) -> None:
    page_file = _export(tmp_path, *ROADMAPS[kind])
    with _screen(browser, page_file, "desktop") as page:
        lines = page.evaluate(
            "window.skillgraphEdges.get({filter: e => e.roadmap && !e.hidden}).map(e => [e.from, e.pairs])"
        )
        layout = page.evaluate("window.skillgraphLayout({view: 'roadmap'})")
        starts: dict[str, int] = {}
        for start, _ in lines:
            starts[start] = starts.get(start, 0) + 1
        assert max(starts.values()) <= 4  # a few lines from a skill (or its group), to the nearest
        for badge in layout["badges"]:  # the rest counted where its lines start
            assert badge["text"] == f"needed by {len({v for _, v in badge['pairs']})} more"
            assert starts[badge["from"]] == 4
            assert not any(_overlap(badge, label) for label in layout["labels"]), badge["text"]


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_progress_marks_differ_without_colour(browser: Any, tmp_path: Path, graph: Any) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  python: intermediate\n  docker: {level: intermediate, status: learning}\n")
    page_file = _export(tmp_path, "--plan", "senior", "--profile", str(profile))
    with _screen(browser, page_file, "desktop") as page:
        # a skill to start now marked known as far as it goes: it stays on the roadmap, done
        page.evaluate(
            "() => window.skillgraphLearner.setLevel(window.skillgraphLearner.state().frontier[0][0],"
            " JSON.parse(document.getElementById('sg-data').textContent).learner.unstated)"
        )
        state = page.evaluate("window.skillgraphLearner.state()")
        looks = page.evaluate(
            "window.skillgraphNodes.get({filter: n => !n.hidden && !n.anchor}).map(n => [n.id, n.label,"
            " n.color.background, JSON.stringify(n.shapeProperties.borderDashes), n.borderWidth])"
        )
        frontier = {k for k, _ in state["frontier"]}
        asked = frontier | set(state["plan"])  # still asked beyond what is known of it
        learning = {graph.resolve("docker")}

        def progress(key: str) -> str | None:
            if key in state["have"] and key not in asked:
                return "known"
            if key in learning:
                return "learning"
            if key in frontier:
                return "next"
            if key in asked:
                return "later"
            if key in state["implied"]:
                return "implied"
            return None

        by_class: dict[str, set[tuple[str, str, int]]] = {}
        colours: dict[str, set[str]] = {}
        for key, label, background, dashes, width in looks:
            cls = progress(key)
            if cls is None:
                continue
            glyph = label[: label.index(graph.label(key))]
            by_class.setdefault(cls, set()).add((glyph, dashes, width))
            colours.setdefault(cls, set()).add(background)
        assert set(by_class) >= {"known", "learning", "next", "later"}
        for cls, marks in by_class.items():
            assert len(marks) == 1 and len(colours[cls]) == 1, cls  # one look per class
        for a, b in itertools.combinations(by_class, 2):  # told apart by shape, not colour alone
            assert by_class[a] != by_class[b], (a, b)
        # the graph's own skill colour is not a progress colour (nothing looks marked unmarked)
        skill = NODE_STYLES["skill"]["color"]
        for cls, (background,) in ((c, tuple(v)) for c, v in colours.items()):
            hue_skill = colorsys.rgb_to_hsv(*(int(skill[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
            hue = colorsys.rgb_to_hsv(*(int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
            distance = min(abs(hue - hue_skill), 1 - abs(hue - hue_skill))
            assert distance > 0.08 or abs(_luminance(background) - _luminance(skill)) > 0.3, cls


@pytest.mark.parametrize("view", ["roadmap", "graph"])
def test_a_known_skill_the_plan_raises_reads_as_a_raise_not_as_done(
    browser: Any, tmp_path: Path, view: str
) -> None:
    page_file = _export(tmp_path, *ROADMAPS["plan"])  # a skill marked known at a lower level
    with _screen(browser, page_file, "desktop") as page:
        if view == "graph":
            page.click("#sg-whole-graph")
        state = page.evaluate("window.skillgraphLearner.state()")
        levels = page.evaluate("JSON.parse(document.getElementById('sg-data').textContent).learner.levels")
        asked = dict(state["plan"]) | dict(state["frontier"])  # the rank still asked of each
        raised = {k: rank for k, rank in asked.items() if k in state["implied"]}  # known in part
        assert set(raised) & set(state["have"])
        labels = dict(
            page.evaluate(
                "window.skillgraphNodes.get({filter: n => !n.hidden && !n.anchor}).map(n => [n.id, n.label])"
            )
        )
        assert set(raised) & set(state["have"]) & set(labels)
        for key, label in labels.items():
            if key in raised:  # not ticked as done: marked as still to learn, saying how far
                assert not label.startswith("\u2713"), label
                assert label.endswith(f"raise to {levels[str(raised[key])]}"), label
            elif key in state["have"]:
                assert label.startswith("\u2713"), label
        for key, rank in state["frontier"]:  # the list of what to start now says it too
            text = page.text_content(f"#sg-frontier li[data-key='{key}']")
            if key in raised:
                assert f"raise {levels[str(state['implied'][key])]} \u2192 {levels[str(rank)]}" in text


def test_exploring_does_not_change_the_profile_and_a_mark_can_be_undone(
    browser: Any, tmp_path: Path, graph: Any
) -> None:
    page_file = _export(tmp_path, "--plan", "senior", "--have", "python:2")
    with _screen(browser, page_file, "desktop") as page:
        stored = "() => JSON.stringify(Object.entries(localStorage))"
        before = page.evaluate(stored)
        have = page.evaluate("window.skillgraphLearner.state().have")
        assert not page.is_checked("#sg-learn-mode")  # marking is off until asked for
        first = page.evaluate("window.skillgraphLearner.state().frontier[0][0]")
        click_node(page, first, 1.0)
        page.wait_for_function(f"() => document.getElementById('sg-side').dataset.node === {first!r}")
        assert page.evaluate("window.skillgraphLearner.state().have") == have
        assert page.evaluate(stored) == before
        page.wait_for_timeout(400)  # the roadmap fits the graph area beside the side panel
        # in mark mode a click marks, and Undo takes it back
        page.check("#sg-learn-mode")
        where = "k => window.skillgraphNetwork.getPositions([k])[k]"
        seen = page.evaluate(where, first)
        click_node(page, first, 1.0)
        assert first in page.evaluate("window.skillgraphLearner.state().have")
        # the marked skill stays on the roadmap, marked known, where it was
        node = page.evaluate("k => window.skillgraphNodes.get(k)", first)
        assert not node.get("hidden") and node["label"].startswith("\u2713")
        assert page.evaluate(where, first)["y"] == seen["y"]
        assert page.evaluate(stored) != before
        page.click("#sg-undo")
        assert page.evaluate("window.skillgraphLearner.state().have") == have
        assert page.evaluate(stored) == before
        assert page.is_disabled("#sg-undo")


def test_around_highlights_the_node_asked_for(browser: Any, tmp_path: Path, graph: Any) -> None:
    page_file = _export(tmp_path, "--around", "docker")
    with _screen(browser, page_file, "desktop") as page:
        docker = graph.resolve("docker")
        assert page.evaluate("window.skillgraphHighlight.nodes") == [docker]
        node = page.evaluate("k => window.skillgraphNodes.get(k)", docker)
        assert node["color"]["border"] == page.evaluate("window.skillgraphHighlight.color")
        assert page.get_attribute("#sg-network", "data-view") == "graph"


def _gesture(page: Any, start: list[tuple[float, float]], end: list[tuple[float, float]]) -> None:
    """Real touch events (one finger or two) from *start* to *end*, as a phone sends them."""
    session = page.context.new_cdp_session(page)

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        session.send(
            "Input.dispatchTouchEvent",
            {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]},
        )

    touch("touchStart", start)
    for step in range(1, 11):
        t = step / 10
        touch(
            "touchMove",
            [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in zip(start, end, strict=True)],
        )
        page.wait_for_timeout(16)
    touch("touchEnd", [])
    page.wait_for_timeout(100)
    session.detach()


def test_phone_drawer_touch_and_readable_panel(browser: Any, tmp_path: Path) -> None:
    page_file = _export(tmp_path, "--plan", "senior", "--have", "python:2")
    with _screen(browser, page_file, "phone") as page:
        layout = page.evaluate("window.skillgraphLayout({view: 'roadmap'})")
        assert layout["graphArea"] >= 0.6 * 390 * 844
        assert not page.is_visible("#sg-target")  # the panel waits in its drawer
        page.click("#sg-menu")
        page.wait_for_timeout(300)
        assert page.is_visible("#sg-target")
        box = page.locator("#sg-panel").bounding_box()
        assert box is not None and box["x"] >= 0 and box["width"] <= 390
        sizes = page.evaluate(
            "[...document.querySelectorAll('#sg-panel li, #sg-panel p, #sg-panel label')]"
            ".filter(e => e.offsetParent && e.textContent.trim())"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 14
        page.click("#sg-scrim", position={"x": 380, "y": 400})
        page.wait_for_timeout(300)
        assert page.evaluate("window.skillgraphLayout({view: 'roadmap'}).graphArea") >= 0.6 * 390 * 844
        # one finger pans, two fingers zoom
        view = "() => [window.skillgraphNetwork.getViewPosition().y, window.skillgraphNetwork.getScale()]"
        y0, scale0 = page.evaluate(view)
        _gesture(page, [(200, 600)], [(200, 300)])
        y1, scale1 = page.evaluate(view)
        assert y1 > y0 + 100 and scale1 == pytest.approx(scale0)
        _gesture(page, [(150, 400), (250, 400)], [(60, 400), (340, 400)])
        assert page.evaluate(view)[1] > scale1 * 1.3


#: Every shown element of ROOT that is too small to read or touch on a phone, as
#: [kind, what, size]: text (of its own) or a form control under 14 px, a checkbox under 24 px.
_TOO_SMALL = """root => {
  const out = [];
  for (const e of document.querySelector(root).querySelectorAll('*')) {
    if (!e.checkVisibility({visibilityProperty: true})) continue;
    const style = getComputedStyle(e);
    const size = parseFloat(style.fontSize);
    const what = e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 30);
    if (e.matches('input[type=checkbox], input[type=radio]')) {
      const r = e.getBoundingClientRect();
      if (Math.min(r.width, r.height) < 24) out.push(['control', what, Math.min(r.width, r.height)]);
      continue;
    }
    const text = [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if ((text || e.matches('input, select, button, textarea')) && size < 14) out.push(['text', what, size]);
  }
  return out;
}"""


def test_phone_drawer_and_details_read_at_14px_and_touch_at_24px(browser: Any, tmp_path: Path) -> None:
    page_file = _export(tmp_path, "--plan", "senior", "--have", "python:2,git")
    with _screen(browser, page_file, "phone") as page:
        page.click("#sg-menu")
        page.wait_for_timeout(300)
        checked = page.evaluate("document.querySelectorAll('#sg-panel input[type=checkbox]').length")
        assert checked > 3  # mark mode and the node types
        assert page.evaluate(_TOO_SMALL, "#sg-panel") == []
        page.click("#sg-menu-close")
        page.wait_for_timeout(300)
        first = page.evaluate("window.skillgraphLearner.state().frontier[0][0]")
        page.evaluate("k => window.skillgraphShowDetails(k)", first)
        assert page.is_visible("#sg-level-select")
        assert page.evaluate(_TOO_SMALL, "#sg-side") == []


def test_phone_details_sheet_fits_the_screen_and_scrolls_to_its_end(browser: Any, tmp_path: Path) -> None:
    page_file = _export(tmp_path, "--plan", "senior", "--have", "python:2,git")
    with _screen(browser, page_file, "phone") as page:
        width, height = SCREENS["phone"]
        assert page.evaluate("[window.innerHeight, window.visualViewport.height]") == [height, height]
        # the skill to start first: a long sheet (description, sources, levels, what it unlocks)
        first = page.evaluate("window.skillgraphLearner.state().frontier[0][0]")
        page.evaluate("k => window.skillgraphShowDetails(k)", first)
        page.wait_for_timeout(200)
        sheet = page.locator("#sg-side").bounding_box()
        assert sheet is not None
        assert sheet["x"] >= 0 and sheet["x"] + sheet["width"] <= width
        assert sheet["y"] >= 0 and sheet["y"] + sheet["height"] <= height  # its bottom edge on the screen
        assert sheet["height"] <= 0.6 * height  # the graph stays in sight above it
        # what scrolls: the sheet or a box in it, whichever holds more than it shows
        scroller = """[document.getElementById('sg-side'), ...document.querySelectorAll('#sg-side *')]
                        .find(e => /auto|scroll/.test(getComputedStyle(e).overflowY)
                                   && e.scrollHeight > e.clientHeight + 100)"""
        assert page.evaluate(f"!!{scroller}")  # longer than the sheet: it scrolls on its own
        page.evaluate(f"(() => {{ const e = {scroller}; e.scrollTop = e.scrollHeight; }})()")
        page.wait_for_timeout(100)
        box, last = page.evaluate(
            f"""(() => {{ const e = {scroller};
                 return [e.getBoundingClientRect().toJSON(),
                         e.querySelector('#sg-side-body > :last-child').getBoundingClientRect().toJSON()]; }})()"""
        )
        assert box["bottom"] <= height
        assert box["top"] <= last["top"] and last["bottom"] <= box["bottom"] + 0.5  # its last line shown
        page.select_option("#sg-level-select", "2")  # the last line: the level to set, reachable and used
        assert page.evaluate("window.skillgraphLearner.state().have")[first] == 2
        # scrolled to its end, the sheet can still be closed: the close button is in sight, on top
        close = page.evaluate(
            """(() => { const r = document.getElementById('sg-side-close').getBoundingClientRect();
                        const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                        return [r.top, r.bottom, at && at.id]; })()"""
        )
        assert sheet["y"] <= close[0] and close[1] <= height and close[2] == "sg-side-close", close
        page.click("#sg-side-close")
        assert page.is_hidden("#sg-side")


def test_notebook_explorer_is_drawn_without_scrolling_to_it(browser: Any, graph: Any) -> None:
    from PIL import Image

    from skillgraph.explorer import notebook

    shown = notebook.explorer(graph, height=500)
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.set_content(
            f"<!DOCTYPE html><body style='margin:0'><div style='height:1500px'>cells</div>"
            f"{shown._repr_html_()}</body>"
        )
        inner = next(f for f in page.frames if f is not page.main_frame)
        inner.wait_for_function("() => window.skillgraphReady === true", timeout=30_000)
        page.wait_for_timeout(300)
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
        frame = shot.crop((0, 1500, 1200, 2000))  # the output, never scrolled into view
        assert sum(1 for count in frame.histogram() if count) > 50  # drawn: text, nodes, lines; not blank
    finally:
        context.close()
