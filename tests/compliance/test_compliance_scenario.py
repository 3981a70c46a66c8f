"""The issue's story, end to end: once through the services, once through the command line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from models.database import Database
from services.compliance.consents import record_consent
from services.compliance.forms import create_form
from services.compliance.oppositions import record_opposition
from services.compliance.suppression import suppressed_keys, suppression_keys
from services.contacts.editing import create_contact
from services.contacts.selection import Selection
from services.contacts.validation import ContactInput
from services.core.settings import set_settings
from services.partners.directory import PartnerInput, add_partner
from services.partners.notices import list_notices
from services.partners.receiving import record_partner_objections
from services.partners.transmissions import plan_transmission, share
from tests.cli_helpers import cli

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)

SLIP_DAY = date(2026, 11, 23)  # a Monday: 2 working days later is Wednesday 25
ON = datetime(2026, 11, 2, 11, 0, tzinfo=PARIS)

PEOPLE = {
    # name: (source kind, source name, email, mobile)
    "ARNAUD": ("partner", "Salon de l'Habitat", "arnaud@example.fr", "0611000001"),
    "BERNARD": ("partner", "Salon de l'Habitat", "bernard@example.fr", "0611000002"),
    "CARON": ("direct", "Comptoir du magasin", "caron@example.fr", "0611000003"),
    "DUVAL": ("direct", "Comptoir du magasin", "duval@example.fr", "0611000004"),
    "ESNAULT": ("direct", "Comptoir du magasin", "esnault@example.fr", "0611000005"),
    "FABRE": ("direct", "Comptoir du magasin", "fabre@example.fr", "0611000006"),
}


def _person(name: str) -> ContactInput:
    kind, source, email, mobile = PEOPLE[name]
    return ContactInput(
        first_name="Jean", last_name=name, address_street="4 rue des Lilas", postcode="69003", city="Lyon",
        email=email, mobile=mobile, source_kind=kind, source_name=source, source_date=date(2026, 10, 1),
    )  # fmt: skip


def test_scenario_through_the_services(db: Database, tmp_path: Path) -> None:
    """Forms, refusals, two partners, exclusions, 2 then 1 notices, overdue, a partner's notice, no comeback."""
    with db.session() as s:
        set_settings(s, {"org.name": "Maison Lefèvre", "org.email": "contact@lefevre.example"})
        salon = create_form(s, "Stand du salon", "event", "Vous envoyer nos offres", "Cuisinistes")
        counter = create_form(s, "Comptoir", "counter", "Vous envoyer nos offres", "Cuisinistes;Assureurs")
        ids = {n: create_contact(s, _person(n))[0].id for n in PEOPLE}
        # Who filled what: BERNARD and DUVAL refused partners; ESNAULT filled nothing (never informed).
        record_consent(s, ids["ARNAUD"], salon.id, refuse_partners=False, recorded_on=ON, channel="event")
        record_consent(s, ids["BERNARD"], salon.id, refuse_partners=True, recorded_on=ON, channel="event")
        for name, refused in (("CARON", False), ("DUVAL", True), ("FABRE", False)):
            record_consent(
                s, ids[name], counter.id, refuse_partners=refused, recorded_on=ON, channel="counter"
            )
        kitchens, _ = add_partner(
            s, PartnerInput("Cuisines Martin", "Cuisinistes", email="rgpd@martin.example")
        )
        insurers, _ = add_partner(
            s, PartnerInput("Assur'Habitat", "Assureurs", address="1 quai du Rhône\n69002 Lyon")
        )

        to_kitchens = share(s, kitchens, Selection(), tmp_path / "martin.xlsx")
        assert to_kitchens.shared == 3  # ARNAUD, CARON, FABRE
        assert to_kitchens.excluded == {"refused_at_collection": 2, "not_informed": 1}
        to_insurers = share(s, insurers, Selection(), tmp_path / "assur.xlsx")
        assert to_insurers.shared == 2  # CARON, FABRE: ARNAUD's form named only the kitchens
        assert to_insurers.excluded == {"refused_at_collection": 2, "not_informed": 2}
        sheet = openpyxl.load_workbook(tmp_path / "assur.xlsx").active
        assert {r[3] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"CARON", "FABRE"}

        slip = record_opposition(s, ids["CARON"], "all", "slip", SLIP_DAY)
        assert sorted(n.partner_id for n in slip.notices) == sorted([kitchens.id, insurers.id])
        phone = record_opposition(s, ids["ARNAUD"], "all", "phone", SLIP_DAY)
        assert [n.partner_id for n in phone.notices] == [kitchens.id]

        assert {v.status for v in list_notices(s, today=date(2026, 11, 25))} == {"pending"}
        assert len(list_notices(s, "overdue", today=date(2026, 11, 26))) == 3

        told = record_partner_objections(s, insurers, [{"ref": f"C-{ids['FABRE']:06d}"}], SLIP_DAY)
        onward = [n for o in told.outcomes for n in o.notices]
        assert [(n.partner_id, n.contact_id) for n in onward] == [(kitchens.id, ids["FABRE"])]

        # A later import of CARON, typed differently, is recognised by the suppression list.
        again = suppression_keys(email="CARON@example.fr", phones=["+33611000003"], last_name="caron",
                                 first_name="jean", postcode="69003")  # fmt: skip
        assert len(suppressed_keys(s, again)) == 3
        assert plan_transmission(s, kitchens, Selection()).excluded["opposed"] == 3


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    base = str(tmp_path / "cli.sqlite")

    def call(*args: str):
        result = cli(capsys, "--db", base, *args)
        assert result.code == 0, result.err
        return result.json if "--json" in args else result

    call("init")
    return call


