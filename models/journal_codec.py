"""How the journal writes a row (docs/rules.md §10.2): which tables and which of their columns are
personal, the canonical encoding of values, the row digests, the sealed payloads and the chain's hash.

A row is encoded as the JSON array of its values in the order of its table's *layout*: the sorted
names of its columns, non-personal and personal apart. Each layout has a short tag, written in every
digest and payload, so that when a later version adds a column the rows journaled before it are still
read with the layout they were written with (LAYOUTS keeps every layout ever used; a test checks that
the current ones are in it — docs/architecture.md, "The journal").
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class Journaled:
    """How a table is journaled: its rows' contact, and the columns that are personal data."""

    contact: Callable[[dict[str, Any]], int | None]
    personal: frozenset[str]
    skip: frozenset[str] = frozenset()  # not part of the state (derived or the key itself)
    key_column: str = "id"
    # Rows the database layer keeps for itself, outside any session and any person's choice: not journaled,
    # not compared by audit verify (else each day's integrity check would read as a row edited by hand).
    untracked: frozenset[str] = frozenset()

    def ref(self, row: dict[str, Any]) -> str:
        return str(row[self.key_column])


def _own(row: dict[str, Any]) -> int | None:
    return row.get("id")


def _of(row: dict[str, Any]) -> int | None:
    return row.get("contact_id")


def _none(row: dict[str, Any]) -> int | None:
    return None


CONTACT_PERSONAL = frozenset({
    "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "cedex", "phone", "mobile", "email", "notes",
    "to_check_reasons",
})  # fmt: skip
# The records that prove compliance (docs/rules.md §10.2): what each holds that is personal.
JOURNALED: dict[str, Journaled] = {
    "contacts": Journaled(_own, CONTACT_PERSONAL, frozenset({"journal_key", "search_text"})),
    "contact_sources": Journaled(_of, frozenset()),  # its note names a file or an event, not the person
    "consent_records": Journaled(_of, frozenset({"proof"})),
    "oppositions": Journaled(_of, frozenset({"note", "void_reason"})),
    "propagation_notices": Journaled(_of, frozenset({"identifiers", "detail"})),
    "data_requests": Journaled(_of, frozenset({"requester", "details", "answer"})),
    "call_log": Journaled(_of, frozenset({"phone", "note"})),
    "informed_records": Journaled(_of, frozenset()),
    "suppression_entries": Journaled(_none, frozenset()),
    "contracts": Journaled(_of, frozenset({"note"})),
    "transmissions": Journaled(_none, frozenset()),
    "transmission_lines": Journaled(_of, frozenset()),
    "campaigns": Journaled(_none, frozenset()),
    # models.database.INTEGRITY_KEY: the day SQLite's quick_check last passed.
    "settings": Journaled(
        _none, frozenset(), key_column="key", untracked=frozenset({"integrity.checked_on"})
    ),
    "form_versions": Journaled(_none, frozenset()),
    "forms": Journaled(_none, frozenset()),
    "partners": Journaled(_none, frozenset()),
}


# --- values --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _moment(value: datetime) -> str:
    # (cached: an import writes the same created_at on 100,000 rows)
    if value.tzinfo is not None and value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")


def canonical(value: Any) -> Any:
    """A value as the journal writes it: stable across engines and drivers."""
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return value
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, Decimal):
        return str(value)
    return value


ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _list_encoder() -> Callable[[list[Any]], str]:
    """ENCODE for a list of values, without building a new encoder on every call (JSONEncoder.encode does:
    a 100,000-row import encodes 200,000 lists). The same C encoder with the same settings, so the same
    text; without the C accelerator, ENCODE itself."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return ENCODE
    # markers None: rows hold no cycles; JSONEncoder's own default (a TypeError for any other type).
    encoder = make(
        None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )

    def encode(values: list[Any]) -> str:
        return "".join(encoder(values, 0))

    return encode


ENCODE_LIST = _list_encoder()


# --- layouts -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    table: str
    plain: tuple[str, ...]
    personal: tuple[str, ...]

    @cached_property
    def tag(self) -> str:
        # (cached: an import asks for it once per row)
        return hashlib.sha256(ENCODE([self.table, self.plain, self.personal]).encode()).hexdigest()[:8]

    @cached_property
    def typed(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The positions, in plain and personal, of the columns whose values JSON cannot write as they are
        (dates, moments, bytes): only those are converted (an import encodes 100,000 rows)."""
        return _typed_positions(self)


