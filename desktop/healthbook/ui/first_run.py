"""The first-run guide, shown on the Overview while a person has no records: import (with the
formats Healthbook reads), add another person, or look around the demo first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from healthbook.ui.icons import follow_palette, icon, pixmap
from healthbook.ui.style import XL, XS, L, M, S


class FirstRunGuide(QWidget):
    """Three ways forward from an empty page.

    Signals:
    import_requested(): the user wants to choose files to import.
    add_person_requested(): the user wants to add another person.
    demo_requested(): the user wants to look at the demo.
    """

    import_requested = Signal()
    add_person_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: list[tuple[QLabel, str]] = []
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        intro = QLabel(self.tr(
            "Bring in the records you already have: Healthbook keeps them encrypted on this "
            "computer and shows them as results, trends and a plain-language summary."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.import_button = QPushButton(icon("import"), self.tr("Choose files to import…"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        self.person_button = QPushButton(icon("person-add"), self.tr("Add a person…"))
        self.person_button.clicked.connect(self.add_person_requested)
        self.demo_button = QPushButton(icon("demo"), self.tr("Open the demo"))
        self.demo_button.setToolTip(self.tr("Locks this vault and opens a sample person whose "
                                            "records live only in memory"))
        self.demo_button.clicked.connect(self.demo_requested)
        formats = [
            (self.tr("From a patient portal or an app"),
             self.tr("FHIR files (.json), single records or whole bundles, and bulk exports "
                     "(.ndjson)")),
            (self.tr("From a hospital or a doctor"),
             self.tr("C-CDA documents (.xml): discharge summaries, visit summaries")),
            (self.tr("From an iPhone"),
             self.tr("Apple Health: Health app › your picture › Export All Health Data, then "
                     "export.zip (with its clinical records)")),
            (self.tr("From an Android phone"),
             self.tr("Health Connect: Settings › Health Connect › Export, then the zip file")),
            (self.tr("From a spreadsheet"),
             self.tr("CSV files of lab results or daily wellness values, and MyFitnessPal's "
                     "food diary export")),
        ]
        reads = QGridLayout()
        reads.setHorizontalSpacing(M)
        reads.setVerticalSpacing(S)
        for row, (where, what) in enumerate(formats):
            head = QLabel(where)
            head.setStyleSheet("font-weight: 600;")
            head.setAlignment(Qt.AlignmentFlag.AlignTop)
            body = QLabel(what)
            body.setWordWrap(True)
            reads.addWidget(head, row, 0)
            reads.addWidget(body, row, 1)
        reads.setColumnStretch(1, 1)
        drop = QLabel(self.tr("You can also drop files on this window."))
        drop.setObjectName("hint")
        import_card = self._card("import", self.tr("Import your records"), reads,
                                 self.import_button, drop)
        person_card = self._card("person-add", self.tr("Keep a household together"),
                                 QLabel(self.tr("One vault can hold a parent's, a child's and "
                                                "your own records, each person apart.")),
                                 self.person_button)
        demo_card = self._card("demo", self.tr("Look around first"),
                               QLabel(self.tr("A sample person with synthetic records and six "
                                              "months of watch data, kept only in memory.")),
                               self.demo_button)
        side = QVBoxLayout()
        side.setSpacing(L)
        side.addWidget(person_card)
        side.addWidget(demo_card)
        self.demo_card = demo_card
        side.addStretch(1)
        cards = QHBoxLayout()
        cards.setSpacing(L)
        cards.addWidget(import_card, 3)
        cards.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(XL, XL, XL, XL)
        layout.setSpacing(M)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addSpacing(S)
        layout.addLayout(cards)
        layout.addStretch(1)
        self._buttons = ((self.import_button, "import"), (self.person_button, "person-add"),
                         (self.demo_button, "demo"))
        follow_palette(self._palette_changed)

    def _palette_changed(self, _palette: QPalette) -> None:
        """Icons in the new palette's text colour."""
        for mark, name in self._marks:
            mark.setPixmap(pixmap(name, 22))
        for button, name in self._buttons:
            button.setIcon(icon(name))

    def _card(self, icon_name: str, title: str, body: QWidget | QGridLayout,
              button: QPushButton, footer: QWidget | None = None) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        card.setAccessibleName(title)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(L, L, L, L)
        layout.setSpacing(M)
        head = QHBoxLayout()
        head.setSpacing(S)
        mark = QLabel()
        mark.setPixmap(pixmap(icon_name, 22))
        self._marks.append((mark, icon_name))
        heading = QLabel(title)
        heading.setObjectName("heading")
        head.addWidget(mark)
        head.addWidget(heading, 1)
        layout.addLayout(head)
        if isinstance(body, QLabel):
            body.setWordWrap(True)
        if isinstance(body, QGridLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body)
        row = QHBoxLayout()
        row.setSpacing(S)
        row.addWidget(button)
        if footer is not None:
            row.addSpacing(XS)
            row.addWidget(footer, 1)
        row.addStretch(1)
        layout.addLayout(row)
        return card

    def set_person(self, name: str, kiosk: bool = False, demo: bool = False) -> None:
        """Greet `name`; a kiosk offers neither importing nor adding people, and the demo does
        not offer itself."""
        self.title.setText(self.tr("Nothing here yet for {name}").format(name=name))
        self.import_button.setVisible(not kiosk)
        self.person_button.setVisible(not kiosk)
        self.demo_card.setVisible(not demo)
