"""Collection forms and their versions (docs/rules.md §3, §4): the text shown, the boxes, immutability once used."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from models.compliance import (
    CONSENT_CHANNEL_LABELS,
    FORM_CHANNELS,
    ConsentRecord,
    Form,
    FormVersion,
    InformedRecord,
)
from services.core.errors import InputError, NotFoundError
from services.core.settings import get_settings
from services.core.text import clean_spaces

FORM_CHANNEL_LABELS = {k: CONSENT_CHANNEL_LABELS[k] for k in FORM_CHANNELS}
# docs/rules.md §3.4 (L223-2 as rewritten in 2025): said wherever a phone number is collected.
L223_2_SENTENCE = (
    "Conformément à l'article L223-2 du Code de la consommation, aucun appel commercial ne peut vous "
    "être passé sans votre consentement préalable."
)


@dataclass(frozen=True)
class Box:
    key: str
    label: str  # the exact wording printed

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label}


def of_name(name: str) -> str:
    """ "de Maison Dupont", "d'Atelier Rose": French elision before a vowel or a mute h."""
    return f"d'{name}" if name[:1].lower() in "aeiouyhàâéèêëîïôöûùü" else f"de {name}"


def parse_categories(text: str | list[str]) -> list[str]:
    """ "Cuisinistes; Assureurs" -> ["Cuisinistes", "Assureurs"] (order kept, duplicates dropped)."""
    items = text.split(";") if isinstance(text, str) else text
    out: list[str] = []
    for item in items:
        c = clean_spaces(item)
        if c and c not in out:
            out.append(c[:100])
    return out


def organisation_name(settings: dict[str, Any]) -> str:
    return clean_spaces(settings.get("org.name", "")) or "notre entreprise"


def cnil_boxes(org: str, categories: list[str]) -> list[Box]:
    """docs/rules.md §4: the CNIL opposition boxes (post, phone, partners) and the separate, unticked opt-in
    boxes for consumer calls (docs/rules.md §1.4: one for the business, one per partner category)."""
    o = of_name(org)
    boxes = [
        # docs/rules.md §4.1: the CNIL wording, « la société X » replaced by the organisation, per channel.
        Box(
            "refuse_post",
            f"Je m'oppose à ce que mes coordonnées postales soient utilisées pour recevoir des offres {o} "
            "par courrier postal.",
        ),
        Box(
            "refuse_phone",
            f"Je m'oppose à ce que mon numéro de téléphone soit utilisé pour recevoir des offres {o} "
            "par téléphone.",
        ),
    ]
    if categories:
        boxes.append(
            Box(
                "refuse_partners",
                f"Je m'oppose à ce que mes coordonnées postales soient transmises à des partenaires {o} "
                f"({', '.join(categories)}) pour recevoir leurs offres par courrier.",
            )
        )
    # docs/rules.md §1.2: consumer phone prospecting is opt-in since 11 Aug 2026 (L223-1).
    boxes.append(Box("accept_phone", f"J'accepte d'être appelé(e) par {org} pour recevoir ses offres."))
    for c in categories:
        boxes.append(
            Box(
                f"accept_phone_partner:{c}",
                f"J'accepte d'être appelé(e) par des partenaires {o} de la catégorie «\u00a0{c}\u00a0» "
                "pour recevoir leurs offres.",
            )
        )
    return boxes


def information_text(settings: dict[str, Any], purpose: str, categories: list[str]) -> str:
    """docs/rules.md §3.1 (GDPR art. 13): every item owed at collection, from the organisation's settings."""
    org = organisation_name(settings)
    identity = [org]
    for key in ("org.address", "org.phone", "org.email"):
        if clean_spaces(settings.get(key, "")):
            identity.append(clean_spaces(settings[key]))
    if clean_spaces(settings.get("org.siret", "")):
        identity.append("SIRET " + clean_spaces(settings["org.siret"]))
    rights_contact = (
        clean_spaces(settings.get("org.rights_contact", ""))
        or clean_spaces(settings.get("org.email", ""))
        or clean_spaces(settings.get("org.address", ""))
    )
    dpo = clean_spaces(settings.get("org.dpo", ""))
    years_p = settings.get("rules.prospect_retention_years", 3)
    years_c = settings.get("rules.customer_retention_years", 3)
    lines = [
        f"Responsable du traitement : {', '.join(identity)}."
        + (f" Délégué à la protection des données : {dpo}." if dpo else ""),
        f"Finalité : {clean_spaces(purpose)}.",
        "Bases légales : l'intérêt légitime pour la prospection par courrier et par téléphone auprès des "
        "professionnels ; votre consentement pour les appels commerciaux aux particuliers.",
        (
            "Destinataires : nos services commerciaux et, sauf opposition de votre part, nos partenaires des "
            f"catégories suivantes : {', '.join(categories)}, pour vous adresser leurs offres."
            if categories
            else "Destinataires : nos seuls services commerciaux ; vos données ne sont transmises à aucun partenaire."
        ),
        "Aucun transfert de vos données hors de l'Union européenne.",
        f"Durée de conservation : {years_p} ans à compter de la collecte ou de votre dernier contact pour "
        f"un prospect ; pour un client, la durée de la relation puis {years_c} ans.",
        "Vos droits : accès, rectification, effacement, limitation, portabilité, et retrait de votre "
        "consentement à tout moment" + (f", auprès de : {rights_contact}." if rights_contact else "."),
        "Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr).",
        "La fourniture de vos coordonnées est facultative ; sans elles nous ne pourrons pas vous adresser "
        "nos offres.",
        # docs/rules.md §3.3 (art. 21(4)): the right to object shown explicitly and separately.
        "DROIT D'OPPOSITION : vous pouvez vous opposer à tout moment, gratuitement et sans motif, à la "
        "prospection"
        + (" et à la transmission de vos données à nos partenaires" if categories else "")
        + ", en cochant les cases ci-dessus ou en nous écrivant"
        + (f" ({rights_contact})." if rights_contact else "."),
        L223_2_SENTENCE,
    ]
    return "\n".join(lines)


