"""Mutation testing of the rule modules (issue 19): do the tests fail whenever a rule is broken?

    python bench/mutation.py             # the whole check from scratch (about an hour on one core)
    python bench/mutation.py --resume    # keep mutants/: only what changed, and the mutants not yet decided
    python bench/mutation.py --survivors # keep mutants/: re-test the mutants not killed (after adding tests)
    python bench/mutation.py --report    # the summary of the last run, without running anything
    python bench/mutation.py --probes    # only the probes of the module-level tables (a few minutes)

Two parts:
1. mutmut (3.8.1, `pip install mutmut==3.8.1`), configured in pyproject.toml `[tool.mutmut]`: one-line
   mutants of every function of the rule modules, each run against the tests that call that function,
   with one worker. Survivors must be listed, with the reason they are harmless, in
   bench/mutation-survivors.md; the summary says which are not.
2. Probes: mutmut mutates only inside functions, not the tables the rules read (the territories' zones
   and holidays, the hours, the caps, the scopes, the 38 characters). Each probe below breaks one such
   value, or one named bug of issue 19, in a copy of the project and runs the tests of that rule:
   every probe must make them fail.

The summary goes to stdout and to bench/out/mutation-report.md, the survivors' diffs to
bench/out/mutation-survivors.txt. Exit status 1 when the kill rate is under 95 %, a survivor is not
explained, or a probe survives.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EXPLAINED = ROOT / "bench" / "mutation-survivors.md"
MUTMUT_VERSION = "3.8.1"
GOAL = 0.95

# mutmut's exit-code reading (mutmut.stats.status_by_exit_code), kept here so --report needs no import.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", 37: "type check",
          -11: "segfault", -9: "segfault", None: "not checked"}  # fmt: skip

# The functions of the rule modules that are not rules but the files, lists and views they feed (a file's
# writing, a register, a listing, a JSON view, the checks of typed input): left out of the run, for time.
NOT_RULES: dict[str, list[str]] = {
    "compliance.consents": ["record_consent", "proofs_dir", "store_proof_file", "proof_path"],
    "compliance.requests": ["add_request", "write_requests_register", "view", "ǁRequestViewǁto_dict",
                            "ǁRequestOutcomeǁacted", "list_requests", "_get", "_check_date", "_rectify"],
    "partners.notices": ["list_notices", "ǁNoticeViewǁto_dict", "identifier_snapshot"],
    "partners.transmissions": ["share", "excluded_list", "list_transmissions", "sha256_file",
                               "ǁShareResultǁto_dict"],
    "phone.decision": ["decide_calls", "inline", "business_today"],
    # the page setup of a printed register and the CSV writer: a file's layout (margins, line endings)
    "core.spreadsheet": ["write_xlsx", "_sheet_name", "write_table", "_print_setup", "write_csv"],
}  # fmt: skip
LEFT_OUT = {f"services.{m}.x{'' if f.startswith('ǁ') else '_'}{f}" for m, fs in NOT_RULES.items() for f in fs}


def in_scope(mutant: str) -> bool:
    return mutant.rsplit("__mutmut_", 1)[0] not in LEFT_OUT


CALENDAR_TESTS = ["tests/phone/test_call_calendar.py", "tests/phone/test_call_calendar_territories.py"]
EXPIRY_TESTS = ["tests/compliance/test_consent_expiry.py", "tests/phone/test_phone_rules.py"]
SCOPE_TESTS = ["tests/compliance/test_objection_scopes.py", "tests/compliance/test_oppositions.py"]
ADDRESS_TESTS = ["tests/postal/test_address_limits.py", "tests/postal/test_address_block.py"]
ERASURE_TESTS = ["tests/compliance/test_erasure_suppression.py"]
SHEET_TESTS = ["tests/core/test_spreadsheet.py", "tests/core/test_spreadsheet_neutralisation.py"]
PHONE_TESTS = ["tests/phone/test_consent_sources.py", "tests/phone/test_phone_rules.py"]

CAL = "services/phone/calendar.py"
# (what breaks, file, exact text, replacement, tests that must fail). Each text occurs once in its file.
PROBES: list[tuple[str, str, str, str, list[str]]] = [
    *[
        (f"holidays of {name} dropped", CAL, f'    "{prefix}": "{subdiv}",\n', "", CALENDAR_TESTS)
        for name, prefix, subdiv in [
            ("Moselle (57)", "57", "57"), ("Bas-Rhin (67)", "67", "6AE"), ("Haut-Rhin (68)", "68", "6AE"),
            ("Saint-Barthélemy (977)", "97133", "BL"), ("Saint-Martin (978)", "97150", "MF"),
            ("Guadeloupe (971)", "971", "971"), ("Martinique (972)", "972", "972"), ("Guyane (973)", "973", "973"),
            ("La Réunion (974)", "974", "974"), ("Saint-Pierre-et-Miquelon (975)", "975", "PM"),
            ("Mayotte (976)", "976", "976"),
        ]
    ],
    *[
        (f"{name} given {wrong}", CAL, f'"{prefix}": "{zone}",', f'"{prefix}": "{wrong}",', CALENDAR_TESTS)
        for name, prefix, zone, wrong in [
            ("Mayotte (976)", "976", "Indian/Mayotte", "Indian/Reunion"),
            ("La Réunion (974)", "974", "Indian/Reunion", "Indian/Mayotte"),
            ("Guadeloupe (971)", "971", "America/Guadeloupe", "America/Cayenne"),
            ("Martinique (972)", "972", "America/Martinique", "America/Cayenne"),
            ("Guyane (973)", "973", "America/Cayenne", "America/Martinique"),
            ("Saint-Pierre-et-Miquelon (975)", "975", "America/Miquelon", "America/Cayenne"),
            ("Saint-Barthélemy (977)", "97133", "America/St_Barthelemy", "America/Guadeloupe"),
            ("Saint-Martin (978)", "97150", "America/Marigot", "America/Guadeloupe"),
        ]
    ],
    # mutmut's children are forked from a process whose caches (Place.of per postcode, the holidays per
    # year) are already full, so the functions that fill them are never reached there: probed here.
    ("a place gets the metropolitan calendar", CAL, "return _place_of(callee_zone(postcode), holiday_subdivision(postcode))",
     "return _place_of(callee_zone(postcode), None)", CALENDAR_TESTS),
    ("a place gets the Paris clock", CAL, "return _place_of(callee_zone(postcode), holiday_subdivision(postcode))",
     "return _place_of(PARIS, holiday_subdivision(postcode))", CALENDAR_TESTS),
    ("the holidays of the year before", CAL, "return _holidays(subdiv, day.year).get(day)",
     "return _holidays(subdiv, day.year - 1).get(day)", CALENDAR_TESTS),
    ("calls until 20:01", CAL, "(time(14, 0), time(20, 0))", "(time(14, 0), time(20, 1))", CALENDAR_TESTS),
    ("calls from 09:59", CAL, "((time(10, 0), time(13, 0))", "((time(9, 59), time(13, 0))", CALENDAR_TESTS),
    ("no lunch break", CAL, "((time(10, 0), time(13, 0))", "((time(10, 0), time(14, 0))", CALENDAR_TESTS),
    ("lunch break ends 14:01", CAL, "(time(14, 0), time(20, 0))", "(time(14, 1), time(20, 0))", CALENDAR_TESTS),
    ("5 calls per 30 days", CAL, "MAX_ATTEMPTS = 4", "MAX_ATTEMPTS = 5", CALENDAR_TESTS),
    ("4 calls per 31 days", CAL, "ATTEMPT_DAYS = 30", "ATTEMPT_DAYS = 31", CALENDAR_TESTS),
    ("4 calls per 29 days", CAL, "ATTEMPT_DAYS = 30", "ATTEMPT_DAYS = 29", CALENDAR_TESTS),
    ("59 days after « pas intéressé »", CAL, "NOT_INTERESTED_DAYS = 60", "NOT_INTERESTED_DAYS = 59", CALENDAR_TESTS),
    ("61 days after « pas intéressé »", CAL, "NOT_INTERESTED_DAYS = 60", "NOT_INTERESTED_DAYS = 61", CALENDAR_TESTS),
    ("the call decision's consent expiry a day late", "services/phone/eligibility.py",
     "if consent_expired(c.consent_on, now, validity_days):",
     "if consent_expired(c.consent_on, now, validity_days + 1):", EXPIRY_TESTS),
    ("the card's consent expiry by calendar day", "services/compliance/consents.py",
     'or consent_expired(phone_on, at, int(get_setting(session, "rules.phone_consent_days")))',
     "or phone_on.date() + timedelta(days=365) < at.date()", EXPIRY_TESTS),
    ("a consent expires one minute late", "services/compliance/consents.py",
     "return at >= consent_expires_at(given_at, validity_days)",
     "return at > consent_expires_at(given_at, validity_days)", EXPIRY_TESTS),
    ("an objection « partners » creates no notice", "services/compliance/oppositions.py",
     "    notices = create_notices(", '    notices = [] if scope == "partners" else create_notices(', SCOPE_TESTS),
    *[
        (f"« all » does not cover {channel}", "services/compliance/choices.py",
         f'"{channel}": ("{channel}", "all"),', f'"{channel}": ("{channel}",),', SCOPE_TESTS)
        for channel in ("post", "phone", "partners")
    ],
    ("38 characters become 40", "services/postal/address_block.py", "MAX_CHARS = 38", "MAX_CHARS = 40", ADDRESS_TESTS),
    ("line 1 escapes the length check", "services/postal/address_block.py",
     "for i, line in enumerate(lines, start=1):", "for i, line in enumerate(lines[1:], start=2):", ADDRESS_TESTS),
    ("the abbreviation starts one character late", "services/postal/address_block.py",
     "    if len(line) <= MAX_CHARS:\n        return line\n    # The street type",
     "    if len(line) <= MAX_CHARS + 1:\n        return line\n    # The street type", ADDRESS_TESTS),
    ("7 lines in France", "services/postal/address_block.py", "MAX_LINES = 6", "MAX_LINES = 7", ADDRESS_TESTS),
    ("erasure keeps no identifier", "services/compliance/erasure.py",
     "        add_to_suppression_list(session, keys, scope, since)", "        pass", ERASURE_TESTS),
    ("erasure forgets the refusals ticked on forms", "services/compliance/erasure.py",
     "objections = [(o.scope, o.received_on) for o in active] + form_refusals(session, contact_id)",
     "objections = [(o.scope, o.received_on) for o in active]", ERASURE_TESTS),
    *[
        (f"a cell starting with {shown} runs as a formula", "services/core/spreadsheet.py", old, new, SHEET_TESTS)
        for shown, old, new in [
            ("=", 'DANGEROUS_FIRST = ("=", ', "DANGEROUS_FIRST = ("), ("+", '"+", "-"', '"-"'),
            ("-", '"-", "@"', '"@"'), ("@", '"@", "\\t"', '"\\t"'), ("a tab", '"\\t", "\\r"', '"\\r"'),
            ("a carriage return", '"\\t", "\\r")', '"\\t",)'),
        ]
    ],
    ("a broker's consent counts", "services/phone/eligibility.py",
     'FOREIGN_CONSENT_CHANNELS = ("partner", "broker")', 'FOREIGN_CONSENT_CHANNELS = ("partner",)', PHONE_TESTS),
    ("a broker's consent goes to partners", "services/partners/phone_consents.py",
     'FOREIGN_CHANNELS = ("partner", "broker")', 'FOREIGN_CHANNELS = ("partner",)', PHONE_TESTS),
]  # fmt: skip


def mutmut_ready() -> bool:
    try:
        found = version("mutmut")
    except PackageNotFoundError:
        found = ""
    if found != MUTMUT_VERSION:
        print(f"mutmut {MUTMUT_VERSION} is needed (found: {found or 'none'}): "
              f"{sys.executable} -m pip install mutmut=={MUTMUT_VERSION}")  # fmt: skip
        return False
    return True


def mutmut(*args: str, log_name: str = "mutmut.log") -> int:
    """mutmut with one worker (the machine is shared); its progress goes to bench/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / log_name, "w", encoding="utf-8") as log:
        return subprocess.run([str(Path(sys.executable).with_name("mutmut")), *args], cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT).returncode  # fmt: skip


