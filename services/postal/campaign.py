"""A postal campaign, from selection to envelopes (shared by the window and the command line).

    decision = preview(session, request)          # who gets a letter, who is left out and why
    outcome = run_postal_campaign(session, request, progress)

writes DIR/labels.pdf, DIR/letters.pdf and DIR/excluded.xlsx in the same order (letter n goes into the
envelope with label n), records the campaign, who received which template version and notice, and
marks as informed those who got the full notice (docs/rules.md §3.5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.compliance import InformedRecord
from models.journal import insert_journaled
from models.postal import CampaignRecipient, LetterTemplateVersion
from services.compliance.choices import objected_since, objection_marks
from services.compliance.notices_owed import owed_ids
from services.compliance.request_deadlines import add_months
from services.contacts.fields import SOURCE_KIND_LABELS
from services.contacts.selection import Selection
from services.core.errors import Cancelled, InputError
from services.core.locks import hold
from services.core.moments import business_date
from services.core.paths import output_dir
from services.core.pdf_watermark import draft_watermark
from services.core.settings import get_settings
from services.core.spreadsheet import Column, write_table
from services.postal.eligibility import (
    EXCLUSION_LABELS,
    Decision,
    Exclusion,
    Recipient,
    decide,
    only_people_owed_the_notice,
    set_aside,
    without_late_objectors,
)
from services.postal.label_sheets import LabelTemplate, get_template, printer_offset
from services.postal.labels import check_start_at, label_pages, labels_that_do_not_fit, write_labels
from services.postal.letter_templates import NOTICE_NAME, RECONSENT_NAME, latest_version, render_blocks
from services.postal.letters import Letter, Organisation, WindowPosition, write_letters

Progress = Callable[[int, int, str], bool]
NOTICE_LABELS = {
    "art13": "Notice complète (art. 13)",
    "art14": "Notice complète (art. 14)",
    "reminder": "Rappel",
}
FILES = ("labels.pdf", "letters.pdf", "excluded.xlsx")
RECORD_BATCH = 5_000  # letters recorded per statement: the rows of 100,000 letters are never all built


@dataclass
class PostalRequest:
    name: str
    selection: Selection = field(default_factory=Selection)
    template_code: str = "L7160"
    start_at: int = 1
    purpose: str = ""
    letter_template: str = ""  # "" = the default template (setting postal.letter_template)
    one_per_household: bool = False
    printer: str = ""  # whose saved offset applies
    on: date | None = None
    created_by: str = ""
    # docs/rules.md §3.2: only the people still owed the art. 14 notice, with the information letter.
    notice_only: bool = False
    # docs/rules.md §6.4: only the people past their retention term, with the re-consent letter.
    reconsent: bool = False
    # Issue 15: the people set aside after checking their doubtful address (contact ids).
    set_aside: list[int] = field(default_factory=list)

    @property
    def letter_kind(self) -> str:
        return "reconsent" if self.reconsent else "notice" if self.notice_only else "offer"


@dataclass
class PostalOutcome:
    campaign_id: int
    recipients: int  # letters (= labels)
    people: int  # persons reached (household letters reach several)
    excluded: dict[str, int]
    label_pages: int
    letter_pages: int
    template_version: str
    folder: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign_id": self.campaign_id,
            "recipients": self.recipients,
            "people": self.people,
            "excluded": self.excluded,
            "excluded_labels": {k: EXCLUSION_LABELS[k] for k in self.excluded},
            "label_pages": self.label_pages,
            "letter_pages": self.letter_pages,
            "template_version": self.template_version,
            "files": [str(self.folder / f) for f in FILES],
        }


def check_request(req: PostalRequest, template: LabelTemplate) -> None:
    if not req.name.strip():
        raise InputError("Donnez un nom à la campagne.")
    check_start_at(template, req.start_at)


def preview(session: Session, req: PostalRequest) -> Decision:
    """Who would get a letter and a label, and who is left out with the reason (nothing is recorded)."""
    template = get_template(session, req.template_code)
    check_request(req, template)
    if req.notice_only and req.reconsent:
        raise InputError("Une campagne est soit d'information seule, soit de renouvellement, pas les deux.")
    decision = decide(session, req.selection, today=req.on or business_date(),
                      one_per_household=req.one_per_household, reconsent=req.reconsent)  # fmt: skip
    if req.notice_only:
        decision = only_people_owed_the_notice(decision, owed_ids(session))
    if req.set_aside:
        decision = set_aside(decision, set(req.set_aside))
    _exclude_overflowing_labels(decision, template)
    return decision


def _exclude_overflowing_labels(decision: Decision, template: LabelTemplate) -> None:
    """An address that cannot fit the label, even at the smallest size, is reported, not printed."""
    too_big = set(labels_that_do_not_fit([r.block.lines for r in decision.recipients], template))
    if not too_big:
        return
    kept = []
    for i, r in enumerate(decision.recipients):
        if i in too_big:
            for m in r.members:
                decision.excluded.append(
                    Exclusion(m.id, r.block.lines[0], m.postcode, m.city, "label_overflow", template.code)
                )
        else:
            kept.append(r)
    decision.recipients = kept


def _categories(m: Any) -> str:
    """docs/rules.md §3.2 art. 14: the categories of data held about the person."""
    cats = ["identité", "adresse postale"]
    if m.phone or m.mobile:
        cats.append("numéro de téléphone")
    if m.email:
        cats.append("adresse e-mail")
    return ", ".join(cats)


def _salutation(r: Recipient) -> str:
    civilities = {m.civility for m in r.members}
    if civilities == {"Mme"}:
        return "Madame"
    if civilities == {"M."}:
        return "Monsieur"
    return "Madame, Monsieur"


def letter_context(
    r: Recipient, settings: dict[str, Any], campaign: dict[str, str], on: date
) -> dict[str, Any]:
    """What a template can print for one letter (the fields listed beside the editor)."""
    m = r.first
    return {
        "formule_appel": _salutation(r),
        "civilite": m.civility, "prenom": m.first_name, "nom": m.last_name, "societe": m.company,
        "reference": ", ".join(r.refs), "date": on, "campagne": campaign,
        "organisation": {
            "nom": settings["org.name"], "adresse": " ".join(settings["org.address"].split()),
            "telephone": settings["org.phone"], "email": settings["org.email"],
            "contact_droits": settings["org.rights_contact"], "dpo": settings["org.dpo"],
        },
        "source": {
            "nature": SOURCE_KIND_LABELS.get(m.source_kind, m.source_kind).lower(), "nom": m.source_name,
            "date": m.source_date, "publique": m.source_kind == "public",
        },
        "categories_donnees": _categories(m), "partenaires": settings["postal.partner_categories"],
        "conservation_prospect": settings["rules.prospect_retention_years"],
        "conservation_client": settings["rules.customer_retention_years"],
        "informe_le": r.informed_on or on,
        "repondre_avant": add_months(on, int(settings["rules.reconsent_delay_months"])),
    }  # fmt: skip


def iter_letters(
    recipients: Iterable[Recipient], version: LetterTemplateVersion, settings: dict[str, Any],
    campaign: dict[str, str], on: date,
) -> Iterator[Letter]:  # fmt: skip
    """Each recipient's letter, rendered when the PDF writer asks for it: a campaign never holds all
    of its letters' texts at once."""
    notice_text = {"art13": version.notice_art13, "art14": version.notice_art14, "reminder": version.reminder}
    for r in recipients:
        ctx = letter_context(r, settings, campaign, on)
        yield Letter(
            r.refs,
            r.block.lines,
            render_blocks(version.body, ctx),
            render_blocks(notice_text[r.notice], ctx),
            render_blocks(version.objection, ctx),
        )


