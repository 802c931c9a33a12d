// Progressive enhancement: show the proposals on a Leaflet map when Leaflet is loaded.
// The list of proposals on the same page works without it. The map asks the GeoJSON only
// for the box it shows (?bbox=west,south,east,north&zoom=z); where too many proposals fall inside,
// the server answers clusters (a count at the mean position), which zoom in when chosen.
(function () {
  "use strict";
  function round(value, down) {
    // Boxes rounded outwards to 0.01° ask the same URL for nearby views (the server's copy).
    return (down ? Math.floor(value * 100) : Math.ceil(value * 100)) / 100;
  }
  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }
  function bboxOf(map) {
    var b = map.getBounds();
    return [
      round(clamp(b.getWest(), -180, 180), true), round(clamp(b.getSouth(), -90, 90), true),
      round(clamp(b.getEast(), -180, 180), false), round(clamp(b.getNorth(), -90, 90), false)
    ].join(",");
  }
  function popup(p) {
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title; // text, never HTML: titles are residents' input
    var info = document.createElement("p");
    info.textContent = [p.category, p.status_label, p.supports + " ✓"].filter(Boolean).join(" · ");
    var wrap = document.createElement("div");
    wrap.appendChild(link);
    wrap.appendChild(info);
    return wrap;
  }
  function start() {
    var box = document.getElementById("proposal-map");
    if (!box || typeof window.L === "undefined") return;
    var L = window.L;
    var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
    box.hidden = false;
    var map = L.map(box).setView(
      [isNaN(lat) ? 50.06 : lat, isNaN(lon) ? 19.94 : lon],
      parseInt(box.dataset.zoom, 10) || 13
    );
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
    var shown = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
    shown.addTo(map);
    var asked = "";
    function load(first) {
      var bbox = first ? "" : bboxOf(map);
      var url = box.dataset.geojson + (bbox ? "?bbox=" + encodeURIComponent(bbox) +
        "&zoom=" + Math.round(map.getZoom()) : "");
      if (url === asked) return;
      asked = url;
      fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || url !== asked) return; // a later view was asked meanwhile
          shown.clearLayers();
          var layer = L.geoJSON(data, {
            pointToLayer: function (feature, latlng) {
              var p = feature.properties;
              if (!p.cluster) return L.marker(latlng);
              var count = String(p.count);
              return L.marker(latlng, {
                title: count,
                icon: L.divIcon({
                  className: "marker-cluster marker-cluster-large",
                  html: "<div><span>" + count.replace(/\D/g, "") + "</span></div>",
                  iconSize: L.point(40, 40)
                })
              }).on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 19)); });
            },
            onEachFeature: function (feature, marker) {
              if (!feature.properties.cluster) marker.bindPopup(popup(feature.properties));
            }
          });
          shown.addLayer(layer);
          if (first && data.features.length) {
            map.fitBounds(layer.getBounds(), { maxZoom: 17 });
          }
          if (first) map.on("moveend", function () { load(false); });
        });
    }
    load(true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
