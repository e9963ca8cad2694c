/* Site search with Pagefind, opened from the header.
 * The Pagefind UI (script, styles, index) loads only when a visitor opens the search.
 * Paths are derived from the page, so the site works when hosted under a sub-path. */
(function () {
  "use strict";
  var toggle = document.querySelector(".amm-search-toggle");
  var panel = document.getElementById("amm-search-panel");
  if (!toggle || !panel) return;
  var closeButton = panel.querySelector(".amm-search-close");
  var root = new URL(panel.getAttribute("data-amm-root"), document.baseURI).pathname;
  var bundle = new URL(panel.getAttribute("data-amm-bundle"), document.baseURI).pathname;
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = function () {
        /* global PagefindUI */
        new PagefindUI({
          element: "#amm-search-ui",
          bundlePath: bundle,
          baseUrl: root,
          showImages: false,
          showSubResults: true,
          autofocus: true
        });
        resolve();
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function focusInput() {
    var input = panel.querySelector("input");
    if (input) input.focus();
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    load().then(focusInput);
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    if (panel.hidden) open(); else close();
  });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
