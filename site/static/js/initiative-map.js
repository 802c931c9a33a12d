// The initiative's page: its point and area on a Leaflet map, over the text that says the same.
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("initiative-map");
    var data = document.getElementById("initiative-map-data");
    if (!box || !data || typeof window.L === "undefined") return;
    var L = window.L;
    var where = JSON.parse(data.textContent);
    box.hidden = false;
    var map = L.map(box, { keyboard: true, scrollWheelZoom: false });
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
    var layers = L.featureGroup().addTo(map);
    if (where.area) L.geoJSON(where.area, { style: { color: "#0b5e55", weight: 3 } }).addTo(layers);
    if (where.point) L.marker(where.point, { title: box.dataset.markerText }).addTo(layers);
    if (where.area) {
      map.fitBounds(layers.getBounds());
    } else {
      map.setView(where.point, 16);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