def build_letters(
    recipients: list[Recipient], version: LetterTemplateVersion, settings: dict[str, Any],
    campaign: dict[str, str], on: date, progress: Progress | None = None,
) -> list[Letter]:  # fmt: skip
    """Every letter at once (a preview, a benchmark); a campaign streams them (iter_letters)."""
    letters = []
    total = len(recipients)
    for n, letter in enumerate(iter_letters(recipients, version, settings, campaign, on)):
        letters.append(letter)
        if progress is not None and n % 500 == 0 and not progress(n, total, "Préparation des courriers…"):
            raise Cancelled("Campagne annulée : rien n'a été enregistré.")
    return letters


EXCLUDED_COLUMNS = [
    Column("Référence"), Column("Nom"), Column("Code postal"), Column("Ville"), Column("Motif"), Column("Détail"),
]  # fmt: skip


def write_excluded(path: Path, excluded: list[Exclusion]) -> None:
    rows = [(e.ref, e.name, e.postcode, e.city, e.label, e.detail) for e in excluded]
    write_table(path, "Exclus", EXCLUDED_COLUMNS, rows)


def check_organisation_identity(settings: dict[str, object]) -> None:
    """docs/rules.md §3.1: every notice names the organisation and how to reach it (art. 13 and 14)."""
    missing = [
        label
        for key, label in (("org.name", "le nom"), ("org.address", "l'adresse"))
        if not str(settings.get(key) or "").strip()
    ]
    if missing:
        raise InputError(
            f"Renseignez {' et '.join(missing)} de l'organisation dans les Réglages : chaque notice "
            "d'information doit nommer le responsable du traitement et dire comment le joindre (RGPD, art. 13 et 14)."
        )


