"""Transmission speed with the partner-call rule (docs/rules.md §1.6), and the notices owed (§3.2).

100,000 contacts all informed of transmission to « Assureurs » (a third with a consent to calls from
that category). The same selection is shared with a partner who does not call (today's figure: no
phone check) and with a partner who calls (mobile agreed: each person's partner-call consent checked,
proof columns written) — the ratio is the cost of the rule (goal < 1.2). Then `notices owed` over the
100,000 (half from brokers), beside a bare count of the same contacts (goal < 1 s).
Run: python bench/bench_share.py [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, update

from models.compliance import ConsentRecord, InformedRecord
from models.contact import Contact
from models.database import open_database
from services.compliance.forms import create_form
from services.compliance.notices_owed import notices_owed
from services.contacts.demo import add_demo_contacts
from services.contacts.selection import Selection
from services.partners.directory import PartnerInput, add_partner
from services.partners.transmissions import share

N = 100_000


def populate(db) -> None:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    with db.session() as s:
        add_demo_contacts(s, N)
        version = create_form(s, "Comptoir", "counter", "Offres", "Assureurs")
        at = datetime(2026, 10, 1, 10, tzinfo=UTC)
        for start in range(1, N + 1, 20_000):
            ids = range(start, min(start + 20_000, N + 1))
            s.execute(insert(InformedRecord), [
                {"contact_id": c, "informed_on": date(2026, 10, 1), "document": "form", "full_notice": True,
                 "form_version_id": version.id} for c in ids if c % 2
            ])  # fmt: skip
            s.execute(insert(ConsentRecord), [
                {"contact_id": c, "form_version_id": version.id, "accept_phone": c % 3 == 0,
                 "accepted_partner_categories": '["Assureurs"]' if c % 3 == 0 else "[]", "recorded_on": at,
                 "channel": "counter", "recorded_by": "Julie", "proof_kind": "note", "proof": "formulaire"}
                for c in ids
            ])  # fmt: skip
        # Half the base from brokers, never informed: owed the art. 14 notice.
        s.execute(
            update(Contact).where(Contact.id % 2 == 0).values(source_kind="broker", source_name="Fichier")
        )
        add_partner(s, PartnerInput("Courrier+", "Assureurs", email="a@x.fr"))
        add_partner(s, PartnerInput("Appel+", "Assureurs", email="b@x.fr", fields=[
            "ref", "civility", "first_name", "last_name", "postcode", "city", "mobile"]))  # fmt: skip
    print(f"base remplie en {time.perf_counter() - t0:.1f} s : {N} contacts")


def best(fn, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="URL PostgreSQL (base vidée !) au lieu d'un fichier SQLite temporaire")
    args = parser.parse_args()
    os.environ.setdefault("WEBLEADS_HOME", tempfile.mkdtemp(prefix="wl-bench-"))
    folder = Path(tempfile.mkdtemp(prefix="wl-bench-"))
    db = open_database(args.pg or f"sqlite:///{folder / 'bench.sqlite'}")
    print(f"moteur : {db.engine.dialect.name}")
    populate(db)
    from models.partners import Partner

    def run(name: str):  # type: ignore[no-untyped-def]
        def once():  # type: ignore[no-untyped-def]
            with db.session() as s:
                partner = s.scalars(select(Partner).where(Partner.name == name)).one()
                result = share(s, partner, Selection(), folder / f"{name}.xlsx")
                s.rollback()  # nothing recorded: every run shares the same people
                return result

        return once

    # Alternated, best of three each: both see the same cache and machine load.
    plain, calls = [], []
    for _ in range(3):
        plain.append(best(run("Courrier+"), 1))
        calls.append(best(run("Appel+"), 1))
    t_plain, r_plain = min(plain, key=lambda x: x[0])
    t_calls, r_calls = min(calls, key=lambda x: x[0])
    print(f"share de {r_plain.shared} contacts à un partenaire qui n'appelle pas : {t_plain:.2f} s")
    print(f"share à un partenaire qui appelle ({r_calls.shared} contacts, sans numéro : {r_calls.without_phone}) : "
          f"{t_calls:.2f} s ; rapport {t_calls / t_plain:.2f}x ; objectif < 1,2x : "
          f"{'OK' if t_calls / t_plain < 1.2 else 'DÉPASSÉ'}")  # fmt: skip

    with db.session() as s:
        t_owed, owed = best(lambda: notices_owed(s))
        t_count, _ = best(
            lambda: s.scalar(select(func.count(Contact.id)).where(Contact.source_kind == "broker"))
        )
    print(f"notices owed : {len(owed)} personnes en {t_owed:.3f} s ; count(*) des mêmes contacts : {t_count:.3f} s ; "
          f"objectif < 1 s : {'OK' if t_owed < 1 else 'DÉPASSÉ'}")  # fmt: skip
    db.dispose()


if __name__ == "__main__":
    main()
