// Search page extras. The page works without any of this.
// 1. "Meinen Standort verwenden": asks the browser for the position, puts it into hidden
//    lat/lon fields and submits; the typed place is cleared so the position wins.
// 2. "Karte anzeigen": loads Leaflet (served locally) only after the click and shows the
//    results of this page; the list always holds everything.
(function () {
  "use strict";

  function setupLocation() {
    var button = document.getElementById("use-location");
    var form = document.getElementById("search-form");
    var status = document.getElementById("location-status");
    if (!button || !form || !("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          ["lat", "lon"].forEach(function (name) {
            var input = form.querySelector('input[name="' + name + '"]');
            if (!input) {
              input = document.createElement("input");
              input.type = "hidden";
              input.name = name;
              form.appendChild(input);
            }
            var value = name === "lat" ? position.coords.latitude : position.coords.longitude;
            input.value = value.toFixed(4);
          });
          var where = form.querySelector('input[name="where"]');
          if (where) where.value = "";
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
        },
        function () { status.textContent = button.dataset.error; },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  function setupMap() {
    var section = document.getElementById("map-section");
    var button = document.getElementById("map-toggle");
    var container = document.getElementById("results-map");
    var pointsNode = document.getElementById("results-map-points");
    if (!section || !button || !container || !pointsNode) return;
    var points = JSON.parse(pointsNode.textContent || "[]");
    if (!points.length) return;
    var label = button.querySelector(".kern-label") || button;
    var note = document.getElementById("map-note");
    var status = document.getElementById("map-status");
    var map = null;
    button.hidden = false;

    function load(done) {
      if (window.L) return done();
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = section.dataset.leafletCss;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = section.dataset.leafletJs;
      script.onload = done;
      script.onerror = function () { status.textContent = section.dataset.tileError; };
      document.head.appendChild(script);
    }

    function draw() {
      container.hidden = false;
      note.hidden = false;
      if (map) { map.invalidateSize(); return; }
      map = window.L.map(container, { scrollWheelZoom: false });
      var layer = window.L.tileLayer(section.dataset.tileUrl, { maxZoom: 18 });
      layer.on("tileerror", function () { status.textContent = section.dataset.tileError; });
      layer.addTo(map);
      var bounds = [];
      points.forEach(function (p) {
        var marker = window.L.marker([p.lat, p.lon], { title: p.title, alt: p.title }).addTo(map);
        var link = document.createElement("a");
        link.href = p.url;
        link.textContent = p.title;
        marker.bindPopup(link);
        bounds.push([p.lat, p.lon]);
      });
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
    }

    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      if (open) {
        container.hidden = true;
        note.hidden = true;
        button.setAttribute("aria-expanded", "false");
        label.textContent = section.dataset.labelShow;
        return;
      }
      button.setAttribute("aria-expanded", "true");
      label.textContent = section.dataset.labelHide;
      load(draw);
    });
  }

  setupLocation();
  setupMap();
  document.addEventListener("htmx:afterSettle", setupMap);
})();
