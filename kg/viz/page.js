// kg interactive page. Every text from the data is set with textContent or as
// a DOM text node: nothing from the inputs is parsed as HTML.
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("kg-details");
  var status = document.getElementById("kg-status");
  // Milliseconds since navigation at each loading step (for the benchmark).
  var page = { ready: false, firstDraw: null, data: data, timings: { script: started, parsed: performance.now() } };
  window.kgPage = page;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function safeLink(url, text) {
    var a = el("a", text || url);
    try {
      var parsed = new URL(url);
      if (parsed.protocol === "https:" || parsed.protocol === "http:") {
        a.href = parsed.href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
    } catch (e) { /* not a URL: plain text */ }
    return a;
  }

  function showDetails(title, pairs) {
    panel.textContent = "";
    panel.appendChild(el("h2", title));
    pairs.forEach(function (pair) {
      if (!pair[1]) return;
      if (pair[0] === "link") {
        var p = el("p");
        p.appendChild(safeLink(pair[1]));
        panel.appendChild(p);
        return;
      }
      panel.appendChild(el("h3", pair[0]));
      panel.appendChild(el(pair[0] === "Quote" ? "blockquote" : "p", pair[1]));
    });
  }

  function legend() {
    var box = document.getElementById("kg-legend");
    if (data.view === "evidence") {
      ["no source", "1 source", "2 sources", "3 or more sources"].forEach(function (text, i) {
        var row = el("div", null, "kg-legend-row");
        var swatch = el("span", null, "kg-swatch kg-shape-dot");
        swatch.style.setProperty("--kg-colour", data.sourceColors[i]);
        row.appendChild(swatch);
        row.appendChild(el("span", text));
        box.appendChild(row);
      });
      box.appendChild(el("p", "Circle size: number of claims.", "kg-muted"));
      document.getElementById("kg-search").hidden = true;
      panel.querySelector("p").textContent = "Click a circle to list its claims, quotes and sources.";
      return;
    }
    data.kinds.forEach(function (kind) {
      var row = el("label", null, "kg-legend-row");
      var check = el("input");
      check.type = "checkbox";
      check.checked = true;
      check.value = kind.kind;
      check.className = "kg-kind-filter";
      var swatch = el("span", null, "kg-swatch kg-shape-" + kind.shape);
      swatch.style.setProperty("--kg-colour", kind.color);
      row.appendChild(check);
      row.appendChild(swatch);
      row.appendChild(el("span", kind.name + " (" + kind.count + ")"));
      box.appendChild(row);
    });
  }

  function drawEvidence() {
    var grid = document.getElementById("kg-grid");
    var table = el("table", null, "kg-matrix");
    var head = el("tr");
    head.appendChild(el("th", "support type \u2193 / outcome \u2192", "kg-corner"));
    data.columns.forEach(function (c) {
      var th = el("th", null, "kg-col");
      th.appendChild(el("span", c[1]));
      head.appendChild(th);
    });
    table.appendChild(head);
    var byCell = {};
    data.cells.forEach(function (cell) { byCell[cell.support_type + "\u0000" + cell.outcome] = cell; });
    data.rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", r[1]));
      data.columns.forEach(function (c) {
        var td = el("td");
        var cell = byCell[r[0] + "\u0000" + c[0]];
        if (cell) {
          var dot = el("button", String(cell.claims.length), "kg-dot");
          var size = 14 + 9 * Math.sqrt(cell.claims.length);
          dot.style.width = dot.style.height = size + "px";
          dot.style.background = data.sourceColors[Math.min(cell.sources, data.sourceColors.length - 1)];
          dot.title = cell.claims.length + " claim(s), " + cell.sources + " independent source(s)";
          dot.setAttribute("data-cell", r[0] + "\u0000" + c[0]);
          dot.addEventListener("click", function () {
            panel.textContent = "";
            panel.appendChild(el("h2", r[1] + " \u00d7 " + c[1]));
            panel.appendChild(el("p", cell.claims.length + " claim(s), " + cell.sources + " independent source(s)"));
            cell.claims.forEach(function (node) {
              var claim = data.claims[node];
              // A corpus is named only where claims of several corpora share the id.
              var name = claim.corpus ? claim.id + " (" + claim.corpus + ")" : claim.id;
              panel.appendChild(el("h3", name + ": " + claim.statement, "kg-claim"));
              panel.appendChild(el("blockquote", claim.quote));
              if (claim.section) panel.appendChild(el("p", "Section: " + claim.section, "kg-muted"));
              var list = el("ul");
              if (!claim.sources.length) list.appendChild(el("li", "no source"));
              claim.sources.forEach(function (s) { list.appendChild(el("li", s)); });
              panel.appendChild(list);
            });
          });
          td.appendChild(dot);
        }
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    grid.appendChild(table);
    page.ready = true;
    page.firstDraw = performance.now();
    page.drawnCells = data.cells.length;
  }

  function drawNetwork() {
    // One vis-network group per kind carries colour, shape and font; titles
    // are plain strings, which vis-network shows with innerText (never HTML).
    var groups = {};
    var fontSize = data.nodes.length > 300 ? 14 : 18;
    data.kinds.forEach(function (k) {
      var boxed = k.shape === "box" || k.shape === "ellipse";
      groups[k.kind] = {
        shape: k.shape,
        color: { background: k.color, border: k.color, highlight: { background: k.color, border: "#111" },
                 hover: { background: k.color, border: "#111" } },
        font: boxed ? { size: fontSize - 2, color: "#ffffff", strokeWidth: 0 }
                    : { size: fontSize, strokeWidth: 3, strokeColor: "#ffffff" }
      };
    });
    data.nodes.forEach(function (n) {
      n.search = [n.label, n.title].concat(n.details.map(function (p) { return p[1]; })).join(" ").toLowerCase();
    });
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return { id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, size: n.size, group: n.kind, kind: n.kind };
    }));
    var edges = new vis.DataSet(data.edges.map(function (e, i) {
      return { id: i, from: data.nodes[e[0]].id, to: data.nodes[e[1]].id, label: e[3] || undefined,
               width: e[4] || 1, title: e[2] };
    }));
    var container = document.getElementById("kg-network");
    page.timings.datasets = performance.now();
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 2000 },
      edges: { smooth: false, color: { color: "#b8bcc4", highlight: "#444" },
               font: { size: 12, align: "horizontal", background: "rgba(255,255,255,0.85)", strokeWidth: 0 } },
      nodes: { borderWidth: 1 },
      groups: groups
    });
    page.timings.network = performance.now();
    page.network = network; page.nodes = nodes; page.edges = edges;
    network.once("afterDrawing", function () {
      page.ready = true;
      page.firstDraw = performance.now();
    });
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });

    // Neighbourhood highlight: one global option dims every node (cheap at
    // 10,000 nodes); only the nodes ever lit carry an opacity of their own.
    var touched = {};

    function highlight(near) {
      network.setOptions({ nodes: { opacity: near ? 0.15 : 1 } });
      var changes = [];
      Object.keys(touched).forEach(function (m) {
        if (!near || !near[m]) changes.push({ id: m, opacity: near ? 0.15 : 1 });
      });
      Object.keys(near || {}).forEach(function (m) {
        touched[m] = true;
        changes.push({ id: m, opacity: 1 });
      });
      nodes.update(changes);
      page.dimmed = Boolean(near);
    }

    function select(id) {
      var n = byId[id];
      if (!n) return;
      showDetails(n.label, n.details);
      var near = {};
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (m) { near[m] = true; });
      highlight(near);
      page.selected = id;
    }
    page.select = select;
    network.on("click", function (params) {
      if (params.nodes.length) {
        select(params.nodes[0]);
      } else if (page.dimmed) {
        highlight(null);
        page.selected = null;
      }
    });

    // Search: typing jumps to the first match; Enter steps to the next one.
    // Only nodes the filters leave visible match, and a filter change
    // recomputes the matches, so Enter never steps onto a hidden node.
    var search = document.getElementById("kg-search");
    var query = "";
    var hits = [];
    var hit = 0;

    function findHits() {
      hits = [];
      if (query) {
        data.nodes.forEach(function (n) {
          if (n.search.indexOf(query) >= 0 && !nodes.get(n.id).hidden) hits.push(n.id);
        });
      }
      page.searchHits = hits;
    }

    function goTo(i) {
      hit = i;
      var id = hits[i];
      network.selectNodes([id]);
      network.focus(id, { scale: 1.0, animation: false });
      select(id);
      status.textContent = (i + 1) + " of " + hits.length + " match(es)";
    }
    search.addEventListener("input", function () {
      query = search.value.trim().toLowerCase();
      findHits();
      if (!query) { status.textContent = ""; return; }
      if (hits.length) goTo(0); else status.textContent = "no match";
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && hits.length) goTo((hit + 1) % hits.length);
    });

    // Filters: a node stays when its kind is ticked and, once concepts are
    // chosen, it belongs to a claim tagged with every chosen concept.
    var selects = [];
    var filterBox = document.getElementById("kg-filters");
    data.filters.forEach(function (group) {
      var chooser = el("select");
      chooser.setAttribute("data-kind", group.kind);
      chooser.setAttribute("aria-label", "Filter by " + group.name.toLowerCase());
      chooser.appendChild(el("option", "Any " + group.name.toLowerCase())).value = "";
      group.options.forEach(function (o) {
        chooser.appendChild(el("option", o[1])).value = String(o[0]);
      });
      chooser.addEventListener("change", applyFilters);
      filterBox.appendChild(chooser);
      selects.push(chooser);
    });

    function applyFilters() {
      var kinds = {};
      document.querySelectorAll(".kg-kind-filter").forEach(function (c) { kinds[c.value] = c.checked; });
      var chosen = selects.filter(function (s) { return s.value !== ""; })
        .map(function (s) { return Number(s.value); });
      var keep = null;
      var chosenIds = {};
      if (chosen.length) {
        keep = {};
        chosen.forEach(function (c) { chosenIds[data.concepts[c]] = true; });
        data.claimTags.forEach(function (tags, i) {
          if (chosen.every(function (c) { return tags.indexOf(c) >= 0; })) keep[i] = true;
        });
      }
      var shown = 0;
      nodes.update(data.nodes.map(function (n) {
        var visible = kinds[n.kind] && (keep === null || chosenIds[n.id] === true ||
          n.claims.some(function (i) { return keep[i] === true; }));
        if (visible) shown += 1;
        return { id: n.id, hidden: !visible };
      }));
      page.shown = shown;
      status.textContent = shown + " of " + data.nodes.length + " nodes shown";
      if (query) {
        findHits();
        // Enter goes on from the selected match, or to the first one when it is hidden.
        hit = hits.indexOf(page.selected);
        status.textContent += ", " + (hits.length ? hits.length + " match(es)" : "no match");
      }
      if (keep !== null && shown) {
        // Bring what the concept filter kept into view.
        network.fit({ nodes: nodes.getIds({ filter: function (n) { return !n.hidden; } }), animation: false });
      }
    }
    page.applyFilters = applyFilters;
    document.querySelectorAll(".kg-kind-filter").forEach(function (c) { c.addEventListener("change", applyFilters); });
    if (data.focus) select(data.focus);
  }

  document.getElementById("kg-help-toggle").addEventListener("click", function () {
    var help = document.getElementById("kg-help");
    help.hidden = !help.hidden;
  });
  legend();
  var isEmpty = data.view === "evidence" ? !data.cells.length : !data.nodes.length;
  if (isEmpty) {
    document.getElementById(data.view === "evidence" ? "kg-grid" : "kg-network")
      .appendChild(el("p", data.empty, "kg-empty"));
    page.ready = true;
    page.empty = true;
    page.firstDraw = performance.now();
  } else if (data.view === "evidence") {
    drawEvidence();
  } else {
    drawNetwork();
  }
})();
