"""The assistant's own worker lane: loads the model, streams answers, never blocks the UI.

The model and the facts it was given live on this lane only. Answers come back through the
lane's queued signals; text pieces arrive as Progress updates whose message is the piece.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from healthbook.assistant.answers import Answer, Assistant, Request
from healthbook.assistant.models import chosen_model
from healthbook.assistant.runtime import LocalModel, ModelInfo, model_info, sha256_of
from healthbook.preferences import Preferences
from healthbook.progress import CancelToken, Progress
from healthbook.ui.session import PersonData
from healthbook.ui.tasks import Job, Lane

TOKENS = "tokens"


class AssistantRunner(QObject):
    """Owns the loaded model (on its lane) and the Assistant for the shown person."""

    def __init__(self, prefs: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.lane = Lane(self)
        self._model: LocalModel | None = None  # touched only on the lane
        self._assistant: tuple[PersonData, Assistant] | None = None  # for which snapshot
        self._current: CancelToken | None = None

    # -- on the lane -----------------------------------------------------------------------
    def _loaded(self, job: Job) -> LocalModel:
        path = chosen_model(self.prefs.model_path or None)
        if self._model is None or self._model.path != path:
            if self._model is not None:
                self._model.close()
                self._model = None
            job.report(Progress(0, 0, "model", QCoreApplication.translate(
                "Assistant", "Loading the language model…")))
            self._model = LocalModel(path)
        return self._model

    def _for(self, data: PersonData, job: Job) -> Assistant:
        model = self._loaded(job)
        reword = self.prefs.wording != "computed"  # Settings › Wording
        if self._assistant is None or self._assistant[0] is not data or \
                self._assistant[1].model is not model or self._assistant[1].reword != reword:
            self._assistant = (data, Assistant(data.facts, data.records, model, reword=reword))
        return self._assistant[1]

    # -- from the UI -----------------------------------------------------------------------
    def ask(self, data: PersonData, build: Callable[[Assistant], Request], *,
            owner: QObject, on_text: Callable[[str], None],
            status: Callable[[str], None], done: Callable[[Answer], None],
            failed: Callable[[str], None], cancelled: Callable[[], None]) -> CancelToken:
        """Build a request for `data`'s person and stream the answer."""
        def work(job: Job) -> Answer:
            assistant = self._for(data, job)
            request = build(assistant)
            job.report(Progress(0, 0, "model", QCoreApplication.translate(
                "Assistant", "Reading the records…")))
            count = 0

            def piece(text: str) -> None:
                nonlocal count
                count += 1
                job.report(Progress(count, 0, TOKENS, text))

            return assistant.run(request, on_text=piece, cancel=job.cancel)

        def progress(update: Progress) -> None:
            if update.unit == TOKENS:
                on_text(update.message)
            else:
                status(update.message)

        self.cancel()
        self._current = self.lane.run(work, owner=owner, done=done, failed=failed,
                                      progress=progress, cancelled=cancelled)
        return self._current

    def prefill(self, data: PersonData) -> None:
        """Read the person's profile into the model's cache while the user reads the page.

        A question, a lock or Stop interrupts it; what was read stays cached.
        """
        self.cancel()
        self._current = self.lane.run(lambda job: self._for(data, job).prefill(job.cancel))

    def cancel(self) -> None:
        """Stop the answer being written or the prompt being read (within a fraction of a
        second)."""
        if self._current is not None:
            self._current.cancel()
            self._current = None

    def forget(self) -> None:
        """On lock: stop, and drop the facts and the prompt cache from memory."""
        self.cancel()

        def work(_job: Job) -> None:
            self._assistant = None
            if self._model is not None:
                self._model.forget()

        self.lane.run(work)

    def describe(self, path: Path | None, owner: QObject,
                 done: Callable[[tuple[ModelInfo, str]], None],
                 failed: Callable[[str], None]) -> None:
        """The model picker's details (name, size, quantisation, context, sha256)."""
        def work(_job: Job) -> tuple[ModelInfo, str]:
            chosen = chosen_model(path)
            return model_info(chosen), sha256_of(chosen)

        self.lane.run(work, owner=owner, done=done, failed=failed)

    def shutdown(self) -> None:
        """Stop generation and free the model (window closing)."""
        self.cancel()

        def work(_job: Job) -> Any:
            if self._model is not None:
                self._model.close()
                self._model = None

        self.lane.run(work)
        self.lane.wait()
