/* Offline copy, page side: registers the site's service worker (sw.js, same origin), asks it to
 * keep this language's core pages and the files this page loaded, and, when the page comes from
 * the copy, says from which date it is (text in the page language from data-notice). */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.documentElement;
  var stamp = root.getAttribute("data-amm-offline");
  if (stamp !== null) {
    var day = new Date(stamp);
    var when = isNaN(day.getTime()) ? "" : day.toLocaleDateString(root.lang || undefined,
      { year: "numeric", month: "long", day: "numeric" });
    var notice = document.createElement("aside");
    notice.className = "admonition warning amm-notice amm-notice--offline";
    notice.setAttribute("role", "note");
    var p = document.createElement("p");
    p.textContent = script.getAttribute("data-notice").replace("{date}", when);
    notice.appendChild(p);
    var article = document.querySelector(".md-content__inner") || document.body;
    article.insertBefore(notice, article.firstChild);
  }
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  var worker = navigator.serviceWorker;
  worker.addEventListener("message", function (event) {
    if (event.data && event.data.type === "amm-kept") root.setAttribute("data-amm-kept", event.data.version);
  });
  worker.register(script.getAttribute("data-sw")).then(function () { return worker.ready; }).then(function (reg) {
    var urls = [location.href.split("#")[0]].concat(performance.getEntriesByType("resource").map(function (e) {
      return e.name;
    }));
    reg.active.postMessage({ type: "amm-keep", lang: root.lang, urls: urls });
  }).catch(function () { /* no offline copy: the site works as before */ });
})();
