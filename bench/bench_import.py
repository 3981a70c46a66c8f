"""Import and export at 100,000 rows, each beside its bare baseline measured in the same run.

    python bench/bench_import.py [--engine sqlite|postgresql] [--import-only | --export-only]

- baseline A: openpyxl read-only mode reading every cell of the 100,000 × 15 .xlsx, as a whole process
  (`python -c "import openpyxl; …"`, the interpreter's start-up included). The whole import, as a whole
  process too (start-up, imports, opening the base, read, clean, suppression list, duplicates,
  one-transaction write, the journal's events and their sealing, commit), must take at most 0.4× that
  (issue 17), into an empty base and into a base of 100,000 contacts, with a peak memory under 500 MB;
  once on both cores, once on one (WEBLEADS_ONE_CORE, services.core.two_cores), each into a fresh base.
  `--engine postgresql` runs it on the base WEBLEADS_BENCH_PG names (default wl_bench on the local
  socket; the bench empties its public schema).
- baseline B: openpyxl write-only mode writing the same cells as the export of 100,000 contacts
  (values fetched beforehand, empty fields as no cell); the export, reading the base included, must
  take at most 1.2× that.

The machine may be shared: each baseline is measured before and after its contenders (the mean is
used), CPU time is printed beside wall time, and the load average beside every figure.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
PG = os.environ.get("WEBLEADS_BENCH_PG", "postgresql+psycopg:///wl_bench?host=/var/run/postgresql")
GOAL = 0.4  # issue 17: the whole import at most 0.4× openpyxl's read-only read, whole process
XLSX = OUT / "import_100k.xlsx"
BASE_TEMPLATE = OUT / "base_100k.sqlite"
N_FILE = 100_000
N_BASE = 100_000
OVERLAP = 10_000  # file rows that are persons already in the base (by e-mail)
HEADERS = [
    "Civilité", "Nom", "Prénom", "Société", "Adresse", "Complément", "CP", "Ville", "Pays",
    "Téléphone", "Portable", "E-mail", "Date de collecte", "Type", "Notes",
]  # fmt: skip

FIRST = ["jean", "Marie", "jean-pierre", "Sophie", "LUC", "Élodie", "françois", "Anne-Laure", "Hélène",
         "Thomas", "Camille", "Nicolas", "Chloé", "Julien", "Léa", "Mathieu", "Inès", "Hugo", "Zoé", "Louis"]  # fmt: skip
LAST = ["Martin", "bernard", "Dubois", "THOMAS", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "de la Fontaine", "N'Diaye", "Le Gall", "Müller"]  # fmt: skip
CIV = ["M.", "Mme", "Monsieur", "Madame", "Mr", "Mlle", "", "M"]
STREETS = ["rue de la République", "avenue Foch", "boulevard Voltaire", "place du Marché", "chemin des Vignes",
           "impasse des Lilas", "allée des Tilleuls", "route de Paris"]  # fmt: skip


def _communes() -> list[tuple[str, str]]:
    from services.core.postcodes import postcode_table

    return [(cp, cs[0].name) for cp, cs in sorted(postcode_table().items())]


def _phone(rng: random.Random, i: int, mobile: bool) -> object:
    n = f"{'6' if mobile else rng.choice('12345')}{i:08d}"
    style = i % 5
    if style == 0:
        return "0" + " ".join([n[0]] + [n[j : j + 2] for j in range(1, 9, 2)])
    if style == 1:
        return "0" + n[0] + "." + ".".join(n[j : j + 2] for j in range(1, 9, 2))
    if style == 2:
        return "+33 " + n
    if style == 3:
        return "0033" + n
    return float(n)  # a number cell that lost its leading 0


def generate_file(path: Path) -> None:
    import xlsxwriter

    rng = random.Random(3)
    communes = _communes()
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Contacts")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, HEADERS)
    for r in range(1, N_FILE + 1):
        i = r - 1
        overlap = i < OVERLAP
        key = i + 900_000 if not overlap else i  # overlapping rows share the base's e-mail
        cp, city = communes[(i * 7) % len(communes)]
        ws.write_string(r, 0, CIV[i % len(CIV)])
        ws.write_string(r, 1, LAST[i % len(LAST)])
        ws.write_string(r, 2, FIRST[(i // 3) % len(FIRST)])
        ws.write_string(r, 3, "SARL Dupont & Fils" if i % 10 == 0 else "")
        ws.write_string(r, 4, f"{i % 200 + 1} {STREETS[i % len(STREETS)]}")
        ws.write_string(r, 5, "Bât. B" if i % 7 == 0 else "")
        if cp.startswith("0") and i % 2 == 0:
            ws.write_number(r, 6, int(cp))  # the spreadsheet lost the leading zero
        else:
            ws.write_string(r, 6, cp)
        ws.write_string(r, 7, city if i % 50 else city + "x")
        ws.write_string(r, 8, "France" if i % 3 else "")
        ph = _phone(rng, key, False)
        if isinstance(ph, float):
            ws.write_number(r, 9, ph)
        else:
            ws.write_string(r, 9, ph)
        mob = _phone(rng, key, True) if i % 4 else ""
        if isinstance(mob, float):
            ws.write_number(r, 10, mob)
        else:
            ws.write_string(r, 10, mob)
        ws.write_string(r, 11, f"contact{key}@Example.fr" if i % 100 else "pas-un-mail@")
        if i % 3 == 0:
            ws.write_datetime(r, 12, datetime(2025, 1, 1) + timedelta(days=i % 300), date_fmt)
        elif i % 3 == 1:
            ws.write_string(r, 12, (date(2025, 1, 1) + timedelta(days=i % 300)).strftime("%d/%m/%Y"))
        else:
            ws.write_number(r, 12, 45658 + i % 300)  # an Excel serial number
        ws.write_string(r, 13, ["particulier", "professionnel", "B2C", "B2B"][i % 4])
        ws.write_string(r, 14, "client fidèle" if i % 11 == 0 else "")
    wb.close()


def generate_base(url: str) -> None:
    from sqlalchemy import insert

    from models.compliance import SuppressionEntry
    from models.contact import Contact, ContactSource
    from models.database import open_database
    from services.compliance.suppression import suppression_keys
    from services.contacts.search import search_text_for

    db = open_database(url)
    communes = _communes()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(N_BASE):
        cp, city = communes[(i * 13) % len(communes)]
        v = {
            "civility": "Mme" if i % 2 else "M.", "first_name": FIRST[i % len(FIRST)].capitalize(),
            "last_name": LAST[(i // 7) % len(LAST)].upper(), "company": "",
            "address_complement": "", "address_building": "", "address_street": f"{i % 90 + 1} rue Haute",
            "address_extra": "", "postcode": cp, "city": city, "cedex": "", "country": "FR",
            "phone": "", "mobile": f"+336{i:08d}", "email": f"contact{i}@example.fr",
            "status": "prospect", "person_kind": "consumer", "customer_until": None, "last_contact_on": None,
            "notes": "", "source_kind": "direct", "source_name": "Base existante", "source_date": date(2025, 6, 1),
            "npai_on": None, "erased_at": None, "version": 1, "created_at": now, "updated_at": now,
        }  # fmt: skip
        v["search_text"] = search_text_for(v)
        rows.append(v)
    with db.session() as s:
        for start in range(0, len(rows), 5000):
            s.execute(insert(Contact), rows[start : start + 5000])
        s.execute(
            insert(ContactSource),
            [{"contact_id": i + 1, "kind": "direct", "name": "Base existante", "obtained_on": date(2025, 6, 1),
              "note": "", "recorded_at": now} for i in range(N_BASE)],
        )  # fmt: skip
        # 500 objected persons who are also in the file: the import must refuse them.
        for i in range(OVERLAP, OVERLAP + 500):
            for kind, digest in suppression_keys(email=f"contact{i + 900_000}@example.fr"):
                s.add(SuppressionEntry(kind=kind, hash=digest, scope="all", opposed_on=date(2026, 2, 1)))
    db.dispose()


def child_import(url: str) -> None:
    """Run in its own process: the whole import, its time and the process's peak memory (the parent
    measures the process from its start: start-up and imports included)."""
    t_start = time.perf_counter()
    from models.database import open_database
    from services.importing.mapping import header_score
    from services.importing.outcome import ImportOptions
    from services.importing.presets import auto_mapping
    from services.importing.reading import read_table
    from services.importing.running import run_import

    db = open_database(url)
    t0, c0 = time.perf_counter(), time.process_time()
    table = read_table(XLSX, score=header_score)
    t_read = time.perf_counter() - t0
    with db.session() as s:
        # The path the wizard and the command line take: a tool's preset recognised, else the guess.
        mapping = auto_mapping(table.headers, table.rows).mapping
        result = run_import(s, table, mapping, ImportOptions("broker", "Fichier bench"))
    total = time.perf_counter() - t0
    db.dispose()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # The forked children of the cleaning and the writing (services.core.two_cores): their resident size
    # counts the pages they share with this process too.
    helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": total, "cpu": time.process_time() - c0, "read_seconds": t_read,
                      "startup": t0 - t_start, "peak_mb": usage.ru_maxrss / 1024, "child_peak_mb": helper,
                      **result.summary()}))  # fmt: skip


def child_export(base: str, out: str) -> None:
    from models.database import open_database
    from services.contacts.exporting import export_contacts

    db = open_database(f"sqlite:///{base}")
    t0, c0 = time.perf_counter(), time.process_time()
    with db.session() as s:
        n = export_contacts(s, Path(out))
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": n}))


OPENPYXL_READ = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = 0
for row in wb.active.iter_rows(values_only=True):
    n += len(row)
wb.close()
"""


