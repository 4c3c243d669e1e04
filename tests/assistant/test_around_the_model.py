"""The logic around the model, with a fake model behind the ChatModel protocol: Stop, and the
fallbacks when a model's text cannot be trusted. The tests wait on events, never on clocks;
the real GGUF keeps its own tests (test_assistant.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from healthbook.assistant.answers import Assistant
from healthbook.assistant.runtime import ChatModel, ModelError, Sampling
from healthbook.clinical import compute_facts
from healthbook.progress import Cancelled, CancelToken
from healthbook.vault import Vault
from tests.assistant.conftest import plant

WAIT = 10.0  # seconds an event may take before the test fails (never slept)


class FakeModel:
    """A model whose replies the test chooses, and which tells the test what it is doing."""

    name = "fake"
    context = 4096
    languages = ("en",)

    def __init__(self, reply: Any = "", pieces: int = 0) -> None:
        self.reply = reply  # str, or a callable(template) -> str, or an exception to raise
        self.pieces = pieces  # stream: how many pieces before it waits for the gate
        self.streaming = threading.Event()
        self.gate = threading.Event()
        self.stream_closed = threading.Event()
        self.prompts: list[str] = []

    def chat_tokens(self, messages: list[dict[str, str]]) -> int:
        return sum(len(m["content"].split()) for m in messages)

    def stream(self, messages: list[dict[str, str]], sampling: Sampling | None = None,
               cancel: CancelToken | None = None) -> Iterator[str]:
        try:
            for _ in range(self.pieces):
                yield "The records say little. "
            self.streaming.set()
            while not self.gate.wait(0.01):
                if cancel is not None:
                    cancel.check()
        finally:
            self.stream_closed.set()

    def complete(self, messages: list[dict[str, str]], *, grammar: Any = None,
                 max_tokens: int = 64, cancel: CancelToken | None = None) -> str:
        template = messages[-1]["content"]
        self.prompts.append(template)
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply(template) if callable(self.reply) else str(self.reply)

    def prefill(self, messages: list[dict[str, str]],
                cancel: CancelToken | None = None) -> None:
        return None

    def forget(self) -> None:
        return None


def _assistant(vault: Vault, model: ChatModel | None) -> Assistant:
    """An assistant over the planted person (planted once per vault)."""
    people = vault.people.list()
    person = people[0] if people else plant(vault)
    return Assistant(compute_facts(vault, person), vault.records.list(person.id), model)


def test_the_fake_is_a_chat_model() -> None:
    model: ChatModel = FakeModel()
    assert model.name == "fake"


def test_stop_ends_a_generation_at_once(vault: Vault) -> None:
    model = FakeModel(pieces=3)
    assistant = _assistant(vault, model)
    cancel = CancelToken()
    outcome: dict[str, BaseException] = {}

    def work() -> None:
        try:
            assistant.run(assistant.summary(), cancel=cancel)
        except Cancelled as exc:
            outcome["stopped"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    assert model.streaming.wait(WAIT)  # generating, and waiting for more
    cancel.cancel()
    thread.join(WAIT)
    assert not thread.is_alive()
    assert "stopped" in outcome
    assert model.stream_closed.is_set()  # the generation was closed, not left running


def test_a_rewording_that_adds_a_number_keeps_the_composed_text(vault: Vault) -> None:
    plain = _assistant(vault, None)
    expected = plain.run(plain.ask("What was my last LDL cholesterol?")).text
    model = FakeModel(reply=lambda template: template + " Take 2 tablets.")
    assistant = _assistant(vault, model)
    answer = assistant.run(assistant.ask("What was my last LDL cholesterol?"))
    assert model.prompts  # the model was asked
    assert answer.text == expected
    assert not answer.reworded


@pytest.mark.parametrize("failure", [ModelError("the model stopped"), RuntimeError("llama")])
def test_a_model_that_fails_leaves_the_composed_answer(vault: Vault,
                                                       failure: Exception) -> None:
    plain = _assistant(vault, None)
    expected = plain.run(plain.ask("What was my last LDL cholesterol?")).text
    model = FakeModel(reply=failure)
    assistant = _assistant(vault, model)
    answer = assistant.run(assistant.ask("What was my last LDL cholesterol?"))
    assert answer.text == expected
    assert not answer.reworded


def test_an_accepted_rewording_takes_its_numbers_from_code(vault: Vault) -> None:
    model = FakeModel(reply=lambda template: template)  # the same words: acceptable
    assistant = _assistant(vault, model)
    answer = assistant.run(assistant.ask("What was my last potassium?"))
    assert model.prompts
    assert all("⟨" in prompt or not any(c.isdigit() for c in prompt)
               for prompt in model.prompts)  # the model never sees a number
    assert "6.9" in answer.text  # the number came back from code
