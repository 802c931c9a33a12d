"""Where MAM's files live, and how the settings read the environment."""

import os
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = CONFIG_DIR.parent
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(os.environ.get("MAM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
