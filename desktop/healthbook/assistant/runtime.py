"""Running a GGUF model with llama-cpp-python: facts about the file, loading, streaming.

The chat template comes from the GGUF itself. llama-cpp keeps the tokens of the last prompt,
so a follow-up whose prompt starts with the same system turn (the person's facts) only
evaluates the new part.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from healthbook.errors import HealthbookError
from healthbook.progress import CancelToken

DEFAULT_CONTEXT = 4096
GGUF_MAGIC = b"GGUF"
# llama.cpp's LLAMA_FTYPE numbers, for the model picker.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S",
    29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
}


class ModelError(HealthbookError):
    """The model file cannot be used; the message is one sentence for the user."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What the model picker shows about a GGUF file."""

    path: Path
    name: str
    size_bytes: int
    quantisation: str
    context_length: int | None
    architecture: str
    has_chat_template: bool

    @property
    def size_text(self) -> str:
        """'135 MB', '2.3 GB'."""
        size = self.size_bytes / 1e6
        return f"{size / 1000:.1f} GB" if size >= 1000 else f"{size:.0f} MB"


def check_gguf(path: Path) -> None:
    """Raise ModelError unless `path` is a readable GGUF file."""
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise ModelError(f"The model file {path.name} cannot be read "
                         f"({exc.strerror or exc}).") from exc
    if magic != GGUF_MAGIC:
        raise ModelError(f"{path.name} is not a GGUF model file. Healthbook runs models in "
                         "the GGUF format used by llama.cpp.")


