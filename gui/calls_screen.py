"""The call screen: the next person callable NOW in a phone campaign, the proof that the call is lawful,
the opening script, and one key per outcome. A call the rules forbid cannot be logged: the screen
says why and when it will be allowed (docs/rules.md §1-§2). Every decision comes from the services."""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.dates import wall_qdatetime
from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.not_callable_view import NotCallableView
from gui.phone_campaign_dialog import PhoneCampaignDialog, PhoneCampaignValues
from gui.tasks import Task, run_task
from gui.use_case import attempt, failure_text
from models.campaign import Campaign
from models.contact import Contact, format_ref
from models.database import Database
from services.contacts.record import display_name
from services.contacts.selection import Selection
from services.core.clock import business_zone
from services.core.errors import Cancelled, InputError, UserError
from services.core.phones import display as phone_display
from services.core.settings import get_setting
from services.phone.calendar import describe_moment
from services.phone.call_centre import ImportReport, import_results, write_call_list
from services.phone.call_log import OUTCOME_LABELS, describe_basis, last_calls, log_call
from services.phone.campaign import (
    NotCallable,
    call_queue,
    decide_campaign,
    not_callable,
    open_phone_campaign,
    phone_campaigns,
    subject_warning,
)
from services.phone.contracts import contract_subjects
from services.phone.decision import CallDecision, decide_one
from services.phone.scripts import first_call_notice, opening_script

# One key per outcome (docs/rules.md §2.4: "not interested" and "do not call me" are two separate outcomes).
OUTCOME_KEYS: list[tuple[str, str, str]] = [
    ("1", "no-answer", "Pas de réponse"),
    ("2", "busy", "Occupé"),
    ("3", "callback", "Rappel (date/heure)"),
    ("4", "interested", "Intéressé"),
    ("5", "not-interested", "Pas intéressé (60 jours)"),
    ("6", "do-not-call", "Ne plus m'appeler (opposition)"),
    ("7", "wrong-number", "Faux numéro"),
]
OUTCOME_BY_KEY = {key: outcome for key, outcome, _ in OUTCOME_KEYS}
RED = "color: #b00020;"
GREEN = "color: #1b5e20;"


@dataclass
class Loaded:
    """What the background computation hands back to the screen."""

    campaign_id: int
    subject: str
    category: str  # the declared category (docs/rules.md §1.7)
    counts: dict[str, Any]
    queue: list[int]
    next_later: datetime | None  # the earliest moment someone « later » becomes callable (business tz)
    not_callable: list[NotCallable]  # who may not be called now, why and when (the « Exclus » tab)


