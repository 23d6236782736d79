// Leaflet finds its marker images from its stylesheet's address, which fails
// once static files carry a hash in their names (marker-icon.<hash>.png): the
// page asks for them by their real addresses, given on this script's tag.
(function () {
  "use strict";

  var script = document.currentScript;
  if (typeof L === "undefined" || !script) {
    return;
  }
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: script.dataset.icon,
    iconRetinaUrl: script.dataset.iconRetina,
    // No shadow: it has no high-density version, and is blurred on a phone.
    shadowUrl: "",
  });
})();
