/* @mention autocomplete: in a form with data-mentions-url, typing "@" and a few letters in a
   textarea lists the workspace's members (GET <url>?q=...); arrows + Enter/Tab or a click
   insert "@username ". Delegated on the document, so comment boxes loaded later by htmx work. */
(function () {
  "use strict";
  if (window.cjmMentions) return;
  window.cjmMentions = true;

  var list = null;
  var state = { field: null, start: -1, items: [], index: 0, timer: null, seq: 0 };

  function close() {
    if (list) list.remove();
    list = null;
    state.items = [];
    state.field = null;
  }

  function tokenBefore(field) {
    var upto = field.value.slice(0, field.selectionStart);
    var match = /(^|[^\w@])@([\w.+-]{0,30})$/.exec(upto);
    if (!match) return null;
    return { start: upto.length - match[2].length - 1, query: match[2] };
  }

  function choose(item) {
    var field = state.field;
    if (!field || !item) return;
    var caret = field.selectionStart;
    var text = "@" + item.username + " ";
    field.value = field.value.slice(0, state.start) + text + field.value.slice(caret);
    var at = state.start + text.length;
    field.setSelectionRange(at, at);
    close();
    field.focus();
  }

  function render(field, items) {
    close();
    if (!items.length) return;
    state.field = field;
    state.items = items;
    state.index = 0;
    list = document.createElement("ul");
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.textContent = "@" + item.username;
      if (item.name && item.name !== item.username) {
        var small = document.createElement("small");
        small.textContent = item.name;
        li.appendChild(small);
      }
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(item);
      });
      list.appendChild(li);
    });
    var box = field.getBoundingClientRect();
    list.style.left = window.scrollX + box.left + "px";
    list.style.top = window.scrollY + box.bottom + 2 + "px";
    document.body.appendChild(list);
  }

  function highlight(step) {
    if (!list) return;
    state.index = (state.index + step + state.items.length) % state.items.length;
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === state.index ? "true" : "false");
    });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!(field instanceof HTMLTextAreaElement)) return;
    var form = field.closest("[data-mentions-url]");
    if (!form) return;
    var token = tokenBefore(field);
    if (!token) { close(); return; }
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      var seq = ++state.seq;
      var url = form.getAttribute("data-mentions-url") + "?q=" + encodeURIComponent(token.query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          if (seq !== state.seq) return;
          state.start = token.start;
          render(field, data.results || []);
          state.start = token.start;
        })
        .catch(close);
    }, 150);
  });

  document.addEventListener("keydown", function (event) {
    if (!list || event.target !== state.field) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(-1); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); choose(state.items[state.index]); }
    else if (event.key === "Escape") { close(); }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target === state.field) setTimeout(close, 150);
  });
})();
