"""Backups (docs/rules.md §10.3): taken online into `sauvegardes/` beside the base, owner-only, rotated.

Each copy has a sidecar `.json` saying when, why, which schema and the head of the journal at that moment
(the anchor printed for the owner), so that the list is shown without opening — or decrypting — the copies.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from models.database import Database, integrity_ok, sqlite_path_of
from models.journal import head
from models.snapshots import PARTIAL, backup_folder, backup_name, snapshot
from services.core import backup_crypto
from services.core.errors import InputError
from services.core.paths import data_dir
from services.core.settings import get_setting

log = logging.getLogger(__name__)

REASON_LABELS = {
    "quotidienne": "quotidienne", "sortie": "à la fermeture", "manuelle": "manuelle",
    "avant-conservation": "avant la fin de conservation", "avant-restauration": "avant une restauration",
    "avant-effacement": "avant un effacement groupé",
}  # fmt: skip


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # the workstation's local time, as in the file name
    reason: str
    encrypted: bool
    revision: str | None
    journal_events: int | None
    journal_head: str | None
    size: int
    sound: bool | None = None  # the base passed quick_check when copied (None: copied before this was noted)

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("avant-migration-"):
            return "avant une mise à jour"
        return REASON_LABELS.get(self.reason, self.reason)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path), "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "reason": self.reason, "encrypted": self.encrypted, "revision": self.revision,
            "journal_events": self.journal_events, "journal_head": self.journal_head, "size": self.size,
            "sound": self.sound,
        }  # fmt: skip


def folder_for(db: Database) -> Path:
    return folder_of_url(db.url)


def folder_of_url(url: str) -> Path:
    """`sauvegardes/` beside a SQLite base; in the user's data folder for a PostgreSQL one."""
    path = sqlite_path_of(url)
    if path is not None:
        return backup_folder(path)
    folder = data_dir() / "sauvegardes"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def create_backup(db: Database, reason: str = "manuelle", to: Path | None = None) -> Backup:
    """Copy the base now. SQLite: the backup API; PostgreSQL: pg_dump, when it is installed."""
    folder = Path(to) if to is not None else folder_for(db)
    if not folder.is_dir():
        raise InputError(f"Le dossier {folder} n'existe pas.")
    sound = not db.damaged and integrity_ok(db.engine)  # a damaged base may still be copied, marked so
    with db.session() as session:
        revision = session.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        events, digest = head(session)
        encryption = backup_crypto.encryption_of(session)
    now = datetime.now()
    suffix = ".sqlite" if db.sqlite_path is not None else ".dump"
    target = folder / backup_name(reason, now, suffix + (backup_crypto.SUFFIX if encryption else ""))
    plain = target if encryption is None else folder / ("." + target.name + ".clair")
    try:
        if db.sqlite_path is not None:
            snapshot(db.sqlite_path, plain)
        else:
            _pg_dump(db.url, plain)
        if encryption is not None:
            backup_crypto.encrypt_file(plain, target, *encryption)
    except OSError as exc:
        raise InputError(f"Sauvegarde impossible dans {folder} : {exc.strerror or exc}.") from exc
    finally:
        if plain != target:
            plain.unlink(missing_ok=True)
    meta = {"taken_at": now.isoformat(timespec="seconds"), "reason": reason, "encrypted": encryption is not None,
            "revision": revision, "journal_events": events, "journal_head": digest, "sound": sound}  # fmt: skip
    _sidecar(target).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.chmod(_sidecar(target), 0o600)
    log.info("sauvegarde %s : %s", reason, target)
    return _read(target)


def _pg_dump(url: str, target: Path) -> None:
    exe = shutil.which("pg_dump")
    if exe is None:
        raise InputError(
            "pg_dump n'est pas installé : sur PostgreSQL, les sauvegardes du serveur font foi "
            "(installez les outils clients PostgreSQL pour en faire une copie ici)."
        )
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)  # never on the command line, where `ps` shows it
    args = [exe, "--format=custom", f"--file={target}", f"--dbname={u.database}"]
    host = u.host or u.query.get("host")
    if host:
        args.append(f"--host={host if isinstance(host, str) else host[0]}")
    if u.port:
        args.append(f"--port={u.port}")
    if u.username:
        args.append(f"--username={u.username}")
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise InputError(
            f"pg_dump a échoué : {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
        )
    os.chmod(target, 0o600)


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _read(path: Path) -> Backup:
    try:
        meta = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    taken = _time_in_name(path.name) or datetime.fromtimestamp(path.stat().st_mtime)
    return Backup(
        path=path, taken_at=taken, reason=str(meta.get("reason") or _reason_in_name(path.name)),
        encrypted=path.name.endswith(backup_crypto.SUFFIX), revision=meta.get("revision"),
        journal_events=meta.get("journal_events"), journal_head=meta.get("journal_head"),
        size=path.stat().st_size, sound=meta.get("sound"),
    )  # fmt: skip


