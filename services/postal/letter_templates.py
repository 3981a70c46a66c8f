"""Letter and notice templates: Jinja text in a sandbox, saved as numbered versions (docs/rules.md §3).

A template is plain text. A line starting with "# " is a heading; a blank line separates paragraphs.
Merge fields print literally: the text is drawn as text (no markup language behind it), and each value
is marked so that it can never make a line a heading, add a line, or hide the text around it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.postal import LetterTemplateVersion
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date

DEFAULT_NAME = "Courrier standard"
PARTS = ("body", "notice_art13", "notice_art14", "reminder", "objection")
PART_LABELS = {
    "body": "Courrier",
    "notice_art13": "Notice — données collectées auprès de la personne (art. 13)",
    "notice_art14": "Notice — données obtenues d'un tiers (art. 14)",
    "reminder": "Rappel — personne déjà informée",
    "objection": "Droit d'opposition (toujours imprimé, à part)",
}

# The fields listed beside the editor (name -> what it holds).
FIELDS: dict[str, str] = {  # the editor lists them by these names (issue 15), the code underneath
    "formule_appel": "Formule d'appel (« Madame », « Monsieur », « Madame, Monsieur »)",
    "civilite": "Civilité (M., Mme ou vide)",
    "prenom": "Prénom",
    "nom": "Nom (en capitales)",
    "societe": "Société",
    "reference": "Référence du contact (C-000123)",
    "date": "Date du courrier (28 novembre 2026)",
    "campagne.nom": "Nom de la campagne",
    "campagne.objet": "Objet de la campagne",
    "organisation.nom": "Nom de votre entreprise",
    "organisation.adresse": "Adresse de votre entreprise",
    "organisation.telephone": "Téléphone de votre entreprise",
    "organisation.email": "E-mail de votre entreprise",
    "organisation.contact_droits": "Contact pour exercer ses droits",
    "organisation.dpo": "Délégué à la protection des données",
    "source.nature": "Origine des données (collecte directe, partenaire, courtier, source publique)",
    "source.nom": "Nom de la source",
    "source.date": "Date d'obtention des données",
    "source.publique": "Source publique (vrai ou faux)",
    "categories_donnees": "Catégories de données détenues",
    "partenaires": "Catégories de partenaires (réglage)",
    "conservation_prospect": "Durée de conservation d'un prospect (années)",
    "conservation_client": "Durée de conservation après la fin de la relation client (années)",
    "informe_le": "Date de l'information complète déjà reçue",
    "repondre_avant": "Date limite de réponse à la lettre de renouvellement",
}

DEFAULT_TEXTS: dict[str, str] = {
    "body": """{{ formule_appel }},

{{ campagne.objet or "Nous avons le plaisir de vous présenter nos offres du moment." }}

Notre équipe reste à votre disposition pour tout renseignement.

Nous vous prions d'agréer, {{ formule_appel }}, l'expression de nos salutations distinguées.

{{ organisation.nom }}""",
    "notice_art13": """# Vos données personnelles
{{ organisation.nom }}{% if organisation.adresse %} ({{ organisation.adresse }}){% endif %} est responsable du traitement de vos coordonnées, que vous nous avez communiquées le {{ source.date }} ({{ source.nom }}).{% if organisation.dpo %} Délégué à la protection des données : {{ organisation.dpo }}.{% endif %} Finalité : vous adresser nos offres par courrier et, si vous l'avez accepté, par téléphone ; base légale : notre intérêt légitime pour le courrier et les appels aux professionnels, votre consentement pour les appels aux particuliers. Destinataires : nos services commerciaux{% if partenaires %} et, sauf opposition de votre part, nos partenaires ({{ partenaires }}){% endif %}. Aucun transfert hors de l'Union européenne. Conservation : {{ conservation_prospect }} ans après notre dernier échange à votre initiative, {{ conservation_client }} ans après la fin de la relation pour nos clients. Vous disposez des droits d'accès, de rectification, d'effacement, de limitation, d'opposition et de portabilité, et pouvez retirer un consentement à tout moment{% if organisation.contact_droits %} : {{ organisation.contact_droits }}{% endif %}. Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr). Fournir vos coordonnées n'était pas obligatoire.""",
    "notice_art14": """# Vos données personnelles
{{ organisation.nom }}{% if organisation.adresse %} ({{ organisation.adresse }}){% endif %} est responsable du traitement de vos coordonnées ({{ categories_donnees }}), obtenues le {{ source.date }} auprès de {{ source.nom }} ({{ source.nature }}{% if source.publique %}, source accessible au public{% endif %}).{% if organisation.dpo %} Délégué à la protection des données : {{ organisation.dpo }}.{% endif %} Finalité : vous adresser nos offres par courrier et, si vous l'avez accepté, par téléphone ; base légale : notre intérêt légitime pour le courrier et les appels aux professionnels, votre consentement pour les appels aux particuliers. Destinataires : nos services commerciaux{% if partenaires %} et, sauf opposition de votre part, nos partenaires ({{ partenaires }}){% endif %}. Aucun transfert hors de l'Union européenne. Conservation : {{ conservation_prospect }} ans après notre dernier échange à votre initiative, {{ conservation_client }} ans après la fin de la relation pour nos clients. Vous disposez des droits d'accès, de rectification, d'effacement, de limitation, d'opposition et de portabilité, et pouvez retirer un consentement à tout moment{% if organisation.contact_droits %} : {{ organisation.contact_droits }}{% endif %}. Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr).""",
    "reminder": """# Vos données personnelles
Rappel : {{ organisation.nom }} utilise vos coordonnées pour vous adresser ses offres ; l'information complète vous a été donnée le {{ informe_le }}. Vos droits d'accès, de rectification, d'effacement, de limitation et de portabilité{% if organisation.contact_droits %} : {{ organisation.contact_droits }}{% endif %} ; réclamation possible auprès de la CNIL (www.cnil.fr).""",
    "objection": """# Votre droit d'opposition
Vous pouvez à tout moment, gratuitement et sans avoir à vous justifier, vous opposer à recevoir nos offres : renvoyez le coupon ci-dessous{% if organisation.adresse %}, écrivez-nous ({{ organisation.adresse }}){% endif %}{% if organisation.telephone %}, appelez le {{ organisation.telephone }}{% endif %}{% if organisation.email %} ou écrivez à {{ organisation.email }}{% endif %}.""",
}

