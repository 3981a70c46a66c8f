"""A generated PDF shown in the window (QtPdf renders its pages) and printed at 100 % scale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

PREVIEW_DPI = 80
PRINT_DPI_MAX = 300


class PdfPreview(QWidget):
    """One PDF at a time: page chooser, rendered page, and "Imprimer…" through the system dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.path: Path | None = None
        self.title = QLabel(self.tr("Aucun document"))
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.setPrefix(self.tr("Page "))
        self.page.valueChanged.connect(self._show_page)
        self.count = QLabel("")
        self.print_button = QPushButton(self.tr("Imprimer…"))
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.print_document)
        self.print_button.setEnabled(False)
        bar = QHBoxLayout()
        for w in (self.title, self.page, self.count):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def load(self, path: Path, title: str = "") -> int:
        """Open a PDF and show its first page; returns the page count."""
        self.document.close()
        self.document.load(str(path))
        self.path = path
        pages = self.document.pageCount()
        self.title.setText(title or path.name)
        self.page.setMaximum(max(pages, 1))
        self.count.setText(self.tr("sur %n", "", pages))
        self.page.setValue(1)
        self._show_page()
        self.print_button.setEnabled(pages > 0)
        return pages

    def render(self, index: int, dpi: float) -> QImage:
        size_pt = self.document.pagePointSize(index)
        return self.document.render(
            index, QSize(round(size_pt.width() * dpi / 72), round(size_pt.height() * dpi / 72))
        )

    def _show_page(self) -> None:
        if self.document.pageCount() == 0:
            self.image.clear()
            return
        page = self.render(self.page.value() - 1, PREVIEW_DPI)
        paper = QImage(page.size(), QImage.Format.Format_RGB32)  # the page on white paper, not on grey
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, page)
        painter.end()
        self.image.setPixmap(QPixmap.fromImage(paper))

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the page's origin is the paper's corner: no margin shifts the labels
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Imprimer à 100 % (sans ajustement à la page)"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page at its real size: 1 mm on paper is 1 mm in the PDF (no scaling to fit)."""
        pages = self.document.pageCount()
        first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
        last = min(printer.toPage(), pages) - 1 if printer.toPage() else pages - 1
        dpi = printer.resolution()
        painter = QPainter(printer)
        try:
            for index in range(first, last + 1):
                size_pt = self.document.pagePointSize(index)
                target = QRectF(QPointF(0, 0), QSize(round(size_pt.width() * dpi / 72),
                                                     round(size_pt.height() * dpi / 72)).toSizeF())  # fmt: skip
                painter.drawImage(target, self.render(index, min(dpi, PRINT_DPI_MAX)))
                if index < last:
                    printer.newPage()
        finally:
            painter.end()
