"""An objection typed on the wrong person is corrected on the day, with a reason (docs/rules.md §5.10): moved
to the person who objected (effective at once) or cancelled; kept in the journal and the register, its
unsent notices withdrawn, a correction owed to a partner already told, its suppression entries taken back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models.compliance import Opposition, SuppressionEntry
from models.contact import Contact
from models.database import Database
from models.partners import PropagationNotice
from services.compliance.audit import verify
from services.compliance.choices import opposed
from services.compliance.opposition_correction import correct_opposition, why_not_correctable
from services.compliance.oppositions import contact_suppression_keys, record_opposition
from services.compliance.registers import write_oppositions_register
from services.compliance.suppression import suppressed_keys
from services.contacts.history import contact_history
from services.core.errors import InputError
from services.partners.notices import list_notices, notice_status, status_condition
from tests.cli_helpers import cli
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact

RECEIVED = date(2026, 11, 23)
RECORDED = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)  # 10:15 in Paris
SAME_DAY = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
NEXT_DAY = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 December in Paris


def objected(s, contact_id: int, channel: str) -> bool:
    return bool(s.scalar(select(func.count()).where(opposed(channel), Contact.id == contact_id)))


def mistyped(s, wrong: Contact, scope: str = "all") -> Opposition:
    out = record_opposition(s, wrong.id, scope, "slip", RECEIVED, recorded_by="Anne")
    out.opposition.created_at = RECORDED
    s.flush()
    return out.opposition


def test_moved_to_the_person_who_objected(db: Database, tmp_path: Path) -> None:
    """Slip of B scanned as A: B is opposed at once, A is free again; A's unsent notice is withdrawn, B's
    partners get theirs; A's hashes leave the suppression list; the register and A's history keep it."""
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        alpha, beta = make_partner(s, "Alpha"), make_partner(s, "Beta")
        transmit(s, alpha, [a.id])
        transmit(s, beta, [b.id])
        wrong = mistyped(s, a)
        a_keys, b_keys = contact_suppression_keys(a), contact_suppression_keys(b)
        assert objected(s, a.id, "post") and suppressed_keys(s, a_keys)

        out = correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=b.id, by="Anne",
                                 at=SAME_DAY)  # fmt: skip

        assert out.kind == "moved" and out.moved_to is not None and out.moved_to.contact_id == b.id
        assert (out.moved_to.scope, out.moved_to.received_on) == ("all", RECEIVED)
        for channel in ("post", "phone", "partners"):
            assert not objected(s, a.id, channel), channel
            assert objected(s, b.id, channel), channel
        assert suppressed_keys(s, a_keys) == set()
        assert suppressed_keys(s, b_keys) == set(b_keys)
        a_notice = s.scalars(select(PropagationNotice).where(PropagationNotice.partner_id == alpha.id)).one()
        assert notice_status(a_notice, SAME_DAY.date()) == "withdrawn" and out.withdrawn == [a_notice]
        to_send = s.scalars(
            select(PropagationNotice).where(status_condition("to_send", SAME_DAY.date()))
        ).all()
        assert [(n.partner_id, n.contact_id, n.event) for n in to_send] == [(beta.id, b.id, "opposition")]
        assert [v.status for v in list_notices(s, partner_id=alpha.id)] == ["withdrawn"]
        assert (wrong.voided_by, wrong.void_reason, wrong.moved_to_id) == ("Anne", "référence mal scannée",
                                                                           out.moved_to.id)  # fmt: skip
        assert "Reportée de l'opposition n° " in out.moved_to.note

        texts = [e.text for e in contact_history(s, a)]
        assert any(
            "Opposition corrigée" in t and "erreur de saisie" in t and "mal scannée" in t for t in texts
        )
        path = tmp_path / "oppositions.xlsx"
        write_oppositions_register(s, path)
        sheet = load_workbook(path).worksheets[0]
        header = [c.value for c in sheet[1]]
        rows = {
            r[0]: dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
        }
        assert rows[wrong.id]["Statut"] == "corrigée (erreur de saisie)"
        assert rows[wrong.id]["Motif de la correction"] == "référence mal scannée"
        assert rows[wrong.id]["Reportée sur"] == f"{b.ref} (opposition n° {out.moved_to.id})"
        assert rows[out.moved_to.id]["Statut"] == "en vigueur"
    with db.session() as s:  # the journal holds every change the correction made, as it made it
        report = verify(s)
        assert report.ok, report.to_dict()
        assert report.events > 10


def test_cancelled_when_nobody_objected_and_a_partner_already_told_is_owed_a_correction(db: Database) -> None:
    with db.session() as s:
        a = make_contact(s)
        alpha = make_partner(s, "Alpha")
        transmit(s, alpha, [a.id])
        wrong = mistyped(s, a, "phone")
        sent = s.scalars(select(PropagationNotice)).one()
        sent.sent_on, sent.method = RECORDED.date(), "e-mail"
        out = correct_opposition(s, wrong.id, "clic sur la mauvaise ligne", at=SAME_DAY)
        assert out.kind == "cancelled" and out.moved_to is None and out.withdrawn == []
        assert not objected(s, a.id, "phone")
        (correction,) = out.corrections
        assert (correction.partner_id, correction.event, correction.contact_id) == (
            alpha.id,
            "correction",
            a.id,
        )
        assert correction.identifiers == sent.identifiers and f"n° {sent.id}" in correction.detail
        assert notice_status(correction, SAME_DAY.date()) == "pending"
        assert notice_status(sent, SAME_DAY.date()) == "sent"
        assert wrong.void_kind == "cancelled" and wrong.moved_to_id is None


def test_only_on_the_day_it_was_recorded(db: Database) -> None:
    """After the day, the objection stays in force: a real objection cannot be quietly dropped."""
    with db.session() as s:
        a = make_contact(s)
        wrong = mistyped(s, a)
        assert "jour même" in why_not_correctable(s, wrong, NEXT_DAY)
        with pytest.raises(InputError, match="jour même"):
            correct_opposition(s, wrong.id, "référence mal scannée", at=NEXT_DAY)
        assert wrong.voided_at is None and objected(s, a.id, "post")
        assert why_not_correctable(s, wrong, SAME_DAY) == ""


@pytest.mark.parametrize("reason", ["", "   ", "err"])
def test_a_reason_is_required(db: Database, reason: str) -> None:
    with db.session() as s:
        wrong = mistyped(s, make_contact(s))
        with pytest.raises(InputError, match="motif"):
            correct_opposition(s, wrong.id, reason, at=SAME_DAY)
        assert wrong.voided_at is None


def test_refused_twice_onto_the_same_person_or_after_a_consent(db: Database) -> None:
    with db.session() as s:
        a = make_contact(s)
        wrong = mistyped(s, a)
        with pytest.raises(InputError, match="autre personne"):
            correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=a.id, at=SAME_DAY)
        correct_opposition(s, wrong.id, "référence mal scannée", at=SAME_DAY)
        with pytest.raises(InputError, match="déjà été corrigée"):
            correct_opposition(s, wrong.id, "référence mal scannée", at=SAME_DAY)
        # Lifted by the person's later consent: only the person changes it now.
        lifted = Opposition(id=999, contact_id=a.id, lifted_by_consent_id=7, created_at=RECORDED)
        assert "levée par un consentement" in why_not_correctable(s, lifted, SAME_DAY)


def test_moved_onto_someone_already_opposed_records_nothing_new(db: Database) -> None:
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        theirs = record_opposition(s, b.id, "all", "letter", date(2026, 11, 2)).opposition
        wrong = mistyped(s, a, "post")
        out = correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=b.id, at=SAME_DAY)
        assert out.moved_to is theirs and out.moved_to_existing
        assert (
            s.scalar(select(func.count()).select_from(Opposition).where(Opposition.contact_id == b.id)) == 1
        )


def test_hashes_stay_while_another_objection_of_the_person_is_in_force(db: Database) -> None:
    """A's slip typed twice: the first recording added A's hashes, the second (the same scope) none. Voiding
    the first leaves A opposed by the second, which now holds those hashes; nobody else's are touched."""
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        record_opposition(s, b.id, "post", "letter", date(2026, 11, 2))  # someone else's, same scope
        wrong = mistyped(s, a, "post")
        a_keys = contact_suppression_keys(a)
        kept = record_opposition(s, a.id, "post", "letter", RECEIVED).opposition
        before = s.scalar(select(func.count()).select_from(SuppressionEntry))
        out = correct_opposition(s, wrong.id, "saisie en double par erreur", at=SAME_DAY)
        assert out.suppression_removed == 0 and objected(s, a.id, "post")
        assert suppressed_keys(s, a_keys) == set(a_keys)
        assert s.scalar(select(func.count()).select_from(SuppressionEntry)) == before
        holders = select(SuppressionEntry.opposition_id).where(
            SuppressionEntry.opposition_id.in_((wrong.id, kept.id))
        )
        assert set(s.scalars(holders)) == {kept.id}


