// The initiative form: suggestions while typing a place or an actor, and a map
// to place the initiative. Without JavaScript the form works the same: places
// and actors are read from what was typed, and the point is the commune's.
(function () {
  "use strict";

  var DELAY = 200;

  // Inputs with data-autocomplete="<url>" and list="<datalist id>": the
  // datalist is filled with the endpoint's suggestions as the person types.
  function setUpAutocomplete(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    if (!list) {
      return;
    }
    input.addEventListener("input", function () {
      var text = input.value.trim();
      window.clearTimeout(timer);
      if (text.length < 2 || text === asked) {
        return;
      }
      timer = window.setTimeout(function () {
        asked = text;
        var url = input.dataset.autocomplete + "?q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              if (item.lat !== undefined && item.lat !== null) {
                option.dataset.lat = item.lat;
                option.dataset.lng = item.lng;
              }
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, DELAY);
    });
  }

  function optionFor(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return null;
    }
    return Array.prototype.find.call(list.options, function (option) {
      return option.value === input.value;
    });
  }

  // The map picker: a click or a drag sets the hidden latitude and longitude.
  function setUpPicker(element) {
    if (typeof L === "undefined") {
      return;
    }
    var latitude = document.getElementById(element.dataset.latitude);
    var longitude = document.getElementById(element.dataset.longitude);
    var commune = document.getElementById(element.dataset.commune);
    var address = document.getElementById(element.dataset.address);
    var block = element.parentNode;
    var status = block.querySelector("[data-picker-status]");
    var marker = null;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 18,
    }).addTo(map);

    function place(lat, lng, zoom) {
      latitude.value = lat.toFixed(6);
      longitude.value = lng.toFixed(6);
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = L.marker([lat, lng], { draggable: true, title: element.getAttribute("aria-label") });
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          place(at.lat, at.lng);
        });
        marker.addTo(map);
      }
      if (zoom) {
        map.setView([lat, lng], zoom);
      }
    }

    function clear() {
      latitude.value = "";
      longitude.value = "";
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
    }

    var lat = parseFloat(latitude.value);
    var lng = parseFloat(longitude.value);
    if (!isNaN(lat) && !isNaN(lng)) {
      place(lat, lng, 14);
    } else {
      map.setView([46.6, 2.4], 5);
    }
    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng);
    });

    if (commune) {
      commune.addEventListener("change", function () {
        var option = optionFor(commune);
        if (option && option.dataset.lat && !marker) {
          map.setView([parseFloat(option.dataset.lat), parseFloat(option.dataset.lng)], 13);
        }
      });
    }

    var buttons = block.querySelector(".picker-buttons");
    buttons.hidden = false;
    block.querySelector("[data-picker-clear]").addEventListener("click", clear);
    block.querySelector("[data-picker-geocode]").addEventListener("click", function () {
      var text = [address ? address.value : "", commune ? commune.value : ""].join(" ").trim();
      if (!text) {
        status.textContent = element.dataset.msgEmpty;
        return;
      }
      status.textContent = element.dataset.msgSearching;
      fetch(element.dataset.geocode + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          if (data.lat === null) {
            status.textContent = element.dataset.msgNotFound;
            return;
          }
          place(data.lat, data.lng, 16);
          status.textContent = element.dataset.msgFound;
        })
        .catch(function () {
          status.textContent = element.dataset.msgFailed;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete]").forEach(setUpAutocomplete);
    document.querySelectorAll("[data-picker]").forEach(setUpPicker);
  });
})();
