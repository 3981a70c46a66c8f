"""A demonstration base, told apart from a real one: invented people and a made-up organisation never mix
with a real identity or real contacts.

`init --demo N` marks the base (setting `base.demo`) and refuses a base that holds a real organisation's
identity or real contacts; a marked base says so in the window (title and band) and on every PDF printed
from it (services.core.pdf_watermark); typing a real identity into it is refused
(services.core.settings.set_settings), and the window offers to start a clean base instead.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from models.contact import Contact, ContactSource
from services.core.pdf_watermark import set_demo_watermark
from services.core.settings import DEMO_SETTING, get_setting, set_settings

# The note of every source the demo data writes (services.contacts.demo): how a base made before the
# mark existed is still recognised as a demonstration.
DEMO_SOURCE_NOTE = "démonstration"
DEMO_NAME_MARK = "(démonstration)"  # in the demo organisation's name


def is_demo(session: Session) -> bool:
    return bool(get_setting(session, DEMO_SETTING))


def use_base_marks(session: Session) -> bool:
    """Called when a base is opened (the window, a command): its PDFs are marked if it is a demo one."""
    demo = is_demo(session)
    set_demo_watermark(demo)
    return demo


def _real_identity(session: Session) -> bool:
    name = str(get_setting(session, "org.name") or "").strip()
    return bool(name) and DEMO_NAME_MARK not in name


def _real_contacts(session: Session) -> bool:
    """A contact whose data did not come from the demo (typed, imported): one is enough."""
    demo_source = exists().where(
        ContactSource.contact_id == Contact.id, ContactSource.note == DEMO_SOURCE_NOTE
    )
    return session.scalar(select(Contact.id).where(~demo_source).limit(1)) is not None


def demo_refusal(session: Session) -> str | None:
    """Why demo data may not go into this base (None: it may): a real identity or real contacts."""
    if is_demo(session):
        return None
    reasons = []
    if _real_identity(session):
        reasons.append(f"l'identité d'une organisation réelle (« {get_setting(session, 'org.name')} »)")
    if _real_contacts(session):
        reasons.append("des contacts réels")
    if not reasons:
        return None
    return (
        f"Cette base contient {' et '.join(reasons)} : les données de démonstration ne s'y mêlent pas. "
        "Créez une base à part pour la démonstration, par exemple : webleads --db demo.sqlite init --demo 500."
    )


def mark_demo(session: Session) -> None:
    """From now on the base is a demonstration base (the window and its PDFs say so)."""
    set_settings(session, {DEMO_SETTING: 1})
