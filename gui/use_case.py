"""One way for a screen to run a use case and to fail (docs/architecture.md, "One way to fail").

    if attempt(self.ui, self.db, lambda s: acknowledge(s, notice_id, on)):
        self.refresh()
    done = attempt(self.ui, self.db, lambda s: send_to_partner(s, partner, folder))
    if done:
        show(done.value)

The use case runs in one session (one transaction). A UserError — the family a user can act on — is
shown in a message box and the transaction is rolled back; anything else is a defect and goes to the
exception hook (a dialog, and the trace in the log). Background work reports through `failure_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from services.core.errors import Cancelled, UserError
from services.core.paths import log_file

if TYPE_CHECKING:  # SQLAlchemy loads after the window's first paint
    from sqlalchemy.orm import Session

    from models.database import Database

T = TypeVar("T")


class ShowsErrors(Protocol):
    def show_error(self, message: str, title: str = "") -> None: ...


@dataclass(frozen=True)
class Done(Generic[T]):
    """A use case that went through, with what it returned (always true in an `if`)."""

    value: T


def attempt(ui: ShowsErrors, db: Database, work: Callable[[Session], T], title: str = "") -> Done[T] | None:
    """Run work(session) in one transaction; on a UserError show it and return None."""
    try:
        with db.session() as session:
            value = work(session)
    except UserError as exc:
        ui.show_error(str(exc), title)
        return None
    return Done(value)


def failure_text(exc: BaseException) -> str:
    """What to tell the user when background work failed: the message of a UserError or a Cancel, a
    plain French sentence for anything else (its trace is already in the log)."""
    if isinstance(exc, UserError | Cancelled):
        return str(exc)
    return f"Erreur inattendue : les détails sont dans le journal ({log_file()})."
