/* Live co-editing on the map page (and read-only on a share link's page), docs/live.md.

   - Connects to ws/journeys/<id>/ (the map's socket); reconnects with exponential backoff and
     jitter; on every (re)connect compares the map revision and re-syncs when it moved.
   - Presence: avatars of everyone on the map in the toolbar; the card or cell someone edits gets
     an outline in their colour with their name. This page sends "editing <id>" / "stopped".
   - On a change, the map's content is fetched again (the map page itself: cached per revision)
     and patched in: only what differs is replaced, the element being edited here is never
     touched (it gets a notice "Changed by Anna" with their version one click away), changed and
     moved elements flash, removed ones fade out.
   - A refused save (409) offers "keep theirs" / "use mine".
   Edits themselves still go through the editor's htmx endpoints; the socket carries no edits. */
(function () {
  "use strict";

  var grid = document.querySelector("#map-grid[data-live]");
  if (!grid || !window.WebSocket || !window.fetch || !window.DOMParser) {
    return;
  }
  var bar = document.querySelector("[data-live-presence]");
  var texts = (bar && bar.dataset) || {};
  var token = grid.dataset.liveToken || "";
  var url =
    (window.location.protocol === "https:" ? "wss://" : "ws://") +
    window.location.host +
    "/ws/journeys/" +
    grid.dataset.journeyId +
    "/" +
    (token ? "?token=" + encodeURIComponent(token) : "");
  var FINAL_CODES = [4401, 4403, 4404]; // refused: do not knock again
  // What is refreshed, flashed and protected one by one: cells, cards, stage and lane headers.
  var UNIT = "td[id^='cell-'], li[id^='tp-'], th[id^='stage-']:not(#stage-add), th[id^='lane-head-']";

  var socket = null;
  var attempt = 0;
  var heartbeat = null;
  var me = null;
  var canEdit = false;
  var people = [];
  var editingId = "";
  var lastActor = "";
  var refreshing = false;
  var refreshAgain = false;
  var refreshTimer = null;
  var snapshot = {};
  var theirs = {};
  var hasConnected = false;

  function revision() {
    return parseInt(grid.dataset.revision || "0", 10) || 0;
  }

  function format(text, name) {
    return (text || "").replace("{name}", name);
  }

  // --- the socket ----------------------------------------------------------------------------

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function status(text) {
    var box = bar && bar.querySelector(".live-presence__status");
    if (!box) {
      return;
    }
    box.textContent = text || "";
    box.hidden = !text;
  }

  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener("open", function () {
      attempt = 0;
      status("");
    });
    socket.addEventListener("message", function (event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      receive(message);
    });
    socket.addEventListener("close", function (event) {
      window.clearInterval(heartbeat);
      heartbeat = null;
      people = [];
      drawPeople();
      if (FINAL_CODES.indexOf(event.code) !== -1) {
        return;
      }
      status(texts.offline);
      // 0.5 s, 1 s, 2 s ... up to 30 s, each with up to half of it added at random.
      var delay = Math.min(30000, 500 * Math.pow(2, attempt));
      attempt += 1;
      window.setTimeout(connect, delay / 2 + Math.random() * delay);
    });
  }

  function receive(message) {
    if (message.type === "hello") {
      me = message.me;
      canEdit = !!message.can_edit;
      if (me !== null && !heartbeat) {
        heartbeat = window.setInterval(function () {
          send({ type: "heartbeat" });
        }, (message.heartbeat || 5) * 1000);
      }
      if (editingId && canEdit) {
        send({ type: "editing", element: editingId });
      }
      if (hasConnected || message.revision !== revision()) {
        scheduleRefresh(0); // re-sync: what we missed while away
      }
      hasConnected = true;
    } else if (message.type === "presence") {
      people = message.people || [];
      drawPeople();
      drawMarkers();
    } else if (message.type === "change") {
      if (typeof message.revision === "number" && message.revision <= revision()) {
        return; // this page already shows it (our own save, or an earlier re-sync)
      }
      lastActor = message.actor || "";
      scheduleRefresh(120);
    }
  }

  // --- presence --------------------------------------------------------------------------------

  function drawPeople() {
    var list = bar && bar.querySelector(".live-presence__people");
    if (!list) {
      return;
    }
    list.textContent = "";
    people.forEach(function (person) {
      var item = document.createElement("li");
      item.className = "live-avatar" + (person.id === me ? " live-avatar--me" : "");
      item.style.setProperty("--live-colour", person.colour);
      item.textContent = person.initials;
      var label = person.name + (person.id === me ? " (" + (texts.you || "you") + ")" : "");
      if (person.editing) {
        label += " · " + (texts.editing || "editing");
      }
      item.title = label;
      item.setAttribute("aria-label", label);
      item.dataset.personId = person.id;
      list.appendChild(item);
    });
  }

  function drawMarkers() {
    grid.querySelectorAll(".live-editing").forEach(function (element) {
      element.classList.remove("live-editing");
      element.removeAttribute("data-live-editor");
      element.style.removeProperty("--live-colour");
    });
    people.forEach(function (person) {
      if (!person.editing || person.id === me) {
        return;
      }
      var element = document.getElementById(person.editing);
      if (element && grid.contains(element)) {
        element.classList.add("live-editing");
        element.setAttribute("data-live-editor", person.name);
        element.style.setProperty("--live-colour", person.colour);
      }
    });
  }

  function unitOf(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    var unit = element && element.closest(UNIT);
    return unit && grid.contains(unit) ? unit : null;
  }

  function setEditing(id) {
    if (id === editingId || !canEdit) {
      editingId = id;
      return;
    }
    editingId = id;
    send(id ? { type: "editing", element: id } : { type: "stopped" });
  }

  // Editing: typing in a field of a card or cell, or its edit form or menu open (a focused
  // button alone, such as the cell the editor refocuses after a save, is not editing).
  function currentEditing() {
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      var unit = unitOf(active);
      if (unit) {
        return unit.id;
      }
    }
    var open = grid.querySelector("form[data-inline-edit], details[open]");
    var holder = open && unitOf(open);
    return holder ? holder.id : "";
  }

  function updateEditing() {
    window.setTimeout(function () {
      setEditing(currentEditing());
    }, 50);
  }

  document.addEventListener("focusin", updateEditing);
  document.addEventListener("focusout", updateEditing);
  document.addEventListener("toggle", updateEditing, true);
  document.body.addEventListener("htmx:afterSettle", updateEditing);

  // --- re-sync: fetch the map again and patch what changed ---------------------------------------

  function protectedUnits() {
    var units = [];
    var active = document.activeElement;
    var focused = unitOf(active);
    if (!focused && active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      // A field outside the units, such as the new stage's name: keep its box while typing.
      var box = active.closest("[id]");
      focused = box && box !== grid && grid.contains(box) ? box : null;
    }
    if (focused) {
      units.push(focused);
    }
    grid.querySelectorAll("form[data-inline-edit], details[open]").forEach(function (form) {
      var unit = unitOf(form);
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
    root.querySelectorAll(UNIT).forEach(function (element) {
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
    var before = snapshot;
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
          notice(unit, doc.getElementById(unit.id));
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
      snapshot = takeSnapshot(grid, keep);
      keep.forEach(function (unit) {
        if (before[unit.id]) {
          snapshot[unit.id] = before[unit.id];
        }
      });
      if (window.htmx) {
        window.htmx.process(grid);
        window.htmx.trigger(grid, "htmx:load", { elt: grid });
      }
      drawMarkers();
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
    text.textContent = lastActor
      ? format(texts.changedBy || "Changed by {name}.", lastActor)
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
    snapshot[id] = keyOf(replacement);
    if (window.htmx) {
      window.htmx.process(replacement);
    }
    flash(replacement, "live-flash");
    setEditing("");
  }

  document.addEventListener("click", function (event) {
    var show = event.target.closest("[data-live-theirs]");
    if (show) {
      takeTheirs(show.getAttribute("data-live-theirs"));
    }
  });

  // --- conflicts: a save refused by the version check (409) -----------------------------------

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
      snapshot = takeSnapshot(grid, protectedUnits());
      drawMarkers();
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
      var unit = unitOf(form);
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
      scheduleRefresh(0);
    }
    if (box) {
      box.textContent = "";
    }
  });

  snapshot = takeSnapshot(grid);
  connect();
})();
