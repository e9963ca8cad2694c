/* Offline copy of the site (service worker). Same origin only; nothing leaves the device.
 *
 * The build (hooks/offline.py, amm/offline.py) fills in VERSION, a hash of the built site, and
 * CORE, per language the pages a mentee needs without a connection (start page, finder with its
 * place data, status overview, recognition in brief, the check) and the files they load. After
 * the first visit in a language those are kept, and every page of the site the visitor opens is
 * kept too. Pages come from the network while there is one and from the copy only when there is
 * none; the copy is then marked so the page can say from which date it is. A rebuilt site has a
 * new VERSION: the browser installs the new worker, which deletes the old copy. */
"use strict";

var VERSION = "__AMM_VERSION__";
var CORE = __AMM_CORE__;
var CACHE = "amm-" + VERSION;
var SCOPE = self.registration.scope;

function inScope(url) {
  return url.indexOf(SCOPE) === 0 && url.indexOf(SCOPE + "pagefind/") !== 0 && !/\/sw\.js$/.test(url.split("?")[0]);
}

function keep(cache, url) {
  return fetch(url, { credentials: "omit" }).then(function (response) {
    if (response.ok && response.type === "basic") return cache.put(url, response);
  }).catch(function () { /* offline or gone: kept next time */ });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("amm-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// A page asks to keep its language's core pages and the files it has just loaded itself.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "amm-keep" || !Object.prototype.hasOwnProperty.call(CORE, data.lang)) return;
  var urls = CORE[data.lang].map(function (path) { return new URL(path, SCOPE).href; })
    .concat((data.urls || []).filter(function (url) { return typeof url === "string" && inScope(url); }));
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.filter(function (url, i) { return urls.indexOf(url) === i; }).map(function (url) {
      return cache.match(url).then(function (hit) { return hit || keep(cache, url); });
    }));
  }).then(function () {
    if (event.source) event.source.postMessage({ type: "amm-kept", version: VERSION });
  }));
});

// The copy says so: <html data-amm-offline="<date the copy was made>">, read by assets/offline.js.
function marked(response) {
  var date = (response.headers.get("date") || "").replace(/[^0-9A-Za-z ,:+-]/g, "");
  var headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return response.text().then(function (html) {
    return new Response(html.replace(/<html\b/i, '<html data-amm-offline="' + date + '"'),
      { status: 200, statusText: "OK", headers: headers });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !inScope(request.url)) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(request.url.split("?")[0].split("#")[0], copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(request, { ignoreSearch: true });
      }).then(function (hit) { return hit ? marked(hit) : Response.error(); });
    }));
    return;
  }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      });
    });
  }));
});
