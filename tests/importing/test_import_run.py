"""Duplicates, oppositions, consents, one transaction, the record of each import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, text

from models.compliance import ConsentRecord, Form, FormVersion, InformedRecord, Opposition
from models.contact import Contact, ContactSource
from models.database import Database
from models.imports import ImportRecord
from services.compliance.suppression import add_to_suppression_list, suppression_keys
from services.contacts.search import search_ids
from services.contacts.search_pages import ListQuery, search_page
from services.core.errors import Cancelled, InputError
from services.importing.duplicates import DuplicateIndex, close_names
from services.importing.mapping import guess_mapping, header_score
from services.importing.outcome import ImportOptions
from services.importing.reading import read_table
from services.importing.report import write_report
from services.importing.running import run_import
from services.importing.suppression_check import row_keys
from tests.helpers import make_contact

HEADER = "Civilité;Nom;Prénom;Adresse;CP;Ville;Portable;E-mail"


def _csv(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "liste.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _run(db: Database, path: Path, dry_run: bool = False, progress=None, **kw: object):
    table = read_table(path, score=header_score)
    options = ImportOptions(**{"source_kind": "partner", "source_name": "Partenaire X", **kw})  # type: ignore[arg-type]
    with db.session() as s:
        return run_import(s, table, guess_mapping(table.headers), options, dry_run=dry_run, progress=progress)


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_close_names_tolerates_one_typo_but_not_feminine_forms() -> None:
    """Martin/Martn is a typo; Louis/Louise, Jean/Jeanne are different people; short names match exactly."""
    assert close_names("martin", "martn")
    assert not close_names("louis", "louise") and not close_names("jean", "jeanne")
    assert not close_names("luc", "luce")


def test_index_finds_same_person_at_same_postcode_with_a_typo(db: Database) -> None:
    """Names without accents or case, one typo tolerated, only within the same postcode."""
    with db.session() as s:
        c = make_contact(s, first_name="Hélène", last_name="Lefèvre", email="", mobile="", postcode="69002")
        index = DuplicateIndex()
        index.load_base(s)
    same = {"last_name": "LEFEVRE", "first_name": "Helene", "postcode": "69002"}
    assert index.find(same).key == c.id
    assert index.find({**same, "last_name": "LEFEVRRE"}).key == c.id
    assert index.find({**same, "postcode": "69003"}) is None
    assert index.find({**same, "civility": "M."}) is None  # Mme Hélène vs M.: not the same person
    assert index.find({"email": "X@y.fr"}) is None


def test_merge_fills_empty_fields_only_and_adds_a_source(db: Database, tmp_path: Path) -> None:
    """A duplicate completes the contact's empty fields; the recorded source and filled fields stay."""
    with db.session() as s:
        c = make_contact(s, mobile="", address_street="12 rue de la République")
        cid = c.id
    path = _csv(tmp_path, "M.;Martin;Claire;99 rue Autre;69002;Lyon;06 99 99 99 99;claire.martin@example.fr")
    result = _run(db, path)
    assert result.summary()["merged"] == 1 and result.summary()["created"] == 0
    with db.session() as s:
        c = s.get(Contact, cid)
        assert c.mobile == "+33699999999"  # was empty: filled
        assert c.address_street == "12 rue de la République" and c.civility == "Mme"  # kept
        assert (c.source_kind, c.source_name) == ("direct", "Comptoir du magasin")  # the first source stays
        assert c.version == 2 and "0699999999" in c.search_text
        sources = s.scalars(select(ContactSource.name).where(ContactSource.contact_id == cid)).all()
        assert sources == ["Comptoir du magasin", "Partenaire X"]


