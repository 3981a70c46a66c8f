"""The user guide (F1): a short French page per screen — what it is for, the steps, the law behind it —
shipped in resources/help/ and read offline. The page of the current screen opens first."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from services.core.paths import resource

HELP = "help"


def page_for(section: str) -> str:
    """The guide's page of a sidebar section (its key), or the contents when it has none."""
    name = f"{section}.html"
    return name if section and resource(HELP, name).is_file() else "index.html"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide de l'utilisateur"))
        self.resize(760, 620)
        self.browser = QTextBrowser(self)
        self.browser.setSearchPaths([str(resource(HELP))])
        # QTextBrowser ignores <link rel="stylesheet">: the pages' style sheet is the document's default.
        self.browser.document().setDefaultStyleSheet(resource(HELP, "style.css").read_text(encoding="utf-8"))
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        contents = buttons.addButton(self.tr("&Sommaire"), QDialogButtonBox.ButtonRole.ActionRole)
        contents.clicked.connect(lambda: self.show_page("index.html"))
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.activated.connect(self.browser.backward)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def show_page(self, name: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(resource(HELP, name))))
