/* Funnel page charts (Chart.js 4, static/vendor/chartjs). Drawn on load and after every htmx
   swap of the report block (the report appears when its job finishes). */
(function () {
  "use strict";

  var ACCENT = "#4f46e5";
  var DANGER = "#cf222e";
  var charts = new WeakMap();

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function percent(value) {
    return value === null || value === undefined ? "—" : Math.round(value * 100) + "%";
  }

  // Labels above each bar: the conversion to the next stage and the drop-off.
  var barLabels = {
    id: "funnelLabels",
    afterDatasetsDraw: function (chart) {
      var info = chart.options.plugins.funnelLabels;
      if (!info) return;
      var ctx = chart.ctx;
      var meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = "12px system-ui, sans-serif";
      ctx.textAlign = "center";
      meta.data.forEach(function (bar, index) {
        var drop = info.dropOff[index];
        var text = String(info.entered[index]);
        if (drop !== null && drop !== undefined) {
          text += "  ↓ " + percent(drop);
        }
        ctx.fillStyle = info.worst[index] ? DANGER : "#1d2433";
        ctx.fillText(text, bar.x, bar.y - 6);
      });
      ctx.restore();
    }
  };

  function funnelChart(canvas) {
    var d = data(canvas.dataset.funnelChart);
    if (!d) return null;
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [{
          label: canvas.getAttribute("aria-label"),
          data: d.entered,
          backgroundColor: d.worst.map(function (w) { return w ? DANGER : ACCENT; }),
          borderRadius: 4,
          maxBarThickness: 90
        }]
      },
      options: {
        maintainAspectRatio: false,
        layout: { padding: { top: 22 } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          legend: { display: false },
          funnelLabels: d,
          tooltip: {
            callbacks: {
              afterLabel: function (item) {
                return "→ " + percent(d.conversion[item.dataIndex]) +
                  "  ↓ " + percent(d.dropOff[item.dataIndex]);
              }
            }
          }
        }
      },
      plugins: [barLabels]
    });
  }

  function trendChart(canvas) {
    var d = data(canvas.dataset.trendChart);
    if (!d) return null;
    return new window.Chart(canvas, {
      data: {
        labels: d.labels,
        datasets: [
          { type: "bar", label: d.enteredLabel, data: d.entered, backgroundColor: "#c7d2fe", yAxisID: "y" },
          {
            type: "line", label: d.conversionLabel, data: d.conversion.map(function (v) {
              return v === null ? null : Math.round(v * 1000) / 10;
            }),
            borderColor: ACCENT, backgroundColor: ACCENT, yAxisID: "rate", spanGaps: true, tension: 0.2
          }
        ]
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: "left", ticks: { precision: 0 } },
          rate: { beginAtZero: true, suggestedMax: 10, position: "right", grid: { drawOnChartArea: false },
                  ticks: { callback: function (v) { return v + "%"; } } }
        },
        plugins: { legend: { display: false } }
      }
    });
  }

  function draw(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-funnel-chart], canvas[data-trend-chart]").forEach(function (canvas) {
      if (charts.has(canvas)) return;
      var chart = canvas.dataset.funnelChart ? funnelChart(canvas) : trendChart(canvas);
      if (chart) charts.set(canvas, chart);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.target); });
})();