@lru_cache(maxsize=64)
def _typed_positions(lay: Layout) -> tuple[tuple[int, ...], tuple[int, ...]]:
    import models  # every table registered

    columns = models.Base.metadata.tables[lay.table].columns
    native = (int, str, bool)

    def typed(names: tuple[str, ...]) -> tuple[int, ...]:
        out = []
        for i, name in enumerate(names):
            try:
                python_type = columns[name].type.python_type
            except (
                KeyError,
                NotImplementedError,
            ):  # SQLAlchemy raises it for a type that names no Python type
                python_type = object  # converted, to be safe
            if python_type not in native:
                out.append(i)
        return tuple(out)

    return typed(lay.plain), typed(lay.personal)


@lru_cache(maxsize=64)
def layout(table: str) -> Layout:
    """The table's current layout, from its columns in the models."""
    import models  # every table registered (this runs on first use, long after start-up)

    spec = JOURNALED[table]
    names = sorted(c.key for c in models.Base.metadata.tables[table].columns if c.key not in spec.skip)
    return Layout(
        table,
        tuple(n for n in names if n not in spec.personal),
        tuple(n for n in names if n in spec.personal),
    )


# Every layout rows were ever journaled with, by tag: the current ones, and (when a migration adds a column
# to a journaled table) the earlier ones, written out here so that older digests stay checkable.
PAST_LAYOUTS: tuple[Layout, ...] = (
    # Before migration 0016 (a typing error's objection voided, docs/rules.md §5.10).
    Layout("oppositions", ("channel", "contact_id", "created_at", "from_partner_id", "id", "lifted_by_consent_id",
                           "received_on", "recorded_by", "scope"), ("note",)),
    Layout("propagation_notices", ("acknowledged_on", "contact_id", "created_at", "due_on", "event", "id", "line_id",
                                   "method", "opposition_id", "overdue_on", "partner_id", "scope", "sent_on"),
           ("detail", "identifiers")),
    Layout("suppression_entries", ("created_at", "hash", "id", "kind", "opposed_on", "scope"), ()),
)  # fmt: skip


@lru_cache(maxsize=1)
def layouts() -> dict[str, Layout]:
    found = {lay.tag: lay for lay in PAST_LAYOUTS}
    found.update({(lay := layout(t)).tag: lay for t in JOURNALED})
    return found


# --- digests and payloads ------------------------------------------------------------------------------


def _state(tag: str, plain: bytes, personal: bytes | None, key: bytes | None) -> str:
    """ "tag:plain[:personal]": the non-personal values hashed, the personal ones keyed with the contact's key
    (never a plain hash of a name, which a dictionary reverses); without a key the personal part is left out."""
    state = f"{tag}:{hashlib.sha256(plain).hexdigest()}"
    if key is not None and personal is not None:
        state += ":" + hashlib.blake2b(personal, key=key, digest_size=32).hexdigest()  # a keyed MAC
    return state


def _encoded(row: dict[str, Any], lay: Layout) -> tuple[bytes, bytes | None]:
    return ENCODE_LIST(_plain_values(row, lay)).encode(), _personal(row, lay)


def _plain_values(row: dict[str, Any], lay: Layout) -> list[Any]:
    plain_values = list(map(row.get, lay.plain))  # (map: a 100,000-row import encodes as many rows)
    for i in lay.typed[0]:
        if (value := plain_values[i]) is not None:
            plain_values[i] = canonical(value)
    return plain_values


def _personal(row: dict[str, Any], lay: Layout) -> bytes | None:
    if not lay.personal:
        return None
    personal_values = list(map(row.get, lay.personal))
    for i in lay.typed[1]:
        if (value := personal_values[i]) is not None:
            personal_values[i] = canonical(value)
    return ENCODE_LIST(personal_values).encode()


def bulk_states(table: str, rows: list[dict[str, Any]], keys: list[bytes | None]) -> list[str]:
    """state_of of each row of a bulk write, in less time: the rows of an import share every non-personal
    value but their id, so the text of that part is built once for each set of shared values and the id
    written into it — the same bytes as state_of (tests/compliance/test_journal_layouts.py compares them)."""
    lay = layout(table)
    if "id" not in lay.plain:
        return [state_of(table, row, key) for row, key in zip(rows, keys, strict=True)]
    at = lay.plain.index("id")
    others = lay.plain[:at] + lay.plain[at + 1 :]
    texts: dict[tuple[Any, ...], tuple[str, str]] = {}
    out = []
    for row, key in zip(rows, keys, strict=True):
        ident = row.get("id")
        if type(ident) is not int or len(texts) > 1000:  # not an id JSON writes as is; too varied to share
            out.append(_state(lay.tag, *_encoded(row, lay), key))
            continue
        shared = tuple(map(row.get, others))
        parts = texts.get(shared)
        if parts is None:
            values = _plain_values(row, lay)
            before = ENCODE_LIST(values[:at])[:-1] + ("," if at else "")  # « [a,b, »
            after = ("," + ENCODE_LIST(values[at + 1 :])[1:]) if at + 1 < len(values) else "]"  # « ,c,d] »
            parts = texts[shared] = (before, after)
        plain = f"{parts[0]}{ident}{parts[1]}".encode()
        out.append(_state(lay.tag, plain, _personal(row, lay), key))
    return out


