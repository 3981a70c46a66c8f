"""Draw the application icon: a white envelope on a calm blue tile, with a green check mark (« conforme »).

Drawn with QPainter offscreen (antialiased vector shapes, redrawn at every size so that 16 px stays
sharp), then packed by Pillow into the Windows .ico and the macOS .icns. Writes resources/icons/:
webleads-tracker-16.png … -512.png, webleads-tracker.ico, webleads-tracker.icns.

    QT_QPA_PLATFORM=offscreen python packaging/draw_icon.py      (needs the [package] extra: Pillow)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
NAME = "webleads-tracker"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)

BLUE_TOP = QColor("#3f7fcb")
BLUE_BOTTOM = QColor("#285b9f")
FLAP = QColor("#9db9dc")
GREEN = QColor("#2f9e6a")
WHITE = QColor("#ffffff")


def draw(size: int) -> QImage:
    """The icon at `size` pixels, drawn on a 100-unit grid."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100, size / 100)
    small = size <= 24  # fewer, bolder strokes where a pixel is 4 to 6 units

    # The tile.
    margin = 2 if small else 4
    tile = QRectF(margin, margin, 100 - 2 * margin, 100 - 2 * margin)
    gradient = QLinearGradient(0, margin, 0, 100 - margin)
    gradient.setColorAt(0, BLUE_TOP)
    gradient.setColorAt(1, BLUE_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(tile, 20, 20)

    # The envelope, its flap drawn as two lines meeting below the middle.
    envelope = QRectF(15, 26, 66, 46) if not small else QRectF(12, 24, 72, 50)
    p.setBrush(WHITE)
    p.drawRoundedRect(envelope, 5, 5)
    flap = QPainterPath(QPointF(envelope.left() + 4, envelope.top() + 5))
    flap.lineTo(QPointF(envelope.center().x(), envelope.top() + envelope.height() * 0.58))
    flap.lineTo(QPointF(envelope.right() - 4, envelope.top() + 5))
    pen = QPen(BLUE_BOTTOM if small else FLAP, 7 if small else 4.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(flap)

    # The check mark in a green disc with a white ring, over the envelope's lower right corner.
    centre = QPointF(72, 70) if not small else QPointF(70, 70)
    radius = 19 if not small else 23
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(WHITE)
    p.drawEllipse(centre, radius + (4 if not small else 3), radius + (4 if not small else 3))
    p.setBrush(GREEN)
    p.drawEllipse(centre, radius, radius)
    check = QPainterPath(QPointF(centre.x() - radius * 0.48, centre.y() + radius * 0.02))
    check.lineTo(QPointF(centre.x() - radius * 0.12, centre.y() + radius * 0.38))
    check.lineTo(QPointF(centre.x() + radius * 0.50, centre.y() - radius * 0.36))
    pen = QPen(WHITE, radius * (0.30 if small else 0.24))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)
    p.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: to_pillow(draw(size)) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        images[size].save(OUT / f"{NAME}-{size}.png", optimize=True)
    # Each size of the .ico and .icns is its own drawing, not a shrunk 256 px image.
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        OUT / f"{NAME}.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    images[max(ICNS_SIZES)].save(
        OUT / f"{NAME}.icns", append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)]
    )
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} octets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
