"""What a notice to a partner says (docs/rules.md §5.3, §1.6): a rectification names each changed field the
partner holds, old → new, and quotes the values it holds; only the partners that hold a changed field are
told; a number goes to a calling partner only on the basis the rules give."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion, Opposition
from models.database import Database
from services.partners.notices import create_notices, identifier_snapshot, rectification_notices
from services.partners.phone_consents import box_versions, partner_call_status
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact
from tests.phone_helpers import consumer, paris, professional

ON = date(2026, 11, 23)  # a Monday: overdue after Wednesday 25


def test_a_rectification_names_the_changed_fields_and_quotes_what_the_partner_holds(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        addresses = make_partner(s, "Alpha", shared_fields='["ref", "last_name", "address_street", "city"]')
        emails = make_partner(s, "Beta", shared_fields='["ref", "email"]')
        names = make_partner(s, "Gamma", shared_fields='["ref", "last_name"]')
        for p in (addresses, emails, names):
            transmit(s, p, [c.id])
        before = {"address_street": "12 rue de la République", "city": "Lyon", "email": "claire.martin@example.fr",
                  "last_name": "MARTIN", "ref": c.ref}  # fmt: skip
        c.address_street, c.city = "1 place Bellecour", "Villeurbanne"
        c.email = "claire@nouveau.example"
        notices = rectification_notices(s, c, before, ON)
        assert [(n.partner_id, n.event, n.scope, n.method, n.due_on, n.overdue_on) for n in notices] == [
            (addresses.id, "rectification", "", "", ON, date(2026, 11, 25)),
            (emails.id, "rectification", "", "", ON, date(2026, 11, 25)),
        ]
        assert (
            notices[0].detail
            == "Numéro et voie : 12 rue de la République → 1 place Bellecour; Ville : Lyon → Villeurbanne"
        )
        assert json.loads(notices[0].identifiers) == {"ref": c.ref, "last_name": "MARTIN",
                                                      "address_street": "12 rue de la République", "city": "Lyon"}  # fmt: skip
        assert notices[1].detail == "E-mail : claire.martin@example.fr → claire@nouveau.example"
        assert json.loads(notices[1].identifiers) == {"ref": c.ref, "email": "claire.martin@example.fr"}
        assert rectification_notices(s, c, {**before, "address_street": "1 place Bellecour", "city": "Villeurbanne",
                                             "email": "claire@nouveau.example"}) == []  # fmt: skip


def test_a_field_emptied_counts_as_changed(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha", shared_fields='["ref", "email"]')
        transmit(s, p, [c.id])
        c.email = ""
        [n] = rectification_notices(s, c, {"email": "claire.martin@example.fr", "ref": c.ref}, ON)
        assert n.detail == "E-mail : claire.martin@example.fr → "


def test_an_objection_notice_quotes_what_each_partner_received(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha", shared_fields='["ref", "last_name", "email"]')
        transmit(s, p, [c.id])
        [n] = create_notices(s, c, "opposition", ON, scope="post", detail="par lettre")
        assert json.loads(n.identifiers) == {
            "ref": c.ref,
            "last_name": "MARTIN",
            "email": "claire.martin@example.fr",
        }
        assert (n.scope, n.detail, n.method, n.opposition_id, n.due_on) == (
            "post",
            "par lettre",
            "",
            None,
            ON,
        )
        [quoted] = create_notices(s, c, "erasure", ON, identifiers={"email": "ancienne@example.fr"})
        assert json.loads(quoted.identifiers)["email"] == "ancienne@example.fr"


def partner_box_form(session: Session, category: str, number: int = 1) -> FormVersion:
    form = Form(name=f"Formulaire {category}", channel="paper")
    session.add(form)
    session.flush()
    version = FormVersion(form_id=form.id, number=number,
                          boxes=json.dumps([{"key": f"accept_phone_partner:{category}", "label": "x"}]))  # fmt: skip
    session.add(version)
    session.flush()
    return version


def test_only_the_versions_that_carried_the_categorys_box_count(db: Database) -> None:
    with db.session() as s:
        insurers = partner_box_form(s, "Assureurs", 3)
        partner_box_form(s, "Cuisinistes")
        empty = FormVersion(form_id=insurers.form_id, number=4, boxes="")
        s.add(empty)
        s.flush()
        assert box_versions(s, "Assureurs") == {insurers.id: "Formulaire Assureurs v3"}


def test_a_number_goes_on_the_basis_the_rules_give(db: Database) -> None:
    """Opposed to the phone (not lifted): never; a lifted or a postal objection does not stop it; a
    professional goes unless they refused calls; a consumer only with the category's box ticked."""
    now = paris(2026, 11, 2, 10, 30)
    with db.session() as s:
        version = partner_box_form(s, "Assureurs")
        pro, pro_refused, pro_post = (
            professional(s),
            professional(s, last_name="Refus"),
            professional(s, last_name="Post"),
        )
        lifted, ticked = consumer(s, last_name="Leve"), consumer(s, last_name="Coche")
        s.add(Opposition(contact_id=pro_post.id, scope="post", received_on=ON, channel="letter"))
        record = ConsentRecord(contact_id=ticked.id, form_version_id=version.id, accepted_partner_categories='["Assureurs"]',
                               recorded_on=paris(2026, 10, 1), channel="paper", recorded_by="Julie")  # fmt: skip
        s.add_all([record, ConsentRecord(contact_id=pro_refused.id, refuse_phone=True, recorded_on=paris(2026, 10, 1),
                                         channel="paper")])  # fmt: skip
        s.flush()
        s.add(Opposition(contact_id=lifted.id, scope="phone", received_on=ON, channel="phone",
                         lifted_by_consent_id=record.id))  # fmt: skip
        s.add(ConsentRecord(contact_id=lifted.id, form_version_id=version.id, accepted_partner_categories='["Assureurs"]',
                            recorded_on=paris(2026, 10, 2), channel="paper", recorded_by="Julie"))  # fmt: skip
        s.flush()
        status = partner_call_status(
            s, [pro.id, pro_refused.id, pro_post.id, lifted.id, ticked.id], "Assureurs", now
        )
        assert {cid: (share.ok, share.reason, share.basis) for cid, share in status.items()} == {
            pro.id: (True, "", "professional"),
            pro_refused.id: (False, "refused_phone", ""),
            pro_post.id: (True, "", "professional"),
            lifted.id: (True, "", "consent"),
            ticked.id: (True, "", "consent"),
        }
        s.add(Opposition(contact_id=ticked.id, scope="all", received_on=ON, channel="letter"))
        s.flush()
        assert partner_call_status(s, [ticked.id], "Assureurs", now)[ticked.id].ok is False
        assert partner_call_status(s, [], "Assureurs", now) == {}


