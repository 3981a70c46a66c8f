"""Widgets that never widen a screen past 1280 pixels because of their content (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def compact_combo(parent: QWidget | None = None, min_chars: int = 16) -> QComboBox:
    """A drop-down list as wide as its layout gives it, at least `min_chars` characters: its longest item
    (« Avery L7159 — 24 étiquettes 63,5 × 33,9 mm ») shows in full in the open list, not in the screen's width."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    return combo