def _time_in_name(name: str) -> datetime | None:
    parts = name.split("-")
    try:
        return datetime.strptime(f"{parts[1]}-{parts[2]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None


def _reason_in_name(name: str) -> str:
    stem = name.split(".")[0]
    return stem.split("-", 3)[3] if stem.count("-") >= 3 else ""


def list_backups(folder: Path) -> list[Backup]:
    """The copies in the folder, newest first (half-written ones, from a crash, are not copies)."""
    if not folder.is_dir():
        return []
    found = [
        _read(p) for p in folder.iterdir()
        if p.name.startswith("webleads-") and p.suffix in (".sqlite", ".dump", ".age") and not p.name.endswith(PARTIAL)
    ]  # fmt: skip
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def to_keep(backups: list[Backup], daily: int, weekly: int) -> set[Path]:
    """docs/rules.md §10.3: the newest copy of each of the last `daily` days, and of each of the last
    `weekly` weeks; the newest copy of all is always kept, and so is the newest copy of a sound base (one
    that passed quick_check), however many copies of a damaged base were taken since."""
    keep: set[Path] = set()
    days: dict[date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    for b in backups:  # newest first
        days.setdefault(b.taken_at.date(), b.path)
        weeks.setdefault(b.taken_at.isocalendar()[:2], b.path)
    keep.update(list(days.values())[:daily])
    keep.update(list(weeks.values())[:weekly])
    if backups:
        keep.add(backups[0].path)
    sound = next((b for b in backups if b.sound is not False), None)
    if sound is not None:
        keep.add(sound.path)
    return keep


def rotate(db: Database) -> list[Path]:
    """Delete the copies past the settings' count; returns what was deleted."""
    folder = folder_for(db)
    with db.session() as session:
        daily = int(get_setting(session, "backup.keep_daily"))
        weekly = int(get_setting(session, "backup.keep_weekly"))
    backups = list_backups(folder)
    keep = to_keep(backups, daily, weekly)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            _sidecar(b.path).unlink(missing_ok=True)
            removed.append(b.path)
    for leftover in folder.glob("*" + PARTIAL):  # a copy a crash interrupted
        leftover.unlink(missing_ok=True)
    return removed


def daily_due(db: Database, today: date | None = None) -> bool:
    """No copy yet today (the first start of the day takes one)."""
    today = today or date.today()
    return not any(b.taken_at.date() == today for b in list_backups(folder_for(db)))


def changed_since_last(db: Database) -> bool:
    """Whether the journal moved since the newest copy (at exit, a copy is taken only then)."""
    backups = list_backups(folder_for(db))
    with db.session() as session:
        events, digest = head(session)
    if not backups:
        return events > 0
    last = backups[0]
    return (last.journal_events, last.journal_head) != (events, digest)


def automatic_backup(db: Database, reason: str) -> tuple[Backup | None, str]:
    """The daily copy at start ("quotidienne") or the copy at exit ("sortie"), then the rotation: (the copy
    or None when none was due, the error in words or ""). SQLite only: on PostgreSQL the server's own
    backups are the rule. Never raises: the window must open (and close) even on a full disk."""
    if db.sqlite_path is None:
        return None, ""
    try:
        due = daily_due(db) if reason == "quotidienne" else changed_since_last(db)
        if not due:
            return None, ""
        if db.damaged or not integrity_ok(db.engine):
            # A copy of a damaged base would rotate out the last good copy: none is taken.
            return None, "la base est endommagée : aucune sauvegarde automatique n'a été faite"
        backup = create_backup(db, reason)
        rotate(db)
        return backup, ""
    except Exception as exc:  # logged with its trace; the user gets the sentence
        log.exception("sauvegarde automatique (%s) impossible", reason)
        return None, str(exc)
