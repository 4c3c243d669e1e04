"""The assistant page: summary, explain, trend, visit prep, free questions and (clinician
mode) a draft visit note. Nothing the model writes is shown until it is checked; the answer's
[n] citations link to the records behind them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from healthbook.assistant.answers import Action, Answer, Assistant, Request
from healthbook.assistant.grounding import default_since, last_visit, short_name
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.timeline import describe
from healthbook.i18n import current_language, format_date, ngettext
from healthbook.knowledge import for_stored
from healthbook.ui.assistant_runner import AssistantRunner
from healthbook.ui.session import PersonData, Session
from healthbook.ui.style import alert_colour
from healthbook.ui.tasks import Job
from healthbook.ui.views.sharing import VisitSheetDialog, date_edit, date_text
from healthbook.vault import StoredRecord, Vault

CITATION = re.compile(r"\[(\d{1,3})\]")


def _linked(text: str) -> str:
    """Escape text and turn [n] into links to fact n."""
    escaped = html.escape(text)
    return CITATION.sub(lambda m: f'<a href="fact:{m[1]}">[{m[1]}]</a>', escaped)


def _blocks(text: str) -> str:
    """Paragraphs, with runs of '- ' lines as bullet lists."""
    out, items = [], []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(f"<li>{_linked(line[2:])}</li>")
            continue
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line.strip():
            out.append(f"<p>{_linked(line)}</p>")
    if items:
        out.append(f"<ul>{''.join(items)}</ul>")
    return "".join(out)


def answer_html(answer: Answer) -> str:
    """The checked answer as rich text (all record text escaped)."""
    parts = []
    for message in answer.escalations:
        parts.append(f'<p style="color:{alert_colour()}"><b>⚠ {html.escape(message)}</b></p>')
    if answer.draft:
        parts.append(QCoreApplication.translate(
            "Assistant", "<p><b>DRAFT for professional review.</b> Assembled from the records "
            "with a language model; not a clinical document until a clinician has checked "
            "it.</p>"))
    parts.extend(f"<p>{_linked(lead)}</p>" for lead in answer.lead)
    if answer.text:
        parts.append(_blocks(answer.text))
    if answer.questions:
        items = "".join(f"<li>{_linked(q)}</li>" for q in answer.questions)
        heading = html.escape(QCoreApplication.translate("Assistant", "Questions to ask"))
        parts.append(f"<p><b>{heading}</b></p><ul>{items}</ul>")
    parts.extend(f"<p><i>{html.escape(n)}</i></p>" for n in answer.notes)
    parts.append(f"<p><small>{html.escape(answer_status(answer))} "
                 f"{html.escape(answer.disclaimer)}</small></p>")
    return "".join(parts)


def subject_name(fact: AnalyteFact, records: dict[int, StoredRecord]) -> str:
    """A result's name in the subject list: the library's, in the current language."""
    stored = records.get(fact.latest.record_id)
    entry = for_stored(stored.record, "observation") if stored is not None else None
    return entry.name(current_language()) if entry is not None else short_name(fact.name)


def answer_status(answer: Answer) -> str:
    """One sentence on how the answer was checked; it never claims more than was done."""
    if answer.fallback:
        return QCoreApplication.translate(
            "Assistant", "Shown exactly as the records say it; each line links to its records.")
    return QCoreApplication.translate(
        "Assistant", "Worded by {model}; every sentence shown was checked against the records "
        "it links to.").format(model=answer.model)


class AssistantView(QWidget):
    """Signals:
    show_record(int): the user asked to see a record in the health record view.
    """

    show_record = Signal(int)

    def __init__(self, session: Session, runner: AssistantRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._data: PersonData | None = None
        self.answer: Answer | None = None
        self._streamed = ""
        self._prefilled: int | None = None
        self._build()
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def _build(self) -> None:
        self.question = QLineEdit()
        self.question.setPlaceholderText(self.tr("Ask about these records, e.g. “How has my "
                                                 "cholesterol changed?”"))
        self.question.setAccessibleName(self.tr("Question"))
        self.question.returnPressed.connect(self.ask)
        self.ask_button = QPushButton(self.tr("Ask"))
        self.ask_button.setDefault(True)
        self.ask_button.clicked.connect(self.ask)
        self.summary_button = QPushButton(self.tr("Summarise the history"))
        self.summary_button.clicked.connect(lambda: self._start(lambda a: a.summary()))
        self.subject = QComboBox()
        self.subject.setAccessibleName(self.tr("Result or measurement"))
        self.subject.setMinimumWidth(220)
        self.explain_button = QPushButton(self.tr("Explain"))
        self.explain_button.setToolTip(self.tr("The latest result in plain language"))
        self.explain_button.clicked.connect(self._explain_selected)
        self.trend_button = QPushButton(self.tr("Describe the trend"))
        self.trend_button.clicked.connect(self._trend_selected)
        self.since = date_edit(None, self.tr("Changes since"))
        self.prep_button = QPushButton(self.tr("Prepare for a visit"))
        self.prep_button.clicked.connect(self._prep)
        self.sheet_button = QPushButton(self.tr("Visit sheet…"))
        self.sheet_button.setToolTip(self.tr("Edit the questions, then save or print a one- or "
                                             "two-page sheet for the appointment"))
        self.sheet_button.setEnabled(False)
        self.sheet_button.clicked.connect(self.open_sheet)
        self.allow_save = True  # kiosk: print only, nothing saved
        self.clinician = QCheckBox(self.tr("Clinician mode"))
        self.clinician.setToolTip(self.tr("Offer a draft visit note for a clinician to review"))
        self.note_button = QPushButton(self.tr("Draft a visit note"))
        self.note_button.clicked.connect(lambda: self._start(lambda a: a.note()))
        self.note_button.setVisible(False)
        self.clinician.toggled.connect(self.note_button.setVisible)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Assistant status"))
        self.output = QTextBrowser()
        self.output.setAccessibleName(self.tr("Answer"))
        self.output.setOpenLinks(False)
        self.output.anchorClicked.connect(self._cited)
        self.sources = QTextBrowser()
        self.sources.setAccessibleName(self.tr("Sources of the answer"))
        self.sources.setOpenLinks(False)
        self.sources.anchorClicked.connect(self._record_link)
        grid = QGridLayout()
        grid.addWidget(self.question, 0, 0, 1, 3)
        grid.addWidget(self.ask_button, 0, 3)
        grid.addWidget(self.summary_button, 1, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Result:")))
        row.addWidget(self.subject, 1)
        row.addWidget(self.explain_button)
        row.addWidget(self.trend_button)
        grid.addLayout(row, 1, 1, 1, 3)
        visit = QHBoxLayout()
        visit.addWidget(QLabel(self.tr("Changes since:")))
        visit.addWidget(self.since)
        visit.addWidget(self.prep_button)
        visit.addWidget(self.sheet_button)
        visit.addStretch(1)
        visit.addWidget(self.clinician)
        visit.addWidget(self.note_button)
        grid.addLayout(visit, 2, 0, 1, 4)
        state = QHBoxLayout()
        state.addWidget(self.progress)
        state.addWidget(self.status, 1)
        state.addWidget(self.stop_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.output)
        splitter.addWidget(self.sources)
        splitter.setSizes([640, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(state)
        layout.addWidget(splitter, 1)
        self._buttons = [self.ask_button, self.summary_button, self.explain_button,
                         self.trend_button, self.prep_button, self.note_button]
        self._idle_text()

    def _idle_text(self) -> None:
        self.output.setHtml(self.tr(
            "<h3>Your records, explained on this computer</h3><p>Ask a question or pick an "
            "action above. The answer is built from your records on this computer; a language "
            "model may reword it, and every sentence is checked against your records before it "
            "is shown. Citations like [1] open the records an answer rests on.</p>"
            "<p><small>Healthbook explains; it does not diagnose.</small></p>"))
        self.sources.setHtml(self.tr("<p><b>Sources</b></p><p>The facts an answer used appear "
                                     "here.</p>"))

    # -- data ------------------------------------------------------------------------------
    def show_data(self, data: PersonData | None) -> None:
        """A new snapshot (or None on lock): reset the page for this person."""
        self._runner.cancel()
        if (data.person.id if data else None) != (self._data.person.id if self._data else None):
            self.question.clear()  # a question typed for one person is not another's
        self._data, self.answer = data, None
        self.sheet_button.setEnabled(False)
        self.subject.clear()
        self._idle_text()
        self._set_running(False)
        self.status.clear()
        if data is None:  # locked, or the kiosk session ended: the next user starts afresh
            self.question.clear()
            self.clinician.setChecked(False)
            return
        if self.isVisible():
            self._prefilled = id(data)
            self._runner.prefill(data)
        records: dict[int, StoredRecord] = {r.id: r for r in data.records}
        for a in data.facts.analytes:
            self.subject.addItem(subject_name(a, records), a.latest.record_id)
            self.subject.setItemData(self.subject.count() - 1, a.name, Qt.ItemDataRole.ToolTipRole)
        for m in data.facts.metrics:
            self.subject.addItem(m.label, None)
        visit = last_visit(data.records)
        effective = visit.record.effective if visit else None  # a visit found has a date
        since = default_since(effective[:10] if effective else None)
        self.since.setDate(QDate.fromString(since, "yyyy-MM-dd"))

    def showEvent(self, event: QShowEvent) -> None:
        """Read the person's facts into the model while the user reads the page."""
        super().showEvent(event)
        if self._data is not None and self._prefilled != id(self._data):
            self._prefilled = id(self._data)
            self._runner.prefill(self._data)

    def _since(self) -> str:
        return date_text(self.since)

    # -- actions ---------------------------------------------------------------------------
    def ask(self) -> None:
        """Ask the typed question."""
        text = self.question.text().strip()
        if text:
            self._start(lambda a: a.ask(text))

    def explain(self, record_id: int) -> None:
        """Explain one result (from the labs page or the subject box)."""
        self._start(lambda a: a.explain(record_id))

    def _explain_selected(self) -> None:
        record_id = self.subject.currentData()
        if record_id is None:  # a wearable metric: its trend is what there is to explain
            self._trend_selected()
        else:
            self.explain(record_id)

    def _trend_selected(self) -> None:
        name, record_id = self.subject.currentText(), self.subject.currentData()
        self._start(lambda a: a.trend(name, record_id))

    def _prep(self) -> None:
        since = self._since()
        self._start(lambda a: a.prep(since))

    def _start(self, build: Callable[[Assistant], Request]) -> None:
        if self._data is None:
            return
        self._streamed = ""
        self.answer = None
        self.sheet_button.setEnabled(False)
        starting = self.tr("Starting…")
        self.output.setHtml(f"<p><i>{html.escape(starting)}</i></p>")
        self._set_running(True)
        self._runner.ask(self._data, build, owner=self, on_text=self._on_text,
                         status=self.status.setText, done=self._on_answer,
                         failed=self._on_failed, cancelled=self._on_cancelled)

    def open_sheet(self) -> VisitSheetDialog | None:
        """The visit sheet for the last prep answer's questions."""
        if self._data is None or self.answer is None or self.answer.action is not Action.PREP:
            return None
        dialog = VisitSheetDialog(self._session, self._data.person, self.answer.questions,
                                  self._since(), self.allow_save, self)
        dialog.open()
        return dialog

    def stop(self) -> None:
        """Stop the answer being written."""
        self._runner.cancel()

    def _set_running(self, running: bool) -> None:
        for button in self._buttons:
            button.setEnabled(not running and self._data is not None)
        self.stop_button.setEnabled(running)
        self.progress.setVisible(running)

    def _on_text(self, piece: str) -> None:
        """Count the model's words; nothing it writes is shown before it is checked."""
        if not self._streamed:
            self.status.setText(self.tr("The model is writing; nothing is shown until it is "
                                        "checked."))
        self._streamed += piece
        words = len(self._streamed.split())
        # English says "words" for one as well (as it always has); French says "1 mot".
        self.output.setHtml("<p><i>" + html.escape(ngettext(
            "The model is wording the answer ({n} words so far). It appears once every "
            "sentence is checked against the records.",
            "The model is wording the answer ({n} words so far). It appears once every "
            "sentence is checked against the records.", words).format(n=words)) + "</i></p>")

    def _on_answer(self, answer: Answer) -> None:
        self.answer = answer
        self._set_running(False)
        self.sheet_button.setEnabled(answer.action is Action.PREP)
        self.status.setText(answer_status(answer))
        self.output.setHtml(answer_html(answer))
        self._show_sources(answer)
        if self._data is not None:
            person_id = self._data.person.id

            def audit(vault: Vault, _job: Job) -> None:  # runs on the session lane
                from healthbook.assistant.answers import record_answer

                record_answer(vault, person_id, answer)

            self._session.run(audit, owner=self)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText("")
        could_not = self.tr("The assistant could not answer.")
        self.output.setHtml(f"<p><b>{html.escape(could_not)}</b></p>"
                            f"<p>{html.escape(message)}</p>")

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Stopped. Nothing unchecked is shown."))
        stopped = self.tr("Stopped before the answer was finished.")
        self.output.setHtml(f"<p><i>{html.escape(stopped)}</i></p>")

    # -- sources ---------------------------------------------------------------------------
    def _show_sources(self, answer: Answer, highlight: int | None = None) -> None:
        rows = []
        records: dict[int, StoredRecord] = {r.id: r for r in self._data.records} \
            if self._data else {}
        files = {s.id: s.file_name for s in self._data.sources} if self._data else {}
        for n in answer.cited:
            fact = answer.fact(n)
            if fact is None:
                continue
            style = f" style='background:{self.palette().highlight().color().name()}33'" \
                if n == highlight else ""
            links = []
            for rid in fact.record_ids[-4:]:
                stored = records.get(rid)
                if stored is None:
                    continue
                when = format_date((stored.record.effective or "")[:10])
                where = files.get(stored.source_id, self.tr("an import"))
                links.append(f"<li><a href='record:{rid}'>{html.escape(when)} "
                             f"{html.escape(describe(stored))}</a> — {html.escape(where)}</li>")
            earlier = len(fact.record_ids) - 4
            more = "<li>" + html.escape(ngettext(
                "and {n} earlier result", "and {n} earlier results", earlier).format(
                    n=earlier)) + "</li>" if earlier > 0 else ""
            rows.append(f"<div{style}><p><a name='{n}'></a><b>[{n}]</b> "
                        f"{html.escape(fact.text)}</p>"
                        f"<ul>{''.join(links)}{more}</ul></div>")
        heading = self.tr("Sources")
        self.sources.setHtml(f"<p><b>{html.escape(heading)}</b></p>" + "".join(rows))

    def _cited(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("fact:") and self.answer is not None:
            n = int(text.split(":", 1)[1])
            self._show_sources(self.answer, highlight=n)
            self.sources.scrollToAnchor(str(n))

    def _record_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("record:"):
            self.show_record.emit(int(text.split(":", 1)[1]))
