"""`labels templates` and `labels calibration`: the label sheets and their geometry."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.context import CliContext, Result
from services.postal.label_sheets import all_templates, get_template, printer_offset
from services.postal.labels import write_calibration


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("labels", help="planches d'étiquettes")
    lsub = p.add_subparsers(dest="labels_command", metavar="ACTION", required=True)
    t = lsub.add_parser("templates", parents=[common], help="les modèles et leur géométrie en millimètres")
    t.set_defaults(handler=labels_templates)
    c = lsub.add_parser("calibration", parents=[common], help="page de calibrage (contours des étiquettes)")
    c.add_argument("--template", required=True, help="modèle d'étiquettes (L7160…)")
    c.add_argument("--printer", default="", help="imprimante dont le décalage enregistré s'applique")
    c.add_argument("--out", required=True, type=Path, help="fichier PDF à écrire")
    c.set_defaults(handler=labels_calibration)


def labels_templates(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        templates = all_templates(session)
    data = [t.to_dict() for t in templates]

    def text() -> str:
        lines = [
            f"{'Code':<8} {'Étiq.':>5}  {'Taille (mm)':<13} {'Marges g/h':<12} {'Pas h/v':<14} Équivalents"
        ]
        for t in templates:
            lines.append(
                f"{t.code:<8} {t.per_page:>5}  {t.label_width:g} × {t.label_height:g}".ljust(29)
                + f" {t.left_margin:g} / {t.top_margin:g}".ljust(13)
                + f" {t.h_pitch:g} / {t.v_pitch:g}".ljust(15)
                + (", ".join(t.equivalents) or "—")
            )
        return "\n".join(lines)

    return Result(data, text)


def labels_calibration(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        template = get_template(session, args.template)
        offset = printer_offset(session, args.printer)
    write_calibration(args.out, template, offset)
    return Result({"file": str(args.out), "template": template.code, "offset_mm": list(offset)},
                  f"Page de calibrage {template.code} écrite : {args.out}")  # fmt: skip
