"""Smoke-run an installed webleads-tracker as a user would: the built programs, never the sources.

    python packaging/smoke_bundle.py --cli dist/webleads-tracker/webleads \\
        --window dist/webleads-tracker/webleads-tracker [--quick] [--pg URL]

Each command runs in a fresh data folder (WEBLEADS_HOME), from a folder outside the checkout, with no
PYTHONPATH, so a module missing from the bundle or the wheel fails here instead of at a customer's.
Needs pypdf (the [test] extra) in the Python that runs this script, to count the pages of the PDFs.
--quick (the .deb and the pip install): --version, init --demo 20, campaign postal, and the window.
--xcb: the window also starts on a real X server (xvfb-run), not only offscreen.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TIMEOUT = 300


class Smoke:
    def __init__(self, cli: Path, window: Path | None, work: Path, xcb: bool = False) -> None:
        self.cli = cli
        self.window = window
        self.xcb = xcb
        self.work = work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "WEBLEADS_"))}
        self.env.update(WEBLEADS_HOME=str(work / "home"), QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
        self.steps = 0

    def run(
        self, program: Path, *args: str, env: dict[str, str] | None = None, wrapper: tuple[str, ...] = ()
    ) -> str:
        started = time.monotonic()
        done = subprocess.run(
            [*wrapper, str(program), *args],
            cwd=self.work,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        shown = " ".join([*wrapper, program.name, *args]).replace(str(self.work) + "/", "")
        if done.returncode != 0:
            log = self.work / "home" / "webleads.log"
            tail = log.read_text(encoding="utf-8")[-3000:] if log.exists() else "(pas de journal)"
            raise SystemExit(
                f"ÉCHEC ({done.returncode}) : {shown}\n--- stdout\n{done.stdout[-3000:]}\n"
                f"--- stderr\n{done.stderr[-3000:]}\n--- webleads.log\n{tail}"
            )
        self.steps += 1
        print(f"  ok {time.monotonic() - started:5.1f} s  {shown}", flush=True)
        return done.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.run(self.cli, *args, "--json"))

    def pages(self, path: Path) -> int:
        assert path.is_file() and path.stat().st_size > 0, f"{path} manque"
        return len(PdfReader(path).pages)

    # --- the steps -------------------------------------------------------------------------------
    def version(self) -> None:
        out = self.run(self.cli, "--version").strip()
        assert out == f"webleads-tracker {VERSION}", out

    def init(self, contacts: int) -> None:
        result = self.json("init", "--demo", str(contacts))
        assert result["contacts"] == contacts and result["demo_added"] == contacts, result

    def campaign_postal(self) -> None:
        template = "L7160"
        per_page = next(t["per_page"] for t in self.json("labels", "templates") if t["code"] == template)
        out = self.work / "campagne"
        result = self.json("campaign", "postal", "--name", "Essai", "--template", template, "--out", str(out))
        recipients = result["recipients"]
        assert recipients > 0, result
        labels, letters = self.pages(out / "labels.pdf"), self.pages(out / "letters.pdf")
        assert labels == result["label_pages"] == math.ceil(recipients / per_page), (labels, result)
        assert letters == result["letter_pages"] >= recipients, (letters, result)
        assert (out / "excluded.xlsx").read_bytes()[:2] == b"PK"
        print(f"       {recipients} destinataires : {labels} pages d'étiquettes, {letters} pages de lettres")

    def window_starts(self) -> None:
        if self.window is None:
            return
        env = {**self.env, "WEBLEADS_SMOKE_TEST": "1"}
        out = self.run(self.window, env=env)
        lines = [line for line in out.splitlines() if line.strip()]
        assert lines == ["window shown", "file chooser in French", "home shown", "charts shown"], out
        if (
            self.xcb
        ):  # on a real X server (Xvfb), as a double-click would start it: the xcb plugin and its libraries
            env = {**env, "QT_QPA_PLATFORM": "xcb"}
            out = self.run(self.window, env=env, wrapper=("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"))
            lines = [line for line in out.splitlines() if line.strip()]
            assert lines == ["window shown", "file chooser in French", "home shown", "charts shown"], out

    def full(self, pg: str | None) -> None:
        self.version()
        self.init(200)
        contacts = self.json("contacts", "list")
        assert len(contacts) == 200 and {"ref", "postcode", "source_kind"} <= set(contacts[0]), contacts[:1]
        ref = contacts[0]["ref"]
        self.campaign_postal()
        form = self.json(
            "forms", "add", "--name", "Bulletin", "--channel", "paper", "--purpose", "Prospection postale"
        )
        printed = self.work / "formulaire.pdf"
        self.json("forms", "print", str(form["version"]), str(printed), "--contact", ref)
        assert self.pages(printed) >= 1
        # The home page's PDF: matplotlib (Agg) and its loaded modules in the bundle (issue 14).
        state = self.work / "etat.pdf"
        page = self.json("dashboard", "--pdf", str(state))
        assert self.pages(state) == 1 and page["figures"]["contacts"]["total"] == 200, page["todo"]
        exported = self.work / "contacts.xlsx"
        assert self.json("export", "contacts", str(exported))["contacts"] == 200
        assert exported.read_bytes()[:2] == b"PK"
        assert self.json("export", "contacts", str(self.work / "contacts.csv"))["contacts"] == 200
        # Reading a spreadsheet back (python-calamine, rapidfuzz): a dry run changes nothing.
        read = self.json(
            "import", str(exported), "--source-kind", "direct", "--source-name", "Essai", "--dry-run"
        )
        assert read["read"] == 200 and read["dry_run"], {k: read[k] for k in ("read", "dry_run")}
        register = self.json("export", "register", "consents", str(self.work / "consentements.xlsx"))
        assert Path(register["file"]).is_file(), register
        audit = self.json("export", "register", "audit", str(self.work / "journal.xlsx"))
        assert audit["rows"] >= 200, audit  # every demo contact's line, written in blocks
        record = self.work / "registre-traitements.pdf"
        self.json("export", "register", "processing", str(record))
        assert self.pages(record) >= 1
        calibration = self.work / "calibrage.pdf"
        self.json("labels", "calibration", "--template", "L7160", "--out", str(calibration))
        assert self.pages(calibration) == 1
        decision = self.json("call", "check", "--contact", ref, "--at", "2026-12-01 10:00")
        assert decision["contact"] == ref and isinstance(decision["allowed"], bool), decision
        # The journal's AES-GCM and the age format of encrypted backups (cryptography, cffi, pyrage).
        assert self.json("audit", "verify")["ok"], "audit verify"
        # A long journal's later half is walked by a second process: forced here on a short one, so that
        # the built program is seen starting it (multiprocessing's spawn, freeze_support in main.py).
        split = json.loads(self.run(self.cli, "audit", "verify", "--json",
                                    env={**self.env, "WEBLEADS_AUDIT_SPLIT_FROM": "2"}))  # fmt: skip
        assert split["ok"] and split["events"] == self.json("audit", "verify")["events"], split
        secret = self.work / "phrase.txt"
        secret.write_text("une phrase secrète de démonstration", encoding="utf-8")
        self.json("backup", "encrypt", "--passphrase-file", str(secret))
        backup = self.json("backup", "create")
        self.json("backup", "restore", backup["file"], "--passphrase-file", str(secret))
        if pg:  # psycopg is always in the bundle: a shared PostgreSQL base opens
            self.json("--db", pg, "init")
            self.json("--db", pg, "contacts", "list")
        self.window_starts()

    def quick(self) -> None:
        self.version()
        self.init(20)
        self.campaign_postal()
        self.window_starts()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", type=Path, required=True, help="the command-line program (webleads)")
    parser.add_argument("--window", type=Path, help="the window program (webleads-tracker)")
    parser.add_argument("--quick", action="store_true", help="--version, init, campaign postal, window")
    parser.add_argument("--pg", help="a PostgreSQL URL the bundle may initialise (full run only)")
    parser.add_argument("--xcb", action="store_true", help="also start the window under Xvfb (xvfb-run)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="webleads-smoke-") as folder:
        window = args.window.absolute() if args.window else None
        smoke = Smoke(args.cli.absolute(), window, Path(folder), xcb=args.xcb)
        print(f"smoke test of {args.cli} ({'quick' if args.quick else 'full'})", flush=True)
        smoke.quick() if args.quick else smoke.full(args.pg)
    print(f"smoke test passed: {smoke.steps} commands in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
