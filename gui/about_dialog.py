"""« À propos de webleads-tracker »: the version, where the data are, and the licences of what is shipped.

The data files and fonts in resources/ come with their own licences (THIRD_PARTY_NOTICES.md has the
full list); Qt's own box (« À propos de Qt ») names the Qt version and its LGPL licence.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from gui.app import application_icon
from models.version import version_line

translate = QCoreApplication.translate


def licence_lines() -> list[str]:
    """The program, the bundled data, the fonts and Qt, each with its licence (plain text, French)."""
    return [
        translate("About", "webleads-tracker : licence MIT."),
        translate(
            "About",
            "Codes postaux officiels et libellés d'acheminement (paquet « codes-postaux », Base Adresse "
            "Nationale : IGN, DINUM, ANCT) : licence MIT ; données d'origine INSEE et DGFiP sous "
            "Licence Ouverte.",
        ),
        translate(
            "About",
            "Polices DejaVu Sans (normale, grasse, condensée) : licence Bitstream Vera ; "
            "modifications DejaVu dans le domaine public.",
        ),
        translate("About", "Qt 6 et PySide6 : licence LGPL version 3 (voir « À propos de Qt »)."),
    ]


def about_text(base: str, log: str) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in licence_lines())
    return (
        f"<h3>{escape(version_line())}</h3>"
        + "<p>"
        + escape(
            translate(
                "About",
                "Fichier de prospection postale et téléphonique conforme au RGPD et aux règles de la "
                "CNIL, pour les petites entreprises.",
            )
        )
        + "</p><p>"
        + escape(
            translate("About", "Les données restent sur cet ordinateur (ou sur le serveur de la boutique).")
        )
        + "<br>"
        + escape(translate("About", "Base : {base}").format(base=base))
        + "<br>"
        + escape(translate("About", "Journal : {log}").format(log=log))
        + "</p><p><b>"
        + escape(translate("About", "Licences"))
        + f"</b></p><ul>{items}</ul><p>"
        + escape(
            translate(
                "About",
                "Les autres bibliothèques et le texte complet de chaque licence sont dans le fichier "
                "THIRD_PARTY_NOTICES.md et le dossier « licences », livrés avec le programme.",
            )
        )
        + "</p>"
    )


def about_box(parent: QWidget, base: str, log: str) -> QMessageBox:
    """The box, not yet shown; its « À propos de Qt » button opens Qt's own box without closing it."""
    box = QMessageBox(parent)
    box.setWindowTitle(translate("About", "À propos de webleads-tracker"))
    box.setTextFormat(Qt.TextFormat.RichText)
    # Wide enough that each licence reads as a line or two, not a narrow column.
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 480px; }")
    box.setText(about_text(base, log))
    box.setIconPixmap(application_icon().pixmap(64, 64))
    qt_button = QPushButton(translate("About", "À propos de Qt"), box)
    box.addButton(qt_button, QMessageBox.ButtonRole.ActionRole)
    qt_button.clicked.disconnect()  # an action button would close the box; this one opens Qt's beside it
    qt_button.clicked.connect(lambda: QMessageBox.aboutQt(box, translate("About", "À propos de Qt")))
    box.addButton(QMessageBox.StandardButton.Close)
    return box
