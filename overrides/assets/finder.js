/* Mentor finder: postcode, municipality or part of town -> the responsible project.
 *
 * The place index (assets/finder.json) is built by amm/places.py, which also holds the
 * reference implementation of fold() and resolve(); tests compare both. This file only
 * folds the query, looks it up and shows the district card pre-rendered in the page
 * language (<template id="amm-finder-d-KEY">). WAI-ARIA 1.2 combobox with a listbox popup.
 * Without JavaScript the page shows the list of districts instead. */
(function () {
  "use strict";

  var SUFFIX = /\s*(\/|,|\bim\b|\bin\b|\ban der\b|\bam\b|\bbei\b).*$/;
  var ORDER = "mdl";

  function fold(text) {
    var s = String(text).toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{Mn}/gu, "");
    s = s.replace(/ł/g, "l").replace(/ø/g, "o").replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
    return s.replace(/[^a-z0-9]+/g, " ").trim().replace(/\s+/g, " ");
  }

  function foldQuery(text) {
    return fold(text).replace(/^(stadt|gemeinde)\s+/, "").replace(/\s+(stadt|gemeinde)$/, "");
  }

  function load(data) {
    return data.e.map(function (e) {
      return { label: e[0], district: data.d[e[1]], keyList: e[2] ? e[2].split("|") : [],
               postcodes: e[3] ? e[3].split(" ") : [], kind: e[4] };
    });
  }

  function answer(found) {
    var districts = [];
    found.forEach(function (e) { if (districts.indexOf(e.district) < 0) districts.push(e.district); });
    return { kind: districts.length === 1 ? "district" : "choose", districts: districts, entries: found };
  }

  function resolve(index, query, limit) {
    limit = limit || 8;
    var raw = String(query).trim();
    var digits = raw.replace(/\s+/g, "");
    if (/^[0-9]{5}$/.test(digits)) {
      var byCode = index.filter(function (e) { return e.kind === "m" && e.postcodes.indexOf(digits) >= 0; });
      return byCode.length ? answer(byCode) : { kind: "outside", districts: [], entries: [] };
    }
    if (/^[0-9]{1,4}$/.test(digits)) {
      var partial = index.filter(function (e) {
        return e.kind === "m" && e.postcodes.some(function (p) { return p.indexOf(digits) === 0; });
      });
      return { kind: partial.length ? "suggest" : "none", districts: [], entries: partial.slice(0, limit) };
    }
    var q = foldQuery(raw);
    if (!q) return { kind: "none", districts: [], entries: [] };
    var exact = index.filter(function (e) { return e.keyList.indexOf(q) >= 0; });
    if (!exact.length) {
      var base = foldQuery(raw.replace(SUFFIX, ""));
      exact = index.filter(function (e) { return base && e.keyList.indexOf(base) >= 0; });
    }
    if (exact.length) {
      var placesOnly = exact.filter(function (e) { return e.kind !== "d"; });
      return answer(placesOnly.length ? placesOnly : exact);
    }
    var prefix = index.filter(function (e) { return e.keyList.some(function (k) { return k.indexOf(q) === 0; }); });
    function rank(e) {
      var shortest = Math.min.apply(null, e.keyList.filter(function (k) { return k.indexOf(q) === 0; })
        .map(function (k) { return k.length; }));
      return [ORDER.indexOf(e.kind), shortest, e.label];
    }
    prefix.sort(function (a, b) {
      var ra = rank(a), rb = rank(b);
      for (var i = 0; i < 3; i++) { if (ra[i] < rb[i]) return -1; if (ra[i] > rb[i]) return 1; }
      return 0;
    });
    return { kind: prefix.length ? "suggest" : "none", districts: [], entries: prefix.slice(0, limit) };
  }

  window.ammFinder = { fold: fold, foldQuery: foldQuery, resolve: resolve, load: load };

  var root = document.querySelector("[data-amm-finder]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("[role=combobox]");
  var list = root.querySelector("[role=listbox]");
  var status = root.querySelector(".amm-finder__status");
  var result = root.querySelector(".amm-finder__result");
  var msg = root.dataset;
  var index = null;
  var options = [];
  var active = -1;

  // The place index (about 10 KB gzipped) loads on first use, not with the page.
  var loading = null;
  function ensureIndex() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (data) {
        index = load(data);
        window.ammFinder.index = index;
        return index;
      });
    }
    return loading;
  }
  form.hidden = false;
  root.classList.add("amm-finder--ready");
  window.ammFinder.ensureIndex = ensureIndex;
  input.addEventListener("focus", ensureIndex);

  function districtName(key) {
    var t = document.getElementById("amm-finder-d-" + key);
    return t ? t.getAttribute("data-name") : key;
  }

  function say(text) { status.textContent = text; }

  function closeList() {
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    options = [];
    active = -1;
  }

  function optionText(e) { return e.label + " – " + districtName(e.district); }

  function openList(entries) {
    list.innerHTML = "";
    options = entries;
    entries.forEach(function (e, i) {
      var li = document.createElement("li");
      li.id = "amm-finder-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = optionText(e);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      li.addEventListener("click", function () { choose(e); });
      list.appendChild(li);
    });
    var open = entries.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    active = -1;
    say(open ? msg.msgSuggestions.replace("{n}", entries.length) : "");
  }

  function highlight(i) {
    var items = list.querySelectorAll("[role=option]");
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function showTemplate(id) {
    var t = document.getElementById(id);
    var node = document.importNode(t.content, true);
    result.appendChild(node);
  }

  // The result is a named region that takes the focus (visible outline, site.css) so that
  // screen readers read it; an empty result is hidden.
  function showResult() {
    result.hidden = false;
    result.focus();
  }

  function clearResult() {
    result.innerHTML = "";
    result.hidden = true;
  }

  function showDistricts(districts, heading) {
    result.innerHTML = "";
    if (heading) {
      var p = document.createElement("p");
      p.className = "amm-finder__heading";
      p.textContent = heading;
      result.appendChild(p);
    }
    districts.forEach(function (key) { showTemplate("amm-finder-d-" + key); });
    showResult();
  }

  function choose(entry) {
    input.value = entry.label;
    closeList();
    say(msg.msgResult.replace("{place}", entry.label).replace("{district}", districtName(entry.district)));
    showDistricts([entry.district]);
  }

  function showChoices(entries, text) {
    result.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = text;
    result.appendChild(p);
    var ul = document.createElement("ul");
    ul.className = "amm-finder__choices";
    entries.forEach(function (e) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = optionText(e);
      b.addEventListener("click", function () { choose(e); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    result.appendChild(ul);
    say(text);
    showResult();
  }

  function submit() {
    if (!index) { ensureIndex().then(submit); return; }
    var query = input.value;
    var a = resolve(index, query);
    closeList();
    if (a.kind === "district") {
      say(msg.msgResult.replace("{place}", query.trim()).replace("{district}", districtName(a.districts[0])));
      showDistricts(a.districts);
    } else if (a.kind === "choose") {
      showChoices(a.entries, msg.msgChoose);
    } else if (a.kind === "suggest" && a.entries.length === 1) {
      choose(a.entries[0]);
    } else if (a.kind === "suggest") {
      showChoices(a.entries, msg.msgChoose);
    } else if (a.kind === "outside") {
      // the explanation is shown once, in the result (not also in the status line)
      result.innerHTML = "";
      showTemplate("amm-finder-outside");
      say("");
      showResult();
    } else {
      // nothing found: the status line says so once; the focus stays in the field to try again
      clearResult();
      say(msg.msgNone);
      input.focus();
    }
  }

  input.addEventListener("input", function () {
    if (!index) { ensureIndex().then(function () { input.dispatchEvent(new Event("input")); }); return; }
    var q = input.value;
    if (!q.trim()) { closeList(); return; }
    var a = resolve(index, q);
    openList(a.kind === "suggest" || a.kind === "choose" || a.kind === "district" ? a.entries.slice(0, 8) : []);
  });

  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") {
      if (list.hidden && input.value.trim()) input.dispatchEvent(new Event("input"));
      if (options.length) { highlight((active + 1) % options.length); }
      ev.preventDefault();
    } else if (ev.key === "ArrowUp") {
      if (options.length) { highlight(active <= 0 ? options.length - 1 : active - 1); }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (active >= 0 && options[active]) { ev.preventDefault(); choose(options[active]); }
    } else if (ev.key === "Escape") {
      if (!list.hidden) { closeList(); ev.preventDefault(); } else { input.value = ""; }
    }
  });

  input.addEventListener("blur", function () { setTimeout(closeList, 150); });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    submit();
  });
})();
