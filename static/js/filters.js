// The filters (<details data-filters>) are open on wide screens, where they sit
// beside the results, and folded on small ones, where they would push the
// results down. Without JavaScript they stay folded: "Filtres" opens them.
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 50.01rem)");

  function follow() {
    document.querySelectorAll("details[data-filters]").forEach(function (details) {
      if (!details.querySelector("[aria-invalid='true']")) {
        details.open = wide.matches;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    follow();
    wide.addEventListener("change", follow);
  });
})();
