/* The map editor: htmx settings, inline editing keys, the touchpoint drawer and error messages.
   Drag and drop and the keyboard moves are in editor-moves.js. The page works read-only without
   either file; every edit form also posts without JavaScript. */
(function () {
  "use strict";

  if (!window.htmx) {
    return;
  }
  var htmx = window.htmx;

  // Swap the answers the editor renders on purpose: form errors (400, 422) in place, the stale
  // edit message (409, retargeted to #editor-alert). Other errors show a short message instead.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "(400|409|422)", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false },
  ];

  var alertBox = function () {
    return document.getElementById("editor-alert");
  };

  function message(text) {
    var box = alertBox();
    if (!box) {
      window.alert(text);
      return;
    }
    box.innerHTML = "";
    var wrap = document.createElement("div");
    wrap.className = "conflict conflict--error";
    wrap.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.className = "conflict__title";
    p.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "button button--ghost button--sm";
    close.setAttribute("data-dismiss-alert", "");
    close.textContent = box.getAttribute("data-dismiss-label") || "OK";
    wrap.appendChild(p);
    wrap.appendChild(close);
    box.appendChild(wrap);
  }

  var texts = function () {
    var box = alertBox();
    return {
      403: (box && box.dataset.forbidden) || "Your role does not allow this change.",
      404: (box && box.dataset.gone) || "This item no longer exists. Reload the map.",
      other: (box && box.dataset.failed) || "The change could not be saved. Try again.",
      offline: (box && box.dataset.offline) || "No connection to the server. Try again.",
    };
  };

  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    var t = texts();
    message(t[status] || t.other);
  });
  document.body.addEventListener("htmx:sendError", function () {
    message(texts().offline);
  });

  document.addEventListener("click", function (event) {
    var dismiss = event.target.closest("[data-dismiss-alert]");
    if (dismiss) {
      var box = alertBox();
      if (box) {
        box.innerHTML = "";
      }
    }
  });

  // --- Inline editing: Enter (or leaving the field) saves, Esc cancels -----------------------
  function formOf(element) {
    return element && element.closest ? element.closest("form[data-inline-edit]") : null;
  }

  // Esc goes back to the cell's trigger; leaving the field (refocus false) leaves the focus where
  // the user put it. The add-touchpoint box gives way to its button alone, so the stage's cards
  // (and a menu just opened on one of them) are not drawn again.
  function cancel(form, refocus) {
    if (form.dataset.state) {
      return;
    }
    form.dataset.state = "cancelling";
    var host = form.parentElement;
    var options = form.classList.contains("tp-new")
      ? { target: form, swap: "outerHTML", select: ".tp-add" }
      : { target: host, swap: "outerHTML" };
    htmx.ajax("GET", form.dataset.cancelUrl, options).then(function () {
      var lost = document.activeElement === document.body || !document.activeElement;
      var again = (refocus !== false || lost) && document.getElementById(host.id);
      var trigger = again && again.querySelector(".inline-trigger, .cell-trigger, .tp-add");
      if (trigger) {
        trigger.focus();
      }
    });
  }

  var refocusHost = null;

  function save(form) {
    if (form.dataset.state) {
      return;
    }
    form.dataset.state = "saving";
    refocusHost = form.parentElement && form.parentElement.id;
    form.classList.add("is-saving");
    // Post the form's fields straight away (no need to wait for htmx to have processed it).
    htmx.ajax("POST", form.getAttribute("hx-post"), {
      source: form,
      target: form.parentElement,
      swap: "outerHTML",
    });
  }

  function changed(form) {
    var field = form.querySelector(".inline-input");
    if (field && field.value !== field.defaultValue) {
      return true;
    }
    // The stage form's moment of truth and purchase phase.
    return Array.prototype.some.call(form.querySelectorAll("select"), function (select) {
      return Array.prototype.some.call(select.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    var form = formOf(event.target);
    if (!form) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      cancel(form);
    } else if (event.key === "Enter" && !(event.shiftKey && form.hasAttribute("data-multiline"))) {
      event.preventDefault();
      save(form);
    }
  });

  document.addEventListener("focusout", function (event) {
    var form = formOf(event.target);
    if (!form || form.contains(event.relatedTarget)) {
      return;
    }
    // Let a click elsewhere land first; then save what was typed, or go back to the cell.
    window.setTimeout(function () {
      if (!document.body.contains(form) || form.contains(document.activeElement)) {
        return;
      }
      if (changed(form)) {
        save(form);
      } else {
        cancel(form, false);
      }
    }, 0);
  });

  // A saved answer that comes back with errors (422) is a form again: allow another try.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var field = event.detail.target && event.detail.target.querySelector
      ? event.detail.target.querySelector("[data-inline-edit] .inline-input")
      : null;
    if (field) {
      field.focus();
      if (field.setSelectionRange && typeof field.value === "string") {
        var end = field.value.length;
        field.setSelectionRange(end, end);
      }
    }
  });

  // After a save (or a cancel) give the keyboard focus back to the edited name or cell.
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!refocusHost) {
      return;
    }
    var host = document.getElementById(refocusHost);
    refocusHost = null;
    if (host && !host.querySelector("[data-inline-edit]")) {
      var trigger = host.querySelector(".inline-trigger, .cell-trigger, .tp-add");
      if (trigger && document.activeElement === document.body) {
        trigger.focus();
      }
    }
  });

  // A card's rating changed on the map while its drawer is open: load the drawer again, since
  // its form carries the row's version, which just moved on.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var panel = document.getElementById("drawer");
    var elt = event.detail.elt;
    if (!panel || panel.hidden || !event.detail.successful || !elt || !elt.closest) {
      return;
    }
    var open = panel.querySelector("[data-touchpoint-id]");
    var card = elt.closest(".tp");
    if (open && card && elt.closest(".tp__rating-menu") &&
        card.getAttribute("data-touchpoint-id") === open.getAttribute("data-touchpoint-id")) {
      htmx.ajax("GET", open.getAttribute("data-url"), { target: "#drawer", swap: "innerHTML" });
    }
  });

  // Keep the map's sideways scroll when the grid is drawn again after a change.
  var scrollLeft = 0;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var grid = document.getElementById("map-grid");
    var scroller = grid && grid.querySelector(".map-scroll");
    if (scroller) {
      scrollLeft = scroller.scrollLeft;
    }
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    var grid = document.getElementById("map-grid");
    var scroller = grid && grid.querySelector(".map-scroll");
    if (scroller && scrollLeft && scroller.scrollLeft !== scrollLeft) {
      scroller.scrollLeft = scrollLeft;
    }
  });

  // --- The touchpoint drawer -----------------------------------------------------------------
  var opener = null;

  function drawer() {
    return document.getElementById("drawer");
  }

  // The card whose drawer is open is marked on the map.
  function markOpenCard() {
    var panel = drawer();
    var open = panel && !panel.hidden ? panel.querySelector("[data-touchpoint-id]") : null;
    var id = open ? "tp-" + open.getAttribute("data-touchpoint-id") : null;
    document.querySelectorAll(".tp.is-open").forEach(function (card) {
      if (card.id !== id) {
        card.classList.remove("is-open");
      }
    });
    var card = id && document.getElementById(id);
    if (card) {
      card.classList.add("is-open");
    }
  }

  document.body.addEventListener("htmx:afterSettle", markOpenCard);

  function openDrawer() {
    var panel = drawer();
    if (!panel || panel.classList.contains("drawer--page")) {
      return;
    }
    var wasOpen = !panel.hidden;
    panel.hidden = false;
    document.body.classList.add("has-drawer");
    if (!wasOpen) {
      var title = panel.querySelector("#drawer-title");
      if (title) {
        title.focus({ preventScroll: true });
      }
      // The map got narrower: keep the chosen card in sight.
      markOpenCard();
      var card = document.querySelector(".tp.is-open");
      if (card) {
        card.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
    }
  }

  function closeDrawer() {
    var panel = drawer();
    if (!panel || panel.hidden || panel.classList.contains("drawer--page")) {
      return;
    }
    panel.hidden = true;
    panel.innerHTML = "";
    document.body.classList.remove("has-drawer");
    markOpenCard();
    document.body.dispatchEvent(new CustomEvent("cjm:drawer-closed"));
    if (opener && document.body.contains(opener)) {
      opener.focus();
    }
    opener = null;
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.getAttribute && elt.getAttribute("hx-target") === "#drawer" && elt.matches(".tp__name")) {
      opener = elt;
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "drawer") {
      openDrawer();
    }
  });

  document.body.addEventListener("cjm:drawer-close", closeDrawer);

  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-drawer-close]");
    var panel = drawer();
    if (close && panel && !panel.classList.contains("drawer--page")) {
      event.preventDefault();
      closeDrawer();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || formOf(event.target)) {
      return;
    }
    var panel = drawer();
    var openMenu = document.querySelector("details[data-menu][open]");
    if (panel && !panel.hidden && !openMenu && !event.defaultPrevented) {
      closeDrawer();
    }
  });

  // After a touchpoint is saved its card (or the whole grid) is drawn again; keep a reference
  // to the open touchpoint's name for the focus on close.
  document.body.addEventListener("htmx:oobAfterSwap", function () {
    if (!opener || document.body.contains(opener)) {
      return;
    }
    var panel = drawer();
    var open = panel && panel.querySelector("[data-touchpoint-id]");
    var card = open && document.getElementById("tp-" + open.getAttribute("data-touchpoint-id"));
    opener = card ? card.querySelector(".tp__name") : null;
  });

  // /journeys/<id>/?touchpoint=<id> (links from the dashboard, the register, my work, funnel
  // exits, a customer's timeline) opens that touchpoint's drawer. A touchpoint not on this map
  // (another map's, another workspace's, deleted) opens nothing.
  function openFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var id = params.get("touchpoint");
    var card = id && /^[0-9]+$/.test(id) ? document.getElementById("tp-" + id) : null;
    var link = card && card.querySelector(".tp__name");
    var panel = drawer();
    if (!link || !panel || panel.classList.contains("drawer--page")) {
      return;
    }
    opener = link;
    htmx.ajax("GET", link.getAttribute("hx-get"), { target: "#drawer", swap: "innerHTML" });
  }

  // Closing the drawer forgets the touchpoint in the address, so a reload does not reopen it.
  document.body.addEventListener("cjm:drawer-closed", function () {
    var url = new URL(window.location.href);
    if (url.searchParams.has("touchpoint")) {
      url.searchParams.delete("touchpoint");
      url.hash = "";
      window.history.replaceState(window.history.state, "", url.toString());
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openFromAddress);
  } else {
    openFromAddress();
  }

  // Close menus after choosing an item that talks to the server.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var menu = event.detail.elt && event.detail.elt.closest
      ? event.detail.elt.closest("details[data-menu]")
      : null;
    if (menu) {
      menu.open = false;
    }
  });
})();
