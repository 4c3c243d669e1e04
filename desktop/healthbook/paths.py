"""Where Healthbook keeps things on this machine (platformdirs; no Qt)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from healthbook import APP_NAME

_DIRS = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
FROZEN = bool(getattr(sys, "frozen", False))  # running from a PyInstaller bundle
# From a checkout: the repository. From a bundle: the bundle's data folder (resources/).
REPO_ROOT = Path(getattr(sys, "_MEIPASS", "")) if FROZEN else Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Folder for vaults and user models."""
    return Path(_DIRS.user_data_dir)


def config_dir() -> Path:
    """Folder for preferences (never health data)."""
    return Path(_DIRS.user_config_dir)


def cache_dir() -> Path:
    """Folder for caches (never health data)."""
    return Path(_DIRS.user_cache_dir)


def default_vault_path() -> Path:
    """The vault used when no path is given."""
    return data_dir() / "healthbook.vault"


def resources_dir() -> Path:
    """The `resources/` folder: reference tables, prompt templates, icons, demo data."""
    return REPO_ROOT / "resources"


def user_models_dirs() -> list[Path]:
    """Folders searched for GGUF models, in order (for a bundle: `models/` beside the
    executable, where weights stay outside the bundle)."""
    local = Path(sys.executable).resolve().parent / "models" if FROZEN else REPO_ROOT / "models"
    return [local, data_dir() / "models"]
