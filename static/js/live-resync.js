/* Live co-editing, re-sync (after live-presence.js; docs/live.md): on a change the map's
   content is fetched again (the map page itself: cached per revision) and patched in. Only what
   differs is replaced; the elements being edited here are never touched (live-conflicts.js gives
   them a notice when theirs changed underneath); changed and moved elements flash, removed ones
   fade out. Keeps the snapshot of the units as this page last drew them. */
(function () {
  "use strict";

  var live = window.cjmLive;
  if (!live) {
    return;
  }
  var grid = live.grid;
  var state = live.state;

  var refreshing = false;
  var refreshAgain = false;
  var refreshTimer = null;

  function protectedUnits() {
    var units = [];
    var active = document.activeElement;
    var focused = live.unitOf(active);
    if (!focused && active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      // A field outside the units, such as the new stage's name: keep its box while typing.
      var box = active.closest("[id]");
      focused = box && box !== grid && grid.contains(box) ? box : null;
    }
    if (focused) {
      units.push(focused);
    }
    grid.querySelectorAll("form[data-inline-edit], details[open]").forEach(function (form) {
      var unit = live.unitOf(form);
      if (unit && units.indexOf(unit) === -1) {
        units.push(unit);
      }
    });
    return units;
  }

  function keyOf(element) {
    var parent = element.parentElement && element.parentElement.closest("[id]");
    var index = Array.prototype.indexOf.call(element.parentElement.children, element);
    // What this script adds itself (flashes, outlines, notices) is not a change of the map.
    var html = element.outerHTML
      .replace(/<div class="live-notice"[\s\S]*?<\/button><\/div>/g, "")
      .replace(/ ?live-(flash|editing|removing)\b/g, "")
      .replace(/ data-live-editor="[^"]*"/g, "")
      .replace(/ style="--live-colour:[^"]*"/g, "")
      .replace(/\s+/g, " ");
    return html + "@" + (parent ? parent.id : "") + ":" + index;
  }

  function takeSnapshot(root, skip) {
    var result = {};
    root.querySelectorAll(live.UNIT).forEach(function (element) {
      if (!skip || skip.indexOf(element) === -1) {
        result[element.id] = keyOf(element);
      }
    });
    return result;
  }

  function scheduleRefresh(delay) {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(refresh, delay);
  }

  function refresh() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    window
      .fetch(window.location.pathname + window.location.search, {
        credentials: "same-origin",
        headers: { "X-Live-Resync": "1" },
      })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          apply(new DOMParser().parseFromString(html, "text/html"));
        }
      })
      .catch(function () {})
      .then(function () {
        refreshing = false;
        if (refreshAgain) {
          refreshAgain = false;
          scheduleRefresh(0);
        }
      });
  }

  function apply(doc) {
    var fresh = doc.getElementById("map-grid");
    if (!fresh) {
      return;
    }
    var keep = protectedUnits();
    var before = state.snapshot;
    var after = takeSnapshot(fresh);
    var gone = Object.keys(before).filter(function (id) {
      return !(id in after) && document.getElementById(id);
    });
    var finish = function () {
      patchChildren(grid, fresh, keep);
      grid.dataset.revision = fresh.dataset.revision || grid.dataset.revision;
      var header = document.querySelector(".journey-header, .shared-header");
      var freshHeader = doc.querySelector(".journey-header, .shared-header");
      if (header && freshHeader && header.outerHTML !== freshHeader.outerHTML) {
        header.replaceWith(document.importNode(freshHeader, true));
      }
      keep.forEach(function (unit) {
        var twin = after[unit.id];
        if (twin && before[unit.id] && twin !== before[unit.id]) {
          live.notice(unit, doc.getElementById(unit.id));
        }
      });
      Object.keys(after).forEach(function (id) {
        var edited = keep.some(function (unit) {
          return unit.id === id;
        });
        if (before[id] !== after[id] && !edited) {
          flash(document.getElementById(id), "live-flash");
        }
      });
      state.snapshot = takeSnapshot(grid, keep);
      keep.forEach(function (unit) {
        if (before[unit.id]) {
          state.snapshot[unit.id] = before[unit.id];
        }
      });
      if (window.htmx) {
        window.htmx.process(grid);
        window.htmx.trigger(grid, "htmx:load", { elt: grid });
      }
      live.drawMarkers();
    };
    if (gone.length) {
      gone.forEach(function (id) {
        document.getElementById(id).classList.add("live-removing");
      });
      window.setTimeout(finish, 400);
    } else {
      finish();
    }
  }

  function holds(element, keep) {
    return keep.some(function (unit) {
      return element === unit || element.contains(unit);
    });
  }

  function twinOf(oldChild, oldParent, newParent) {
    if (oldChild.id) {
      return Array.prototype.find.call(newParent.children, function (child) {
        return child.id === oldChild.id;
      });
    }
    var index = Array.prototype.indexOf.call(oldParent.children, oldChild);
    var twin = newParent.children[index];
    return twin && twin.tagName === oldChild.tagName && !twin.id ? twin : null;
  }

  // Replace oldParent's content by newParent's, except the elements being edited here (and the
  // elements around them, which are patched the same way, one level down).
  function patchChildren(oldParent, newParent, keep) {
    var kept = Array.prototype.filter.call(oldParent.children, function (child) {
      return holds(child, keep);
    });
    var pairs = kept.map(function (child) {
      return [child, twinOf(child, oldParent, newParent)];
    });
    var incoming = Array.prototype.slice.call(newParent.childNodes).map(function (node) {
      var pair = pairs.find(function (item) {
        return item[1] === node;
      });
      return pair ? pair[0] : document.importNode(node, true);
    });
    pairs.forEach(function (pair) {
      if (!pair[1]) {
        incoming.push(pair[0]); // deleted meanwhile: the editor keeps it until they are done
      }
    });
    Array.prototype.slice.call(oldParent.childNodes).forEach(function (node) {
      if (kept.indexOf(node) === -1) {
        node.remove();
      }
    });
    var cursor = null;
    for (var i = incoming.length - 1; i >= 0; i -= 1) {
      if (kept.indexOf(incoming[i]) === -1) {
        oldParent.insertBefore(incoming[i], cursor);
      }
      cursor = incoming[i];
    }
    pairs.forEach(function (pair) {
      if (pair[1] && keep.indexOf(pair[0]) === -1) {
        patchChildren(pair[0], pair[1], keep);
      }
    });
  }

  function flash(element, name) {
    if (!element) {
      return;
    }
    element.classList.add(name);
    window.setTimeout(function () {
      element.classList.remove(name);
    }, 1600);
  }

  live.protectedUnits = protectedUnits;
  live.keyOf = keyOf;
  live.takeSnapshot = takeSnapshot;
  live.scheduleRefresh = scheduleRefresh;
  live.flash = flash;
})();
