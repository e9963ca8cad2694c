/* Material for MkDocs 9.8.1, partials/javascripts/content.html, moved out of the page so that the
 * Content-Security-Policy needs no inline scripts. */
(function () {
  "use strict";
  var tabs = document.currentScript.hasAttribute("data-md-tabs-link") ? __md_get("__tabs") : null;
  if (Array.isArray(tabs)) {
    sets: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) {
        for (var label of labels.getElementsByTagName("label")) {
          if (label.innerText.trim() === tab) {
            document.getElementById(label.htmlFor).checked = true;
            continue sets;
          }
        }
      }
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
