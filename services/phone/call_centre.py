"""The exchange with an outside call centre: the call list it works from, and its results file brought
back into the call log (docs/rules.md §1-§2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.contact import Contact, format_ref, parse_ref
from models.phone import CallLogEntry
from services.core.clock import business_zone
from services.core.errors import InputError
from services.core.phones import display as phone_display
from services.core.sheet_reader import read_grid
from services.core.spreadsheet import Column, Sheet, write_xlsx
from services.core.text import fold
from services.phone.calendar import CALL_WINDOWS, Place, public_holiday
from services.phone.call_log import OUTCOME_LABELS, check_callback_moment, log_call
from services.phone.campaign import STATUS_LABELS, CampaignDecisions
from services.phone.scripts import opening_script

# --- the call list for an outside call centre ---------------------------------------------------

CENTRE_COLUMNS = ("Date et heure de l'appel", "Résultat", "Rappel le", "Opérateur", "Commentaire")


def windows_text(place: Place, business_tz: str, on: date) -> str:
    """docs/rules.md §2.2: the person's calling windows, in their time and in the business's."""
    local = " et ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in CALL_WINDOWS)
    if place.zone == business_tz:
        return f"lun.–ven. {local}"
    btz = ZoneInfo(business_tz)

    def shifted(t: time) -> str:
        return datetime.combine(on, t, tzinfo=place.tz).astimezone(btz).strftime("%H:%M")

    theirs = " et ".join(f"{shifted(a)}–{shifted(b)}" for a, b in CALL_WINDOWS)
    return f"lun.–ven. {local} heure locale ({place.label}), soit {theirs} heure de l'entreprise"


def holidays_ahead(place: Place, start: date, days: int = 30) -> str:
    """The public holidays of the person's place in the coming days (no call on those)."""
    return _holidays_ahead(place.subdiv, start, days)


@lru_cache(maxsize=256)
def _holidays_ahead(subdiv: str | None, start: date, days: int) -> str:
    """Worked out once per territory and day: a call list of 100,000 people spans a dozen territories."""
    out = []
    for i in range(days):
        d = start + timedelta(days=i)
        if d.weekday() < 5 and public_holiday(d, subdiv):
            out.append(f"{d:%d/%m}")
    return ", ".join(out)


def call_list_rows(session: Session, result: CampaignDecisions) -> Iterable[list[Any]]:
    btz_name = business_zone(session)
    btz = ZoneInfo(btz_name)
    wanted = [d for d in result.decisions if d.status != "excluded"]
    by_id = {d.contact_id: d for d in wanted}
    ids = list(by_id)
    people: dict[int, Any] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        for row in session.execute(
            select(Contact.id, Contact.civility, Contact.first_name, Contact.last_name, Contact.company,
                   Contact.postcode, Contact.city).where(Contact.id.in_(chunk))
        ):  # fmt: skip
            people[row[0]] = row
    today = result.now.astimezone(btz).date()
    for d in wanted:
        p = people[d.contact_id]
        nxt = d.next_local.astimezone(btz).replace(tzinfo=None) if d.next_local else None
        yield [
            format_ref(d.contact_id), p.civility, p.first_name, p.last_name, p.company,
            phone_display(d.number), p.postcode, p.city, d.place.label,
            windows_text(d.place, btz_name, today), holidays_ahead(d.place, today), d.attempts_left,
            STATUS_LABELS[d.status], nxt, d.reason if d.status == "later" else "", d.eligibility.reason,
            "", "", "", "", "",
        ]  # fmt: skip


LIST_COLUMNS = [
    Column("Référence"), Column("Civilité"), Column("Prénom"), Column("Nom"), Column("Société"),
    Column("Téléphone"), Column("Code postal"), Column("Ville"), Column("Lieu"),
    Column("Créneaux autorisés"), Column("Jours fériés à venir (pas d'appel)"),
    Column("Tentatives restantes (30 jours)", "int"), Column("Statut"),
    Column("Prochain créneau (heure de l'entreprise)", "datetime"), Column("Pourquoi pas maintenant"),
    Column("Base légale"),
    *(Column(h) for h in CENTRE_COLUMNS),
]  # fmt: skip


def instructions_rows(org_name: str, business_tz: str) -> list[list[str]]:
    return [
        ["Ouverture d'appel", opening_script(org_name)],
        ["Jours et heures", "Du lundi au vendredi, 10:00–13:00 et 14:00–20:00 à l'heure de la personne, jamais un jour férié chez elle."],
        ["Fréquence", "Au plus 4 appels ou tentatives par personne sur 30 jours (tous appels confondus) : voir « Tentatives restantes »."],
        ["Pas intéressé", "Plus aucun appel pendant 60 jours."],
        ["Ne plus m'appeler", "Opposition définitive : ne plus jamais appeler ; l'indiquer dans « Résultat »."],
        ["Date et heure de l'appel", f"JJ/MM/AAAA HH:MM, heure de l'entreprise ({business_tz})."],
        ["Résultat (un de)", " ; ".join(OUTCOME_LABELS.values())],
        ["Rappel le", "Pour « Rappel » : JJ/MM/AAAA HH:MM, heure de l'entreprise."],
        ["Confidentialité", "Ce fichier contient des données personnelles : ne pas le diffuser, le détruire après la campagne."],
    ]  # fmt: skip


