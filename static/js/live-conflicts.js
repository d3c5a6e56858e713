/* Live co-editing, conflicts (after live-resync.js; docs/live.md): the element being edited
   here changed underneath gets a notice "Changed by Anna" with their version one click away
   ("show their version"); a save refused by the version check (409) offers "keep theirs" (close
   the form, re-sync) / "use mine" (save again over the current version). */
(function () {
  "use strict";

  var live = window.cjmLive;
  if (!live) {
    return;
  }
  var grid = live.grid;
  var texts = live.texts;
  var state = live.state;

  var theirs = {};

  // The element being edited here changed underneath: say so, theirs one click away.
  function notice(unit, theirsElement) {
    if (!theirsElement) {
      return;
    }
    theirs[unit.id] = theirsElement.outerHTML;
    var old = unit.querySelector(".live-notice");
    if (old) {
      old.remove();
    }
    var box = document.createElement("div");
    box.className = "live-notice";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = state.lastActor
      ? live.format(texts.changedBy || "Changed by {name}.", state.lastActor)
      : texts.changed || "Changed by someone else.";
    var show = document.createElement("button");
    show.type = "button";
    show.className = "button button--ghost button--sm";
    show.setAttribute("data-live-theirs", unit.id);
    show.textContent = texts.showTheirs || "Show their version";
    box.appendChild(text);
    box.appendChild(show);
    unit.appendChild(box);
  }

  function takeTheirs(id) {
    var unit = document.getElementById(id);
    if (!unit || !theirs[id]) {
      return;
    }
    var holder = document.createElement("template");
    holder.innerHTML = theirs[id].trim();
    var replacement = holder.content.firstElementChild;
    delete theirs[id];
    unit.replaceWith(replacement);
    state.snapshot[id] = live.keyOf(replacement);
    if (window.htmx) {
      window.htmx.process(replacement);
    }
    live.flash(replacement, "live-flash");
    live.setEditing("");
  }

  document.addEventListener("click", function (event) {
    var show = event.target.closest("[data-live-theirs]");
    if (show) {
      takeTheirs(show.getAttribute("data-live-theirs"));
    }
  });

  // --- a save refused by the version check (409) ---------------------------------------------

  var conflictForm = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 409) {
      var source = event.detail.requestConfig && event.detail.requestConfig.elt;
      conflictForm = source ? source.closest("form") || null : null;
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var box = event.detail.target;
    if (box && box.id === "editor-alert") {
      var versioned = conflictForm && conflictForm.querySelector("input[name='version']");
      var mine = box.querySelector("[data-conflict-mine]");
      var keepTheirs = box.querySelector("[data-conflict-theirs]");
      if (mine) {
        mine.hidden = !versioned;
      }
      if (keepTheirs) {
        keepTheirs.hidden = !conflictForm;
      }
    }
    if (event.detail.target && grid.contains(event.detail.target)) {
      state.snapshot = live.takeSnapshot(grid, live.protectedUnits());
      live.drawMarkers();
    }
  });
  document.addEventListener("click", function (event) {
    var mine = event.target.closest("[data-conflict-mine]");
    var keepTheirs = event.target.closest("[data-conflict-theirs]");
    if (!mine && !keepTheirs) {
      return;
    }
    var box = document.getElementById("editor-alert");
    var form = conflictForm;
    conflictForm = null;
    if (mine && form) {
      var current = box.querySelector("[data-current-version]");
      var version = form.querySelector("input[name='version']");
      if (current && version) {
        version.value = current.getAttribute("data-current-version");
        window.htmx.trigger(form, "submit");
      }
    } else if (keepTheirs && form) {
      var unit = live.unitOf(form);
      if (document.activeElement) {
        document.activeElement.blur();
      }
      if (unit) {
        unit.querySelectorAll("form[data-inline-edit]").forEach(function (open) {
          open.removeAttribute("data-inline-edit");
        });
        unit.querySelectorAll("details[open]").forEach(function (open) {
          open.open = false;
        });
      }
      live.scheduleRefresh(0);
    }
    if (box) {
      box.textContent = "";
    }
  });

  live.notice = notice;
})();