def test_an_erasure_notice_carries_no_scope_and_no_detail(db: Database) -> None:
    """An erasure is not an objection: the partner's list shows no scope and no remark, and the notice waits
    to be sent with no method yet."""
    from services.compliance.erasure import erase_contact
    from services.partners.notices import list_notices

    with db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        [n] = erase_contact(s, c.id, ON)
        assert (n.event, n.scope, n.detail) == ("erasure", "", "")
        [view] = list_notices(s, today=ON)
        assert (view.scope, view.method, view.to_dict()["method"]) == ("", "", "")


def test_a_field_no_longer_shareable_is_quoted_empty(db: Database) -> None:
    """A transmission made by an older version may name a field the app no longer shares: the notice still
    goes, quoting it empty rather than failing or inventing a value."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha", shared_fields='["ref", "fax"]')
        transmit(s, p, [c.id])
        [n] = create_notices(s, c, "opposition", ON, scope="all")
        assert json.loads(n.identifiers) == {"ref": c.ref, "fax": ""}


def test_a_line_sent_without_the_numbers_is_quoted_without_them(db: Database) -> None:
    """docs/rules.md §1.6: the partner's file listed the phone columns, but this person's line went without
    its numbers (phone_sent false): the notice quotes neither number."""
    with db.session() as s:
        c = make_contact(s, phone="0478000000", mobile="0612345678")
        p = make_partner(s, "Alpha", shared_fields='["ref", "phone", "mobile"]')
        transmit(s, p, [c.id])
        [n] = create_notices(s, c, "opposition", ON, scope="all")
        assert json.loads(n.identifiers) == {"ref": c.ref}


def test_an_unknown_event_is_a_programming_error_named_in_the_message(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        with pytest.raises(ValueError, match=r"^unknown propagation event 'moved'$"):
            create_notices(s, c, "moved", ON)


def test_a_rectification_quotes_a_field_no_longer_shareable_empty(db: Database) -> None:
    """The partner's older file named a field the app no longer shares: the rectification still quotes it,
    empty, beside the values the partner holds."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha", shared_fields='["ref", "last_name", "fax"]')
        transmit(s, p, [c.id])
        before = identifier_snapshot(c)
        c.last_name = "DURAND"
        [n] = rectification_notices(s, c, before, ON)
        assert json.loads(n.identifiers) == {"ref": c.ref, "last_name": "MARTIN", "fax": ""}
        assert n.detail == "Nom : MARTIN → DURAND"
