"""The home page's « À faire »: what is late or due soon, one count per line, each with the screen and the
filter that lists exactly those people or items (the window), the same counts for `dashboard --json`,
the PDF page and the sidebar's badges.

Each count is one small query (100,000 contacts: a few milliseconds each, bench/bench_home.py),
built from the rule's own condition in its room — the notices to partners (docs/rules.md §5.3), the
requests' deadline (§5.4), the art. 14 notice (§3.2), the retention term (§6.3), the phone consent's
validity (§1.4), returned mail (§1.1), the import's doubts, the organisation's identity (§3.1) — so
that a count and the list it opens never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord
from models.contact import Contact
from models.requests import DataRequest
from services.compliance.consents import consent_expires_at
from services.compliance.dashboard_figures import figures
from services.compliance.forms import missing_identity
from services.compliance.notices_owed import late_condition, owed_condition
from services.compliance.request_deadlines import DUE_SOON, is_due_soon, request_status
from services.contacts.to_check import to_check_condition
from services.core.clock import business_tz
from services.core.demo_base import is_demo
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.moments import now as now_utc
from services.core.settings import IDENTITY_KEYS, get_setting, get_settings
from services.partners.notices import status_condition
from services.phone.eligibility import consumer_consent, eligibility_query, latest_phone_answers, with_answers
from services.postal.eligibility import past_retention_term, returned_npai

EXPIRING_DAYS = 30  # a phone consent ending within a month is on the list (docs/rules.md §1.4)

# Each line's sentence, its count as %n and its plural marked « (s) »: the window shows the same source
# through Qt's plural forms (gui/home_screen.py, a test holds them equal); in_french() reads it here.
TEXTS: dict[str, str] = {
    "partner_notices_late": "%n notification(s) aux partenaires en retard : à envoyer sans attendre (art. 19)",
    "partner_notices_due": "%n notification(s) aux partenaires à envoyer avant leur échéance (art. 19)",
    "requests_late": "%n demande(s) de personnes sans réponse après le délai d'un mois",
    "requests_due": "%n demande(s) de personnes à traiter dans les 7 jours",
    "art14_late": "%n personne(s) sans l'information sur l'origine des données depuis plus d'un mois (art. 14)",
    "art14_due": "%n personne(s) à informer de l'origine des données dans le mois (art. 14)",
    "past_term": "%n personne(s) au-delà de la durée de conservation : renouvellement ou anonymisation",
    "consents_expiring": "%n accord(s) d'appel expirant dans les 30 jours : à renouveler avant de rappeler",
    "npai": "%n adresse(s) revenue(s) « n'habite pas à l'adresse indiquée » à corriger",
    "to_check": "%n contact(s) « à vérifier » laissé(s) par un import",
}
SETTINGS_TEXT = "Réglages incomplets : il manque {missing} de l'organisation (imprimés sur chaque notice)"
NOTHING_TO_DO = "Rien en retard."


def in_french(template: str, n: int) -> str:
    """« %n personne(s) » for n: French takes the singular for 0 and 1; thousands split by a thin space."""
    number = f"{n:,}".replace(",", "\u202f")
    words = template.replace("(s)", "" if n < 2 else "s").replace("(x)", "" if n < 2 else "x")
    return words.replace("%n", number)


@dataclass(frozen=True)
class Todo:
    """One line of « À faire »: a count, what it means in French, and where the window lists them."""

    key: str  # a stable machine code (the JSON's key)
    count: int
    text: str
    section: str  # the window's section (gui/sections.py)
    view: str  # the filter that section opens on ("" when it has none)
    late: bool  # overdue (said in red) rather than coming up

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "count": self.count, "text": self.text, "section": self.section,
                "view": self.view, "late": self.late}  # fmt: skip


# --- the contacts' lists the home page opens (the Contacts screen's « Afficher ») -------------------------

CONTACT_VIEWS: dict[str, str] = {
    "to_check": "À vérifier",
    "npai": "Courrier revenu (NPAI)",
    "notice_late": "Information due (art. 14) en retard",
    "notice_due": "Information due (art. 14)",
    "consent_expiring": "Accord d'appel expirant sous 30 jours",
}


def contact_view_condition(session: Session, view: str, today: date | None = None) -> ColumnElement[bool]:
    """The WHERE of one list of contacts — the same condition its count uses."""
    today = today or business_date()
    if view == "to_check":
        return to_check_condition()
    if view == "npai":
        return and_(returned_npai(), Contact.erased_at.is_(None))
    if view == "notice_late":
        return and_(owed_condition(), late_condition(today))
    if view == "notice_due":
        return and_(owed_condition(), ~late_condition(today))
    if view == "consent_expiring":
        ids = expiring_consents(session)
        return Contact.id.in_(ids) if ids else false()
    raise InputError(f"Liste de contacts inconnue « {view} » : {', '.join(CONTACT_VIEWS)}.")


def _count(session: Session, where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count(Contact.id)).where(where)) or 0


# --- each count ---------------------------------------------------------------------------------------


def partner_notices(session: Session, today: date) -> tuple[int, int]:
    """docs/rules.md §5.3: the notices to partners not sent yet — (overdue, still in time)."""
    overdue, in_time = status_condition("overdue", today), status_condition("pending", today)
    row = session.execute(
        select(func.sum(case((overdue, 1), else_=0)), func.sum(case((in_time, 1), else_=0))).where(
            status_condition("to_send", today)
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def requests_due(session: Session, today: date) -> tuple[int, int]:
    """docs/rules.md §5.4: requests not answered — (past their deadline, due within DUE_SOON_DAYS): the
    Requests screen's « en retard » and « à traiter dans les 7 jours »."""
    open_requests = list(session.scalars(select(DataRequest).where(DataRequest.answered_on.is_(None))))
    late = sum(request_status(r, today) == "overdue" for r in open_requests)
    return late, sum(is_due_soon(r, today) for r in open_requests)


