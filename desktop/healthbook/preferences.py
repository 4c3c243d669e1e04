"""User preferences, stored as JSON in the config folder. Never health data: only choices
such as the auto-lock delay, units, the model file and the last vault's path."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from healthbook.paths import config_dir

SCHEMA_VERSION = 1


@dataclass
class Preferences:
    """The app's settings, each declared once with its default."""

    auto_lock_minutes: int = 10
    units: str = "metric"  # or "us"
    model_path: str = ""  # "" = the embedded default model
    last_vault: str = ""

    @staticmethod
    def path() -> Path:
        """Where preferences are kept."""
        return config_dir() / "preferences.json"

    @classmethod
    def load(cls) -> Preferences:
        """Saved preferences, or the defaults (a damaged file is ignored)."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        try:
            prefs = cls(**values)
        except TypeError:
            return cls()
        prefs.auto_lock_minutes = max(1, min(240, int(prefs.auto_lock_minutes)))
        return prefs

    def save(self) -> None:
        """Write the preferences (owner-only file)."""
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = {"schema_version": SCHEMA_VERSION, **asdict(self)}
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        path.chmod(0o600)
