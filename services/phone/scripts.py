"""What the caller says (docs/rules.md §2.5): who is calling and that the call is commercial, the right
to object, and — at the first call of someone whose data came from others — where the data came from
and the short notice owed (§3.2, GDPR art. 14(3)(b); the CNIL's 2019 note). Logging a call in which
the person was reached records them as informed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from models.compliance import InformedRecord
from models.contact import Contact
from services.compliance.notices_owed import FROM_OTHERS, SOURCE_WORDS
from services.core.settings import get_settings

# The outcomes in which the person was on the line and heard the script.
REACHED = ("interested", "not-interested", "callback", "do-not-call")
SCRIPT_NOTICE = "script du premier appel"


def opening_script(org_name: str) -> str:
    """docs/rules.md §2.5: who calls, that it is commercial, and that the person may object."""
    who = org_name or "[nom de l'entreprise]"
    return (
        f"Bonjour, je suis [votre prénom], de {who}. Je vous appelle pour vous présenter une offre "
        "commerciale. Vous pouvez à tout moment vous opposer à nos appels : il suffit de me le dire."
    )


def owes_first_call_notice(session: Session, contact: Contact) -> bool:
    """Data from others, and no full notice given yet: this call must carry it (docs/rules.md §3.2)."""
    if contact.source_kind not in FROM_OTHERS:
        return False
    informed = session.scalar(
        select(
            exists().where(
                and_(InformedRecord.contact_id == contact.id, InformedRecord.full_notice.is_(True))
            )
        )
    )
    return not informed


def first_call_notice(session: Session, contact: Contact) -> str:
    """The sentences the caller reads at the first call of someone whose data came from others; "" when
    nothing is owed."""
    if not owes_first_call_notice(session, contact):
        return ""
    org = get_settings(session, "organisation")
    name = org.get("org.name") or "[nom de l'entreprise]"
    rights = org.get("org.rights_contact") or org.get("org.email") or org.get("org.address") or ""
    obtained = contact.source_date.strftime("%d/%m/%Y") if isinstance(contact.source_date, date) else ""
    where = f" en écrivant à {rights}" if rights else ""
    return (
        f"Vos coordonnées nous ont été communiquées par {contact.source_name} "
        f"({SOURCE_WORDS.get(contact.source_kind, contact.source_kind)}){' le ' + obtained if obtained else ''}. "
        f"{name} les utilise pour vous présenter ses offres, sur la base de son intérêt légitime, et les "
        "conserve trois ans après notre dernier échange. Vous pouvez vous y opposer à tout moment, y accéder, "
        f"les faire rectifier ou effacer{where}, et saisir la CNIL. Souhaitez-vous que nous vous envoyions "
        "cette information par écrit ?"
    )


def record_heard(session: Session, contact: Contact, outcome: str, on: date) -> bool:
    """docs/rules.md §3.2, §3.5: a reached person heard the first-call notice: they are informed, by phone."""
    if outcome not in REACHED or not owes_first_call_notice(session, contact):
        return False
    session.add(
        InformedRecord(
            contact_id=contact.id,
            informed_on=on,
            document="phone",
            full_notice=True,
            notice_version=SCRIPT_NOTICE,
        )
    )
    return True
