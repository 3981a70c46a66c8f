"""The person's dossier: everything held on them (docs/rules.md §5.7, GDPR art. 15 and 20).

One gathering, three forms: a PDF the person can read, a JSON file another service can load
(portability), a workbook for the office. Each section is a table with French headers; the JSON keeps
machine keys and ISO dates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.compliance import (
    CONSENT_CHANNEL_LABELS,
    INFORMED_DOCUMENT_LABELS,
    ConsentRecord,
    Form,
    FormVersion,
    InformedRecord,
    Opposition,
)
from models.contact import Contact, ContactSource, format_ref
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from models.phone import CALL_OUTCOME_LABELS, CallLogEntry, Contract
from models.postal import CampaignRecipient, LetterTemplateVersion, NpaiReturn
from models.requests import DataRequest
from services.compliance.oppositions import opposition_state
from services.compliance.request_deadlines import KIND_LABELS, OUTCOME_LABELS, STATUS_LABELS, request_status
from services.contacts.fields import (
    FIELD_LABELS,
    PERSON_KIND_LABELS,
    SOURCE_KIND_LABELS,
)
from services.contacts.fields import (
    STATUS_LABELS as CONTACT_STATUS,
)
from services.contacts.history import CHANNEL_LABELS, SCOPE_LABELS
from services.core.countries import country_name
from services.core.errors import InputError, NotFoundError
from services.core.files import atomic_output
from services.core.moments import business_date, iso_utc, now, wall_time
from services.core.pdf_watermark import pdf_canvas
from services.core.settings import get_settings
from services.core.spreadsheet import Column, Sheet, write_xlsx
from services.core.text import display_value

FORMATS = (".pdf", ".json", ".xlsx")
PROOF_LABELS = {"file": "document numérisé", "web_id": "formulaire en ligne", "note": "note"}
EVENT_LABELS = {"opposition": "opposition", "erasure": "effacement", "rectification": "rectification"}
IDENTITY_FIELDS = (
    "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "cedex", "country", "phone", "mobile", "email",
    "status", "person_kind", "customer_until", "last_contact_on", "notes",
)  # fmt: skip


@dataclass
class Section:
    key: str  # the JSON key
    title: str  # in French
    columns: list[tuple[str, str]]  # (JSON key, French header)
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Dossier:
    ref: str
    organisation: dict[str, Any]
    made_at: datetime
    sections: list[Section]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("oui" if value else "non")


def build_dossier(session: Session, contact_id: int) -> Dossier:
    """docs/rules.md §5.7: every record the base holds about this person, erased or not."""
    c = session.get(Contact, contact_id)
    if c is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    cid = c.id
    identity = Section("identity", "Vos coordonnées", [("field", "Donnée"), ("value", "Valeur")])
    for name in IDENTITY_FIELDS:
        value: Any = getattr(c, name)
        if name == "country":
            value = country_name(value)
        elif name == "status":
            value = CONTACT_STATUS.get(value, value)
        elif name == "person_kind":
            value = PERSON_KIND_LABELS.get(value, value)
        if value not in (None, ""):
            identity.rows.append([FIELD_LABELS.get(name, name), value])
    if c.tag_names:
        identity.rows.append([FIELD_LABELS["tags"], ", ".join(c.tag_names)])
    identity.rows.append(["Référence", c.ref])
    identity.rows.append(["Fiche créée le", c.created_at])
    if c.erased_at:
        identity.rows.append(["Effacée (anonymisée) le", c.erased_at])

    sources = Section("sources", "D'où viennent vos données", [("obtained_on", "Obtenues le"), ("kind", "Origine"),
                      ("name", "Source"), ("note", "Précision")])  # fmt: skip
    for s in session.scalars(
        select(ContactSource).where(ContactSource.contact_id == cid).order_by(ContactSource.id)
    ):
        sources.rows.append([s.obtained_on, SOURCE_KIND_LABELS.get(s.kind, s.kind), s.name, s.note])

    consents = Section("consents", "Vos choix sur nos formulaires", [
        ("recorded_on", "Date"), ("form", "Formulaire"), ("channel", "Canal"), ("refuse_post", "Refus courrier"),
        ("refuse_phone", "Refus téléphone"), ("refuse_partners", "Refus partenaires"),
        ("accept_phone", "Accord appels"), ("partner_calls", "Accord appels partenaires"),
        ("recorded_by", "Saisi par"), ("proof", "Preuve"),
    ])  # fmt: skip
    q = (
        select(ConsentRecord, Form.name, FormVersion.number)
        .outerjoin(FormVersion, FormVersion.id == ConsentRecord.form_version_id)
        .outerjoin(Form, Form.id == FormVersion.form_id)
        .where(ConsentRecord.contact_id == cid)
        .order_by(ConsentRecord.recorded_on, ConsentRecord.id)
    )
    for r, form, number in session.execute(q):
        consents.rows.append([
            r.recorded_on, f"{form} v{number}" if form else "", CONSENT_CHANNEL_LABELS.get(r.channel, r.channel),
            _yes_no(r.refuse_post),
            _yes_no(r.refuse_phone), _yes_no(r.refuse_partners), _yes_no(r.accept_phone),
            ", ".join(json.loads(r.accepted_partner_categories or "[]")), r.recorded_by,
            f"{PROOF_LABELS.get(r.proof_kind, r.proof_kind)} : {r.proof}" if r.proof else "",
        ])  # fmt: skip

    informed = Section("informed", "L'information que nous vous avons donnée", [("on", "Date"),
                       ("document", "Document"), ("notice", "Texte"), ("complete", "Information complète")])  # fmt: skip
    for i in session.scalars(
        select(InformedRecord).where(InformedRecord.contact_id == cid).order_by(InformedRecord.id)
    ):
        document = INFORMED_DOCUMENT_LABELS.get(i.document, i.document)
        informed.rows.append([i.informed_on, document, i.notice_version, _yes_no(i.full_notice)])

    oppositions = Section("oppositions", "Vos oppositions", [("received_on", "Reçue le"), ("scope", "Portée"),
                          ("channel", "Reçue par"), ("lifted", "Levée par votre consentement"),
                          ("state", "État")])  # fmt: skip
    for o in session.scalars(select(Opposition).where(Opposition.contact_id == cid).order_by(Opposition.id)):
        oppositions.rows.append([o.received_on, SCOPE_LABELS.get(o.scope, o.scope),
                                 CHANNEL_LABELS.get(o.channel, o.channel), _yes_no(o.lifted_by_consent_id is not None),
                                 opposition_state(o)])  # fmt: skip

    transmissions = Section("transmissions", "À qui vos données ont été transmises", [("sent_on", "Date"),
                            ("partner", "Partenaire"), ("category", "Catégorie"), ("fields", "Données transmises")])  # fmt: skip
    q2 = (
        select(Transmission.sent_on, Partner.name, Partner.category, Transmission.fields)
        .join(TransmissionLine, TransmissionLine.transmission_id == Transmission.id)
        .join(Partner, Partner.id == Transmission.partner_id)
        .where(TransmissionLine.contact_id == cid)
        .order_by(Transmission.sent_on, Transmission.id)
    )
    for sent_on, partner, category, fields in session.execute(q2):
        names = [FIELD_LABELS.get(f, "Référence" if f == "ref" else f) for f in json.loads(fields or "[]")]
        transmissions.rows.append([sent_on, partner, category, ", ".join(names)])

    letters = Section("letters", "Les courriers que nous vous avons adressés", [("sent_on", "Date"),
                      ("campaign", "Campagne"), ("template", "Modèle"), ("notice", "Information jointe")])  # fmt: skip
    q3 = (
        select(CampaignRecipient.sent_on, Campaign.name, LetterTemplateVersion.name, LetterTemplateVersion.number,
               CampaignRecipient.notice)
        .join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
        .join(LetterTemplateVersion, LetterTemplateVersion.id == CampaignRecipient.template_version_id)
        .where(CampaignRecipient.contact_id == cid)
        .order_by(CampaignRecipient.sent_on, CampaignRecipient.id)
    )  # fmt: skip
    notice_labels = {"art13": "information complète (art. 13)", "art14": "information complète (art. 14)",
                     "reminder": "rappel de vos droits"}  # fmt: skip
    for sent_on, campaign, tname, tnum, notice in session.execute(q3):
        letters.rows.append([sent_on, campaign, f"{tname} v{tnum}", notice_labels.get(notice, notice)])
    for back in session.scalars(select(NpaiReturn).where(NpaiReturn.contact_id == cid)):
        letters.rows.append(
            [back.returned_on, "Courrier revenu « n'habite pas à l'adresse indiquée »", "", ""]
        )

    calls = Section("calls", "Les appels", [("called_at", "Date et heure"), ("outcome", "Résultat"),
                    ("caller", "Appelant"), ("basis", "Fondement")])  # fmt: skip
    bases = {
        "consent": "votre consentement",
        "contract": "un contrat en cours",
        "professional": "numéro professionnel",
    }
    for e in session.scalars(
        select(CallLogEntry).where(CallLogEntry.contact_id == cid).order_by(CallLogEntry.called_at)
    ):
        calls.rows.append([e.called_at, CALL_OUTCOME_LABELS.get(e.outcome, e.outcome), e.caller,
                           bases.get(e.basis, e.basis)])  # fmt: skip

    contracts = Section(
        "contracts", "Vos contrats en cours", [("subject", "Objet"), ("start", "Début"), ("end", "Fin")]
    )
    for k in session.scalars(select(Contract).where(Contract.contact_id == cid).order_by(Contract.id)):
        contracts.rows.append([k.subject, k.start_on, k.end_on])

    notices = Section("notices", "Ce que nous avons signalé à nos partenaires", [("partner", "Partenaire"),
                      ("event", "Motif"), ("due", "Dû le"), ("sent", "Envoyé le"), ("acknowledged", "Accusé le")])  # fmt: skip
    q4 = (
        select(PropagationNotice, Partner.name)
        .join(Partner, Partner.id == PropagationNotice.partner_id)
        .where(PropagationNotice.contact_id == cid)
        .order_by(PropagationNotice.id)
    )
    for n, partner in session.execute(q4):
        notices.rows.append(
            [partner, EVENT_LABELS.get(n.event, n.event), n.due_on, n.sent_on, n.acknowledged_on]
        )

    requests = Section("requests", "Vos demandes", [("received_on", "Reçue le"), ("kind", "Demande"),
                       ("status", "Statut"), ("outcome", "Réponse"), ("answered_on", "Répondue le")])  # fmt: skip
    today = business_date()
    asked = session.scalars(select(DataRequest).where(DataRequest.contact_id == cid).order_by(DataRequest.id))
    for req in asked:
        status = STATUS_LABELS[request_status(req, today)]
        requests.rows.append(
            [req.received_on, KIND_LABELS.get(req.kind, req.kind), status, OUTCOME_LABELS.get(req.outcome, ""),
             req.answered_on]
        )  # fmt: skip

    org = get_settings(session, "organisation")
    sections = [identity, sources, consents, informed, oppositions, transmissions, letters, calls, contracts,
                notices, requests]  # fmt: skip
    return Dossier(c.ref, org, now(), sections)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def dossier_to_json(d: Dossier) -> dict[str, Any]:
    """GDPR art. 20: a structured, commonly used, machine-readable form."""
    return {
        "reference": d.ref,
        "made_at": iso_utc(d.made_at),
        "controller": {k.removeprefix("org."): v for k, v in d.organisation.items() if v and k in (
            "org.name", "org.address", "org.email", "org.phone", "org.siret", "org.rights_contact", "org.dpo")},
        **{
            s.key: [{key: _json_value(v) for (key, _), v in zip(s.columns, row, strict=True)} for row in s.rows]
            for s in d.sections
        },
    }  # fmt: skip


def write_dossier(path: Path, d: Dossier) -> Path:
    """The dossier as .pdf (for the person), .json (portability) or .xlsx, chosen by the extension."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"Le dossier s'écrit en .pdf, .json ou .xlsx, pas « {path.suffix or path.name} ».")
    if not path.parent.is_dir():
        raise InputError(f"Le dossier {path.parent} n'existe pas : impossible d'y écrire {path.name}.")
    if suffix == ".json":
        with atomic_output(path) as tmp:
            Path(tmp).write_text(
                json.dumps(dossier_to_json(d), ensure_ascii=False, indent=2), encoding="utf-8"
            )
    elif suffix == ".xlsx":
        sheets = [Sheet(s.title[:31], [Column(h, _kind(s, i)) for i, (_, h) in enumerate(s.columns)], s.rows)
                  for s in d.sections]  # fmt: skip
        write_xlsx(path, sheets)
    else:
        _write_pdf(path, d)
    return path