def test_scenario_through_the_command_line(run, tmp_path: Path) -> None:
    """The same story typed as commands, checked on their JSON output."""
    salon = run("forms", "add", "--name", "Stand du salon", "--channel", "event", "--purpose", "Offres",
                "--partner-categories", "Cuisinistes", "--json")  # fmt: skip
    counter = run("forms", "add", "--name", "Comptoir", "--channel", "counter", "--purpose", "Offres",
                  "--partner-categories", "Cuisinistes;Assureurs", "--json")  # fmt: skip
    assert set(salon) >= {"form", "version"}
    refs = {}
    for name, (kind, source, email, mobile) in PEOPLE.items():
        out = run("contacts", "add", "--last-name", name, "--first-name", "Jean", "--street", "4 rue des Lilas",
                  "--postcode", "69003", "--city", "Lyon", "--email", email, "--mobile", mobile,
                  "--source-kind", kind, "--source-name", source, "--json")  # fmt: skip
        refs[name] = out["ref"]
    run(
        "consent",
        "record",
        "--contact",
        refs["ARNAUD"],
        "--form",
        str(salon["version"]),
        "--on",
        "2026-11-02",
    )
    run(
        "consent",
        "record",
        "--contact",
        refs["BERNARD"],
        "--form",
        str(salon["version"]),
        "--refuse-partners",
    )
    for name in ("CARON", "DUVAL", "FABRE"):
        extra = ["--refuse-partners"] if name == "DUVAL" else []
        run(
            "consent",
            "record",
            "--contact",
            refs[name],
            "--form",
            str(counter["version"]),
            "--proof",
            "papier",
            *extra,
        )
    run(
        "partners",
        "add",
        "--name",
        "Cuisines Martin",
        "--category",
        "Cuisinistes",
        "--email",
        "rgpd@m.example",
    )
    run(
        "partners",
        "add",
        "--name",
        "Assur'Habitat",
        "--category",
        "Assureurs",
        "--address",
        "1 quai du Rhône",
    )

    out = run("share", "--partner", "Cuisines Martin", "--out", str(tmp_path / "m.xlsx"), "--json")
    assert (out["shared"], out["excluded"]) == (3, {"refused_at_collection": 2, "not_informed": 1})
    out = run("share", "--partner", "Assur'Habitat", "--out", str(tmp_path / "a.xlsx"), "--json")
    assert (out["shared"], out["excluded"]) == (2, {"refused_at_collection": 2, "not_informed": 2})

    slip = run(
        "oppose",
        "--contact",
        refs["CARON"],
        "--scope",
        "all",
        "--channel",
        "slip",
        "--on",
        "2026-11-23",
        "--json",
    )
    assert slip["contact"] == refs["CARON"]
    assert sorted(n["partner"] for n in slip["notices"]) == ["Assur'Habitat", "Cuisines Martin"]
    assert all(n["due"] == "2026-11-23" for n in slip["notices"])
    phone = run(
        "oppose",
        "--contact",
        refs["ARNAUD"],
        "--scope",
        "all",
        "--channel",
        "phone",
        "--on",
        "2026-11-23",
        "--json",
    )
    assert [n["partner"] for n in phone["notices"]] == ["Cuisines Martin"]

    overdue = run("propagation", "list", "--status", "overdue", "--json")  # today is past 25 Nov 2026
    assert len(overdue) == 3 and all(r["overdue"] for r in overdue)

    (tmp_path / "out").mkdir()
    sent = run(
        "propagation", "send", "--partner", "Cuisines Martin", "--out", str(tmp_path / "out"), "--json"
    )
    assert sent["sent"] == 2 and Path(sent["letter"]).exists() and Path(sent["list"]).exists()
    run("propagation", "ack", str(sent["notices"][0]))
    assert len(run("propagation", "list", "--status", "acknowledged", "--json")) == 1

    # Assur'Habitat tells us FABRE objected, with a list in our own shape.
    book = openpyxl.Workbook()
    book.active.append(["Nom", "Prénom", "Code postal"])
    book.active.append(["FABRE", "Jean", "69003"])
    book.save(tmp_path / "from-assur.xlsx")
    told = run(
        "propagation", "receive", "--partner", "Assur'Habitat", str(tmp_path / "from-assur.xlsx"), "--json"
    )
    assert told["matched"] == [refs["FABRE"]]
    assert [n["partner"] for n in told["notices"]] == ["Cuisines Martin"]

    run("export", "register", "propagation", str(tmp_path / "prop.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "prop.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4