def test_only_this_objections_hashes_go(db: Database) -> None:
    """Cancelled while another person holds an objection of the same scope: A's hashes go, B's stay."""
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        record_opposition(s, b.id, "post", "letter", date(2026, 11, 2))
        wrong = mistyped(s, a, "post")
        out = correct_opposition(s, wrong.id, "référence mal scannée", at=SAME_DAY)
        assert out.suppression_removed == len(contact_suppression_keys(a))
        assert suppressed_keys(s, contact_suppression_keys(a)) == set()
        assert suppressed_keys(s, contact_suppression_keys(b)) == set(contact_suppression_keys(b))


def test_the_command_line_moves_and_refuses_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite")
    for first, last, mobile in (("Claire", "Martin", "06 12 34 56 78"), ("Paul", "Durand", "06 22 22 22 22")):
        r = cli(capsys, "--db", db, "contacts", "add", "--first-name", first, "--last-name", last,
                "--street", "1 rue de la Paix", "--postcode", "69002", "--city", "Lyon", "--mobile", mobile,
                "--source-kind", "direct", "--source-name", "Comptoir")  # fmt: skip
        assert r.code == 0, r.err
    r = cli(
        capsys,
        "--db",
        db,
        "oppose",
        "--contact",
        "C-000001",
        "--scope",
        "phone",
        "--channel",
        "slip",
        "--json",
    )
    opposition = r.json["opposition"]
    r = cli(capsys, "--db", db, "correct-opposition", str(opposition), "--reason", "x", "--json")
    assert r.code == 2 and "motif" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli(capsys, "--db", db, "correct-opposition", str(opposition), "--reason", "référence mal scannée",
            "--move-to", "C-000002", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert (r.json["status"], r.json["contact"], r.json["moved_to"]["contact"]) == (
        "moved",
        "C-000001",
        "C-000002",
    )
    assert r.json["moved_to"]["opposition"] != opposition and r.json["withdrawn"] == []
    r = cli(
        capsys, "--db", db, "correct-opposition", str(opposition), "--reason", "encore une fois", "--json"
    )
    assert r.code == 2 and "déjà été corrigée" in r.err
    for ref, reason in (("C-000002", "opposition au démarchage téléphonique"), ("C-000001", "consentement")):
        r = cli(capsys, "--db", db, "call", "check", "--contact", ref, "--json")
        assert r.json["allowed"] is False and reason in r.json["reason"], r.json


def test_each_state_in_words() -> None:
    """What the register, the dossier and the screen write for an objection (docs/rules.md §5.1, §5.10)."""
    from services.compliance.oppositions import opposition_state

    assert opposition_state(Opposition(scope="all")) == "en vigueur"
    assert (
        opposition_state(Opposition(scope="phone", lifted_by_consent_id=12))
        == "levée par le consentement n° 12"
    )
    moved = Opposition(scope="all", voided_at=SAME_DAY, void_kind="moved", lifted_by_consent_id=None)
    assert opposition_state(moved) == "corrigée (erreur de saisie)"
    for kind in ("cancelled", ""):  # voided however its kind was written
        assert opposition_state(Opposition(scope="all", voided_at=SAME_DAY, void_kind=kind)) == (
            "annulée (erreur de saisie)"
        )


def test_moving_keeps_who_sent_it_and_who_typed_it_and_refuses_a_person_gone(db: Database) -> None:
    """The objection a partner passed on (docs/rules.md §5.8) moves with its partner, recorded by the person
    correcting; an unknown or erased person is refused with a sentence naming them; a person already opposed
    on the same scope keeps their own objection."""
    from services.compliance.erasure import erase_contact
    from services.core.errors import NotFoundError

    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        gone = make_contact(
            s, first_name="Zoé", last_name="Parti", email="zoe@example.fr", mobile="0633333333"
        )
        erase_contact(s, gone.id, date(2026, 11, 2))
        sender = make_partner(s, "Alpha")
        out = record_opposition(
            s, a.id, "phone", "partner", RECEIVED, recorded_by="import", from_partner_id=sender.id
        )
        out.opposition.created_at = RECORDED
        wrong = out.opposition
        with pytest.raises(NotFoundError) as unknown:
            correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=99999, at=SAME_DAY)
        assert str(unknown.value) == "Aucun contact avec la référence C-099999."
        with pytest.raises(InputError) as erased:
            correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=gone.id, at=SAME_DAY)
        assert str(erased.value) == f"{gone.ref} a été effacé : l'opposition reste sur la liste d'opposition."
        with pytest.raises(InputError) as same:
            correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=a.id, at=SAME_DAY)
        assert str(same.value) == "Choisissez une autre personne que celle de l'opposition à corriger."
        moved = correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=b.id, by="Marie",
                                   at=SAME_DAY).moved_to  # fmt: skip
        assert moved is not None
        assert (moved.from_partner_id, moved.recorded_by, moved.channel) == (sender.id, "Marie", "partner")

        theirs = record_opposition(s, b.id, "post", "letter", date(2026, 11, 2)).opposition
        again = mistyped(s, a, "post")
        out2 = correct_opposition(s, again.id, "référence mal scannée", move_to_contact_id=b.id, at=SAME_DAY)
        assert out2.moved_to is theirs and out2.moved_to_existing


