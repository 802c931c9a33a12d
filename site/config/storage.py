"""Where files live: static files for production (hashed names and compressed copies, by
whitenoise), media and private files on the local disk or S3-compatible storage."""

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage, storages
from django.utils.functional import cached_property
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Wagtail keeps its documents under "documents/" (AbstractDocument.file's upload_to). A
# document may be restricted to signed-in people or a group (collection privacy), so its bytes
# never sit where a guessed address would open them: they live with the private files and go
# out only through Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which checks
# the restrictions first.
PRIVATE_MEDIA_FOLDERS = ("documents",)


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


class MediaStorage(Storage):
    """The "default" storage: media in `media` (a storage configuration: disk or a public
    bucket), except the folders in `private_folders`, which go to the "private" storage.

    Wagtail's Document model uses the default storage and offers no setting of its own, and a
    custom document model cannot be swapped in once pages point at documents; routing by
    folder keeps Wagtail's model and puts the files where nobody reads them unchecked.
    """

    def __init__(self, media=None, private_folders=PRIVATE_MEDIA_FOLDERS):
        self.media_config = media or {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        self.private_folders = tuple(private_folders)

    @cached_property
    def media(self) -> Storage:
        return storages.create_storage(self.media_config)

    def storage_for(self, name: str) -> Storage:
        folder = str(name).replace("\\", "/").lstrip("/").split("/", 1)[0]
        return storages["private"] if folder in self.private_folders else self.media

    # Every public method of Django's Storage API, passed to the storage that holds the name.
    def open(self, name, mode="rb"):
        return self.storage_for(name).open(name, mode)

    def save(self, name, content, max_length=None):
        return self.storage_for(name).save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.storage_for(filename).generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.storage_for(name).get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return self.media.get_valid_name(name)

    def delete(self, name):
        return self.storage_for(name).delete(name)

    def exists(self, name):
        return self.storage_for(name).exists(name)

    def listdir(self, path):
        return self.storage_for(path).listdir(path)

    def size(self, name):
        return self.storage_for(name).size(name)

    def url(self, name):
        return self.storage_for(name).url(name)

    def path(self, name):
        return self.storage_for(name).path(name)

    def get_accessed_time(self, name):
        return self.storage_for(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self.storage_for(name).get_created_time(name)

    def get_modified_time(self, name):
        return self.storage_for(name).get_modified_time(name)


def move_to_private_folders(*, media: Storage, private: Storage, names) -> int:
    """Move files saved in the media storage before the router existed to the private
    storage (same names); already moved ones are left alone. Returns how many moved."""
    moved = 0
    for name in names:
        if not name or not media.exists(name) or private.exists(name):
            continue
        with media.open(name, "rb") as source:
            private.save(name, source)
        media.delete(name)
        moved += 1
    return moved


def file_storages(environ, *, private_root) -> dict:
    """The "default" (media) and "private" storages: S3-compatible buckets when
    AWS_STORAGE_BUCKET_NAME is set, folders on the local disk otherwise.

    Media (photos, images) have plain public URLs: pages kept for anonymous visitors must not
    carry links that expire. Wagtail's documents, which may be restricted, are kept with the
    private files (MediaStorage) and served by Wagtail's checked view. Private files (exports,
    council reports, documents) sit in a bucket of their own that nobody reads without a
    signature; MAM streams them through its permission-checked views, and a signed URL, if one
    is ever made, lasts a minute.
    """
    media_bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not media_bucket:
        return {
            # MEDIA_ROOT, read when first used (tests may point it elsewhere).
            "default": routed({"BACKEND": "django.core.files.storage.FileSystemStorage"}),
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_root, "base_url": None},
            },
        }
    private_bucket = environ.get("MAM_PRIVATE_BUCKET_NAME", "")
    if not private_bucket or private_bucket == media_bucket:
        raise ImproperlyConfigured(
            "Set MAM_PRIVATE_BUCKET_NAME to a bucket of its own (not AWS_STORAGE_BUCKET_NAME, "
            "whose files anyone may read): exports hold personal data."
        )
    common = _s3_options(environ)
    return {
        "default": routed(
            {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": common
                | {
                    "bucket_name": media_bucket,
                    "querystring_auth": False,
                    "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                },
            }
        ),
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": common
            | {
                "bucket_name": private_bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }


def _s3_options(environ) -> dict:
    """The S3 options both buckets share, read from the environment."""
    endpoint = environ.get("AWS_S3_ENDPOINT_URL") or None
    return {
        "endpoint_url": endpoint,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "signature_version": "s3v4",
        # Path-style addresses (endpoint/bucket/key) work on every S3-compatible server and on
        # an endpoint given by IP address, where bucket.host names cannot resolve.
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE")
        or ("path" if endpoint else None),
        # Two residents' "IMG_0001.jpg" in one month must not overwrite each other.
        "file_overwrite": False,
    }


def routed(media: dict) -> dict:
    """The "default" storage's configuration: `media`, with documents kept private."""
    return {"BACKEND": "config.storage.MediaStorage", "OPTIONS": {"media": media}}
