"""The label sheet drawn to scale (issue 15, as gLabels does): a click on a label makes it the first free one;
the labels before it are drawn as already used."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from services.postal.label_sheets import LabelTemplate

USED = QColor("#c8c8c8")
FREE = QColor("#ffffff")
FIRST = QColor("#2e7d32")


class LabelSheetPicker(QWidget):
    picked = Signal(int)  # the first free label, 1-based, as the « Première étiquette libre » field counts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: LabelTemplate | None = None
        self.first = 1
        self.setMinimumSize(120, 170)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Cliquez sur la première étiquette encore libre de la planche"))

    def sizeHint(self) -> QSize:
        return QSize(180, 255)

    def set_template(self, template: LabelTemplate | None) -> None:
        self.template = template
        self.update()

    def set_first(self, first: int) -> None:
        self.first = first
        self.update()

    def _scale(self) -> tuple[float, float, float]:
        """(mm → pixels, left, top) so that the page fits the widget, centred."""
        assert self.template is not None
        t = self.template
        scale = min((self.width() - 4) / t.page_width, (self.height() - 4) / t.page_height)
        return scale, (self.width() - t.page_width * scale) / 2, (self.height() - t.page_height * scale) / 2

    def label_at(self, x: float, y: float) -> int | None:
        """The label (1-based) under a point of the widget, or None."""
        if self.template is None:
            return None
        scale, left, top = self._scale()
        for i in range(self.template.per_page):
            lx, ly, w, h = self.template.label_rect(i)
            if QRectF(left + lx * scale, top + ly * scale, w * scale, h * scale).contains(x, y):
                return i + 1
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.template is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, left, top = self._scale()
        t = self.template
        painter.setPen(QPen(QColor("#808080")))
        painter.setBrush(QColor("#f4f4f4"))
        painter.drawRect(QRectF(left, top, t.page_width * scale, t.page_height * scale))
        radius = t.corner_radius * scale
        for i in range(t.per_page):
            x, y, w, h = t.label_rect(i)
            colour = USED if i + 1 < self.first else FIRST if i + 1 == self.first else FREE
            painter.setBrush(colour)
            painter.setPen(QPen(QColor("#606060"), 1))
            painter.drawRoundedRect(
                QRectF(left + x * scale, top + y * scale, w * scale, h * scale), radius, radius
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        label = self.label_at(event.position().x(), event.position().y())
        if label is not None:
            self.set_first(label)
            self.picked.emit(label)
