// Progressive enhancement of the initiative form: draw the optional area on a Leaflet map.
// Without JavaScript (or Leaflet) the area is typed as GeoJSON in its labelled text box; with
// it, each click (or "Add a corner at the map's centre") adds a corner and the same text box
// fills with the closed polygon, which the server checks as if it were typed.
(function () {
  "use strict";

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function start() {
    var picker = document.getElementById("area-picker");
    if (!picker || typeof window.L === "undefined") return;
    var L = window.L;
    var input = document.getElementById(picker.dataset.input);
    var box = document.getElementById("area-picker-map");
    var status = document.getElementById("area-picker-status");
    if (!input || !box) return;
    picker.hidden = false;

    // Open on the initiative's centre (data-lat, data-lon); an existing area moves it there.
    var lat = parseFloat(picker.dataset.lat), lon = parseFloat(picker.dataset.lon);
    var map = L.map(box, { keyboard: true }).setView(
      [isNaN(lat) ? 50.06 : lat, isNaN(lon) ? 19.94 : lon],
      parseInt(picker.dataset.zoom, 10) || 14
    );
    L.tileLayer(picker.dataset.tiles, { maxZoom: 19, attribution: picker.dataset.attribution }).addTo(map);
    var corners = [];
    var shape = L.polygon([], { color: "#0b5e55", weight: 3 }).addTo(map);

    try {
      var typed = JSON.parse(input.value);
      if (typed && typed.type === "Polygon") {
        corners = typed.coordinates[0].slice(0, -1).map(function (p) { return L.latLng(p[1], p[0]); });
      }
    } catch (error) {
      corners = [];  // nothing typed yet, or text the server will explain
    }

    function write() {
      shape.setLatLngs(corners);
      if (corners.length >= 3) {
        var ring = corners.map(function (c) { return [round(c.lng), round(c.lat)]; });
        ring.push(ring[0]);
        input.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        map.fitBounds(shape.getBounds(), { maxZoom: map.getZoom() });
      } else if (corners.length === 0) {
        input.value = "";
      }
      status.textContent = picker.dataset.countText.replace("%(count)s", corners.length);
    }

    function add(latlng) {
      corners.push(latlng);
      write();
    }

    map.on("click", function (event) { add(event.latlng); });
    document.getElementById("area-picker-centre").addEventListener("click", function () {
      add(map.getCenter());
    });
    document.getElementById("area-picker-clear").addEventListener("click", function () {
      corners = [];
      write();
    });
    if (corners.length) {
      write();
      map.fitBounds(shape.getBounds(), { maxZoom: 17 });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
