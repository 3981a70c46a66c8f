"""A million contacts (issue 17): each figure beside its bare baseline, at several sizes so that
linearity shows.

    python bench/bench_scale.py [--engine sqlite|postgresql] [--only phone|postal|search] [--n 1000000]
                                [--letters 10000,100000] [--rebuild]

The base is built once and kept: /tmp/wl_scale/batch_<n>.sqlite, or the PostgreSQL base `wl_scale`
(local server, host=/var/run/postgresql, made with createdb). It holds n contacts (the demo generator,
written with Core executemany, not the ORM), a phone consent for 30 % (some refused, some old), objections
for 2 %, running contracts for 1 %, about one call-log line per person over 90 days, a partner with a
transmission of 10 % of the base, and tags: `lot-<k>` on enough people for a postal campaign of about k
letters, `sel-1000` on 1,000 people spread over the base.

Each measure runs in its own process (peak RSS from getrusage, wall time):
- phone: the decisions for the whole base (streamed: counts by status) and for the 1,000-person selection,
  each beside the bare SQL query reading the same contacts' rows;
- postal: a campaign of about k letters (labels.pdf, letters.pdf, excluded.xlsx; recorded, then rolled
  back so that the base stays as built) beside a bare reportlab canvas writing as many pages of plain text;
- search: bench/bench_scale_search.py's `run_search(engine_url, n)` when it is there.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))  # bench_scale_search.py, beside this file, when it is there

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models.compliance import ConsentRecord, Form, FormVersion, Opposition  # noqa: E402
from models.contact import Contact, ContactTag  # noqa: E402
from models.database import open_database  # noqa: E402
from models.partners import Partner, Transmission, TransmissionLine  # noqa: E402
from models.phone import CallLogEntry, Contract  # noqa: E402
from services.contacts.demo import CONTACTS_TABLE, SOURCES_TABLE, _rows  # noqa: E402
from services.core.settings import set_settings  # noqa: E402
from services.phone.calendar import callee_zone  # noqa: E402

HERE = Path("/tmp/wl_scale")
PG_BASE = "wl_scale"
PG_URL = f"postgresql+psycopg:///{PG_BASE}?host=/var/run/postgresql"
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # a Tuesday, 10:30 in Paris
OUTCOMES = ["no-answer"] * 5 + ["busy"] * 2 + ["interested", "not-interested", "callback"]
BATCH = 20_000
ELIGIBLE_SHARE = 0.95  # about this share of a tagged lot gets a letter (objections, retention, …)


# --- the base ---------------------------------------------------------------------------------------


def base_url(engine: str, n: int) -> str:
    return PG_URL if engine == "postgresql" else f"sqlite:///{HERE / f'batch_{n}.sqlite'}"


def base_ready(url: str, n: int, lots: list[int]) -> bool:
    """Built to the end for this size and these lots (the last thing written is the setting saying so). A
    base built by an older version is migrated, as a user's base would be (it was silently rebuilt)."""
    try:
        db = open_database(url)
    except Exception as exc:
        print(f"base {url} inutilisable ({exc}) : reconstruite")
        return False
    try:
        with db.session() as s:
            built = s.execute(text("select value from settings where key = 'bench.scale_n'")).scalar()
            return built == mark(n, lots)
    except Exception:
        return False
    finally:
        db.dispose()


def mark(n: int, lots: list[int]) -> str:
    """What the base was built for, as a setting's value (JSON, like every setting)."""
    return json.dumps(f"{n} {','.join(map(str, sorted(lots)))}")