def missing_identity(settings: dict[str, Any]) -> list[str]:
    """docs/rules.md §3.1: what every notice must name and the settings lack (« le nom »…; [] when complete)."""
    missing = [label for key, label in (("org.name", "le nom"), ("org.address", "l'adresse postale"))
               if not clean_spaces(settings.get(key, ""))]  # fmt: skip
    if not any(clean_spaces(settings.get(k, "")) for k in ("org.rights_contact", "org.email", "org.address")):
        missing.append("un contact pour l'exercice des droits")
    return missing


def organisation_warnings(settings: dict[str, Any]) -> list[str]:
    """docs/rules.md §3.1: the identity and the contact for rights must be on the form; say what is missing."""
    missing = missing_identity(settings)
    if not missing:
        return []
    return [
        "Réglages de l'organisation incomplets (" + ", ".join(missing) + ") : le texte d'information du "
        "formulaire est incomplet ; complétez les Réglages puis modifiez le formulaire."
    ]


@dataclass
class VersionDraft:
    """What a new version holds before it is saved."""

    purpose: str
    info_text: str
    partner_categories: list[str]
    boxes: list[Box]


def draft_version(session: Session, purpose: str, categories: list[str]) -> VersionDraft:
    """A version pre-filled from the organisation's settings (text and boxes)."""
    settings = get_settings(session)
    org = organisation_name(settings)
    return VersionDraft(
        purpose=clean_spaces(purpose),
        info_text=information_text(settings, purpose, categories),
        partner_categories=categories,
        boxes=cnil_boxes(org, categories),
    )


def check_form_input(name: str, channel: str, purpose: str) -> None:
    if not clean_spaces(name):
        raise InputError("Le nom du formulaire est obligatoire.")
    if channel not in FORM_CHANNELS:
        raise InputError(f"Canal de formulaire inconnu « {channel} » : {', '.join(FORM_CHANNELS)}.")
    if not clean_spaces(purpose):
        raise InputError(
            "La finalité est obligatoire (RGPD art. 13) : dites pourquoi les données sont collectées."
        )


def _save_version(session: Session, form: Form, number: int, draft: VersionDraft) -> FormVersion:
    if not draft.info_text.strip():
        raise InputError("Le texte d'information est obligatoire (RGPD art. 13).")
    keys = [b.key for b in draft.boxes]
    if len(keys) != len(set(keys)):
        raise InputError("Deux cases portent la même clé.")
    version = FormVersion(
        form=form,
        number=number,
        purpose=draft.purpose,
        info_text=draft.info_text.strip(),
        partner_categories=json.dumps(draft.partner_categories, ensure_ascii=False),
        boxes=json.dumps([b.to_dict() for b in draft.boxes], ensure_ascii=False),
    )
    session.add(version)
    session.flush()
    return version


