"""Opening the base: URL resolution, engine settings, migrations, and the errors a user can act on."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from models import journal
from models.errors import UserError
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
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        return
    if path.is_dir():
        raise DatabaseError(f"{path} est un dossier, pas un fichier de base de données.", bad_input=True)
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as f:
        header = f.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(
            f"Le fichier {path} n'est pas une base webleads-tracker (ni une base SQLite).", bad_input=True
        )


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    with contextlib.suppress(sqlite3.OperationalError):  # a read-only file: no WAL, reads still work
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def friendly_error(exc: BaseException, url: str) -> DatabaseError:
    """Turn a driver error into a sentence a shopkeeper understands."""
    text = str(getattr(exc, "orig", exc)).lower()
    where = describe_url(url)
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseError(
            "La base est verrouillée par un autre programme ou une autre fenêtre. Réessayez dans un instant."
        )
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return DatabaseError(f"La base {where} est en lecture seule : impossible d'enregistrer.")
    if "file is not a database" in text or "malformed" in text:
        return DatabaseError(
            f"Le fichier {where} n'est pas une base valide ou est endommagé.", bad_input=True
        )
    if "unable to open database" in text:
        return DatabaseError(f"Impossible d'ouvrir la base {where}.")
    if "connection" in text or "could not" in text or "timeout" in text or "password" in text:
        return DatabaseError(
            f"Serveur de base de données injoignable ({where}) : {getattr(exc, 'orig', exc)}"
        )
    return DatabaseError(f"Erreur de base de données ({where}) : {getattr(exc, 'orig', exc)}")


class Database:
    """One base: its engine, its session factory, and its migration state."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite_path = sqlite_path_of(url)
        if self.sqlite_path is not None:
            _check_sqlite_file(self.sqlite_path)
        try:
            if self.sqlite_path is not None or make_url(url).get_backend_name() == "sqlite":
                self.engine: Engine = create_engine(url)
                event.listen(self.engine, "connect", _sqlite_pragmas)
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
            raise friendly_error(exc, self.url) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

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
        try:
            command.upgrade(cfg, "head")
        except DBAPIError as exc:
            raise friendly_error(exc, self.url) from exc
        log.info("base %s migrée de %s à %s", describe_url(self.url), current, head)
        return True

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
        db.seed_journal()
    elif db.needs_upgrade():
        raise DatabaseError(
            "La base n'est pas à jour : lancez « python main.py init » ou démarrez l'application."
        )
    return db
