// Charts of the country-pair page and the network view, drawn by plotly.js (served from the
// installed plotly package). The data comes from <script type="application/json"> blocks the
// server filled with the page's own model.
(function () {
  "use strict";
  var COOP = "#1f8a4c", CONFLICT = "#c0392b", NEUTRAL = "#8a93a6";
  var CONFIG = { displaylogo: false, responsive: true };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function colour(score) {
    if (score === null || score === undefined) { return NEUTRAL; }
    return score > 0 ? COOP : score < 0 ? CONFLICT : NEUTRAL;
  }

  function scoreChart(target, chart) {
    var x = chart.series.map(function (p) { return p.bucket; });
    var bars = {
      type: "bar", name: "mean score", x: x,
      y: chart.series.map(function (p) { return p.score; }),
      marker: { color: chart.series.map(function (p) { return colour(p.score); }) },
      hovertemplate: "%{x}: %{y:+.2f}<extra></extra>"
    };
    var counts = {
      type: "scatter", mode: "lines+markers", name: "events", x: x, yaxis: "y2",
      y: chart.series.map(function (p) { return p.events; }),
      line: { color: "#2c5cc5", width: 1.5 }, hovertemplate: "%{x}: %{y} events<extra></extra>"
    };
    Plotly.newPlot(target, [bars, counts], {
      margin: { t: 20, r: 60, b: 50, l: 50 }, legend: { orientation: "h", y: -0.2 },
      xaxis: { type: "category" },
      yaxis: { title: { text: "cooperation-conflict" }, range: [-10, 10], zeroline: true },
      yaxis2: { title: { text: "events" }, overlaying: "y", side: "right", rangemode: "tozero" }
    }, CONFIG);
  }

  function networkChart(target, graph) {
    var at = {};
    graph.nodes.forEach(function (n) { at[n.code] = n; });
    var most = Math.max.apply(null, graph.edges.map(function (e) { return e.events; }).concat([1]));
    var traces = graph.edges.map(function (e) {
      return {
        type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
        x: [at[e.source].x, at[e.target].x], y: [at[e.source].y, at[e.target].y],
        line: { width: 1 + 9 * e.events / most, color: colour(e.score) }, opacity: 0.6
      };
    });
    traces.push({
      type: "scatter", mode: "markers", showlegend: false, marker: { size: 6, color: "rgba(0,0,0,0)" },
      x: graph.edges.map(function (e) { return (at[e.source].x + at[e.target].x) / 2; }),
      y: graph.edges.map(function (e) { return (at[e.source].y + at[e.target].y) / 2; }),
      customdata: graph.edges.map(function (e) { return e.url; }),
      text: graph.edges.map(function (e) {
        return e.dyad + ": " + e.events + " events, score " + (e.score === null ? "none" : e.score);
      }),
      hoverinfo: "text"
    });
    var biggest = Math.max.apply(null, graph.nodes.map(function (n) { return n.events; }).concat([1]));
    traces.push({
      type: "scatter", mode: "markers+text", showlegend: false, textposition: "top center",
      x: graph.nodes.map(function (n) { return n.x; }), y: graph.nodes.map(function (n) { return n.y; }),
      text: graph.nodes.map(function (n) { return n.code; }),
      hovertext: graph.nodes.map(function (n) { return n.name + ": " + n.events + " events"; }),
      hoverinfo: "text", customdata: graph.nodes.map(function (n) { return n.url; }),
      marker: { size: graph.nodes.map(function (n) { return 10 + 30 * Math.sqrt(n.events / biggest); }),
                color: "#2c5cc5", line: { color: "#fff", width: 1 } }
    });
    var hidden = { visible: false, range: [-1.25, 1.25] };
    Plotly.newPlot(target, traces, {
      margin: { t: 10, r: 10, b: 10, l: 10 }, xaxis: hidden, yaxis: Object.assign({ scaleanchor: "x" }, hidden),
      hovermode: "closest"
    }, CONFIG);
    target.on("plotly_click", function (event) {
      var url = event.points.length && event.points[0].customdata;
      if (typeof url === "string" && url.charAt(0) === "/") { window.location.href = url; }
    });
  }

  var chart = data("chart-data");
  if (chart && window.Plotly) { scoreChart(document.getElementById("score-chart"), chart); }
  var graph = data("network-data");
  if (graph && window.Plotly) { networkChart(document.getElementById("network-chart"), graph); }
})();
