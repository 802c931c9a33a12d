// Progressive enhancement: show the funded projects on a Leaflet map when Leaflet is loaded.
// The list of projects on the same page works without it.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("implementation-map");
    if (!box || typeof window.L === "undefined") return;
    var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
    box.hidden = false;
    var map = window.L.map(box).setView(
      [isNaN(lat) ? 50.06 : lat, isNaN(lon) ? 19.94 : lon],
      parseInt(box.dataset.zoom, 10) || 13
    );
    window.L.tileLayer(box.dataset.tiles, {
      maxZoom: 19, attribution: box.dataset.attribution
    }).addTo(map);
    fetch(box.dataset.geojson, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = window.L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            var p = feature.properties;
            var link = document.createElement("a");
            link.href = p.url;
            link.textContent = p.title; // text, never HTML: titles are residents' input
            var info = document.createElement("p");
            info.textContent = p.status_label + " · " + p.percent_done + "%";
            var wrap = document.createElement("div");
            wrap.appendChild(link);
            wrap.appendChild(info);
            marker.bindPopup(wrap);
          }
        }).addTo(map);
        if (data.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 17 });
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
