"""Every choice a person makes takes effect on every path, driven through the command line as a script
would: refusals on a form outlive an erasure (docs/rules.md §4.5), requests act (§5.1, §5.4-§5.7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.core.moments import business_date
from tests.cli_helpers import CliRun, cli

PERSON = "Nom;Prénom;Code postal;Ville;Portable;E-mail\nMARTIN;Claire;69002;Lyon;06 12 34 56 78;claire@example.fr\n"


@pytest.fixture
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Claire MARTIN (C-000001), and the counter's form with every box."""
    db = str(tmp_path / "acts.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--civility", "Mme", "--first-name", "Claire",
            "--last-name", "Martin", "--street", "12 rue de la République", "--postcode", "69002", "--city", "Lyon",
            "--mobile", "06 12 34 56 78", "--email", "claire@example.fr", "--source-kind", "direct",
            "--source-name", "Comptoir")  # fmt: skip
    assert r.code == 0, r.err
    r = cli(capsys, "--db", db, "forms", "add", "--name", "Comptoir", "--channel", "counter",
            "--purpose", "Prospection", "--partner-categories", "Assureurs")  # fmt: skip
    assert r.code == 0, r.err
    return db


def reimport(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> CliRun:
    sheet = tmp_path / "fichier.csv"
    sheet.write_text(PERSON, encoding="utf-8")
    r = cli(capsys, "--db", db, "import", str(sheet), "--source-kind", "broker", "--source-name", "Courtier",
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    return r


@pytest.mark.parametrize("box", ["--refuse-post", "--refuse-phone", "--refuse-partners"])
def test_a_refusal_ticked_on_the_form_outlives_the_erasure(
    base: str, box: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Je m'oppose… » ticked at the counter, then erased: a re-import is refused as after `oppose`."""
    assert (
        cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1", box).code == 0
    )
    assert cli(capsys, "--db", base, "erase", "--contact", "C-000001").code == 0
    r = reimport(base, tmp_path, capsys)
    assert (r.json["created"], r.json["refused"]) == (0, 1), r.json
    assert "liste d'opposition" in r.json["rows"][0]["reasons"][0]


def test_an_erasure_without_any_objection_lets_the_person_come_back(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Erased without objecting (boxes left blank): nothing to honour, the person may be imported again."""
    assert cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1").code == 0
    assert cli(capsys, "--db", base, "erase", "--contact", "C-000001").code == 0
    assert reimport(base, tmp_path, capsys).json["created"] == 1


@pytest.fixture
def shared(base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Claire informed by the form that names « Assureurs », and sent to Assur+ (with her e-mail)."""
    assert cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1").code == 0
    assert cli(capsys, "--db", base, "partners", "add", "--name", "Assur+", "--category", "Assureurs",
               "--email", "dpo@assur.example", "--fields", "ref;last_name;first_name;postcode;city;email").code == 0  # fmt: skip
    r = cli(
        capsys, "--db", base, "share", "--partner", "Assur+", "--out", str(tmp_path / "assur.xlsx"), "--json"
    )
    assert r.code == 0 and r.json["shared"] == 1, r.err
    return base


def test_an_objection_request_takes_effect_at_receipt(
    shared: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Art. 21(3): the request records the objection now (same path as `oppose`), the partner is owed its
    notice, and the answer can only be « granted »."""
    r = cli(capsys, "--db", shared, "requests", "add", "--kind", "objection", "--contact", "C-000001",
            "--scope", "all", "--channel", "email", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["acted"]["opposition"] is not None and len(r.json["acted"]["notices"]) == 1
    notices = cli(capsys, "--db", shared, "propagation", "list", "--json").json
    assert [(n["partner"], n["event"], n["scope"]) for n in notices] == [("Assur+", "opposition", "all")]
    history = cli(capsys, "--db", shared, "contacts", "show", "C-000001", "--json").json["history"]
    assert any("Opposition : toute prospection" in e["text"] for e in history)
    rid = str(r.json["id"])
    for outcome in ("refused", "partial"):
        no = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", outcome, "--text", "non")
        assert no.code == 2 and "ne se refuse pas" in no.err
    assert cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "granted").code == 0


def test_an_objection_from_someone_not_in_the_base_keeps_them_out(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A letter from someone we do not know: the identifiers they give go on the suppression list."""
    r = cli(capsys, "--db", base, "requests", "add", "--kind", "objection", "--name", "Paul DURAND",
            "--email", "paul.durand@example.fr", "--json")  # fmt: skip
    assert r.code == 0 and r.json["acted"]["suppressed"] >= 1, r.err
    sheet = tmp_path / "achat.csv"
    sheet.write_text("Nom;Prénom;Code postal;Ville;E-mail\nDURAND;Paul;13001;Marseille;Paul.Durand@Example.fr\n",
                     encoding="utf-8")  # fmt: skip
    imported = cli(capsys, "--db", base, "import", str(sheet), "--source-kind", "broker", "--source-name", "X",
                   "--json")  # fmt: skip
    assert (imported.json["created"], imported.json["refused"]) == (0, 1)
    nothing = cli(capsys, "--db", base, "requests", "add", "--kind", "objection", "--name", "Inconnu")
    assert nothing.code == 2 and "liste d'opposition" in nothing.err


def test_an_erasure_request_granted_erases_and_tells_the_partner(
    shared: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answering « granted » anonymises the person and creates the art. 19 notice."""
    rid = str(cli(capsys, "--db", shared, "requests", "add", "--kind", "erasure", "--contact", "C-000001",
                  "--json").json["id"])  # fmt: skip
    r = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "granted", "--json")
    assert r.code == 0 and r.json["acted"]["erased"] is True and len(r.json["acted"]["notices"]) == 1
    shown = cli(capsys, "--db", shared, "contacts", "show", "C-000001", "--json").json
    assert (shown["last_name"], shown["email"], shown["mobile"]) == ("", "", "")
    assert [n["event"] for n in cli(capsys, "--db", shared, "propagation", "list", "--json").json] == [
        "erasure"
    ]


def test_a_partial_erasure_removes_the_fields_named(shared: str, capsys: pytest.CaptureFixture[str]) -> None:
    """« partial » with --fields email: the e-mail goes, the partner who received it is told, the rest stays."""
    rid = str(cli(capsys, "--db", shared, "requests", "add", "--kind", "erasure", "--contact", "C-000001",
                  "--json").json["id"])  # fmt: skip
    no_fields = cli(
        capsys,
        "--db",
        shared,
        "requests",
        "answer",
        rid,
        "--outcome",
        "partial",
        "--text",
        "Le reste est dû.",
    )
    assert no_fields.code == 2 and "nomme les champs" in no_fields.err
    r = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "partial", "--fields", "email",
            "--text", "Nous gardons votre adresse postale (contrat en cours).", "--json")  # fmt: skip
    assert r.code == 0 and r.json["acted"]["erased_fields"] == ["email"]
    shown = cli(capsys, "--db", shared, "contacts", "show", "C-000001", "--json").json
    assert shown["email"] == "" and shown["last_name"] == "MARTIN"
    assert [n["event"] for n in cli(capsys, "--db", shared, "propagation", "list", "--json").json] == [
        "rectification"
    ]


def test_a_rectification_answered_with_its_correction_notifies(
    shared: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rid = str(cli(capsys, "--db", shared, "requests", "add", "--kind", "rectification", "--contact", "C-000001",
                  "--json").json["id"])  # fmt: skip
    r = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "granted", "--set",
            "email=claire.martin@nouveau.example", "--json")  # fmt: skip
    assert r.code == 0 and r.json["acted"]["corrected"] == ["email"] and len(r.json["acted"]["notices"]) == 1
    assert (
        cli(capsys, "--db", shared, "contacts", "show", "C-000001", "--json").json["email"]
        == "claire.martin@nouveau.example"
    )


def test_a_refusal_states_the_right_to_complain(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rid = str(cli(capsys, "--db", base, "requests", "add", "--kind", "erasure", "--contact", "C-000001",
                  "--json").json["id"])  # fmt: skip
    assert cli(capsys, "--db", base, "requests", "answer", rid, "--outcome", "refused",
               "--text", "Obligation légale de conservation des factures.").code == 0  # fmt: skip
    import openpyxl

    out = tmp_path / "demandes.xlsx"
    assert cli(capsys, "--db", base, "export", "register", "requests", str(out)).code == 0
    answer = openpyxl.load_workbook(out).active["N2"].value
    assert answer.startswith("Obligation légale") and "réclamation auprès de la CNIL" in answer


def test_access_and_portability_write_the_dossier(
    shared: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Art. 15: a PDF the person reads; art. 20: JSON another service loads — with the consents and the
    transmission to the partner in it."""
    import json

    from pypdf import PdfReader

    for kind, suffix in (("access", ".pdf"), ("portability", ".json")):
        rid = str(cli(capsys, "--db", shared, "requests", "add", "--kind", kind, "--contact", "C-000001",
                      "--json").json["id"])  # fmt: skip
        missing = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "granted")
        assert missing.code == 2 and "dossier" in missing.err
        r = cli(capsys, "--db", shared, "requests", "answer", rid, "--outcome", "granted", "--out", str(tmp_path),
                "--json")  # fmt: skip
        path = Path(r.json["acted"]["dossier"])
        assert r.code == 0 and path.suffix == suffix and path.exists()
    data = json.loads(next(tmp_path.glob("dossier-C-000001-*.json")).read_text(encoding="utf-8"))
    assert data["reference"] == "C-000001" and data["transmissions"][0]["partner"] == "Assur+"
    assert data["consents"][0]["form"] == "Comptoir v1"
    text = "".join(p.extract_text() for p in PdfReader(next(tmp_path.glob("dossier-C-000001-*.pdf"))).pages)
    assert "Les données personnelles que nous détenons sur vous" in text and "Assur+" in text
    assert "MARTIN" in text and "réclamation auprès de la CNIL" in text


@pytest.mark.parametrize("suffix", [".pdf", ".json", ".xlsx"])
def test_contacts_dossier_in_each_format(
    shared: str, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"claire{suffix}"
    r = cli(capsys, "--db", shared, "contacts", "dossier", "C-000001", str(out), "--json")
    assert r.code == 0 and out.exists() and r.json["sections"]["transmissions"] == 1
    bad = cli(capsys, "--db", shared, "contacts", "dossier", "C-000001", str(tmp_path / "claire.docx"))
    assert bad.code == 2 and ".pdf, .json ou .xlsx" in bad.err


def _person(
    db: str, capsys: pytest.CaptureFixture[str], last: str, mobile: str, kind: str = "consumer"
) -> str:
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", last, "--postcode", "69002", "--city", "Lyon",
            "--street", "1 rue Neuve", "--mobile", mobile, "--person-kind", kind, "--source-kind", "direct",
            "--source-name", "Comptoir", "--json")  # fmt: skip
    assert r.code == 0, r.err
    return r.json["ref"]


@pytest.fixture
def callers(base: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Informed of transmission to « Assureurs » (the form names them); one consents to their calls,
    one does not, one said « ne plus m'appeler », one is a professional; Assur+ will phone (mobile agreed)."""
    people = {
        "yes": _person(base, capsys, "Accord", "06 11 11 11 11"),
        "no": _person(base, capsys, "Rien", "06 22 22 22 22"),
        "stop": _person(base, capsys, "Stop", "06 33 33 33 33"),
        "pro": _person(base, capsys, "Garage", "06 44 44 44 44", "professional"),
    }
    for who, ref in people.items():
        extra = ["--accept-partner", "Assureurs"] if who == "yes" else []
        assert (
            cli(capsys, "--db", base, "consent", "record", "--contact", ref, "--form", "1", *extra).code == 0
        )
    assert (
        cli(
            capsys,
            "--db",
            base,
            "oppose",
            "--contact",
            people["stop"],
            "--scope",
            "phone",
            "--channel",
            "phone",
        ).code
        == 0
    )
    assert cli(capsys, "--db", base, "partners", "add", "--name", "Assur+", "--category", "Assureurs",
               "--email", "dpo@assur.example", "--fields", "ref;last_name;mobile").code == 0  # fmt: skip
    return people


def _sheet(path: Path) -> dict[str, list]:
    import openpyxl

    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    return {"header": list(rows[0]), **{r[0]: list(r) for r in rows[1:]}}


def test_a_partner_who_calls_gets_a_number_only_with_consent_for_its_category(
    base: str, callers: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """L223-1 (since 11 Aug 2026): the consumer who ticked « Assureurs » goes with her number and its
    proof; the one who did not, and the one who said « ne plus m'appeler », go without; the
    professional's number goes (opt-out)."""
    out = tmp_path / "assur.xlsx"
    r = cli(
        capsys, "--db", base, "share", "--partner", "Assur+", "--search", "69002", "--out", str(out), "--json"
    )
    assert r.code == 0 and r.json["shared"] == 4, r.err
    assert r.json["without_phone"] == {"no_partner_call_consent": 1, "opposed_phone": 1}
    sheet = _sheet(out)
    assert sheet["header"][:3] == ["Référence", "Nom", "Portable"]
    assert "Accord valable jusqu'au" in sheet["header"]
    assert sheet[callers["yes"]][2] == "+33611111111" and sheet[callers["yes"]][5] == "Comptoir v1"
    assert sheet[callers["yes"]][6] is not None  # the expiry of the consent
    assert sheet[callers["no"]][2] is None and sheet[callers["stop"]][2] is None
    assert sheet[callers["pro"]][2] == "+33644444444"


def test_a_partner_that_gets_only_numbers_gets_no_row_without_consent(
    base: str, callers: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--db", base, "partners", "add", "--name", "Tel+", "--category", "Assureurs",
               "--email", "x@tel.example", "--fields", "ref;mobile").code == 0  # fmt: skip
    r = cli(capsys, "--db", base, "share", "--partner", "Tel+", "--search", "69002", "--out",
            str(tmp_path / "tel.xlsx"), "--json")  # fmt: skip
    assert r.json["shared"] == 2 and r.json["excluded"]["no_partner_call_consent"] == 1
    assert r.json["excluded"]["opposed_phone"] == 1


def test_a_withdrawn_partner_consent_is_notified_to_the_partner(
    base: str, callers: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """She later leaves the box unticked: Assur+, which has her number, is owed « ne plus appeler »."""
    assert cli(capsys, "--db", base, "share", "--partner", "Assur+", "--search", "69002", "--out",
               str(tmp_path / "a.xlsx")).code == 0  # fmt: skip
    assert cli(capsys, "--db", base, "propagation", "list", "--json").json == []
    assert (
        cli(capsys, "--db", base, "consent", "record", "--contact", callers["yes"], "--form", "1").code == 0
    )
    owed = cli(capsys, "--db", base, "propagation", "list", "--json").json
    assert [(n["contact"], n["partner"], n["event"]) for n in owed] == [
        (callers["yes"], "Assur+", "consent_end")
    ]
    assert (
        cli(capsys, "--db", base, "propagation", "list", "--json").json == owed
    )  # once, not at every listing


def test_an_expired_partner_consent_sends_no_number(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given on 2025-10-01, the consent ended on 2026-10-01 (365 days, docs/rules.md §1.4)."""
    ref = _person(base, capsys, "Ancien", "06 55 55 55 55")
    assert cli(capsys, "--db", base, "consent", "record", "--contact", ref, "--form", "1", "--accept-partner",
               "Assureurs", "--on", "2025-10-01").code == 0  # fmt: skip
    assert cli(capsys, "--db", base, "partners", "add", "--name", "Assur+", "--category", "Assureurs",
               "--email", "dpo@assur.example", "--fields", "ref;last_name;mobile").code == 0  # fmt: skip
    r = cli(capsys, "--db", base, "share", "--partner", "Assur+", "--search", "ancien", "--out",
            str(tmp_path / "a.xlsx"), "--json")  # fmt: skip
    assert r.json["without_phone"] == {"consent_expired": 1}


def _broker_contact(db: str, capsys: pytest.CaptureFixture[str], last: str, obtained: str) -> str:
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", last, "--street", "3 rue des Lilas",
            "--postcode", "69003", "--city", "Lyon", "--mobile", "06 12 00 00 99", "--person-kind", "professional",
            "--source-kind", "broker", "--source-name", "Fichier Pros 2026", "--obtained-on", obtained, "--json")  # fmt: skip
    assert r.code == 0, r.err
    return r.json["ref"]


def test_the_notice_owed_within_a_month_is_listed_and_settled_by_a_notice_only_campaign(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Art. 14(3): bought from a broker and not informed — due one month after obtaining (late past it);
    a « notice only » campaign writes to them alone, and then nobody is owed anything."""
    from datetime import timedelta

    _name_the_organisation(base)
    late = _broker_contact(base, capsys, "Ancien", (business_date() - timedelta(days=60)).isoformat())
    fresh = _broker_contact(base, capsys, "Nouveau", business_date().isoformat())
    owed = cli(capsys, "--db", base, "notices", "owed", "--json").json
    assert [(n["ref"], n["overdue"]) for n in owed] == [(late, True), (fresh, False)]
    assert "courtier" in owed[0]["reason"] and owed[0]["source"] == "Fichier Pros 2026"
    assert [n["ref"] for n in cli(capsys, "--db", base, "notices", "owed", "--overdue", "--json").json] == [
        late
    ]
    assert cli(capsys, "--db", base, "labels", "templates").code == 0
    r = cli(capsys, "--db", base, "campaign", "postal", "--name", "Information", "--template", "L7160",
            "--notice-only", "--out", str(tmp_path / "info"), "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert (r.json["recipients"], r.json["template_version"]) == (2, "Information sur vos données v1")
    assert cli(capsys, "--db", base, "notices", "owed", "--json").json == []


def _name_the_organisation(db: str) -> None:
    from models.database import open_database
    from services.core.settings import set_settings

    database = open_database(f"sqlite:///{db}")
    with database.session() as s:
        set_settings(s, {"org.name": "Cuisines Dupont", "org.address": "3 rue Neuve\n69001 Lyon"})
    database.dispose()


def test_a_form_with_its_information_settles_the_notice_owed(
    base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bought contact who then fills in the counter's form got the full information there: nothing owed."""

    ref = _broker_contact(base, capsys, "Formulaire", business_date().isoformat())
    assert [n["ref"] for n in cli(capsys, "--db", base, "notices", "owed", "--json").json] == [ref]
    assert cli(capsys, "--db", base, "consent", "record", "--contact", ref, "--form", "1").code == 0
    assert cli(capsys, "--db", base, "notices", "owed", "--json").json == []


def test_the_first_call_of_a_bought_contact_carries_the_notice_and_informs(
    base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """CNIL 2019 / art. 14(3)(b): the caller reads where the number came from; once reached, informed."""

    ref = _broker_contact(base, capsys, "Appele", business_date().isoformat())
    check = cli(
        capsys, "--db", base, "call", "check", "--contact", ref, "--at", "2026-12-01 10:30", "--json"
    ).json
    assert (
        "Fichier Pros 2026" in check["first_call_notice"] and "vous y opposer" in check["first_call_notice"]
    )
    logged = cli(capsys, "--db", base, "call", "log", "--contact", ref, "--outcome", "not-interested", "--at",
                 "2026-12-01 10:30")  # fmt: skip
    assert logged.code in (0, 2), logged.err
    if logged.code == 0:
        assert cli(capsys, "--db", base, "notices", "owed", "--json").json == []
        after = cli(
            capsys, "--db", base, "call", "check", "--contact", ref, "--at", "2026-12-01 10:35", "--json"
        )
        assert after.json["first_call_notice"] is None


def test_a_phone_campaign_declares_its_subject_category(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/rules.md §1.7: the category is required; « other » for words that suggest a forbidden subject
    needs --confirm-category; a forbidden category reaches nobody outside a running contract."""
    out = str(tmp_path / "appels.xlsx")
    missing = cli(capsys, "--db", base, "campaign", "phone", "--name", "A", "--out", out)
    assert missing.code == 2 and "--subject-category" in missing.err
    seniors = ["--subject", "Remplacement de baignoire par une douche pour seniors"]
    unasked = cli(capsys, "--db", base, "campaign", "phone", "--name", "B", *seniors, "--subject-category", "other",
                  "--out", out)  # fmt: skip
    assert unasked.code == 2 and "confirm" in unasked.err
    declared = cli(capsys, "--db", base, "campaign", "phone", "--name", "C", *seniors, "--subject-category",
                   "home-adaptation", "--at", "2026-12-01 10:30", "--out", out, "--json")  # fmt: skip
    assert (
        declared.code == 0 and declared.json["callable"] == 0 and "Objet interdit" in declared.json["warning"]
    )
    confirmed = cli(capsys, "--db", base, "campaign", "phone", "--name", "D", *seniors, "--subject-category",
                    "other", "--confirm-category", "--at", "2026-12-01 10:30", "--out", out, "--json")  # fmt: skip
    assert confirmed.code == 0 and confirmed.json["subject_category"] == "other"