def _threads() -> int:
    cores = os.cpu_count() or 2
    return cores if cores <= 4 else max(4, cores // 2)


def model_info(path: Path) -> ModelInfo:
    """Name, quantisation and context length from the GGUF metadata (reads the vocabulary
    only, not the weights)."""
    import llama_cpp

    check_gguf(path)
    try:
        # A vocabulary-only load has no training context, which llama.cpp reports as an
        # error-level "possible training context overflow": not something to show a user.
        with contextlib.redirect_stderr(io.StringIO()):
            vocab = llama_cpp.Llama(str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise ModelError(f"{path.name} could not be read as a model ({exc}).") from exc
    meta: dict[str, str] = dict(vocab.metadata)
    vocab.close()
    arch = meta.get("general.architecture", "unknown")
    context = meta.get(f"{arch}.context_length")
    file_type = meta.get("general.file_type")
    quant = FILE_TYPES.get(int(file_type), f"type {file_type}") if file_type else "unknown"
    return ModelInfo(path, meta.get("general.name") or path.stem, path.stat().st_size, quant,
                     int(context) if context else None, arch,
                     "tokenizer.chat_template" in meta)


@lru_cache(maxsize=16)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    """The file's sha256 (remembered for the session while the file is unchanged)."""
    stat = path.stat()
    return _sha256(str(path), stat.st_size, stat.st_mtime_ns)


SEED = 7  # fixed, so the same facts give the same answer


@dataclass(frozen=True, slots=True)
class Sampling:
    """Generation settings. Low temperature and a fixed seed: the same facts give the same
    answer."""

    max_tokens: int = 320
    temperature: float = 0.3
    top_p: float = 0.9
    repeat_penalty: float = 1.15
    seed: int = SEED


STEP_SECONDS = 0.3  # how long one step of prompt reading may take (the Stop delay)


def _stepwise_eval(llm: Any, cancel: CancelToken) -> Callable[[Sequence[int]], None]:
    """`llm.eval`, reading tokens in steps of about STEP_SECONDS with a cancel check between.

    llama-cpp-python reads a whole prompt in one call (512-token batches), which no cancel can
    interrupt; a large model can take many seconds over it. Its `generate` calls `self.eval`,
    so this replaces it for one answer. Evaluation is incremental, so a cancelled prompt
    leaves a valid prefix in the cache, which the next question reuses.
    """
    evaluate = type(llm).eval
    size = 32

    def eval_in_steps(tokens: Sequence[int]) -> None:
        nonlocal size
        done = 0
        while done < len(tokens):
            cancel.check()
            step = tokens[done:done + size]
            started = time.perf_counter()
            evaluate(llm, step)
            done += len(step)
            elapsed = time.perf_counter() - started
            if len(step) == size and elapsed > 0:
                size = max(8, min(512, int(size * STEP_SECONDS / elapsed)))

    return eval_in_steps


class ChatModel(Protocol):
    """What the assistant needs of a language model: LocalModel (a GGUF through llama.cpp)
    in the app, a small fake in the tests of the logic around the model."""

    name: str
    context: int

    def chat_tokens(self, messages: list[dict[str, str]]) -> int:
        """Roughly how many tokens a chat prompt takes."""
        ...

    def stream(self, messages: list[dict[str, str]], sampling: Sampling = ...,
               cancel: CancelToken | None = None) -> Iterator[str]:
        """The reply's text pieces as they are generated; stops at `cancel`."""
        ...

    def complete(self, messages: list[dict[str, str]], *, grammar: Any = None,
                 max_tokens: int = 64, cancel: CancelToken | None = None) -> str:
        """The whole reply to a short prompt, under a grammar."""
        ...

    def prefill(self, messages: list[dict[str, str]],
                cancel: CancelToken | None = None) -> None:
        """Read a prompt's start ahead of time."""
        ...

    def forget(self) -> None:
        """Drop the cached prompt."""
        ...


class LocalModel:
    """One loaded GGUF model. Not thread-safe: use it from one worker at a time."""

    def __init__(self, path: Path, context: int = DEFAULT_CONTEXT) -> None:
        import llama_cpp

        check_gguf(path)
        self.path = path
        try:
            self._llm: Any = llama_cpp.Llama(str(path), n_ctx=context, n_threads=_threads(),
                                             seed=SEED, flash_attn=True,
                                             verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"{path.name} could not be loaded ({exc}). It may be damaged, "
                             "or too large for this computer's memory.") from exc
        self.name = path.stem  # the file the user picked, as they know it
        self.context = self._llm.n_ctx()

    def count_tokens(self, text: str) -> int:
        """How many tokens `text` takes."""
        return len(self._llm.tokenize(text.encode(), add_bos=False, special=True))

    def chat_tokens(self, messages: list[dict[str, str]]) -> int:
        """Roughly how many tokens the chat prompt takes (contents plus template overhead)."""
        return sum(self.count_tokens(m["content"]) + 4 for m in messages)

    def stream(self, messages: list[dict[str, str]], sampling: Sampling = Sampling(),
               cancel: CancelToken | None = None) -> Iterator[str]:
        """Yield the reply's text pieces as they are generated; stops at `cancel`."""
        budget = self.context - self.chat_tokens(messages) - 8
        if budget < 16:
            raise ModelError("The question and facts do not fit in this model's context; "
                             "ask about fewer things at once.")
        if cancel is not None:  # the prompt is read in steps, so Stop works while it is read
            self._llm.eval = _stepwise_eval(self._llm, cancel)
        chunks = self._llm.create_chat_completion(
            messages, stream=True, max_tokens=min(sampling.max_tokens, budget),
            temperature=sampling.temperature, top_p=sampling.top_p,
            repeat_penalty=sampling.repeat_penalty, seed=sampling.seed)
        try:
            for chunk in chunks:
                if cancel is not None:
                    cancel.check()
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece
        finally:
            chunks.close()
            self._llm.__dict__.pop("eval", None)

    def complete(self, messages: list[dict[str, str]], *, grammar: Any = None,
                 max_tokens: int = 64, cancel: CancelToken | None = None) -> str:
        """The whole reply to a short prompt, constrained by a llama.cpp grammar (greedy)."""
        if cancel is not None:
            cancel.check()
            self._llm.eval = _stepwise_eval(self._llm, cancel)
        try:
            reply = self._llm.create_chat_completion(
                messages, max_tokens=max_tokens, temperature=0.0, grammar=grammar,
                repeat_penalty=1.05, seed=SEED)
        finally:
            self._llm.__dict__.pop("eval", None)
        return str(reply["choices"][0]["message"].get("content") or "")

    def prefill(self, messages: list[dict[str, str]],
                cancel: CancelToken | None = None) -> None:
        """Evaluate a prompt's start so a later prompt beginning the same way reuses it."""
        for _piece in self.stream(messages, Sampling(max_tokens=1), cancel):
            pass

    def forget(self) -> None:
        """Drop the cached prompt (the person's facts) from the model's memory."""
        self._llm.reset()

    def close(self) -> None:
        """Free the model's memory."""
        self._llm.close()
