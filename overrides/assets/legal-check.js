/* Arbeitsmarktzugang-Check: shows one question at a time and, at the end, the outcome.
 *
 * No rule lives here. The build renders every question, option and outcome from
 * data/legal_rules.yaml into the page and adds the same flow as JSON; this script only walks
 * it exactly as Rules.evaluate in amm/legal.py does (tests compare both), so Python and the
 * browser cannot disagree. Nothing is stored and nothing is sent anywhere. */
(function () {
  "use strict";

  function init(root) {
    var data = JSON.parse(root.querySelector(".amm-check__data").textContent);
    var form = root.querySelector(".amm-check__form");
    var list = root.querySelector(".amm-check__list");
    var result = root.querySelector(".amm-check__result");
    var outcome = root.querySelector(".amm-check__outcome");
    var changeLabel = root.querySelector("template[data-change-label]").content.textContent;
    var answers = {};
    var order = [];

    function fieldset(id) {
      return root.querySelector('fieldset[data-question="' + id + '"]');
    }

    function matches(when) {
      for (var q in when) {
        if (when[q].indexOf(answers[q]) < 0) return false;
      }
      return true;
    }

    function targetOf(id) {
      var question = data.questions[id];
      if (question.options[answers[id]]) return question.options[answers[id]];
      for (var i = 0; i < question.next.length; i++) {
        if (matches(question.next[i].when)) return question.next[i].then;
      }
      throw new Error("no next rule for " + id);
    }

    // The next open question, or the target the answers lead to (a row or a special outcome).
    function evaluate() {
      var current = data.start;
      while (data.questions[current]) {
        if (!(current in answers)) return { question: current };
        current = targetOf(current);
      }
      return { target: current };
    }

    function clone(selector) {
      return root.querySelector(selector).content.cloneNode(true);
    }

    function showOutcome(target) {
      var cells = [];
      outcome.textContent = "";
      if (data.specials.indexOf(target) >= 0) {
        outcome.appendChild(clone('template[data-special="' + target + '"]'));
        result.dataset.outcome = target;
      } else {
        var activity = answers[data.activity];
        outcome.appendChild(clone('template[data-row="' + target + '"]'));
        data.show[activity].forEach(function (column, index) {
          cells.push(target + "." + column);
          outcome.appendChild(clone('template[data-cell="' + target + "." + column + '"]'));
          if (index === 0) outcome.lastElementChild.classList.add("amm-rule--main");
        });
        result.dataset.outcome = target + "." + activity;
      }
      result.dataset.cells = cells.join(" ");
    }

    // Copies the nodes, not just the text: left-to-right runs inside right-to-left text keep
    // their <bdi dir="ltr"> isolation (amm/bidi.py) in the list of answers.
    function copyContent(target, source) {
      source.childNodes.forEach(function (node) { target.appendChild(node.cloneNode(true)); });
    }

    function listAnswers() {
      list.textContent = "";
      order.forEach(function (id) {
        var set = fieldset(id);
        var legend = set.querySelector("legend");
        var question = legend.textContent;
        var input = set.querySelector('input[value="' + answers[id] + '"]');
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
        change.addEventListener("click", function () { reopen(id); });
        dd.appendChild(change);
        list.appendChild(dt);
        list.appendChild(dd);
      });
      list.parentNode.hidden = order.length === 0;
    }

    function render(moveFocus) {
      var state = evaluate();
      listAnswers();
      root.querySelectorAll("fieldset[data-question]").forEach(function (set) {
        set.hidden = set.dataset.question !== state.question;
        set.querySelector(".amm-check__error").hidden = true;
      });
      result.hidden = !state.target;
      if (state.target) {
        showOutcome(state.target);
        if (moveFocus) result.querySelector("h2").focus();
      } else {
        outcome.textContent = "";
        delete result.dataset.outcome;
        if (moveFocus) fieldset(state.question).querySelector("legend").focus();
      }
    }

    function reopen(id) {
      var index = order.indexOf(id);
      order.splice(index).forEach(function (q) { delete answers[q]; });
      render(true);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var state = evaluate();
      if (!state.question) return;
      var set = fieldset(state.question);
      var checked = set.querySelector("input:checked");
      if (!checked) {
        set.querySelector(".amm-check__error").hidden = false;
        set.querySelector("input").focus();
        return;
      }
      answers[state.question] = checked.value;
      order.push(state.question);
      render(true);
    });

    root.querySelector(".amm-check__restart").addEventListener("click", function () {
      answers = {};
      order = [];
      form.reset();
      render(true);
    });

    root.querySelector(".amm-check__nojs").hidden = true;
    form.hidden = false;
    render(false);
  }

  document.querySelectorAll(".amm-check").forEach(init);
})();
