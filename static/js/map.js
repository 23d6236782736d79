// Small maps: every element with data-map becomes a Leaflet map centred on its
// data-lat/data-lng point, or showing every place of its data-points list. Without JavaScript the figure caption still names
// the place; if tiles cannot load, the marker stays on a blank map.
(function () {
  "use strict";

  function setUp(element) {
    if (typeof L === "undefined") {
      return;
    }
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 18,
      // Sharp on high-density screens: tiles of the next zoom level, at half size.
      detectRetina: true,
    }).addTo(map);
    var lat = parseFloat(element.dataset.lat);
    var lng = parseFloat(element.dataset.lng);
    if (!isNaN(lat) && !isNaN(lng)) {
      var label = element.getAttribute("aria-label") || "";
      // Markers only show where: nothing happens on a click, so they are not
      // targets for the pointer or the keyboard (the caption names the place).
      L.marker([lat, lng], { title: label, alt: label, interactive: false, keyboard: false }).addTo(map);
      map.setView([lat, lng], 11);
    } else {
      map.setView([46.6, 2.4], 5);
    }
    // Several places (an initiative's sites): a marker each, all in view.
    var pointsId = element.dataset.points;
    if (pointsId) {
      var listed = document.getElementById(pointsId);
      if (listed) {
        var markers = JSON.parse(listed.textContent).map(function (place) {
          return L.marker([place.lat, place.lng], {
            title: place.label,
            alt: place.label,
            interactive: false,
            keyboard: false,
          });
        });
        var group = L.featureGroup(markers).addTo(map);
        map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 11 });
      }
    }
    var outlineId = element.dataset.outline;
    if (outlineId) {
      var source = document.getElementById(outlineId);
      if (source) {
        var layer = L.geoJSON(JSON.parse(source.textContent), {
          style: { color: "#1d4e89", weight: 2, fillOpacity: 0.05 },
        }).addTo(map);
        map.fitBounds(layer.getBounds());
      }
    }
  }

  // A map is drawn when it comes near the screen: below the fold on a phone,
  // its work does not delay the page.
  function whenNear(element) {
    if (!("IntersectionObserver" in window)) {
      setUp(element);
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        if (entries[0].isIntersecting) {
          observer.disconnect();
          setUp(element);
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(whenNear);
  });
})();
