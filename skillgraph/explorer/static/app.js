(function () {
  "use strict";
  var timings = window.skillgraphTimings || (window.skillgraphTimings = {});
  var data = JSON.parse(document.getElementById("sg-data").textContent);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  // Tooltips are DOM elements filled with textContent: vis-network would parse a string
  // title as HTML.
  function tooltip(heading, rows) {
    var box = el("div", "sg-tip");
    box.appendChild(el("div", "sg-tip-title", heading));
    rows.forEach(function (row) {
      var line = el("div", "sg-tip-row");
      line.appendChild(el("b", null, row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    return box;
  }
  data.nodes.forEach(function (n) { n.title = tooltip(n.label, n.rows); });
  data.edges.forEach(function (e) { e.title = tooltip(e.relation, e.rows); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("sg-network");
  container.setAttribute("data-highlight-nodes", JSON.stringify(data.highlight.nodes));
  container.setAttribute("data-highlight-edges", JSON.stringify(data.highlight.edges));
  container.setAttribute("data-layout", data.layout);
  container.setAttribute("data-view", "graph");

  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  // Ready: drawn once and, with physics, stabilised (physics then stops).
  var stable = data.layout !== "physics";
  function markReady() {
    if (stable && timings.firstDraw && !timings.ready) {
      timings.ready = performance.now();
      window.skillgraphReady = true;
      container.setAttribute("data-ready", "true");
    }
  }
  network.on("afterDrawing", function () {
    if (!timings.firstDraw) {
      timings.firstDraw = performance.now();
      markReady();
    }
  });
  if (!stable) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      stable = true;
      markReady();
      if (!timings.ready) { network.redraw(); }
    });
  }

  // ---- legend and type filters
  var typeBox = document.getElementById("sg-types");
  var byType = {};
  data.nodes.forEach(function (n) { (byType[n.type] = byType[n.type] || []).push(n.id); });
  function setTypeVisible(type, visible) {
    var ids = byType[type] || [];
    nodes.update(ids.map(function (id) { return {id: id, hidden: !visible}; }));
    var box = document.querySelector('input[data-type="' + CSS.escape(type) + '"]');
    if (box) { box.checked = visible; }
  }
  data.types.forEach(function (t) {
    var label = el("label", "sg-type");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { setTypeVisible(t.type, box.checked); });
    var swatch = el("span", "sg-swatch " + t.shape);
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, t.label));
    label.appendChild(el("span", "sg-count", String(t.count)));
    typeBox.appendChild(label);
  });
  var relBox = document.getElementById("sg-relations");
  var SVG = "http://www.w3.org/2000/svg";
  data.relations.forEach(function (r) {
    var row = el("div", "sg-rel");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", r.color);
    line.setAttribute("stroke-width", String(Math.min(r.width + 1, 4)));
    if (r.dashes) { line.setAttribute("stroke-dasharray", r.dashes.join(" ")); }
    var head = document.createElementNS(SVG, "polygon");
    head.setAttribute("points", "26,1 33,5 26,9");
    head.setAttribute("fill", r.color);
    svg.appendChild(line);
    svg.appendChild(head);
    row.appendChild(svg);
    row.appendChild(el("span", null, r.label));
    row.appendChild(el("span", "sg-count", String(r.count)));
    relBox.appendChild(row);
  });
  if (data.highlight.nodes.length || data.highlight.edges.length) {
    var hl = el("div", "sg-rel");
    var mark = el("span", "sg-swatch");
    mark.style.background = "#ffffff";
    mark.style.border = "3px solid " + data.highlight.color;
    hl.appendChild(mark);
    hl.appendChild(el("span", null, "highlighted"));
    relBox.appendChild(hl);
  }
  document.getElementById("sg-stats").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " edges";

  // ---- search by any label
  var index = [];
  var datalist = document.getElementById("sg-labels");
  data.nodes.forEach(function (n) {
    var seen = {};
    n.names.forEach(function (name) {
      var low = name.trim().replace(/\s+/g, " ").toLowerCase();
      if (seen[low]) { return; }
      seen[low] = true;
      index.push([low, n.id]);
      if (data.nodes.length <= 5000) {
        var opt = el("option");
        opt.value = name;
        datalist.appendChild(opt);
      }
    });
  });
  function findNode(query) {
    var q = String(query).trim().replace(/\s+/g, " ").toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (name) { return name === q; },
      function (name) { return name.indexOf(q) === 0; },
      function (name) { return name.indexOf(q) !== -1; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < index.length; i++) {
        if (tests[t](index[i][0])) { return index[i][1]; }
      }
    }
    return null;
  }
  var status = document.getElementById("sg-search-status");
  function focusNode(id) {
    var node = nodes.get(id);
    if (!node) { return null; }
    if (node.hidden) { setTypeVisible(node.type, true); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2),
                       animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    status.textContent = "Found: " + node.label;
    return id;
  }
  function search(query) {
    var id = findNode(query);
    if (id === null) {
      status.textContent = String(query).trim() ? "No node matches \u201c" +
        String(query).trim() + "\u201d" : "";
      return null;
    }
    return focusNode(id);
  }
  var input = document.getElementById("sg-search");
  document.getElementById("sg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function () {
    var q = input.value.trim().replace(/\s+/g, " ").toLowerCase();
    for (var i = 0; q && i < index.length; i++) {
      if (index[i][0] === q) { focusNode(index[i][1]); return; }
    }
  });

  // ---- on a phone the panel is a drawer over the graph
  var panel = document.getElementById("sg-panel");
  var menu = document.getElementById("sg-menu");
  var scrim = document.getElementById("sg-scrim");
  function drawer(open) {
    if (!menu) { return; }
    panel.classList.toggle("sg-open", open);
    menu.setAttribute("aria-expanded", open ? "true" : "false");
    scrim.hidden = !open;
    if (open) { input.focus({preventScroll: true}); } else { menu.focus({preventScroll: true}); }
  }
  function narrow() { return menu && getComputedStyle(menu).display !== "none"; }
  if (menu) {
    menu.addEventListener("click", function () { drawer(!panel.classList.contains("sg-open")); });
    scrim.addEventListener("click", function () { drawer(false); });
    document.getElementById("sg-menu-close").addEventListener("click", function () { drawer(false); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && panel.classList.contains("sg-open")) { drawer(false); }
    });
    // what is asked for in the drawer is shown on the graph: close it
    document.getElementById("sg-search-form").addEventListener("submit", function () {
      if (narrow() && status.textContent.indexOf("Found") === 0) { drawer(false); }
    });
    panel.addEventListener("click", function (ev) {
      var t = ev.target;
      if (narrow() && t.closest && t.closest(".sg-link, #sg-views button")) { drawer(false); }
    });
  }

  window.skillgraphDrawer = drawer;
  window.skillgraphNetwork = network;
  window.skillgraphNodes = nodes;
  window.skillgraphEdges = edges;
  window.skillgraphHighlight = data.highlight;
  window.skillgraphSearch = search;
  window.skillgraphSetTypeVisible = setTypeVisible;
})();
