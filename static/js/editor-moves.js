/* Reordering on the map editor: drag and drop (SortableJS) for stages, lanes and touchpoint cards,
   and the keyboard alternative: Alt + arrow keys on a focused stage name, lane name or card
   (the same moves are in each item's menu). Every move is posted to the item's data-move-url and
   answered with the whole grid, which replaces #map-grid. */
(function () {
  "use strict";

  var htmx = window.htmx;
  if (!htmx) {
    return;
  }

  var refocusId = null;

  function post(url, values, focusId) {
    refocusId = focusId || null;
    return htmx.ajax("POST", url, { target: "#map-grid", swap: "innerHTML", values: values });
  }

  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (!refocusId || !event.detail.target || event.detail.target.id !== "map-grid") {
      return;
    }
    var moved = document.getElementById(refocusId);
    refocusId = null;
    var focusable = moved && moved.querySelector("[data-move-key]");
    if (focusable) {
      focusable.focus();
      moved.classList.add("is-moved");
      window.setTimeout(function () {
        moved.classList.remove("is-moved");
      }, 1200);
    }
  });

  // --- Drag and drop -------------------------------------------------------------------------
  var common = {
    animation: 150,
    ghostClass: "is-ghost",
    chosenClass: "is-chosen",
    dragClass: "is-dragging",
    // Pointer-event dragging (not the browser's native drag and drop): the same feel in every
    // browser, works with touch, and a drop lands where the ghost is.
    forceFallback: true,
    fallbackOnBody: true,
    fallbackTolerance: 3,
  };

  function indexAmong(item, selector) {
    return Array.prototype.indexOf.call(item.parentElement.querySelectorAll(selector), item);
  }

  // Steps: a stage dropped on a step header (the step row shows while a stage is dragged) or
  // between two stages of one step joins that step as an alternative; dropped elsewhere it
  // moves by position (and leaves its step when it is no longer next to its step-mates).
  var pointer = { x: 0, y: 0 };
  var dropTarget = null;

  function stepHeaderAt(x, y) {
    var found = document.elementFromPoint(x, y);
    return found && found.closest ? found.closest("th.map__step") : null;
  }

  function trackPointer(event) {
    var point = event.touches ? event.touches[0] : event;
    if (!point) {
      return;
    }
    pointer.x = point.clientX;
    pointer.y = point.clientY;
    var header = stepHeaderAt(pointer.x, pointer.y);
    if (header !== dropTarget) {
      if (dropTarget) {
        dropTarget.classList.remove("is-drop-target");
      }
      dropTarget = header;
      if (dropTarget) {
        dropTarget.classList.add("is-drop-target");
      }
    }
  }

  function sameStep(a, b) {
    return a && b && a.dataset.step && a.dataset.step === b.dataset.step;
  }

  function sortableStages(row) {
    if (row.dataset.sortableReady) {
      return;
    }
    row.dataset.sortableReady = "1";
    var table = row.closest("table");
    window.Sortable.create(row, Object.assign({}, common, {
      draggable: "th.map__stage",
      handle: ".stage-handle",
      direction: "horizontal",
      onStart: function () {
        table.classList.add("is-dragging-stage");
        document.addEventListener("pointermove", trackPointer, true);
        document.addEventListener("mousemove", trackPointer, true);
        document.addEventListener("touchmove", trackPointer, true);
      },
      onEnd: function (event) {
        document.removeEventListener("pointermove", trackPointer, true);
        document.removeEventListener("mousemove", trackPointer, true);
        document.removeEventListener("touchmove", trackPointer, true);
        var header = dropTarget;
        if (dropTarget) {
          dropTarget.classList.remove("is-drop-target");
          dropTarget = null;
        }
        table.classList.remove("is-dragging-stage");
        var item = event.item;
        if (header && header.dataset.step !== item.dataset.step) {
          post(item.dataset.stepUrl, { action: "join", target: header.dataset.stepStage }, item.id);
          return;
        }
        if (event.oldIndex === event.newIndex) {
          return;
        }
        var before = item.previousElementSibling;
        var after = item.nextElementSibling;
        if (sameStep(before, after) && before.dataset.step !== item.dataset.step) {
          post(item.dataset.stepUrl, { action: "join", target: before.dataset.stageId }, item.id);
          return;
        }
        post(item.dataset.moveUrl, { position: indexAmong(item, "th.map__stage") }, item.id);
      },
    }));
  }

  function sortableSteps(row) {
    if (row.dataset.sortableReady) {
      return;
    }
    row.dataset.sortableReady = "1";
    window.Sortable.create(row, Object.assign({}, common, {
      draggable: "th.map__step",
      handle: ".step-handle",
      direction: "horizontal",
      onEnd: function (event) {
        if (event.oldIndex === event.newIndex) {
          return;
        }
        var item = event.item;
        post(item.dataset.stepUrl, { action: "move", index: indexAmong(item, "th.map__step") });
      },
    }));
  }

  function sortableLanes(body) {
    if (body.dataset.sortableReady) {
      return;
    }
    body.dataset.sortableReady = "1";
    window.Sortable.create(body, Object.assign({}, common, {
      draggable: "tr[data-lane-id]",
      handle: ".lane-handle",
      direction: "vertical",
      onEnd: function (event) {
        if (event.oldIndex === event.newIndex) {
          return;
        }
        var item = event.item;
        // Positions count hidden lanes too: take the place of the lane we landed next to.
        var down = event.newIndex > event.oldIndex;
        var neighbour = down ? item.previousElementSibling : item.nextElementSibling;
        while (neighbour && !neighbour.dataset.position) {
          neighbour = down ? neighbour.previousElementSibling : neighbour.nextElementSibling;
        }
        if (!neighbour) {
          return;
        }
        post(item.dataset.moveUrl, { position: neighbour.dataset.position }, item.id);
      },
    }));
  }

  function sortableCards(list) {
    if (list.dataset.sortableReady) {
      return;
    }
    list.dataset.sortableReady = "1";
    window.Sortable.create(list, Object.assign({}, common, {
      group: "touchpoints",
      draggable: "li.tp",
      filter: "details, summary, .menu__panel, button",
      preventOnFilter: false,
      emptyInsertThreshold: 24,
      onEnd: function (event) {
        if (event.from === event.to && event.oldIndex === event.newIndex) {
          return;
        }
        var item = event.item;
        post(
          item.dataset.moveUrl,
          { position: indexAmong(item, "li.tp"), stage: event.to.dataset.stageId },
          item.id
        );
      },
    }));
  }

  htmx.onLoad(function (root) {
    if (!window.Sortable || !root.querySelectorAll) {
      return;
    }
    var scope = root.closest && root.closest("#map-grid") ? root : document;
    scope.querySelectorAll("tr[data-stage-row]").forEach(sortableStages);
    scope.querySelectorAll("tr[data-step-row]").forEach(sortableSteps);
    scope.querySelectorAll("tbody[data-lane-rows]").forEach(sortableLanes);
    scope.querySelectorAll("ul[data-sortable-cards]").forEach(sortableCards);
  });

  // --- Keyboard: Alt + arrow keys ------------------------------------------------------------
  var DIRECTIONS = {
    ArrowLeft: "left",
    ArrowRight: "right",
    ArrowUp: "up",
    ArrowDown: "down",
  };
  var ALLOWED = {
    stage: ["left", "right"],
    lane: ["up", "down"],
    card: ["left", "right", "up", "down"],
  };

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || !DIRECTIONS[event.key] || !event.target.closest) {
      return;
    }
    var key = event.target.closest("[data-move-key]");
    if (!key) {
      return;
    }
    var kind = key.getAttribute("data-move-key");
    var direction = DIRECTIONS[event.key];
    if (ALLOWED[kind].indexOf(direction) === -1) {
      return;
    }
    var item = key.closest("[data-move-url]");
    if (!item) {
      return;
    }
    event.preventDefault();
    post(item.dataset.moveUrl, { direction: direction }, item.id);
  });
})();
