/* Arbeitsmarktzugang-Check: shows one question at a time and, at the end, the outcome.
 *
 * No rule lives here. The build renders every question, option and outcome from
 * data/legal_rules.yaml into the page and adds the whole decision tree, precomputed in Python
 * (Rules.tree in amm/legal/rules.py), as JSON; this script only follows the answers through it.
 * The answers are kept in the address after "#" (never sent to a server, nothing stored), so a
 * link reproduces exactly this result and the browser's back button leaves the page as usual.
 * The district the person may name ("kreis", also taken from ?kreis= when the finder links here)
 * only picks which pre-rendered Ausländerbehörde is shown under the result. */
(function () {
  "use strict";

  function init(root) {
    var tree = JSON.parse(root.querySelector(".amm-check__data").textContent).tree;
    var form = root.querySelector(".amm-check__form");
    var list = root.querySelector(".amm-check__list");
    var result = root.querySelector(".amm-check__result");
    var outcome = root.querySelector(".amm-check__outcome");
    var copyButton = root.querySelector(".amm-check__copy");
    var copyStatus = root.querySelector(".amm-check__copy-status");
    var copyField = root.querySelector(".amm-check__copy-field");
    var changeLabel = root.querySelector("template[data-change-label]").content.textContent;
    var order = [];  // [[question, option], ...] in the order asked
    var districtSelect = root.querySelector(".amm-check__district-select");
    var abhBox = root.querySelector(".amm-check__abh");
    var district = "";  // district key (data/districts.yaml) or ""

    function fieldset(id) {
      return root.querySelector('fieldset[data-question="' + id + '"]');
    }

    function text(selector) {
      return root.querySelector(selector).content.textContent;
    }

    // Follow the answers through the tree: the node they reach.
    function current() {
      var node = tree;
      for (var i = 0; i < order.length; i++) node = node.a[order[i][1]];
      return node;
    }

    // The answers from the address (#activity=job&status=duldung...), kept only while valid.
    function fromAddress() {
      var node = tree;
      var answers = [];
      var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      while (node.q && params.has(node.q) && node.a[params.get(node.q)]) {
        answers.push([node.q, params.get(node.q)]);
        node = node.a[params.get(node.q)];
      }
      return answers;
    }

    function knownDistrict(key) {
      return key && root.querySelector('template[data-abh="' + key + '"]') ? key : "";
    }

    // The district from the address: #...&kreis=14612, or ?kreis=14612 from the finder's link.
    function districtFromAddress() {
      var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      return knownDistrict(params.get("kreis") || new URLSearchParams(window.location.search).get("kreis"));
    }

    function showDistrict() {
      if (!districtSelect) return;
      districtSelect.value = district;
      abhBox.textContent = "";
      if (district) abhBox.appendChild(clone('template[data-abh="' + district + '"]'));
    }

    function toAddress() {
      // leave other anchors (#heading) alone until there is an answer to keep
      if (!order.length && window.location.hash.indexOf("=") < 0) return;
      var params = new URLSearchParams();
      order.forEach(function (pair) { params.append(pair[0], pair[1]); });
      if (district) params.append("kreis", district);
      var hash = order.length ? "#" + params.toString() : "";
      history.replaceState(null, "", window.location.pathname + window.location.search + hash);
    }

    function clone(selector) {
      return root.querySelector(selector).content.cloneNode(true);
    }

    function showOutcome(leaf) {
      outcome.textContent = "";
      if (leaf.c.length === 0) {
        outcome.appendChild(clone('template[data-special="' + leaf.t + '"]'));
      } else {
        outcome.appendChild(clone('template[data-row="' + leaf.t + '"]'));
        leaf.c.forEach(function (cell, index) {
          outcome.appendChild(clone('template[data-cell="' + cell + '"]'));
          if (index === 0) outcome.lastElementChild.classList.add("amm-rule--main");
        });
      }
      result.dataset.outcome = leaf.o;
      result.dataset.cells = leaf.c.join(" ");
    }

    // Copies the nodes, not just the text: left-to-right runs inside right-to-left text keep
    // their <bdi dir="ltr"> isolation (amm/texts/bidi.py) in the list of answers.
    function copyContent(target, source) {
      source.childNodes.forEach(function (node) { target.appendChild(node.cloneNode(true)); });
    }

    function listAnswers() {
      list.textContent = "";
      order.forEach(function (pair) {
        var set = fieldset(pair[0]);
        var legend = set.querySelector("legend");
        var question = legend.textContent;
        var input = set.querySelector('input[value="' + pair[1] + '"]');
        var dt = document.createElement("dt");
        var dd = document.createElement("dd");
        var change = document.createElement("button");
        copyContent(dt, legend);
        copyContent(dd, set.querySelector('label[for="' + input.id + '"]'));
        dd.appendChild(document.createTextNode(" "));
        change.type = "button";
        change.className = "amm-check__change";
        change.textContent = changeLabel;
        change.setAttribute("aria-label", changeLabel + ": " + question);
        change.addEventListener("click", function () { reopen(pair[0]); });
        dd.appendChild(change);
        list.appendChild(dt);
        list.appendChild(dd);
      });
      list.parentNode.hidden = order.length === 0;
    }

    function render(moveFocus) {
      var node = current();
      listAnswers();
      root.querySelectorAll("fieldset[data-question]").forEach(function (set) {
        set.hidden = set.dataset.question !== node.q;
        set.querySelector(".amm-check__error").hidden = true;
      });
      order.forEach(function (pair) {
        var input = fieldset(pair[0]).querySelector('input[value="' + pair[1] + '"]');
        input.checked = true;
      });
      copyStatus.textContent = "";
      copyField.hidden = true;
      result.hidden = !node.o;
      if (node.o) {
        showOutcome(node);
        if (moveFocus) result.querySelector("h2").focus();
      } else {
        outcome.textContent = "";
        delete result.dataset.outcome;
        if (moveFocus) fieldset(node.q).querySelector("legend").focus();
      }
      toAddress();
    }

    function reopen(id) {
      for (var i = 0; i < order.length; i++) {
        if (order[i][0] === id) { order.splice(i); break; }
      }
      render(true);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var node = current();
      if (!node.q) return;
      var set = fieldset(node.q);
      var checked = set.querySelector("input:checked");
      if (!checked) {
        set.querySelector(".amm-check__error").hidden = false;
        set.querySelector("input").focus();
        return;
      }
      order.push([node.q, checked.value]);
      render(true);
    });

    root.querySelector(".amm-check__restart").addEventListener("click", function () {
      order = [];
      form.reset();
      render(true);
    });

    // Copy the address of this result. Without clipboard access (permission refused, no secure
    // context) the link is shown selected in a field, with a hint to copy it by hand.
    copyButton.addEventListener("click", function () {
      var url = window.location.href;
      function manual() {
        var input = copyField.querySelector("input");
        input.value = url;
        copyField.hidden = false;
        copyStatus.textContent = text("template[data-copy-manual]");
        input.focus();
        input.select();
      }
      function done() {
        copyField.hidden = true;
        copyStatus.textContent = text("template[data-copied]");
      }
      try {
        if (!navigator.clipboard || !navigator.clipboard.writeText) { manual(); return; }
        navigator.clipboard.writeText(url).then(done, manual);
      } catch (error) {
        manual();
      }
    });

    if (districtSelect) {
      districtSelect.addEventListener("change", function () {
        district = knownDistrict(districtSelect.value);
        showDistrict();
        toAddress();
      });
    }

    window.addEventListener("hashchange", function () {
      order = fromAddress();
      district = districtFromAddress();
      showDistrict();
      form.reset();
      render(false);
    });

    root.querySelector(".amm-check__nojs").hidden = true;
    form.hidden = false;
    order = fromAddress();
    district = districtFromAddress();
    showDistrict();
    render(false);
  }

  document.querySelectorAll(".amm-check").forEach(init);
})();
