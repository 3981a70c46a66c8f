"""Every setting declared once, with its default and its French label (docs/rules.md, "Settings and their defaults").

Stored in the base (table settings) so that every workstation of a shop shares them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.setting import Setting
from services.core.emails import normalise_email
from services.core.errors import InputError, NotFoundError


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    label: str
    group: str


SETTINGS: tuple[SettingDef, ...] = (
    # The organisation's identity, printed on every notice (docs/rules.md §3.1).
    SettingDef("org.name", "", "Nom de l'organisation", "organisation"),
    SettingDef("org.address", "", "Adresse postale", "organisation"),
    SettingDef("org.phone", "", "Téléphone", "organisation"),
    SettingDef("org.email", "", "E-mail", "organisation"),
    SettingDef("org.siret", "", "SIRET", "organisation"),
    SettingDef("org.rights_contact", "", "Contact pour l'exercice des droits", "organisation"),
    SettingDef("org.dpo", "", "Délégué à la protection des données (s'il y en a un)", "organisation"),
    # The record of processing activities (docs/rules.md §7.2).
    SettingDef(
        "org.transfers",
        "Aucun transfert hors de l'Union européenne.",
        "Transferts hors de l'UE et garanties",
        "organisation",
    ),
    SettingDef(
        "org.security_measures",
        "Accès réservé au personnel habilité (session de l'ordinateur ou compte du serveur).",
        "Autres mesures de sécurité",
        "organisation",
    ),
    # Rules with a default the owner may change (docs/rules.md, "Settings and their defaults").
    SettingDef("rules.phone_consent_days", 365, "Validité d'un consentement téléphonique (jours)", "rules"),
    SettingDef("rules.consent_proof_years", 3, "Conservation des preuves de consentement (années)", "rules"),
    SettingDef("rules.suppression_years", 3, "Conservation de la liste d'opposition (années)", "rules"),
    SettingDef(
        "rules.propagation_overdue_days",
        2,
        "Notification aux partenaires en retard après (jours ouvrés)",
        "rules",
    ),
    SettingDef(
        "rules.prospect_retention_years", 3, "Conservation d'un prospect sans contact (années)", "rules"
    ),
    SettingDef(
        "rules.customer_retention_years",
        3,
        "Conservation après la fin de la relation client (années)",
        "rules",
    ),
    SettingDef(
        "rules.reconsent_delay_months", 2, "Délai de réponse à la lettre de renouvellement (mois)", "rules"
    ),
    # Backups (docs/rules.md §10.3).
    SettingDef("backup.keep_daily", 7, "Sauvegardes quotidiennes conservées", "backup"),
    SettingDef("backup.keep_weekly", 4, "Sauvegardes hebdomadaires conservées", "backup"),
    # Set by « chiffrer les sauvegardes » (services.core.backup_crypto), never typed: the age recipient, and
    # its identity wrapped with the owner's passphrase.
    SettingDef("backup.recipient", "", "Destinataire age des sauvegardes chiffrées", "internal"),
    SettingDef(
        "backup.wrapped_identity", "", "Clé des sauvegardes, chiffrée par la phrase secrète", "internal"
    ),
    SettingDef("backup.last_restore", "", "Dernière restauration", "internal"),
    # 1: a demonstration base (services.core.demo_base), set by `init --demo`; never typed.
    SettingDef("base.demo", 0, "Base de démonstration", "internal"),
    SettingDef("business.timezone", "Europe/Paris", "Fuseau horaire de l'entreprise", "rules"),
    # Postal campaigns: where French window envelopes (DL, C5: 45 × 100 mm window on the
    # right) show the address on an A4 letter, measured from the page's top-left corner.
    SettingDef("postal.window_left_mm", 100, "Fenêtre d'enveloppe : distance au bord gauche (mm)", "postal"),
    SettingDef("postal.window_top_mm", 50, "Fenêtre d'enveloppe : distance au bord haut (mm)", "postal"),
    SettingDef("postal.label_template", "L7160", "Modèle d'étiquettes par défaut", "postal"),
    SettingDef("postal.letter_template", "Courrier standard", "Modèle de courrier par défaut", "postal"),
    SettingDef(
        "postal.partner_categories",
        "",
        "Catégories de partenaires nommées dans la notice (vide : aucune transmission)",
        "postal",
    ),
)

_BY_KEY = {s.key: s for s in SETTINGS}
DEMO_SETTING = "base.demo"
# docs/rules.md §3.1: who the organisation is, printed on every notice — never a demo's and a real one mixed.
IDENTITY_KEYS = (
    "org.name",
    "org.address",
    "org.phone",
    "org.email",
    "org.siret",
    "org.rights_contact",
    "org.dpo",
)


class DemoIdentityRefused(InputError):
    """A real identity typed into a demonstration base: the window offers a clean base instead."""


def definition(key: str) -> SettingDef:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise NotFoundError(f"Réglage inconnu : {key}.") from None


def get_setting(session: Session, key: str) -> Any:
    d = definition(key)
    row = session.get(Setting, key)
    return d.default if row is None else json.loads(row.value)


def get_settings(session: Session, group: str | None = None) -> dict[str, Any]:
    stored = {r.key: json.loads(r.value) for r in session.scalars(select(Setting))}
    return {s.key: stored.get(s.key, s.default) for s in SETTINGS if group is None or s.group == group}


def _checked_text(d: SettingDef, value: str) -> str:
    """Text settings are printed on notices: a bad e-mail or time zone is refused, not stored."""
    value = value.strip()
    if d.key == "org.email" and value:
        email = normalise_email(value)
        if email is None:
            raise InputError(f"« {d.label} » : « {value} » n'est pas une adresse e-mail valide.")
        return email
    if d.key == "business.timezone":
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(
                f"« {d.label} » : fuseau horaire inconnu « {value} » (ex. Europe/Paris)."
            ) from None
    return value


def set_settings(session: Session, values: dict[str, Any]) -> None:
    """Check every value, then store them all (a value refused stores none: the caller's transaction)."""
    demo = bool(get_setting(session, DEMO_SETTING))
    for key, value in values.items():
        d = definition(key)
        if isinstance(d.default, int) and not isinstance(value, int):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise InputError(f"« {d.label} » doit être un nombre entier.") from None
        if isinstance(d.default, int) and value < 0:
            raise InputError(f"« {d.label} » ne peut pas être négatif.")
        if isinstance(d.default, str):
            value = _checked_text(d, str(value))
        if demo and key in IDENTITY_KEYS and value != get_setting(session, key):
            raise DemoIdentityRefused(
                "Cette base est une base de démonstration : l'identité d'une organisation réelle ne se mêle pas "
                "à ses données fictives. Commencez une base vierge (dans la fenêtre : « Commencer une base "
                "vierge… » ; en ligne de commande : webleads --db ma-base.sqlite init), puis saisissez-y votre "
                "identité."
            )
        row = session.get(Setting, key)
        text = json.dumps(value, ensure_ascii=False)
        if row is None:
            session.add(Setting(key=key, value=text))
        else:
            row.value = text
