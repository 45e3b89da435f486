// Optional map for the agency directory. Nothing is loaded from anywhere until the visitor
// presses "Karte anzeigen"; the list stays complete without it, and failing tiles only
// produce a note.
(function () {
  "use strict";
  var section = document.getElementById("map-section");
  var button = document.getElementById("map-toggle");
  var container = document.getElementById("agency-map");
  var pointsNode = document.getElementById("agency-map-points");
  if (!section || !button || !container || !pointsNode) return;

  var points = JSON.parse(pointsNode.textContent || "[]");
  var note = document.getElementById("map-note");
  var status = document.getElementById("map-status");
  var label = button.querySelector(".kern-label") || button;
  var map = null;
  var loading = false;
  button.hidden = false;

  function loadLeaflet(done) {
    if (window.L) return done();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = section.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = section.dataset.leafletJs;
    script.onload = done;
    script.onerror = function () {
      status.textContent = section.dataset.tileError;
    };
    document.head.appendChild(script);
  }

  function draw() {
    var L = window.L;
    map = L.map(container, { scrollWheelZoom: false });
    var tileErrorShown = false;
    L.tileLayer(section.dataset.tileUrl, { maxZoom: 18, attribution: "" })
      .on("tileerror", function () {
        if (!tileErrorShown) {
          tileErrorShown = true;
          status.textContent = section.dataset.tileError;
        }
      })
      .addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).addTo(map);
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;
      marker.bindPopup(link);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) map.setView(bounds[0], 11);
    else map.fitBounds(bounds, { padding: [24, 24] });
  }

  function setOpen(open) {
    container.hidden = !open;
    if (note) note.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    label.textContent = open ? section.dataset.labelHide : section.dataset.labelShow;
    if (open && map) map.invalidateSize();
  }

  button.addEventListener("click", function () {
    var open = container.hidden;
    setOpen(open);
    if (open && !map && !loading) {
      loading = true;
      loadLeaflet(function () {
        loading = false;
        draw();
      });
    }
  });
})();
