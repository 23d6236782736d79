// The directory's map: every element with data-directory-map becomes a Leaflet
// map of the initiatives of a search (data-query), loaded from data-source for
// the viewport each time the user pans or zooms. At low zoom the server sends
// groups with a count; closer, the initiatives one by one, which
// leaflet.markercluster gathers when they overlap.
//
// Optional attributes: data-outline (id of a JSON script holding a territory's
// outline), data-lat/data-lng/data-radius (a proximity search, in km),
// data-bounds (west,south,east,north), data-follow-view (keep the view in the
// address, as #zoom/lat/lng, so that it can be shared), data-list (id of the
// list of the initiatives in view, updated after each move) and data-new-tab
// (fiches open in a new tab: the embeddable widget, framed by other sites).
//
// Without JavaScript, or if the map cannot load, the page still lists the
// results; if tiles cannot load, markers show on a blank background.
(function () {
  "use strict";

  var FRANCE = [
    [41.3, -5.2],
    [51.1, 9.6],
  ];
  var VIEW_IN_HASH = /^#(\d{1,2})\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "fr");
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Named gettext so that `make messages` finds the strings; the catalogue
  // (jsi18n) may not have loaded.
  function gettext(text) {
    return window.gettext ? window.gettext(text) : text;
  }

  function ngettext(singular, plural, count) {
    if (window.ngettext) {
      return window.ngettext(singular, plural, count);
    }
    return count > 1 ? plural : singular;
  }

  // The text for `count` things, from ngettext("… %(count)s …", …, count).
  function countOf(count, template) {
    return template.replace("%(count)s", numbers.format(count));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // `estimated`: the count is an estimate (a search found too many sites to read).
  function groupIcon(count, estimated) {
    var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
    var content = element("span");
    content.appendChild(element("span", "", (estimated ? "≈ " : "") + numbers.format(count))).setAttribute(
      "aria-hidden",
      "true",
    );
    content.appendChild(
      // A group counts sites: an initiative present in several places counts once for each.
      element(
        "span",
        "visually-hidden",
        estimated
          ? countOf(count, gettext("environ %(count)s lieux"))
          : countOf(count, ngettext("%(count)s lieu", "%(count)s lieux", count)),
      ),
    );
    return L.divIcon({ html: content, className: "map-group", iconSize: [size, size] });
  }

  function popupContent(properties, newTab) {
    var box = element("div", "map-popup");
    var title = box.appendChild(element("p", "map-popup-title"));
    var link = title.appendChild(element("a", "", properties.nom));
    link.href = properties.url;
    if (newTab) {
      link.target = "_blank";
      link.rel = "noopener";
    }
    var place = [properties.lieu, properties.commune].filter(Boolean).join(", ");
    if (place) {
      box.appendChild(element("p", "map-popup-place", place));
    }
    if (properties.thematiques && properties.thematiques.length) {
      box.appendChild(element("p", "map-popup-themes", properties.thematiques.join(" · ")));
    }
    return box;
  }

  function pointMarker(feature, newTab) {
    var coordinates = feature.geometry.coordinates;
    var properties = feature.properties;
    var label = properties.commune ? properties.nom + " (" + properties.commune + ")" : properties.nom;
    var marker = L.marker([coordinates[1], coordinates[0]], { title: label, alt: label });
    marker.bindPopup(function () {
      return popupContent(properties, newTab);
    });
    return marker;
  }

  function groupMarker(feature, map, estimated) {
    var coordinates = feature.geometry.coordinates;
    var count = feature.properties.nombre;
    var extent = feature.properties.emprise;
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: groupIcon(count, estimated),
      sites: count,
      estimated: estimated,
      title: countOf(count, ngettext("%(count)s initiative : zoomer", "%(count)s initiatives : zoomer", count)),
      keyboard: true,
      riseOnHover: true,
    });
    function zoomIn() {
      var bounds = L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]]);
      var zoom = Math.min(map.getBoundsZoom(bounds.pad(0.1)), map.getMaxZoom());
      map.setView(bounds.getCenter(), Math.max(zoom, map.getZoom() + 1));
    }
    marker.on("click", zoomIn);
    // A button: Enter and Space press it (Leaflet only handles clicks here).
    marker.on("keypress", function (event) {
      var key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        zoomIn();
      }
    });
    return marker;
  }

  function listItem(item) {
    var entry = element("li");
    var link = entry.appendChild(element("a", "", item.nom));
    link.href = item.url;
    var details = [];
    if (item.commune) {
      details.push(item.commune);
    }
    if (item.distance_km !== undefined) {
      details.push(
        item.distance_km < 1
          ? gettext("à moins d’1 km")
          : gettext("à %(km)s km").replace("%(km)s", numbers.format(Math.round(item.distance_km))),
      );
    }
    if (details.length) {
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(element("span", "count", details.join(" · ")));
    }
    return entry;
  }

  function InViewList(container) {
    this.container = container;
    this.count = container.querySelector("[data-in-view-count]");
    this.list = container.querySelector("[data-in-view-list]");
    container.querySelectorAll("[data-without-js]").forEach(function (node) {
      node.hidden = true;
    });
  }

  InViewList.prototype.show = function (collection) {
    var total = collection.total;
    var text;
    if (!total) {
      text = gettext("Aucune initiative dans la zone affichée : dézoomez ou déplacez la carte.");
    } else if (collection.estime) {
      text = countOf(total, gettext("Environ %(count)s initiatives dans la zone affichée"));
    } else if (collection.total_exact === false) {
      // Counted up to a bound: the map's groups still count every site.
      text = countOf(total, gettext("Plus de %(count)s initiatives dans la zone affichée"));
    } else {
      text = countOf(
        total,
        ngettext("%(count)s initiative dans la zone affichée", "%(count)s initiatives dans la zone affichée", total),
      );
    }
    if (total > collection.liste.length) {
      text +=
        " " +
        gettext("(les %(count)s premières ci-dessous)").replace(
          "%(count)s",
          numbers.format(collection.liste.length),
        );
    }
    this.count.textContent = text;
    this.list.replaceChildren.apply(this.list, collection.liste.map(listItem));
  };

  InViewList.prototype.fail = function () {
    this.count.textContent = gettext("La carte n’a pas pu charger les initiatives : réessayez plus tard.");
  };

  function viewFromHash() {
    var match = VIEW_IN_HASH.exec(window.location.hash);
    if (!match) {
      return null;
    }
    var lat = parseFloat(match[2]);
    var lng = parseFloat(match[3]);
    if (Math.abs(lat) > 85 || Math.abs(lng) > 180) {
      return null;
    }
    return { zoom: parseInt(match[1], 10), center: [lat, lng] };
  }

  // Links to the same page with other filters (facets, active filters) and
  // the search form keep the view, so that filtering does not move the map.
  function keepView(map) {
    var center = map.getCenter();
    var hash = "#" + map.getZoom() + "/" + center.lat.toFixed(4) + "/" + center.lng.toFixed(4);
    window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
    document.querySelectorAll('main a[href^="?"]').forEach(function (link) {
      link.href = link.getAttribute("href").split("#")[0] + hash;
    });
    document.querySelectorAll("main form.search-form").forEach(function (form) {
      form.action = form.getAttribute("action").split("#")[0] + hash;
    });
  }

  function boundsOf(text) {
    var parts = (text || "").split(",").map(parseFloat);
    if (parts.length !== 4 || parts.some(isNaN)) {
      return null;
    }
    return L.latLngBounds([parts[1], parts[0]], [parts[3], parts[2]]);
  }

  function setUp(container) {
    if (typeof L === "undefined") {
      return;
    }
    var data = container.dataset;
    var map = L.map(container, { zoomControl: false, minZoom: 2, maxZoom: 18 });
    L.control.zoom({ zoomInTitle: gettext("Zoomer"), zoomOutTitle: gettext("Dézoomer") }).addTo(map);
    // detectRetina: sharp on high-density screens (the next zoom's tiles, at half size).
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18, detectRetina: true }).addTo(
      map
    );
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", gettext("Fermer"));
        close.setAttribute("title", gettext("Fermer"));
      }
    });

    var points = L.markerClusterGroup
      ? L.markerClusterGroup({
          showCoverageOnHover: false,
          maxClusterRadius: 48,
          animate: !reducedMotion,
          iconCreateFunction: function (cluster) {
            // Groups from the server and single places nearby are merged, so
            // that no two markers overlap: the sites they stand for add up.
            var children = cluster.getAllChildMarkers();
            var sites = children.reduce(function (sum, marker) {
              return sum + (marker.options.sites || 1);
            }, 0);
            return groupIcon(
              sites,
              children.some(function (marker) {
                return marker.options.estimated;
              }),
            );
          },
        })
      : L.layerGroup();
    points.addTo(map);

    var initial = null;
    if (data.outline) {
      var source = document.getElementById(data.outline);
      if (source) {
        var outline = L.geoJSON(JSON.parse(source.textContent), {
          interactive: false,
          style: { color: "#1d4e89", weight: 2, fillOpacity: 0.04 },
        }).addTo(map);
        initial = outline.getBounds();
      }
    }
    var lat = parseFloat(data.lat);
    var lng = parseFloat(data.lng);
    var radius = parseFloat(data.radius);
    if (!isNaN(lat) && !isNaN(lng) && !isNaN(radius)) {
      L.circle([lat, lng], {
        radius: radius * 1000,
        interactive: false,
        color: "#1d4e89",
        weight: 2,
        fillOpacity: 0.04,
      }).addTo(map);
      initial = initial || L.latLng(lat, lng).toBounds(radius * 2000);
    }
    initial = initial || boundsOf(data.bounds) || L.latLngBounds(FRANCE);

    var list = data.list ? document.getElementById(data.list) : null;
    var inView = list ? new InViewList(list) : null;
    var controller = null;

    function load() {
      var bounds = map.getBounds();
      var west = Math.max(-180, bounds.getWest());
      var east = Math.min(180, bounds.getEast());
      if (west >= east) {
        west = -180;
        east = 180;
      }
      var bbox = [west, Math.max(-90, bounds.getSouth()), east, Math.min(90, bounds.getNorth())];
      var url =
        data.source +
        "?" +
        (data.query ? data.query + "&" : "") +
        "bbox=" +
        bbox
          .map(function (value) {
            return value.toFixed(5);
          })
          .join(",") +
        "&zoom=" +
        Math.round(map.getZoom());
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      container.dataset.state = "loading";
      fetch(url, { signal: controller.signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          points.clearLayers();
          var markers = [];
          collection.features.forEach(function (feature) {
            if (feature.properties.nombre) {
              markers.push(groupMarker(feature, map, Boolean(collection.estime)));
            } else {
              markers.push(pointMarker(feature, data.newTab !== undefined));
            }
          });
          if (points.addLayers) {
            points.addLayers(markers);
          } else {
            markers.forEach(function (marker) {
              points.addLayer(marker);
            });
          }
          if (inView) {
            inView.show(collection);
          }
          container.dataset.state = "ready";
        })
        .catch(function (error) {
          if (error.name === "AbortError") {
            return;
          }
          if (inView) {
            inView.fail();
          }
          container.dataset.state = "error";
        });
    }

    map.on("moveend", function () {
      if (data.followView !== undefined) {
        keepView(map);
      }
      load();
    });
    var view = data.followView !== undefined ? viewFromHash() : null;
    if (view) {
      map.setView(view.center, view.zoom);
    } else {
      map.fitBounds(initial, { padding: [10, 10], maxZoom: 13 });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-directory-map]").forEach(setUp);
  });
})();
