"""Words the window shows that come from a table of values (a status, a channel, a field's name): translated
in the context "Labels". The services keep them, in French; `gui/labels_catalog.py`, generated from the
same tables by resources/i18n/update_translations.py, lists each one literally so that lupdate sees
them (tests/gui/test_translations.py checks the catalog is up to date)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# The tables whose values reach the window, as "module:NAME" (a dict's values, or a sequence of pairs'
# second items).
SOURCES = (
    "services.contacts.fields:FIELD_LABELS", "services.contacts.fields:SOURCE_KIND_LABELS",
    "services.contacts.fields:STATUS_LABELS", "services.contacts.fields:PERSON_KIND_LABELS",
    "services.contacts.history:SCOPE_LABELS", "services.contacts.history:CHANNEL_LABELS",
    "services.compliance.request_deadlines:KIND_LABELS", "services.compliance.request_deadlines:OUTCOME_LABELS",
    "services.compliance.request_deadlines:STATUS_LABELS", "services.partners.notices:EVENT_LABELS",
    "services.partners.notices:STATUS_LABELS", "services.phone.eligibility:SUBJECT_CATEGORIES",
    "services.phone.call_log:OUTCOME_LABELS", "services.importing.outcome:ACTION_LABELS",
    "services.importing.outcome:PLANNED_LABELS", "services.postal.eligibility:EXCLUSION_LABELS",
    "models.compliance:CONSENT_CHANNEL_LABELS", "models.compliance:INFORMED_DOCUMENT_LABELS",
    "gui.campaigns_screen:STATUS_CHOICES", "gui.campaigns_screen:SOURCE_CHOICES",
    "gui.choices_panel:PROOF_KINDS", "gui.label_setup_panel:GEOMETRY_FIELDS",
    "gui.letter_template_editor:SHORT_LABELS", "services.postal.letter_templates:PART_LABELS",
    "gui.requests_screen:CHANNEL_LABELS", "gui.propagation_screen:PropagationScreen.FILTERS",
    "gui.requests_screen:RequestsScreen.COLUMNS", "gui.calls_screen:OUTCOME_KEYS",
    "services.compliance.dashboard:CONTACT_VIEWS", "services.compliance.dashboard_charts:CHART_WORDS",
    "services.compliance.dashboard_charts:MONTH_NAMES",
)  # fmt: skip


def tr_label(text: str) -> str:
    """A value's French words, through the translation (the catalog holds them for lupdate)."""
    return QCoreApplication.translate("Labels", text)


def catalog_texts() -> list[str]:
    """Every text of SOURCES, in a stable order (what the catalog must list)."""
    import importlib

    found: dict[str, None] = {}
    for source in SOURCES:
        module, _, path = source.partition(":")
        value: object = importlib.import_module(module)
        for part in path.split("."):
            value = getattr(value, part)
        items = list(value.values()) if isinstance(value, dict) else list(value)  # type: ignore[call-overload]  # a dict or a sequence
        for item in items:
            text = item if isinstance(item, str) else item[-1]  # pairs and triples end with their label
            if isinstance(text, str) and text:
                found.setdefault(text)
    return list(found)
