"""The model picker: the embedded model, models dropped in a folder, and a model picked by
file, each with name, size, quantisation, context length and sha256."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from healthbook.assistant.models import embedded_model
from healthbook.preferences import Preferences
from healthbook.ui.main_window import MainWindow
from tests.ui.conftest import WAIT, shoot


def _same_file(source: Path, target: Path) -> None:
    """A second name for the model file (a hard link; a copy across file systems)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def test_models_are_listed_with_their_details(qtbot, private_dirs: dict[str, Path],  # noqa: ANN001
                                              tmp_path: Path) -> None:
    embedded = embedded_model()
    dropped = private_dirs["data"] / "Healthbook" / "models"
    dropped.mkdir(parents=True)
    _same_file(embedded, dropped / "my-medical-model.Q4_1.gguf")
    picked = tmp_path / "picked.gguf"
    _same_file(embedded, picked)
    win = MainWindow(prefs=Preferences())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    settings = win.views["Settings"]
    labels = [settings.model.itemText(i) for i in range(settings.model.count())]
    assert labels[0].endswith("built in")
    assert any(label.startswith("my-medical-model.Q4_1") for label in labels)
    digest = hashlib.sha256(embedded.read_bytes()).hexdigest()
    assert settings.model_details.text() == ""  # not read at start-up: only when shown
    win.stack.setCurrentIndex(1)
    win.show_page("Settings")
    qtbot.waitUntil(lambda: "sha256" in settings.model_details.text(), timeout=WAIT)
    details = settings.model_details.text()
    assert "Q4_1" in details
    assert "context 8,192 tokens" in details
    assert digest in details
    settings._fill_models(str(picked))  # what "Add a model file…" does
    settings._save()
    assert settings.model.currentData() == str(picked)
    assert win.prefs.model_path == str(picked)
    shoot(win, "23-settings-models")
    win.close()
