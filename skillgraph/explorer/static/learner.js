// The explorer's side panel, learner mode and roadmap view.
//
// The rules are stated once, in Python; the page reads their answers from its data
// (skillgraph.explorer.learner) and a test checks the page against the commands:
// - implied: the closure of what each known skill at its rank brings directly (the table
//   `implies`, the derived graph's sg:implies: prerequisites and coverage at their levels);
// - a skill is learned at a rank once its prerequisites are held at `prerequisiteLevel[rank]`;
// - the roles' requirements are their effective requirements (ladder and relaxations applied);
// - held: a skill choice asking for `count` alternatives is held at the rank that many reach;
// - frontier: the skills on the way to the target's unmet requirements, not known
//   at the rank needed, whose every prerequisite is held at the level needed, ranked by
//   study before practice, how much of the way ahead each opens (the levels asked of the
//   requirements it meets plus the unmet requirements built on it), asked by the target
//   before a prerequisite only, requirements met, hours, label (frontier.next_steps);
//   an alternative is named by the choice it stands for (the table `standsFor`);
// - plan: the unmet requirements and their unmet prerequisites, each skill choice resolved
//   as the exported plan resolved it; an item another item teaches at the rank planned is
//   learned with it (the table `teaches`), a prerequisite the item built on it teaches
//   (`teachesBeyond`) only as far as what builds on it needs. The exact optimisation over
//   choices stays in Python;
// - unlocks: from what is known plus a skill's prerequisites (it is started once they are
//   known), the skills not held that it makes startable, which could not be started before:
//   those it is the last missing prerequisite of (unlocks.unlocks, at the first rank).
// What depends on the learner's live profile (the held level of a choice of `count`, the
// frontier and plan walks) is walked here, with the rules' levels and sets from the tables.
// A click walks only what it changed: what learning a skill adds is an overlay on what is
// known, walked from that skill alone.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sg-data").textContent);
  var L = data.learner;
  var network = window.skillgraphNetwork;
  var nodes = window.skillgraphNodes;
  var edges = window.skillgraphEdges;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // ------------------------------------------------------------------ the rules --
  var S = L ? L.skills : {};
  var NONE = [];
  function impliedLevel(rank) { return L.prerequisiteLevel[String(rank)]; }
  function needsOf(skill) { var s = S[skill]; return s ? s.needs : NONE; }
  function altsOf(skill) { var s = S[skill]; return s ? s.alts : NONE; }
  function countOf(skill) { var s = S[skill]; return s && s.count ? s.count : 1; }
  var keyAt = [];  // a skill's number in the tables: its order
  Object.keys(S).forEach(function (k) { keyAt[S[k].order] = k; });
  function keyOf(entry) { return typeof entry === "number" ? keyAt[entry] : entry; }
  function rowAt(rows, rank) {  // the last row of a table at or below the rank
    var found = NONE;
    for (var i = 0; i < rows.length && rows[i][0] <= rank; i++) { found = rows[i][1]; }
    return found;
  }
  function brings(skill, rank) { return S[skill] ? rowAt(S[skill].implies, rank) : NONE; }
  var dependents = {};  // what builds on each skill, indexed once
  var choicesOf = {};  // the choices each skill is an alternative of
  Object.keys(S).forEach(function (k) {
    S[k].needs.forEach(function (p) { (dependents[p] = dependents[p] || []).push(k); });
    S[k].alts.forEach(function (a) { (choicesOf[a] = choicesOf[a] || []).push(k); });
  });

  // what `known` (closed under the table) knows once `raise` (skill -> rank) is added, as an
  // overlay on it: only what the raised skills bring is walked (their own keys are what changed)
  function raised(known, raise) {
    var after = Object.create(known);
    var stack = [];
    Object.keys(raise).forEach(function (k) {
      if (raise[k] > 0 && (known[k] || 0) < raise[k]) { after[k] = raise[k]; stack.push(k); }
    });
    while (stack.length) {
      var skill = stack.pop();
      var row = brings(skill, after[skill]);
      for (var i = 0; i < row.length; i++) {
        var other = keyOf(row[i][0]);
        if ((after[other] || 0) < row[i][1]) { after[other] = row[i][1]; stack.push(other); }
      }
    }
    return after;
  }
  function implied(have) {
    var known = {};
    var after = raised({}, have);
    Object.keys(after).forEach(function (k) { known[k] = after[k]; });
    return known;
  }

  var seen = {};  // the choices on the way down through nested choices
  function held(skill, known) {
    var rank = known[skill] || 0;
    var alts = altsOf(skill);
    if (!alts.length) { return rank; }
    var levels = [];
    var open = alts.filter(function (a) { return !seen[a]; });
    var mine = !seen[skill];
    seen[skill] = true;
    for (var i = 0; i < open.length; i++) { levels.push(held(open[i], known)); }
    if (mine) { delete seen[skill]; }
    levels.sort(function (a, b) { return b - a; });
    var count = countOf(skill);
    if (levels.length >= count) { rank = Math.max(rank, levels[count - 1]); }
    return rank;
  }

  function startable(skill, rank, known) {
    var level = impliedLevel(rank);
    var needs = needsOf(skill);
    for (var i = 0; i < needs.length; i++) {
      if (held(needs[i], known) < level) { return false; }
    }
    return true;
  }

  function unmet(target, known) {
    var out = [];
    if (!target || !L.roles[target]) { return out; }
    L.roles[target].requirements.forEach(function (req) {
      if (held(req[0], known) < req[1]) { out.push([req[0], req[1]]); }
    });
    return out;
  }

  function useful(demands, known) {
    var need = {};
    var stack = demands.slice();
    while (stack.length) {
      var top = stack.pop();
      var skill = top[0];
      var rank = top[1];
      if ((need[skill] || 0) >= rank || held(skill, known) >= rank) { continue; }
      need[skill] = rank;
      // a choice is met through the alternatives already held in part (raised, as a plan does),
      // else through those that can be started now, else through any of them (frontier.useful)
      var alts = altsOf(skill);
      var partial = alts.filter(function (a) { return held(a, known) > 0; });
      var shared = needsOf(skill);
      var ready = alts.filter(function (a) {
        // what this alternative needs beyond what the choice needs of any alternative
        return needsOf(a).every(function (p) {
          return shared.indexOf(p) >= 0 || held(p, known) >= impliedLevel(rank);
        });
      });
      var count = countOf(skill);
      var pool = partial.length >= count ? partial
        : partial.concat(ready.filter(function (a) { return partial.indexOf(a) < 0; }));
      var via = pool.length >= count ? pool : alts;
      via.forEach(function (a) { stack.push([a, rank]); });
      var level = impliedLevel(rank);
      needsOf(skill).forEach(function (p) { stack.push([p, level]); });
    }
    return need;
  }

  var prerequisiteMemo = {};
  function allPrerequisites(skill) {  // every skill ``skill`` needs first, as a set
    if (prerequisiteMemo[skill]) { return prerequisiteMemo[skill]; }
    var found = {};
    var stack = needsOf(skill).slice();
    while (stack.length) {
      var p = stack.pop();
      if (!found[p]) { found[p] = true; stack.push.apply(stack, needsOf(p)); }
    }
    prerequisiteMemo[skill] = found;
    return found;
  }

  function hours(skill, start, end) {
    if (end <= start) { return 0; }
    var effort = {};
    (S[skill] ? S[skill].effort : NONE).forEach(function (e) { effort[e[0]] = e[1]; });
    if (!(end in effort) || (start && !(start in effort))) { return null; }
    return effort[end] - (start ? effort[start] : 0);
  }

  function nextSteps(target, known, skip) {
    var missing = unmet(target, known);
    var need = useful(missing, known);
    var needed = Object.keys(need);
    var front = needed.filter(function (s) { return !altsOf(s).length && startable(s, need[s], known); });
    // an alternative on the way only as one way to meet a choice is named by that choice
    var asks = {};
    missing.forEach(function (r) { asks[r[0]] = true; });
    var asAsked = {};
    needed.forEach(function (choice) {
      ((S[choice] && S[choice].standsFor) || NONE).forEach(function (entry) {
        var alt = keyOf(entry);
        if (alt in need && !asks[alt]) { asAsked[alt] = choice; }
      });
    });
    // what builds on each skill to start, among the needed ones: the way ahead it opens, in the
    // order of `needed`, found in one walk down the prerequisites (each skill's start skills
    // below it as bits) instead of asking every needed skill about every skill to start
    var bit = {};
    front.forEach(function (f, i) { bit[f] = i; });
    var words = Math.max(1, Math.ceil(front.length / 32));
    var below = {};
    function startsBelow(skill) {
      if (below[skill]) { return below[skill]; }
      var out = below[skill] = new Int32Array(words);
      var needs = needsOf(skill);
      for (var i = 0; i < needs.length; i++) {
        var under = startsBelow(needs[i]);
        for (var w = 0; w < words; w++) { out[w] |= under[w]; }
        if (needs[i] in bit) { out[bit[needs[i]] >> 5] |= 1 << (bit[needs[i]] & 31); }
      }
      return out;
    }
    var builtOn = front.map(function () { return []; });
    needed.forEach(function (s) {
      var under = startsBelow(s);
      for (var w = 0; w < words; w++) {
        for (var bits = under[w]; bits; bits &= bits - 1) {
          builtOn[w * 32 + 31 - Math.clz32(bits & -bits)].push(s);
        }
      }
    });
    // a requirement's held level changes only with the skills it is held through: itself and
    // the alternatives of a choice, down through nested choices
    var own = Object.prototype.hasOwnProperty;
    var through = missing.map(function (r) {
      var found = {};
      var stack = [r[0]];
      while (stack.length) {
        var k = stack.pop();
        if (!found[k]) { found[k] = true; stack.push.apply(stack, altsOf(k)); }
      }
      return Object.keys(found);
    });
    var items = [];
    front.forEach(function (skill, index) {
      if (skip[skill]) { return; }
      var rank = need[skill];
      var raise = {};
      raise[skill] = Math.max(rank, known[skill] || 0);
      var after = raised(known, raise);
      var met = missing.filter(function (r, i) {  // `after` holds what the skill changed as its own
        return through[i].some(function (k) { return own.call(after, k); }) && held(r[0], after) >= r[1];
      });
      var meets = met.map(function (r) { return r[0]; }).filter(function (r) { return r !== skill; });
      var aheadSeen = {};
      var ahead = [];
      var value = 0;
      builtOn[index].forEach(function (s) {  // what builds on it: the way ahead it opens
        if (s === skill) { return; }
        if (asks[s]) { value += 1; }
        if (altsOf(s).length) { return; }
        var named = asAsked[s] || s;
        if (!aheadSeen[named]) { aheadSeen[named] = true; ahead.push(named); }
      });
      var asked = missing.filter(function (r) { return r[0] === skill; });
      value += met.reduce(function (sum, r) { return sum + r[1]; }, 0);
      var current = known[skill] || 0;
      var h = hours(skill, current, rank);
      var practice = S[skill] ? S[skill].practice : false;
      items.push({key: skill, rank: rank, current: current, hours: h, practice: practice,
                  meets: meets, opens: ahead, value: value,
                  required: asked.length ? asked[0][1] : null, estimated: h !== null && !practice});
    });
    items.sort(function (a, b) {
      return ((a.practice ? 1 : 0) - (b.practice ? 1 : 0)) || (b.value - a.value) ||
        ((a.required ? 0 : 1) - (b.required ? 0 : 1)) || (b.meets.length - a.meets.length) ||
        ((a.estimated ? 0 : 1) - (b.estimated ? 0 : 1)) ||
        ((a.estimated ? a.hours : 0) - (b.estimated ? b.hours : 0)) ||
        (order(a.key) - order(b.key));
    });
    // a requirement that a step ranked above it meets as well says so (frontier.next_steps)
    items.forEach(function (item, at) {
      item.metBy = items.slice(0, at).filter(function (a) { return a.meets.indexOf(item.key) >= 0; })
        .map(function (a) { return a.key; });
    });
    return {items: items, unmet: missing.length,
            total: target && L.roles[target] ? L.roles[target].requirements.length : 0};
  }
  function order(key) { return S[key] ? S[key].order : 1e9; }

  // what learning `skill` (at the first rank) makes startable for someone who knows `have`
  // (stated ranks), in the order of the skills (unlocks.unlocks)
  function unlocks(skill, have) {
    var start = Object.assign({}, have);
    var level = impliedLevel(1);
    needsOf(skill).forEach(function (p) { start[p] = Math.max(start[p] || 0, level); });
    var before = implied(start);
    var raise = {};
    raise[skill] = Math.max(1, before[skill] || 0);
    var after = raised(before, raise);
    // only a skill one of whose prerequisites is held higher afterwards can become startable:
    // one that builds on a skill `after` raised, or on a choice such a skill is an alternative of
    var candidates = {};
    var reached = {};
    var stack = Object.keys(after);  // its own keys: what learning the skill changed
    while (stack.length) {
      var k = stack.pop();
      if (reached[k]) { continue; }
      reached[k] = true;
      (dependents[k] || NONE).forEach(function (d) { candidates[d] = true; });
      stack.push.apply(stack, choicesOf[k] || NONE);
    }
    return Object.keys(candidates).filter(function (d) {
      return d !== skill && !altsOf(d).length && held(d, after) === 0 &&
        !startable(d, 1, before) && startable(d, 1, after);
    }).sort(function (a, b) { return order(a) - order(b); });
  }

  function pick(choice, known) {
    if (L.choices[choice]) { return L.choices[choice]; }
    // not decided by the exported plan: raise the alternatives held best, else the first ones
    var ranked = altsOf(choice).slice().sort(function (a, b) {
      return (held(b, known) - held(a, known)) || (order(a) - order(b));
    });
    return ranked.slice(0, countOf(choice));
  }

  // the items of `planned` another planned item teaches at the rank planned, from the table
  // `table` (teaches: learned with it; teachesBeyond: its prerequisites it teaches the rest of),
  // each with the item teaching it (knowledge.covered_items, knowledge.learned_first)
  function taughtBy(planned, table) {
    var found = {};
    Object.keys(planned).sort().forEach(function (skill) {
      var row = S[skill] ? rowAt(S[skill][table] || NONE, planned[skill]) : NONE;
      for (var i = 0; i < row.length; i++) {
        var other = keyOf(row[i][0]);
        if (other in planned && !(other in found) && row[i][1] >= planned[other]) { found[other] = skill; }
      }
    });
    return found;
  }

  function planFor(target, known) {
    var need = {};
    var stack = unmet(target, known).reverse();
    var guard = 0;
    while (stack.length && guard++ < 1e6) {
      var top = stack.pop();
      var skill = top[0];
      var rank = top[1];
      if (held(skill, known) >= rank) { continue; }
      if (altsOf(skill).length) {
        pick(skill, known).forEach(function (a) { stack.push([a, rank]); });
        continue;
      }
      if ((need[skill] || 0) >= rank) { continue; }
      need[skill] = rank;
      var level = impliedLevel(rank);
      needsOf(skill).forEach(function (p) { stack.push([p, level]); });
    }
    planPlanned = Object.assign({}, need);
    var decided = taught(need);
    planCovering = decided.covered;
    planFirst = decided.learnedFirst;
    Object.keys(planCovering).forEach(function (k) { delete need[k]; });
    Object.keys(planFirst).forEach(function (k) { need[k] = planFirst[k][0]; });
    planPartly = taughtInPart(need, known);
    return need;
  }
  // the items of `planned` another planned item teaches only below the rank planned, above what
  // is held, as [the highest level taught, the item teaching it]: learned after that item, their
  // hours from that level (knowledge.taught_in_part)
  function taughtInPart(planned, known) {
    var found = {};
    Object.keys(planned).sort().forEach(function (skill) {
      var row = S[skill] ? rowAt(S[skill].teaches || NONE, planned[skill]) : NONE;
      for (var i = 0; i < row.length; i++) {
        var other = keyOf(row[i][0]);
        var level = row[i][1];
        if (other in planned && held(other, known) < level && level < planned[other] &&
            level > (found[other] ? found[other][0] : 0)) {
          found[other] = [level, skill];
        }
      }
    });
    return found;
  }
  function startOf(key, known) {  // where a planned item's hours count from
    return Math.max(known[key] || 0, planPartly[key] ? planPartly[key][0] : 0);
  }
  // what of `planned` (skill -> rank) other planned items teach: an item another covers at the
  // rank planned is learned with it (docs/plan.md); a prerequisite the item building on it
  // covers up to the rank asked is learned first only to the level the items building on it
  // need, as [that level, the item teaching the rest]
  function taught(planned) {
    var covered = taughtBy(planned, "teaches");
    var rest = {};
    Object.keys(planned).forEach(function (k) { if (!(k in covered)) { rest[k] = planned[k]; } });
    var beyond = taughtBy(rest, "teachesBeyond");
    var first = {};
    Object.keys(beyond).forEach(function (k) { first[k] = 0; });
    Object.keys(rest).forEach(function (d) {
      needsOf(d).forEach(function (p) { if (p in first) { first[p] = Math.max(first[p], impliedLevel(rest[d])); } });
    });
    var learnedFirst = {};
    Object.keys(first).forEach(function (k) {
      if (first[k] < rest[k]) { learnedFirst[k] = [first[k], beyond[k]]; }
    });
    return {covered: covered, learnedFirst: learnedFirst};
  }
  var planPlanned = {};
  var planCovering = {};
  var planFirst = {};
  var planPartly = {};

  function provider(skill, plan, depth) {
    if (plan[skill]) { return skill; }
    if (planCovering[skill]) { return planCovering[skill]; }
    if (depth > 8 || !altsOf(skill).length) { return null; }
    var picked = L.choices[skill];
    return picked && picked.length ? provider(picked[0], plan, depth + 1) : null;
  }

  function planStages(plan) {
    var stage = {};
    var before = {};  // an item and the needs of what it covers, which come before it
    Object.keys(planCovering).forEach(function (c) {
      var by = planCovering[c];
      needsOf(c).forEach(function (p) {
        if (!allPrerequisites(p)[by]) { (before[by] = before[by] || []).push(p); }
      });
    });
    Object.keys(planPartly).forEach(function (k) {  // after the item teaching it in part
      (before[k] = before[k] || []).push(planPartly[k][1]);
    });
    function of(skill, trail) {
      if (stage[skill]) { return stage[skill]; }
      if (trail[skill]) { return 1; }
      trail[skill] = true;
      var s = 1;
      needsOf(skill).concat(before[skill] || []).forEach(function (p) {
        var q = provider(p, plan, 0);
        if (q && q !== skill) { s = Math.max(s, of(q, trail) + 1); }
      });
      stage[skill] = s;
      return s;
    }
    Object.keys(plan).forEach(function (k) { of(k, {}); });
    return stage;
  }

  // ------------------------------------------------------------------ side panel --
  var side = document.getElementById("sg-side");
  var sideBody = document.getElementById("sg-side-body");
  var asked = {};
  if (L) {
    Object.keys(L.roles).forEach(function (role) {
      L.roles[role].requirements.forEach(function (req) {
        (asked[req[0]] = asked[req[0]] || []).push([role, req[1]]);
      });
    });
  }
  function levelName(rank) {
    if (!L) { return String(rank); }
    return rank >= L.unstated ? "known" : (L.levels[String(rank)] || String(rank));
  }
  function labelOf(key) {
    if (S[key]) { return S[key].label; }
    if (L && L.roles[key]) { return L.roles[key].label; }
    return byId[key] ? byId[key].label : key;
  }
  function section(title, lines) {
    if (!lines.length) { return; }
    sideBody.appendChild(el("h3", null, title));
    var ul = el("ul");
    lines.forEach(function (line) { ul.appendChild(el("li", null, line)); });
    sideBody.appendChild(ul);
  }
  function showDetails(id) {
    var node = byId[id];
    if (!node || !side) { return; }
    side.hidden = false;
    side.setAttribute("data-node", id);
    sideBody.textContent = "";
    sideBody.appendChild(el("h2", null, node.label));
    node.rows.forEach(function (row) {
      if (row[0] === "ID") { return; }
      var p = el("p", "sg-tip-row");
      p.appendChild(el("b", null, row[0] + ": "));
      p.appendChild(document.createTextNode(row[1]));
      sideBody.appendChild(p);
    });
    if (S[id]) {
      section("Proficiency asked", (asked[id] || []).map(function (a) {
        return labelOf(a[0]) + ": " + levelName(a[1]);
      }));
      section("Effort (hours from zero)", S[id].practice ? ["learned by practice on the job"] :
        S[id].effort.map(function (e) { return levelName(e[0]) + ": " + e[1] + " h"; }));
      // what the skill makes startable, as `skillgraph unlocks` says, then the other skills
      // built on it: each named once, where the most is said of it
      var opens = unlocks(id, state.have);
      var unlocked = {};
      opens.forEach(function (k) { unlocked[k] = true; });
      section("Learning it unlocks", opens.map(labelOf));
      section(opens.length ? "Also needed for" : "Needed for",
              (dependents[id] || NONE).filter(function (d) { return !unlocked[d]; }).map(labelOf));
      if (L) { sideBody.appendChild(levelControl(id)); }
    }
  }
  function levelControl(id) {
    var box = el("label", "sg-level");
    box.appendChild(el("span", null, "My level: "));
    var select = el("select");
    select.id = "sg-level-select";
    [["0", "not known"], [String(L.unstated), "known (no level)"]].concat(
      Object.keys(L.levels).map(function (r) { return [r, L.levels[r]]; })
    ).forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      select.appendChild(opt);
    });
    select.value = String(state.have[id] || 0);
    select.addEventListener("change", function () { setLevel(id, Number(select.value)); });
    box.appendChild(select);
    var implied = state.known[id] && !state.have[id];
    if (implied) { box.appendChild(el("span", "sg-note", " (implied: " + levelName(state.known[id]) + ")")); }
    return box;
  }
  var closeSide = document.getElementById("sg-side-close");
  if (closeSide) { closeSide.addEventListener("click", function () { side.hidden = true; }); }

  // ------------------------------------------------------------------ roadmap view --
  var roadmapMode = null;  // the layout and drawing are roadmap.js's (skillgraphRoadmapView)
  function showRoadmap(sections, mode) {
    roadmapMode = mode;
    return window.skillgraphRoadmapView.show(sections);
  }
  function showGraph() {
    roadmapMode = null;
    window.skillgraphRoadmapView.hide();
  }

  // ------------------------------------------------------------------ learner state --
  var storeKey = "skillgraph-learner:" + data.title;
  var state = {have: {}, known: {}, target: null, skip: {}, learning: {}, frontier: [], plan: {}, stage: {}};
  // the rank the target still asks of a skill beyond what is known of it (to start now, or
  // later in the plan), or 0
  function askedBeyond(id) { return state.frontierSet[id] || state.plan[id] || 0; }
  function classOf(id) {
    var asked = askedBeyond(id);
    if (state.have[id] && !asked) { return "known"; }  // marked, and not asked higher
    if (state.learning[id]) { return "learning"; }
    if (state.frontierSet[id]) { return "next"; }
    if (asked) { return "later"; }
    if (state.known[id]) { return "implied"; }
    return null;
  }
  // a skill known in part that the plan raises: "raise to LEVEL", as plan says it
  function raiseNote(id) {
    var asked = askedBeyond(id);
    return asked && state.known[id] ? "raise to " + levelName(asked) : null;
  }
  function paint() {
    var classes = {};
    var notes = {};
    [state.have, state.known, state.learning, state.frontierSet, state.plan].forEach(function (m) {
      Object.keys(m).forEach(function (id) {
        if (!byId[id] || classes[id]) { return; }
        classes[id] = classOf(id);
        var note = raiseNote(id);
        if (note) { notes[id] = note; }
      });
    });
    window.skillgraphRoadmapView.progress(classes, notes);
  }

  function compute() {
    var t0 = performance.now();
    state.known = implied(state.have);
    var steps = nextSteps(state.target, state.known, state.skip);
    state.frontier = steps.items;
    state.unmet = steps.unmet;
    state.total = steps.total;
    state.frontierSet = {};  // skill -> the rank to start it at
    steps.items.forEach(function (i) { state.frontierSet[i.key] = i.rank; });
    state.plan = planFor(state.target, state.known);
    state.stage = planStages(state.plan);
    var t1 = performance.now();
    timings.compute = t1 - t0;
    return t1 - t0;
  }
  var timings = {compute: 0, update: 0};

  function render() {
    var t0 = performance.now();
    compute();
    paint();
    list();
    save();
    if (roadmapMode === "plan") { roadmapOfPlan(); }
    timings.update = performance.now() - t0;
    var box = document.getElementById("sg-learner");
    if (box) { box.setAttribute("data-updates", String(Number(box.getAttribute("data-updates") || 0) + 1)); }
    if (side && !side.hidden && side.getAttribute("data-node")) { showDetails(side.getAttribute("data-node")); }
  }

  function why(item) {
    var parts = [];
    function listing(keys) {  // the first 3 as Python's str.casefold sorts them (for these labels)
      var first = [];  // [lower case, label], the first of equal ones kept first
      keys.forEach(function (k) {
        var label = labelOf(k);
        var low = label.toLowerCase();
        var at = first.length;
        while (at > 0 && low < first[at - 1][0]) { at--; }
        if (at < 3) { first.splice(at, 0, [low, label]); first.length = Math.min(first.length, 3); }
      });
      return first.map(function (f) { return f[1]; }).join(", ") +
        (keys.length > 3 ? " and " + (keys.length - 3) + " more" : "");
    }
    if (item.required) { parts.push("required at " + levelName(item.required)); }
    if (item.metBy.length) {  // in the order they are ranked, the best first
      parts.push("met too by learning " + item.metBy.slice(0, 3).map(labelOf).join(", ") +
                 (item.metBy.length > 3 ? " and " + (item.metBy.length - 3) + " more" : "") + " above");
    }
    if (item.meets.length) { parts.push("meets " + listing(item.meets)); }
    if (item.opens.length) {
      parts.push("opens " + item.opens.length + " skill" + (item.opens.length > 1 ? "s" : "") +
                 " on the way: " + listing(item.opens));
    }
    if (!parts.length) { parts.push("a prerequisite on the way"); }
    if (item.practice) { parts.push("learned by practice"); }
    else if (item.hours !== null) { parts.push(item.hours + " h"); }
    if (state.learning[item.key]) { parts.unshift("in progress"); }
    return parts.join("; ");
  }

  function levels(from, to) {  // the level asked, or the raise to it (as plan words it)
    return from ? "raise " + levelName(from) + " \u2192 " + levelName(to) : levelName(to);
  }
  function list() {
    var summary = document.getElementById("sg-learn-summary");
    var front = document.getElementById("sg-frontier");
    var planList = document.getElementById("sg-plan");
    if (!front) { return; }
    var known = Object.keys(state.known).length;
    summary.textContent = state.target ?
      (state.total - state.unmet) + " of " + state.total + " requirements of " + labelOf(state.target) +
      " met; " + Object.keys(state.have).length + " skills marked, " + known + " known with what they imply." :
      "Choose a target.";
    front.textContent = "";
    state.frontier.forEach(function (item) {
      var li = el("li");
      li.setAttribute("data-key", item.key);
      var b = el("button", "sg-link", labelOf(item.key));
      b.type = "button";
      b.addEventListener("click", function () { showDetails(item.key); focus(item.key); });
      li.appendChild(b);
      li.appendChild(el("span", "sg-note", " " + levels(item.current, item.rank) + ": " + why(item)));
      front.appendChild(li);
    });
    planList.textContent = "";
    var keys = Object.keys(state.plan).sort(function (a, b) {
      return (state.stage[a] - state.stage[b]) || (order(a) - order(b));
    });
    var total = 0;
    keys.forEach(function (k) {
      var h = hours(k, startOf(k, state.known), state.plan[k]);
      if (h !== null) { total += h; }
      var li = el("li", null, "stage " + state.stage[k] + ": " + labelOf(k) + " (" +
        levels(state.known[k] || 0, state.plan[k]) +
        (h !== null ? ", " + h + " h" : "") + ")");
      li.setAttribute("data-key", k);
      planList.appendChild(li);
    });
    document.getElementById("sg-plan-summary").textContent =
      keys.length + " skills, about " + Math.round(total) + " h of study";
  }
  function focus(id) {
    if (!byId[id] || nodes.get(id).hidden) { return; }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
  }

  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({have: state.have, target: state.target,
                                                     skip: Object.keys(state.skip),
                                                     learning: Object.keys(state.learning)}));
    } catch (e) { /* storage may be off: progress then lasts as long as the page */ }
  }
  function load() {
    try {
      var raw = localStorage.getItem(storeKey);
      return raw ? JSON.parse(raw) : null;
    } catch (e) { return null; }
  }

  // every change of the profile can be undone, one step at a time
  var undoStack = [];
  function checkpoint(what) {
    undoStack.push({what: what, have: Object.assign({}, state.have), skip: Object.assign({}, state.skip),
                    learning: Object.assign({}, state.learning)});
    if (undoStack.length > 200) { undoStack.shift(); }
    undoShown();
  }
  function undoShown() {
    var button = document.getElementById("sg-undo");
    var note = document.getElementById("sg-undo-status");
    if (!button) { return; }
    var last = undoStack[undoStack.length - 1];
    button.disabled = !last;
    note.textContent = last ? "undo: " + last.what : "";
  }
  function undo() {
    var last = undoStack.pop();
    if (!last) { return false; }
    state.have = last.have;
    state.skip = last.skip;
    state.learning = last.learning;
    undoShown();
    render();
    return true;
  }
  function setLevel(id, rank) {
    if ((state.have[id] || 0) === (rank > 0 ? rank : 0)) { return; }
    checkpoint((rank > 0 ? "mark " : "unmark ") + labelOf(id));
    if (rank > 0) { state.have[id] = rank; } else { delete state.have[id]; }
    render();
  }
  function setTarget(id) {
    state.target = id || null;
    var select = document.getElementById("sg-target");
    if (select) { select.value = id || ""; }
    render();
  }
  function roadmapOfPlan() {
    return showRoadmap([{role: state.target, skills: Object.keys(state.plan)}], "plan");
  }

  // ------------------------------------------------------------------ profile YAML --
  function yamlKey(text) {
    return /^[A-Za-z0-9_.-]+$/.test(text) ? text : JSON.stringify(text);
  }
  function exportYaml() {
    var lines = ["# What I know, for skillgraph (see docs/plan.md): exported from the explorer", "skills:"];
    var keys = Object.keys(state.have).sort(function (a, b) { return order(a) - order(b); });
    keys.forEach(function (k) {
      var rank = state.have[k];
      var name = yamlKey(S[k] ? S[k].id : k);
      lines.push("  " + name + ":" + (rank >= L.unstated ? "" : " " + L.levels[String(rank)]));
    });
    Object.keys(state.skip).forEach(function (k) {
      lines.push("  " + yamlKey(S[k] ? S[k].id : k) + ": {status: skipped}");
    });
    Object.keys(state.learning).forEach(function (k) {
      if (!state.have[k]) { lines.push("  " + yamlKey(S[k] ? S[k].id : k) + ": {status: learning}"); }
    });
    if (lines.length === 2) { lines[1] = "skills: {}"; }
    return lines.join("\n") + "\n";
  }
  var nameIndex = null;
  function resolveName(name) {
    if (!nameIndex) {
      nameIndex = {};
      // as the CLI prefers them: an IRI or id, then a label, then any other name (git is the
      // curated skill, not a taxonomy's skill that has git among its other names)
      var keys = Object.keys(S);
      var tiers = [
        function (k) { return [k, S[k].id]; },
        function (k) { return [S[k].label]; },
        function (k) { return S[k].names; }
      ];
      tiers.forEach(function (names) {
        keys.forEach(function (k) {
          names(k).forEach(function (n) {
            var name = String(n).trim().toLowerCase();
            if (!(name in nameIndex)) { nameIndex[name] = k; }
          });
        });
      });
    }
    return nameIndex[String(name).trim().toLowerCase()] || null;
  }
  function parseLevel(value) {
    if (value === null || value === undefined || value === "" || value === "~" || value === "null" ||
        value === "true") { return L.unstated; }
    var text = String(value).trim().toLowerCase();
    if (/^[1-4]$/.test(text)) { return Number(text); }
    var synonyms = {beginner: 1, basic: 1, novice: 1, proficient: 3};
    if (synonyms[text]) { return synonyms[text]; }
    for (var r in L.levels) { if (L.levels[r].toLowerCase() === text) { return Number(r); } }
    return null;
  }
  function unquote(text) {
    text = text.trim();
    if ((text[0] === '"' && text[text.length - 1] === '"') || (text[0] === "'" && text[text.length - 1] === "'")) {
      return text.slice(1, -1);
    }
    return text;
  }
  function splitFlow(body) {
    var parts = [];
    var depth = 0;
    var cur = "";
    for (var i = 0; i < body.length; i++) {
      var c = body[i];
      if (c === "{" || c === "[") { depth++; } else if (c === "}" || c === "]") { depth--; }
      if (c === "," && depth === 0) { parts.push(cur); cur = ""; } else { cur += c; }
    }
    if (cur.trim()) { parts.push(cur); }
    return parts;
  }
  function keyValue(text) {
    // a plain key may hold a colon not followed by a space (esco:label, an IRI), as in YAML
    var m = /^("[^"]*"|'[^']*'|(?:[^:]|:(?=\S))+?)\s*:(?:\s+(.*)|$)/.exec(text.trim());
    return m ? [unquote(m[1]), m[2] === undefined ? "" : m[2].trim()] : null;
  }
  // Reads the profile format of docs/plan.md (the YAML the CLI reads): a mapping or a list of
  // skills, block or flow style, each with a level or {level, status}. Comments are ignored.
  function parseProfile(text) {
    var entries = [];
    var lines = text.split(/\r?\n/).map(function (l) { return l.replace(/(^|\s)#.*$/, ""); });
    var i = 0;
    while (i < lines.length && !/^skills\s*:/.test(lines[i])) { i++; }
    if (i === lines.length) { throw new Error("no 'skills' entry"); }
    var rest = lines[i].replace(/^skills\s*:/, "").trim();
    function entryOf(item, nested) {
      item = item.trim();
      if (item[0] === "{") {
        var fields = {};
        splitFlow(item.slice(1, -1)).forEach(function (p) {
          var kv = keyValue(p);
          if (kv) { fields[kv[0]] = unquote(kv[1]); } else { fields[unquote(p)] = ""; }
        });
        return fields;
      }
      var kv = keyValue(item);
      if (!kv) { return {name: unquote(item)}; }
      if (nested && !("name" in nested) && kv[0] !== "level" && kv[0] !== "status" && kv[0] !== "name") {
        return null;
      }
      return {pair: kv};
    }
    function add(name, value) {
      var status = null;
      var level = value;
      if (value && typeof value === "object") { level = value.level; status = value.status || null; }
      entries.push({name: name, level: level, status: status});
    }
    function fromFields(f) {
      if ("name" in f) { add(f.name, {level: f.level, status: f.status}); return; }
      Object.keys(f).forEach(function (k) { add(k, f[k]); });
    }
    function fromString(s) {
      var m = /^(.*?)[:=]([^:=\/]*)$/.exec(s);
      if (m && parseLevel(m[2]) !== null && m[2].trim()) { add(unquote(m[1]), m[2].trim()); }
      else { add(unquote(s), null); }
    }
    if (rest[0] === "{") {
      splitFlow(rest.slice(1, rest.lastIndexOf("}"))).forEach(function (p) {
        var kv = keyValue(p);
        if (kv) { add(kv[0], kv[1][0] === "{" ? entryOf(kv[1]) : unquote(kv[1])); } else { add(unquote(p), null); }
      });
      return entries;
    }
    if (rest[0] === "[") {
      splitFlow(rest.slice(1, rest.lastIndexOf("]"))).forEach(function (p) {
        p = p.trim();
        if (p[0] === "{") { fromFields(entryOf(p)); } else { fromString(unquote(p)); }
      });
      return entries;
    }
    var current = null;  // a block entry whose fields follow on deeper lines
    for (i = i + 1; i < lines.length; i++) {
      var line = lines[i];
      if (!line.trim()) { continue; }
      if (!/^\s/.test(line)) { break; }
      var dash = /^(\s*)-\s*(.*)$/.exec(line);
      if (dash) {
        if (current) { fromFields(current.fields); current = null; }
        var item = dash[2].trim();
        if (item[0] === "{") { fromFields(entryOf(item)); continue; }
        var kv = keyValue(item);
        if (kv && kv[0] === "name") { current = {fields: {name: unquote(kv[1])}}; continue; }
        if (kv && kv[1] === "") { current = {fields: {}, mapName: kv[0]}; continue; }
        if (kv) { add(kv[0], unquote(kv[1])); continue; }
        fromString(unquote(item));
        continue;
      }
      var pair = keyValue(line);
      if (!pair) { throw new Error("cannot read line " + (i + 1)); }
      if (current && /^\s{3,}/.test(line) && (pair[0] === "level" || pair[0] === "status" ||
                                               pair[0] === "name")) {
        current.fields[pair[0]] = unquote(pair[1]);
        continue;
      }
      if (current) {
        if (current.mapName) { add(current.mapName, current.fields); } else { fromFields(current.fields); }
        current = null;
      }
      if (pair[1] === "") { current = {fields: {}, mapName: pair[0]}; continue; }
      add(pair[0], pair[1][0] === "{" ? entryOf(pair[1]) : unquote(pair[1]));
    }
    if (current) {
      if (current.mapName) { add(current.mapName, current.fields); } else { fromFields(current.fields); }
    }
    return entries;
  }
  // A skill named PREFIX:label of a taxonomy (esco:..., onet:...) that this page's graph lacks
  // is left out and named, as the CLI does when that taxonomy is not loaded.
  function ofTaxonomy(name) {
    var prefix = /^\s*([^:\/\s]+)\s*:/.exec(String(name));
    return !!prefix && (L.taxonomies || []).indexOf(prefix[1].toLowerCase()) >= 0;
  }
  function importProfile(text) {
    var entries = parseProfile(text);
    var have = {};
    var skip = {};
    var learning = {};
    var problems = [];
    var leftOut = [];
    entries.forEach(function (e) {
      var key = resolveName(e.name);
      var level = e.level && typeof e.level === "object" ? null : e.level;
      var rank = parseLevel(level === undefined ? null : level);
      if (!key && ofTaxonomy(e.name)) { leftOut.push(String(e.name).trim()); return; }
      if (!key) { problems.push("unknown skill '" + e.name + "'"); return; }
      if (rank === null) { problems.push(e.name + ": unknown level '" + level + "'"); return; }
      var status = (e.status || "done").toLowerCase();
      if (status === "skipped") { skip[key] = true; }
      else if (status === "done") { have[key] = Math.max(have[key] || 0, rank); }
      else if (status === "learning") { learning[key] = true; }
      else { problems.push(e.name + ": unknown status '" + e.status + "'"); }
    });
    if (problems.length) { throw new Error(problems.join("; ")); }
    checkpoint("import");
    state.have = have;
    state.skip = skip;
    state.learning = learning;
    render();
    return {count: Object.keys(have).length, leftOut: leftOut};
  }
  function importYaml(text) { return importProfile(text).count; }
  function importMessage(text) {
    var done = importProfile(text);
    var message = "imported " + done.count + " skills";
    if (done.leftOut.length) { message += "; left out, not in this page's graph: " + done.leftOut.join(", "); }
    return message;
  }

  // ------------------------------------------------------------------ wiring --
  window.skillgraphShowDetails = showDetails;
  window.skillgraphRoadmap = showRoadmap;
  window.skillgraphWholeGraph = showGraph;
  var roadmapIds = data.roadmap || [];  // sections
  // A node clicked opens its details beside the graph: its tooltip, which says the same, stays
  // hidden while the pointer is still on that node, not to cover it and its neighbours.
  var graphArea = document.getElementById("sg-network");
  var quietNode = null;
  graphArea.addEventListener("mousemove", function (event) {
    if (quietNode === null) { return; }
    var box = graphArea.getBoundingClientRect();
    var under = network.getNodeAt({x: event.clientX - box.left, y: event.clientY - box.top});
    if (under !== quietNode) {
      quietNode = null;
      graphArea.classList.remove("sg-quiet-tooltip");
    }
  });
  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    quietNode = id;
    graphArea.classList.add("sg-quiet-tooltip");
    var mode = document.getElementById("sg-learn-mode");
    if (L && mode && mode.checked && S[id]) {
      setLevel(id, state.have[id] ? 0 : L.unstated);
    }
    showDetails(id);
  });
  var roadmapButton = document.getElementById("sg-roadmap");
  var graphButton = document.getElementById("sg-whole-graph");
  if (roadmapButton) {
    roadmapButton.hidden = !(L || roadmapIds.length);
    roadmapButton.addEventListener("click", function () {
      if (L && state.target) { roadmapOfPlan(); } else { showRoadmap(roadmapIds, "export"); }
    });
  }
  if (graphButton) { graphButton.addEventListener("click", showGraph); }

  function start() {
    if (roadmapIds.length) { showRoadmap(roadmapIds, "export"); }
    if (!L) { return; }
    document.getElementById("sg-learner").hidden = false;
    var stored = load();
    state.have = stored ? stored.have : Object.assign({}, L.have);
    state.skip = {};
    (stored ? stored.skip : L.skip).forEach(function (k) { state.skip[k] = true; });
    state.learning = {};
    ((stored ? stored.learning : L.learning) || []).forEach(function (k) { state.learning[k] = true; });
    state.target = stored && stored.target !== undefined ? stored.target : L.target;
    var select = document.getElementById("sg-target");
    var none = el("option", null, "(no target)");
    none.value = "";
    select.appendChild(none);
    Object.keys(L.roles).sort(function (a, b) {
      return ((L.roles[a].level || 0) - (L.roles[b].level || 0)) || (labelOf(a) < labelOf(b) ? -1 : 1);
    }).forEach(function (k) {
      var opt = el("option", null, L.roles[k].label);
      opt.value = k;
      select.appendChild(opt);
    });
    select.value = state.target || "";
    select.addEventListener("change", function () { setTarget(select.value); });
    document.getElementById("sg-export").addEventListener("click", function () {
      var blob = new Blob([exportYaml()], {type: "application/x-yaml"});
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = "profile.yaml";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
    var message = document.getElementById("sg-import-status");
    document.getElementById("sg-import").addEventListener("change", function (ev) {
      var file = ev.target.files[0];
      if (!file) { return; }
      file.text().then(function (text) {
        try { message.textContent = importMessage(text); }
        catch (e) { message.textContent = "could not import: " + e.message; }
      });
    });
    document.getElementById("sg-undo").addEventListener("click", undo);
    document.getElementById("sg-reset").addEventListener("click", function () {
      checkpoint("reset");
      state.have = Object.assign({}, L.have);
      state.skip = {};
      L.skip.forEach(function (k) { state.skip[k] = true; });
      state.learning = {};
      L.learning.forEach(function (k) { state.learning[k] = true; });
      render();
    });
    render();
  }
  start();

  window.skillgraphLearner = {
    state: function () {
      return {
        have: Object.assign({}, state.have),
        implied: Object.assign({}, state.known),
        frontier: state.frontier.map(function (i) { return [i.key, i.rank]; }),
        why: state.frontier.map(why),
        plan: Object.assign({}, state.plan),
        planned: Object.assign({}, planPlanned),  // before what planned items teach is taken out
        covered: Object.assign({}, planCovering),
        learnedFirst: Object.assign({}, planFirst),
        taughtInPart: Object.assign({}, planPartly),
        stage: Object.assign({}, state.stage),
        target: state.target
      };
    },
    setLevel: setLevel,
    undo: undo,
    setTarget: setTarget,
    exportYaml: exportYaml,
    importYaml: importYaml,
    importProfile: importProfile,
    parseProfile: parseProfile,
    timings: timings,
    implied: implied,
    taught: taught,
    unlocks: function (skill, have) { return unlocks(skill, have || state.have); },
    nextSteps: function (target, have) { return nextSteps(target, implied(have), {}).items; }
  };
  window.skillgraphLearnerReady = true;
})();
