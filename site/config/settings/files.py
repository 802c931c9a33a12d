"""Static files, media and the private files only staff download, on disk or in buckets."""

import os
from pathlib import Path

import xstatic.pkg.leaflet_markercluster as xstatic_markercluster

from config.settings.environment import SITE_DIR, VAR_DIR
from config.storage import file_storages

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    SITE_DIR / "static",
    # Marker clustering for the proposals map, from its XStatic package.
    ("leaflet-markercluster", xstatic_markercluster.BASE_DIR),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Files only staff may download (background exports, council reports): outside MEDIA_ROOT, so
# the web server in front never serves them; they go out only through the admin's checked
# download views. With AWS_STORAGE_BUCKET_NAME set, media and private files live in two
# S3-compatible buckets instead (config.storage.file_storages; README: "Files").
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    **file_storages(os.environ, private_root=PRIVATE_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
