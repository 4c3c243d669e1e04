"""Smoke test of the built one-folder bundle (`make test-package`): it starts offscreen,
creates a vault, imports a corpus file, answers with the model beside it, and exits cleanly.
Skipped unless HEALTHBOOK_BUNDLE names the built executable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from healthbook.vault import Vault
from tests.conftest import DATA, PASSPHRASE

BUNDLE = os.environ.get("HEALTHBOOK_BUNDLE")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not BUNDLE, reason="set by make test-package")]
SYNTHEA = DATA / "synthea" / "Sal_Strosin_8fcfcc3a-4019-4ebd-be92-835901f3c882.json"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HEALTHBOOK_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(Path(BUNDLE).resolve()), *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def test_the_bundle_creates_imports_answers_and_exits_cleanly(tmp_path: Path) -> None:
    started = time.perf_counter()
    version = _run("--version")
    cold = time.perf_counter() - started
    assert version.returncode == 0
    assert version.stdout.startswith("healthbook ")
    vault = tmp_path / "smoke.vault"
    assert _run("init", str(vault)).returncode == 0
    assert _run("people", str(vault), "add", "Sal").returncode == 0
    imported = _run("import", str(vault), "--person", "Sal", str(SYNTHEA), "--json")
    assert imported.returncode == 0, imported.stderr
    facts = json.loads(_run("facts", str(vault), "--json").stdout)
    assert facts["analytes"]
    answer = _run("ask", str(vault), "How is my calcium?", "--max-tokens", "8", "--json")
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["model"].startswith("SmolLM2")
    # The app itself, offscreen: it starts, shows the unlock screen, and quits on SIGTERM.
    started = time.perf_counter()
    shown = _run("--vault", str(vault), "--quit-after-start")
    gui_cold = time.perf_counter() - started
    assert shown.returncode == 0, shown.stderr
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([str(Path(BUNDLE).resolve()), "--vault", str(vault)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(5)
    assert app.poll() is None, "the app exited on its own"
    app.send_signal(signal.SIGTERM)
    assert app.wait(20) == 0
    with Vault.open(vault, PASSPHRASE) as opened:
        assert opened.integrity_ok()
        assert opened.records.counts()["observation"] == 256
    root = Path(BUNDLE).resolve().parent
    print(f"\nbundle {_size_mb(root / '_internal'):.0f} MB (+ models beside it "  # noqa: T201
          f"{_size_mb(root / 'models'):.0f} MB); cold start: CLI {cold:.2f} s, app window "
          f"{gui_cold:.2f} s")


def test_the_bundle_parses_a_large_export_in_its_own_worker(tmp_path: Path) -> None:
    from tests.generate import apple_health_export

    export = apple_health_export(tmp_path / "export.zip", 120_000)  # over 24 MB of XML
    vault = tmp_path / "big.vault"
    assert _run("init", str(vault)).returncode == 0
    assert _run("people", str(vault), "add", "Sal").returncode == 0
    imported = _run("import", str(vault), "--person", "Sal", str(export), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["imported"][0]["added"]["samples"] > 119_000
