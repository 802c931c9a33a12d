// Progressive enhancement of the proposal form: mark the point on a Leaflet map.
// Without JavaScript (or Leaflet) the latitude and longitude inputs and the place text work
// alone; with it, a click, a drag or the "centre" button fills those same inputs, which stay
// visible and labelled so keyboard and screen-reader users can read or type the numbers.
(function () {
  "use strict";

  function round(value) {
    return (Math.round(value * 1e6) / 1e6).toFixed(6);
  }

  function start() {
    var picker = document.getElementById("point-picker");
    if (!picker || typeof window.L === "undefined") return;
    var L = window.L;
    var box = document.getElementById("point-picker-map");
    var latInput = document.getElementById(picker.dataset.latInput);
    var lonInput = document.getElementById(picker.dataset.lonInput);
    var status = document.getElementById("point-picker-status");
    var centreButton = document.getElementById("point-picker-centre");
    var removeButton = document.getElementById("point-picker-remove");
    if (!box || !latInput || !lonInput) return;

    picker.hidden = false;
    // Keep the coordinate inputs in view: they are the accessible face of the map.
    var details = latInput.closest("details");
    if (details) details.open = true;

    var lat = parseFloat(picker.dataset.lat), lon = parseFloat(picker.dataset.lon);
    var map = L.map(box, { keyboard: true }).setView(
      [isNaN(lat) ? 50.06 : lat, isNaN(lon) ? 19.94 : lon],
      parseInt(picker.dataset.zoom, 10) || 14
    );
    L.tileLayer(picker.dataset.tiles, { maxZoom: 19, attribution: picker.dataset.attribution }).addTo(map);

    var boundaryData = document.getElementById("point-picker-boundary");
    if (boundaryData) {
      try {
        var area = L.geoJSON(JSON.parse(boundaryData.textContent), {
          interactive: false,
          style: { color: "#0b5e55", weight: 3, fillOpacity: 0.05 }
        }).addTo(map);
        if (isNaN(lat) || isNaN(lon)) map.fitBounds(area.getBounds());
      } catch (error) {
        // A broken boundary only loses the outline; the server still checks the area.
      }
    }

    var marker = null;

    function say(text) {
      if (status) status.textContent = text;
    }

    function fill(latlng) {
      latInput.value = round(latlng.lat);
      lonInput.value = round(latlng.lng);
      latInput.dispatchEvent(new Event("input", { bubbles: true }));
      lonInput.dispatchEvent(new Event("input", { bubbles: true }));
      removeButton.hidden = false;
      say(picker.dataset.placedText + " " + latInput.value + ", " + lonInput.value);
    }

    function put(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.marker(latlng, {
          draggable: true,
          keyboard: true,
          title: picker.dataset.markerText,
          alt: picker.dataset.markerText
        }).addTo(map);
        marker.on("dragend", function () { fill(marker.getLatLng()); });
      }
      fill(marker.getLatLng());
    }

    function clear() {
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
      latInput.value = "";
      lonInput.value = "";
      removeButton.hidden = true;
      say(picker.dataset.removedText);
    }

    // Typed coordinates move the marker too.
    function fromInputs() {
      var a = parseFloat(latInput.value.replace(",", ".")), b = parseFloat(lonInput.value.replace(",", "."));
      if (isNaN(a) || isNaN(b)) return;
      var latlng = L.latLng(a, b);
      if (marker) marker.setLatLng(latlng);
      else {
        put(latlng);
        return;
      }
      removeButton.hidden = false;
      map.panTo(latlng);
    }
    latInput.addEventListener("change", fromInputs);
    lonInput.addEventListener("change", fromInputs);

    map.on("click", function (event) { put(event.latlng); });
    centreButton.addEventListener("click", function () { put(map.getCenter()); });
    removeButton.addEventListener("click", function () { clear(); latInput.focus(); });

    var startLat = parseFloat((latInput.value || "").replace(",", "."));
    var startLon = parseFloat((lonInput.value || "").replace(",", "."));
    if (!isNaN(startLat) && !isNaN(startLon)) {
      put(L.latLng(startLat, startLon));
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 16));
      say("");
    } else {
      removeButton.hidden = true;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
