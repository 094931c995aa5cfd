// The outlet dashboards: draws the charts from #dashboard-data with Chart.js (vendored). The same
// figures are in the table beside each chart; colours are the depth bands' from the stylesheet.
(function () {
  "use strict";

  var holder = document.getElementById("dashboard-data");
  if (!holder || typeof window.Chart !== "function") return;
  var data = JSON.parse(holder.textContent);
  var css = getComputedStyle(document.documentElement);
  function value(name, fallback) { return css.getPropertyValue(name).trim() || fallback; }
  var bandColours = [0, 1, 2, 3].map(function (band) { return value("--d" + band + "-edge", "#8c959f"); });
  var ink = value("--ink", "#1b1f24");
  window.Chart.defaults.color = ink;
  window.Chart.defaults.font.family = value("--font", "sans-serif");
  window.Chart.defaults.animation = false;
  function asPercent(value) { return Math.round(value * 100) + "%"; }
  function percent(context) { return context.dataset.label + ": " + Math.round(context.parsed.x * 100) + "%"; }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    canvas.parentElement.dataset.ready = "true";
    new window.Chart(canvas, config);
  }

  var outlets = data.outlets.map(function (row) { return row.label; });
  draw("chart-depth", {
    type: "bar",
    data: {
      labels: outlets,
      datasets: data.bands.map(function (label, band) {
        return { label: label, backgroundColor: bandColours[band], data: data.outlets.map(function (row) { return row.shares[band]; }) };
      })
    },
    options: {
      indexAxis: "y", maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 1, ticks: { callback: asPercent } }, y: { stacked: true } },
      plugins: { tooltip: { callbacks: { label: percent } } }
    }
  });
  draw("chart-anonymous", {
    type: "bar",
    data: {
      labels: outlets,
      datasets: [{ label: "Anonymous origin", backgroundColor: value("--net-anonymous", "#b42318"), data: data.outlets.map(function (row) { return row.anonymous; }) }]
    },
    options: {
      indexAxis: "y", maintainAspectRatio: false,
      scales: { x: { min: 0, max: 1, ticks: { callback: asPercent } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: percent } } }
    }
  });
  draw("chart-months", {
    type: "bar",
    data: {
      labels: data.months.map(function (row) { return row.label; }),
      datasets: data.bands.map(function (label, band) {
        return { label: label, backgroundColor: bandColours[band], data: data.months.map(function (row) { return row.counts[band]; }) };
      })
    },
    options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
  });
})();
