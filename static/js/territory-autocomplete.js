// Territory autocomplete (the contact form, the widget's integration page). Without JavaScript the text
// typed is matched on the server (name or postcode); with it, choosing a
// suggestion fills the hidden <type>-<code> key so that the choice is exact.
(function () {
  "use strict";

  function setUp(container) {
    var input = container.querySelector("input[role=combobox]");
    var keyInput = container.querySelector("[data-territory-key]");
    var list = container.querySelector("[role=listbox]");
    var url = container.dataset.url;
    var timer = null;
    var active = -1;
    var request = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
      }
    }

    function choose(item) {
      input.value = item.dataset.label;
      keyInput.value = item.dataset.key;
      close();
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = "territory-option-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.key = result.key;
        item.dataset.label = result.label;
        item.textContent = result.label + " ";
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = "— " + result.kind;
        item.appendChild(kind);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      var mine = ++request;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine === request) {
            show(data.results || []);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      keyInput.value = "";
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
      var items = options();
      if (list.hidden || !items.length) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-territory-autocomplete]").forEach(setUp);
  });
})();
