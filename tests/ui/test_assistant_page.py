"""The assistant page with the real model: checked before shown, linked to records; stop;
lock."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QUrl

from healthbook.assistant.answers import DISCLAIMER
from healthbook.assistant.runtime import Sampling
from healthbook.ui.main_window import MainWindow
from tests.ui.conftest import WAIT, shoot

LONG = 120_000


def _short_answers(monkeypatch) -> None:  # noqa: ANN001
    """Keep the model's answers short so the test stays quick (the path is the app's own)."""
    monkeypatch.setattr("healthbook.assistant.answers.Sampling",
                        lambda: Sampling(max_tokens=48))


def test_summary_shows_only_the_checked_answer_with_sources(
        qtbot, demo: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    _short_answers(monkeypatch)
    demo.show_page("Assistant")
    page = demo.views["Assistant"]
    streamed: list[str] = []
    page._runner.lane.run(lambda _job: None)  # let the prefill start first
    original = page._on_text

    shown: list[str] = []

    def spy(piece: str) -> None:
        streamed.append(piece)
        original(piece)
        shown.append(page.output.toPlainText())

    monkeypatch.setattr(page, "_on_text", spy)
    qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)
    assert page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: page.answer is not None, timeout=LONG)
    answer = page.answer
    assert streamed  # the model wrote...
    raw = "".join(streamed)
    # ...but none of its unchecked words reached the screen, only how far it got.
    assert all(raw[:40] not in text and "words so far" in text for text in shown)
    assert DISCLAIMER in page.output.toPlainText()
    assert answer.cited
    sources = page.sources.toPlainText()
    assert all(f"[{n}]" in sources for n in answer.cited)
    assert not page.stop_button.isEnabled()
    shoot(demo, "20-assistant-summary")
    # The answer read these records, and the audit log says so.
    logged: list = []
    demo.session.run(lambda vault, _job: vault.audit.entries(), done=logged.append)
    qtbot.waitUntil(lambda: bool(logged), timeout=WAIT)
    assert logged[0][-1].action == "assistant"
    assert logged[0][-1].detail["records"] == answer.record_ids
    # A citation highlights its fact; a record link opens it on the timeline.
    page.output.anchorClicked.emit(QUrl(f"fact:{answer.cited[0]}"))
    record_id = answer.fact(answer.cited[0]).record_ids[0]
    page.sources.anchorClicked.emit(QUrl(f"record:{record_id}"))
    assert demo.pages.currentWidget() is demo.views["Timeline"]
    selected = demo.views["Timeline"].table.selectionModel().selectedRows()
    assert len(selected) == 1


def test_explain_from_the_labs_page_and_stop(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Labs")
    labs = demo.views["Labs"]
    assert labs.reveal(demo.session.data.facts.analytes[0].key)  # a test, not a panel heading
    qtbot.mouseClick(labs.explain, Qt.MouseButton.LeftButton)
    page = demo.views["Assistant"]
    assert demo.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.status.text().startswith("The model is writing"),
                    timeout=LONG)
    asked = time.perf_counter()
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("Stopped"), timeout=WAIT)
    assert time.perf_counter() - asked < 0.5
    assert page.answer is None
    assert page.summary_button.isEnabled()


def test_locking_clears_the_page(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Assistant")
    page = demo.views["Assistant"]
    page.question.setText("How is my blood pressure?")
    demo.lock()
    assert page.question.text() == ""
    assert page.subject.count() == 0
    assert "Blood" not in page.output.toPlainText()
    assert not page.summary_button.isEnabled()
