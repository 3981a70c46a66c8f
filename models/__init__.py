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
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from models.phone import Callback, CallLogEntry, Contract
from models.requests import DataRequest
from models.setting import Setting

__all__ = [
    "Base",
    "CallLogEntry",
    "Callback",
    "Campaign",
    "ConsentRecord",
    "Contact",
    "ContactSource",
    "ContactTag",
    "Contract",
    "DataRequest",
    "Form",
    "FormVersion",
    "ImportRecord",
    "InformedRecord",
    "MappingPreset",
    "Opposition",
    "Partner",
    "PropagationNotice",
    "Setting",
    "SuppressionEntry",
    "Transmission",
    "TransmissionLine",
]
