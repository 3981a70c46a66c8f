"""Cleaning a whole imported row: every rule of services.importing.cleaning applied in order, column
indexes resolved once per file, the warnings gathered for the report."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from services.importing.cleaning import (
    CleanRow,
    check_city,
    clean_answer,
    clean_civility,
    clean_country,
    clean_date,
    clean_email,
    clean_first_name,
    clean_last_name,
    clean_person_kind,
    clean_phone,
    clean_postcode,
    clean_status,
    clean_tags,
    limit,
    not_in_future,
    refusal_reason,
    split_cedex,
    trim,
)
from services.importing.mapping import CONSENT_FIELDS, ColumnPlan
from services.importing.reading import cell_text

# --- a whole row ----------------------------------------------------------------------------------

_TEXT_FIELDS = (
    "address_complement", "address_building", "address_street", "address_extra", "city", "company",
)  # fmt: skip
_CONSENT_LABELS = {
    "refuse_post": "Refus courrier", "refuse_phone": "Refus téléphone",
    "accept_phone": "Accord téléphone", "refuse_partners": "Refus partenaires",
}  # fmt: skip


class RowCleaner:
    """Every rule applied to one row of cells, in order (column indexes resolved once per file).

    Only non-empty values are kept in CleanRow.values (memory at 100,000 rows): read them with .get().
    """

    def __init__(self, plan: ColumnPlan, default_kind: str = "consumer", today: date | None = None) -> None:
        cols = plan.columns
        self.width = max(cols.values(), default=-1) + 1
        self.text_cols = [(n, cols[n]) for n in _TEXT_FIELDS if n in cols]
        self.date_cols = [(n, cols[n], label) for n, label in _DATE_LABELS.items() if n in cols]
        self.consent_cols = [(n, cols[n]) for n in CONSENT_FIELDS if n in cols]
        self.col = {n: cols.get(n) for n in (
            "civility", "first_name", "last_name", "country", "postcode", "city", "cedex", "phone", "mobile",
            "email", "person_kind", "status", "tags", "notes",
        )}  # fmt: skip
        self.default_kind = default_kind
        self.today = today or date.today()

    def __call__(self, cells: list[Any]) -> CleanRow:
        if len(cells) < self.width:
            cells = [*cells, *([None] * (self.width - len(cells)))]
        col = self.col
        warnings: list[str] = []
        v: dict[str, Any] = {}
        i = col["civility"]
        if i is not None and cells[i] not in (None, ""):
            civ, w = _civility(trim(cells[i]))
            if civ:
                v["civility"] = civ
            if w:
                warnings.append(w)
        i = col["first_name"]
        if i is not None and cells[i] not in (None, ""):
            v["first_name"] = limit(clean_first_name(trim(cells[i])), "first_name", warnings)
        i = col["last_name"]
        if i is not None and cells[i] not in (None, ""):
            v["last_name"] = limit(clean_last_name(trim(cells[i])), "last_name", warnings)
        for name, i in self.text_cols:
            value = cells[i]
            if value not in (None, ""):
                text = trim(value)
                if text:
                    v[name] = limit(text, name, warnings) if len(text) > 100 else text
        i = col["notes"]
        if i is not None and cells[i] not in (None, ""):  # notes keep their line breaks
            v["notes"] = limit(cell_text(cells[i]).strip(), "notes", warnings)

        i = col["country"]
        country, w = _country(trim(cells[i])) if i is not None else ("FR", "")
        v["country"] = country
        if w:
            warnings.append(w)
        i = col["postcode"]
        if i is not None and cells[i] not in (None, ""):
            postcode, w = clean_postcode(cells[i], country)
            if postcode:
                v["postcode"] = postcode
            if w:
                warnings.append(w)
        i = col["cedex"]
        cedex = trim(cells[i]) if i is not None else ""
        city = v.get("city", "")
        if cedex or "edex" in city or "EDEX" in city:
            city, cedex, w = split_cedex(city, cedex)
            v["city"] = city
            if cedex:
                v["cedex"] = cedex
            if w:
                warnings.append(w)
        if country == "FR" and "postcode" in v:
            w = check_city(v["postcode"], city, bool(cedex))
            if w:
                warnings.append(w)

        for name, label in (("phone", "Téléphone"), ("mobile", "Portable")):
            i = col[name]
            if i is not None and cells[i] not in (None, ""):
                number, w = clean_phone(cells[i], country, label, v.get("postcode", ""))
                if number:
                    v[name] = number
                if w:
                    warnings.append(w)
        if "mobile" in v and v.get("phone") == v["mobile"]:
            del v["phone"]
        i = col["email"]
        if i is not None and cells[i] not in (None, ""):
            email, w = clean_email(trim(cells[i]))
            if email:
                v["email"] = email
            if w:
                warnings.append(w)

        i = col["person_kind"]
        kind, w = (
            _person_kind(trim(cells[i]), self.default_kind) if i is not None else (self.default_kind, "")
        )
        v["person_kind"] = kind
        if w:
            warnings.append(w)
        i = col["status"]
        status, w = _status(trim(cells[i])) if i is not None else ("prospect", "")
        v["status"] = status
        if w:
            warnings.append(w)
        i = col["tags"]
        if i is not None and cells[i] not in (None, ""):
            tags = clean_tags(trim(cells[i]))
            if tags:
                v["tags"] = tags

        for name, i, label in self.date_cols:
            if cells[i] in (None, ""):
                continue
            d, w = clean_date(cells[i], label)
            if w:
                warnings.append(w)
            if name != "customer_until":
                d, w = not_in_future(d, label, self.today)
                if w:
                    warnings.append(w)
            if d is not None and (name != "customer_until" or status == "customer"):
                v[name] = d

        for name, i in self.consent_cols:
            v[name], w = clean_answer(cells[i], _CONSENT_LABELS[name])
            if w:
                warnings.append(w)

        return CleanRow(v, warnings, refusal_reason(v))


_DATE_LABELS = {
    "collected_on": "Date de collecte",
    "last_contact_on": "Date du dernier contact",
    "customer_until": "Fin de la relation client",
}
# Low-cardinality columns: the same few words on every row, cleaned once each.
_civility = lru_cache(maxsize=256)(clean_civility)
_country = lru_cache(maxsize=1024)(clean_country)
_person_kind = lru_cache(maxsize=256)(clean_person_kind)
_status = lru_cache(maxsize=256)(clean_status)


def clean_row(
    cells: list[Any], plan: ColumnPlan, default_kind: str = "consumer", today: date | None = None
) -> CleanRow:
    """One row cleaned (for a whole file, build a RowCleaner once and call it on each row)."""
    return RowCleaner(plan, default_kind, today)(cells)