def test_completed_contacts_are_found_by_what_the_file_added(db: Database, tmp_path: Path) -> None:
    """The search box's index follows the contacts an import completes (replaced together at the end on
    SQLite, models.search_index.BulkIndexing.replacing), and the contacts it creates."""
    with db.session() as s:
        cid = make_contact(s, mobile="").id
    path = _csv(tmp_path, "M.;Martin;Claire;99 rue Autre;69002;Lyon;06 99 99 99 99;claire.martin@example.fr",
                "M.;Quenneville;Yvon;1 rue Haute;69002;Lyon;06 11 11 11 11;")  # fmt: skip
    assert _run(db, path).summary()["merged"] == 1
    with db.session() as s:
        assert search_page(s, ListQuery("0699999999")).ids == [cid]
        assert len(search_page(s, ListQuery("quenneville")).ids) == 1
        for query in ("martin", "claire", "06 99", "lyon", "ma"):
            assert sorted(search_page(s, ListQuery(query)).ids) == sorted(search_ids(s, query)), query
        if db.engine.dialect.name == "sqlite":
            s.execute(text("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')"))


@pytest.mark.parametrize(
    ("action", "contacts", "counted"), [("skip", 1, "skipped"), ("create", 2, "created")]
)
def test_skip_or_create_duplicates(
    db: Database, tmp_path: Path, action: str, contacts: int, counted: str
) -> None:
    """skip leaves the contact alone; create makes a second one (with a note on the row)."""
    with db.session() as s:
        make_contact(s)
    path = _csv(tmp_path, "Mme;Martin;Claire;;;;;claire.martin@example.fr")
    result = _run(db, path, on_duplicate=action)
    assert result.summary()[counted] == 1 and _count(db, Contact) == contacts
    assert "Doublon" in result.rows[0].note


def test_duplicates_within_the_file_are_merged(db: Database, tmp_path: Path) -> None:
    """Two rows of the same person in one file make one contact, completed by the second row."""
    path = _csv(
        tmp_path,
        "Mme;Durand;Sophie;5 avenue Foch;69002;Lyon;;sophie@example.fr",
        "Mme;DURAND;sophie;;;;06 11 22 33 44;SOPHIE@example.fr",
    )
    result = _run(db, path)
    assert result.summary()["created"] == 1 and result.summary()["merged"] == 1
    with db.session() as s:
        c = s.scalars(select(Contact)).one()
        assert (c.mobile, c.city) == ("+33611223344", "Lyon")


def test_person_on_suppression_list_is_refused_even_after_erasure(db: Database, tmp_path: Path) -> None:
    """docs/rules.md §5.2: someone who objected (contact since erased) is refused with that reason."""
    with db.session() as s:
        add_to_suppression_list(
            s, suppression_keys(email="claire.martin@example.fr"), "all", date(2026, 1, 5)
        )
    path = _csv(
        tmp_path, "Mme;Martin;Claire;;;;;claire.martin@example.fr", "M.;Petit;Paul;;;;;paul@example.fr"
    )
    result = _run(db, path)
    assert [r.action for r in result.rows] == ["refuse", "create"]
    assert "liste d'opposition" in result.rows[0].reasons[0]


def test_import_keys_equal_suppression_service_keys() -> None:
    """The importer's fast keys are exactly services.compliance.suppression's (e-mail, phones, name + postcode)."""
    values = {"email": "Jean.Dupont@example.fr", "phone": "+33474000000", "mobile": "+33612345678",
              "last_name": "DUPONT", "first_name": "Jean-Pierre", "postcode": "01000"}  # fmt: skip
    expected = suppression_keys(email="Jean.Dupont@Example.FR", phones=["04 74 00 00 00", "06 12 34 56 78"],
                                last_name="Dupont", first_name="jean-pierre", postcode="01000")  # fmt: skip
    assert row_keys(values) == expected


def test_existing_opposition_never_lifted_or_removed(db: Database, tmp_path: Path) -> None:
    """A merged row with « accord téléphone » leaves the contact's phone objection in force."""
    with db.session() as s:
        c = make_contact(s)
        s.add(Opposition(contact_id=c.id, scope="phone", received_on=date(2026, 1, 2), channel="letter"))
        form = Form(name="Bulletin", channel="paper")
        boxes = [{"key": k, "label": k} for k in ("refuse_post", "accept_phone")]
        version = FormVersion(form=form, number=1, boxes=json.dumps(boxes))
        s.add_all([form, version])
        s.flush()
        cid, vid = c.id, version.id
    path = _csv(tmp_path, "Mme;Martin;Claire;;;;;claire.martin@example.fr;non;oui",
                header=HEADER + ";Refus courrier;Accord téléphone")  # fmt: skip
    result = _run(db, path, form_version_id=vid, obtained_on=date(2026, 3, 1))
    with db.session() as s:
        opposition = s.scalars(select(Opposition).where(Opposition.contact_id == cid)).one()
        assert opposition.lifted_by_consent_id is None
        record = s.scalars(select(ConsentRecord)).one()
        assert (record.refuse_post, record.accept_phone, record.form_version_id) == (False, None, vid)
    assert any("ne lève jamais" in r for r in result.rows[0].reasons)


