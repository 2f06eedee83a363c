// newskg explorer: name suggestions, the SPARQL editor, and the neighbourhood graph (Cytoscape.js).
// No framework and no build step; every request goes to the server that served the page.
"use strict";

(function () {
  // ---- names as you type: <input class="names" list="ID"> gets <option>s from /names ----------
  function suggest(input) {
    var list = input.list;
    if (!list) return;
    var timer = null;
    var pending = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (!text) return;
      timer = setTimeout(function () {
        if (pending) pending.abort();
        pending = new AbortController();
        fetch("/names?q=" + encodeURIComponent(text), { signal: pending.signal })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (found) {
            list.replaceChildren();
            found.forEach(function (f) {
              var option = document.createElement("option");
              option.value = f.label;
              option.label = f.kind + (f.matched ? " · also “" + f.matched + "”" : "");
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 120);
    });
  }
  document.querySelectorAll("input.names").forEach(suggest);

  // ---- the editor: Ctrl+Enter runs; a syntax error puts the caret where it is ----------------
  var editor = document.getElementById("editor");
  if (editor) {
    editor.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        editor.form.requestSubmit();
      }
    });
    var error = document.getElementById("error");
    if (error && error.dataset.line) {
      var lines = editor.value.split("\n");
      var line = Math.min(parseInt(error.dataset.line, 10), lines.length);
      var at = 0;
      for (var i = 0; i < line - 1; i++) at += lines[i].length + 1;
      at += Math.max(parseInt(error.dataset.col, 10) - 1, 0);
      var details = editor.closest("details");
      if (details) details.open = true;
      editor.focus();
      editor.setSelectionRange(at, at + 1);
    }
  }

  // ---- the neighbourhood graph ----------------------------------------------------------------
  var box = document.getElementById("cy");
  if (!box || typeof cytoscape === "undefined") return;

  var COLOURS = {
    Person: "#3b6fb6", Organization: "#e08a1e", Platform: "#3e9b4f", Place: "#9a6bb0",
    Source: "#d1494e", Event: "#c9a227", Article: "#8c6a4f"
  };
  var picked = document.getElementById("picked");

  var cy = cytoscape({
    container: box,
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": function (n) { return COLOURS[n.data("kind")] || "#8a8f98"; },
          "label": "data(label)",
          "width": 26, "height": 26,
          "font-size": 13, "font-family": "system-ui, sans-serif", "color": "#1d2330",
          "text-valign": "bottom", "text-margin-y": 5,
          "text-wrap": "wrap", "text-max-width": 130,
          "text-background-color": "#ffffff", "text-background-opacity": 0.85,
          "text-background-padding": 2, "text-background-shape": "roundrectangle",
          "border-width": 2, "border-color": "#ffffff"
        }
      },
      { selector: "node[kind = 'Event']", style: { "shape": "round-diamond", "width": 30, "height": 30, "font-size": 12 } },
      { selector: "node[kind = 'Source']", style: { "shape": "round-rectangle" } },
      { selector: "node[kind = 'Article']", style: { "shape": "round-rectangle", "width": 20 } },
      { selector: "node[?center]", style: { "width": 44, "height": 44, "font-size": 15, "font-weight": "bold", "border-color": "#1d2330", "border-width": 3 } },
      { selector: "node.expanded", style: { "border-color": "#1d2330", "border-width": 3 } },
      { selector: "node:selected", style: { "overlay-color": "#1d6fd6", "overlay-opacity": 0.18, "overlay-padding": 6 } },
      {
        selector: "edge",
        style: {
          "width": 1.5, "line-color": "#c3c8d1", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "target-arrow-color": "#c3c8d1", "arrow-scale": 0.8,
          "label": "data(label)", "font-size": 9, "color": "#7a8190",
          "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
          "text-background-padding": 1
        }
      },
      { selector: "edge.faded", style: { "label": "" } },
      { selector: "edge:selected, edge.near", style: { "line-color": "#1d6fd6", "target-arrow-color": "#1d6fd6", "width": 2.5, "color": "#1d6fd6" } }
    ]
  });
  window.cy = cy; // for people in the console, and for tests

  function add(data, around) {
    var added = cy.collection();
    cy.batch(function () {
      data.nodes.forEach(function (n, i) {
        if (cy.getElementById(n.id).nonempty()) {
          if (n.center && around == null) cy.getElementById(n.id).data("center", true);
          return;
        }
        var d = Object.assign({}, n);
        if (around) delete d.center;
        var el = { group: "nodes", data: d };
        if (around) {
          var angle = (2 * Math.PI * i) / Math.max(data.nodes.length, 1);
          el.position = { x: around.x + 160 * Math.cos(angle), y: around.y + 160 * Math.sin(angle) };
        }
        added = added.union(cy.add(el));
      });
      data.edges.forEach(function (e) {
        if (cy.getElementById(e.id).empty()) {
          added = added.union(cy.add({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label } }));
        }
      });
    });
    quietEdgeLabels();
    return added;
  }

  // edge labels only while the graph is small enough to read them, or next to the picked node
  function quietEdgeLabels() {
    cy.edges().toggleClass("faded", cy.edges().length > 40);
  }

  // Rings around the page's node: first its events (and what it is related to and nothing else),
  // then each further step away on a wider ring, every node next to what links it in. An ellipse
  // as wide as the box.
  function radial(animate) {
    var center = cy.nodes("[?center]").first();
    if (center.empty()) center = cy.nodes().first();
    var ax = Math.sqrt(Math.max(1, Math.min(2.2, box.clientWidth / Math.max(box.clientHeight, 1))));
    var ay = 1 / ax;
    var level = {};
    level[center.id()] = 0;
    var rings = [];
    var first = center.neighborhood("node").filter(function (n) {
      return n.data("kind") === "Event" || n.neighborhood("node").not(center).empty();
    });
    var frontier = first;
    first.forEach(function (n) { level[n.id()] = 1; });
    // events that share a platform or an outlet sit side by side
    var key = function (n) {
      return (n.data("kind") === "Event" ? "1" : "0") +
        n.neighborhood("node").not(center).map(function (m) { return m.data("kind") + m.id(); }).sort().join(" ");
    };
    rings.push(first.sort(function (a, b) { var ka = key(a), kb = key(b); return ka < kb ? -1 : ka > kb ? 1 : 0; }));
    while (true) {
      var next = cy.collection();
      var reach = frontier.union(rings.length === 1 ? center : cy.collection());
      reach.neighborhood("node").forEach(function (n) { if (level[n.id()] === undefined) next = next.union(n); });
      if (next.empty()) {
        var rest = cy.nodes().filter(function (n) { return level[n.id()] === undefined; });
        if (rest.empty()) break;
        next = rest;
      }
      next.forEach(function (n) { level[n.id()] = rings.length + 1; });
      rings.push(next);
      frontier = next;
    }
    var positions = {};
    var angle = {};
    positions[center.id()] = { x: 0, y: 0 };
    var radius = 0;
    rings.forEach(function (ring, k) {
      var placed;
      if (k === 0) {
        placed = ring.map(function (n, i) { return { node: n, angle: (2 * Math.PI * i) / Math.max(ring.length, 1) - Math.PI / 2 }; });
      } else {
        placed = ring.map(function (n) {
          var sx = 0, sy = 0;
          n.neighborhood("node").forEach(function (m) {
            if (angle[m.id()] !== undefined && level[m.id()] < k + 1) { sx += Math.cos(angle[m.id()]); sy += Math.sin(angle[m.id()]); }
          });
          return { node: n, angle: sx === 0 && sy === 0 ? 0 : Math.atan2(sy, sx) };
        }).sort(function (a, b) { return a.angle - b.angle; });
      }
      radius = Math.max(radius + (k === 0 ? 190 : 150), (ring.length * (k === 0 ? 80 : 100)) / (2 * Math.PI));
      var gap = Math.min((k === 0 ? 80 : 100) / radius, (2 * Math.PI) / Math.max(placed.length, 1));
      for (var pass = 0; pass < 100 && k > 0; pass++) { // push apart what is closer than the gap, keeping the order
        var moved = false;
        for (var i = 0; i < placed.length; i++) {
          var nxt = placed[(i + 1) % placed.length];
          var d = nxt.angle - placed[i].angle + (i + 1 === placed.length ? 2 * Math.PI : 0);
          if (placed.length > 1 && d < gap - 1e-9) {
            placed[i].angle -= (gap - d) / 2;
            nxt.angle += (gap - d) / 2;
            moved = true;
          }
        }
        if (!moved) break;
      }
      placed.forEach(function (p) {
        angle[p.node.id()] = p.angle;
        positions[p.node.id()] = { x: ax * radius * Math.cos(p.angle), y: ay * radius * Math.sin(p.angle) };
      });
    });
    var done = function () {
      if (cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.center(center);
      }
    };
    cy.one("layoutstop", done);
    cy.layout({ name: "preset", positions: positions, fit: true, padding: 30, animate: !!animate, animationDuration: 450 }).run();
  }

  function layout(animate) {
    radial(animate);
  }

  function show(node) {
    if (!picked) return;
    var d = node.data();
    picked.replaceChildren();
    var strong = document.createElement("strong");
    strong.textContent = d.label.replace("\n", " · ");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = d.type || d.kind;
    var open = document.createElement("a");
    open.href = d.url;
    open.textContent = "Open its page →";
    var state = document.createElement("span");
    state.className = "muted";
    state.textContent = node.hasClass("expanded") ? "expanded" : "click again to expand";
    picked.append(strong, " ", kind, " ", open, " ", state);
  }

  function expand(node) {
    show(node);
    if (node.hasClass("expanded") || node.scratch("loading")) return;
    node.scratch("loading", true);
    fetch("/neighbourhood?iri=" + encodeURIComponent(node.id()))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        node.addClass("expanded");
        var added = add(data, node.position());
        if (added.nonempty()) layout(true);
        show(node);
      })
      .catch(function () { if (picked) picked.append(" (could not expand)"); })
      .finally(function () { node.scratch("loading", false); });
  }

  cy.on("tap", "node", function (e) { expand(e.target); });
  cy.on("dbltap", "node", function (e) { window.location.href = e.target.data("url"); });
  cy.on("mouseover", "node", function (e) { e.target.connectedEdges().addClass("near"); box.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function (e) { e.target.connectedEdges().removeClass("near"); box.style.cursor = ""; });

  var fit = document.getElementById("fit");
  if (fit) fit.addEventListener("click", function () { cy.fit(undefined, 30); });
  var relayout = document.getElementById("relayout");
  if (relayout) relayout.addEventListener("click", function () { layout(true); });

  fetch("/neighbourhood?iri=" + encodeURIComponent(box.dataset.iri))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      add(data, null);
      var center = cy.getElementById(data.center);
      center.addClass("expanded");
      layout();
      box.dataset.ready = "true";
      if (data.more && picked) picked.textContent = "Only the first events are drawn; click a node to expand it.";
    })
    .catch(function (err) {
      box.dataset.ready = "error";
      if (picked) picked.textContent = "The neighbourhood could not be loaded (" + err.message + ").";
    });
})();
