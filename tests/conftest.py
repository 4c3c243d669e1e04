"""Test-wide set-up: offscreen Qt, private data/config/cache/temp folders, vault fixtures."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read the app's English texts: whatever this machine's language, they run in English
# (tests/i18n switches language explicitly; child processes inherit this too).
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "HEALTHBOOK_LANGUAGE"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

DATA = Path(__file__).parent / "data"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point every platform folder (data, config, cache, temp) at fresh test folders."""
    root = tmp_path_factory.mktemp("home")
    dirs = {name: root / name for name in ("data", "config", "cache", "tmp", "runtime")}
    for path in dirs.values():
        path.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(dirs["runtime"]))
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setattr("tempfile.tempdir", None)
    return dirs


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty vault created once; tests get copies (creating one costs a key derivation)."""
    from healthbook.vault import Vault

    path = tmp_path_factory.mktemp("template") / "template.vault"
    Vault.create(path, PASSPHRASE).close()
    return path


@pytest.fixture
def vault_path(tmp_path: Path, template_vault: Path) -> Path:
    """A fresh copy of the empty template vault."""
    path = tmp_path / "test.vault"
    shutil.copyfile(template_vault, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def vault(vault_path: Path) -> Iterator[object]:
    """An unlocked empty vault."""
    from healthbook.vault import Vault

    v = Vault.open(vault_path, PASSPHRASE)
    yield v
    v.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that load the embedded model carry the `model` marker (`make test-fast` skips
    them; `make test` runs everything)."""
    for item in items:
        if "model" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)