def test_consents_recorded_for_new_contacts_with_their_proof(db: Database, tmp_path: Path) -> None:
    """Form answers become consent records (services.compliance.consents) pointing to the form version, the file as proof."""
    with db.session() as s:
        form = Form(name="Bulletin", channel="counter")
        boxes = [
            {"key": k, "label": k} for k in ("refuse_post", "refuse_phone", "accept_phone", "refuse_partners")
        ]
        version = FormVersion(form=form, number=2, boxes=json.dumps(boxes), info_text="Mentions RGPD…")
        s.add_all([form, version])
        s.flush()
        vid = version.id
    path = _csv(tmp_path, "M.;Petit;Paul;1 rue A;75001;Paris;;;x;;oui;",
                header=HEADER + ";Refus courrier;Refus téléphone;Accord téléphone;Refus partenaires")  # fmt: skip
    _run(db, path, form_version_id=vid)
    with db.session() as s:
        r = s.scalars(select(ConsentRecord)).one()
        assert (r.refuse_post, r.refuse_phone, r.accept_phone, r.refuse_partners) == (
            True,
            False,
            True,
            False,
        )
        assert r.channel == "counter" and "liste.csv" in r.proof and "ligne 2" in r.proof
        informed = s.scalars(select(InformedRecord)).one()  # the form carried the information text
        assert (informed.contact_id, informed.form_version_id) == (r.contact_id, vid)


def test_form_version_without_the_files_boxes_is_refused(db: Database, tmp_path: Path) -> None:
    """A « refus partenaires » column with a form version that has no such box: clear error, nothing written."""
    with db.session() as s:
        form = Form(name="Bulletin", channel="paper")
        version = FormVersion(form=form, number=1, boxes=json.dumps([{"key": "refuse_post", "label": "x"}]))
        s.add_all([form, version])
        s.flush()
        vid = version.id
    path = _csv(tmp_path, "M.;Petit;Paul;1 rue A;75001;Paris;;;oui", header=HEADER + ";Refus partenaires")
    with pytest.raises(InputError, match="Refus partenaires"):
        _run(db, path, form_version_id=vid)
    assert _count(db, Contact) == 0


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    """The dry run gives the same counts as the import would, and leaves the base untouched."""
    path = _csv(tmp_path, "M.;Petit;Paul;1 rue A;75001;Paris;;", ";;;;;;;x@y.fr")
    result = _run(db, path, dry_run=True)
    assert result.summary() == {"read": 2, "created": 1, "merged": 0, "unchanged": 0, "skipped": 0,
                                "refused": 1, "warnings": 0}  # fmt: skip
    assert _count(db, Contact) == 0 and _count(db, ImportRecord) == 0


def test_cancel_rolls_everything_back(db: Database, tmp_path: Path) -> None:
    """Cancel during the write: no contact, no source, no import record."""
    path = _csv(tmp_path, *[f"M.;Nom{i};Paul;{i} rue A;75001;Paris;;" for i in range(30)])
    calls = []

    def progress(done: int, total: int, text: str) -> bool:
        calls.append(text)
        return not text.startswith("Enregistrement")

    with pytest.raises(Cancelled):
        _run(db, path, progress=progress)
    assert _count(db, Contact) == 0 and _count(db, ContactSource) == 0 and _count(db, ImportRecord) == 0


