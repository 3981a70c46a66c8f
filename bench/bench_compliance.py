"""Compliance speed: recording an objection with its notices, and deciding transmission eligibility.

100,000 contacts (services.contacts.demo), 20 partners, 300,000 transmission lines (Core bulk insert).
Each figure is printed beside a bare baseline measured in the same run, with the ratio.
Run: python bench/bench_compliance.py [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text

from models.compliance import ConsentRecord, InformedRecord, Opposition
from models.contact import Contact
from models.database import open_database
from models.partners import Partner, Transmission, TransmissionLine
from services.compliance.forms import create_form
from services.compliance.oppositions import record_opposition
from services.contacts.demo import add_demo_contacts
from services.contacts.selection import Selection
from services.partners.directory import PartnerInput, add_partner
from services.partners.transmissions import plan_transmission

N_CONTACTS = 100_000
N_PARTNERS = 20
N_LINES = 300_000
RUNS = 30


def populate(db) -> list[int]:
    rng = random.Random(4)
    t0 = time.perf_counter()
    with db.session() as s:
        add_demo_contacts(s, N_CONTACTS)
        v1 = create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes;Assureurs;Banques;Jardinage")
        v2 = create_form(s, "Salon", "event", "Offres", "Cuisinistes")
        cats = ["Cuisinistes", "Assureurs", "Banques", "Jardinage"]
        partners = [
            add_partner(s, PartnerInput(f"Partenaire {i:02d}", cats[i % 4], email=f"p{i}@example.fr"))[0]
            for i in range(N_PARTNERS)
        ]
        ids = list(range(1, N_CONTACTS + 1))
        informed = [
            {"contact_id": c, "informed_on": date(2026, 10, 1), "document": "form", "full_notice": True,
             "form_version_id": v1.id if c % 3 else v2.id, "notice_version": "", "campaign_id": None,
             "created_at": datetime(2026, 10, 1, tzinfo=UTC)}
            for c in ids if c % 10 < 7
        ]  # fmt: skip
        s.execute(insert(InformedRecord.__table__), informed)
        consents = [
            {"contact_id": c, "form_version_id": v1.id, "refuse_post": False, "refuse_phone": None,
             "refuse_partners": c % 20 == 0, "accept_phone": None, "accepted_partner_categories": "[]",
             "recorded_on": datetime(2026, 10, 1, 10, tzinfo=UTC), "channel": "counter", "recorded_by": "", "proof_kind": "note",
             "proof": "", "created_at": datetime(2026, 10, 1, tzinfo=UTC)}
            for c in ids if c % 10 < 7
        ]  # fmt: skip
        s.execute(insert(ConsentRecord.__table__), consents)
        s.execute(
            insert(Opposition.__table__),
            [{"contact_id": c, "scope": "partners", "received_on": date(2026, 10, 5), "channel": "letter",
              "recorded_by": "", "note": "", "from_partner_id": None, "lifted_by_consent_id": None,
              "created_at": datetime(2026, 10, 5, tzinfo=UTC)} for c in rng.sample(ids, 1000)],
        )  # fmt: skip
        per_partner = N_LINES // N_PARTNERS
        for p in partners:
            t = Transmission(partner_id=p.id, sent_on=date(2026, 10, 10), file_name="x.xlsx", checksum="0" * 64,
                             fields=p.shared_fields, contact_count=per_partner)  # fmt: skip
            s.add(t)
            s.flush()
            chosen = rng.sample(ids, per_partner)
            for i in range(0, per_partner, 5000):
                s.execute(
                    insert(TransmissionLine.__table__),
                    [
                        {"transmission_id": t.id, "contact_id": c, "partner_id": p.id}
                        for c in chosen[i : i + 5000]
                    ],
                )
    print(f"base remplie en {time.perf_counter() - t0:.1f} s : {N_CONTACTS} contacts, {N_PARTNERS} partenaires, "
          f"{N_LINES} lignes de transmission")  # fmt: skip
    return rng.sample(range(1, N_CONTACTS + 1), RUNS)


def bench_opposition(db, targets: list[int]) -> None:
    times, notices = [], []
    for cid in targets:
        t0 = time.perf_counter()
        with db.session() as s:
            out = record_opposition(s, cid, "all", "slip", date(2026, 11, 23))
            notices.append(len(out.notices))
        times.append(time.perf_counter() - t0)
    base = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO settings (key, value) VALUES (:k, '1')"), {"k": f"bench.{i}"})
        base.append(time.perf_counter() - t0)
    m, b = statistics.median(times), statistics.median(base)
    print(f"opposition + notifications (médiane de {RUNS}, {statistics.mean(notices):.1f} notif./opposition) : "
          f"{m * 1000:.1f} ms (max {max(times) * 1000:.1f} ms) ; INSERT d'une ligne + commit : {b * 1000:.2f} ms ; "
          f"rapport {m / b:.1f}x ; objectif < 50 ms : {'OK' if m < 0.05 else 'DÉPASSÉ'}")  # fmt: skip


def bench_eligibility(db) -> None:
    with db.session() as s:
        partner = s.scalars(select(Partner).order_by(Partner.id)).first()
        elig_runs, base_runs = [], []
        for _ in range(3):  # best of 3, alternated, so that both see the same cache and machine load
            t0 = time.perf_counter()
            plan = plan_transmission(s, partner, Selection())
            elig_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            n = len(s.execute(select(Contact.id)).all())
            base_runs.append(time.perf_counter() - t0)
        elig, base = min(elig_runs), min(base_runs)
    print(f"éligibilité (meilleur de 3) pour {n} contacts ({plan.eligible} transmissibles, exclus {plan.excluded}) : {elig:.3f} s ; "
          f"select id from contacts : {base:.3f} s ; rapport {elig / base:.1f}x ; objectif < 2 s : "
          f"{'OK' if elig < 2 else 'DÉPASSÉ'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="URL PostgreSQL (base vidée !) au lieu d'un fichier SQLite temporaire")
    args = parser.parse_args()
    os.environ.setdefault("WEBLEADS_HOME", tempfile.mkdtemp(prefix="wl-bench-"))
    if args.pg:
        db = open_database(args.pg)
    else:
        folder = Path(tempfile.mkdtemp(prefix="wl-bench-"))
        db = open_database(f"sqlite:///{folder / 'bench.sqlite'}")
    print(f"moteur : {db.engine.dialect.name}")
    targets = populate(db)
    bench_eligibility(db)
    bench_opposition(db, targets)
    db.dispose()


if __name__ == "__main__":
    main()