def art14_notices(session: Session, today: date) -> tuple[int, int]:
    """docs/rules.md §3.2: people still owed the notice on data obtained from others — (late, in time)."""
    late = late_condition(today)
    row = session.execute(
        select(func.sum(case((late, 1), else_=0)), func.count(Contact.id)).where(owed_condition())
    ).one()
    owed_late, owed = int(row[0] or 0), int(row[1] or 0)
    return owed_late, owed - owed_late


def past_term_count(session: Session, today: date) -> int:
    """docs/rules.md §6.3: everyone past the retention term (Registres › Fin de conservation lists them)."""
    prospect = int(get_setting(session, "rules.prospect_retention_years"))
    customer = int(get_setting(session, "rules.customer_retention_years"))
    return _count(session, past_retention_term(today, prospect, customer))


def expiring_consents(session: Session, at: datetime | None = None, days: int = EXPIRING_DAYS) -> list[int]:
    """docs/rules.md §1.4: the consumers whose valid consent to be called ends within `days` — the one rule
    the calls use (services.phone.eligibility.consumer_consent), read only for the people whose latest
    opt-in was ticked in the window where it can end so soon."""
    at = at or now_utc()
    validity = int(get_setting(session, "rules.phone_consent_days"))
    horizon = at + timedelta(days=days)
    r = ConsentRecord
    candidates = list(
        session.scalars(
            select(r.contact_id)
            .where(r.accept_phone.is_(True), r.recorded_on > at - timedelta(days=validity))
            .where(r.recorded_on <= horizon - timedelta(days=validity))
            .distinct()
        )
    )
    if not candidates:
        return []
    answers = latest_phone_answers(session, contact_ids=candidates)
    # The records' moments come as the driver gives them: UTC without a zone (services.core.bulk).
    at_utc, horizon_utc = (m.astimezone(UTC).replace(tzinfo=None) for m in (at, horizon))
    found = []
    for start in range(0, len(candidates), 900):
        query = eligibility_query(Contact.id.in_(candidates[start : start + 900]), "", at.date())
        for row in session.execute(query):
            c = with_answers(row, answers)
            if c.erased or c.opposed or c.person_kind != "consumer" or not (c.phone or c.mobile):
                continue
            valid, _ = consumer_consent(c, at_utc, validity)
            if (
                valid
                and c.consent_on is not None
                and consent_expires_at(c.consent_on, validity) <= horizon_utc
            ):
                found.append(c.id)
    return sorted(found)


# --- the list ----------------------------------------------------------------------------------------


def _lines(session: Session, today: date, at: datetime) -> list[Todo]:
    n_late, n_pending = partner_notices(session, today)
    r_late, r_soon = requests_due(session, today)
    a_late, a_due = art14_notices(session, today)
    missing = missing_identity(get_settings(session, "organisation"))
    counts = [
        ("partner_notices_late", n_late, "propagation", "overdue", True),
        ("partner_notices_due", n_pending, "propagation", "to_send", False),
        ("requests_late", r_late, "requests", "overdue", True),
        ("requests_due", r_soon, "requests", DUE_SOON, False),
        ("art14_late", a_late, "contacts", "notice_late", True),
        ("art14_due", a_due, "contacts", "notice_due", False),
        ("past_term", past_term_count(session, today), "registers", "past_term", True),
        ("consents_expiring", len(expiring_consents(session, at)), "contacts", "consent_expiring", False),
        ("npai", _count(session, contact_view_condition(session, "npai", today)), "contacts", "npai", False),
        ("to_check", _count(session, to_check_condition()), "contacts", "to_check", False),
    ]
    lines = [
        Todo(key, n, in_french(TEXTS[key], n), section, view, late) for key, n, section, view, late in counts
    ]
    text = SETTINGS_TEXT.format(missing=", ".join(missing)) if missing else ""
    return [*lines, Todo("settings", int(bool(missing)), text, "settings", "", True)]


def todo(session: Session, today: date | None = None, at: datetime | None = None) -> list[Todo]:
    """Every line with something to do (count > 0), in the order above; [] means « Rien en retard. »."""
    at = at or now_utc()
    today = today or at.astimezone(business_tz(session)).date()
    return [line for line in _lines(session, today, at) if line.count]


def badges(lines: list[Todo]) -> dict[str, int]:
    """The sidebar's numbers: each section's lines added up (the home page's own counts)."""
    out: dict[str, int] = {}
    for line in lines:
        out[line.section] = out.get(line.section, 0) + line.count
    return out


def snapshot(session: Session, at: datetime | None = None) -> dict[str, Any]:
    """What `dashboard --json` prints and the PDF page shows: the day, the organisation, « À faire » (every
    line, even at 0) and the figures the charts draw."""
    at = at or now_utc()
    today = at.astimezone(business_tz(session)).date()
    lines = _lines(session, today, at)
    organisation = get_settings(session, "organisation")
    return {
        "date": today.isoformat(),
        "demo": is_demo(session),
        "organisation": {key.removeprefix("org."): organisation[key] for key in IDENTITY_KEYS},
        "todo": [line.to_dict() for line in lines],
        "nothing_to_do": not any(line.count for line in lines),
        "figures": figures(session, today, at),
    }
