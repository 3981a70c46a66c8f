"""Phone campaigns: the call list for a call centre, its results brought back, the calls register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.database import Database
from models.phone import CallLogEntry
from services.contacts.selection import Selection
from services.core.errors import InputError
from services.phone.call_centre import import_results, write_call_list
from services.phone.call_log import log_call, write_calls_register
from services.phone.campaign import call_queue, decide_campaign, not_callable, open_phone_campaign
from services.phone.contracts import add_contract
from services.phone.decision import decide_one
from tests.phone_helpers import consumer, give_consent, paris, professional

NOW = paris(2026, 11, 2, 10, 30)  # a Monday


def _people(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ok = consumer(s, last_name="Consenti")
    give_consent(s, ok, paris(2026, 6, 1))
    reunion = professional(s, last_name="Payet", postcode="97400", city="Saint-Denis")
    none = consumer(s, last_name="Sansaccord")
    broker = consumer(s, last_name="Courtier", source_kind="broker", source_name="Data Prospects France")
    nophone = professional(s, last_name="Muet", phone="", mobile="")
    return {"ok": ok.id, "reunion": reunion.id, "none": none.id, "broker": broker.id, "nophone": nophone.id}


def test_campaign_splits_callable_later_excluded_with_reasons(db: Database) -> None:
    """At 10:30 in Paris: the consenting consumer now, La Réunion later (13:30 there), the rest excluded."""
    with db.session() as s:
        ids = _people(s)
        campaign = open_phone_campaign(
            s, "Cuisines automne", subject="Nouvelle collection", today=NOW.date(), subject_category="other"
        )
        result = decide_campaign(s, campaign, NOW)
        summary = result.summary()
        assert summary["callable"] == 1 and summary["later"] == 1
        assert summary["excluded"] == {"no_consent": 1, "third_party_no_consent": 1, "no_phone": 1}
        assert summary["excluded_labels"] == {
            "no_consent": "particulier sans consentement à être appelé",
            "third_party_no_consent": "contact d'un courtier ou d'un partenaire sans consentement recueilli par "
            "l'entreprise",
            "no_phone": "pas de numéro de téléphone valide",
        }
        assert [d.contact_id for d in result.callable] == [ids["ok"]]
        with pytest.raises(InputError, match="existe déjà avec l'objet"):
            open_phone_campaign(
                s, "Cuisines automne", subject="Autre chose", today=NOW.date(), subject_category="other"
            )


def test_who_may_not_be_called_says_why_and_when(db: Database) -> None:
    """Issue 15 (the call screen's « Exclus ou plus tard »): each person not callable now, with the reason
    and, for those later, the next moment on their own clock — the later first."""
    with db.session() as s:
        ids = _people(s)
        campaign = open_phone_campaign(
            s, "Cuisines automne", subject="Nouvelle collection", today=NOW.date(), subject_category="other"
        )
        rows = not_callable(s, decide_campaign(s, campaign, NOW), NOW)
    assert (rows[0].contact_id, rows[0].excluded) == (ids["reunion"], False)
    assert rows[0].next_moment.startswith("prochain créneau : ") and "La Réunion" in rows[0].next_moment
    assert rows[0].name == "Garage du Centre (Mme Claire PAYET)" and rows[0].ref == f"C-{ids['reunion']:06d}"
    assert {r.contact_id: r.reason for r in rows[1:]} == {
        ids["none"]: "particulier sans consentement à être appelé",
        ids[
            "broker"
        ]: "contact d'un courtier ou d'un partenaire sans consentement recueilli par l'entreprise",
        ids["nophone"]: "pas de numéro de téléphone valide",
    }
    assert all(r.excluded and r.next_moment == "" for r in rows[1:])


def test_campaign_selection_narrows_the_people(db: Database) -> None:
    """The campaign's selection (the shared Selection filter) decides who is considered at all."""
    with db.session() as s:
        _people(s)
        campaign = open_phone_campaign(
            s,
            "Réunion",
            selection=Selection(postcode_prefix="974"),
            today=NOW.date(),
            subject_category="other",
        )
        assert decide_campaign(s, campaign, NOW).summary() == {
            "callable": 0,
            "later": 1,
            "excluded": {},
            "excluded_labels": {},
        }


def test_call_list_xlsx_has_windows_and_attempts_and_no_excluded(db: Database, tmp_path: Path) -> None:
    """The call centre's file: callable and later people only, with windows, attempts left, next moment."""
    with db.session() as s:
        ids = _people(s)
        log_call(s, ids["ok"], "no-answer", paris(2026, 10, 30, 11, 0))
        campaign = open_phone_campaign(s, "Cuisines", today=NOW.date(), subject_category="other")
        out = tmp_path / "appels.xlsx"
        assert write_call_list(s, out, decide_campaign(s, campaign, NOW), "Cuisines Dupont") == 2
    wb = openpyxl.load_workbook(out)
    ws = wb["Appels"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    by_ref = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(by_ref) == {f"C-{ids['ok']:06d}", f"C-{ids['reunion']:06d}"}
    ok = by_ref[f"C-{ids['ok']:06d}"]
    assert ok["Tentatives restantes (30 jours)"] == 3 and ok["Statut"] == "à appeler maintenant"
    assert ok["Téléphone"] == "06 12 34 56 78" and ok["Créneaux autorisés"].startswith(
        "lun.–ven. 10:00–13:00"
    )
    run = by_ref[f"C-{ids['reunion']:06d}"]
    assert "La Réunion" in run["Créneaux autorisés"] and "07:00–10:00" in run["Créneaux autorisés"]
    assert run["Prochain créneau (heure de l'entreprise)"].strftime("%H:%M") == "11:00"
    assert "Résultat" in header and "Cuisines Dupont" in wb["Consignes"]["B2"].value


def test_call_centre_results_count_toward_the_cap_and_bad_lines_are_reported(
    db: Database, tmp_path: Path
) -> None:
    """Imported calls count (a 5th in-house call is refused), unreadable lines are listed, a re-import
    adds nothing, and a call the rules forbade is logged with the breach."""
    with db.session() as s:
        pro = professional(s)
        campaign = open_phone_campaign(s, "Pros", today=NOW.date(), subject_category="other")
        ref = f"C-{pro.id:06d}"
    path = tmp_path / "retour.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Référence", "Nom", "Date et heure de l'appel", "Résultat", "Rappel le", "Opérateur"])
    ws.append([ref, "X", "26/10/2026 10:15", "Pas de réponse", "", "Karim"])
    ws.append([ref, "X", "27/10/2026 10:15", "Occupé", "", "Karim"])
    ws.append([ref, "X", "28/10/2026 10:15", "Pas de réponse", "", "Karim"])
    ws.append([ref, "X", "29/10/2026 21:15", "Pas de réponse", "", "Karim"])  # after 20:00
    ws.append(["C-999999", "X", "29/10/2026 11:00", "Occupé", "", "Karim"])
    ws.append([ref, "X", "hier", "Occupé", "", "Karim"])
    ws.append([ref, "X", "30/10/2026 11:00", "Peut-être", "", "Karim"])
    ws.append([ref, "X", "", "", "", ""])  # not called
    wb.save(path)
    with db.session() as s:
        report = import_results(s, path, campaign)
        assert report.imported == 4 and report.duplicates == 0
        assert [n for n, _ in report.refused] == [6, 7, 8]
        assert "référence inconnue" in report.refused[0][1]
        assert [n for n, _ in report.breaches] == [5]
        assert decide_one(s, pro.id, "", NOW).status == "later"  # 4 calls since 26 October
        with pytest.raises(InputError, match="4 appels"):
            log_call(s, pro.id, "busy", NOW)
    with db.session() as s:
        again = import_results(s, path, campaign)
        assert again.imported == 0 and again.duplicates == 4
        entries = s.scalars(select(CallLogEntry).order_by(CallLogEntry.called_at)).all()
        assert {e.source for e in entries} == {"call-centre"} and entries[0].caller == "Karim"
        assert entries[-1].breach.startswith("Pas maintenant : hors des heures")


