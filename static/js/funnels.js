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
    if (d.steps) return stepChart(canvas, d);
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

  // Branch colours, by branch slot within a step (the first branch in the accent colour).
  var BRANCHES = ["#4f46e5", "#0ea5e9", "#14b8a6", "#a855f7"];
  var SKIPPED = "#fde68a";

  // Diagonal hatching for the bars of optional steps.
  function hatch(colour) {
    var tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = "#e0e7ff";
    ctx.fillRect(0, 0, 8, 8);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(0, 8); ctx.lineTo(8, 0);
    ctx.moveTo(-2, 2); ctx.lineTo(2, -2);
    ctx.moveTo(6, 10); ctx.lineTo(10, 6);
    ctx.stroke();
    return ctx.createPattern(tile, "repeat");
  }

  // Labels above each step: customers who reached it and the drop-off; skipped above theirs.
  var stepLabels = {
    id: "funnelStepLabels",
    afterDatasetsDraw: function (chart) {
      var info = chart.options.plugins.funnelStepLabels;
      if (!info) return;
      var ctx = chart.ctx;
      var branchSets = info.branches.length;
      ctx.save();
      ctx.font = "12px system-ui, sans-serif";
      ctx.textAlign = "center";
      info.entered.forEach(function (entered, index) {
        var top = null, x = null;
        for (var i = 0; i < branchSets; i++) {
          var bar = chart.getDatasetMeta(i).data[index];
          if (!bar || info.branches[i].entered[index] === null) continue;
          if (top === null || bar.y < top) { top = bar.y; x = bar.x; }
        }
        if (top === null) return;
        var text = String(entered);
        var wide = chart.width >= 560;  // narrow screens: the drop-off is in the table below
        if (wide && info.dropOff[index] !== null && info.dropOff[index] !== undefined) {
          text += "  ↓ " + percent(info.dropOff[index]);
        }
        ctx.fillStyle = "#1d2433";
        ctx.fillText(text, x, top - 6);
        // the branch names inside their part of a step's bar, where they fit
        if (wide) {
          for (var b = 0; b < branchSets; b++) {
            var part = chart.getDatasetMeta(b).data[index];
            var name = info.branches[b].names[index];
            if (!part || !name || info.branches.filter(function (br) {
              return br.entered[index] !== null;
            }).length < 2) continue;
            var height = Math.abs(part.base - part.y);
            if (height < 18 || ctx.measureText(name).width > part.width - 6) continue;
            ctx.fillStyle = "#ffffff";
            ctx.fillText(name, part.x, part.y + height / 2 + 4);
          }
          ctx.fillStyle = "#1d2433";
        }
        if (info.optional[index]) {
          var skipped = chart.getDatasetMeta(branchSets).data[index];
          if (skipped) {
            ctx.fillStyle = "#92400e";
            ctx.fillText(String(info.skipped[index]), skipped.x, skipped.y - 6);
          }
        }
      });
      ctx.restore();
    }
  };

  // Long step names would run into their neighbours' (Russian names of 30 characters, eight
  // steps): each line is wrapped at spaces to the width one step gets on the axis.
  function wrapTick(value) {
    var label = this.getLabelForValue(value);
    var chart = this.chart;
    var perChar = chart.width < 560 ? 6 : 7;  // px per character at the tick font sizes
    var room = Math.max(8, Math.floor(chart.width / chart.data.labels.length / perChar) - 1);
    var out = [];
    (Array.isArray(label) ? label : [label]).forEach(function (line) {
      var current = "";
      String(line).split(" ").forEach(function (word) {
        if (current && (current + " " + word).length > room) {
          out.push(current);
          current = word;
        } else {
          current = current ? current + " " + word : word;
        }
      });
      if (current) out.push(current);
    });
    return out;
  }

  function stepChart(canvas, d) {
    var s = d.steps;
    var datasets = s.branches.map(function (branch, slot) {
      var colour = BRANCHES[slot % BRANCHES.length];
      return {
        label: canvas.getAttribute("aria-label"),
        data: branch.entered,
        names: branch.names,
        stack: "reached",
        backgroundColor: s.optional.map(function (optional) { return optional ? hatch(colour) : colour; }),
        borderColor: colour,
        borderWidth: s.optional.map(function (optional) { return optional ? 2 : 0; }),
        borderSkipped: false,
        maxBarThickness: 90
      };
    });
    datasets.push({
      label: s.skippedLabel,
      data: s.skipped.map(function (value, index) { return s.optional[index] ? value : null; }),
      stack: "skipped",
      backgroundColor: SKIPPED,
      borderColor: "#b45309",
      borderWidth: 1,
      maxBarThickness: 40
    });
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: s.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        skipNull: true,  // steps without a skipped bar keep theirs centred
        layout: { padding: { top: 22 } },
        scales: {
          x: {
            stacked: true,
            ticks: {
              autoSkip: false,
              maxRotation: 0,
              callback: wrapTick,
              font: function (context) { return { size: context.chart.width < 560 ? 10 : 12 }; }
            }
          },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: {
          legend: { display: false },
          funnelStepLabels: s,
          tooltip: {
            callbacks: {
              label: function (item) {
                var set = item.dataset;
                var name = set.names ? set.names[item.dataIndex] : set.label;
                return (name || set.label) + ": " + item.formattedValue;
              },
              afterBody: function (items) {
                var index = items[0].dataIndex;
                return "→ " + percent(s.conversion[index]) + "  ↓ " + percent(s.dropOff[index]);
              }
            }
          }
        }
      },
      plugins: [stepLabels]
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
