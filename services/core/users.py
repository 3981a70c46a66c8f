"""Who is recording: the operating-system login, written as "recorded by" on consents and objections."""

from __future__ import annotations

import getpass


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account): still record something
        return "poste inconnu"
