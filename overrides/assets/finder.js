/* Mentor finder: postcode, municipality or part of town -> the responsible project.
 *
 * The place index (assets/finder.json) is built by amm/places/index.py, which also holds the
 * reference implementation of fold() and resolve(); tests compare both. This file only
 * folds the query, looks it up and shows the district card pre-rendered in the page
 * language (<template id="amm-finder-d-KEY">). WAI-ARIA 1.2 combobox with a listbox popup.
 * Without JavaScript the page shows the list of districts instead. */
(function () {
  "use strict";

  // The same tables and rules as amm/places/index.py (see there for the reasons).
  var PREFIX = "(stadt|gemeinde|kurort)";
  var SUFFIX_WORDS = / (im|in|an der|am|bei)( .*)?$/;
  var NOT_A_PART = ["land", "landkreis", "kreis", "lk", "umland", "umgebung"];
  var CYRILLIC = {
    "а": "a", "б": "b", "в": "w", "д": "d", "е": "e", "ж": "sch", "з": "s", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ь": "", "ю": "ju",
    "я": "ja", "й": "i", "ё": "o", "э": "e", "ы": "y", "і": "i", "ї": "ji", "є": "je", "ґ": "g"
  };
  var CYRILLIC_RU = { "г": "g", "и": "i" };
  var CYRILLIC_UK = { "г": "h", "и": "y" };
  var CYRILLIC_RE = /[а-яёіїєґ]/;
  var ARABIC = { "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ـ": "", "\u200c": "" };
  var DIGITS = {};
  for (var i = 0; i < 10; i++) {
    DIGITS[String.fromCharCode(0x660 + i)] = String(i);
    DIGITS[String.fromCharCode(0x6F0 + i)] = String(i);
  }
  var KEEP = /[^a-z0-9\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06af]+/g;
  var ORDER = "mdl";

  function map(text, table) {
    var out = "";
    for (var ch of text) out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    return out;
  }

  function fold(text, cyrillic) {
    var s = String(text).toLowerCase().normalize("NFC").replace(/ß/g, "ss");
    if (CYRILLIC_RE.test(s)) s = map(map(s, cyrillic === "uk" ? CYRILLIC_UK : CYRILLIC_RU), CYRILLIC);
    s = map(map(s, ARABIC), DIGITS).normalize("NFKD").replace(/\p{Mn}/gu, "");
    s = s.replace(/ł/g, "l").replace(/ø/g, "o").replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
    return s.replace(KEEP, " ").trim().split(" ").filter(Boolean).join(" ");
  }

  function stripPrefix(folded) {
    return folded.replace(new RegExp("^" + PREFIX + " +"), "").replace(new RegExp(" +" + PREFIX + "$"), "");
  }

  function foldQuery(text, cyrillic) { return stripPrefix(fold(text, cyrillic)); }

  function queryVariants(text) {
    var out = [];
    [foldQuery(text, "ru"), foldQuery(text, "uk")].forEach(function (v) { if (v && out.indexOf(v) < 0) out.push(v); });
    return out;
  }

  function baseName(text) { return fold(String(text).split(/[\/,]/)[0]).replace(SUFFIX_WORDS, ""); }

  function load(data) {
    var cities = data.c || [];
    return data.e.map(function (e, i) {
      return { label: e[0], district: data.d[e[1]], keyList: e[2] ? e[2].split("|") : [],
               postcodes: e[3] ? e[3].split(" ") : [], kind: e[4], city: cities.indexOf(i) >= 0 };
    });
  }

  function answer(found) {
    var districts = [];
    found.forEach(function (e) { if (districts.indexOf(e.district) < 0) districts.push(e.district); });
    return { kind: districts.length === 1 ? "district" : "choose", districts: districts, entries: found };
  }

  function postcode(q) {
    q = q.replace(/^(plz|de|d) ?(?=[0-9])/, "");
    var m = /^([0-9][0-9 ]*?)( [a-z\u0621-\u06af].*)?$/.exec(q) || /^[a-z].* ([0-9]{5})$/.exec(q);
    return m ? m[1].replace(/ /g, "") : null;
  }

  function typoLimit(q) { return q.length < 4 ? 0 : q.length < 6 ? 1 : 2; }

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > limit) return limit + 1;
      before = prev;
      prev = cur;
    }
    return Math.min(prev[b.length], limit + 1);
  }

  function compare(ra, rb) {
    for (var k = 0; k < ra.length; k++) { if (ra[k] < rb[k]) return -1; if (ra[k] > rb[k]) return 1; }
    return 0;
  }

  function rank(e, tie) { return [ORDER.indexOf(e.kind), tie, e.label]; }

  function hasKey(e, qs) { return qs.some(function (q) { return e.keyList.indexOf(q) >= 0; }); }

  function typos(index, qs) {
    var best = null, close = [];
    index.forEach(function (e) {
      var found = [];
      qs.forEach(function (q) {
        var lim = typoLimit(q);
        e.keyList.forEach(function (k) { var d = distance(q, k, lim); if (d <= lim) found.push(d); });
      });
      if (!found.length) return;
      var d = Math.min.apply(null, found);
      if (best === null || d <= best) {
        if (best === null || d < best) { best = d; close = []; }
        close.push(e);
      }
    });
    close.sort(function (a, b) { return compare(rank(a, 0), rank(b, 0)); });
    return close;
  }

  function cityOf(index, qs) {
    for (var n = 0; n < index.length; n++) {
      var e = index[n];
      if (!e.city) continue;
      for (var a = 0; a < e.keyList.length; a++) {
        var k = e.keyList[a];
        for (var b = 0; b < qs.length; b++) {
          var q = qs[b], rest = "";
          if (q.indexOf(k + " ") === 0) rest = q.slice(k.length + 1);
          else if (q.length > k.length + 1 && q.slice(-(k.length + 1)) === " " + k) rest = q.slice(0, -(k.length + 1));
          if (rest && NOT_A_PART.indexOf(rest) < 0) return e;
        }
      }
    }
    return null;
  }

  function resolve(index, query, limit) {
    limit = limit || 8;
    var none = { kind: "none", districts: [], entries: [] };
    var qs = queryVariants(query);
    if (!qs.length) return none;
    var code = postcode(qs[0]);
    if (code !== null && code.length === 5) {
      var byCode = index.filter(function (e) { return e.kind === "m" && e.postcodes.indexOf(code) >= 0; });
      return byCode.length ? answer(byCode) : { kind: "outside", districts: [], entries: [] };
    }
    if (code !== null && code.length < 5) {
      var partial = index.filter(function (e) {
        return e.kind === "m" && e.postcodes.some(function (p) { return p.indexOf(code) === 0; });
      });
      return partial.length ? { kind: "suggest", districts: [], entries: partial.slice(0, limit) } : none;
    }
    var exact = index.filter(function (e) { return hasKey(e, qs); });
    if (!exact.length) {
      var bases = [stripPrefix(baseName(query))].filter(Boolean);
      exact = index.filter(function (e) { return hasKey(e, bases); });
    }
    if (exact.length) {
      var placesOnly = exact.filter(function (e) { return e.kind !== "d"; });
      return answer(placesOnly.length ? placesOnly : exact);
    }
    function prefixLength(e) {
      var best = Infinity;
      qs.forEach(function (q) { e.keyList.forEach(function (k) { if (k.indexOf(q) === 0 && k.length < best) best = k.length; }); });
      return best;
    }
    var prefix = index.filter(function (e) { return prefixLength(e) < Infinity; });
    prefix.sort(function (a, b) { return compare(rank(a, prefixLength(a)), rank(b, prefixLength(b))); });
    var city = cityOf(index, qs);
    if (city) {
      var parts = prefix.filter(function (e) { return e !== city; }).concat([city]).slice(0, limit);
      return { kind: "district", districts: [city.district], entries: parts };
    }
    var close = prefix.length < limit ? typos(index, qs) : [];
    var found = prefix.concat(close.filter(function (e) { return prefix.indexOf(e) < 0; }));
    return found.length ? { kind: "suggest", districts: [], entries: found.slice(0, limit) } : none;
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
    offerLink(entry.label);
  }

  // The answer as a link: ?ort=<place> in the address reproduces it (nothing is stored anywhere).
  function offerLink(place) {
    var url = new URL(location.href);
    url.searchParams.set("ort", place);
    url.hash = "";
    var href = url.href;
    try { history.replaceState(history.state, "", href); } catch (e) { /* file:// pages */ }
    var box = document.createElement("p");
    box.className = "amm-finder__link";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button amm-finder__copy";
    button.textContent = msg.msgCopy;
    function manual() {  // no clipboard (old browser, permission refused): the link to copy by hand
      var field = box.querySelector("input");
      if (!field) {
        field = document.createElement("input");
        field.type = "text";
        field.readOnly = true;
        field.dir = "ltr";
        field.setAttribute("aria-label", msg.msgLinkLabel);
        box.appendChild(field);
      }
      field.value = href;
      say(msg.msgManual);
      field.focus();
      field.select();
    }
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !navigator.clipboard.writeText) { manual(); return; }
      navigator.clipboard.writeText(href).then(function () { say(msg.msgCopied); }, manual);
    });
    box.appendChild(button);
    result.appendChild(box);
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
      offerLink(query.trim());
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

  // Opened with a place in the address (a link from the copy button): show its answer.
  var linked = new URLSearchParams(location.search).get("ort");
  if (linked) {
    input.value = linked;
    ensureIndex().then(submit);
  }
})();
