/* The map toolbar's "Blueprint" toggle: shows or hides the service-blueprint lanes (frontstage,
   backstage, support, evidence and the lines between them). The choice is remembered in this
   browser (localStorage) for every map. */
(function () {
  "use strict";

  var KEY = "cjm:blueprint";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null;
    }
  }

  function apply(hidden) {
    root.classList.toggle("blueprint-hidden", hidden);
    document.querySelectorAll("[data-blueprint-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", hidden ? "false" : "true");
    });
  }

  apply(stored() === "hidden");

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-blueprint-toggle]");
    if (!button) {
      return;
    }
    var hidden = !root.classList.contains("blueprint-hidden");
    try {
      window.localStorage.setItem(KEY, hidden ? "hidden" : "shown");
    } catch (error) {
      /* private mode: the toggle still works for this page */
    }
    apply(hidden);
  });
})();