def _flush(s: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        s.execute(insert(table), rows)
        rows.clear()


def build(url: str, engine: str, n: int, lots: list[int]) -> float:
    t0 = time.perf_counter()
    if engine == "postgresql":
        subprocess.run(["dropdb", "--if-exists", "-h", "/var/run/postgresql", PG_BASE], check=True)
        subprocess.run(["createdb", "-h", "/var/run/postgresql", PG_BASE], check=True)
    else:
        HERE.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.removeprefix('sqlite:///')}{suffix}").unlink(missing_ok=True)
    db = open_database(url)
    rng = random.Random(17)
    with db.session() as s:
        set_settings(s, {"org.name": "Œnologie & Fils", "org.address": "3 place Bellecour\n69002 Lyon",
                         "org.phone": "04 78 00 00 00", "org.email": "contact@oeno.fr",
                         "org.rights_contact": "dpo@oeno.fr"})  # fmt: skip
        form = Form(name="Comptoir", channel="paper")
        partner = Partner(name="Cuisines Bench", category="Cuisinistes", shared_fields='["last_name"]')
        s.add_all([form, partner])
        s.flush()
        version = FormVersion(form_id=form.id, number=1, boxes="[]")
        s.add(version)
        s.flush()
        transmission = Transmission(partner_id=partner.id, sent_on=date(2026, 6, 1), contact_count=0)
        s.add(transmission)
        s.flush()
        # Who carries which tag: lots by the first ids of a shuffled order, the selection spread out.
        order = list(range(1, n + 1))
        rng.shuffle(order)
        tags: dict[int, list[str]] = {}
        for lot in lots:
            for cid in order[: int(lot / ELIGIBLE_SHARE)]:
                tags.setdefault(cid, []).append(f"lot-{lot}")
        for cid in rng.sample(order, 1000):
            tags.setdefault(cid, []).append("sel-1000")
        del order
        buffers: dict[Any, list[dict[str, Any]]] = {t: [] for t in (
            CONTACTS_TABLE, SOURCES_TABLE, ContactTag.__table__, ConsentRecord.__table__, Opposition.__table__,
            Contract.__table__, CallLogEntry.__table__, TransmissionLine.__table__)}  # fmt: skip
        lines = 0
        for values, src, _demo_tags in _rows(n, 1, 1, random.Random(2026)):
            cid = values["id"]
            buffers[CONTACTS_TABLE].append(values)
            buffers[SOURCES_TABLE].append(src)
            buffers[ContactTag.__table__] += [{"contact_id": cid, "name": t} for t in tags.get(cid, ())]
            if rng.random() < 0.30:
                buffers[ConsentRecord.__table__].append({
                    "contact_id": cid, "form_version_id": version.id, "accept_phone": rng.random() > 0.05,
                    "refuse_post": None, "refuse_phone": rng.random() < 0.03 or None, "refuse_partners": None,
                    "accepted_partner_categories": "[]", "recorded_on": NOW - timedelta(days=rng.randint(1, 500)),
                    "channel": "paper", "recorded_by": "accueil", "proof_kind": "file", "proof": f"scan-{cid}.pdf",
                    "created_at": NOW,
                })  # fmt: skip
            if rng.random() < 0.02:
                buffers[Opposition.__table__].append({
                    "contact_id": cid, "scope": rng.choice(["phone", "post", "all"]), "received_on": date(2026, 5, 1),
                    "channel": "letter", "recorded_by": "", "note": "", "created_at": NOW})  # fmt: skip
            if rng.random() < 0.01:
                buffers[Contract.__table__].append({
                    "contact_id": cid, "subject": "Entretien chaudière", "subject_key": "entretien chaudiere",
                    "start_on": date(2026, 1, 1), "end_on": None, "note": "", "recorded_by": "", "created_at": NOW})  # fmt: skip
            zone = callee_zone(values["postcode"])
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                buffers[CallLogEntry.__table__].append({
                    "contact_id": cid, "called_at": NOW - timedelta(days=rng.random() * 90), "callee_zone": zone,
                    "phone": values["mobile"] or values["phone"] or "+33600000000", "caller": "bench",
                    "campaign_id": None, "outcome": rng.choice(OUTCOMES), "basis": "consent",
                    "consent_record_id": None, "contract_id": None, "source": "in-house", "source_file": "",
                    "breach": "", "note": "", "created_at": NOW})  # fmt: skip
            if rng.random() < 0.10:
                lines += 1
                buffers[TransmissionLine.__table__].append({
                    "transmission_id": transmission.id, "contact_id": cid, "partner_id": partner.id,
                    "phone_sent": False, "phone_consent_id": None})  # fmt: skip
            if len(buffers[CONTACTS_TABLE]) >= BATCH:
                for table, rows in buffers.items():  # contacts first: the others refer to them
                    _flush(s, table, rows)
        for table, rows in buffers.items():
            _flush(s, table, rows)
        transmission.contact_count = lines
        if engine == "postgresql":
            for table in ("contacts", "contact_sources"):
                s.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
        s.execute(
            text("insert into settings (key, value) values ('bench.scale_n', :n)"), {"n": mark(n, lots)}
        )
    with db.engine.connect() as conn:  # fresh statistics for the planner, as a base in use would have
        conn.execute(text("ANALYZE"))
        conn.commit()
    db.dispose()
    return time.perf_counter() - t0


# --- the measures, each in its own process ----------------------------------------------------------


