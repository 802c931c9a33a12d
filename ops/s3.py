"""The cluster's two buckets on the local S3 server (moto): the settings' environment that
points MAM at them, and the buckets themselves (media readable by all, private files not)."""

from __future__ import annotations

import json
import os
import secrets

MEDIA_BUCKET, PRIVATE_BUCKET = "mam-media", "mam-private"


def s3_environment(endpoint: str) -> dict[str, str]:
    """The variables that put media and private files in the two buckets at `endpoint`."""
    return {
        "AWS_STORAGE_BUCKET_NAME": MEDIA_BUCKET,
        "MAM_PRIVATE_BUCKET_NAME": PRIVATE_BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "cluster",
        "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(16),
        # No AWS configuration files or instance metadata: nothing leaves the machine.
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def create_buckets(env: dict[str, str]) -> None:
    """Create both buckets on the server `env` names (s3_environment's variables)."""
    import boto3  # moto depends on it

    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="cluster",
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
        client.create_bucket(Bucket=bucket)
    # Media have plain public URLs (photos on pages); private files are never public.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{MEDIA_BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=MEDIA_BUCKET, Policy=json.dumps(public_read))
