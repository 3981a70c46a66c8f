"""The journal's layouts (models/journal_codec.py): a row's digest is computed over its table's columns as they
were when the event was written. When a migration changes the columns of a journaled table, the earlier
layout must be kept in PAST_LAYOUTS, or every row journaled before would read as « modifiée »."""

from __future__ import annotations

from models.journal_codec import JOURNALED, PAST_LAYOUTS, layout, layouts

# The tags of the layouts this version writes. A change here means a journaled table's columns changed:
# copy its previous Layout(table, plain, personal) into PAST_LAYOUTS, then update the tag below.
CURRENT = {
    "contacts": "6287abf9", "contact_sources": "cd8878f6", "consent_records": "eebc2410", "oppositions": "7ed9fa65",
    "propagation_notices": "d3acb918", "data_requests": "6557f310", "call_log": "1c9827f9",
    "informed_records": "d2615a38", "suppression_entries": "8a528345", "contracts": "ab1ac3ff",
    "transmissions": "9b1d7b12", "transmission_lines": "b32cdada", "campaigns": "cd5c8d13", "settings": "9f3ad24f",
    "form_versions": "59d06eb1", "forms": "2fb69eb9", "partners": "8f7ab15c",
}  # fmt: skip


def test_a_change_of_columns_keeps_the_earlier_layout() -> None:
    changed = {t: layout(t).tag for t in JOURNALED if layout(t).tag != CURRENT.get(t)}
    assert changed == {}, "a journaled table's columns changed: keep its earlier layout in PAST_LAYOUTS"


def test_every_layout_ever_written_can_be_read() -> None:
    known = layouts()
    assert set(CURRENT.values()) <= set(known)
    assert all(lay.tag in known for lay in PAST_LAYOUTS)