def run_mutmut(resume: bool, survivors: bool = False) -> float:
    """Generate the mutants, then run those of the rule functions; --resume: only those not yet decided;
    --survivors: those not decided or not killed (after adding tests: a killed mutant stays killed)."""
    if not resume and not survivors:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    start = time.monotonic()
    decided = results()
    if survivors and decided:
        wanted = sorted(n for n, s in decided.items() if in_scope(n) and s != "killed")
    elif resume and decided:
        wanted = sorted(n for n, s in decided.items() if in_scope(n) and s == "not checked")
        # mutmut makes the mutants of a changed module anew only when it runs: with nothing left undecided,
        # one mutant already decided is run again, so that a rule changed since is not silently skipped.
        wanted = wanted or sorted(n for n in decided if in_scope(n))[:1]
    else:
        wanted = rule_function_globs()
    code = mutmut("run", "--max-children", "1", *wanted) if wanted else 0
    if code == 0 and (resume or survivors):
        # A rule module changed since the last run: mutmut generated its mutants anew during the run above,
        # after `wanted` was read — the ones it did not know then are run now.
        fresh = sorted(n for n, s in results().items() if in_scope(n) and s == "not checked")
        code = mutmut("run", "--max-children", "1", *fresh) if fresh else 0
    seconds = time.monotonic() - start
    if code != 0:
        print(f"mutmut stopped (exit {code}): see {OUT / 'mutmut.log'}")
    (OUT / "mutmut-duration.txt").write_text(f"{seconds:.0f}\n")
    return seconds