def run_postal_campaign(
    session: Session, req: PostalRequest, out_dir: Path, progress: Progress | None = None
) -> PostalOutcome:
    """Decide, write the three files, then record; Cancel (progress -> False) rolls everything back.

    docs/rules.md §5.1: the files are made first; then, holding the objections lock until the commit,
    the campaign looks for anyone who objected to post (or was erased, or ticked the post refusal) while
    they were made, and makes them again without those people before recording who was written to."""
    settings = get_settings(session)
    check_organisation_identity(settings)
    out_dir = output_dir(Path(out_dir))  # created if needed, like any "save to folder"
    on = req.on or business_date()
    template = get_template(session, req.template_code)
    # Nothing is written before the files are made: on SQLite a write would lock out every other
    # workstation (an objection) for the whole printing.
    version = _letter_version(session, req, settings)
    marks = objection_marks(session)
    decision = preview(session, req)
    if not decision.recipients:
        raise InputError("Personne ne peut recevoir cette campagne : voyez les exclus et leurs motifs.")
    names = {"nom": req.name.strip(), "objet": req.purpose.strip()}
    written: list[Path] = []
    try:
        pages, letter_pages = _write_files(session, req, settings, decision, version, template, names, on,
                                           out_dir, written, progress)  # fmt: skip
        hold(session, "objections")
        late = objected_since(session, marks, "post", [m.id for r in decision.recipients for m in r.members])
        if late:
            decision = without_late_objectors(decision, late)
            if not decision.recipients:
                raise InputError(
                    "Personne ne peut plus recevoir cette campagne : tous se sont opposés entre-temps."
                )
            pages, letter_pages = _write_files(session, req, settings, decision, version, template, names, on,
                                               out_dir, written, progress)  # fmt: skip
        if version.id is None:  # the built-in letter, used for the first time
            session.add(version)
        campaign = Campaign(
            kind="postal", name=names["nom"], purpose=names["objet"], subject="", letter_kind=req.letter_kind,
            selection=req.selection.to_json(), run_on=on, created_by=req.created_by,
        )  # fmt: skip
        session.add(campaign)
        session.flush()
        _record(session, campaign.id, decision.recipients, version, on)
    except BaseException:
        for path in written:  # the files and the records go together, or not at all
            path.unlink(missing_ok=True)
        raise
    return PostalOutcome(
        campaign.id,
        decision.letters,
        decision.people,
        decision.counts(),
        pages,
        letter_pages,
        version.label,
        out_dir,
    )


