"""The home page (Tableau de bord), the window's start page: « À faire » — each line a count and a click
that opens the right screen already filtered —, the charts, and the PDF « État de conformité ». On an empty
base it is the first start's assistant (gui/first_start.py) until the user ends it.

The counts come from services.compliance.dashboard, computed off the GUI thread (gui/tasks.run_quietly)
when the page is built, when it is shown again, after each change the window hears of and every 30 s;
they also feed the sidebar's badges. The charts come after the counts and after the first paint: matplotlib
is imported then, not at start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.tasks import run_quietly, run_task
from gui.use_case import failure_text
from services.compliance.dashboard import Todo, badges, todo
from services.compliance.dashboard_figures import figures
from services.contacts.search import count_contacts
from services.core.clock import business_tz
from services.core.moments import business_date, now

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

REFRESH_MS = 30_000  # the counts are read again every 30 s (another station may have changed the base)
LATE_COLOUR = "#b00020"


class TodoLine(QLabel):
    """One line of « À faire »: its sentence, wrapped, in red when late; a click opens its list."""

    clicked = Signal()

    def __init__(self, text: str, late: bool, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        colour = LATE_COLOUR if late else "#1d3f73"
        self.setStyleSheet(f"QLabel {{ color: {colour}; padding: 5px 4px; border-bottom: 1px solid #ddd; }}"
                           f"QLabel:hover {{ background: #eef3fa; }}")  # fmt: skip

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class HomeScreen(QWidget):
    """`open_view(section, view)`: a line was clicked; `badges_changed({section: n})`: new counts;
    `charts_drawn()`: the charts are on the page."""

    open_view = Signal(str, str)
    badges_changed = Signal(dict)
    charts_drawn = Signal()
    import_requested = Signal()
    new_contact_requested = Signal()

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.lines: list[Todo] = []
        self.todo_buttons: dict[str, TodoLine] = {}
        self.canvas: Any = None  # matplotlib's FigureCanvasQTAgg, once drawn
        self.assistant: QWidget | None = None
        self.assistant_ended = False
        self._counting = False
        self._again = False
        self._drawing = False

        title = QLabel(self.tr("<h2>Tableau de bord</h2>"), self)
        self.updated = QLabel(self)
        self.updated.setStyleSheet("color: #666;")
        self.export_button = QPushButton(self.tr("Exporter l'état de conformité (PDF)…"), self)
        self.export_button.clicked.connect(self.export_pdf)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.updated)
        head.addWidget(self.export_button)

        self.todo_box = QGroupBox(self.tr("À faire"), self)
        self.todo_layout = QVBoxLayout(self.todo_box)
        self.nothing = QLabel(self.tr("Rien en retard."), self.todo_box)
        self.nothing.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.waiting = QLabel(self.tr("Calcul en cours…"), self.todo_box)
        self.todo_layout.addWidget(self.waiting)
        self.todo_layout.addWidget(self.nothing)
        self.nothing.hide()
        self.todo_layout.addStretch(1)
        self.todo_box.setMinimumWidth(240)
        self.todo_box.setMaximumWidth(520)

        self.charts_box = QGroupBox(self.tr("Chiffres"), self)
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_waiting = QLabel(self.tr("Graphiques en préparation…"), self.charts_box)
        self.charts_waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_layout.addWidget(self.charts_waiting, 1)

        body = QHBoxLayout()
        body.addWidget(self.todo_box, 2)
        body.addWidget(self.charts_box, 3)
        dashboard = QWidget(self)
        v = QVBoxLayout(dashboard)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(head)
        v.addLayout(body, 1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(dashboard)
        self.dashboard_page = dashboard
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.start()
        self.refresh_counts()

    # --- the counts -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The page is shown again: its counts and charts read anew."""
        self.refresh_counts()
        if self.canvas is not None:
            self.refresh_charts()

    def refresh_counts(self) -> None:
        """Read the counts on the thread pool (one read at a time; a request meanwhile reads again after)."""
        if self._counting:
            self._again = True
            return
        self._counting = True
        db = self.db

        def work() -> tuple[list[Todo], bool]:
            with db.session() as session:
                return todo(session), count_contacts(session) == 0

        run_quietly(self, work, self._show_counts, self._count_failed)

    def _count_failed(self, exc: BaseException) -> None:
        self._counting = False
        self.updated.setText(failure_text(exc))

    def _show_counts(self, result: tuple[list[Todo], bool]) -> None:
        self._counting = False
        self.lines, empty = result
        if empty and not self.assistant_ended:
            self.show_assistant()
        elif self.assistant is not None:
            self.assistant.refresh()  # type: ignore[attr-defined]  # a FirstStart
        self.waiting.hide()
        for button in self.todo_buttons.values():
            self.todo_layout.removeWidget(button)
            button.deleteLater()
        self.todo_buttons = {}
        for i, line in enumerate(self.lines):
            button = TodoLine(self.todo_text(line), line.late, self.todo_box)
            button.setToolTip(self.tr("Ouvrir la liste"))
            button.clicked.connect(lambda ln=line: self.open_view.emit(ln.section, ln.view))
            self.todo_layout.insertWidget(i, button)
            self.todo_buttons[line.key] = button
        self.nothing.setVisible(not self.lines)
        self.updated.setText(self.tr("Mis à jour à {0}").format(QTime.currentTime().toString("HH:mm")))
        self.badges_changed.emit(badges(self.lines))
        if self.canvas is None and not self._drawing:
            # After the first paint: the counts first, then matplotlib (a few hundred ms to import).
            QTimer.singleShot(0, self.refresh_charts)
        if self._again:
            self._again = False
            self.refresh_counts()

    def todo_text(self, line: Todo) -> str:
        """The line's words, with Qt's French plural forms (the sources are services.compliance.dashboard.TEXTS)."""
        n = line.count
        texts = {
            "partner_notices_late": lambda: self.tr(
                "%n notification(s) aux partenaires en retard : à envoyer sans attendre (art. 19)", "", n),
            "partner_notices_due": lambda: self.tr(
                "%n notification(s) aux partenaires à envoyer avant leur échéance (art. 19)", "", n),
            "requests_late": lambda: self.tr(
                "%n demande(s) de personnes sans réponse après le délai d'un mois", "", n),
            "requests_due": lambda: self.tr("%n demande(s) de personnes à traiter dans les 7 jours", "", n),
            "art14_late": lambda: self.tr(
                "%n personne(s) sans l'information sur l'origine des données depuis plus d'un mois (art. 14)", "", n),
            "art14_due": lambda: self.tr(
                "%n personne(s) à informer de l'origine des données dans le mois (art. 14)", "", n),
            "past_term": lambda: self.tr(
                "%n personne(s) au-delà de la durée de conservation : renouvellement ou anonymisation", "", n),
            "consents_expiring": lambda: self.tr(
                "%n accord(s) d'appel expirant dans les 30 jours : à renouveler avant de rappeler", "", n),
            "npai": lambda: self.tr(
                "%n adresse(s) revenue(s) « n'habite pas à l'adresse indiquée » à corriger", "", n),
            "to_check": lambda: self.tr("%n contact(s) « à vérifier » laissé(s) par un import", "", n),
            "settings": lambda: self.tr(
                "Réglages incomplets : l'identité de l'organisation, imprimée sur chaque notice, est à compléter"),
        }  # fmt: skip
        return texts[line.key]()

    # --- the charts --------------------------------------------------------------------------------------
    def refresh_charts(self) -> None:
        if self._drawing:
            return
        self._drawing = True
        db = self.db

        def work() -> dict[str, Any]:
            at = now()
            with db.session() as session:
                return figures(session, at.astimezone(business_tz(session)).date(), at)

        run_quietly(self, work, self._draw_charts, self._charts_failed)

    def _charts_failed(self, exc: BaseException) -> None:
        self._drawing = False
        self.charts_waiting.setText(failure_text(exc))

    def _draw_charts(self, data: dict[str, Any]) -> None:
        # matplotlib loads here, on first use: off the window's start-up path (docs/architecture.md).
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from services.compliance.dashboard_charts import draw_all

        self._drawing = False
        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(layout="constrained"))
            self.canvas.setParent(self.charts_box)
            self.canvas.setMinimumHeight(420)
            self.charts_layout.removeWidget(self.charts_waiting)
            self.charts_waiting.hide()
            self.charts_layout.addWidget(self.canvas, 1)
        self.figures = data
        draw_all(self.canvas.figure, data, tr_label)
        self.canvas.draw_idle()
        self.charts_drawn.emit()

    # --- the PDF --------------------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        suggested = f"etat-conformite-{business_date():%Y-%m-%d}.pdf"
        path = self.ui.ask_save_path(
            self.tr("Exporter l'état de conformité"), self.tr("PDF (*.pdf)"), suggested, "dashboard"
        )
        if path is None:
            return
        db = self.db

        def work(_progress: Any) -> Any:
            from services.compliance.dashboard import snapshot
            from services.compliance.dashboard_pdf import write_page

            with db.session() as session:
                data = snapshot(session)
            return write_page(data, path)

        self.export_task = run_task(
            self, self.tr("Export de l'état de conformité…"), work,
            lambda written: self.ui.show_info(self.tr("État de conformité enregistré : {0}").format(written)),
            lambda exc: self.ui.show_error(failure_text(exc)),
        )  # fmt: skip

    # --- the first start ------------------------------------------------------------------------------------
    def show_assistant(self) -> None:
        if self.assistant is None:
            from gui.first_start import FirstStart

            assistant = FirstStart(self.db, self.ui, self)
            assistant.ended.connect(self.end_assistant)
            assistant.open_section.connect(lambda key: self.open_view.emit(key, ""))
            assistant.import_requested.connect(self.import_requested)
            assistant.new_contact_requested.connect(self.new_contact_requested)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(assistant)
            self.pages.addWidget(scroll)
            self.assistant = assistant
        self.pages.setCurrentIndex(1)

    def end_assistant(self) -> None:
        self.assistant_ended = True
        self.pages.setCurrentWidget(self.dashboard_page)
        self.refresh_counts()

    def showing_assistant(self) -> bool:
        return self.pages.currentIndex() == 1
