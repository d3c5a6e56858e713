/* Small progressive enhancements shared by every page. The pages work without it. */
(function () {
  "use strict";

  // Dropdown menus are <details data-menu>: close them on outside click and on Escape,
  // and keep only one open at a time.
  function menus() {
    return Array.prototype.slice.call(document.querySelectorAll("details[data-menu]"));
  }

  // Read-only inputs holding a link (share links): a click selects the whole link.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("input[data-select-on-click]")) {
      target.select();
    }
  });

  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    menus().forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        var summary = menu.querySelector("summary");
        if (summary) {
          summary.focus();
        }
      }
    });
  });

  // <button data-print> prints the page (the map has A3 landscape print styles).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });

  document.addEventListener(
    "toggle",
    function (event) {
      var opened = event.target;
      if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.hasAttribute("data-menu")) {
        return;
      }
      menus().forEach(function (menu) {
        if (menu !== opened) {
          menu.open = false;
        }
      });
    },
    true
  );

  // --- The top bar's menu (below 1200 px): the button opens #topbar-panel ------------------
  function topbarButton() {
    return document.querySelector("[data-topbar-toggle]");
  }

  function setTopbarMenu(open, focusButton) {
    var button = topbarButton();
    if (!button) {
      return;
    }
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
    document.body.classList.toggle("has-topbar-menu", open);
    if (open) {
      var first = panel.querySelector(".topnav__link, summary, button, a");
      if (first) {
        first.focus();
      }
    } else if (focusButton) {
      button.focus();
    }
  }

  // Fold the bar when it is narrow or when its pieces do not fit (long section names in
  // Russian, a long workspace name, one more icon): measured unfolded, then folded if needed.
  var NARROW = window.matchMedia("(max-width: 1199.98px)");

  function foldTopbar() {
    var bar = document.querySelector("[data-topbar]");
    if (!bar || !topbarButton()) {
      return;
    }
    var folded = NARROW.matches;
    if (!folded) {
      bar.classList.remove("is-folded");
      var nav = bar.querySelector(".topnav");
      var spacer = bar.querySelector(".topbar__spacer");
      folded =
        (nav && nav.scrollWidth > nav.clientWidth + 1) ||
        (spacer && spacer.getBoundingClientRect().width < 4);
    }
    bar.classList.toggle("is-folded", Boolean(folded));
    if (!folded) {
      setTopbarMenu(false, false);
    }
  }

  var foldQueued = false;
  window.addEventListener("resize", function () {
    if (!foldQueued) {
      foldQueued = true;
      window.requestAnimationFrame(function () {
        foldQueued = false;
        foldTopbar();
      });
    }
  });
  foldTopbar();
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(foldTopbar);
  }

  document.addEventListener("click", function (event) {
    var button = topbarButton();
    if (!button || !event.target.closest) {
      return;
    }
    if (event.target.closest("[data-topbar-toggle]")) {
      setTopbarMenu(button.getAttribute("aria-expanded") !== "true", false);
    } else if (button.getAttribute("aria-expanded") === "true" && !event.target.closest("#topbar-panel")) {
      setTopbarMenu(false, false);
    }
  });

  document.addEventListener("keydown", function (event) {
    var button = topbarButton();
    if (event.key !== "Escape" || !button || button.getAttribute("aria-expanded") !== "true") {
      return;
    }
    // Runs before the menus' handler above (capture): an open menu inside the panel closes first.
    if (!document.querySelector("#topbar-panel details[open]")) {
      setTopbarMenu(false, true);
    }
  }, true);

  // --- Filter panels of list pages: a "Filters" button folds them away on phones -----------
  var FILTERS = ".filter-bar, .fb-filters";
  var openFilters = {};

  function filterKey(form, index) {
    return form.id || form.getAttribute("aria-label") || String(index);
  }

  function activeFilters(form) {
    var count = 0;
    form.querySelectorAll("select, input:not([type=hidden]):not([type=submit])").forEach(function (field) {
      if ((field.type === "checkbox" || field.type === "radio") ? field.checked : field.value) {
        count += 1;
      }
    });
    return count;
  }

  function foldFilters() {
    var label = document.body.getAttribute("data-filters-label") || "Filters";
    document.querySelectorAll(FILTERS).forEach(function (form, index) {
      if (form.classList.contains("is-collapsible") || form.closest(".is-collapsible")) {
        return;
      }
      var key = filterKey(form, index);
      if (!form.id) {
        form.id = "filters-" + index;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--sm filters-toggle";
      button.setAttribute("aria-controls", form.id);
      button.setAttribute("aria-expanded", openFilters[key] ? "true" : "false");
      button.textContent = label + " ";
      var count = activeFilters(form);
      if (count) {
        var badge = document.createElement("span");
        badge.className = "filters-toggle__count";
        badge.textContent = String(count);
        button.appendChild(badge);
      }
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        openFilters[key] = open;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        form.classList.toggle("is-open", open);
      });
      form.classList.add("is-collapsible");
      form.classList.toggle("is-open", Boolean(openFilters[key]));
      form.parentNode.insertBefore(button, form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", foldFilters);
  } else {
    foldFilters();
  }
  document.addEventListener("htmx:afterSettle", foldFilters);

  // --- Print: the map on one A3 landscape sheet, scaled to fit --------------------------------
  // print.css cannot know how tall a map is; before printing, lay the page out at the sheet's
  // width with the print rules that change its height (html.print-measure, map-layout.css),
  // measure, and give print.css a zoom (--print-zoom) and the width to lay out at.
  var SHEET = { width: (400 * 96) / 25.4, height: (277 * 96) / 25.4 }; // A3 minus 10 mm margins

  function fitForPrint() {
    var main = document.getElementById("main");
    if (!main || !document.querySelector(".map-section")) {
      return;
    }
    var root = document.documentElement;
    function fits(zoom) {
      // Laid out at sheet width / zoom, then scaled by zoom: does the height fit the sheet?
      root.style.setProperty("--print-width", SHEET.width / zoom + "px");
      return main.scrollHeight * zoom <= SHEET.height;
    }
    root.classList.add("print-measure");
    var low = 0.25;
    var high = 1;
    if (!fits(high)) {
      for (var step = 0; step < 7; step += 1) {
        var middle = (low + high) / 2;
        if (fits(middle)) {
          low = middle;
        } else {
          high = middle;
        }
      }
      high = low;
    }
    root.classList.remove("print-measure");
    var zoom = high * 0.97; // the measuring rules only approach print.css
    root.style.setProperty("--print-zoom", String(zoom));
    root.style.setProperty("--print-width", SHEET.width / zoom + "px");
  }

  window.addEventListener("beforeprint", fitForPrint);
})();
