/* Live co-editing on the map page (and read-only on a share link's page), docs/live.md: the
   shared core. Loaded first of the live scripts (templates/live/_scripts.html, in this order):
   live-core.js, live-presence.js, live-resync.js, live-conflicts.js, live-socket.js.

   - live-presence.js: avatars of everyone on the map in the toolbar; the card or cell someone
     edits gets an outline in their colour with their name. This page sends "editing <id>" /
     "stopped".
   - live-resync.js: on a change, the map's content is fetched again (the map page itself: cached
     per revision) and patched in: only what differs is replaced, the element being edited here
     is never touched, changed and moved elements flash, removed ones fade out.
   - live-conflicts.js: the element being edited here changed underneath gets a notice "Changed
     by Anna" with their version one click away; a refused save (409) offers "keep theirs" /
     "use mine".
   - live-socket.js (started last): connects to ws/journeys/<id>/ (the map's socket); reconnects
     with exponential backoff and jitter; on every (re)connect compares the map revision and
     re-syncs when it moved.
   Edits themselves still go through the editor's htmx endpoints; the socket carries no edits.

   This file: the page's map and texts, the state the other files share, and helpers they all
   use, as window.cjmLive (absent when the page has no live map or the browser cannot do it:
   the other files then do nothing). Each later file adds its own functions to it. */
(function () {
  "use strict";

  var grid = document.querySelector("#map-grid[data-live]");
  if (!grid || !window.WebSocket || !window.fetch || !window.DOMParser) {
    return;
  }
  var bar = document.querySelector("[data-live-presence]");

  var live = {
    grid: grid,
    bar: bar,
    texts: (bar && bar.dataset) || {},
    // What is refreshed, flashed and protected one by one: cells, cards, stage and lane headers.
    UNIT: "td[id^='cell-'], li[id^='tp-'], th[id^='stage-']:not(#stage-add), th[id^='lane-head-']",
    // Shared state: the open socket, who I am and may I edit (from "hello"), who is on the map,
    // what this page edits, who made the last change, the units as this page last drew them.
    state: {
      socket: null,
      me: null,
      canEdit: false,
      people: [],
      editingId: "",
      lastActor: "",
      snapshot: {},
    },
  };

  live.revision = function () {
    return parseInt(grid.dataset.revision || "0", 10) || 0;
  };

  live.format = function (text, name) {
    return (text || "").replace("{name}", name);
  };

  live.send = function (message) {
    var socket = live.state.socket;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  };

  // The unit (cell, card, stage or lane header) of the map holding a node, or null.
  live.unitOf = function (node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    var unit = element && element.closest(live.UNIT);
    return unit && grid.contains(unit) ? unit : null;
  };

  window.cjmLive = live;
})();