def _cpu() -> float:
    """This process's CPU time: on a shared machine, what it really computed (wall time waits for others)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, url: str, arg: int) -> dict[str, Any]:
    """One figure, in this (fresh) process."""
    from models.contact import ContactTag as Tag
    from services.core.bulk import collector_paused

    db = open_database(url, migrate=False)
    selected = Contact.id.in_(select(Tag.contact_id).where(Tag.name == "sel-1000"))
    whole = Contact.erased_at.is_(None)
    out: dict[str, Any] = {}
    with db.session() as s:
        s.execute(text("select count(*) from call_log")).scalar()  # the file cache warm, as in use
        start, cpu = time.perf_counter(), _cpu()
        if kind in ("phone", "phone-1000"):
            from services.phone.decision import count_calls

            out["counts"] = count_calls(s, whole if kind == "phone" else selected, "", NOW)
        elif kind in ("phone-bare", "phone-1000-bare"):
            q = select(Contact.id, Contact.postcode, Contact.person_kind, Contact.source_kind, Contact.phone,
                       Contact.mobile, Contact.erased_at).where(whole if kind == "phone-bare" else selected)  # fmt: skip
            result = s.connection().execute(q)
            rows = 0
            with collector_paused():
                while batch := result.cursor.fetchmany(5000):
                    rows += len(batch)
            out["rows"] = rows
        elif kind == "postal":
            from services.contacts.selection import Selection
            from services.postal.campaign import PostalRequest, run_postal_campaign

            folder = Path(tempfile.mkdtemp(prefix="wl_scale_postal_"))
            try:
                req = PostalRequest(
                    name=f"Bench {arg}", selection=Selection(tags=[f"lot-{arg}"]), on=NOW.date()
                )
                outcome = run_postal_campaign(s, req, folder)
                out.update(letters=outcome.recipients, label_pages=outcome.label_pages,
                           letters_mb=round((folder / "letters.pdf").stat().st_size / 1e6, 1),
                           labels_mb=round((folder / "labels.pdf").stat().st_size / 1e6, 1))  # fmt: skip
            finally:
                shutil.rmtree(folder)
                s.rollback()  # the base stays as built
        elif kind == "postal-bare":
            out["pages"] = bare_canvas(arg)
        else:
            raise SystemExit(f"unknown measure {kind}")
        out["seconds"] = round(time.perf_counter() - start, 2)
        out["cpu"] = round(_cpu() - cpu, 2)
    db.dispose()
    out["rss_mb"] = round(_peak_mb())
    return out


def bare_canvas(pages: int) -> int:
    """reportlab's canvas writing `pages` pages of plain text (the same font, a dozen lines each)."""
    from reportlab.pdfgen.canvas import Canvas

    from services.core.pdf_fonts import register_fonts

    regular, _bold = register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        c = Canvas(str(Path(tmp) / "bare.pdf"), pageCompression=0)
        for n in range(pages):
            c.setFont(regular, 10)
            for i in range(12):
                c.drawString(
                    60, 780 - 14 * i, f"Courrier {n} — ligne {i} : Découvrez nos nouveautés d'automne."
                )
            c.showPage()
        c.save()
    return pages


def run_child(kind: str, url: str, arg: int = 0) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--url", url, "--arg", str(arg)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(label: str, ours: dict[str, Any], bare: dict[str, Any], detail: str = "") -> None:
    if "error" in ours or "error" in bare:
        print(f"{label}: erreur {ours.get('error') or bare.get('error')}")
        return
    ratio = ours["seconds"] / bare["seconds"] if bare["seconds"] else float("inf")
    print(f"{label}: {ours['seconds']:.2f} s (CPU {ours.get('cpu')} s), {ours['rss_mb']} Mo | nu : "
          f"{bare['seconds']:.2f} s (CPU {bare.get('cpu')} s), {bare['rss_mb']} Mo | {ratio:.1f}× {detail}",
          flush=True)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--only", choices=("phone", "postal", "search"))
    ap.add_argument("--n", type=int, default=1_000_000, help="contacts in the base")
    ap.add_argument("--letters", default="10000,100000", help="sizes of the postal campaigns")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--arg", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.url, args.arg)))
        return
    lots = [int(x) for x in args.letters.split(",") if x]
    url = base_url(args.engine, args.n)
    if args.rebuild or not base_ready(url, args.n, lots):
        print(f"construction de la base ({args.n} contacts, {args.engine})…", flush=True)
        print(
            f"  base construite en {build(url, args.engine, args.n, lots):.0f} s (non chronométré)",
            flush=True,
        )
    print(f"base : {args.n} contacts ({args.engine}) — chaque mesure dans son propre processus")
    if args.only in (None, "phone"):
        ours, bare = run_child("phone", url), run_child("phone-bare", url)
        show(f"décisions d'appel, toute la base ({bare.get('rows')} contacts)", ours, bare,
             f"(cible ≤ 6 s, ≤ 400 Mo) {ours.get('counts', '')}")  # fmt: skip
        ours, bare = run_child("phone-1000", url), run_child("phone-1000-bare", url)
        show(
            f"décisions d'appel, sélection de {bare.get('rows')} personnes",
            ours,
            bare,
            str(ours.get("counts", "")),
        )
    if args.only in (None, "postal"):
        for lot in lots:
            ours = run_child("postal", url, lot)
            bare = run_child("postal-bare", url, ours.get("letters", lot))
            show(f"campagne postale de {ours.get('letters')} courriers", ours, bare,
                 f"(étiquettes {ours.get('labels_mb')} Mo, courriers {ours.get('letters_mb')} Mo ; cible ≤ 500 Mo)")  # fmt: skip
    if args.only in (None, "search"):
        try:
            from bench_scale_search import run_search  # type: ignore[import-not-found]  # the other half of issue 17
        except ImportError:
            print("recherche : bench/bench_scale_search.py absent, non mesuré")
        else:
            for key, value in run_search(url, args.n).items():
                print(f"recherche — {key} : {value}")


if __name__ == "__main__":
    main()