# docs/rules.md §3.2 (art. 14(3)): the letter of a « notice only » campaign — no offer, just the
# information owed to someone whose data came from others, with the notice and the right to object.
NOTICE_NAME = "Information sur vos données"
NOTICE_TEXTS: dict[str, str] = DEFAULT_TEXTS | {
    "body": """{{ formule_appel }},

Nous détenons vos coordonnées, que nous avons obtenues auprès de {{ source.nom }}. La loi nous demande de vous en informer dans le mois qui suit : vous trouverez ci-dessous ce que nous en faisons, combien de temps nous les gardons et comment exercer vos droits, notamment celui de vous opposer à recevoir nos offres.

Nous vous prions d'agréer, {{ formule_appel }}, l'expression de nos salutations distinguées.

{{ organisation.nom }}""",
}
# docs/rules.md §6.4: the letter to someone past their retention term — do they still wish to hear from us?
RECONSENT_NAME = "Renouvellement de votre accord"
RECONSENT_TEXTS: dict[str, str] = DEFAULT_TEXTS | {
    "body": """{{ formule_appel }},

Vous figurez dans notre fichier depuis plusieurs années sans que nous ayons eu de nouvelles de votre part. La loi ne nous permet de garder vos coordonnées que si vous souhaitez continuer à recevoir nos offres.

Si c'est le cas, il vous suffit de nous le dire avant le {{ repondre_avant }} : renvoyez-nous ce courrier en cochant la case ci-dessous, écrivez-nous ou appelez-nous. Sans réponse de votre part à cette date, nous effacerons vos coordonnées de notre fichier.

[ ] Oui, je souhaite continuer à recevoir vos offres.

Nous vous prions d'agréer, {{ formule_appel }}, l'expression de nos salutations distinguées.

{{ organisation.nom }}""",
}
BUILT_IN = {DEFAULT_NAME: DEFAULT_TEXTS, NOTICE_NAME: NOTICE_TEXTS, RECONSENT_NAME: RECONSENT_TEXTS}

# Every merged value is wrapped in these two characters while the text is laid out.
FIELD_START, FIELD_END = "\x01", "\x02"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

log = logging.getLogger(__name__)


