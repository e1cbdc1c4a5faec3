// Link pickers of the recipients form (commendations/widgets/link_picker.html): the ID box is
// hidden, a search box asks the portal (htmx) for matching records in the officer's scope, and
// choosing one fills the ID. Progressive enhancement only: without this file the ID box stays.
(function () {
  "use strict";

  function part(picker, name) { return picker.querySelector("[data-link-" + name + "]"); }

  function enhance(picker) {
    if (picker.hasAttribute("data-link-ready")) { return; }
    picker.setAttribute("data-link-ready", "");
    var value = part(picker, "value");
    var search = part(picker, "search");
    value.type = "hidden";
    search.hidden = false;
    search.disabled = false;
    // The field's label and help now describe the search box.
    var label = document.querySelector('label[for="' + CSS.escape(value.id) + '"]');
    if (label) { label.htmlFor = search.id; }
    var help = value.getAttribute("aria-describedby");
    if (help) { search.setAttribute("aria-describedby", help); }
    part(picker, "clear").hidden = !value.value;
  }

  function enhanceAll(root) {
    if (root.matches && root.matches("[data-link-picker]")) { enhance(root); }
    if (root.querySelectorAll) { root.querySelectorAll("[data-link-picker]").forEach(enhance); }
  }

  function choose(picker, id, text) {
    var value = part(picker, "value");
    value.value = id;
    value.dispatchEvent(new Event("change", { bubbles: true }));  // marks the form as edited
    part(picker, "text").textContent = text;
    part(picker, "chosen").hidden = !id;
    part(picker, "clear").hidden = !id;
    var search = part(picker, "search");
    search.value = "";
    part(picker, "options").replaceChildren();
    search.focus();
  }

  // Choosing a member also writes their name, year of birth and commune into the row's empty
  // boxes (and the recipient type); what the officer already typed is never overwritten.
  function fillRow(picker, fill) {
    var value = part(picker, "value");
    var form = value.form;
    var prefix = value.name.replace(/[^-]+$/, "");
    Object.keys(fill).forEach(function (name) {
      var box = form && form.elements[prefix + name];
      if (!box || box.value || fill[name] === "" || fill[name] === null) { return; }
      box.value = String(fill[name]);
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function options(picker) { return Array.prototype.slice.call(picker.querySelectorAll("[data-link-choose]")); }

  document.addEventListener("click", function (event) {
    var picker = event.target.closest("[data-link-picker]");
    // A click elsewhere closes the other pickers' lists.
    document.querySelectorAll("[data-link-options]").forEach(function (list) {
      if (!picker || !picker.contains(list)) { list.replaceChildren(); }
    });
    if (!picker) { return; }
    var option = event.target.closest("[data-link-choose]");
    if (option) {
      choose(picker, option.getAttribute("data-link-choose"), option.getAttribute("data-link-text"));
      fillRow(picker, JSON.parse(option.getAttribute("data-link-fill") || "{}"));
    } else if (event.target.closest("[data-link-clear]")) {
      choose(picker, "", "");
    }
  });

  document.addEventListener("keydown", function (event) {
    var picker = event.target.closest && event.target.closest("[data-link-picker]");
    if (!picker) { return; }
    var list = options(picker);
    var at = list.indexOf(event.target);
    var inSearch = event.target === part(picker, "search");
    if (inSearch && event.key === "Enter") {
      event.preventDefault();  // never submits the decision form from the search box
      if (list.length) { list[0].focus(); }
    } else if (event.key === "ArrowDown" && (inSearch || at >= 0) && list.length) {
      event.preventDefault();
      list[Math.min(at + 1, list.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? part(picker, "search") : list[at - 1]).focus();
    } else if (event.key === "Escape" && (inSearch || at >= 0)) {
      part(picker, "options").replaceChildren();
      part(picker, "search").focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhanceAll(document);
    // Rows added from the formset's empty form (portal.js) get the same picker, and htmx binds them.
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1 || !(node.matches("[data-link-picker]") || node.querySelector("[data-link-picker]"))) {
            return;
          }
          enhanceAll(node);
          if (window.htmx) { window.htmx.process(node); }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
