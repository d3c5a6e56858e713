/* Live co-editing, presence (after live-core.js; docs/live.md): avatars of everyone on the map
   in the toolbar; the card or cell someone edits gets an outline in their colour with their
   name. This page tells the others what it edits ("editing <id>" / "stopped"). */
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

  function drawPeople() {
    var list = bar && bar.querySelector(".live-presence__people");
    if (!list) {
      return;
    }
    var me = state.me;
    list.textContent = "";
    state.people.forEach(function (person) {
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
    state.people.forEach(function (person) {
      if (!person.editing || person.id === state.me) {
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

  function setEditing(id) {
    if (id === state.editingId || !state.canEdit) {
      state.editingId = id;
      return;
    }
    state.editingId = id;
    live.send(id ? { type: "editing", element: id } : { type: "stopped" });
  }

  // Editing: typing in a field of a card or cell, or its edit form or menu open (a focused
  // button alone, such as the cell the editor refocuses after a save, is not editing).
  function currentEditing() {
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      var unit = live.unitOf(active);
      if (unit) {
        return unit.id;
      }
    }
    var open = grid.querySelector("form[data-inline-edit], details[open]");
    var holder = open && live.unitOf(open);
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

  live.drawPeople = drawPeople;
  live.drawMarkers = drawMarkers;
  live.setEditing = setEditing;
})();
