"""The suppression list: hashes that keep an objection honoured after the contact is erased.

docs/rules.md §5.2: keep the minimum needed to honour an objection (a hash of the normalised phone, email,
name + postcode) for at least 3 years (*setting* rules.suppression_years); an import must never bring
back an objected person.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from models.compliance import SuppressionEntry
from services.core.emails import normalise_email
from services.core.phones import legacy_forms, to_e164
from services.core.text import fold

# Salted so that the table is not a lookup of the plain values; the same salt on every install so
# that the list keeps working after a move to PostgreSQL.
_SALT = b"webleads-tracker/suppression/v1:"


def digest(text: str) -> str:
    return hashlib.sha256(_SALT + text.encode("utf-8")).hexdigest()


def suppression_keys(
    *,
    email: str = "",
    phones: Iterable[str] = (),
    last_name: str = "",
    first_name: str = "",
    postcode: str = "",
) -> list[tuple[str, str]]:
    """The (kind, hash) pairs that identify a person, from whatever fields are known."""
    keys: list[tuple[str, str]] = []
    normalised_email = normalise_email(email) if email else None
    if normalised_email:
        keys.append(("email", digest(normalised_email.lower())))
    for phone in phones:
        e164 = to_e164(phone, postcode=postcode) if phone else None
        if e164:
            keys += phone_keys(e164)
    if last_name.strip() and postcode.strip():
        name = fold(f"{last_name} {first_name}").replace("-", " ")
        keys.append(("name_postcode", digest(f"{name}|{postcode.strip()}")))
    return keys


def phone_keys(e164: str) -> list[tuple[str, str]]:
    """docs/rules.md §5.2: a number's hash, and the hash of the form versions before 0.2 stored it in
    (an overseas number written +33): an objector erased then is still recognised."""
    return [("phone", digest(form)) for form in (e164, *legacy_forms(e164))]


def add_to_suppression_list(
    session: Session,
    keys: list[tuple[str, str]],
    scope: str,
    opposed_on: date,
    opposition_id: int | None = None,
) -> int:
    """Record the hashes of an objected person (once per kind, hash and scope); opposition_id: the objection
    that adds them, so that voiding it as a typing error takes back only what it added (§5.10)."""
    existing = set(
        session.execute(
            select(SuppressionEntry.kind, SuppressionEntry.hash, SuppressionEntry.scope).where(
                tuple_(SuppressionEntry.kind, SuppressionEntry.hash).in_(keys)
            )
        ).all()
    ) if keys else set()  # fmt: skip
    added = 0
    for kind, digest in keys:
        if (kind, digest, scope) not in existing:
            session.add(
                SuppressionEntry(
                    kind=kind, hash=digest, scope=scope, opposed_on=opposed_on, opposition_id=opposition_id
                )
            )
            added += 1
    return added


def suppressed_keys(session: Session, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these keys are on the suppression list (one query for a whole import batch)."""
    if not keys:
        return set()
    found: set[tuple[str, str]] = set()
    unique = list(set(keys))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        found.update(
            session.execute(
                select(SuppressionEntry.kind, SuppressionEntry.hash).where(
                    tuple_(SuppressionEntry.kind, SuppressionEntry.hash).in_(chunk)
                )
            ).all()
        )
    return found
