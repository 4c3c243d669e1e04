"""Slowing down passphrase guessing: after a few wrong passphrases for a vault, each further
attempt must wait, doubling up to a minute. Kept in the config folder (no health data: a hash
of the vault's path, a count and a time), never in the vault, so the vault file is never
touched by a wrong guess."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from healthbook.paths import config_dir

FREE_ATTEMPTS = 3
MAX_WAIT = 60.0


def _file() -> Path:
    return config_dir() / "unlock-attempts.json"


def _key(path: Path) -> str:
    return hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:32]


def _load() -> dict[str, dict[str, float]]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, dict[str, float]]) -> None:
    target = _file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(partial, target)
    except OSError:
        pass  # a read-only config folder must not stop anyone from unlocking


def wait_needed(path: Path, now: float | None = None) -> float:
    """Seconds to wait before the next attempt on `path` may be tried (0 = go ahead)."""
    entry = _load().get(_key(path))
    if not entry or entry.get("failures", 0) < FREE_ATTEMPTS:
        return 0.0
    delay = min(MAX_WAIT, 2.0 ** (entry["failures"] - FREE_ATTEMPTS + 1))
    return max(0.0, entry.get("last", 0.0) + delay - (now or time.time()))


def record(path: Path, success: bool) -> None:
    """Count a wrong passphrase, or forget the count after the right one."""
    data = _load()
    key = _key(path)
    if success:
        if key in data:
            del data[key]
            _save(data)
        return
    entry = data.setdefault(key, {"failures": 0, "last": 0.0})
    entry["failures"] = entry.get("failures", 0) + 1
    entry["last"] = time.time()
    _save(data)
