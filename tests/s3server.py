"""A local S3-compatible server for tests: moto's server mode on loopback, started by the test.

`s3_server` (one per test session) runs `moto.server.ThreadedMotoServer` on 127.0.0.1 and a
free port, with dummy credentials and no AWS configuration file read, so nothing leaves the
machine. `s3_storages` gives a test two fresh buckets (media and private) and points the
STORAGES setting at them exactly as production's settings would (config.storage.file_storages).
Other tests reuse them: `from tests.s3server import running_s3_server` outside pytest, or the
two fixtures (registered in tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.signals import setting_changed
from django.dispatch import receiver

from tests.pgcluster import free_port

# Dummy credentials and no AWS configuration files: botocore never looks for real ones.
OFFLINE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


def public_read_policy(bucket: str) -> dict:
    """The bucket policy that lets anybody read (not list, not write) the media bucket's files."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


@dataclass(frozen=True)
class S3Server:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def new_bucket(self, prefix: str, *, public: bool = False) -> str:
        """Create a bucket; a public one lets anybody read its files, as the media bucket's
        policy does in production (README: "Files")."""
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        client = self.client()
        client.create_bucket(Bucket=name)
        if public:
            client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
        return name

    def environment(self, *, media_bucket: str, private_bucket: str) -> dict[str, str]:
        """The environment variables production reads (README: "Files"), for these buckets."""
        return {
            "AWS_STORAGE_BUCKET_NAME": media_bucket,
            "MAM_PRIVATE_BUCKET_NAME": private_bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]


@contextlib.contextmanager
def running_s3_server() -> Iterator[S3Server]:
    """Start moto's S3 server on 127.0.0.1 and a free port; stop it on exit."""
    from moto.server import ThreadedMotoServer

    saved = {name: os.environ.get(name) for name in OFFLINE_AWS_ENVIRONMENT}
    os.environ.update(OFFLINE_AWS_ENVIRONMENT)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(endpoint=f"http://127.0.0.1:{port}")
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    with running_s3_server() as server:
        yield server


@dataclass(frozen=True)
class Buckets:
    server: S3Server
    media: str
    private: str

    def keys(self, which: str) -> list[str]:
        return self.server.keys(getattr(self, which))


def use_buckets(settings, server: S3Server, *, media: str, private: str) -> Buckets:
    """Point STORAGES ("default" and "private") at two buckets of `server`."""
    from config.storage import file_storages

    environment = server.environment(media_bucket=media, private_bucket=private)
    settings.STORAGES = {
        **settings.STORAGES,
        **file_storages(environment, private_root=Path(os.devnull)),
    }
    return Buckets(server=server, media=media, private=private)


@receiver(setting_changed)
def _export_files_follow_storages(*, setting, **kwargs):
    """A FileField's callable storage is called once, when the model class is built: let
    ExportJob's file follow a changed STORAGES setting, as `default_storage` does (Django's own
    receiver, connected earlier, has already forgotten the old storages)."""
    if setting == "STORAGES":
        from django.core.files.storage import storages

        from outcomes.models import ExportJob

        ExportJob._meta.get_field("file").storage = storages["private"]


@pytest.fixture
def s3_storages(settings, s3_server) -> Buckets:
    """Media and private files in two fresh buckets of the local S3 server for this test."""
    return use_buckets(
        settings,
        s3_server,
        media=s3_server.new_bucket("media", public=True),
        private=s3_server.new_bucket("private"),
    )
