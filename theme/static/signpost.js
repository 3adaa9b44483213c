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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", recheck);
  } else {
    recheck();
  }
})();
