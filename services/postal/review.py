"""What the secretary looks at before anything is printed or recorded (issue 15): the recipients whose
address an import doubted, and a letter template's text as it prints for one person."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from services.contacts.record import display_name
from services.contacts.selection import Selection
from services.contacts.to_check import reasons_of
from services.core.moments import business_date
from services.core.settings import get_settings
from services.postal.campaign import letter_context
from services.postal.eligibility import Decision, decide
from services.postal.letter_templates import Block, render_blocks


@dataclass(frozen=True)
class Doubt:
    """A recipient whose address the import's checks doubted (« à vérifier »), shown before printing."""

    contact_id: int
    ref: str
    name: str
    address: str  # the address block on one line
    reasons: list[str]


def doubtful_recipients(session: Session, decision: Decision) -> list[Doubt]:
    """Issue 15: the recipients flagged « à vérifier » (a Berlin address imported as France, a civility
    inside the surname, a postcode that does not match the city…), each with its doubts, in letter order —
    to fix in place or set aside before anything is printed."""
    ids = [m.id for r in decision.recipients for m in r.members]
    flagged: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        flagged.update(
            session.execute(
                select(Contact.id, Contact.to_check_reasons).where(
                    Contact.id.in_(chunk), Contact.to_check.is_(True)
                )
            ).all()
        )
    return [
        Doubt(m.id, format_ref(m.id), display_name(m), ", ".join(r.block.lines), reasons_of(flagged[m.id]))
        for r in decision.recipients
        for m in r.members
        if m.id in flagged
    ]


@dataclass(frozen=True)
class LetterPreview:
    """What a letter template prints for one person (the editor's live preview)."""

    address: list[str]  # the address block, as on the envelope's window
    blocks: list[Block]  # the body, the notice this person is owed, the objection part
    excluded: str  # why this person would get no letter at all, else ""


def letter_preview(
    session: Session, contact_id: int, texts: dict[str, str], purpose: str = ""
) -> LetterPreview:
    """The letter `texts` (unsaved) print for one person today, with the notice they are owed (docs/rules.md
    §3.2); nothing is recorded (issue 15). A template error is an InputError, as at saving."""
    decision = decide(session, Selection(search=format_ref(contact_id)), today=business_date())
    recipient = next((r for r in decision.recipients if any(m.id == contact_id for m in r.members)), None)
    if recipient is None:
        why = next((e for e in decision.excluded if e.contact_id == contact_id), None)
        return LetterPreview([], [], why.label if why else "ne correspond à aucun contact")
    ctx = letter_context(recipient, get_settings(session), {"nom": "", "objet": purpose}, business_date())
    notice = {"art13": texts["notice_art13"], "art14": texts["notice_art14"], "reminder": texts["reminder"]}
    blocks = [*render_blocks(texts["body"], ctx), *render_blocks(notice[recipient.notice], ctx),
              *render_blocks(texts["objection"], ctx)]  # fmt: skip
    return LetterPreview(list(recipient.block.lines), blocks, "")
