// Signpost preview only: `signpost serve` adds this script to every page it serves; built
// sites never have it. It listens to the preview's event stream, reloads the page when the
// site has been rebuilt, and shows build errors over the page (the page underneath stays the
// last version that built). External, not inline: pages allow no inline script.
(function () {
  "use strict";
  if (!window.EventSource || !document.currentScript) {
    return;
  }
  var generation = Number(new URL(document.currentScript.src).searchParams.get("generation"));
  var SCROLL_KEY = "signpost-preview-scroll";
  var overlay = null;

  // Back to where the reader was before the reload.
  try {
    var saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null");
    sessionStorage.removeItem(SCROLL_KEY);
    if (saved && saved.path === location.pathname) {
      window.addEventListener("load", function () {
        window.scrollTo(saved.x, saved.y);
      });
    }
  } catch (ignored) {
    // Storage may be off; reloading to the top is fine.
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({
        path: location.pathname, x: window.scrollX, y: window.scrollY
      }));
    } catch (ignored) {
      // As above.
    }
    location.reload();
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function showProblems(problems) {
    if (document.getElementById("signpost-build-error-page")) {
      return; // the error page lists them itself
    }
    hideProblems();
    overlay = element("div", "signpost-preview-error");
    overlay.setAttribute("role", "alert");
    var box = element("div", "signpost-preview-error-box");
    box.appendChild(element("h2", "", "The site could not be rebuilt"));
    box.appendChild(element("p", "",
      "You are looking at the last version that built. Fix the problem and save: " +
      "this page reloads by itself."));
    var list = element("ol");
    problems.forEach(function (problem) {
      var item = element("li", "signpost-preview-problem signpost-preview-problem-" + problem.severity);
      item.appendChild(element("code", "", problem.location));
      item.appendChild(document.createTextNode(" " + problem.severity + ": " + problem.message));
      if (problem.help) {
        item.appendChild(element("div", "signpost-preview-help", "help: " + problem.help));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var hide = element("button", "", "Hide until the next change");
    hide.type = "button";
    hide.addEventListener("click", hideProblems);
    box.appendChild(hide);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var events = new EventSource("/__signpost/events");
  events.addEventListener("built", function (event) {
    var data = JSON.parse(event.data);
    if (data.generation !== generation) {
      reload();
    } else {
      hideProblems();
    }
  });
  events.addEventListener("failed", function (event) {
    var data = JSON.parse(event.data);
    if (data.generation !== generation) {
      reload(); // a newer good build exists: show that, then the problems over it
    } else {
      showProblems(data.problems);
    }
  });
})();
