/* Practice notes index: filter by topic, status and audience. Without JavaScript the notes stay a
   plain list grouped by topic; the form is shown only when this script runs. A note matches a
   filter if it carries the chosen tag; a note without status tags applies to every status. */
(function () {
  "use strict";
  function init(root) {
    var form = root.querySelector(".amm-notes-filter");
    if (!form) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var notes = Array.prototype.slice.call(root.querySelectorAll("article.amm-note"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".amm-notes-group"));
    var status = form.querySelector(".amm-notes-filter__status");
    var total = root.getAttribute("data-total");

    function matches(note) {
      return selects.every(function (select) {
        var wanted = select.value;
        if (!wanted) return true;
        var kind = select.getAttribute("data-kind");
        var have = (note.getAttribute("data-" + kind) || "").split(" ").filter(Boolean);
        if (kind === "status" && have.length === 0) return true;
        return have.indexOf(wanted) !== -1;
      });
    }

    function apply() {
      var shown = 0;
      notes.forEach(function (note) {
        var ok = matches(note);
        note.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("article.amm-note:not([hidden])");
      });
      status.textContent = shown === 0 ? status.getAttribute("data-none")
        : status.getAttribute("data-template").replace("{n}", shown).replace("{total}", total);
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".amm-notes-index"), init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
