"""The other workstation in a two-process test: runs a transmission or a postal campaign and pauses at a
chosen moment until the test says go (flag files), so that an objection lands exactly there.

    python -m tests.race_helpers share|postal URL OUT FLAGS during|final
    python -m tests.race_helpers import URL FILE FLAGS checked|writing

An import pauses once its duplicates are checked (« Enregistrement… ») or while it writes its contacts
(holding SQLite's write lock), until the test says go; it prints its JSON summary.
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

    if what == "import":
        return run_paused_import(url, Path(out), flag_dir, moment)
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


def run_paused_import(url: str, path: Path, flag_dir: Path, moment: str) -> int:
    import json

    from services.importing.mapping import header_score
    from services.importing.outcome import ImportOptions
    from services.importing.presets import auto_mapping
    from services.importing.reading import read_table
    from services.importing.running import run_import

    wanted = "Enregistrement…" if moment == "checked" else "Enregistrement des contacts"
    paused = False

    def progress(done: int, total: int, text: str = "") -> bool:
        nonlocal paused
        if not paused and text.startswith(wanted):
            paused = True
            (flag_dir / "paused").touch()
            wait_for(flag_dir / "go")
        return True

    table = read_table(path, score=header_score)
    mapping = auto_mapping(table.headers, table.rows).mapping
    db = open_database(url)
    with db.session() as s:
        result = run_import(s, table, mapping, ImportOptions("direct", "Salon"), progress=progress)
    db.dispose()
    print(json.dumps(result.summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