def test_calls_register_lists_person_time_caller_campaign_outcome_basis(db: Database, tmp_path: Path) -> None:
    """The register: one line per call, with the consent record or the contract as basis."""
    with db.session() as s:
        c = consumer(s)
        record = give_consent(s, c, paris(2026, 6, 1))
        other = consumer(s, last_name="Client")
        contract = add_contract(s, other.id, "Garantie cuisine", date(2026, 1, 1))
        campaign = open_phone_campaign(
            s, "Garantie", subject="garantie cuisine", today=NOW.date(), subject_category="other"
        )
        log_call(s, c.id, "interested", NOW, caller="Léa", campaign=campaign)
        log_call(s, other.id, "busy", paris(2026, 11, 2, 11, 0), caller="Léa", campaign=campaign)
        out = tmp_path / "registre.xlsx"
        assert write_calls_register(s, out) == 2
        assert s.scalar(select(func.count()).select_from(CallLogEntry)) == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    head = rows[0]
    first = dict(zip(head, rows[1], strict=True))
    second = dict(zip(head, rows[2], strict=True))
    assert first["Personne"] == "Mme Claire MARTIN" and first["Appelant"] == "Léa"
    assert first["Date et heure (entreprise)"].strftime("%d/%m/%Y %H:%M") == "02/11/2026 10:30"
    assert first["Résultat"] == "Intéressé" and first["Campagne"] == "Garantie"
    assert first["Base légale"] == f"consentement n° {record.id} du 01/06/2026"
    assert second["Base légale"] == f"contrat n° {contract.id} (Garantie cuisine)"


def test_call_queue_puts_the_callbacks_due_first(db: Database) -> None:
    """The person who asked to be called back now comes before the others; the rest keep their order."""
    with db.session() as s:
        first = professional(s, last_name="Premier")
        second = professional(s, last_name="Second")
        third = professional(s, last_name="Rappel")
        log_call(s, third.id, "callback", paris(2026, 10, 30, 11, 0), callback_at=paris(2026, 11, 2, 10, 0))
        campaign = open_phone_campaign(s, "Pros", today=NOW.date(), subject_category="other")
        result = decide_campaign(s, campaign, NOW)
        assert call_queue(s, result, NOW) == [third.id, first.id, second.id]
