"""Whether a proposal's place lies inside its consultation's area (a GeoJSON polygon)."""

from consultations.models import ConsultationPage


def _polygons(geojson) -> list[list[list[list[float]]]]:
    """Return the polygons (each a list of rings of [lon, lat]) of a GeoJSON object."""
    if not isinstance(geojson, dict):
        return []
    kind = geojson.get("type")
    if kind == "Feature":
        return _polygons(geojson.get("geometry"))
    if kind == "FeatureCollection":
        return [poly for f in geojson.get("features") or [] for poly in _polygons(f)]
    if kind == "Polygon":
        return [geojson.get("coordinates") or []]
    if kind == "MultiPolygon":
        return list(geojson.get("coordinates") or [])
    return []


def _in_ring(lon: float, lat: float, ring) -> bool:
    """Ray casting: count edges a ray from the point eastwards crosses."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = float(ring[i][0]), float(ring[i][1])
        x2, y2 = float(ring[i - 1][0]), float(ring[i - 1][1])
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def point_in_area(consultation: ConsultationPage, latitude, longitude) -> bool:
    """Whether the point lies within the consultation's boundary (True when it has none)."""
    polygons = _polygons(consultation.boundary)
    if not polygons:
        return True
    lat, lon = float(latitude), float(longitude)
    for rings in polygons:
        inside = rings and _in_ring(lon, lat, rings[0])
        if inside and not any(_in_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False