def openpyxl_read(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for a process whose only work is openpyxl's read-only mode reading every cell
    (the interpreter's start-up included, as for the import)."""
    return _timed_process([sys.executable, "-c", OPENPYXL_READ, str(path)])


def _timed_process(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a whole child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def openpyxl_write_same_cells(base: Path, out: Path) -> tuple[float, float]:
    """openpyxl write-only writing the cells the export writes (values fetched beforehand)."""
    import openpyxl

    from models.database import open_database
    from services.contacts.exporting import contact_rows, export_columns

    db = open_database(f"sqlite:///{base}")
    with db.session() as s:
        # The export writes nothing for an empty field: openpyxl gets None there (no cell either).
        rows = [[v if v != "" else None for v in r] for r in contact_rows(s)]
    headers = [c.header for c in export_columns()]
    t0, c0 = time.perf_counter(), time.process_time()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Contacts")
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(out)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    engine = sys.argv[sys.argv.index("--engine") + 1] if "--engine" in sys.argv else "sqlite"
    OUT.mkdir(parents=True, exist_ok=True)
    if not XLSX.exists():
        t = time.perf_counter()
        generate_file(XLSX)
        print(f"fichier généré : {XLSX} ({time.perf_counter() - t:.1f} s)")
    if not BASE_TEMPLATE.exists():
        t = time.perf_counter()
        generate_base(f"sqlite:///{BASE_TEMPLATE}")
        print(f"base générée : {BASE_TEMPLATE} ({time.perf_counter() - t:.1f} s)")
    # A template kept from an older version is brought to the head here, not inside the timed import.
    _migrate(f"sqlite:///{BASE_TEMPLATE}")
    if "--export-only" not in sys.argv:
        measure_import(engine)
    if "--import-only" not in sys.argv:
        measure_export()


def _load() -> str:
    return "charge " + " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _prepared_base(engine: str, filled: bool) -> str:
    """A base ready for the import (migrated; with the 100,000 contacts when `filled`): its URL."""
    if engine == "postgresql":
        from sqlalchemy import create_engine, text

        eng = create_engine(PG)
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        eng.dispose()
        if filled:
            generate_base(PG)
        else:
            _migrate(PG)
        return PG
    work = OUT / "work.sqlite"
    for p in OUT.glob("work.sqlite*"):
        p.unlink()
    if filled:
        shutil.copy(BASE_TEMPLATE, work)
    else:
        _migrate(f"sqlite:///{work}")
    return f"sqlite:///{work}"


def _migrate(url: str) -> None:
    subprocess.run([sys.executable, "-c", "import sys; from models.database import open_database; "
                    "open_database(sys.argv[1]).dispose()", url], cwd=ROOT, check=True)  # fmt: skip


def measure_import(engine: str) -> None:
    for filled in (False, True):
        load = _load()
        read1 = openpyxl_read(XLSX)
        runs = {}
        # Both cores (services.core.two_cores), then one (WEBLEADS_ONE_CORE), each into a fresh base.
        for label, env in (("deux cœurs", {}), ("un cœur", {"WEBLEADS_ONE_CORE": "1"})):
            url = _prepared_base(engine, filled)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            imp = _child("--child-import", url, env=env)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs[label] = (wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), imp)
        read2 = openpyxl_read(XLSX)
        base_wall, base_cpu = (read1[0] + read2[0]) / 2, (read1[1] + read2[1]) / 2
        where = f"base de {N_BASE:,} contacts" if filled else "base vide"
        print(f"A. [{engine}, {where}] openpyxl lecture seule de {N_FILE:,} × {len(HEADERS)}, processus entier : "
              f"{base_wall:.2f} s (avant {read1[0]:.2f} s, après {read2[0]:.2f} s) ; CPU {base_cpu:.2f} s ; "
              f"{load} → {_load()}")  # fmt: skip
        for label, (wall, cpu, imp) in runs.items():
            print(
                f"   import complet ({label}), processus entier : {wall:.2f} s, CPU {cpu:.2f} s (démarrage "
                f"{imp['startup']:.2f} s, lecture {imp['read_seconds']:.2f} s, journal compris)\n"
                f"   → ratio {wall / base_wall:.2f} (temps réel), {cpu / base_cpu:.2f} (CPU) ; objectif ≤ {GOAL} ; "
                f"mémoire max {imp['peak_mb']:.0f} Mo (objectif < 500 ; processus du second cœur "
                f"{imp['child_peak_mb']:.0f} Mo, pages partagées comprises)"
            )
        print(
            "   lignes : lues {read}, créées {created}, complétées {merged}, déjà à jour {unchanged}, "
            "refusées {refused}, avertissements {warnings}".format(**runs["un cœur"][2])
        )


def measure_export() -> None:
    out_x = OUT / "export.xlsx"
    # The export reads the base as it was before the import: 100,000 contacts.
    write1 = openpyxl_write_same_cells(BASE_TEMPLATE, OUT / "openpyxl_write.xlsx")
    exp = _child("--child-export", str(BASE_TEMPLATE), str(out_x))
    write2 = openpyxl_write_same_cells(BASE_TEMPLATE, OUT / "openpyxl_write.xlsx")
    bw_wall, bw_cpu = (write1[0] + write2[0]) / 2, (write1[1] + write2[1]) / 2
    print(f"B. openpyxl écriture seule des mêmes cellules : {bw_wall:.2f} s "
          f"(avant {write1[0]:.2f} s, après {write2[0]:.2f} s) ; CPU {bw_cpu:.2f} s")  # fmt: skip
    print(
        f"   export de {exp['rows']:,} contacts (lecture de la base comprise) : {exp['seconds']:.2f} s, "
        f"CPU {exp['cpu']:.2f} s → ratio {exp['seconds'] / bw_wall:.2f} (temps réel), "
        f"{exp['cpu'] / bw_cpu:.2f} (CPU) ; objectif ≤ 1,2"
    )


def _child(*args: str, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})  # fmt: skip
    if proc.returncode:
        sys.exit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child-import":
        child_import(sys.argv[2])
    elif len(sys.argv) > 3 and sys.argv[1] == "--child-export":
        child_export(sys.argv[2], sys.argv[3])
    else:
        main()
