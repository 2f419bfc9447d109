/* aigov-kg graph page. Every text from the graph reaches the DOM through textContent or
   element properties, never as HTML; links are only made from http(s) URLs and Q-ids. */
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("aigov-data").textContent);
  var settings = data.settings;
  var MAX_EVIDENCE_HOVER = 4;
  var DIM_NODE = { background: "#eeeeee", border: "#d0d0d0" };
  var DIM_EDGE = "rgba(200,200,200,0.35)";

  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var originalNodeColor = {};
  var originalEdgeColor = {};
  var groups = settings.legend.groups;
  data.nodes.forEach(function (n) { originalNodeColor[n.id] = groups[n.kind].color; n.title = undefined; });
  data.edges.forEach(function (e) { originalEdgeColor[e.id] = e.color; e.title = undefined; });

  /* The view that frames the graph, from the node positions alone: vis-network's own fit
     measures labels, which it only knows after a draw, and would cost a second draw. */
  function initialView() {
    var rect = container.getBoundingClientRect();
    if (!data.nodes.length || !rect.width || !rect.height) { return null; }
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    data.nodes.forEach(function (n) {
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    });
    var margin = 90;
    var scale = Math.min(1, rect.width / (maxX - minX + 2 * margin), rect.height / (maxY - minY + 2 * margin));
    return { position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false };
  }
  /* Arrowheads too small to see still cost a third of every redraw of a big graph. */
  var ARROW_SCALE = 0.35;
  function arrowOptions(scale) {
    return { to: { enabled: scale >= ARROW_SCALE, scaleFactor: 0.6 } };
  }
  var container = document.getElementById("mynetwork");
  var startView = initialView();
  var arrowsShown = !startView || startView.scale >= ARROW_SCALE;

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 42 },
    groups: groups,
    interaction: {
      hover: true, tooltipDelay: 80, hideEdgesOnDrag: settings.big, hideEdgesOnZoom: settings.big,
      multiselect: false, navigationButtons: false, keyboard: false
    },
    nodes: {
      borderWidth: 2,
      font: { size: 16, face: "system-ui, sans-serif", color: "#1a1a1a", strokeWidth: 4, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: {
      arrows: arrowOptions(startView ? startView.scale : 1),
      width: 1.6, hoverWidth: 1.2, selectionWidth: 1.5, smooth: false,
      font: { size: 12, face: "system-ui, sans-serif", color: "#333333", strokeWidth: 3,
              strokeColor: "#ffffff", align: "horizontal" }
    }
  };
  timings.data = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();

  /* ---------- small DOM helpers (text only) ---------- */
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }
  function link(url, text) {
    var safe = safeUrl(url);
    if (!safe) { return el("span", null, text); }
    var a = el("a", null, text);
    a.href = safe;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }

  /* ---------- what a node and an edge say ---------- */
  var typeLabel = {};
  settings.legend.types.forEach(function (t) { typeLabel[t.id] = t.label; });
  var familyLabel = {};
  settings.legend.families.forEach(function (f) { familyLabel[f.id] = f.label; });

  function describeNode(n) {
    var box = el("div", "aigov-card");
    box.appendChild(el("h3", null, n.label));
    var dl = el("dl");
    row(dl, "Type", typeLabel[n.kind] || n.kind);
    row(dl, "Also known as", n.aliases && n.aliases.length ? n.aliases.join("; ") : null);
    if (n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      row(dl, "Wikidata", link("https://www.wikidata.org/wiki/" + n.wikidata, n.wikidata));
    } else {
      row(dl, "Wikidata", n.wikidata);
    }
    row(dl, "Sources", n.sources === null || n.sources === undefined ? null
        : n.sources + (n.sources === 1 ? " article" : " articles"));
    (n.values || []).forEach(function (pair) { row(dl, pair[0].charAt(0).toUpperCase() + pair[0].slice(1), pair[1]); });
    row(dl, "Relations", n.degree);
    box.appendChild(dl);
    return box;
  }

  function describeEdge(e, limit) {
    var box = el("div", "aigov-card");
    var from = nodeById[e.from], to = nodeById[e.to];
    var head = el("h3");
    head.appendChild(el("span", null, from ? from.label : ""));
    head.appendChild(el("span", "aigov-predicate", " " + e.label + " "));
    head.appendChild(el("span", null, to ? to.label : ""));
    box.appendChild(head);
    var dl = el("dl");
    row(dl, "Relation", familyLabel[e.family] || e.family);
    row(dl, "Status", e.status === "claimed" ? "claimed (hedged or reported, not asserted)" : null);
    row(dl, "Date", e.date);
    row(dl, "Role", e.role);
    row(dl, "Amount", e.amount);
    row(dl, "Share", e.percent);
    row(dl, "Confidence", e.confidence === null || e.confidence === undefined ? null : e.confidence.toFixed(2));
    row(dl, "Sources", (e.evidence || []).length > 1 ? e.evidence.length + " sentences" : null);
    box.appendChild(dl);
    var evidence = e.evidence || [];
    var list = el("ol", "aigov-evidence");
    evidence.slice(0, limit || evidence.length).forEach(function (ev) {
      var item = el("li");
      item.appendChild(el("q", null, ev.text || ""));
      var source = el("div", "aigov-source");
      if (ev.title || ev.url) {
        source.appendChild(link(ev.url, ev.title || ev.url));
      }
      if (ev.published) { source.appendChild(el("span", "aigov-date", " (" + ev.published + ")")); }
      if (ev.url && ev.title) { source.appendChild(el("span", "aigov-url", " " + ev.url)); }
      item.appendChild(source);
      list.appendChild(item);
    });
    if (evidence.length) { box.appendChild(list); }
    if (limit && evidence.length > limit) {
      box.appendChild(el("p", "aigov-more", "and " + (evidence.length - limit) + " more: click the relation"));
    }
    return box;
  }

  /* ---------- hover tooltip and click details ---------- */
  var tooltip = document.getElementById("aigov-tooltip");
  var details = document.querySelector("#aigov-details .aigov-body");

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + window.scrollX + pointer.x + 14;
    var y = rect.top + window.scrollY + pointer.y + 14;
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    if (x + width > window.innerWidth - 8) { x = Math.max(8, x - width - 28); }
    if (y + height > window.innerHeight - 8) { y = Math.max(8, y - height - 28); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; tooltip.replaceChildren(); }
  function showDetails(content) { details.replaceChildren(content); }

  network.on("hoverNode", function (p) { showTooltip(describeNode(nodeById[p.node]), p.pointer.DOM); });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (e) { showTooltip(describeEdge(e, MAX_EVIDENCE_HOVER), p.pointer.DOM); }
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  function syncArrows(scale) {
    if ((scale >= ARROW_SCALE) !== arrowsShown) {
      arrowsShown = scale >= ARROW_SCALE;
      network.setOptions({ edges: { arrows: arrowOptions(scale) } });
    }
  }
  network.on("zoom", function (p) { hideTooltip(); syncArrows(p.scale); });
  function frame() {
    var view = initialView();
    if (view) {
      network.moveTo(view);
      syncArrows(view.scale);
    }
  }

  /* ---------- neighbourhood highlight ---------- */
  var highlighted = null;
  function highlight(centre) {
    highlighted = centre;
    var keep = {};
    if (centre !== null) {
      keep[centre] = true;
      network.getConnectedNodes(centre).forEach(function (id) { keep[id] = true; });
    }
    var connected = {};
    if (centre !== null) { network.getConnectedEdges(centre).forEach(function (id) { connected[id] = true; }); }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: centre === null || keep[n.id] ? originalNodeColor[n.id] : DIM_NODE };
    }));
    edges.update(data.edges.map(function (e) {
      var color = centre === null || connected[e.id] ? originalEdgeColor[e.id]
        : DIM_EDGE;
      return { id: e.id, color: color };
    }));
  }
  network.on("click", function (p) {
    if (p.nodes.length) {
      highlight(p.nodes[0]);
      showDetails(describeNode(nodeById[p.nodes[0]]));
    } else if (p.edges.length) {
      var e = edges.get(p.edges[0]);
      if (e) { showDetails(describeEdge(e, 0)); }
    } else if (highlighted !== null) {
      highlight(null);
    }
  });

  /* ---------- filters (legend checkboxes) ---------- */
  var hiddenTypes = {}, hiddenFamilies = {};
  function applyFilters() {
    var nodeHidden = {};
    nodes.update(data.nodes.map(function (n) {
      nodeHidden[n.id] = !!hiddenTypes[n.kind];
      return { id: n.id, hidden: nodeHidden[n.id] };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !!hiddenFamilies[e.family] || nodeHidden[e.from] || nodeHidden[e.to] };
    }));
    updateCounts();
  }
  function swatchFor(kind, item) {
    var sw = el("span", "aigov-swatch aigov-" + kind);
    sw.style.setProperty("--fill", item.color);
    if (kind === "node") {
      sw.style.setProperty("--border", item.border);
      sw.dataset.shape = item.shape;
      if (item.dashed) { sw.dataset.dashed = "1"; }
    }
    return sw;
  }
  function buildLegend(sectionId, items, kind, hiddenSet) {
    var box = document.querySelector("#" + sectionId + " .aigov-items");
    items.forEach(function (item) {
      if (item.id === "Other" && !item.count) { return; }
      if (item.id === "other" && !item.count) { return; }
      var label = el("label", "aigov-legend-item" + (item.count ? "" : " aigov-absent"));
      var box2 = el("input");
      box2.type = "checkbox";
      box2.checked = true;
      box2.value = item.id;
      box2.dataset.kind = kind;
      box2.addEventListener("change", function () {
        if (box2.checked) { delete hiddenSet[item.id]; } else { hiddenSet[item.id] = true; }
        applyFilters();
      });
      label.appendChild(box2);
      label.appendChild(swatchFor(kind, item));
      label.appendChild(el("span", "aigov-legend-label", item.label));
      label.appendChild(el("span", "aigov-legend-count", item.count));
      box.appendChild(label);
    });
  }
  buildLegend("aigov-legend-types", settings.legend.types, "node", hiddenTypes);
  buildLegend("aigov-legend-families", settings.legend.families, "edge", hiddenFamilies);
  if (settings.legend.claims) {
    var note = el("p", "aigov-hint", "Dashed: claimed, not asserted (" + settings.legend.claims + ")");
    document.querySelector("#aigov-legend-families .aigov-items").appendChild(note);
  }

  function updateCounts() {
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    document.getElementById("aigov-counts").textContent =
      shownNodes + " entities, " + shownEdges + " relations";
  }

  /* ---------- search ---------- */
  var labelIndex = {};
  var datalist = document.getElementById("aigov-labels");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    var key = n.label.toLowerCase();
    if (labelIndex[key] !== undefined) { return; }
    labelIndex[key] = n.id;
    var option = document.createElement("option");
    option.value = n.label;
    datalist.appendChild(option);
  });
  function selectByLabel(text) {
    var key = String(text || "").trim().toLowerCase();
    var id = labelIndex[key];
    if (id === undefined) {
      var hits = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(key) >= 0; });
      if (key && hits.length === 1) { id = hits[0].id; }
    }
    var input = document.getElementById("aigov-search");
    if (id === undefined) { input.setCustomValidity("no entity of that name"); input.reportValidity(); return null; }
    input.setCustomValidity("");
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    syncArrows(network.getScale());
    highlight(id);
    showDetails(describeNode(nodeById[id]));
    return id;
  }
  var search = document.getElementById("aigov-search");
  search.addEventListener("change", function () { selectByLabel(search.value); });
  search.addEventListener("input", function () {
    /* Picking a suggestion from the list selects at once; typing waits for Enter. */
    if (labelIndex[search.value.trim().toLowerCase()] !== undefined) { selectByLabel(search.value); }
  });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { selectByLabel(search.value); } });
  document.getElementById("aigov-reset").addEventListener("click", function () {
    Object.keys(hiddenTypes).forEach(function (k) { delete hiddenTypes[k]; });
    Object.keys(hiddenFamilies).forEach(function (k) { delete hiddenFamilies[k]; });
    document.querySelectorAll("#aigov-side input[type=checkbox]").forEach(function (c) { c.checked = true; });
    network.unselectAll();
    highlight(null);
    applyFilters();
    frame();
  });

  /* ---------- readiness (tests, screenshots, benchmarks wait on it) ---------- */
  updateCounts();
  window.aigov = {
    network: network, nodes: nodes, edges: edges, selectByLabel: selectByLabel, highlight: highlight,
    edgeMidpointDOM: function (id) {
      var e = edges.get(id);
      var pos = network.getPositions([e.from, e.to]);
      return network.canvasToDOM({ x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2 });
    }
  };
  window.aigovNetwork = network;
  window.aigovTimings = timings;
  window.aigovReady = false;
  frame();
  network.once("afterDrawing", function () {
    timings.ready = performance.now();
    window.aigovReady = true;
    document.body.dataset.ready = "true";
  });
})();
