// The roadmap view, the progress marks and the layout hook.
//
// A roadmap is a list of sections {role, skills}. Each section is drawn top to bottom: its
// skills in stages of prerequisite order (a skill sits one stage below the latest of its
// prerequisites in the section), grouped by category within a stage, then the section's role
// as a milestone. Lines are the transitive reduction of the prerequisite order among the
// skills of a section (the sections' order says the rest), one line between two groups, and
// from one skill or group four lines at most, to the nearest (a badge counts the rest). Rows
// wrap to the width of the screen, so labels never overlap and stay readable.
//
// window.skillgraphRoadmapView: show(sections), hide(), progress(classes, notes), shown()
// window.skillgraphLayout({view}): each visible label's box, the visible edges, the badges
// counting the lines a skill leaves out and the visible graph area, in CSS pixels (read-only;
// for tests).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sg-data").textContent);
  var network = window.skillgraphNetwork;
  var nodes = window.skillgraphNodes;
  var edges = window.skillgraphEdges;
  var container = document.getElementById("sg-network");
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  // ------------------------------------------------------------ prerequisite order --
  var needs = {};
  var altsOf = {};
  var choicesOf = {};
  function push(map, key, value) { (map[key] = map[key] || []).push(value); }
  data.edges.forEach(function (e) {
    if (e.relation === "has_prerequisite") { push(needs, e.from, e.to); }
    else if (e.relation === "any_of") { push(altsOf, e.from, e.to); push(choicesOf, e.to, e.from); }
  });
  function prereqs(id) {  // its own, and those of the choices it is an alternative of
    var out = (needs[id] || []).slice();
    (choicesOf[id] || []).forEach(function (c) { out.push.apply(out, needs[c] || []); });
    return out;
  }
  // The shown nodes a node comes after: its prerequisites, looking through the nodes not
  // shown; a choice comes after its shown alternatives.
  function before(id, inSet) {
    var found = [];
    var seen = {};
    var stack = prereqs(id).concat((altsOf[id] || []).filter(function (a) { return inSet[a]; }));
    while (stack.length) {
      var x = stack.pop();
      if (seen[x] || x === id) { continue; }
      seen[x] = true;
      if (inSet[x]) { found.push(x); continue; }
      (altsOf[x] || []).forEach(function (a) { if (inSet[a]) { stack.push(a); } });
      stack.push.apply(stack, prereqs(x));
    }
    return found;
  }
  function reduction(ids, inSet) {
    var preds = {};
    ids.forEach(function (id) { preds[id] = before(id, inSet); });
    var anc = {};
    function ancestors(id, trail) {
      if (anc[id]) { return anc[id]; }
      var out = {};
      if (trail[id]) { return out; }
      trail[id] = true;
      preds[id].forEach(function (p) {
        out[p] = true;
        var up = ancestors(p, trail);
        Object.keys(up).forEach(function (k) { out[k] = true; });
      });
      delete trail[id];
      anc[id] = out;
      return out;
    }
    var reduced = {};
    ids.forEach(function (id) {
      reduced[id] = preds[id].filter(function (p) {
        return !preds[id].some(function (q) { return q !== p && ancestors(q, {})[p]; });
      });
    });
    return {preds: preds, reduced: reduced};
  }

  // ------------------------------------------------------------ progress marks --
  // Colour-blind safe (Okabe-Ito hues, told apart by lightness too), and each with its own
  // glyph and border, so no reader needs the colour.
  var PROGRESS = {
    known: {glyph: "\u2713 ", background: "#0b4f8a", border: "#062d50", font: "#ffffff", width: 2, dashes: false},
    implied: {glyph: "\u2713 ", background: "#cfe3f7", border: "#0b4f8a", font: "#0a2a4a", width: 2, dashes: false},
    learning: {glyph: "\u25d0 ", background: "#f6c36b", border: "#8a5300", font: "#1a1a1a", width: 3, dashes: [6, 4]},
    next: {glyph: "\u25b6 ", background: "#fff3a3", border: "#1a1a1a", font: "#1a1a1a", width: 4, dashes: false},
    later: {glyph: "", background: "#ffffff", border: "#6b6b6b", font: "#1a1a1a", width: 1, dashes: [2, 3]}
  };
  var PLAIN = {glyph: "", background: "#ffffff", border: "#5b6b7a", font: "#1a1a1a", width: 1, dashes: false};
  var MILESTONE = {glyph: "", background: "#26415f", border: "#0f1f30", font: "#ffffff", width: 2, dashes: false};
  var classes = {};  // node -> progress class (learner mode)
  var notes = {};  // node -> a line under its label ("raise to advanced")
  var original = {};  // the graph view's look of each node changed here
  var marked = {};  // nodes whose graph-view look carries a progress mark

  function remember(id) {
    if (original[id]) { return; }
    var n = nodes.get(id);
    var src = byId[id];
    original[id] = {label: src.label, shape: src.shape, color: src.color, borderWidth: src.borderWidth,
                    font: src.font || {}, x: n.x, y: n.y, hidden: !!n.hidden, shadow: src.shadow || false};
  }
  function labelled(glyph, id) { return glyph + byId[id].label + (notes[id] ? "\n" + notes[id] : ""); }
  function graphLook(id) {  // the graph view's look, with the progress mark
    var o = original[id] || byId[id];
    var cls = classes[id];
    var p = PROGRESS[cls];
    var look = {id: id, label: labelled(p ? p.glyph : "", id), shape: byId[id].shape,
                margin: 5, widthConstraint: false,
                shapeProperties: {borderDashes: p ? p.dashes : false, borderRadius: 6},
                font: {size: 14, color: (byId[id].font || {}).color || "#343434", bold: false},
                shadow: byId[id].shadow || false};
    if (p) {
      look.color = {background: p.background, border: p.border,
                    highlight: {background: p.background, border: "#000000"},
                    hover: {background: p.background, border: "#000000"}};
      look.borderWidth = p.width + 1;
      if (byId[id].shape === "box" || byId[id].shape === "ellipse") { look.font.color = p.font; }
    } else {
      look.color = byId[id].color;
      look.borderWidth = byId[id].borderWidth;
    }
    return look;
  }
  function roadmapLook(id, milestone) {
    var p = milestone ? MILESTONE : (PROGRESS[classes[id]] || PLAIN);
    return {id: id, label: labelled(milestone ? "" : p.glyph, id), shape: "box", margin: 10,
            widthConstraint: {maximum: milestone ? 260 : 190},
            font: {size: milestone ? 18 : 16, color: p.font, bold: milestone},
            color: {background: p.background, border: p.border,
                    highlight: {background: p.background, border: "#000000"},
                    hover: {background: p.background, border: "#000000"}},
            borderWidth: p.width, shapeProperties: {borderDashes: p.dashes, borderRadius: 6},
            shadow: false, hidden: false};
  }

  // ------------------------------------------------------------ the roadmap view --
  var current = null;  // {sections, ids, inSet, milestones, bands, groups}
  var roadmapEdges = [];
  var anchors = [];
  var hiddenEdges = null;
  var GAP = 14;  // between boxes
  var CAPTION = 22;  // a group's caption
  var STAGE = 30;  // a stage's heading
  var TITLE = 40;  // a section's title
  var COLUMN = 6;  // boxes in a group's column before it starts another
  var FAN = 4;  // lines drawn from one skill or group at most

  var measure = document.createElement("canvas").getContext("2d");
  function captionWidth(text) {
    measure.font = "12px system-ui, sans-serif";
    return measure.measureText(text.toUpperCase()).width + 4;
  }
  function labelOf(id) { return byId[id] ? byId[id].label : String(id); }
  function byLabel(a, b) { return labelOf(a).localeCompare(labelOf(b)) || (a < b ? -1 : 1); }
  // the container's width, read once per resize (reading it after the side panel changed
  // makes the browser lay the page out again, in the middle of a click)
  var knownWidth = null;
  function viewWidth() {
    if (knownWidth === null) { knownWidth = container.clientWidth; }
    return Math.max(240, knownWidth);
  }
  function scaleFor(width) { return width < 700 ? 0.85 : 1.0; }  // text stays readable on a phone

  // What the roadmap last gave each node (look, size, position) and each of its lines, so a
  // click updates only what it changes: a DataSet update costs the same for 1 node or 100.
  var applied = {};
  var sized = {};
  var at = {};
  var appliedEdges = {};
  var visibleNow = null;
  // A node's size is measured on its own (vis-network sizes a node as it draws it; drawing
  // everything to size a few costs as much as a click's whole update).
  function sizes(ids) {
    var ctx = null;
    ids.forEach(function (id) {
      if (sized[id]) { return; }
      var body = network.body.nodes[id];
      if (body) { body.updateBoundingBox(ctx = ctx || network.canvas.getContext()); }
      var box = body && body.shape.boundingBox;
      sized[id] = box ? {w: box.right - box.left, h: box.bottom - box.top} : {w: 160, h: 40};
    });
    return sized;
  }

  // A new look (label, colours, border) changes only how its nodes are drawn: it goes to the
  // drawn nodes and to the DataSet without the DataSet's listeners, which on any update walk
  // every node and line of the graph (what is visible, clusters, value ranges) and redraw it.
  // Nodes shown or hidden go through the DataSet as usual.
  function restyle(looks) {
    if (!looks.length) { return; }
    var listener = network.nodesHandler.nodesListeners.update;
    nodes.off("update", listener);
    try { nodes.update(looks); } finally { nodes.on("update", listener); }
    looks.forEach(function (look) {
      var body = network.body.nodes[look.id];
      if (body) { body.setOptions(look); }
    });
  }

  // vis-network redraws the whole canvas on each DataSet update; a layout makes several
  // (looks, positions, lines) and draws once, at the end.
  function show(sections) {
    network.body.emitter.emit("_blockRedraw");
    try {
      return layout(sections);
    } finally {
      network.body.emitter.emit("_allowRedraw");
      network.body.emitter.emit("_redraw");  // the canvas keeps its size: no page layout asked
    }
  }

  var lastOrder = null;  // the prerequisite order last laid out, and the nodes it is of
  var relayout = false;  // a new look waits for the layout
  function layout(sections) {
    relayout = false;
    var list = (sections || []).map(function (s) {
      return {role: s.role && byId[s.role] ? s.role : null,
              skills: (s.skills || []).filter(function (k) { return byId[k] && k !== s.role; })};
    }).filter(function (s) { return s.role || s.skills.length; });
    var ids = [];
    var inSet = {};
    var sectionOf = {};
    list.forEach(function (s, i) {
      s.skills.forEach(function (k) { if (!inSet[k]) { inSet[k] = true; ids.push(k); sectionOf[k] = i; } });
    });
    list.forEach(function (s) { if (s.role && !inSet[s.role]) { inSet[s.role] = true; ids.push(s.role); } });
    var milestones = {};
    list.forEach(function (s) { if (s.role) { milestones[s.role] = true; } });
    if (!current) {
      data.nodes.forEach(function (n) { remember(n.id); });
      var pos = network.getPositions();
      Object.keys(pos).forEach(function (id) { if (original[id]) { original[id].x = pos[id].x; original[id].y = pos[id].y; } });
      hiddenEdges = edges.get({filter: function (e) { return !e.hidden && !e.roadmap; }, fields: ["id"]});
      edges.update(hiddenEdges.map(function (e) { return {id: e.id, hidden: true}; }));
      network.setOptions({physics: {enabled: false}, edges: {smooth: {enabled: true, type: "cubicBezier",
        forceDirection: "vertical", roundness: 0.45}}});
    }
    // looks first (sizes depend on them), then positions
    if (!visibleNow) {
      visibleNow = {};
      nodes.forEach(function (n) { if (!n.hidden && !n.anchor) { visibleNow[n.id] = true; } });
    }
    var updates = [];
    var looks = [];  // of nodes on screen already
    ids.forEach(function (id) {
      var look = roadmapLook(id, milestones[id]);
      var key = JSON.stringify(look);
      if (applied[id] === key) { return; }
      applied[id] = key;
      delete sized[id];
      if (visibleNow[id]) { delete look.hidden; looks.push(look); } else { updates.push(look); }
    });
    Object.keys(visibleNow).forEach(function (id) {
      if (!inSet[id]) { updates.push({id: id, hidden: true}); delete applied[id]; delete at[id]; }
    });
    visibleNow = Object.assign({}, inSet);
    if (updates.length) { nodes.update(updates); }
    restyle(looks);
    var size = sizes(ids);
    var skillIds = ids.filter(function (id) { return !milestones[id]; });
    var orderKey = JSON.stringify(skillIds) + JSON.stringify(Object.keys(inSet));
    if (!lastOrder || lastOrder.key !== orderKey) {  // the same skills keep their order (a click)
      lastOrder = {key: orderKey, order: reduction(skillIds, inSet)};
    }
    var order = lastOrder.order;
    var width = viewWidth() / scaleFor(viewWidth()) - 2 * GAP;
    var placed = {};
    var bands = [];
    var groups = [];
    var positions = [];
    var y = 0;
    list.forEach(function (s, si) {
      var stage = {};
      function stageOf(id, trail) {
        if (stage[id]) { return stage[id]; }
        if (trail[id]) { return 1; }
        trail[id] = true;
        var st = 1;
        order.preds[id].forEach(function (p) {
          if (sectionOf[p] === si) { st = Math.max(st, stageOf(p, trail) + 1); }
        });
        stage[id] = st;
        return st;
      }
      var members = s.skills.filter(function (k) { return sectionOf[k] === si; });
      members.forEach(function (k) { stageOf(k, {}); });
      var top = y;
      if (s.role) {
        bands.push({kind: "title", y: y, text: (list.length > 1 ? (si + 1) + ". " : "") + "Towards " +
                    labelOf(s.role) + ": " + members.length + " skill" + (members.length === 1 ? "" : "s")});
        y += TITLE;
      }
      var stages = {};
      members.forEach(function (k) { (stages[stage[k]] = stages[stage[k]] || []).push(k); });
      Object.keys(stages).map(Number).sort(function (a, b) { return a - b; }).forEach(function (st) {
        bands.push({kind: "stage", y: y, text: "Stage " + st + (st === 1 ? ": start here" : "")});
        y += STAGE;
        // category groups, ordered under the prerequisites they follow
        var cats = {};
        stages[st].forEach(function (k) {
          var c = byId[k].category || byId[k].type || "other";
          (cats[c] = cats[c] || []).push(k);
        });
        var blocks = Object.keys(cats).map(function (c) {
          var keys = cats[c].sort(byLabel);
          var xs = [];
          keys.forEach(function (k) { order.preds[k].forEach(function (p) { if (placed[p]) { xs.push(placed[p].x); } }); });
          var colW = 0;
          keys.forEach(function (k) { colW = Math.max(colW, size[k].w); });
          var cols = Math.max(1, Math.min(Math.ceil(keys.length / COLUMN), Math.floor((width + GAP) / (colW + GAP))));
          var perCol = Math.ceil(keys.length / cols);
          var colH = [];
          for (var c2 = 0; c2 < cols; c2++) {
            var h = 0;
            keys.slice(c2 * perCol, (c2 + 1) * perCol).forEach(function (k) { h += size[k].h + GAP; });
            colH.push(h);
          }
          return {caption: c, keys: keys, colW: colW, cols: cols, perCol: perCol,
                  w: Math.min(width, Math.max(cols * colW + (cols - 1) * GAP, captionWidth(c))),
                  h: CAPTION + Math.max.apply(null, colH),
                  at: xs.length ? xs.reduce(function (a, b) { return a + b; }, 0) / xs.length : null};
        });
        blocks.sort(function (a, b) {
          if (a.at !== null && b.at !== null && a.at !== b.at) { return a.at - b.at; }
          if ((a.at === null) !== (b.at === null)) { return a.at === null ? 1 : -1; }
          return a.caption.localeCompare(b.caption);
        });
        // rows of blocks, as wide as the screen allows, each centred
        var rows = [];
        var row = null;
        blocks.forEach(function (b) {
          if (!row || (row.w + GAP * 2 + b.w > width && row.blocks.length)) { row = {blocks: [], w: -GAP * 2, h: 0}; rows.push(row); }
          row.blocks.push(b);
          row.w += GAP * 2 + b.w;
          row.h = Math.max(row.h, b.h);
        });
        rows.forEach(function (r) {
          var x = -Math.min(r.w, width) / 2;
          r.blocks.forEach(function (b) {
            groups.push({x: x, y: y, w: b.w, h: b.h, caption: b.caption, keys: b.keys});
            for (var i = 0; i < b.keys.length; i++) {
              var k = b.keys[i];
              var col = Math.floor(i / b.perCol);
              var cy = y + CAPTION;
              for (var j = col * b.perCol; j < i; j++) { cy += size[b.keys[j]].h + GAP; }
              var px = x + col * (b.colW + GAP) + size[k].w / 2;
              var py = cy + size[k].h / 2;
              placed[k] = {x: px, y: py};
              positions.push({id: k, x: px, y: py});
            }
            x += b.w + GAP * 2;
          });
          y += r.h + GAP;
        });
        y += GAP;
      });
      if (s.role) {
        var m = size[s.role];
        placed[s.role] = {x: 0, y: y + m.h / 2};
        positions.push({id: s.role, x: 0, y: y + m.h / 2});
        y += m.h + GAP * 3;
      }
      bands.push({kind: "section", top: top, bottom: y - GAP, role: s.role, count: members.length});
      y += GAP * 2;
    });
    // lines: the reduction, one line between two groups. It joins the prerequisite, or its
    // group's foot when there are several, to the skill, or its group's head when there are
    // several, and lists the pairs of the order it stands for (a click on a skill names them all).
    var groupOf = {};
    groups.forEach(function (g, i) { g.keys.forEach(function (k) { groupOf[k] = i; }); });
    var between = {};  // "source group/target group" -> [prerequisite, skill] pairs
    Object.keys(order.reduced).sort().forEach(function (k) {
      order.reduced[k].forEach(function (p) {
        if (sectionOf[p] === sectionOf[k]) { push(between, groupOf[p] + "/" + groupOf[k], [p, k]); }
      });
    });
    var newEdges = [];
    var newAnchors = {};
    function anchor(gi, foot) {
      var id = (foot ? "sg-roadmap-foot:" : "sg-roadmap-group:") + gi;
      if (!newAnchors[id]) {
        var g = groups[gi];
        newAnchors[id] = {id: id, anchor: true, x: g.x + g.w / 2, y: foot ? g.y + g.h - GAP / 2 : g.y + 4,
                          shape: "dot", size: 3,
                          label: undefined, color: {background: "#8a8a8a", border: "#8a8a8a"},
                          borderWidth: 0, chosen: false, hidden: false, physics: false};
      }
      return id;
    }
    var rowTops = {};
    groups.forEach(function (g) { rowTops[g.y] = true; });
    rowTops = Object.keys(rowTops).map(Number);
    var lines = {};  // each line's start -> its lines
    Object.keys(between).sort().forEach(function (key) {
      var pairs = between[key];
      var from = pairs[0][0];
      var to = pairs[0][1];
      if (pairs.some(function (pk) { return pk[0] !== from; })) { from = anchor(groupOf[from], true); }
      if (pairs.some(function (pk) { return pk[1] !== to; })) { to = anchor(groupOf[to], false); }
      var source = groups[groupOf[pairs[0][0]]];
      var target = groups[groupOf[pairs[0][1]]];
      push(lines, from, {key: key, from: from, to: to, pairs: pairs, fromY: source.y, toY: target.y,
                         dx: Math.abs(target.x + target.w / 2 - source.x - source.w / 2)});
    });
    // A skill many others build on draws its lines to the nearest of them only; the others
    // are counted on it ("needed by N more"), so no fan of long lines crosses the page (a click
    // on the skill names them all).
    var newBadges = [];
    var drawn = [];
    Object.keys(lines).sort().forEach(function (from) {
      var out = lines[from].sort(function (a, b) { return (a.toY - b.toY) || (a.dx - b.dx); });
      drawn.push.apply(drawn, out.slice(0, FAN));
      if (out.length <= FAN) { return; }
      var pairs = [];
      var skills = {};
      out.slice(FAN).forEach(function (line) {
        line.pairs.forEach(function (pk) { pairs.push(pk); skills[pk[1]] = true; });
      });
      newBadges.push({from: from, pairs: pairs, count: Object.keys(skills).length});
    });
    drawn.sort(function (a, b) { return a.key < b.key ? -1 : 1; });
    drawn.forEach(function (line) {
      var from = line.from;
      var to = line.to;
      var pairs = line.pairs;
      // a line that passes a row of groups runs behind the skills of that row: drawn fainter,
      // so it does not read as a line between them
      var fromY = line.fromY;
      var toY = line.toY;
      var far = rowTops.some(function (y) { return y > fromY && y < toY; });
      newEdges.push({id: "sg-roadmap-edge:" + newEdges.length, from: from, to: to, roadmap: true,
                     pairs: pairs, hidden: false,
                     arrows: {to: {enabled: true, scaleFactor: 0.5}}, width: far ? 1 : 1.2, dashes: false,
                     color: {color: far ? "#cdd4dc" : "#9aa5b1", highlight: "#000000", hover: "#000000",
                             inherit: false},
                     title: undefined, label: undefined});
    });
    var keep = {};
    var changedAnchors = Object.keys(newAnchors).filter(function (k) {
      keep[k] = true;
      positions.push({id: k, x: newAnchors[k].x, y: newAnchors[k].y});
      var key = JSON.stringify(Object.assign({}, newAnchors[k], {x: 0, y: 0}));
      if (applied[k] === key) { return false; }
      applied[k] = key;
      return true;
    }).map(function (k) { return newAnchors[k]; });
    // unused marks and lines are hidden, not removed: one update each for nodes and lines
    anchors.forEach(function (k) {
      if (!keep[k] && applied[k] !== "hidden") { applied[k] = "hidden"; changedAnchors.push({id: k, hidden: true}); }
      keep[k] = true;
    });
    anchors = Object.keys(keep);
    if (changedAnchors.length) { nodes.update(changedAnchors); }
    // positions go to the drawn nodes directly: a DataSet update walks every node and line of
    // the graph, however few it changes
    positions.forEach(function (p) {
      var key = p.x + "," + p.y;
      if (at[p.id] === key) { return; }
      at[p.id] = key;
      var body = network.body.nodes[p.id];
      body.x = p.x;
      body.y = p.y;
    });
    var changedEdges = newEdges.filter(function (e) {
      var key = JSON.stringify(e);
      if (appliedEdges[e.id] === key) { return false; }
      appliedEdges[e.id] = key;
      return true;
    });
    roadmapEdges.slice(newEdges.length).forEach(function (id) {
      if (appliedEdges[id] !== "hidden") { appliedEdges[id] = "hidden"; changedEdges.push({id: id, hidden: true}); }
    });
    if (changedEdges.length) { edges.update(changedEdges); }
    if (newEdges.length > roadmapEdges.length) { roadmapEdges = newEdges.map(function (e) { return e.id; }); }
    current = {sections: list, ids: ids, inSet: inSet, milestones: milestones, bands: bands, groups: groups,
               badges: newBadges, width: width, height: y};
    container.setAttribute("data-view", "roadmap");
    return current;
  }

  function homeScale() {  // the roadmap as wide as the screen, text readable
    var w = viewWidth();
    return Math.min(scaleFor(w), w / (current.width + 2 * GAP));
  }
  function home() {  // the top of the roadmap, as wide as the screen, text readable
    if (!current) { return; }
    var w = viewWidth();
    var h = Math.max(1, container.clientHeight);
    var scale = homeScale();
    var fits = current.height * scale <= h;
    var above = (w < 700 ? 56 : 8) / scale;  // room for the menu button on a phone
    var centreY = fits ? current.height / 2 : (h / 2) / scale - above;
    network.moveTo({position: {x: 0, y: centreY}, scale: scale, animation: false});
  }

  function hide() {
    if (!current) { return; }
    edges.remove(roadmapEdges);
    nodes.remove(anchors);
    roadmapEdges = [];
    anchors = [];
    applied = {};
    sized = {};
    at = {};
    appliedEdges = {};
    visibleNow = null;
    var updates = data.nodes.map(function (n) {
      var look = graphLook(n.id);
      var o = original[n.id];
      if (o) { look.x = o.x; look.y = o.y; look.hidden = o.hidden; }
      return look;
    });
    nodes.update(updates);
    edges.update(hiddenEdges.map(function (e) { return {id: e.id, hidden: false}; }));
    network.setOptions({edges: {smooth: data.options.edges.smooth}});
    current = null;
    container.setAttribute("data-view", "graph");
    network.fit({animation: false});
  }

  // next: node -> "known" | "implied" | "learning" | "next" | "later"; nextNotes: node -> a line
  // under its label
  function progress(next, nextNotes) {
    nextNotes = nextNotes || {};
    var changed = {};
    [classes, next, notes, nextNotes].forEach(function (m) {
      Object.keys(m).forEach(function (id) {
        if (next[id] !== classes[id] || nextNotes[id] !== notes[id]) { changed[id] = true; }
      });
    });
    classes = Object.assign({}, next);
    notes = Object.assign({}, nextNotes);
    var ids = Object.keys(changed).filter(function (id) { return byId[id]; });
    if (!ids.length) { return; }
    if (current) {  // laid out again once the click is handled (the plan may change too)
      if (!relayout && ids.some(function (id) { return current.inSet[id]; })) {
        relayout = true;
        Promise.resolve().then(function () { if (relayout && current) { show(current.sections); } });
      }
      return;
    }
    ids.forEach(function (id) { remember(id); });
    restyle(ids.map(graphLook));
    network.redraw();
  }

  // stage headings, section bands and group captions, under the nodes
  network.on("beforeDrawing", function (ctx) {
    if (!current) { return; }
    var half = current.width / 2 + GAP;
    ctx.save();
    ctx.textBaseline = "top";
    current.bands.forEach(function (b, i) {
      if (b.kind === "section") {
        ctx.fillStyle = i % 2 ? "#f4f7fb" : "#f7f7f4";
        ctx.fillRect(-half, b.top - GAP, half * 2, b.bottom - b.top + GAP * 2);
      }
    });
    current.bands.forEach(function (b) {
      if (b.kind === "title") {
        ctx.fillStyle = "#14283c";
        ctx.font = "700 20px system-ui, sans-serif";
        ctx.fillText(b.text, -half + GAP, b.y + 6, half * 2 - GAP * 2);
      }
      if (b.kind === "stage") {
        ctx.fillStyle = "#3b4b5c";
        ctx.font = "600 15px system-ui, sans-serif";
        ctx.fillText(b.text, -half + GAP, b.y + 4);
        ctx.strokeStyle = "#d5dbe1";
        ctx.beginPath();
        ctx.moveTo(-half + GAP, b.y + 24);
        ctx.lineTo(half - GAP, b.y + 24);
        ctx.stroke();
      }
    });
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillStyle = "#5b6b7a";
    current.groups.forEach(function (g) {
      ctx.fillText(g.caption.toUpperCase(), g.x, g.y + 4, Math.max(g.w, 40));
    });
    ctx.restore();
  });

  // the count of what a skill's lines leave out, on the foot of the skill (or group): over the
  // nodes, where its lines start
  function badgeText(b) { return "needed by " + b.count + " more"; }
  function badgeBox(b, ctx) {
    var body = network.body.nodes[b.from];
    if (!body) { return null; }
    var h = body.options.anchor ? 0 : (sized[b.from] ? sized[b.from].h : body.shape.height || 0);
    ctx.font = "600 11px system-ui, sans-serif";
    var w = ctx.measureText(badgeText(b)).width + 12;
    return {x: body.x - w / 2, y: body.y + h / 2 - 8, w: w, h: 16};
  }
  network.on("afterDrawing", function (ctx) {
    if (!current || !current.badges.length) { return; }
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.textAlign = "center";
    current.badges.forEach(function (b) {
      var box = badgeBox(b, ctx);
      if (!box) { return; }
      ctx.fillStyle = "#ffffff";
      ctx.strokeStyle = "#5b6b7a";
      ctx.lineWidth = 1;
      ctx.beginPath();
      if (ctx.roundRect) { ctx.roundRect(box.x, box.y, box.w, box.h, 8); } else { ctx.rect(box.x, box.y, box.w, box.h); }
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(badgeText(b), box.x + box.w / 2, box.y + box.h / 2 + 0.5);
    });
    ctx.restore();
  });

  // a new width (a window resized, a phone turned, the side panel opened) lays it out again
  var lastWidth = container.clientWidth;
  var resizing = null;
  var clickedAt = {id: null, y: 0};  // the node last clicked and its height on the screen
  network.on("click", function (params) {
    if (params.nodes.length) { clickedAt = {id: params.nodes[0], y: params.pointer.DOM.y}; }
  });
  function resized() {
    knownWidth = null;
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      var w = container.clientWidth;
      var h = container.clientHeight;
      if (w === lastWidth) { return; }
      lastWidth = w;
      var held = network.getSelectedNodes().filter(function (id) {
        return current ? current.inSet[id] : !!network.body.nodes[id];
      })[0];
      if (current) { show(current.sections); }
      if (!held) { if (current) { home(); } return; }
      // The node in hand (a click opens the side panel) stays in sight beside it, at the height
      // it was clicked at. The roadmap, laid out again for the new width, is drawn as wide as
      // the screen, as home() draws it; the whole graph keeps its place and scale. Either way
      // the node is brought inside the screen if it is no longer in it.
      var scale = current ? homeScale() : network.getScale();
      var p = network.getPositions([held])[held];
      var dom = network.canvasToDOM(p);
      var x = current ? w / 2 + p.x * scale : dom.x;
      var y = clickedAt.id === held ? clickedAt.y : dom.y;
      function inside(v, size) { var m = Math.min(size / 2, 80); return Math.max(m, Math.min(size - m, v)); }
      x = inside(x, w);
      y = inside(y, h);
      network.moveTo({position: {x: p.x - (x - w / 2) / scale, y: p.y - (y - h / 2) / scale},
                      scale: scale, animation: false});
    }, 150);
  }
  if (window.ResizeObserver) { new ResizeObserver(resized).observe(container); }
  else { window.addEventListener("resize", resized); }

  // in the roadmap, the wheel scrolls (as a page does) and ctrl+wheel or a pinch zooms
  container.addEventListener("wheel", function (ev) {
    if (!current || ev.ctrlKey) { return; }
    ev.preventDefault();
    ev.stopPropagation();
    var scale = network.getScale();
    var at = network.getViewPosition();
    network.moveTo({position: {x: at.x + ev.deltaX / scale, y: at.y + ev.deltaY / scale}, scale: scale,
                    animation: false});
  }, {capture: true, passive: false});

  // ------------------------------------------------------------ the layout hook --
  function visibleArea() {
    var r = container.getBoundingClientRect();
    var vw = window.innerWidth;
    var vh = window.innerHeight;
    function clip(b) {
      return {l: Math.max(0, b.left), t: Math.max(0, b.top), r: Math.min(vw, b.right), b: Math.min(vh, b.bottom)};
    }
    var g = clip(r);
    var area = Math.max(0, g.r - g.l) * Math.max(0, g.b - g.t);
    ["sg-panel", "sg-side"].forEach(function (id) {
      var e = document.getElementById(id);
      if (!e || e.hidden || getComputedStyle(e).visibility === "hidden") { return; }
      var o = clip(e.getBoundingClientRect());
      var w = Math.min(g.r, o.r) - Math.max(g.l, o.l);
      var h = Math.min(g.b, o.b) - Math.max(g.t, o.t);
      if (w > 0 && h > 0) { area -= w * h; }
    });
    return area;
  }
  window.skillgraphLayout = function (options) {
    var view = current ? "roadmap" : "graph";
    var wanted = options && options.view;
    if (wanted && wanted !== view) { return {view: view, shown: false, labels: [], edges: 0, graphArea: 0}; }
    network.redraw();
    var r = container.getBoundingClientRect();
    var visible = {};
    var labels = [];
    nodes.get({filter: function (n) { return !n.hidden && !n.anchor; }}).forEach(function (n) {
      visible[n.id] = true;
      var body = network.body.nodes[n.id];
      var s = body && body.labelModule && body.labelModule.size;
      if (!s || !s.width) { return; }
      // the label is centred on its node; vis-network keeps a label's corner only for the nodes
      // it last drew on screen, so the corner comes from the node's position
      var left = body.x - s.width / 2;
      var top = body.y - s.height / 2;
      var a = network.canvasToDOM({x: left, y: top});
      var b = network.canvasToDOM({x: left + s.width, y: top + s.height});
      labels.push({id: n.id, text: n.label, x: r.left + a.x, y: r.top + a.y, w: b.x - a.x, h: b.y - a.y});
    });
    nodes.get({filter: function (n) { return !n.hidden && n.anchor; }}).forEach(function (n) { visible[n.id] = true; });
    var count = edges.get({filter: function (e) { return !e.hidden && visible[e.from] && visible[e.to]; }}).length;
    var badges = (current ? current.badges : []).filter(function (b) {
      return network.body.nodes[b.from];
    }).map(function (b) {
      var box = badgeBox(b, measure);
      var a = network.canvasToDOM({x: box.x, y: box.y});
      var c = network.canvasToDOM({x: box.x + box.w, y: box.y + box.h});
      return {from: b.from, text: badgeText(b), pairs: b.pairs, x: r.left + a.x, y: r.top + a.y, w: c.x - a.x,
              h: c.y - a.y};
    });
    return {view: view, shown: true, labels: labels, edges: count, badges: badges, graphArea: visibleArea(),
            scale: network.getScale()};
  };
  window.skillgraphRoadmapView = {
    // The same roles again (a click changed the plan) keep what is on screen where it is: a
    // skill the plan no longer needs stays, with its new mark, and the view does not move.
    show: function (sections) {
      function roles(list) { return JSON.stringify(list.map(function (s) { return s.role || null; })); }
      var again = current && roles(current.sections) === roles(sections || []);
      if (again) {
        sections = sections.map(function (s, i) {
          var all = current.sections[i].skills.slice();
          var had = {};
          all.forEach(function (k) { had[k] = true; });
          (s.skills || []).forEach(function (k) { if (!had[k]) { all.push(k); } });
          return {role: s.role, skills: all};
        });
      }
      var out = show(sections);
      if (!again) { home(); }
      return out;
    },
    hide: hide,
    home: home,
    progress: progress,
    shown: function () { return !!current; }
  };
})();