def _finalize(value: Any) -> str:
    """A merge field prints as typed, on one line, marked as data (never a heading, never markup)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return FIELD_START + french_date(value) + FIELD_END
    return FIELD_START + _CONTROL.sub(" ", str(value)) + FIELD_END


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        autoescape=False, finalize=_finalize, undefined=StrictUndefined, keep_trailing_newline=False
    )


@cache
def compile_template(text: str) -> Any:
    """The compiled template (cached: a campaign renders the same text thousands of times)."""
    from jinja2 import TemplateSyntaxError

    try:
        return _environment().from_string(text)
    except TemplateSyntaxError as exc:
        log.info("modèle incorrect, ligne %s : %s", exc.lineno, exc.message)  # Jinja's English: the log
        raise InputError(
            f"Modèle incorrect, ligne {exc.lineno} : une balise {{{{ … }}}} ou {{% … %}} est mal formée ou "
            "n'est pas refermée."
        ) from None


# Renders keyed by the values of the fields a template uses: the same body for thousands of letters
# is rendered once (only the variables it names can change its output).
_RENDERED: dict[tuple[str, str], list[Block]] = {}


@cache
def referenced_names(text: str) -> tuple[str, ...]:
    from jinja2 import meta

    return tuple(sorted(meta.find_undeclared_variables(_environment().parse(text))))


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")  # fmt: skip


def french_date(d: date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Block:
    """One laid-out unit of a rendered template: a heading or a paragraph of plain text."""

    text: str
    heading: bool = False


def render_blocks(text: str, context: dict[str, Any]) -> list[Block]:
    """Render a template and split it into headings and paragraphs; merged values stay literal.

    Cached by the values of the fields the template names: the same body for thousands of letters is
    rendered and split once.
    """
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    template = compile_template(text)  # a syntax error becomes an InputError here
    key = (text, repr([context.get(n) for n in referenced_names(text)]))
    cached = _RENDERED.get(key)
    if cached is not None:
        return cached
    try:
        rendered = template.render(context)
    except SecurityError as exc:
        log.info("modèle refusé : %s", exc)
        raise InputError("Modèle refusé : il demande une opération interdite dans un courrier.") from None
    except UndefinedError as exc:
        m = re.search(r"'([^']+)' is undefined", exc.message or "")
        what = f"« {m.group(1)} »" if m else ""
        raise InputError(f"champ inconnu {what} : voyez la liste des champs.".replace("  ", " ")) from None
    except TemplateError as exc:
        log.info("modèle incorrect : %s", exc)
        raise InputError("Modèle incorrect : une balise ou un filtre ne peut pas être appliqué.") from None
    blocks = split_blocks(rendered)
    if len(_RENDERED) > 50_000:
        _RENDERED.clear()
    _RENDERED[key] = blocks
    return blocks


def split_blocks(rendered: str) -> list[Block]:
    """Headings ("# " written in the template) and paragraphs (separated by blank lines)."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(_strip_marks(" ".join(paragraph))))
            paragraph.clear()

    for line in rendered.split("\n"):
        stripped = line.strip()
        if not _strip_marks(stripped).strip():
            flush()
        elif stripped.startswith("# "):  # written in the template, not coming from a field
            flush()
            blocks.append(Block(_strip_marks(stripped[2:]).strip(), heading=True))
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def _strip_marks(text: str) -> str:
    return text.replace(FIELD_START, "").replace(FIELD_END, "")


def sample_context() -> dict[str, Any]:
    """Values used to check a template before saving it (every field present)."""
    org = {"nom": "Exemple SARL", "adresse": "1 rue de la Paix 75002 Paris", "telephone": "01 23 45 67 89",
           "email": "contact@exemple.fr", "contact_droits": "dpo@exemple.fr", "dpo": ""}  # fmt: skip
    return {
        "formule_appel": "Madame", "civilite": "Mme", "prenom": "Claire", "nom": "MARTIN",
        "societe": "", "reference": "C-000001", "date": business_date(),
        "campagne": {"nom": "Exemple", "objet": "Nos offres"}, "organisation": org,
        "source": {"nature": "partenaire", "nom": "Salon", "date": business_date(), "publique": False},
        "categories_donnees": "identité, adresse postale", "partenaires": "",
        "conservation_prospect": 3, "conservation_client": 3, "informe_le": business_date(),
    }  # fmt: skip


def check_texts(texts: dict[str, str]) -> None:
    """Refuse a template that does not compile or uses an unknown field (before it is saved)."""
    for part in PARTS:
        try:
            render_blocks(texts.get(part, ""), sample_context())
        except InputError as exc:
            raise InputError(f"{PART_LABELS[part]} : {exc}") from None
    if not texts.get("objection", "").strip():
        raise InputError("Le droit d'opposition doit figurer sur chaque courrier (RGPD art. 21).")


# --- versions -----------------------------------------------------------------------------------


def latest_version(session: Session, name: str = DEFAULT_NAME, *, save: bool = True) -> LetterTemplateVersion:
    """The newest version of a template; the built-in text becomes version 1 on first use (`save`
    False: returned unsaved, for a caller that writes only at its end)."""
    row = session.scalar(
        select(LetterTemplateVersion)
        .where(LetterTemplateVersion.name == name)
        .order_by(LetterTemplateVersion.number.desc())
        .limit(1)
    )
    if row is None:
        if name not in BUILT_IN:
            raise NotFoundError(f"Aucun modèle de courrier « {name} ».")
        row = LetterTemplateVersion(name=name, number=1, **BUILT_IN[name])
        if save:
            session.add(row)
            session.flush()
    return row


def template_names(session: Session) -> list[str]:
    names = set(session.scalars(select(LetterTemplateVersion.name).distinct()))
    return sorted(names | set(BUILT_IN))


def save_version(
    session: Session, name: str, texts: dict[str, str], created_by: str = ""
) -> LetterTemplateVersion:
    """Save the texts as a new version (an identical text keeps the current version)."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Donnez un nom au modèle de courrier.")
    check_texts(texts)
    number = session.scalar(
        select(func.max(LetterTemplateVersion.number)).where(LetterTemplateVersion.name == name)
    )
    if number:
        current = latest_version(session, name)
        if all(getattr(current, p) == texts.get(p, "") for p in PARTS):
            return current
    row = LetterTemplateVersion(
        name=name, number=(number or 0) + 1, created_by=created_by, **{p: texts.get(p, "") for p in PARTS}
    )
    session.add(row)
    session.flush()
    return row
