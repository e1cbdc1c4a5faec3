// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Warn before leaving a form with unsaved changes (forms marked data-warn-unsaved).
  document.addEventListener("DOMContentLoaded", function () {
    // The header's menu is open on wide screens (its button hidden) and folded on phones.
    document.querySelectorAll("details[data-open-from]").forEach(function (menu) {
      var wide = window.matchMedia("(min-width: " + menu.getAttribute("data-open-from") + "px)");
      var follow = function () { menu.open = wide.matches; };
      follow();
      wide.addEventListener("change", follow);
    });

    // A print button is shown only where it works (it needs this script).
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });

    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
      var dirty = false;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("change", function () { dirty = true; });
      form.addEventListener("submit", function () { dirty = false; });
      window.addEventListener("beforeunload", function (event) {
        if (dirty) { event.preventDefault(); event.returnValue = ""; }
      });
    });

    // A unit typed by name (a scope too large for a select): the portal's suggestions as the officer types.
    document.querySelectorAll("input[data-unit-search]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      var timer = null;
      var asked = "";
      if (!list) { return; }
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          var text = input.value.trim();
          if (text.length < 2 || text === asked) { return; }
          asked = text;
          fetch(input.getAttribute("data-unit-search") + "&q=" + encodeURIComponent(text),
                { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { results: [] }; })
            .then(function (data) {
              list.replaceChildren.apply(list, data.results.map(function (label) {
                var option = document.createElement("option");
                option.value = label;
                return option;
              }));
            })
            .catch(function () { /* no suggestions; typing still works */ });
        }, 200);
      });
    });

    // Confirmation for destructive buttons (data-confirm="message").
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });

    // Inline formsets: a button with data-formset-add="prefix" clones the empty form.
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.addEventListener("click", function () {
        var prefix = button.getAttribute("data-formset-add");
        var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
        var template = document.getElementById(prefix + "-empty-form");
        var target = document.getElementById(prefix + "-forms");
        if (!total || !template || !target) { return; }
        var index = parseInt(total.value, 10);
        var html = template.innerHTML.replace(/__prefix__/g, String(index));
        target.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        var first = target.lastElementChild && target.lastElementChild.querySelector("input, select, textarea");
        if (first) { first.focus(); }
      });
    });
  });
})();
