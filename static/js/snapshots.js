/* The map's to-be emotion curve (cjm/snapshots): the emotions lane's chooser lists the
   future-state copies and snapshots of the map (loaded on demand from its data-url); the chosen
   one's curve is drawn as a dashed second line in every emotion cell, with a legend. Survives
   htmx redraws of the lane or the grid: the choice is kept and drawn again. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var chosen = "";
  var pieces = null;
  var sources = null;

  function clear() {
    document.querySelectorAll(".emotion__line--tobe, .emotion__point--tobe").forEach(function (node) {
      node.remove();
    });
    document.querySelectorAll(".map__row--emotions").forEach(function (row) {
      row.classList.remove("has-tobe");
    });
  }

  function draw() {
    clear();
    if (!pieces) {
      return;
    }
    pieces.forEach(function (piece) {
      var cell = document.querySelector('#map-grid td.map__cell--emotion[data-stage-id="' + piece.stage + '"]');
      if (!cell || piece.y === undefined) {
        return;
      }
      var box = cell.querySelector(".emotion");
      var svg = cell.querySelector(".emotion__svg");
      if (piece.is_line && svg) {
        var line = document.createElementNS(SVG, "polyline");
        line.setAttribute("class", "emotion__line emotion__line--tobe");
        line.setAttribute("points", piece.points);
        line.setAttribute("vector-effect", "non-scaling-stroke");
        svg.appendChild(line);
      }
      if (box) {
        var point = document.createElement("span");
        point.className = "emotion__point emotion__point--tobe";
        point.style.top = piece.y + "%";
        point.title = (piece.score > 0 ? "+" : "") + piece.score;
        box.appendChild(point);
      }
      var row = cell.closest("tr");
      if (row) {
        row.classList.add("has-tobe");
      }
    });
  }

  function legend(control, on) {
    var key = control.querySelector("[data-tobe-legend]");
    if (key) {
      key.hidden = !on;
    }
    var status = control.querySelector("[data-tobe-status]");
    if (status) {
      status.textContent = status.getAttribute(on ? "data-drawn" : "data-cleared");
    }
  }

  function fill(control, select) {
    var status = control.querySelector("[data-tobe-status]");
    var group = {
      journey: status ? status.getAttribute("data-from-copy") : "",
      snapshot: status ? status.getAttribute("data-from-snapshot") : "",
    };
    while (select.options.length > 1) {
      select.remove(1);
    }
    sources.forEach(function (source) {
      var option = document.createElement("option");
      option.value = source.value;
      option.textContent = group[source.kind] + ": " + source.label;
      select.appendChild(option);
    });
    select.value = chosen;
    control.hidden = sources.length === 0;
    legend(control, Boolean(chosen && pieces));
  }

  function choose(control, value) {
    chosen = value;
    if (!value) {
      pieces = null;
      draw();
      legend(control, false);
      return;
    }
    var url = control.getAttribute("data-url") + "?source=" + encodeURIComponent(value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (chosen !== value) {
          return;
        }
        pieces = data ? data.stages : null;
        draw();
        legend(control, Boolean(pieces));
      })
      .catch(function () {
        pieces = null;
        draw();
      });
  }

  function init() {
    document.querySelectorAll("[data-tobe-curve]").forEach(function (control) {
      var select = control.querySelector("[data-tobe-select]");
      if (!select || control.getAttribute("data-ready")) {
        return;
      }
      control.setAttribute("data-ready", "1");
      select.addEventListener("change", function () { choose(control, select.value); });
      if (sources) {
        fill(control, select);
        return;
      }
      fetch(control.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { sources: [] }; })
        .then(function (data) {
          sources = data.sources || [];
          fill(control, select);
        })
        .catch(function () { control.hidden = true; });
    });
    draw();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  document.addEventListener("htmx:afterSettle", init);
})();
