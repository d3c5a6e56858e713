/* Live co-editing, the socket (loaded last of the live scripts; docs/live.md): connects to
   ws/journeys/<id>/ (the map's socket) and starts; reconnects with exponential backoff and
   jitter; on every (re)connect compares the map revision and re-syncs when it moved; hands
   presence and change messages to live-presence.js and live-resync.js. */
(function () {
  "use strict";

  var live = window.cjmLive;
  if (!live) {
    return;
  }
  var grid = live.grid;
  var bar = live.bar;
  var texts = live.texts;
  var state = live.state;

  var token = grid.dataset.liveToken || "";
  var url =
    (window.location.protocol === "https:" ? "wss://" : "ws://") +
    window.location.host +
    "/ws/journeys/" +
    grid.dataset.journeyId +
    "/" +
    (token ? "?token=" + encodeURIComponent(token) : "");
  var FINAL_CODES = [4401, 4403, 4404]; // refused: do not knock again

  var attempt = 0;
  var heartbeat = null;
  var hasConnected = false;

  function status(text) {
    var box = bar && bar.querySelector(".live-presence__status");
    if (!box) {
      return;
    }
    box.textContent = text || "";
    box.hidden = !text;
  }

  function connect() {
    var socket = new WebSocket(url);
    state.socket = socket;
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
      state.people = [];
      live.drawPeople();
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
      state.me = message.me;
      state.canEdit = !!message.can_edit;
      if (state.me !== null && !heartbeat) {
        heartbeat = window.setInterval(function () {
          live.send({ type: "heartbeat" });
        }, (message.heartbeat || 5) * 1000);
      }
      if (state.editingId && state.canEdit) {
        live.send({ type: "editing", element: state.editingId });
      }
      if (hasConnected || message.revision !== live.revision()) {
        live.scheduleRefresh(0); // re-sync: what we missed while away
      }
      hasConnected = true;
    } else if (message.type === "presence") {
      state.people = message.people || [];
      live.drawPeople();
      live.drawMarkers();
    } else if (message.type === "change") {
      if (typeof message.revision === "number" && message.revision <= live.revision()) {
        return; // this page already shows it (our own save, or an earlier re-sync)
      }
      state.lastActor = message.actor || "";
      live.scheduleRefresh(120);
    }
  }

  state.snapshot = live.takeSnapshot(grid);
  connect();
})();