def _kind(s: Section, i: int) -> str:
    sample = next((row[i] for row in s.rows if row[i] is not None), None)
    if isinstance(sample, datetime):
        return "datetime"
    return "date" if isinstance(sample, date) else "text"


def _write_pdf(path: Path, d: Dossier) -> None:
    """A4, readable: who we are, then each section as lines « header : value »; empty sections say so."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    from services.core.pdf_fonts import TextFlow, register_fonts, wrap

    regular, bold = register_fonts()
    org = d.organisation
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=A4)
        c.setTitle(f"Vos données personnelles — {d.ref}")
        width, height = A4
        left, right = 20 * mm, width - 20 * mm
        flow = TextFlow(c, regular, top=height - 20 * mm, bottom=20 * mm, left=left, leading=1.35)

        def para(text: str, font: str = regular, size: float = 9.5) -> None:
            for line in wrap(text, font, size, right - left):
                flow.line(line, font, size)

        flow.line(str(org.get("org.name") or ""), bold, 12)
        for key in ("org.address", "org.email", "org.phone"):
            for part in str(org.get(key) or "").splitlines():
                flow.line(part, size=9)
        flow.y -= 5 * mm
        flow.line("Les données personnelles que nous détenons sur vous", bold, 14)
        para(f"Référence {d.ref} — document établi le {wall_time(d.made_at):%d/%m/%Y à %H:%M}, en réponse à votre "
             "demande d'accès (article 15 du RGPD).")  # fmt: skip
        if org.get("org.rights_contact"):
            para(
                f"Pour exercer vos droits (rectification, effacement, opposition) : {org['org.rights_contact']}."
            )
        para("Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr).")
        for s in d.sections:
            flow.y -= 3 * mm
            flow.line(s.title, bold, 11)
            if not s.rows:
                flow.line("Rien n'est enregistré.", size=9)
                continue
            for row in s.rows:
                if s.key == "identity":
                    para(f"{row[0]} : {display_value(row[1])}")
                    continue
                parts = [f"{h} : {display_value(v)}" for (_, h), v in zip(s.columns, row, strict=True)
                         if v not in (None, "")]  # fmt: skip
                para(" — ".join(parts))
        c.save()