class CallsScreen(QWidget):
    loaded = Signal()  # the campaign's decisions are ready (tests wait for it)

    def __init__(
        self,
        db: Database,
        ui: Dialogs,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        # The rules never read the clock; the screen asks this one (tests inject a fixed moment).
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self._generation = 0
        self.task: Task | None = None  # an export or an import running in the background
        self.campaign_id: int | None = None
        self.subject = ""
        self.category = "other"
        self.queue: list[int] = []
        self.current: CallDecision | None = None
        self.busy = False
        self.business_tz = ZoneInfo("Europe/Paris")
        self.counts = {"later": 0, "excluded": 0}
        self.warning = ""

        # --- campaign bar
        self.campaign_box = QComboBox(self)
        self.campaign_box.setMinimumWidth(260)
        self.new_button = QPushButton(self.tr("Nouvelle campagne…"), self)
        self.refresh_button = QPushButton(self.tr("Actualiser"), self)
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.export_button = QPushButton(self.tr("Liste pour un centre d'appels…"), self)
        self.import_button = QPushButton(self.tr("Importer des résultats…"), self)
        self.caller = QLineEdit(self)
        self.caller.setPlaceholderText(self.tr("votre nom"))
        self.caller.setMaximumWidth(160)
        with contextlib.suppress(KeyError, OSError):
            self.caller.setText(getpass.getuser())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Campagne :"), self))
        bar.addWidget(self.campaign_box, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.refresh_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Appelant :"), self))
        bar.addWidget(self.caller)
        tools = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        tools.addWidget(self.summary, 1)
        tools.addWidget(self.export_button)
        tools.addWidget(self.import_button)

        # --- the person
        self.person_box = QGroupBox(self.tr("À appeler maintenant"), self)
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.place_label = QLabel(self)
        self.phone_label = QLabel(self)
        self.phone_label.setStyleSheet("font-size: 18pt;")
        self.phone_label.setTextFormat(Qt.TextFormat.RichText)
        self.phone_label.setOpenExternalLinks(True)
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.basis_label = QLabel(self)
        self.basis_label.setWordWrap(True)
        self.history_label = QLabel(self)
        self.history_label.setWordWrap(True)
        pv = QVBoxLayout(self.person_box)
        for w in (self.name_label, self.place_label, self.phone_label, self.basis_label, self.history_label):
            pv.addWidget(w)

        self.script_box = QGroupBox(self.tr("À dire en début d'appel"), self)
        self.opening = ""
        self.script_label = QLabel(self)
        self.script_label.setWordWrap(True)
        self.script_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.script_label.setStyleSheet("padding: 8px; background: #fff8e1;")
        QVBoxLayout(self.script_box).addWidget(self.script_label)

        # --- outcomes
        self.outcome_box = QGroupBox(self.tr("Résultat de l'appel"), self)
        grid = QGridLayout(self.outcome_box)
        self.outcome_buttons: dict[str, QPushButton] = {}
        for i, (key, outcome, label) in enumerate(OUTCOME_KEYS):
            button = QPushButton(f"{key}  {tr_label(label)}", self)
            button.setToolTip(self.tr("Touche {key}").format(key=key))
            button.clicked.connect(lambda _=False, o=outcome: self.log_outcome(o))
            self.outcome_buttons[outcome] = button
            grid.addWidget(button, i // 4, i % 4)
        self.callback_edit = QDateTimeEdit(self)
        self.callback_edit.setCalendarPopup(True)
        self.callback_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        grid.addWidget(QLabel(self.tr("Rappel le :"), self), 2, 0)
        grid.addWidget(self.callback_edit, 2, 1)
        self.skip_button = QPushButton(self.tr("Passer (P)"), self)
        grid.addWidget(self.skip_button, 2, 3)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        calling = QWidget(self)
        cl = QVBoxLayout(calling)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.person_box)
        cl.addWidget(self.script_box)
        cl.addWidget(self.outcome_box)
        cl.addWidget(self.message)
        cl.addStretch(1)
        # Issue 15: why someone cannot be called, person by person, not only a tooltip of totals.
        self.not_callable = NotCallableView(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(calling, self.tr("À &appeler"))
        self.tabs.addTab(self.not_callable, self.tr("E&xclus ou plus tard"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.tabs, 1)

        self.campaign_box.activated.connect(lambda _i: self.recompute())
        self.new_button.clicked.connect(self.new_campaign)
        self.refresh_button.clicked.connect(self.refresh)
        self.skip_button.clicked.connect(self.skip)
        self.export_button.clicked.connect(self.export_list)
        self.import_button.clicked.connect(self.import_file)
        self._show_person(None)
        self.refresh()

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the campaigns and decide again who is callable now."""

        def load(s: Session) -> tuple[list[tuple[int, str, str]], str, str]:
            campaigns = [(c.id, c.name, c.subject) for c in phone_campaigns(s)]
            return campaigns, business_zone(s), opening_script(str(get_setting(s, "org.name") or ""))

        done = attempt(self.ui, self.db, load)
        if not done:
            return
        campaigns, zone, script = done.value
        self.business_tz = ZoneInfo(zone)
        self.opening = script
        self.script_label.setText(script)
        self._fit_script()
        keep = self.campaign_id
        self.campaign_box.clear()
        for cid, name, subject in campaigns:
            self.campaign_box.addItem(f"{name} — {subject}" if subject else name, cid)
        if keep is not None and self.campaign_box.findData(keep) >= 0:
            self.campaign_box.setCurrentIndex(self.campaign_box.findData(keep))
        self.recompute()

    def recompute(self) -> None:
        cid = self.campaign_box.currentData()
        self.campaign_id = cid
        self.queue = []
        self._show_person(None)
        if cid is None:
            self.summary.setText(
                self.tr("Créez une campagne téléphonique pour commencer (« Nouvelle campagne… »).")
            )
            self.loaded.emit()
            return
        self.busy = True
        self._generation += 1
        generation = self._generation
        self.summary.setText(self.tr("Calcul des personnes à appeler…"))
        now = self.clock()
        db = self.db

        def work(_progress: Callable[[int, int, str], bool]) -> Loaded:
            with db.session() as s:
                campaign = s.get(Campaign, cid)
                if campaign is None:
                    raise InputError("Cette campagne n'existe plus.")
                result = decide_campaign(s, campaign, now)
                queue = call_queue(s, result, now)
                later = [d.next_local for d in result.later if d.next_local]
                nxt = min(later).astimezone(self.business_tz) if later else None
                others = not_callable(s, result, now)
                return Loaded(cid, campaign.subject, campaign.subject_category, result.summary(), queue, nxt,
                              others)  # fmt: skip

        def done(data: Loaded) -> None:
            if generation == self._generation:  # else a newer computation is on its way
                self._loaded(data)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._failed(exc)

        run_task(self, self.tr("Campagne téléphonique"), work, done, failed)

    def _loaded(self, data: Loaded) -> None:
        self.busy = False
        self.subject = data.subject
        self.category = data.category
        self.queue = data.queue
        c = data.counts
        self.counts = {"later": c["later"], "excluded": sum(c["excluded"].values())}
        self.warning = subject_warning(data.subject)
        labels = c.get("excluded_labels", {})
        self.summary.setToolTip(
            "\n".join(f"{labels.get(code, code)} : {n}" for code, n in c["excluded"].items())
        )
        self.not_callable.set_rows(data.not_callable)
        self._next_later = data.next_later
        self.show_next()
        self._show_counts()
        self.loaded.emit()

    def _show_counts(self) -> None:
        """Who is left to call now (the queue as it stands), later and excluded — after every call too."""
        callable_now = len(self.queue) + (1 if self.current is not None else 0)
        text = (
            self.tr("%n à appeler maintenant", "", callable_now) + " · "
            + self.tr("%n plus tard", "", self.counts["later"]) + " · "
            + self.tr("%n exclu(s)", "", self.counts["excluded"])
        )  # fmt: skip
        self.summary.setText(f"{self.warning}\n{text}" if self.warning else text)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.summary.setText(failure_text(exc))
        self.ui.show_error(failure_text(exc))
        self.loaded.emit()

    # --- the person ---------------------------------------------------------------------------
    def show_next(self) -> None:
        """The next person of the queue who may be called at this very moment (checked again now)."""
        now = self.clock()
        with self.db.session() as s:
            while self.queue:
                cid = self.queue.pop(0)
                decision = decide_one(s, cid, self.subject, now, self.category)
                if decision.allowed:
                    self._show_person(decision, s)
                    self.message.clear()  # no stale « Aucune personne à appeler » beside a person
                    return
        self._show_person(None)
        nxt = getattr(self, "_next_later", None)
        if nxt is not None and self.campaign_id is not None:
            when = describe_moment(nxt, now.astimezone(self.business_tz).date())
            self._say(
                self.tr(
                    "Aucune personne à appeler pour l'instant — prochain créneau : {when} (heure de l'entreprise)."
                ).format(when=when),
                RED,
            )
        elif self.campaign_id is not None:
            self._say(self.tr("Plus personne à appeler dans cette campagne."), RED)

    def _show_person(self, decision: CallDecision | None, s: Any = None) -> None:
        self.current = decision
        for b in self.outcome_buttons.values():
            b.setEnabled(decision is not None)
        self.skip_button.setEnabled(decision is not None)
        self.callback_edit.setEnabled(decision is not None)
        if decision is None or s is None:
            for w in (
                self.name_label,
                self.place_label,
                self.phone_label,
                self.basis_label,
                self.history_label,
            ):
                w.clear()
            self.name_label.setText(self.tr("Aucun appel possible pour l'instant."))
            self.callback_edit.setDateTime(wall_qdatetime(self.clock().astimezone(self.business_tz)))
            return
        contact = s.get(Contact, decision.contact_id)
        now = self.clock()
        local = now.astimezone(decision.place.tz)
        self.name_label.setText(f"{display_name(contact)}  ·  {format_ref(contact.id)}")
        place = f"{contact.city} ({contact.postcode})" if contact.postcode else contact.city
        self.place_label.setText(
            self.tr(
                "{place} — il est {time} chez la personne ({zone}) · tentatives restantes sur 30 jours : {n}"
            ).format(
                place=place, time=local.strftime("%H:%M"), zone=decision.place.label, n=decision.attempts_left
            )
        )
        number = decision.number
        self.phone_label.setText(f'<a href="tel:{number}">{phone_display(number)}</a>')
        self.basis_label.setText(self.tr("Base légale : {basis}").format(basis=describe_basis(s, decision)))
        notice = first_call_notice(s, contact)  # docs/rules.md §3.2: said at the first call
        self.script_label.setText(
            self.opening + (self.tr("\n\nPremier appel — à dire : ") + notice if notice else "")
        )
        self._fit_script()
        calls = last_calls(s, contact.id, 3)
        self.history_label.setText(
            self.tr("Derniers appels : {calls}").format(
                calls=" ; ".join(
                    f"{at.astimezone(self.business_tz):%d/%m %H:%M} {label} ({who or '—'})"
                    for at, label, who in calls
                )
            )
            if calls
            else self.tr("Jamais appelé.")
        )
        default_cb = datetime.combine(local.date() + timedelta(days=1), time(10, 0), tzinfo=decision.place.tz)
        cb = default_cb.astimezone(self.business_tz)
        self.callback_edit.setDateTime(wall_qdatetime(cb))

    def _fit_script(self) -> None:
        """The script is read aloud: never clipped. A word-wrapped label inside a tab gets no height for its
        width from the layout, so it is given the height its text needs at its width."""
        width = self.script_label.width() or self.width() - 40
        self.script_label.setMinimumHeight(self.script_label.heightForWidth(max(width, 200)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_script()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys 1–7 log an outcome, P skips (unless the focus is in a field that takes the key)."""
        text = event.text().upper()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if text in OUTCOME_BY_KEY and self.current is not None:
            self.log_outcome(OUTCOME_BY_KEY[text])
        elif text == "P" and self.current is not None:
            self.skip()
        else:
            super().keyPressEvent(event)

    def skip(self) -> None:
        self.message.clear()
        self.show_next()

    # --- logging ------------------------------------------------------------------------------
    def callback_moment(self) -> datetime:
        """The callback time typed, read as the business's local time."""
        qdt = self.callback_edit.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.business_tz)

    def log_outcome(self, outcome: str) -> None:
        """Log the outcome for the person shown, at this moment — refused (with why and when) if the
        rules forbid the call now."""
        if self.current is None:
            return
        if outcome == "do-not-call" and not self.ui.confirm(
            self.tr(
                "La personne ne veut plus être appelée : une opposition au téléphone sera enregistrée, "
                "définitive, et transmise aux partenaires concernés."
            ),
            self.tr("Ne plus m'appeler"),
            self.tr("Enregistrer l'opposition"),
        ):
            return
        now = self.clock()
        callback = self.callback_moment() if outcome == "callback" else None
        try:
            with self.db.session() as s:
                campaign = s.get(Campaign, self.campaign_id) if self.campaign_id else None
                logged = log_call(s, self.current.contact_id, outcome, now, caller=self.caller.text(),
                                  campaign=campaign, callback_at=callback)  # fmt: skip
                ref = format_ref(logged.entry.contact_id)
                # Where the person called now stands, by the one rule (excluded after « ne plus m'appeler »,
                # a wrong last number…; else later): the counts follow without deciding the campaign again.
                after = decide_one(s, logged.entry.contact_id, self.subject, now, self.category)
        except InputError as exc:  # the rules refuse this call now: said in the caller's red line
            self._say(str(exc), RED)
            return
        except UserError as exc:
            self.ui.show_error(str(exc))
            return
        self.counts["excluded" if after.status == "excluded" else "later"] += 1
        text = self.tr("{ref} : « {label} » enregistré.").format(ref=ref, label=OUTCOME_LABELS[outcome])
        if outcome == "do-not-call":
            text += " " + self.tr("Opposition enregistrée : cette personne ne sera plus jamais appelée.")
        if outcome == "wrong-number":
            text += " " + self.tr("Numéro retiré de la fiche.")
        self.show_next()
        self._show_counts()
        if self.current is not None or not self.message.text():
            self._say(text, GREEN)
        else:
            self._say(f"{text} {self.message.text()}", GREEN)

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # --- campaigns, call-centre files ---------------------------------------------------------
    def new_campaign(self) -> None:
        with self.db.session() as s:
            subjects = contract_subjects(s)
        dialog = PhoneCampaignDialog(subjects, self)
        if dialog.exec() == PhoneCampaignDialog.DialogCode.Accepted:
            self.create_campaign(dialog.values())

    def create_campaign(self, values: PhoneCampaignValues) -> None:
        today = self.clock().astimezone(self.business_tz).date()
        done = attempt(
            self.ui,
            self.db,
            lambda s: open_phone_campaign(s, values.name, subject=values.subject, purpose=values.purpose,
                                          selection=Selection(search=values.search), created_by=self.caller.text(),
                                          today=today, subject_category=values.subject_category,
                                          confirm_category=values.confirm_category).id,
            self.tr("Campagne non créée"),
        )  # fmt: skip
        if done:
            self.campaign_id = done.value
            self.refresh()

    def export_list(self) -> None:
        """The call list for an outside call centre, written off the GUI thread (100,000 people: seconds)."""
        if self.campaign_id is None:
            return
        path = self.ui.ask_save_path(self.tr("Liste d'appels pour un centre d'appels"), "Excel (*.xlsx)",
                                     "liste-appels.xlsx", "calls")  # fmt: skip
        if path is None:
            return
        db, campaign_id, now = self.db, self.campaign_id, self.clock()

        def work(_progress: Any) -> int:
            with db.session() as s:
                campaign = s.get(Campaign, campaign_id)
                result = decide_campaign(s, campaign, now)
                return write_call_list(s, path, result, str(get_setting(s, "org.name") or ""))

        def done(n: int) -> None:
            self.ui.show_info(self.tr("%n personne(s) dans {path}.", "", n).format(path=path))

        self.task = run_task(self, self.tr("Liste d'appels"), work, done, self._task_failed)

    def import_file(self) -> None:
        """A call centre's results, read and logged off the GUI thread; their calls count toward the cap."""
        path = self.ui.ask_open_path(self.tr("Résultats d'un centre d'appels"), "Tableurs (*.xlsx *.ods *.xls *.csv)",
                                     "calls")  # fmt: skip
        if path is None:
            return
        db, campaign_id = self.db, self.campaign_id

        def work(_progress: Any) -> ImportReport:
            with db.session() as s:
                campaign = s.get(Campaign, campaign_id) if campaign_id else None
                return import_results(s, path, campaign)

        def done(report: ImportReport) -> None:
            lines = [
                self.tr("%n appel(s) importé(s)", "", report.imported)
                + ", "
                + self.tr("%n déjà présent(s).", "", report.duplicates)
            ]
            lines += [self.tr("Ligne {n} refusée : {r}").format(n=n, r=r) for n, r in report.refused[:20]]
            lines += [
                self.tr("Ligne {n} hors règles : {r}").format(n=n, r=r) for n, r in report.breaches[:20]
            ]
            self.ui.show_info("\n".join(lines), self.tr("Import des résultats"))
            self.refresh()

        self.task = run_task(self, self.tr("Import des résultats"), work, done, self._task_failed)

    def _task_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            self.ui.show_error(failure_text(exc))
