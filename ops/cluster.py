"""MAM as a cluster on one machine: `python -m ops.cluster` (`make cluster`).

On loopback, each in a temporary directory and on a free port: a throwaway PostgreSQL
(tests/pgcluster.py), Redis (Debian's `redis-server`, as a child process, not the system
service), the local S3 server when `moto` is installed (else one media directory on disk that
both app servers share), two gunicorn app servers with production settings over plain HTTP
(ops/settings.py), one task worker (`manage.py db_worker`) and nginx in front (config from
ops/nginx.conf.template). Every child runs in its own process group; Ctrl-C stops them all.
The loss test (ops/check.py) drives the same `Cluster`; ops/processes.py finds the binaries,
writes nginx's config and waits for each child; ops/s3.py makes the buckets.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ops.processes import (
    BIN,
    PYTHON,
    ROOT,
    ClusterError,
    find_binary,
    log,
    render_nginx_config,
    wait_for,
    wait_for_port,
)
from ops.s3 import MEDIA_BUCKET, PRIVATE_BUCKET, create_buckets, s3_environment
from tests.pgcluster import PostgresUnavailable, free_port, throwaway_cluster


class Cluster:
    """Start the topology on enter, stop everything it started on exit."""

    def __init__(
        self,
        *,
        check: bool = False,
        port: int | None = None,
        workers: int = 2,
        keep_logs: Path | None = None,
    ):
        self.check, self.keep_logs = check, keep_logs
        self.port = port or free_port()
        self.gunicorn_workers = workers
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.app_ports: list[int] = []
        self.s3 = importlib.util.find_spec("moto") is not None
        self._stack = contextlib.ExitStack()

    # The whole topology -----------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        for name in reversed(list(self.processes)):
            self.stop(name)
        if self.keep_logs is not None and hasattr(self, "run_dir"):
            self.keep_logs.mkdir(parents=True, exist_ok=True)
            for path in self.run_dir.glob("*.log"):
                shutil.copy(path, self.keep_logs / path.name)
        self._stack.close()

    def _start(self) -> None:
        redis_server, nginx = find_binary("redis-server"), find_binary("nginx")
        self.workdir = Path(tempfile.mkdtemp(prefix="mam-cluster-"))
        self._stack.callback(shutil.rmtree, self.workdir, ignore_errors=True)
        # nginx's workers run as `nobody` when started by root: they must read static and media.
        self.workdir.chmod(0o755)
        self.run_dir = self._dir("run")
        self.static_root, self.media_root = self._dir("static"), self._dir("media")
        database_url = self._stack.enter_context(throwaway_cluster(database="mam"))
        log(f"PostgreSQL at {database_url}")
        self.database_url = database_url
        self.redis_binary, self.redis_port = redis_server, free_port()
        self.start_redis()
        self.env = self._environment()
        if self.s3:
            self.start_s3()
        self.prepare()
        self.app_ports = [free_port() for _ in range(2)]
        for number in (1, 2):
            self.start_app(number, wait=False)
        for number in (1, 2):
            self.wait_for_app(number)
        self.start_worker()
        config = self.run_dir / "nginx.conf"
        config.write_text(
            render_nginx_config(
                listen=f"127.0.0.1:{self.port}",
                app_ports=self.app_ports,
                run_dir=self.run_dir,
                static_root=self.static_root,
                media_root=None if self.s3 else self.media_root,
            )
        )
        command = [nginx, "-p", str(self.run_dir), "-c", str(config), "-e", "stderr"]
        self._spawn("nginx", [*command, "-g", "daemon off;"])
        wait_for(self.url + "/healthz/", seconds=20, process=self.processes["nginx"])
        log(f"nginx at {self.url} in front of app servers on ports {self.app_ports}")

    def _dir(self, name: str) -> Path:
        path = self.workdir / name
        path.mkdir(mode=0o755)
        return path

    def _environment(self) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ops.settings",
            "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MAM_SITE_URL": self.url,
            "MAM_VAR_DIR": str(self.workdir / "var"),
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.media_root),
            "PRIVATE_ROOT": str(self._dir("private")),
            "MAM_REQUIRE_ADMIN_MFA": os.environ.get("MAM_REQUIRE_ADMIN_MFA", "false"),
            # A killed worker's tasks are taken up again this soon by the other (or next) one.
            "MAM_WORKER_LEASE_SECONDS": os.environ.get("MAM_WORKER_LEASE_SECONDS", "12"),
            "PYTHONUNBUFFERED": "1",
        }
        if self.check:
            env["MAM_CLUSTER_CHECK"] = "1"
        return env

    # Children ------------------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        log_file = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
        self._stack.callback(log_file.close)
        process = subprocess.Popen(  # noqa: S603
            command,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: signals reach all its processes
            cwd=ROOT,
            **kwargs,
        )
        self.processes[name] = process
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the child's whole process group (a gunicorn master and its workers)."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop(self, name: str) -> None:
        """Stop a child politely, then by force; nothing of its group is left."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group, if any
        process.wait(timeout=15)

    def tail(self, name: str, lines: int = 20) -> str:
        """The end of a child's log (for a report of what went wrong)."""
        path = self.run_dir / f"{name}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "manage.py"), *args], env=self.env, cwd=ROOT, check=True
        )

    def prepare(self) -> None:
        """Migrate, load the demo and collect static files, once for all app servers."""
        started = time.monotonic()
        # collectstatic needs no database: it runs beside the migrations and the demo.
        collect = subprocess.Popen(  # noqa: S603
            [PYTHON, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v0"],
            env=self.env,
            cwd=ROOT,
        )
        try:
            for args in (("migrate", "--no-input"), ("seed_demo",)):
                self.manage(*args, "-v0")
                log(f"{args[0]}: done after {time.monotonic() - started:.0f} s")
        finally:
            if collect.wait() != 0:
                raise ClusterError("collectstatic failed")
        log(f"collectstatic: done after {time.monotonic() - started:.0f} s")

    def start_redis(self) -> None:
        directory = self.workdir / "redis"
        directory.mkdir(exist_ok=True)
        command = [self.redis_binary, "--port", str(self.redis_port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(directory)]
        process = self._spawn("redis", command)
        wait_for_port(self.redis_port, seconds=15, process=process)

    def start_s3(self) -> None:
        port = free_port()
        process = self._spawn(
            "s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
        )
        endpoint = f"http://127.0.0.1:{port}"
        wait_for_port(port, seconds=30, process=process)
        self.env |= s3_environment(endpoint)
        create_buckets(self.env)
        log(f"S3 (moto) at {endpoint}: buckets {MEDIA_BUCKET}, {PRIVATE_BUCKET}")

    def start_app(self, number: int, *, wait: bool = True) -> None:
        port = self.app_ports[number - 1]
        command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(self.gunicorn_workers), "--threads", "4"]
        command += ["--graceful-timeout", "5", "--keep-alive", "75", "--log-level", "warning"]
        self._spawn(f"app{number}", command, env=self.env)
        if wait:
            self.wait_for_app(number)

    def wait_for_app(self, number: int) -> None:
        """Wait until the app server reaches the database, Redis and the file storages."""
        url = f"http://127.0.0.1:{self.app_ports[number - 1]}/readyz/"
        wait_for(url, seconds=90, process=self.processes[f"app{number}"])

    def start_worker(self) -> None:
        command = [PYTHON, str(ROOT / "manage.py"), "db_worker", "--no-reload"]
        self._spawn("worker", [*command, "--worker-id", "cluster-worker-1"], env=self.env)

    def restart_redis(self) -> None:
        self.stop("redis")
        self.start_redis()


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.cluster", description=__doc__)
    parser.add_argument("--port", type=int, default=None, help="nginx's port (default: free)")
    args = parser.parse_args(argv)
    # `kill` (or CI stopping the job) ends the run like Ctrl-C: everything started is stopped.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with Cluster(port=args.port) as cluster:
            log(f"MAM is served at {cluster.url}/ (logs in {cluster.run_dir}); Ctrl-C stops it")
            while all(p.poll() is None for p in cluster.processes.values()):
                time.sleep(1)
            dead = [name for name, p in cluster.processes.items() if p.poll() is not None]
            log(f"stopped: {', '.join(dead)} exited (see its log)")
            return 1
    except KeyboardInterrupt:
        log("stopped")
        return 0
    except (ClusterError, PostgresUnavailable, subprocess.CalledProcessError) as error:
        log(f"failed: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
