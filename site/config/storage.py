"""Where files live: static files for production (hashed names and compressed copies, by
whitenoise), media and private files on the local disk or S3-compatible storage."""

from django.core.exceptions import ImproperlyConfigured
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


def file_storages(environ, *, private_root) -> dict:
    """The "default" (media) and "private" storages: S3-compatible buckets when
    AWS_STORAGE_BUCKET_NAME is set, folders on the local disk otherwise.

    Media (photos, images, documents) have plain public URLs: pages kept for anonymous
    visitors must not carry links that expire. Private files (exports, council reports) sit in
    a bucket of their own that nobody reads without a signature; MAM streams them through its
    permission-checked views, and a signed URL, if one is ever made, lasts a minute.
    """
    media_bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not media_bucket:
        return {
            # MEDIA_ROOT, read when first used (tests may point it elsewhere).
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
    endpoint = environ.get("AWS_S3_ENDPOINT_URL") or None
    common = {
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
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": common
            | {
                "bucket_name": media_bucket,
                "querystring_auth": False,
                "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            },
        },
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