def write_call_list(session: Session, path: Path, result: CampaignDecisions, org_name: str) -> int:
    """The .xlsx for an outside call centre: callable now and later, their windows and attempts left."""
    if path.suffix.lower() != ".xlsx":
        raise InputError("La liste d'appels s'exporte en .xlsx.")
    rows = list(call_list_rows(session, result))
    btz = business_zone(session)
    write_xlsx(
        path,
        [
            Sheet("Appels", LIST_COLUMNS, rows),
            Sheet("Consignes", [Column("Règle"), Column("Détail")], instructions_rows(org_name, btz)),
        ],
    )
    return len(rows)


# --- the call centre's results, back into the log -----------------------------------------------


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    breaches: list[tuple[int, str]] = field(default_factory=list)  # imported, but outside the rules

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "refused": [{"line": n, "reason": r} for n, r in self.refused],
            "outside_rules": [{"line": n, "reason": r} for n, r in self.breaches],
        }


_OUTCOME_BY_TEXT = {fold(v): k for k, v in OUTCOME_LABELS.items()} | {k: k for k in OUTCOME_LABELS} | {
    "ne plus appeler": "do-not-call", "repondeur": "no-answer", "pas de reponse": "no-answer",
    "rappeler": "callback", "faux numero": "wrong-number", "non interesse": "not-interested",
}  # fmt: skip


def parse_outcome(text: Any) -> str:
    key = fold(str(text or ""))
    if key not in _OUTCOME_BY_TEXT:
        raise InputError(f"résultat inconnu « {text} »")
    return _OUTCOME_BY_TEXT[key]


def parse_moment(value: Any, tz: ZoneInfo) -> datetime:
    """A date and time from a cell (a real date cell, or JJ/MM/AAAA HH:MM, or AAAA-MM-JJ HH:MM)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    text = str(value or "").strip()
    for fmt in (
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    raise InputError(f"date et heure illisibles « {text} » (attendu JJ/MM/AAAA HH:MM)")


def read_table(path: Path) -> list[list[Any]]:
    """The first sheet of an .xlsx/.ods/.xls, or a .csv (; or ,), as rows of cells: the one hardened
    reader of files from outside (services.core.sheet_reader)."""
    return [[("" if c is None else c) for c in row] for row in read_grid(path).rows]


def import_results(
    session: Session, path: Path, campaign: Campaign | None, default_caller: str = "centre d'appels"
) -> ImportReport:
    """docs/rules.md §2.3: the centre's calls count toward the cap like ours. Unreadable lines are refused and
    reported; calls the rules forbade are still logged (they happened) with the breach noted."""
    table = read_table(path)
    if not table:
        raise InputError(f"{path.name} est vide.")
    headers = [fold(str(h)) for h in table[0]]

    def col(name: str) -> int | None:
        key = fold(name)
        return next((i for i, h in enumerate(headers) if h == key or h.startswith(key)), None)

    def required(name: str) -> int:
        i = col(name)
        if i is None:
            raise InputError(f"Colonne « {name} » absente de {path.name}.")
        return i

    i_ref, i_at, i_out = required("Référence"), required("Date et heure de l'appel"), required("Résultat")
    i_cb, i_op, i_note = col("Rappel le"), col("Opérateur"), col("Commentaire")
    tz = ZoneInfo(business_zone(session))
    report = ImportReport()
    lines: list[tuple[datetime, int, int, str, datetime | None, str, str]] = []
    for n, row in enumerate(table[1:], start=2):
        cells = list(row) + [""] * len(headers)
        if all(str(c).strip() == "" for c in (cells[i_at], cells[i_out])):
            continue  # not called: nothing to bring back
        try:
            cid = parse_ref(str(cells[i_ref]))
            if cid is None or session.get(Contact, cid) is None:
                raise InputError(f"référence inconnue « {cells[i_ref]} »")
            at = parse_moment(cells[i_at], tz)
            outcome = parse_outcome(cells[i_out])
            callback = None
            if i_cb is not None and str(cells[i_cb]).strip():
                callback = parse_moment(cells[i_cb], tz)
            if outcome == "callback" and callback is None:
                raise InputError("« Rappel » sans date de rappel")
        except InputError as exc:
            report.refused.append((n, str(exc)))
            continue
        operator = str(cells[i_op]).strip() if i_op is not None else ""
        note = str(cells[i_note]).strip() if i_note is not None else ""
        lines.append((at, n, cid, outcome, callback, operator or default_caller, note))
    # In the order the calls were made, so that each is judged with the calls before it.
    for at, n, cid, outcome, callback, operator, note in sorted(lines):
        if _already_logged(session, cid, at):
            report.duplicates += 1
            continue
        try:
            with session.begin_nested():
                if callback is not None:
                    place = Place.of(session.get(Contact, cid).postcode)  # type: ignore[union-attr]  # checked when the line was read
                    check_callback_moment(callback, at, place)
                logged = log_call(
                    session, cid, outcome, at, caller=operator, campaign=campaign, callback_at=callback,
                    note=note, source="call-centre", source_file=path.name, enforce=False,
                )  # fmt: skip
        except InputError as exc:
            report.refused.append((n, str(exc)))
            continue
        report.imported += 1
        if logged.entry.breach:
            report.breaches.append((n, logged.entry.breach))
    report.refused.sort()
    return report


def _already_logged(session: Session, contact_id: int, at: datetime) -> bool:
    """The same call imported twice (the same file again) is not counted twice."""
    return (
        session.scalar(
            select(CallLogEntry.id).where(
                and_(
                    CallLogEntry.contact_id == contact_id,
                    CallLogEntry.called_at == at,
                    CallLogEntry.source == "call-centre",
                )
            )
        )
        is not None
    )
