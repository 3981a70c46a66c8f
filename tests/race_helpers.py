"""The other workstation in a two-process test: runs a transmission or a postal campaign and pauses at a
chosen moment until the test says go (flag files), so that an objection lands exactly there.

    python -m tests.race_helpers share|postal URL OUT FLAGS during|final
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from models.database import open_database
from services.contacts.selection import Selection
from services.partners.directory import partner_by_name
from services.partners.transmissions import share
from services.postal.campaign import PostalRequest, run_postal_campaign


def wait_for(flag: Path, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not flag.exists():
        if time.monotonic() > end:
            raise SystemExit(f"no {flag.name} after {seconds} s")
        time.sleep(0.05)


def main() -> int:
    what, url, out, flags, moment = sys.argv[1:6]
    flag_dir = Path(flags)
    paused = False

    def progress(done: int, total: int, text: str = "") -> bool:
        nonlocal paused
        final = what == "share" and done == total
        if not paused and (final if moment == "final" else not final):
            paused = True
            (flag_dir / "paused").touch()
            if moment == "during":
                wait_for(flag_dir / "go")  # the objection commits meanwhile
            else:
                time.sleep(2)  # holding the objections lock: the objection must wait for the commit
        return True

    db = open_database(url)
    with db.session() as s:
        if what == "share":
            result = share(s, partner_by_name(s, "Assur+"), Selection(), Path(out), progress=progress)
            print(result.shared)
        else:
            request = PostalRequest(name="Race", template_code="L7160", selection=Selection())
            print(run_postal_campaign(s, request, Path(out), lambda d, t, x="": progress(d, t, x)).recipients)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
