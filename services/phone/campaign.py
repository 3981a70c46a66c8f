"""Phone campaigns: who is callable now, later, or excluded (with reasons), and the order to call them
(docs/rules.md §1-§2)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.contact import format_ref
from services.contacts.record import display_name
from services.contacts.search import fetch_rows
from services.contacts.selection import Selection, selection_condition
from services.core.bulk import collector_paused
from services.core.errors import InputError
from services.core.text import clean_spaces, fold
from services.phone.call_log import pending_callbacks
from services.phone.decision import CallDecision, decide_calls
from services.phone.eligibility import (
    SUBJECT_CATEGORIES,
    category_label,
    check_subject_category,
    reason_code,
    suggested_category,
)

STATUS_LABELS = {"callable": "à appeler maintenant", "later": "plus tard", "excluded": "exclu"}


# --- campaigns ----------------------------------------------------------------------------------


def find_phone_campaign(session: Session, name: str) -> Campaign | None:
    return session.scalar(select(Campaign).where(Campaign.kind == "phone", Campaign.name == name))


def phone_campaigns(session: Session) -> list[Campaign]:
    return list(
        session.scalars(select(Campaign).where(Campaign.kind == "phone").order_by(Campaign.id.desc()))
    )


def open_phone_campaign(
    session: Session,
    name: str,
    *,
    subject: str | None = None,
    purpose: str | None = None,
    selection: Selection | None = None,
    created_by: str = "",
    today: date,
    subject_category: str | None = None,
    confirm_category: bool = False,
) -> Campaign:
    """The phone campaign with this name, created if new. Its subject and its declared category
    (docs/rules.md §1.7) cannot change once declared: the calls already logged were decided on them."""
    name = clean_spaces(name)
    if not name:
        raise InputError("Le nom de la campagne est obligatoire.")
    if len(name) > 150:
        raise InputError("Le nom de la campagne dépasse 150 caractères.")
    subject = clean_spaces(subject) if subject is not None else None
    if subject is not None and len(subject) > 150:
        raise InputError("L'objet de la campagne dépasse 150 caractères.")
    selection_condition(selection or Selection())  # bad filters are refused before anything is written
    campaign = find_phone_campaign(session, name)
    if campaign is not None:
        if subject is not None and fold(subject) != fold(campaign.subject):
            raise InputError(
                f"La campagne « {name} » existe déjà avec l'objet « {campaign.subject} » : "
                "choisissez un autre nom pour un autre objet."
            )
        if subject_category is not None and subject_category != campaign.subject_category:
            raise InputError(
                f"La campagne « {name} » existe déjà dans la catégorie « "
                f"{SUBJECT_CATEGORIES.get(campaign.subject_category, campaign.subject_category)} »."
            )
        if selection is not None:
            campaign.selection = selection.to_json()
        if purpose is not None:
            campaign.purpose = purpose.strip()
        return campaign
    if subject_category is None:
        raise InputError(
            "Déclarez la catégorie de l'objet des appels : " + ", ".join(
                f"{k} ({v})" for k, v in SUBJECT_CATEGORIES.items()
            ) + "."
        )  # fmt: skip
    category = check_subject_category(subject or "", subject_category, confirmed=confirm_category)
    campaign = Campaign(
        kind="phone",
        name=name,
        purpose=(purpose or "").strip(),
        subject=subject or "",
        subject_category=category,
        selection=(selection or Selection()).to_json(),
        run_on=today,
        created_by=created_by[:80],
    )
    session.add(campaign)
    session.flush()
    return campaign


def subject_warning(subject: str, category: str | None = None) -> str:
    """docs/rules.md §1.7: a campaign on a forbidden subject only reaches people with a running contract
    on it; the declared category decides (`None`: what the words suggest)."""
    forbidden = category_label(category if category is not None else suggested_category(subject))
    if not forbidden:
        return ""
    return (
        f"Objet interdit au téléphone ({forbidden}) : seules les personnes ayant un contrat en cours "
        "sur cet objet peuvent être appelées."
    )


@dataclass
class CampaignDecisions:
    campaign_id: int
    now: datetime
    decisions: list[CallDecision]
    excluded: Counter[str] = field(default_factory=Counter)

    @property
    def callable(self) -> list[CallDecision]:
        return [d for d in self.decisions if d.status == "callable"]

    @property
    def later(self) -> list[CallDecision]:
        return [d for d in self.decisions if d.status == "later"]

    def summary(self) -> dict[str, Any]:
        """The command line's JSON: {"callable": n, "later": n, "excluded": {code: count},
        "excluded_labels": {code: French label}} (docs/cli.md: codes are the keys, not sentences)."""
        codes: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for reason, n in self.excluded.most_common():
            code = reason_code(reason)
            codes[code] += n
            labels.setdefault(code, reason)
        return {
            "callable": sum(1 for d in self.decisions if d.status == "callable"),
            "later": sum(1 for d in self.decisions if d.status == "later"),
            "excluded": dict(codes.most_common()),
            "excluded_labels": labels,
        }


def decide_campaign(session: Session, campaign: Campaign, now: datetime) -> CampaignDecisions:
    """docs/rules.md §1-§2: each selected person callable now, later (when) or excluded (why)."""
    where = selection_condition(Selection.from_json(campaign.selection))
    decisions = decide_calls(session, where, campaign.subject, now, campaign.subject_category)
    with collector_paused():
        # Fewest attempts first, so that a call list spreads the calls; then the oldest contacts.
        decisions.sort(key=lambda d: (-d.attempts_left, d.contact_id))
        result = CampaignDecisions(campaign.id, now, decisions)
        result.excluded.update(d.reason for d in decisions if d.status == "excluded")
    return result


@dataclass(frozen=True)
class NotCallable:
    """A person of the campaign who may not be called now, as the caller reads it."""

    contact_id: int
    ref: str
    name: str
    excluded: bool  # True: not in this campaign at all; False: later
    reason: str  # in French
    next_moment: str  # « prochain créneau : lundi 10:00 » for those later, else ""


def not_callable(session: Session, result: CampaignDecisions, now: datetime) -> list[NotCallable]:
    """docs/rules.md §1-§2: why each person of the campaign may not be called now, and when they may (the
    « Exclus ou plus tard » list of the call screen): those later first, by their next moment."""
    others = [d for d in result.decisions if d.status != "callable"]
    names: dict[int, str] = {}
    ids = [d.contact_id for d in others]
    for start in range(0, len(ids), 500):
        names.update(
            (cid, display_name(row)) for cid, row in fetch_rows(session, ids[start : start + 500]).items()
        )
    later = sorted(
        (d for d in others if d.status == "later"), key=lambda d: (d.next_local is None, d.next_local or now)
    )
    return [
        NotCallable(d.contact_id, format_ref(d.contact_id), names.get(d.contact_id, ""), d.status == "excluded",
                    d.reason, d.next_text(now))
        for d in [*later, *(d for d in others if d.status == "excluded")]
    ]  # fmt: skip


def call_queue(session: Session, result: CampaignDecisions, now: datetime) -> list[int]:
    """Who the call screen offers, in order: the callbacks due now first (the person asked for them),
    then everyone else callable now, in the campaign's order (fewest attempts first)."""
    callable_ids = [d.contact_id for d in result.callable]
    wanted = set(callable_ids)
    due = [c for c in dict.fromkeys(c for c, _ in pending_callbacks(session, now, limit=500)) if c in wanted]
    first = set(due)
    return due + [c for c in callable_ids if c not in first]