def _letter_version(session: Session, req: PostalRequest, settings: dict[str, Any]) -> LetterTemplateVersion:
    """The letter the campaign prints: the one chosen, else the information or the re-consent letter for
    those campaigns, else the default (setting postal.letter_template)."""
    default = (
        NOTICE_NAME
        if req.notice_only
        else RECONSENT_NAME
        if req.reconsent
        else settings["postal.letter_template"]
    )
    return latest_version(session, req.letter_template or default, save=False)


def draft_postal_campaign(
    session: Session, req: PostalRequest, out_dir: Path, progress: Progress | None = None
) -> PostalOutcome:
    """Issue 15: the labels and letters exactly as the campaign would print them, every page marked
    « BROUILLON », and nothing recorded (no campaign, nobody informed) — seen before « enregistrer »."""
    settings = get_settings(session)
    check_organisation_identity(settings)
    out_dir = output_dir(Path(out_dir))
    on = req.on or business_date()
    template = get_template(session, req.template_code)
    version = _letter_version(session, req, settings)
    decision = preview(session, req)
    if not decision.recipients:
        raise InputError("Personne ne peut recevoir cette campagne : voyez les exclus et leurs motifs.")
    names = {"nom": req.name.strip(), "objet": req.purpose.strip()}
    with draft_watermark():
        pages, letter_pages = _write_files(session, req, settings, decision, version, template, names, on,
                                           out_dir, [], progress)  # fmt: skip
    return PostalOutcome(0, decision.letters, decision.people, decision.counts(), pages, letter_pages,
                         version.label, out_dir)  # fmt: skip


def _write_files(
    session: Session, req: PostalRequest, settings: dict[str, Any], decision: Decision,
    version: LetterTemplateVersion, template: LabelTemplate, names: dict[str, str], on: date, out_dir: Path,
    written: list[Path], progress: Progress | None,
) -> tuple[int, int]:  # fmt: skip
    """labels.pdf, letters.pdf and excluded.xlsx for this decision, in the same order."""
    blocks = [r.block.lines for r in decision.recipients]
    window = WindowPosition(float(settings["postal.window_left_mm"]), float(settings["postal.window_top_mm"]))
    pages = write_labels(
        out_dir / "labels.pdf", blocks, template, start_at=req.start_at,
        offset_mm=printer_offset(session, req.printer), progress=progress,
    )  # fmt: skip
    written.append(out_dir / "labels.pdf")
    letters = iter_letters(decision.recipients, version, settings, names, on)
    letter_pages = write_letters(
        out_dir / "letters.pdf", letters, Organisation.from_settings(settings), on=on, window=window,
        progress=progress, title=names["nom"], total=decision.letters,
    )  # fmt: skip
    written.append(out_dir / "letters.pdf")
    write_excluded(out_dir / "excluded.xlsx", decision.excluded)
    written.append(out_dir / "excluded.xlsx")
    return pages, letter_pages


def _record(session: Session, campaign_id: int, recipients: list[Recipient], version: LetterTemplateVersion,
            on: date) -> None:  # fmt: skip
    """Who got letter n with which version and notice; docs/rules.md §3.5: who is now informed, by what.
    Written RECORD_BATCH letters at a time, in the campaign's one transaction: all of them or none."""
    for start in range(0, len(recipients), RECORD_BATCH):
        rows, informed = [], []
        for position, r in enumerate(recipients[start : start + RECORD_BATCH], start=start + 1):
            address = "\n".join(r.block.lines)
            for m in r.members:
                rows.append({"campaign_id": campaign_id, "contact_id": m.id, "position": position,
                             "template_version_id": version.id, "notice": r.notice, "address": address,
                             "sent_on": on})  # fmt: skip
                informed.append({"contact_id": m.id, "informed_on": on, "document": "letter",
                                 "full_notice": r.notice != "reminder", "notice_version": version.label,
                                 "campaign_id": campaign_id})  # fmt: skip
        session.execute(insert(CampaignRecipient), rows)
        insert_journaled(session, InformedRecord.__table__, informed, f"campagne n° {campaign_id}")


def expected_label_pages(req: PostalRequest, template: LabelTemplate, count: int) -> int:
    return label_pages(count, template, req.start_at)