def rule_function_globs() -> list[str]:
    """The names mutmut gives the mutants of each function of the rule modules, NOT_RULES left out."""
    import ast
    import tomllib

    files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"][
        "only_mutate"
    ]
    globs = []
    for file in files:
        module = file.removesuffix(".py").replace("/", ".")
        for node in ast.parse((ROOT / file).read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                globs.append(f"{module}.x_{node.name}__mutmut_*")
            elif isinstance(node, ast.ClassDef):
                globs += [f"{module}.xǁ{node.name}ǁ{f.name}__mutmut_*" for f in node.body
                          if isinstance(f, ast.FunctionDef)]  # fmt: skip
    return [g for g in globs if g.removesuffix("__mutmut_*") not in LEFT_OUT]


def results() -> dict[str, str]:
    """Every mutant of the last run and its status, from mutmut's files in mutants/."""
    out = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            out[name] = STATUS.get(code, "suspicious")
    return out


def explained() -> set[str]:
    """The survivors bench/mutation-survivors.md lists (each with its reason)."""
    text = EXPLAINED.read_text(encoding="utf-8") if EXPLAINED.exists() else ""
    return set(re.findall(r"`(services\.[\w.ǁ]+__mutmut_\d+)`", text))


def survivor_diffs(names: list[str]) -> str:
    """The diff of each survivor (mutmut show), to review them."""
    if not names:
        return ""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return "\n".join(get_diff_for_mutant(n) for n in names)
    finally:
        os.chdir(cwd)


def report(seconds: float | None) -> bool:
    status = {n: s for n, s in results().items() if in_scope(n)}
    if not status:
        print("No mutation results: run python bench/mutation.py first.")
        return False
    counts = Counter(status.values())
    by_module: dict[str, Counter[str]] = {}
    for name, s in status.items():
        by_module.setdefault(name.split(".x")[0], Counter())[s] += 1
    total = len(status)
    killed = counts["killed"] + counts["type check"]
    survivors = sorted(n for n, s in status.items() if s != "killed")
    unexplained = [n for n in survivors if n not in explained()]
    rate = killed / total
    if seconds is None and (OUT / "mutmut-duration.txt").exists():
        seconds = float((OUT / "mutmut-duration.txt").read_text())
    lines = [
        f"mutmut {MUTMUT_VERSION}, one worker: {total} mutants, {killed} killed ({rate:.1%}), "
        f"{counts['survived']} survived, {counts['no tests']} without a test, {counts['timeout']} timeout, "
        f"{counts['not checked']} not checked" + (f"; {seconds / 60:.0f} min" if seconds else ""),
        f"not listed in {EXPLAINED.relative_to(ROOT)}: {len(unexplained)}",
        "",
        "| module | mutants | killed | survived | no tests | timeout |",
        "|---|---|---|---|---|---|",
        *[f"| {m} | {sum(c.values())} | {c['killed']} | {c['survived']} | {c['no tests']} | {c['timeout']} |"
          for m, c in sorted(by_module.items())],
    ]  # fmt: skip
    text = "\n".join(lines)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "mutation-report.md").write_text(text + "\n\nNot explained:\n" + "\n".join(unexplained) + "\n")
    (OUT / "mutation-survivors.txt").write_text(survivor_diffs(survivors))
    return rate >= GOAL and not unexplained


