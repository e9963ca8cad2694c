/* Small interface helpers on every page (no inline scripts: the Content-Security-Policy allows none).
 *
 * Language menu: a disclosure button. Material opens its list on hover and keyboard focus only,
 * with no state for assistive technology and no way to open it by tapping; here the button
 * toggles aria-expanded and the list (site.css shows the list while aria-expanded="true").
 * Print: the print buttons on checklists and project pages (overrides/partials/actions.html). */
(function () {
  "use strict";

  document.querySelectorAll(".amm-lang").forEach(function (menu) {
    var button = menu.querySelector(".amm-lang__button");
    if (!button) return;
    function set(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    // Tab from the button into the list opens it; leaving the menu closes it.
    menu.addEventListener("focusin", function (event) {
      if (event.target !== button) set(true);
    });
    menu.addEventListener("focusout", function (event) {
      if (!menu.contains(event.relatedTarget)) set(false);
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!menu.contains(event.target)) set(false);
    });
    menu.classList.add("amm-lang--ready");
  });

  document.querySelectorAll("[data-amm-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
