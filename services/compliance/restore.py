"""`backup restore FILE` (docs/rules.md §10.3): an earlier copy of the base put back — without ever
bringing an objected person back (§9.1, the Futura case).

What the base being replaced recorded after the copy — objections, refusals ticked on a form,
suppression entries, erasures, notices owed to partners — is carried into the restored base and listed.
A row is "after the copy" when the copy does not hold it: nothing depends on clocks.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Opposition, SuppressionEntry
from models.contact import Contact, format_ref
from models.database import Database, DatabaseError, open_database
from models.journal import JournalEvent, head
from models.partners import Partner, PropagationNotice
from models.snapshots import snapshot
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import contact_suppression_keys
from services.compliance.suppression import add_to_suppression_list
from services.core import backup_crypto
from services.core.backups import create_backup, folder_for
from services.core.errors import InputError, NotFoundError
from services.core.settings import set_settings

log = logging.getLogger(__name__)
SQLITE_MAGIC = b"SQLite format 3\x00"
REFUSALS = ("refuse_post", "refuse_phone", "refuse_partners")


class LaterEvents(InputError):
    """The base being replaced has journal events the copy does not: only a forced restore goes on."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"La base actuelle a {count} événement(s) du journal postérieurs à cette sauvegarde, qui seraient "
            "remplacés : relancez avec --force pour restaurer quand même (les oppositions, effacements et "
            "notifications seront repris)."
        )
        self.count = count


@dataclass
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None = None
    later_events: int = 0
    carried: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "restored_from": str(self.restored_from),
            "backup_of_replaced_base": str(self.safety_copy) if self.safety_copy else None,
            "later_events": self.later_events, "carried": self.carried,
        }  # fmt: skip


def restore(
    db: Database, source: Path, *, force: bool = False, passphrase: str | None = None
) -> RestoreResult:
    """Put the copy at `source` in place of the base. Refused: a file that is not a webleads base, one
    from a newer version, a replaced base with later journal events unless `force`."""
    if db.sqlite_path is None:
        raise InputError(
            "Sur PostgreSQL, restaurez avec les outils du serveur (pg_restore) : voir le README, « Sauvegardes »."
        )
    source = Path(source)
    if not source.is_file():
        raise NotFoundError(f"Fichier introuvable : {source}")
    folder = folder_for(db)
    work = folder / f".restauration-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    try:
        _unpack(source, work, passphrase)
        restored = _open_copy(work, source)
        try:
            result = RestoreResult(source, later_events=_later_events(db, restored, source))
            if result.later_events and not force:
                raise LaterEvents(result.later_events)
            with db.session() as current, restored.session() as target:
                result.carried = carry_over(current, target)
                # The restore itself is in the restored base's journal, with what it carried.
                set_settings(target, {"backup.last_restore": f"{datetime.now():%d/%m/%Y %H:%M} depuis {source.name} "
                                                             f"({len(result.carried)} élément(s) repris)"})  # fmt: skip
        finally:
            restored.dispose()
        result.safety_copy = create_backup(db, "avant-restauration").path
        db.dispose()
        _replace(work, db.sqlite_path)
        log.info("base restaurée depuis %s (%d élément(s) repris)", source, len(result.carried))
        return result
    finally:
        for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm"), Path(f"{work}-journal")):
            leftover.unlink(missing_ok=True)


