"""Static files for production: hashed names and compressed copies (whitenoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(rule for rule in rules if "sourceMappingURL" not in str(rule)))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Leave "sourceMappingURL" comments alone: some packages (Leaflet.markercluster) point
    to source maps they do not ship, which would stop `collectstatic`; browsers only fetch
    maps for developer tools, so an unhashed, missing map harms nobody."""

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
