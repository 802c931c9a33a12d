"""Run a command against a throwaway PostgreSQL cluster: `python -m tests.pgcluster CMD...`.

The cluster lives in a temporary directory on a free port, belongs to this run alone, and is
removed afterwards, so tests never depend on a server the machine happens to have. When
DATABASE_URL is already set, the command simply runs against that database.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BIN_GLOBS = [
    "/usr/lib/postgresql/*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql*/bin",
]


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path | None:
    """Return a directory holding initdb and pg_ctl, newest version first."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    for pattern in BIN_GLOBS:
        candidates += sorted((Path(p) for p in glob.glob(pattern)), reverse=True)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(command: list[str]) -> list[str]:
    # initdb refuses to run as root; the Debian packages create a `postgres` user for this.
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root needs `runuser` to start PostgreSQL")
    try:
        subprocess.run(["id", "postgres"], check=True, capture_output=True)  # noqa: S607
    except subprocess.CalledProcessError as error:
        raise PostgresUnavailable("running as root needs a `postgres` system user") from error
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def throwaway_cluster(database: str = "mam") -> Iterator[str]:
    """Start a private PostgreSQL cluster and yield its DATABASE_URL; remove it on exit."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    workdir = Path(tempfile.mkdtemp(prefix="mam-pg-"))
    data_dir, log_file = workdir / "data", workdir / "server.log"
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    port = free_port()
    pg_ctl = str(bin_dir / "pg_ctl")
    started = yielded = False
    try:
        subprocess.run(  # noqa: S603
            _as_cluster_owner(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data_dir),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(  # noqa: S603
            _as_cluster_owner([pg_ctl, "-D", str(data_dir), "-l", str(log_file), "-o", options])
            + ["-w", "start"],
            check=True,
            capture_output=True,
        )
        started = True
        subprocess.run(  # noqa: S603
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                database,
            ],
            check=True,
            capture_output=True,
        )
        yielded = True
        yield f"postgres://postgres@127.0.0.1:{port}/{database}"
    except subprocess.CalledProcessError as error:
        if yielded:  # the caller's own command failed, not the cluster
            raise
        log = log_file.read_text(errors="replace") if log_file.exists() else ""
        raise PostgresUnavailable(
            f"{' '.join(error.cmd)} failed:\n{error.stderr.decode(errors='replace')}\n{log}"
        ) from error
    finally:
        if started:
            subprocess.run(  # noqa: S603
                _as_cluster_owner([pg_ctl, "-D", str(data_dir), "-m", "fast", "-w", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write("usage: python -m tests.pgcluster COMMAND [ARGS...]\n")
        return 2
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return subprocess.call(argv)  # noqa: S603
    try:
        with throwaway_cluster() as url:
            sys.stderr.write(f"PostgreSQL: throwaway cluster at {url}\n")
            return subprocess.call(argv, env={**os.environ, "DATABASE_URL": url})  # noqa: S603
    except PostgresUnavailable as error:
        if os.environ.get("CI", "").lower() == "true":
            sys.stderr.write(f"PostgreSQL tests cannot run under CI: {error}\n")
            return 1
        sys.stderr.write(
            f"Skipping the PostgreSQL pass: {error}. "
            "Install PostgreSQL's server package or set DATABASE_URL to run it.\n"
        )
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
