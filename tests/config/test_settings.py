"""Production settings refuse insecure configurations; a secure one passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-key-for-tests-only-0123456789"


def run_manage(*args, timeout=120, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="mam.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key():
    result = run_manage(
        "check",
        SECRET_KEY="django-insecure-dev-only-key-never-use-in-production",
        ALLOWED_HOSTS="mam.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("database", ["sqlite:////tmp/mam-deploy-check.sqlite3"])
def test_secure_production_configuration_passes_check_deploy(database):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="mam.example.org",
        DATABASE_URL=database,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_language_and_time_zone_are_polish(settings):
    assert settings.LANGUAGE_CODE == "pl"
    assert settings.TIME_ZONE == "Europe/Warsaw"
    assert [code for code, _ in settings.LANGUAGES] == ["pl", "en"]


def test_production_requires_two_factor_for_administrators():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MAM_REQUIRE_ADMIN_MFA)",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="mam.example.org",
        DATABASE_URL="sqlite:////tmp/mam-deploy-check.sqlite3",
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_production_collectstatic_hashes_and_compresses_every_file(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="mam.example.org",
        STATIC_ROOT=str(tmp_path),
        timeout=600,  # hashing and compressing every file takes a while on a busy machine
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/site.*.css.gz"))


def test_production_links_default_to_the_first_allowed_host_over_https():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.MAM_SITE_URL, s.WAGTAILADMIN_BASE_URL)",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="mam.example.org,www.mam.example.org",
        DATABASE_URL="sqlite:////tmp/mam-deploy-check.sqlite3",
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last == "https://mam.example.org https://mam.example.org", result.stderr