def test_import_is_recorded_and_searchable(db: Database, tmp_path: Path) -> None:
    """The import record has the file, its SHA-256, the source and the counts; new contacts are searchable."""
    path = _csv(tmp_path, "Mme;Lefèvre;Hélène;3 place de l'Église;02000;Laon;06 12 12 12 12;")
    result = _run(db, path, obtained_on=date(2026, 2, 1))
    with db.session() as s:
        rec = s.scalars(select(ImportRecord)).one()
        assert (rec.file_name, rec.source_kind, rec.source_name, rec.source_date) == (
            "liste.csv", "partner", "Partenaire X", date(2026, 2, 1))  # fmt: skip
        assert rec.sha256 == result.sha256 and len(rec.sha256) == 64 and rec.created_count == 1
        assert len(search_ids(s, "lefevre laon")) == 1 and len(search_ids(s, "06 12 12 12 12")) == 1
        c = s.scalars(select(Contact)).one()
        assert (c.source_kind, c.source_date) == ("partner", date(2026, 2, 1))


def test_source_is_mandatory() -> None:
    """docs/rules.md §3.2: no import without the kind and the name of the source."""
    with pytest.raises(InputError, match="Origine"):
        ImportOptions("", "x").checked()
    with pytest.raises(InputError, match="Nom de la source"):
        ImportOptions("broker", "  ").checked()
    with pytest.raises(InputError, match="futur"):
        ImportOptions("broker", "X", obtained_on=date(2099, 1, 1)).checked()


def test_report_lists_refused_and_warned_rows_with_original_cells(db: Database, tmp_path: Path) -> None:
    """The report .xlsx has each refused or warned row, its original cells, and the reasons."""
    path = _csv(
        tmp_path,
        ";;;;;;;x@y.fr",
        "M.;Petit;Paul;1 rue A;75001;Paris;06 12;",
        "M.;Roux;Léo;1 rue B;75001;Paris;;",
    )
    result = _run(db, path)
    out = tmp_path / "rapport.xlsx"
    assert write_report(out, result) == 2
    ws = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][:5] == ["Ligne", "Résultat", "Motifs", "Doublon", "Référence"] and rows[0][5] == "Civilité"
    assert rows[1][0] == 2 and rows[1][1] == "Refusé" and rows[1][-1] == "x@y.fr"
    assert rows[2][0] == 3 and "06 12" in rows[2][2] and rows[2][6] == "Petit"


def test_spouses_sharing_a_landline_are_never_merged(db: Database, tmp_path: Path) -> None:
    """Data loss fix: a husband who shares his wife's landline is a new contact, her record untouched."""
    with db.session() as s:
        wife = make_contact(s, civility="Mme", first_name="Claire", mobile="", phone="04 78 12 34 56")
        wife_id = wife.id
    path = _csv(
        tmp_path,
        "M.;Martin;Paul;12 rue de la République;69002;Lyon;04 78 12 34 56;paul.martin@example.fr",
        "Mme;Martin;Claire;;;;04 78 12 34 56;",
        "M.;Martin;Paul;;;;04 78 12 34 56;",
    )
    result = _run(db, path)
    s_ = result.summary()
    assert (s_["created"], s_["unchanged"], s_["merged"]) == (1, 2, 0), result.to_dict()
    with db.session() as s:
        wife = s.get(Contact, wife_id)
        assert wife.email == "claire.martin@example.fr" and wife.first_name == "Claire"
        husband = s.scalars(select(Contact).where(Contact.first_name == "Paul")).one()
        assert husband.phone == "+33478123456" and husband.email == "paul.martin@example.fr"
    index = DuplicateIndex()
    index.add(1, {"phone": "+33478123456", "first_name": "Claire", "civility": "Mme"})
    assert index.find({"phone": "+33478123456", "first_name": "Paul"}) is None
    assert index.find({"phone": "+33478123456", "civility": "M."}) is None
    assert index.find({"phone": "+33478123456"}).key == 1  # nothing tells them apart
    assert index.find({"phone": "+33478123456", "first_name": "Clair", "civility": "Mme"}) is None  # short
    assert index.find({"phone": "+33478123456", "first_name": "Claire"}).key == 1
