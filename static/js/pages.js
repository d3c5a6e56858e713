/* Small enhancements of the workspace pages (register, my work, personas, settings).
   Every page works without it. */
(function () {
  "use strict";

  // htmx 2 does not swap 4xx answers by default. Parts marked data-swap-errors (or inside
  // one) show the server's answer in place: validation errors (400) and stale edits (409).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 400 || status === 409) && target && target.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // GET forms marked data-clean-query leave empty fields out of the address they push
  // (?rating=awful instead of ?q=&journey=&...&rating=awful).
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    var data = event.detail.formData;
    if (event.detail.verb !== "get" || !data || !elt.closest || !elt.closest("[data-clean-query]")) {
      return;
    }
    var keys = [];
    data.forEach(function (_value, key) {
      if (keys.indexOf(key) < 0) {
        keys.push(key);
      }
    });
    keys.forEach(function (key) {
      var values = data.getAll(key);
      if (values.every(function (value) { return value === ""; })) {
        data.delete(key);
      }
    });
  });

  // <form data-confirm="question"> asks before it submits (delete, revoke, replace).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <button data-copy="#input"> copies the input's value (the new API token).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) {
      return;
    }
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) {
      return;
    }
    input.select();
    var done = function () {
      button.textContent = button.getAttribute("data-copied") || button.textContent;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done);
    } else {
      document.execCommand("copy");
      done();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) {
      event.target.select();
    }
  });

  // The register's bulk-assign: the header box selects every row of the page.
  document.addEventListener("change", function (event) {
    var all = event.target.closest && event.target.closest("[data-bulk-page]");
    if (!all) return;
    document.querySelectorAll('input[name="touchpoint"][data-bulk]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();
