"""SQLAlchemy mapped classes and the database setup (no Qt here).

Importing this package registers every table on `Base.metadata`, which Alembic compares against.
"""

from models.base import Base
from models.campaign import Campaign
from models.compliance import (
    ConsentRecord,
    Form,
    FormVersion,
    InformedRecord,
    Opposition,
    SuppressionEntry,
)
from models.contact import Contact, ContactSource, ContactTag
from models.imports import ImportRecord, MappingPreset
from models.journal import JournalEvent
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from models.phone import Callback, CallLogEntry, Contract
from models.postal import (
    CampaignRecipient,
    CustomLabelTemplate,
    LetterTemplateVersion,
    NpaiReturn,
    PrinterOffset,
)
from models.requests import DataRequest
from models.setting import Setting

__all__ = [
    "Base",
    "CallLogEntry",
    "Callback",
    "Campaign",
    "CampaignRecipient",
    "ConsentRecord",
    "Contact",
    "ContactSource",
    "ContactTag",
    "Contract",
    "CustomLabelTemplate",
    "DataRequest",
    "Form",
    "FormVersion",
    "ImportRecord",
    "InformedRecord",
    "JournalEvent",
    "LetterTemplateVersion",
    "MappingPreset",
    "NpaiReturn",
    "Opposition",
    "Partner",
    "PrinterOffset",
    "PropagationNotice",
    "Setting",
    "SuppressionEntry",
    "Transmission",
    "TransmissionLine",
]