def copy_of_the_project(where: Path) -> None:
    """services/ and tests/ beside pyproject.toml: run from there, they are imported instead of the
    originals (models/, cli/, resources/ still come from the installed checkout)."""
    for folder in ("services", "tests"):
        shutil.copytree(ROOT / folder, where / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", where / "pyproject.toml")


def run_probes() -> bool:
    print(f"\n{len(PROBES)} probes of the tables and named bugs mutmut does not mutate:")
    survived = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="webleads-probes-") as tmp:
        where = Path(tmp)
        copy_of_the_project(where)
        for what, path, old, new, tests in PROBES:
            target = where / path
            original = target.read_text(encoding="utf-8")
            if original.count(old) != 1:
                print(f"  ?? {what}: the text to break is no longer in {path} once")
                survived.append(what)
                continue
            target.write_text(original.replace(old, new), encoding="utf-8")
            try:
                code = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                    cwd=where, capture_output=True, text=True, timeout=600,
                ).returncode  # fmt: skip
            finally:
                target.write_text(original, encoding="utf-8")
            caught = code == 1
            print(
                f"  {'caught  ' if caught else 'SURVIVED'} {what}"
                + ("" if code in (0, 1) else f" (exit {code})")
            )
            if not caught:
                survived.append(what)
    print(f"{len(PROBES) - len(survived)} of {len(PROBES)} caught in {time.monotonic() - start:.0f} s")
    return not survived


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resume", action="store_true", help="keep mutants/ and its verdicts")
    parser.add_argument("--survivors", action="store_true", help="keep mutants/, re-test what was not killed")
    parser.add_argument("--report", action="store_true", help="only summarise the last run")
    parser.add_argument("--probes", action="store_true", help="only run the probes")
    parser.add_argument("--no-probes", action="store_true", help="only mutmut")
    args = parser.parse_args()
    ok = True
    if not args.probes:
        seconds = None
        if not args.report:
            if not mutmut_ready():
                return 2
            seconds = run_mutmut(args.resume, args.survivors)
        ok = report(seconds)
    if not args.report and not args.no_probes:
        ok = run_probes() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
