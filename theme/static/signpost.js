// Rechecks the review notice against the reader's today: pages are read long after they
// are built, so a page in date at build time can be past its review date now.
(function () {
  "use strict";
  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function recheck() {
    var today = todayIso();
    var notices = document.querySelectorAll("[data-review-by]");
    for (var i = 0; i < notices.length; i++) {
      if (notices[i].getAttribute("data-review-by") < today) {
        notices[i].hidden = false;
      }
    }
  }
  // Search's script, the largest on most pages, is fetched the first time the reader goes
  // to the search box (or at once on the search page, or when the box kept a query), not
  // with every page: most readers of a page never search. A classic script, as everything
  // here, so it loads from file:// too.
  function loadSearch(form) {
    if (form.hasAttribute("data-search-loading")) return;
    form.setAttribute("data-search-loading", "");
    var script = document.createElement("script");
    script.src = form.getAttribute("data-search-script");
    document.head.appendChild(script);
  }
  function searchOnDemand() {
    var form = document.querySelector("form.site-search[data-search-script]");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    if (document.querySelector("[data-search-page]") || (input && input.value)) {
      loadSearch(form);
      return;
    }
    var load = function () { loadSearch(form); };
    form.addEventListener("focusin", load);
    form.addEventListener("pointerdown", load);
    if (form.contains(document.activeElement)) load();
  }
  // The box near the top of a page with a wizard holds the wizard's "Start now" too, so it
  // is a Tab press or two from the top of main. It shows while the wizard shows its own
  // start (not before the wizard runs, nor part-way through, when the box's link leads to
  // it) and presses the wizard's own, which starts it and moves focus to the first question.
  function wizardStartsNearTop() {
    var buttons = document.querySelectorAll("button[data-wizard-start]");
    Array.prototype.forEach.call(buttons, function (button) {
      var wizard = document.getElementById(button.getAttribute("data-wizard-start"));
      if (!wizard || typeof MutationObserver === "undefined") return;
      var own = function () { return wizard.querySelector(".wizard-start button"); };
      var update = function () { button.parentNode.hidden = !own(); };
      new MutationObserver(update).observe(wizard, { childList: true, subtree: true });
      update();
      button.addEventListener("click", function () {
        var start = own();
        if (start) start.click();
      });
    });
  }
  function start() {
    recheck();
    searchOnDemand();
    wizardStartsNearTop();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
