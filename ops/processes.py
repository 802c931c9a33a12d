"""What the cluster (ops/cluster.py) starts its children with: where the binaries are, the
nginx config from its template, and waiting until a child answers.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
TEMPLATE = ROOT / "ops" / "nginx.conf.template"
MIME_TYPES = "/etc/nginx/mime.types"


class ClusterError(RuntimeError):
    pass


def log(message: str) -> None:
    sys.stdout.write(f"[cluster {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stdout.flush()


def find_binary(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )
    if found is None:
        raise ClusterError(f"{name} is not installed (Debian: apt-get install {name})")
    return found


def render_nginx_config(
    *, listen: str, app_ports: list[int], run_dir: Path, static_root: Path, media_root: Path | None
) -> str:
    """nginx's configuration from the template: both app servers upstream, files it serves."""
    upstream = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;" for port in app_ports
    )
    media = ""
    if media_root is not None:  # files on the shared disk; with S3 the store serves them
        media = (
            "\n        location /media/ {\n"
            f"            alias {media_root}/;\n"
            "            expires 1h;\n"
            "        }\n"
        )
    values = {
        "RUN_DIR": str(run_dir),
        "MIME_TYPES": MIME_TYPES,
        "UPSTREAM_SERVERS": upstream,
        "LISTEN": listen,
        "STATIC_ROOT": str(static_root),
        "MEDIA_LOCATION": media,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def wait_for(url: str, *, seconds: float, process: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers 200 (or the process it belongs to dies)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if process is not None and process.poll() is not None:
            raise ClusterError(f"{url}: the process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise ClusterError(f"{url} did not answer within {seconds:.0f} s")
        time.sleep(0.2)


def wait_for_port(port: int, *, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise ClusterError(f"nothing listens on port {port}") from None
            time.sleep(0.1)
