"""Label sheets: the A4 Avery/Zweckform address formats with their published geometry, plus custom ones.

All measures in millimetres, from the sheet's top-left corner. Sources: the manufacturers' published
dimensions (Avery UK/Zweckform spec sheets: label size, count, margins, pitch); cross-checked against
gLabels' template database (glabels-data 3.4): same label sizes and counts; gLabels' measured margins
differ by < 0.7 mm for the Avery L71xx sheets, and it has no L7159 and no 3422. Corner radii are gLabels'
where it has them (Zweckform 34xx sheets are square-cut). Equivalent references are named only when
gLabels' database gives the same geometry (Herma 4464 = Zweckform 3474); no Apli or Agipa sheet in it
matches these layouts, so none is claimed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.postal import CustomLabelTemplate, PrinterOffset
from services.core.errors import InputError, NotFoundError


@dataclass(frozen=True)
class LabelTemplate:
    code: str
    description: str
    columns: int
    rows: int
    label_width: float
    label_height: float
    left_margin: float
    top_margin: float
    h_pitch: float
    v_pitch: float
    corner_radius: float = 0.0
    page_width: float = 210.0
    page_height: float = 297.0
    equivalents: tuple[str, ...] = ()
    custom: bool = False

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def label_rect(self, index: int) -> tuple[float, float, float, float]:
        """Label `index` (0-based, row by row) on its page: (x, y, width, height), y from the top."""
        i = index % self.per_page
        row, col = divmod(i, self.columns)
        return (
            self.left_margin + col * self.h_pitch,
            self.top_margin + row * self.v_pitch,
            self.label_width,
            self.label_height,
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["equivalents"] = list(self.equivalents)
        d["per_page"] = self.per_page
        return d


# Avery's 63.5 mm wide labels: 3 columns, 2.54 mm gaps, centred (7.21 mm sides, 66.04 mm pitch);
# 99.1 mm wide: 2 columns, 4.65 mm sides, 101.6 mm pitch. Rows are centred on the 297 mm page.
BUILTIN: tuple[LabelTemplate, ...] = (
    LabelTemplate("L7159", "Avery L7159 — 24 étiquettes 63,5 × 33,9 mm", 3, 8, 63.5, 33.9, 7.21, 12.9, 66.04, 33.9, 1.76),
    LabelTemplate("L7160", "Avery L7160 — 21 étiquettes 63,5 × 38,1 mm", 3, 7, 63.5, 38.1, 7.21, 15.15, 66.04, 38.1, 1.76, equivalents=("Avery J8160",)),
    LabelTemplate("L7161", "Avery L7161 — 18 étiquettes 63,5 × 46,6 mm", 3, 6, 63.5, 46.6, 7.21, 8.7, 66.04, 46.6, 2.47),
    LabelTemplate("L7162", "Avery L7162 — 16 étiquettes 99,1 × 33,9 mm", 2, 8, 99.1, 33.9, 4.65, 12.9, 101.6, 33.9, 1.76),
    LabelTemplate("L7163", "Avery L7163 — 14 étiquettes 99,1 × 38,1 mm", 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1, 1.76, equivalents=("Avery J8163",)),
    LabelTemplate("L7165", "Avery L7165 — 8 étiquettes 99,1 × 67,7 mm", 2, 4, 99.1, 67.7, 4.65, 13.1, 101.6, 67.7, 1.76),
    LabelTemplate("J8160", "Avery J8160 (jet d'encre) — 21 étiquettes 63,5 × 38,1 mm", 3, 7, 63.5, 38.1, 7.21, 15.15, 66.04, 38.1, 1.76, equivalents=("Avery L7160",)),
    LabelTemplate("J8163", "Avery J8163 (jet d'encre) — 14 étiquettes 99,1 × 38,1 mm", 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1, 1.76, equivalents=("Avery L7163",)),
    LabelTemplate("3422", "Avery Zweckform 3422 — 24 étiquettes 70 × 35 mm", 3, 8, 70.0, 35.0, 0.0, 8.5, 70.0, 35.0),
    LabelTemplate("3474", "Avery Zweckform 3474 — 24 étiquettes 70 × 37 mm", 3, 8, 70.0, 37.0, 0.0, 0.5, 70.0, 37.0, equivalents=("Herma 4464",)),
    LabelTemplate("3475", "Avery Zweckform 3475 — 24 étiquettes 70 × 36 mm", 3, 8, 70.0, 36.0, 0.0, 4.5, 70.0, 36.0),
    LabelTemplate("3490", "Avery Zweckform 3490 — 24 étiquettes 70 × 36 mm", 3, 8, 70.0, 36.0, 0.0, 4.5, 70.0, 36.0),
)  # fmt: skip

_BUILTIN_BY_CODE = {t.code: t for t in BUILTIN}


def _from_row(row: CustomLabelTemplate) -> LabelTemplate:
    return LabelTemplate(
        row.code, row.description or row.code, row.columns, row.rows, row.label_width, row.label_height,
        row.left_margin, row.top_margin, row.h_pitch, row.v_pitch, row.corner_radius,
        row.page_width, row.page_height, (), True,
    )  # fmt: skip


def all_templates(session: Session | None = None) -> list[LabelTemplate]:
    """The built-in sheets, then the custom ones saved in the base."""
    out = list(BUILTIN)
    if session is not None:
        out += [
            _from_row(r)
            for r in session.scalars(select(CustomLabelTemplate).order_by(CustomLabelTemplate.code))
        ]
    return out


def get_template(session: Session | None, code: str) -> LabelTemplate:
    key = code.strip().upper()
    if key in _BUILTIN_BY_CODE:
        return _BUILTIN_BY_CODE[key]
    if session is not None:
        row = session.scalar(select(CustomLabelTemplate).where(CustomLabelTemplate.code == code.strip()))
        if row is not None:
            return _from_row(row)
    known = ", ".join(t.code for t in all_templates(session))
    raise NotFoundError(f"Modèle d'étiquettes inconnu « {code} » (connus : {known}).")


def check_geometry(t: LabelTemplate) -> list[str]:
    """A sheet the printer can actually print: labels inside the page, pitch at least the label size."""
    problems = []
    if t.columns < 1 or t.rows < 1:
        problems.append("il faut au moins une colonne et une ligne.")
    if min(t.label_width, t.label_height, t.page_width, t.page_height) <= 0:
        problems.append("les dimensions doivent être positives.")
    if t.left_margin < 0 or t.top_margin < 0 or t.corner_radius < 0:
        problems.append("les marges et le rayon ne peuvent pas être négatifs.")
    if t.columns > 1 and t.h_pitch < t.label_width:
        problems.append("le pas horizontal est plus petit que la largeur d'une étiquette.")
    if t.rows > 1 and t.v_pitch < t.label_height:
        problems.append("le pas vertical est plus petit que la hauteur d'une étiquette.")
    right = t.left_margin + (t.columns - 1) * t.h_pitch + t.label_width
    bottom = t.top_margin + (t.rows - 1) * t.v_pitch + t.label_height
    if right > t.page_width + 0.01:
        problems.append(f"les étiquettes dépassent la page à droite ({right:.1f} mm > {t.page_width:g} mm).")
    if bottom > t.page_height + 0.01:
        problems.append(f"les étiquettes dépassent la page en bas ({bottom:.1f} mm > {t.page_height:g} mm).")
    if t.corner_radius * 2 > min(t.label_width, t.label_height):
        problems.append("le rayon des coins est trop grand pour l'étiquette.")
    return problems


def save_custom_template(session: Session, t: LabelTemplate) -> LabelTemplate:
    """Create or replace a custom sheet (the built-in codes are reserved)."""
    code = t.code.strip()
    if not code:
        raise InputError("Donnez un code au modèle (par exemple « MAISON-24 »).")
    if code.upper() in _BUILTIN_BY_CODE:
        raise InputError(f"« {code} » est un modèle fourni ; choisissez un autre code.")
    problems = check_geometry(t)
    if problems:
        raise InputError("Modèle d'étiquettes impossible : " + " ".join(problems))
    row = session.scalar(select(CustomLabelTemplate).where(CustomLabelTemplate.code == code))
    if row is None:
        row = CustomLabelTemplate(code=code)
        session.add(row)
    for name in ("description", "page_width", "page_height", "columns", "rows", "label_width",
                 "label_height", "left_margin", "top_margin", "h_pitch", "v_pitch", "corner_radius"):  # fmt: skip
        setattr(row, name, getattr(t, name))
    session.flush()
    return _from_row(row)


def delete_custom_template(session: Session, code: str) -> None:
    row = session.scalar(select(CustomLabelTemplate).where(CustomLabelTemplate.code == code))
    if row is None:
        raise NotFoundError(f"Aucun modèle personnalisé « {code} ».")
    session.delete(row)


# --- printer offsets ----------------------------------------------------------------------------

MAX_OFFSET_MM = 20.0


def printer_offset(session: Session, printer: str = "") -> tuple[float, float]:
    """The saved shift of a printer (mm; + moves the print right / down), (0, 0) if never measured."""
    row = session.get(PrinterOffset, printer)
    return (row.dx_mm, row.dy_mm) if row else (0.0, 0.0)


def save_printer_offset(session: Session, printer: str, dx_mm: float, dy_mm: float) -> None:
    if abs(dx_mm) > MAX_OFFSET_MM or abs(dy_mm) > MAX_OFFSET_MM:
        raise InputError(
            f"Un décalage d'imprimante dépasse rarement quelques millimètres ({MAX_OFFSET_MM:g} mm au plus)."
        )
    row = session.get(PrinterOffset, printer)
    if row is None:
        session.add(PrinterOffset(printer=printer, dx_mm=dx_mm, dy_mm=dy_mm))
    else:
        row.dx_mm, row.dy_mm = dx_mm, dy_mm
    session.flush()
