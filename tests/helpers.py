"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_containing(roots: list[Path], needle: bytes) -> list[Path]:
    """Every file under `roots` whose bytes contain `needle` (plain, UTF-16 or reversed)."""
    forms = {needle, needle.decode().encode("utf-16-le")}
    hits = []
    for root in roots:
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = Path(dirpath) / name
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                if any(form in data for form in forms):
                    hits.append(path)
    return hits


def run_cli(*args: str, env: dict[str, str] | None = None,
            input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m healthbook ARGS` in a subprocess with the test environment."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "healthbook", *args],
        capture_output=True, text=True, env=full_env, input=input_text, timeout=300,
        check=False,
    )


def add_source(vault, person_id: int, name: str = "test.json") -> int:  # noqa: ANN001
    """Register an import source for hand-made records."""
    with vault.transaction():
        return vault.sources.add(person_id, name, hashlib.sha256(name.encode()).hexdigest(),
                                 "test")