def state_of(table: str, row: dict[str, Any], key: bytes | None, tag: str | None = None) -> str:
    """The row's digests with its table's current layout (or the layout `tag` names, for older events)."""
    lay = layout(table) if tag is None else layouts()[tag]
    plain, personal = _encoded(row, lay)
    return _state(lay.tag, plain, personal, key)


def same_state(recorded: str, table: str, row: dict[str, Any], key: bytes | None) -> bool:
    """Whether a live row still has the digests its last event recorded. Without the key (the person was
    erased) only the non-personal part can be compared."""
    tag = recorded.split(":", 1)[0]
    if tag not in layouts():
        return False
    live = state_of(table, row, key, tag)
    if live == recorded:
        return True
    return key is None and recorded.split(":")[:2] == live.split(":")[:2]


@lru_cache(maxsize=1)
def _aesgcm() -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # on first use: not on the start-up path

    return AESGCM


def _seal(key: bytes, plain: bytes) -> str:
    nonce = os.urandom(12)
    return "enc:" + base64.b64encode(nonce + _aesgcm()(key).encrypt(nonce, plain, None)).decode()


def _payload_text(tag: str, plain: bytes, personal: bytes | None, key: bytes | None) -> str:
    """{"t": tag, "v": [plain values, personal values]}, sealed when personal values are in it; without a
    key (erased) the personal values stay out."""
    if personal is None or key is None:
        return f'{{"t":"{tag}","v":[{plain.decode()}]}}'
    return _seal(key, f'{{"t":"{tag}","v":[{plain.decode()},{personal.decode()}]}}'.encode())


def inserted(table: str, row: dict[str, Any], key: bytes | None) -> tuple[str, str]:
    """A new row's (after, state), each value encoded once for both (an import writes 100,000)."""
    lay = layout(table)
    plain, personal = _encoded(row, lay)
    return _payload_text(lay.tag, plain, personal, key), _state(lay.tag, plain, personal, key)


def payload(table: str, values: dict[str, Any], key: bytes | None) -> str:
    """Some fields, before or after a change: [[name, value, ...]], sealed when a personal one is in it."""
    if not values:
        return ""
    spec = JOURNALED[table]
    names = sorted(n for n in values if n not in spec.skip)
    plain = [x for n in names if n not in spec.personal for x in (n, canonical(values[n]))]
    personal = [x for n in names if n in spec.personal for x in (n, canonical(values[n]))]
    if not personal or key is None:
        return ENCODE([plain]) if plain else ""
    return _seal(key, ENCODE([plain, personal]).encode())


def open_sealed(key: bytes | None, stored: str) -> dict[str, Any] | None:
    """The values of an event's before/after, or None when they are sealed and the key is gone."""
    if not stored:
        return {}
    if stored.startswith("enc:"):
        if key is None:
            return None
        raw = base64.b64decode(stored[4:])
        stored = _aesgcm()(key).decrypt(raw[:12], raw[12:], None).decode()
    data = json.loads(stored)
    if isinstance(data, dict):  # a whole row, in its layout
        lay = layouts().get(data["t"])
        if lay is None:
            return {}
        values = dict(zip(lay.plain, data["v"][0], strict=False))
        if len(data["v"]) > 1:
            values.update(zip(lay.personal, data["v"][1], strict=False))
        return values
    found: dict[str, Any] = {}
    for pairs in data:  # some fields: [[name, value, ...], [personal pairs]]
        found.update(zip(pairs[::2], pairs[1::2], strict=True))
    return found


# --- the chain ------------------------------------------------------------------------------------------

CHAINED = ("seq", "at", "os_user", "host", "db_role", "table_name", "row_ref", "contact_id", "action",
           "before", "after", "state", "seeded", "prev_hash")  # fmt: skip


def chain_hash(e: Any) -> str:
    """SHA-256 over the canonical encoding (a JSON array, in CHAINED's order) of an event, its
    predecessor's hash included."""
    values = [e[f] for f in CHAINED]
    values[1] = canonical(values[1])
    values[12] = bool(values[12])
    return chain_digest(values)


def chain_digest(values: list[Any]) -> str:
    return hashlib.sha256(ENCODE_LIST(values).encode()).hexdigest()