def test_the_day_is_the_business_s_and_every_refusal_is_a_whole_sentence(db: Database) -> None:
    """Recorded at 00:10 in Paris on 1 December (30 November in UTC): correctable all that day, its notices
    withdrawn on the 1st; a reason of five letters is enough, four are not; refusals read whole."""
    from services.compliance.erasure import erase_contact
    from services.core.errors import NotFoundError

    recorded = datetime(2026, 11, 30, 23, 10, tzinfo=UTC)
    with db.session() as s:
        a = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [a.id])
        out = record_opposition(s, a.id, "all", "slip", RECEIVED)
        out.opposition.created_at = recorded
        wrong = out.opposition
        with pytest.raises(NotFoundError) as unknown:
            correct_opposition(s, 99999, "référence mal scannée", at=recorded)
        assert str(unknown.value) == "Aucune opposition n° 99999."
        with pytest.raises(InputError) as short:
            correct_opposition(s, wrong.id, " err ", at=recorded)
        assert (
            str(short.value) == "Indiquez le motif de la correction (par exemple « référence mal scannée »)."
        )
        with pytest.raises(InputError):
            correct_opposition(s, wrong.id, "moti", at=recorded)  # four letters: one short
        assert why_not_correctable(s, wrong, datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == (
            f"L'opposition n° {wrong.id} a été saisie le 01/12/2026 : une erreur de saisie se corrige le jour "
            "même ; ensuite l'opposition reste en vigueur."
        )
        assert why_not_correctable(s, wrong, datetime(2026, 12, 1, 10, 0, tzinfo=UTC)) == ""
        done = correct_opposition(
            s, wrong.id, "motif", by="x" * 100, at=datetime(2026, 11, 30, 23, 40, tzinfo=UTC)
        )
        assert [n.withdrawn_on for n in done.withdrawn] == [date(2026, 12, 1)]
        assert wrong.voided_by == "x" * 80

        other = make_contact(s, first_name="Paul", email="paul@example.fr", mobile="0622222222")
        gone = mistyped(s, other)
        erase_contact(s, other.id, date(2026, 11, 30))
        assert why_not_correctable(s, gone, SAME_DAY) == (
            f"{other.ref} a été effacé depuis : l'opposition ne se corrige plus."
        )


def test_the_moved_objection_says_where_it_came_from_and_why(db: Database) -> None:
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        wrong = mistyped(s, a)
        out = correct_opposition(s, wrong.id, "référence mal scannée", move_to_contact_id=b.id, at=SAME_DAY)
        assert out.moved_to is not None and out.moved_to.note == (
            f"Reportée de l'opposition n° {wrong.id}, saisie par erreur sur {a.ref} (référence mal scannée)."
        )
        assert wrong.voided_by == ""  # nobody named: nobody written


def test_an_objection_of_another_scope_does_not_keep_the_wrong_one_s_hashes(db: Database) -> None:
    """A objected to calls long ago; a postal objection typed on A by mistake is cancelled: its « post »
    entries leave the suppression list, A's « phone » entries stay as they were."""
    with db.session() as s:
        a = make_contact(s)
        phone = record_opposition(s, a.id, "phone", "letter", date(2026, 11, 2)).opposition
        keys = contact_suppression_keys(a)
        wrong = mistyped(s, a, "post")
        out = correct_opposition(s, wrong.id, "référence mal scannée", at=SAME_DAY)
        assert out.suppression_removed == len(keys)
        left = s.execute(select(SuppressionEntry.scope, SuppressionEntry.opposition_id)).all()
        assert sorted(left) == [("phone", phone.id)] * len(keys)
        assert not objected(s, a.id, "post") and objected(s, a.id, "phone")


def test_an_earlier_voided_objection_does_not_keep_the_hashes(db: Database) -> None:
    """The same slip typed on A twice in the day, each time cancelled: the second cancellation takes its
    hashes back too — a voided objection holds nothing on the suppression list."""
    with db.session() as s:
        a = make_contact(s)
        keys = contact_suppression_keys(a)
        first = mistyped(s, a, "post")
        assert correct_opposition(
            s, first.id, "référence mal scannée", at=SAME_DAY
        ).suppression_removed == len(keys)
        second = mistyped(s, a, "post")
        out = correct_opposition(s, second.id, "référence mal scannée", at=SAME_DAY)
        assert out.suppression_removed == len(keys)
        assert suppressed_keys(s, keys) == set()


def test_each_partner_is_answered_in_its_own_way(db: Database) -> None:
    """Alpha's notice was not sent yet: withdrawn. Beta was already told: Beta is owed a correction of the
    same scope, quoting what it received, in words a partner understands."""
    with db.session() as s:
        a = make_contact(s)
        alpha, beta = make_partner(s, "Alpha"), make_partner(s, "Beta")
        transmit(s, alpha, [a.id])
        transmit(s, beta, [a.id])
        wrong = mistyped(s, a, "post")
        unsent, sent = s.scalars(select(PropagationNotice).order_by(PropagationNotice.partner_id)).all()
        assert (unsent.partner_id, sent.partner_id) == (alpha.id, beta.id)
        sent.sent_on, sent.method = date(2026, 11, 30), "e-mail"
        out = correct_opposition(s, wrong.id, "référence mal scannée", at=SAME_DAY)
        assert out.withdrawn == [unsent] and unsent.withdrawn_on == date(2026, 11, 30)
        (correction,) = out.corrections
        assert (correction.partner_id, correction.event, correction.scope) == (beta.id, "correction", "post")
        assert correction.detail == (
            f"Notre notification n° {sent.id} du 30/11/2026 (opposition) était une erreur de saisie : "
            "cette personne ne s'est pas opposée. Merci de ne pas en tenir compte."
        )
        [view] = [v for v in list_notices(s, today=date(2026, 11, 30)) if v.event == "correction"]
        assert (view.partner, view.scope) == ("Beta", "post")
