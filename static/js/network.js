// The relay network page: draws the graph held in #network-data with cytoscape.js (vendored).
// Nodes are sized by the claims that pass through them, arrows by the claims passed along;
// selecting a node opens its page. Colours come from the stylesheet's custom properties.
(function () {
  "use strict";

  var container = document.getElementById("network-graph");
  var holder = document.getElementById("network-data");
  if (!container || !holder || typeof window.cytoscape !== "function") return;
  var data = JSON.parse(holder.textContent);
  var css = getComputedStyle(document.documentElement);
  function colour(name) { return css.getPropertyValue("--net-" + name).trim() || "#8c959f"; }
  var GROUPS = {
    person: "person", government: "government", government_body: "government",
    news_agency: "news", news_outlet: "news", anonymous: "anonymous", outlet: "outlet"
  };

  var most = 1, mostEdge = 1;
  data.nodes.forEach(function (node) { most = Math.max(most, node.claims); });
  data.edges.forEach(function (edge) { mostEdge = Math.max(mostEdge, edge.claims); });
  var elements = data.nodes.map(function (node) {
    return { data: {
      id: node.id, label: node.label, url: node.url, claims: node.claims,
      colour: colour(GROUPS[node.type] || "other"),
      size: 14 + 46 * Math.sqrt(node.claims / most)
    } };
  }).concat(data.edges.map(function (edge, index) {
    return { data: {
      id: "e" + index, source: edge.source, target: edge.target, claims: edge.claims,
      width: 1 + 7 * Math.sqrt(edge.claims / mostEdge)
    } };
  }));

  // A force layout reads best for a small network but costs seconds past about 150 nodes
  // (benchmarks/network_graph.py); past that a concentric one (the most cited in the middle) draws
  // thousands in about the same time.
  var big = data.nodes.length > 150;
  var cy = window.cytoscape({
    container: container,
    elements: elements,
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 11, "color": colour("ink"),
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 140,
        "min-zoomed-font-size": 8, "border-width": 1, "border-color": colour("ink")
      } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": colour("edge"), "target-arrow-color": colour("edge"),
        "target-arrow-shape": "triangle", "curve-style": big ? "haystack" : "bezier", "opacity": 0.8
      } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": colour("focus") } }
    ],
    layout: big
      ? { name: "concentric", concentric: function (node) { return node.data("claims"); }, levelWidth: function () { return Math.max(1, most / 8); }, animate: false }
      : { name: "cose", animate: false, randomize: false, numIter: 500, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; } }
  });
  // A small network is not blown up to fill the box: at most a little over natural size.
  if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
  cy.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) window.location.assign(url);
  });
  cy.on("mouseover", "node", function (event) {
    container.title = event.target.data("label") + ": " + event.target.data("claims") + " claims";
  });
  container.dataset.ready = "true";
})();
