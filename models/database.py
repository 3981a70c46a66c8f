"""Opening the base: URL resolution, engine settings, migrations, and the errors a user can act on."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from models import journal
from models.errors import UserError, os_error_text
from models.snapshots import backup_folder, backup_name, snapshot

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DB_FILE_NAME = "webleads.sqlite"


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.M)
_DEPENDS_ON = re.compile(r"^depends_on\s*(?::[^=]*)?=\s*(.+)$", re.M)


def quick_head_revision() -> str | None:
    """The head of the migration files read as text (Alembic's import costs ~0.3 s); None if unsure.

    tests/test_gui_startup.py checks that it agrees with Alembic's own ScriptDirectory.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        depends = _DEPENDS_ON.search(text)
        if revision is None or down is None or (depends is not None and depends.group(1).strip() != "None"):
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


class DatabaseError(UserError):
    """A problem with the base that the user can act on; the message is shown as is."""

    def __init__(self, message: str, *, bad_input: bool = False) -> None:
        super().__init__(message)
        self.bad_input = bad_input
        self.exit_code = 2 if bad_input else 1  # a wrong --db is bad input; a locked base is not


def resolve_url(db: str | None, data_dir: Path) -> str:
    """--db, else WEBLEADS_DB, else the SQLite file in the user's data folder; a plain path is SQLite."""
    value = db or os.environ.get("WEBLEADS_DB") or str(data_dir / DB_FILE_NAME)
    if "://" in value:
        try:
            make_url(value)
        except ArgumentError as exc:
            raise DatabaseError(f"Adresse de base de données invalide : {value}", bad_input=True) from exc
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def describe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_path_of(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite base before anything is written to it."""
    if not path.exists():
        if not path.parent.exists():
            raise DatabaseError(f"Le dossier de la base n'existe pas : {path.parent}", bad_input=True)
        # Created empty and readable by its owner only (personal data).
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        except OSError as exc:
            raise DatabaseError(f"Impossible de créer la base {path} : {os_error_text(exc)}.") from exc
        os.close(fd)
        return
    if path.is_dir():
        raise DatabaseError(f"{path} est un dossier, pas un fichier de base de données.", bad_input=True)
    if path.stat().st_size == 0:
        return
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as exc:
        raise DatabaseError(f"Impossible de lire la base {path} : {os_error_text(exc)}.") from exc
    if header != b"SQLite format 3\x00":
        raise DatabaseError(
            f"Le fichier {path} n'est pas une base webleads-tracker (ni une base SQLite).", bad_input=True
        )


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Settings of this connection only: none of them writes to the file, which may not be ours yet
    # (the switch to WAL, which does, waits until the base is known to be ours: Database.use_wal).
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _read_only_sqlite(path: Path) -> str:
    """'' for a base we may write; else the URI options that let us read it: the file is read-only, or
    its folder is and the WAL's shared-memory file cannot be made there (then the file is read as is)."""
    if not path.exists() or path.stat().st_size == 0:
        return ""
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and (folder_writable or path.with_name(path.name + "-shm").exists()):
        return ""
    if folder_writable or path.with_name(path.name + "-shm").exists():
        return "mode=ro"
    return "mode=ro&immutable=1"


RESTORE_HINT = "restaurez une sauvegarde (Fichier › Restaurer… ou `webleads backup restore`)"


def friendly_error(exc: BaseException, url: str) -> DatabaseError:
    """Turn a driver error into a sentence a shopkeeper understands (in French: the driver's own words
    go to the log, never to the user)."""
    orig = getattr(exc, "orig", exc)
    text = str(orig).lower()
    where = describe_url(url)
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseError(
            "La base est verrouillée par un autre programme ou une autre fenêtre. Réessayez dans un instant."
        )
    if "database or disk is full" in text or "no space left" in text or "disk full" in text:
        return DatabaseError(
            f"Disque plein : la base {where} ne peut plus grandir, rien n'a été modifié. "
            "Libérez de la place sur le disque puis recommencez."
        )
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return DatabaseError(f"La base {where} est en lecture seule : impossible d'enregistrer.")
    if "malformed" in text:
        return damaged_error(url)
    if "file is not a database" in text:
        return DatabaseError(
            f"Le fichier {where} n'est pas une base valide ou est endommagé.", bad_input=True
        )
    if "disk i/o error" in text:
        return DatabaseError(
            f"Erreur de lecture ou d'écriture sur le disque de la base {where} (support retiré, disque "
            "réseau coupé ?) : rien n'a été modifié."
        )
    log.warning("erreur de la base %s : %s", where, orig)
    if "unable to open database" in text:
        return DatabaseError(f"Impossible d'ouvrir la base {where}.")
    if "connection" in text or "could not" in text or "timeout" in text or "password" in text:
        return DatabaseError(
            f"Serveur de base de données injoignable ({where}) : vérifiez le réseau, le nom du serveur et "
            "le mot de passe (détails dans le journal)."
        )
    return DatabaseError(f"Erreur de base de données ({where}) : détails dans le journal.")


def damaged_error(url: str) -> DatabaseError:
    """A base of ours whose file is damaged: reading what can be read goes on, writing is refused."""
    return DatabaseError(
        f"La base {describe_url(url)} est endommagée : rien n'y a été écrit. Pour continuer, {RESTORE_HINT}."
    )


def integrity_ok(engine: Engine) -> bool:
    """SQLite's `PRAGMA quick_check` on the base (a few seconds per GB): False when a page is damaged.

    Run at the first start of the day, after any « malformed » error, and before each backup (a backup of
    a damaged base must never rotate out the last good one). PostgreSQL checks its own pages: True.
    """
    if engine.dialect.name != "sqlite":
        return True
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA quick_check").all()
    except DBAPIError as exc:
        text = str(exc.orig).lower()
        if "malformed" in text or "file is not a database" in text or "corrupt" in text:
            return False
        raise
    if [r[0] for r in rows] != ["ok"]:
        log.error("base endommagée (quick_check) : %s", "; ".join(str(r[0]) for r in rows[:5]))
        return False
    return True


INTEGRITY_KEY = "integrity.checked_on"  # settings: the day quick_check last passed (JSON, like every setting)


class Database:
    """One base: its engine, its session factory, and its migration state."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite_path = sqlite_path_of(url)
        self.read_only = False  # a SQLite file we may only read (read-only file, folder or medium)
        self.damaged = False  # quick_check failed: reads go on, every write is refused
        engine_url = url
        if self.sqlite_path is not None:
            _check_sqlite_file(self.sqlite_path)
            options = _read_only_sqlite(self.sqlite_path)
            if options:
                self.read_only = True
                engine_url = f"sqlite:///file:{quote(str(self.sqlite_path))}?{options}&uri=true"
        try:
            if self.sqlite_path is not None or make_url(url).get_backend_name() == "sqlite":
                self.engine: Engine = create_engine(engine_url)
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "connect", self._refuse_writes_when_damaged)
            else:
                self.engine = create_engine(url, pool_pre_ping=True, connect_args=_pg_connect_args(url))
        except (ArgumentError, NoSuchModuleError) as exc:
            raise DatabaseError(
                f"Adresse de base de données invalide : {describe_url(url)}", bad_input=True
            ) from exc
        except ImportError as exc:
            raise DatabaseError(
                f"Pilote de base de données manquant pour {describe_url(url)} : {exc}"
            ) from exc
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        journal.install()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session per user action: committed on success, rolled back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise self.explain(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def explain(self, exc: DBAPIError) -> DatabaseError:
        """The sentence for a driver error; a « malformed » error first checks the whole file."""
        text = str(exc.orig).lower()
        if self.is_sqlite and not self.damaged and "malformed" in text:
            self.check_integrity(daily=False)
        if self.damaged and ("malformed" in text or "readonly" in text):
            return damaged_error(self.url)
        if self.read_only and "readonly" in text:
            return DatabaseError(
                f"La base {describe_url(self.url)} est en lecture seule (fichier, dossier ou support "
                "protégé en écriture) : elle peut être consultée, rien n'y a été enregistré."
            )
        return friendly_error(exc, self.url)

    # --- the file's health (SQLite) -----------------------------------------------------------------

    def use_wal(self) -> None:
        """Journal in WAL mode (readers never wait for the writer). This writes to the file's header:
        only once the base is known to be ours, never on another program's file."""
        if not self.is_sqlite or self.read_only:
            return
        try:
            with self.engine.connect() as conn:
                if conn.exec_driver_sql("PRAGMA journal_mode").scalar() != "wal":
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        except DBAPIError as exc:
            raise self.explain(exc) from exc

    def check_integrity(self, *, daily: bool = True) -> bool:
        """quick_check a SQLite base of ours: at the first start of the day (`daily`), or now. A damaged
        base stays readable and refuses every write; the day a check passes is kept in the settings."""
        if not self.is_sqlite or (daily and self.read_only):  # nothing can be written to it anyway
            return True
        today = f'"{date.today().isoformat()}"'  # settings hold JSON text
        if daily:
            try:
                with self.engine.connect() as conn:
                    last = conn.exec_driver_sql(
                        "SELECT value FROM settings WHERE key = ?", (INTEGRITY_KEY,)
                    ).scalar()
            except DBAPIError:
                last = None  # unreadable settings: the check below says why
            if last == today:
                return True
        if integrity_ok(self.engine):
            self._remember_check(today)
            return True
        self._remember_check(None)  # the next start checks again, whatever day it is
        self.damaged = True
        self.engine.dispose()  # new connections refuse writes (query_only)
        return False

    def _remember_check(self, today: str | None) -> None:
        """Keep the day a check passed (None: forget it), if the base lets us at once."""
        if self.read_only:
            return
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout=200")  # never wait behind a long import
                try:
                    if today is None:
                        conn.exec_driver_sql("DELETE FROM settings WHERE key = ?", (INTEGRITY_KEY,))
                    else:
                        conn.exec_driver_sql(
                            "INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            (INTEGRITY_KEY, today),
                        )
                    conn.commit()
                finally:
                    conn.exec_driver_sql("PRAGMA busy_timeout=5000")
        except DBAPIError as exc:  # busy, read-only or damaged there: checked again at the next start
            log.info("jour de la vérification non enregistré : %s", exc.orig)

    def _refuse_writes_when_damaged(self, dbapi_conn: sqlite3.Connection, _record: object) -> None:
        if self.damaged:
            dbapi_conn.execute("PRAGMA query_only=ON")

    # --- migrations -------------------------------------------------------------------------------

    def _alembic_config(self):
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["engine"] = self.engine
        return cfg

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except DBAPIError as exc:
            raise friendly_error(exc, self.url) from exc

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic_config()).get_current_head()
        assert head is not None
        return head

    def needs_upgrade(self) -> bool:
        return self.current_revision() != self.head_revision()

    def _up_to_date_without_alembic(self) -> bool:
        """True when the base is already at the single head: the window starts without importing
        Alembic (a third of the start-up time). Any doubt (no table, several heads) means False."""
        head = quick_head_revision()
        if head is None:
            return False
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except DBAPIError:
            return False  # no version table yet, or an error that the full path will explain
        return [r[0] for r in rows] == [head]

    def upgrade(self) -> bool:
        """Bring the base to the current schema. Returns True when a migration ran.

        A base from a newer version, or a foreign base with tables but no revision, is refused.
        A copy of a SQLite base is taken before any migration of an existing base.
        """
        if self._up_to_date_without_alembic():
            return False
        from alembic import command
        from alembic.script import ScriptDirectory

        cfg = self._alembic_config()
        script = ScriptDirectory.from_config(cfg)
        current = self.current_revision()
        head = script.get_current_head()
        if current == head:
            return False
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as exc:  # alembic raises several kinds for an unknown revision
                raise DatabaseError(
                    "Cette base a été écrite par une version plus récente de webleads-tracker "
                    f"(révision {current}). Installez la dernière version pour l'ouvrir."
                ) from exc
            self._refuse_migrating_read_only()
            if not self.check_integrity(daily=False):  # a migration would spread the damage
                raise damaged_error(self.url)
            self.use_wal()
            self._backup(current)
        else:
            try:
                tables = set(inspect(self.engine).get_table_names())
            except DBAPIError as exc:
                raise friendly_error(exc, self.url) from exc
            if tables:
                raise DatabaseError(
                    f"La base {describe_url(self.url)} contient déjà des tables qui ne viennent pas de "
                    "webleads-tracker : elle n'a pas été modifiée.",
                    bad_input=True,
                )
            self._refuse_migrating_read_only()
            self.use_wal()  # an empty file: ours from now on
        try:
            command.upgrade(cfg, "head")
        except DBAPIError as exc:
            raise self.explain(exc) from exc
        log.info("base %s migrée de %s à %s", describe_url(self.url), current, head)
        return True

    def _refuse_migrating_read_only(self) -> None:
        if self.read_only:
            raise DatabaseError(
                f"La base {describe_url(self.url)} est en lecture seule et doit être créée ou mise à jour "
                "par cette version : ouvrez-la depuis un dossier où vous pouvez écrire."
            )

    def _backup(self, revision: str) -> Path | None:
        """docs/rules.md §10.3: a copy before every migration, in `sauvegardes/` with the others."""
        if self.sqlite_path is None:
            return None
        folder = backup_folder(self.sqlite_path)
        target = snapshot(
            self.sqlite_path, folder / backup_name(f"avant-migration-{revision}", datetime.now())
        )
        log.info("copie de sécurité avant migration : %s", target)
        return target

    def seed_journal(self) -> int:
        """The journal's first events, at the first start after it came (models.journal_seed)."""
        from models.journal_seed import is_seeded, seed

        with self.session() as session:
            return 0 if is_seeded(session) else seed(session)

    def dispose(self) -> None:
        self.engine.dispose()


def _pg_connect_args(url: str) -> dict[str, object]:
    # Fail fast on an unreachable server instead of hanging the window.
    return {"connect_timeout": 5} if make_url(url).get_backend_name() == "postgresql" else {}


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open (and by default create or upgrade) the base at url."""
    db = Database(url)
    if migrate:
        db.upgrade()
    elif db.needs_upgrade():
        raise DatabaseError(
            "La base n'est pas à jour : lancez « python main.py init » ou démarrez l'application."
        )
    db.check_integrity()  # SQLite, at the first start of the day
    if migrate and not db.read_only and not db.damaged:
        db.seed_journal()
    return db
