// The article page: choosing an event, a quote or an actor highlights its evidence in the text.
// Segments name what covers them in data-* attributes (readout/serve/highlight.py); this only
// toggles classes, so no text from the page is ever turned into markup.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) { return; }
  var picks = document.querySelectorAll("button.pick");
  var selectors = {
    event: function (id) { return ['[data-evidence~="' + id + '"]', '[data-triggers~="' + id + '"]']; },
    quote: function (id) { return ['[data-quotes~="' + id + '"]', '[data-cues~="' + id + '"]']; },
    actor: function (id) { return ['[data-mentions~="' + id + '"]']; }
  };

  function clear() {
    text.querySelectorAll(".chosen, .chosen-trigger").forEach(function (el) {
      el.classList.remove("chosen", "chosen-trigger");
    });
    picks.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
  }

  function choose(kind, id, scroll) {
    if (!/^[A-Za-z0-9_-]+$/.test(id) || !selectors[kind]) { return; }
    clear();
    var first = null;
    selectors[kind](id).forEach(function (selector, i) {
      text.querySelectorAll(selector).forEach(function (el) {
        el.classList.add(i === 0 ? "chosen" : (kind === "event" ? "chosen-trigger" : "chosen"));
        if (!first) { first = el; }
      });
    });
    picks.forEach(function (b) {
      if (b.dataset.kind === kind && b.dataset.id === id) { b.setAttribute("aria-pressed", "true"); }
    });
    if (first && scroll) { first.scrollIntoView({ block: "center" }); }
    var url = new URL(window.location.href);
    ["event", "quote", "actor"].forEach(function (k) { url.searchParams.delete(k); });
    url.searchParams.set(kind, id);
    window.history.replaceState(null, "", url);
  }

  picks.forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") { clear(); return; }
      choose(button.dataset.kind, button.dataset.id, true);
    });
  });
  var params = new URLSearchParams(window.location.search);
  ["event", "quote", "actor"].forEach(function (kind) {
    if (params.get(kind)) { choose(kind, params.get(kind), true); }
  });
})();
