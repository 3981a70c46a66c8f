"""Starting the window, in a fixed order.

The command line has already set up the data folder and the log file. Then: an exception hook that
logs the full trace and shows plain words → the QApplication (names for QSettings) → translators
(Qt's own French, the app's .qm) → the base, opened and migrated (errors in a dialog, nothing lost)
→ the main window. openpyxl and reportlab are not imported here: the screens import them on use.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.collector import MainThreadCollector
from services.core.paths import data_dir, log_file, resource

if TYPE_CHECKING:  # SQLAlchemy loads after the window's first paint
    from gui.home_screen import HomeScreen
    from models.database import Database

log = logging.getLogger("webleads.gui")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") literally

ORGANISATION = "webleads"
APPLICATION = "webleads-tracker"
# Set by the benchmark and by smoke tests of a packaged build: quit once the window is shown.
SMOKE_TEST_ENV = "WEBLEADS_SMOKE_TEST"


def _say(text: str, error: bool = False) -> None:
    """A line on stdout (or stderr); none at all in the windowed program on Windows, which has no console
    (PyInstaller sets sys.stdout and sys.stderr to None there)."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        stream.write(text + "\n")
        stream.flush()


def install_excepthook() -> None:
    """Any uncaught error: the full trace to the log file, a plain French sentence on screen."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("erreur inattendue :\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        message = translate(
            "App",
            "Une erreur inattendue est survenue : {error}\n\n"
            "Vos données enregistrées ne sont pas perdues. Le détail technique est dans le journal :\n{log}",
        ).format(error=exc, log=log_file())
        if QApplication.instance() is None or showing or os.environ.get(SMOKE_TEST_ENV):
            _say(message, error=True)
            return
        showing = True
        try:
            QMessageBox.critical(None, translate("App", "Erreur inattendue"), message)
        finally:
            showing = False

    sys.excepthook = hook


def configure_settings() -> None:
    """Names for QSettings; with WEBLEADS_HOME (a portable install, the tests) they live in that folder."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    if os.environ.get("WEBLEADS_HOME"):
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data_dir()))


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def application_icon() -> QIcon:
    """The envelope and check mark (drawn by packaging/draw_icon.py), one bitmap per size."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource("icons", f"{APPLICATION}-{size}.png")))
    return icon


def install_translators(app: QCoreApplication, system: QLocale | None = None) -> str:
    """French by default; English when the system is English and the English .qm has translations.

    Returns the language used ("fr" or "en"). Qt's own translation makes the standard buttons of
    message boxes, wizards and file choosers speak the same language (« Annuler », « Suivant »).
    """
    system = system or QLocale.system()
    language = "fr"
    if system.language() == QLocale.Language.English:
        own = QTranslator(app)
        if own.load(str(resource("i18n", "webleads_en.qm"))) and not own.isEmpty():
            app.installTranslator(own)
            language = "en"
    if language == "fr":
        french = (
            system
            if system.language() == QLocale.Language.French
            else QLocale(QLocale.Language.French, QLocale.Country.France)
        )
        QLocale.setDefault(french)
        own = QTranslator(app)
        if own.load(str(resource("i18n", "webleads_fr.qm"))):  # only if a French .qm is ever shipped
            app.installTranslator(own)
    else:
        QLocale.setDefault(system)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    gaps = QTranslator(app)  # « Look in: », « Files of type: » of the file chooser, which qtbase_fr lacks
    if language == "fr" and gaps.load(str(resource("i18n", "qtbase_gaps_fr.qm"))):
        app.installTranslator(gaps)
    return language


def file_chooser_language() -> str:
    """For the bundle's smoke test: whether the file chooser speaks French — Qt's own translation (its
    buttons) and ours for what qtbase_fr lacks (« Regarder dans : ») both found where the program runs."""
    look_in = QCoreApplication.translate("QFileDialog", "&Look in:")
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if look_in != "&Look in:" and cancel != "Cancel":
        return "file chooser in French"
    return f"file chooser not translated: {look_in} / {cancel}"


def open_base(db_arg: str | None) -> Database:
    """The base, created or migrated; a DatabaseError carries the sentence to show."""
    from models.database import open_database, resolve_url

    url = resolve_url(db_arg, data_dir())
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return open_database(url)
    finally:
        QGuiApplication.restoreOverrideCursor()


def run_window(db_arg: str | None) -> int:
    """Start the window on the base given by --db (or the default one); returns the exit status.

    The frame is painted before the database layer is even imported (SQLAlchemy and the models are
    most of the start-up time): the user sees the window at once, then its contacts.
    """
    install_excepthook()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_settings()
    app.setWindowIcon(application_icon())  # every window and dialog; the taskbar on Windows and X11
    QGuiApplication.setDesktopFileName(APPLICATION)  # Wayland docks match the .desktop entry by this name
    install_translators(app)
    MainThreadCollector(app)  # never a collection in a background task's thread (gui.collector)
    smoke = bool(os.environ.get(SMOKE_TEST_ENV))

    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()  # painted now, while the base opens
    if smoke:
        _say("window shown")
        _say(file_chooser_language())

    from models.database import DatabaseError, describe_url

    try:
        db = open_base(db_arg)
    except DatabaseError as exc:
        log.warning("ouverture de la base refusée : %s", exc)
        if not smoke:
            QMessageBox.critical(window, translate("App", "Impossible d'ouvrir la base"), str(exc))
        else:
            _say(str(exc), error=True)
        window.close()
        window.deleteLater()
        return 2 if exc.bad_input else 1
    log.info("fenêtre ouverte sur %s", describe_url(db.url))
    window.set_database(db)
    if smoke:
        # The start page shows its counts (read off the GUI thread), then draws its charts (matplotlib's Qt
        # backend, loaded then: issue 14); each is said once, and the program quits after the charts — or
        # after 30 s, the line missing.
        home = cast("HomeScreen | None", window.screens.get("home"))
        said: set[str] = set()

        def say_once(line: str) -> None:
            if line not in said:
                said.add(line)
                _say(line)

        def quit_now() -> None:
            window.close()
            app.quit()

        def charts() -> None:
            say_once("charts shown")
            QTimer.singleShot(0, quit_now)

        if home is not None:
            home.badges_changed.connect(lambda _badges: say_once("home shown"))
            home.charts_drawn.connect(charts)
            QTimer.singleShot(30_000, quit_now)
        else:
            QTimer.singleShot(0, quit_now)
    else:
        QTimer.singleShot(500, window.start_of_day)  # after the contacts are on screen
    try:
        return app.exec()
    finally:
        if not smoke:
            from services.core.backups import automatic_backup

            automatic_backup(db, "sortie")  # docs/rules.md §10.3: at exit, when something changed
        db.dispose()
