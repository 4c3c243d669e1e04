"""User preferences, stored as JSON in the config folder. Never health data: only choices
such as the auto-lock delay, units, the model file and the last vault's path."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from healthbook.paths import config_dir

SCHEMA_VERSION = 1
PIN_ITERATIONS = 200_000


def _pin_hash(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt),
                               PIN_ITERATIONS).hex()


@dataclass
class Preferences:
    """The app's settings, each declared once with its default."""

    auto_lock_minutes: int = 10
    units: str = ""  # "" = the usual units of the language; or "metric" (SI) or "us"
    language: str = ""  # "" = the system's language; or "en", "fr"...
    model_path: str = ""  # "" = the embedded default model
    last_vault: str = ""
    kiosk_pin_hash: str = ""  # "salt$hash" (PBKDF2-SHA256) of the kiosk admin PIN
    kiosk_folder: str = ""  # kiosk file dialogs open only here (e.g. a USB mount)
    wording: str = "reworded"  # assistant answers: "reworded" by the model, or "computed"

    def set_kiosk_pin(self, pin: str) -> None:
        """Store a salted hash of the admin PIN (never the PIN)."""
        salt = os.urandom(16).hex()
        self.kiosk_pin_hash = f"{salt}${_pin_hash(pin, salt)}"

    def check_kiosk_pin(self, pin: str) -> bool:
        """True when `pin` is the admin PIN."""
        salt, _, digest = self.kiosk_pin_hash.partition("$")
        return bool(digest) and hmac.compare_digest(_pin_hash(pin, salt), digest)

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