# The first start's proposal (issue 14): a paper form for the counter, to adapt; create_form adds the
# CNIL's objection boxes, the unticked phone opt-ins (the business's, one per partner category) and L223-2.
PROPOSED_FORM = {
    "name": "Formulaire de collecte au comptoir",
    "channel": "paper",
    "purpose": "Vous envoyer nos offres par courrier et, avec votre accord, vous appeler",
}


def create_form(
    session: Session, name: str, channel: str, purpose: str, partner_categories: str | list[str] = ""
) -> FormVersion:
    """A new form with its first version, pre-filled from the organisation's settings."""
    check_form_input(name, channel, purpose)
    form_name = clean_spaces(name)[:150]
    if session.scalar(select(Form.id).where(func.lower(Form.name) == form_name.lower())):
        raise InputError(
            f"Un formulaire « {form_name} » existe déjà : modifiez-le pour en faire une nouvelle version."
        )
    categories = parse_categories(partner_categories)
    form = Form(name=form_name, channel=channel)
    session.add(form)
    return _save_version(session, form, 1, draft_version(session, purpose, categories))


def version_is_used(session: Session, version_id: int) -> bool:
    """docs/rules.md §4.4: a version that a record points to is what someone saw: it can no longer change."""
    return bool(
        session.scalar(
            select(
                or_(
                    exists().where(ConsentRecord.form_version_id == version_id),
                    exists().where(InformedRecord.form_version_id == version_id),
                )
            )
        )
    )


def get_version(session: Session, version_id: int) -> FormVersion:
    version = session.get(FormVersion, version_id)
    if version is None:
        raise NotFoundError(f"Version de formulaire inconnue (n° {version_id}).")
    return version


def edit_version(
    session: Session,
    version_id: int,
    *,
    purpose: str,
    info_text: str,
    partner_categories: str | list[str],
    boxes: list[Box] | None = None,
) -> FormVersion:
    """Change a version; a used version is never touched: the change becomes a new version."""
    version = get_version(session, version_id)
    categories = parse_categories(partner_categories)
    if boxes is None:
        org = organisation_name(get_settings(session))
        boxes = cnil_boxes(org, categories)
    draft = VersionDraft(clean_spaces(purpose), info_text, categories, boxes)
    if not draft.purpose:
        raise InputError("La finalité est obligatoire (RGPD art. 13).")
    if version_is_used(session, version_id):
        latest = max(v.number for v in version.form.versions)
        return _save_version(session, version.form, latest + 1, draft)
    version.purpose = draft.purpose
    version.info_text = draft.info_text.strip()
    version.partner_categories = json.dumps(categories, ensure_ascii=False)
    version.boxes = json.dumps([b.to_dict() for b in boxes], ensure_ascii=False)
    session.flush()
    return version


def version_boxes(version: FormVersion) -> list[Box]:
    return [Box(b["key"], b["label"]) for b in json.loads(version.boxes or "[]")]


def version_categories(version: FormVersion) -> list[str]:
    return list(json.loads(version.partner_categories or "[]"))


def versions_naming_category(session: Session, category: str) -> list[int]:
    """docs/rules.md §1.5: the form versions that informed people of transmission to this partner category."""
    wanted = category.strip().lower()
    return [
        vid
        for vid, cats in session.execute(select(FormVersion.id, FormVersion.partner_categories))
        if wanted in (c.lower() for c in json.loads(cats or "[]"))
    ]


@dataclass(frozen=True)
class VersionRow:
    version_id: int
    form_id: int
    form_name: str
    channel: str
    number: int
    purpose: str
    categories: list[str]
    used: bool
    latest: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form_id, "version": self.version_id, "name": self.form_name,
            "channel": self.channel, "number": self.number, "purpose": self.purpose,
            "partner_categories": self.categories, "used": self.used, "latest": self.latest,
        }  # fmt: skip


def list_versions(session: Session) -> list[VersionRow]:
    """Every form version, newest form first, with whether it was used."""
    used = set(session.scalars(select(ConsentRecord.form_version_id).distinct())) | set(
        session.scalars(select(InformedRecord.form_version_id).distinct())
    )
    rows = []
    for form in session.scalars(select(Form).order_by(Form.name, Form.id)):
        last = max((v.number for v in form.versions), default=0)
        for v in form.versions:
            rows.append(
                VersionRow(
                    v.id,
                    form.id,
                    form.name,
                    form.channel,
                    v.number,
                    v.purpose,
                    version_categories(v),
                    v.id in used,
                    v.number == last,
                )
            )
    return rows
