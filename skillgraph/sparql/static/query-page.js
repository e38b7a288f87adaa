// The query page of skillgraph serve: runs a query against the endpoint beside it and
// shows the answer (a table, a yes/no or RDF text), or the endpoint's one-line error.
(function () {
  "use strict";
  var form = document.getElementById("sg-form");
  var text = document.getElementById("sg-query");
  var picker = document.getElementById("sg-example");
  var about = document.getElementById("sg-example-about");
  var status = document.getElementById("sg-status");
  var results = document.getElementById("sg-results");
  var endpoint = new URL("query", document.baseURI).href;
  var examples = JSON.parse(document.getElementById("sg-examples").textContent);

  document.getElementById("sg-endpoint").textContent = endpoint;
  examples.forEach(function (example, index) {
    var option = document.createElement("option");
    option.value = String(index);
    option.textContent = example.name;
    picker.appendChild(option);
  });
  picker.addEventListener("change", function () {
    var example = examples[Number(picker.value)];
    about.textContent = example ? example.description : "";
    if (example) { text.value = example.query; }
  });

  function show(state, message) {
    status.dataset.state = state;
    status.textContent = message;
    document.body.dataset.state = state;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (term) {
      td.textContent = term.type === "uri" ? "<" + term.value + ">" : term.value;
      if (term["xml:lang"]) { td.title = "@" + term["xml:lang"]; }
    }
    return td;
  }

  function table(answer) {
    var vars = answer.head.vars || [];
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    vars.forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    var body = t.createTBody();
    answer.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (name) { tr.appendChild(cell(row[name])); });
    });
    return t;
  }

  function run(query) {
    show("running", "Running…");
    results.replaceChildren();
    var started = performance.now();
    return fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9"
      },
      body: new URLSearchParams({ query: query })
    }).then(function (response) {
      var kind = response.headers.get("Content-Type") || "";
      return response.text().then(function (body) {
        var took = Math.round(performance.now() - started) + " ms";
        if (!response.ok) {
          show("error", response.status + ": " + body.trim());
          return;
        }
        if (kind.indexOf("json") >= 0) {
          var answer = JSON.parse(body);
          if (typeof answer.boolean === "boolean") {
            var p = document.createElement("p");
            p.textContent = answer.boolean ? "yes" : "no";
            results.appendChild(p);
            show("done", "ASK answered in " + took);
            return;
          }
          results.appendChild(table(answer));
          show("done", answer.results.bindings.length + " rows in " + took);
          return;
        }
        var pre = document.createElement("pre");
        pre.textContent = body;
        results.appendChild(pre);
        show("done", "answered in " + took);
      });
    }).catch(function (error) {
      show("error", "the endpoint did not answer: " + error.message);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(text.value);
  });
  window.skillgraphQuery = run;
  document.body.dataset.state = "ready";
})();
