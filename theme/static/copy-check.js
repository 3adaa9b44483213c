// Downloaded copies (the site zip, single-page copies) are read long after they are made:
// once the reader's today is past the copy's "trust until" date, show the banner that says
// the copy is out of date. (An external script in the site; inlined, allowed by its hash,
// in a single-page copy.)
(function () {
  "use strict";
  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function check() {
    var notice = document.querySelector("[data-copy-valid-until]");
    var banner = document.querySelector("[data-copy-expired]");
    if (!notice || !banner) return;
    if (notice.getAttribute("data-copy-valid-until") < todayIso()) {
      banner.hidden = false;
      document.documentElement.className += " copy-expired";
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
