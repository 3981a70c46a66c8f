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
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from models.postal import (
    CampaignRecipient,
    CustomLabelTemplate,
    LetterTemplateVersion,
    NpaiReturn,
    PrinterOffset,
)
from models.setting import Setting

__all__ = [
    "Base",
    "Campaign",
    "CampaignRecipient",
    "ConsentRecord",
    "Contact",
    "ContactSource",
    "ContactTag",
    "CustomLabelTemplate",
    "Form",
    "FormVersion",
    "InformedRecord",
    "LetterTemplateVersion",
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
