"""The journal's layouts (models/journal_codec.py): a row's digest is computed over its table's columns as they
were when the event was written. When a migration changes the columns of a journaled table, the earlier
layout must be kept in PAST_LAYOUTS, or every row journaled before would read as « modifiée »."""

from __future__ import annotations

from models.database import Database
from models.journal_codec import JOURNALED, PAST_LAYOUTS, bulk_states, layout, layouts, state_of

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


def test_a_bulk_writes_digests_are_each_rows_own(db: Database) -> None:
    """bulk_states builds the shared part of an import's rows once: the digests must be state_of's, byte for
    byte, whatever the rows share or not (dates, empty values, a first or last column, an id missing)."""
    from datetime import UTC, date, datetime

    from sqlalchemy import select

    from models.contact import Contact
    from services.contacts.demo import add_demo_contacts

    with db.session() as s:
        add_demo_contacts(s, 250)
        rows = [dict(r) for r in s.execute(select(Contact.__table__)).mappings()]
    moment = datetime(2026, 11, 30, 9, 15, 1, 123, tzinfo=UTC)
    rows += [
        {**rows[0], "id": 10**12, "source_date": date(2024, 2, 29), "created_at": moment},
        {**rows[1], "id": None},
        {**rows[2], "id": True},
        {**rows[3], "customer_until": None, "npai_on": date(2026, 1, 2), "to_check": True},
    ]
    keys = [row["journal_key"] for row in rows]
    assert bulk_states("contacts", rows, keys) == [
        state_of("contacts", r, k) for r, k in zip(rows, keys, strict=True)
    ]
    for table, spec in JOURNALED.items():  # a first column, a last one, or no id at all
        lay = layout(table)
        row = {name: i for i, name in enumerate(lay.plain + lay.personal)}
        other = {**row, spec.key_column: 7}
        assert bulk_states(table, [row, other], [None, None]) == [
            state_of(table, row, None),
            state_of(table, other, None),
        ]
