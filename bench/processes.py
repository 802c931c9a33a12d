"""The processes a benchmark run starts (manage.py and bench modules, gunicorn, redis-server)
and its log."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def log(message: str) -> None:
    sys.stdout.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stdout.flush()


def manage(env, *args, capture=False):
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, check=True, capture_output=capture, text=True)  # noqa: S603


def module(env, *args) -> str:
    command = [PYTHON, "-m", *args]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, cwd=ROOT)  # noqa: S603
    return done.stdout


class Server:
    def __init__(self, env, port: int):
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
        )
        for _ in range(120):
            try:
                if requests.get(self.url + "/bench/baseline/", timeout=2).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


@contextlib.contextmanager
def throwaway_redis(port: int):
    """A redis-server in a temporary directory, as production's shared cache; None without
    one (`apt-get install redis-server`): the run then uses the database cache table."""
    binary = shutil.which("redis-server")
    if binary is None:
        log("redis-server not found (apt-get install redis-server): database cache instead")
        yield None
        return
    directory = tempfile.mkdtemp(prefix="mam-bench-redis-")
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", directory]
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)