def _unpack(source: Path, work: Path, passphrase: str | None) -> None:
    """The copy as a plain SQLite file at `work` (decrypted when it is encrypted), checked."""
    with open(source, "rb") as f:
        start = f.read(len(backup_crypto.MAGIC))
    if start == backup_crypto.MAGIC:
        if not passphrase:
            raise InputError("Cette sauvegarde est chiffrée : donnez sa phrase secrète.")
        backup_crypto.decrypt_file(source, work, passphrase)
    elif start[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise InputError(f"{source.name} n'est pas une sauvegarde de webleads-tracker (pas une base SQLite).")
    else:
        try:
            snapshot(source, work)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{source.name} est endommagé : {exc}.") from exc
    con = sqlite3.connect(work)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{source.name} est endommagé : {exc}.") from exc
    finally:
        con.close()
    if not ok:
        raise InputError(f"{source.name} est endommagé (contrôle d'intégrité SQLite en échec).")
    if not {"alembic_version", "contacts"} <= tables:
        raise InputError(f"{source.name} n'est pas une sauvegarde de webleads-tracker.")


def _open_copy(work: Path, source: Path) -> Database:
    """The copy opened, migrated when older (its journal seeded when it predates it)."""
    try:
        return open_database(f"sqlite:///{work}")
    except DatabaseError as exc:
        raise InputError(f"{source.name} : {exc}") from exc


def _later_events(db: Database, restored: Database, source: Path) -> int:
    """How many journal events of the replaced base the copy does not have."""
    with restored.session() as s:
        seq, digest = head(s)
        copy_last = s.scalar(select(func.max(JournalEvent.at)).where(JournalEvent.seeded.is_(False)))
    with db.session() as s:
        total, _ = head(s)
        same = s.scalar(select(JournalEvent.hash).where(JournalEvent.seq == seq)) if seq else None
        if seq and same == digest:
            return total - seq  # the copy is an earlier state of this very chain
        # Another chain (a copy from before the journal, or from another restore): count by time.
        since = copy_last or datetime.fromtimestamp(source.stat().st_mtime).astimezone()
        return s.scalar(select(func.count()).select_from(JournalEvent).where(JournalEvent.at > since)) or 0


def carry_over(current: Session, target: Session) -> list[str]:
    """docs/rules.md §10.3, §9.1: everything that keeps a person out, recorded in `current` and missing from
    `target`, written into `target`. Returns one line per thing carried."""
    carried: list[str] = []
    contacts_there = set(target.scalars(select(Contact.id)))
    opposition_ids = _carry_oppositions(current, target, contacts_there, carried)
    _carry_refusals(current, target, contacts_there, carried)
    erased = _carry_erasures(current, target, contacts_there, carried)
    _carry_suppression(current, target, carried)
    _carry_notices(current, target, contacts_there, erased, opposition_ids, carried)
    target.flush()
    return carried


def _opposition_key(o: Opposition) -> tuple[Any, ...]:
    return (o.contact_id, o.scope, o.received_on, o.channel, o.created_at)


def _carry_oppositions(current: Session, target: Session, contacts_there: set[int],
                       carried: list[str]) -> dict[int, int]:  # fmt: skip
    there = {_opposition_key(o): o.id for o in target.scalars(select(Opposition))}
    ids: dict[int, int] = {}
    voided: list[Opposition] = []
    for o in current.scalars(select(Opposition).order_by(Opposition.id)):
        key = _opposition_key(o)
        if o.voided_at is not None:
            voided.append(o)
        if key in there:
            ids[o.id] = there[key]
            continue
        contact = current.get(Contact, o.contact_id)
        if o.voided_at is not None and o.contact_id not in contacts_there:
            continue  # a typing error voided (docs/rules.md §5.10): nobody to keep out
        if o.contact_id in contacts_there:
            copy = Opposition(contact_id=o.contact_id, scope=o.scope, received_on=o.received_on, channel=o.channel,
                              recorded_by=o.recorded_by, note=o.note, created_at=o.created_at,
                              from_partner_id=o.from_partner_id if target.get(Partner, o.from_partner_id or 0) else None)  # fmt: skip
            target.add(copy)
            target.flush()
            ids[o.id] = copy.id
            carried.append(
                f"Opposition ({o.scope}) de {format_ref(o.contact_id)} reçue le {o.received_on:%d/%m/%Y}"
            )
        elif contact is not None and contact.erased_at is None:
            # A person added after the copy: the copy cannot hold them, the suppression list keeps them out.
            add_to_suppression_list(target, contact_suppression_keys(contact), o.scope, o.received_on)
            carried.append(f"Opposition ({o.scope}) de {format_ref(o.contact_id)}, absent de la sauvegarde : "
                           "mis en liste d'opposition")  # fmt: skip
    for o in voided:  # a typing error voided since the copy stays voided (docs/rules.md §5.10)
        kept = target.get(Opposition, ids.get(o.id, 0))
        if kept is not None and kept.voided_at is None:
            kept.voided_at, kept.void_kind, kept.void_reason = o.voided_at, o.void_kind, o.void_reason
            kept.voided_by, kept.moved_to_id = o.voided_by, ids.get(o.moved_to_id or 0)
            carried.append(f"Opposition n° {o.id} de {format_ref(o.contact_id)} : annulée (erreur de saisie)")
    target.flush()
    return ids


def _consent_key(r: ConsentRecord) -> tuple[Any, ...]:
    return (r.contact_id, r.recorded_on, r.form_version_id, r.refuse_post, r.refuse_phone, r.refuse_partners)


def _carry_refusals(current: Session, target: Session, contacts_there: set[int], carried: list[str]) -> None:
    """docs/rules.md §4.5: a refusal ticked on a form is an objection too."""
    refusing = (
        ConsentRecord.refuse_post.is_(True)
        | ConsentRecord.refuse_phone.is_(True)
        | ConsentRecord.refuse_partners.is_(True)
    )
    there = {_consent_key(r) for r in target.scalars(select(ConsentRecord).where(refusing))}
    for r in current.scalars(select(ConsentRecord).where(refusing).order_by(ConsentRecord.id)):
        if _consent_key(r) in there or r.contact_id not in contacts_there:
            continue
        target.add(ConsentRecord(
            contact_id=r.contact_id, form_version_id=r.form_version_id, refuse_post=r.refuse_post,
            refuse_phone=r.refuse_phone, refuse_partners=r.refuse_partners, accept_phone=r.accept_phone,
            accepted_partner_categories=r.accepted_partner_categories, recorded_on=r.recorded_on,
            channel=r.channel, recorded_by=r.recorded_by, proof_kind=r.proof_kind, proof=r.proof,
            created_at=r.created_at,
        ))  # fmt: skip
        carried.append(f"Refus sur formulaire de {format_ref(r.contact_id)} ({r.recorded_on:%d/%m/%Y})")


def _carry_erasures(
    current: Session, target: Session, contacts_there: set[int], carried: list[str]
) -> set[int]:
    """Erasures made after the copy, made again (their notices to partners are created anew, as owed)."""
    done: set[int] = set()
    erased = current.execute(select(Contact.id, Contact.erased_at).where(Contact.erased_at.is_not(None)))
    for cid, when in erased:
        if when is None or cid not in contacts_there:
            continue
        contact = target.get(Contact, cid)
        if contact is not None and contact.erased_at is None:
            erase_contact(target, cid, when.date())
            done.add(cid)
            carried.append(f"Effacement de {format_ref(cid)} ({when:%d/%m/%Y})")
    return done


def _carry_suppression(current: Session, target: Session, carried: list[str]) -> None:
    there: set[tuple[str, str, str]] = {
        (k, h, sc)
        for k, h, sc in target.execute(
            select(SuppressionEntry.kind, SuppressionEntry.hash, SuppressionEntry.scope)
        )
    }
    added = 0
    for e in current.scalars(select(SuppressionEntry)):
        if (e.kind, e.hash, e.scope) not in there:
            target.add(SuppressionEntry(kind=e.kind, hash=e.hash, scope=e.scope, opposed_on=e.opposed_on,
                                        created_at=e.created_at))  # fmt: skip
            there.add((e.kind, e.hash, e.scope))
            added += 1
    if added:
        carried.append(f"Liste d'opposition : {added} empreinte(s)")


def _notice_key(n: PropagationNotice, opposition: int | None) -> tuple[Any, ...]:
    return (n.contact_id, n.partner_id, n.event, opposition, n.created_at)


def _carry_notices(current: Session, target: Session, contacts_there: set[int], erased: set[int], opposition_ids: dict[int, int],
                   carried: list[str]) -> None:  # fmt: skip
    """The notices owed to partners (docs/rules.md §5.3), and what was done about them since the copy."""
    there = {_notice_key(n, n.opposition_id): n for n in target.scalars(select(PropagationNotice))}
    partners_there = set(target.scalars(select(Partner.id)))
    for n in current.scalars(select(PropagationNotice).order_by(PropagationNotice.id)):
        mapped = opposition_ids.get(n.opposition_id) if n.opposition_id else None
        same = there.get(_notice_key(n, mapped))
        partner = current.get(Partner, n.partner_id)
        name = partner.name if partner else f"n° {n.partner_id}"
        if same is not None:
            if same.sent_on is None and n.sent_on is not None:
                same.sent_on, same.method = n.sent_on, n.method
                carried.append(
                    f"Notification à {name} pour {format_ref(n.contact_id)} : envoyée le {n.sent_on:%d/%m/%Y}"
                )
            if same.withdrawn_on is None and n.withdrawn_on is not None:
                same.withdrawn_on = n.withdrawn_on
            if same.acknowledged_on is None and n.acknowledged_on is not None:
                same.acknowledged_on, same.identifiers = n.acknowledged_on, n.identifiers
            continue
        if n.event == "erasure" and n.contact_id in erased:
            continue  # the erasure was made again just now, with its own notices
        if n.contact_id not in contacts_there or n.partner_id not in partners_there:
            carried.append(f"Notification à {name} pour {format_ref(n.contact_id)} : absente de la sauvegarde "
                           "(contact ou partenaire postérieur), voir le registre de la base remplacée")  # fmt: skip
            continue
        target.add(PropagationNotice(
            contact_id=n.contact_id, partner_id=n.partner_id, event=n.event, opposition_id=mapped,
            line_id=None, scope=n.scope, due_on=n.due_on, overdue_on=n.overdue_on, sent_on=n.sent_on,
            method=n.method, acknowledged_on=n.acknowledged_on, identifiers=n.identifiers, detail=n.detail,
            created_at=n.created_at, withdrawn_on=n.withdrawn_on,
        ))  # fmt: skip
        carried.append(f"Notification à {name} pour {format_ref(n.contact_id)} ({n.event})")


def _replace(work: Path, live: Path) -> None:
    """The restored base written into the live one with the SQLite backup API: the base's own locks and
    journal files are honoured (a rename would leave its -wal file to be replayed onto the copy)."""
    src = sqlite3.connect(work)
    try:
        dst = sqlite3.connect(live, timeout=30)
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(live, 0o600)
