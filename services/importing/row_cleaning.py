"""Cleaning a whole imported row: every rule of services.importing.cleaning, .names and .addresses applied
in order, what each column feeds decided once per file, the warnings and doubts gathered for the report.

Several columns may feed one field: the first non-empty wins (Outlook's bureau / domicile, Google's
E-mail 1, 2); every phone number of the row is routed by what it is (mobile or landline); the street
lines of one address are read together; of several addresses, the first one filled is kept whole.
"""

# size: one class that applies every rule to a row in order, with the per-file decisions taken once;
# the rules themselves live in cleaning, names and addresses.

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from services.core.moments import business_date
from services.importing.addresses import four_digit_postcode, split_one_line_address, split_street_lines
from services.importing.cleaning import (
    MULTI_VALUE,
    CleanRow,
    check_city,
    clean_answer,
    clean_civility,
    clean_country,
    clean_date,
    clean_email,
    clean_first_name,
    clean_flag,
    clean_last_name,
    clean_person_kind,
    clean_phone,
    clean_postcode,
    clean_status,
    clean_tags,
    limit,
    not_in_future,
    phone_kind,
    refusal_reason,
    split_cedex,
    split_values,
    trim,
)
from services.importing.mapping import (
    ADDRESS_FIELDS,
    CONSENT_FIELDS,
    OPPOSITION_FIELDS,
    TARGETS,
    ColumnPlan,
    address_group,
    base_field,
)
from services.importing.names import (
    caps_marked,
    civility_in_name,
    clean_is_company,
    looks_like_company,
    split_full_name,
)
from services.importing.reading import cell_text

_TEXT_FIELDS = ("address_complement", "address_building", "address_extra", "city")
_CONSENT_LABELS = {
    "refuse_post": "Refus courrier", "refuse_phone": "Refus téléphone",
    "accept_phone": "Accord téléphone", "refuse_partners": "Refus partenaires",
}  # fmt: skip
_DATE_LABELS = {
    "collected_on": "Date de collecte",
    "last_contact_on": "Date du dernier contact",
    "customer_until": "Fin de la relation client",
}
_SINGLE = (
    "civility", "first_name", "last_name", "full_name", "full_name_reversed", "company", "is_company",
    "person_kind", "status", "tags", "notes",
)  # fmt: skip
Cols = tuple[int, ...]


def _first(cells: list[Any], cols: Cols) -> Any:
    """The first non-empty cell of these columns (None when all are empty)."""
    for i in cols:
        v = cells[i]
        if v is not None and v != "" and not (type(v) is str and v.isspace()):
            return v
    return None


def _text(value: Any) -> str:
    """A cell as trimmed text; of several values in one cell (" ::: "), the first."""
    text = trim(value)
    if ":::" in text:
        parts = split_values(text)
        return parts[0] if parts else ""
    return text


class RowCleaner:
    """Every rule applied to one row of cells, in order (what each column feeds resolved once per file).

    Only non-empty values are kept in CleanRow.values (memory at 100,000 rows): read them with .get().
    `values["to_check"]` holds the doubts a person should look at (services.contacts.to_check);
    `values["oppositions"]` the objections the file records, as (field, date or None).
    """

    def __init__(self, plan: ColumnPlan, default_kind: str = "consumer", today: date | None = None) -> None:
        cols = plan.columns
        self.width = max((i for idxs in cols.values() for i in idxs), default=-1) + 1
        self.col: dict[str, Cols | None] = {n: cols.get(n) for n in _SINGLE}
        groups: dict[int, dict[str, Cols]] = {}
        for target, idxs in cols.items():
            if base_field(target) in ADDRESS_FIELDS:
                groups.setdefault(address_group(target), {})[base_field(target)] = idxs
        self.groups = [groups[g] for g in sorted(groups)]
        self.has_country = any("country" in g for g in self.groups)
        self.phone_cols: Cols = tuple(sorted(cols.get("phone", ()) + cols.get("mobile", ())))
        self.email_cols: Cols = cols.get("email", ())
        self.date_cols = [(n, cols[n], label) for n, label in _DATE_LABELS.items() if n in cols]
        self.consent_cols = [(n, cols[n]) for n in CONSENT_FIELDS if n in cols]
        self.opposition_cols = [(n, cols[n]) for n in OPPOSITION_FIELDS if n in cols]
        # A "Nom" column with no first-name column may hold "DUPONT Jean": split when capitals say how.
        self.split_last = "last_name" in cols and "first_name" not in cols
        self.default_kind = default_kind
        self.today = today or business_date()

    def __call__(self, cells: list[Any]) -> CleanRow:
        if len(cells) < self.width:
            cells = [*cells, *([None] * (self.width - len(cells)))]
        warnings: list[str] = []
        doubts: list[str] = []
        v: dict[str, Any] = {}
        self._names(cells, v, warnings, doubts)
        self._address(cells, v, warnings, doubts)
        self._phones(cells, v, warnings)
        if self.email_cols:
            self._email(cells, v, warnings)
        self._kinds(cells, v, warnings)
        for name, cols, label in self.date_cols:
            raw = _first(cells, cols)
            if raw is None:
                continue
            d, w = clean_date(raw, label)
            if w:
                warnings.append(w)
            if name != "customer_until":
                d, w = not_in_future(d, label, self.today)
                if w:
                    warnings.append(w)
            if d is not None and (name != "customer_until" or v["status"] == "customer"):
                v[name] = d
        for name, cols in self.consent_cols:
            v[name], w = clean_answer(_first(cells, cols), _CONSENT_LABELS[name])
            if w:
                warnings.append(w)
        if self.opposition_cols:
            self._oppositions(cells, v, warnings)
        if doubts:
            v["to_check"] = doubts
        return CleanRow(v, warnings, refusal_reason(v))

    # --- names and company -------------------------------------------------------------------------

    def _names(self, cells: list[Any], v: dict[str, Any], warnings: list[str], doubts: list[str]) -> None:
        col = self.col
        civility = first = last = company = ""
        if col["civility"]:
            raw = _first(cells, col["civility"])
            if raw is not None:
                civility, w = _civility(trim(raw))
                if w:
                    warnings.append(w)
        if col["first_name"]:
            first = _text(_first(cells, col["first_name"]))
        if col["last_name"]:
            last = _text(_first(cells, col["last_name"]))
        if col["company"]:
            company = _text(_first(cells, col["company"]))
        is_company = clean_is_company(_first(cells, col["is_company"])) if col["is_company"] else None
        whole = ""  # a full name, in one cell
        first_last = True
        from_last = False  # the full name is in the surname column ("DUPONT Jean")
        if not first and not last:
            for key, order in (("full_name", True), ("full_name_reversed", False)):
                cols = col[key]
                if cols:
                    whole = _text(_first(cells, cols))
                    if whole:
                        first_last = order
                        break
        elif last and not first and self.split_last and " " in last and caps_marked(last):
            whole, first_last, from_last = last, False, True
        if whole and (is_company or (is_company is None and looks_like_company(whole))):
            company = company if company and is_company is None else whole
            whole = last = ""
            v["person_kind"] = "professional"
        elif last and not first and is_company is None and looks_like_company(last):
            company, last = company or last, ""
        elif whole:
            split = _split(whole, first_last)
            if not from_last or (split.first_name and not split.doubt):
                first, last = split.first_name, split.last_name
            if split.doubt and not from_last:
                doubts.append(split.doubt)
            if split.civility and not civility:
                civility = split.civility
        if is_company and not company and last and not first:
            company, last = last, ""
        if is_company:
            v["person_kind"] = "professional"
        if last and " " in last:
            civ, rest = civility_in_name(last)
            if civ:
                doubts.append(f"Civilité « {last.split()[0]} » trouvée dans le nom : mise en civilité.")
                civility, last = civility or civ, rest
        if civility:
            v["civility"] = civility
        if first:
            v["first_name"] = limit(clean_first_name(first), "first_name", warnings)
        if last:
            v["last_name"] = limit(clean_last_name(last), "last_name", warnings)
        if company:
            v["company"] = limit(company, "company", warnings) if len(company) > 100 else company
        if col["notes"]:
            raw = _first(cells, col["notes"])
            if raw is not None:  # notes keep their line breaks (Dolibarr's literal "\n" made real)
                text = cell_text(raw).replace("\\n", "\n").strip()
                if text:
                    v["notes"] = limit(text, "notes", warnings)

    # --- address -----------------------------------------------------------------------------------

    def _address(self, cells: list[Any], v: dict[str, Any], warnings: list[str], doubts: list[str]) -> None:
        group = self.groups[0] if len(self.groups) == 1 else self._filled_group(cells)
        country_raw = ""
        street = ""
        postcode_raw: Any = None
        if group:
            for name in _TEXT_FIELDS:
                cols = group.get(name)
                if cols:
                    raw = _first(cells, cols)
                    if raw is not None:
                        text = _text(raw)
                        if text:
                            v[name] = limit(text, name, warnings) if len(text) > 100 else text
            cols = group.get("address_street")
            if cols:
                if len(cols) == 1:
                    raw = cells[cols[0]]
                    street = raw if type(raw) is str else cell_text(raw) if raw is not None else ""
                else:  # Outlook's Rue, Rue 2, Rue 3; Odoo's Rue, Rue 2: the lines of one street
                    street = "\n".join(cell_text(cells[i]) for i in cols if cells[i] not in (None, ""))
            if "postcode" in group:
                postcode_raw = _first(cells, group["postcode"])
            if "country" in group:
                country_raw = trim(_first(cells, group["country"]) or "")
            if "address_full" in group and not street and postcode_raw is None:
                raw = _first(cells, group["address_full"])
                if raw is not None:
                    one = split_one_line_address(cell_text(raw))
                    street, postcode_raw = one.street_lines, one.postcode or None
                    if one.city and "city" not in v:
                        v["city"] = one.city
                    if one.country and not country_raw:
                        country_raw = one.country
        if street:
            if "\n" in street or "\\n" in street or "\r" in street:
                lines = split_street_lines(street)
                for name, text in (("address_complement", lines.complement),
                                   ("address_building", lines.building), ("address_extra", lines.extra)):  # fmt: skip
                    if text:
                        v[name] = limit(f"{v[name]}, {text}" if v.get(name) else text, name, warnings)
                street = lines.street
            else:
                street = trim(street)
            if street:
                v["address_street"] = (
                    limit(street, "address_street", warnings) if len(street) > 100 else street
                )

        country, w = _country(country_raw) if country_raw else ("FR", "")
        v["country"] = country
        if w:
            warnings.append(w)
            doubts.append(w)
        city = v.get("city", "")
        if postcode_raw is not None:
            four = _four_digits(postcode_raw)
            if four and country == "FR":
                postcode, padded = four_digit_postcode(four, city)
                v["postcode"] = postcode
                if not padded:
                    doubts.append(
                        f"Code postal à 4 chiffres « {four} » : "
                        + ("pays à vérifier (Belgique, Suisse, Luxembourg… ?)." if not country_raw
                           else "ce n'est pas un code postal français de cette ville.")
                    )  # fmt: skip
            else:
                postcode, w = clean_postcode(postcode_raw, country)
                if postcode:
                    v["postcode"] = postcode
                if w:
                    warnings.append(w)
        cedex_cols = group.get("cedex") if group else None
        cedex = trim(_first(cells, cedex_cols) or "") if cedex_cols else ""
        if cedex or "edex" in city or "EDEX" in city:
            city, cedex, w = split_cedex(city, cedex)
            v["city"] = city
            if cedex:
                v["cedex"] = cedex
            if w:
                warnings.append(w)
        postcode = v.get("postcode", "")
        if country == "FR" and len(postcode) == 5:
            w = check_city(postcode, city, bool(cedex))
            if w:
                warnings.append(w)
                doubts.append(w)

    def _filled_group(self, cells: list[Any]) -> dict[str, Cols] | None:
        """Of several addresses, the first with a street, a postcode, a city or a whole address."""
        for group in self.groups:
            for name in ("address_street", "postcode", "city", "address_full", "address_extra"):
                cols = group.get(name)
                if cols and _first(cells, cols) is not None:
                    return group
        return self.groups[0] if self.groups else None

    # --- phones and e-mail -------------------------------------------------------------------------

    def _phones(self, cells: list[Any], v: dict[str, Any], warnings: list[str]) -> None:
        region = v["country"]
        for i in self.phone_cols:
            raw = cells[i]
            if raw is None or raw == "":
                continue
            for value in split_values(raw) if type(raw) is str else (raw,):
                number, w = clean_phone(value, region, "Téléphone", v.get("postcode", ""))
                if w:
                    warnings.append(w)
                if number:
                    kind = phone_kind(number)
                    if kind not in v and v.get("phone") != number and v.get("mobile") != number:
                        v[kind] = number

    def _email(self, cells: list[Any], v: dict[str, Any], warnings: list[str]) -> None:
        for i in self.email_cols:
            raw = cells[i]
            if raw is None or raw == "":
                continue
            text = trim(raw)
            for value in split_values(text) if MULTI_VALUE.strip() in text else (text,):
                email, w = clean_email(value)
                if email:
                    v["email"] = email
                    return
                if w:
                    warnings.append(w)

    # --- kinds, status, tags, objections -----------------------------------------------------------

    def _kinds(self, cells: list[Any], v: dict[str, Any], warnings: list[str]) -> None:
        col = self.col
        raw = _first(cells, col["person_kind"]) if col["person_kind"] else None
        default = v.get("person_kind", self.default_kind)
        kind, w = _person_kind(trim(raw), default) if raw is not None else (default, "")
        v["person_kind"] = kind
        if w:
            warnings.append(w)
        raw = _first(cells, col["status"]) if col["status"] else None
        status, w = _status(trim(raw)) if raw is not None else ("prospect", "")
        v["status"] = status
        if w:
            warnings.append(w)
        if col["tags"]:
            raw = _first(cells, col["tags"])
            if raw is not None:
                tags = clean_tags(trim(raw).replace(MULTI_VALUE, ";").replace("* ", ""))
                if tags:
                    v["tags"] = tags

    def _oppositions(self, cells: list[Any], v: dict[str, Any], warnings: list[str]) -> None:
        """docs/rules.md §5.9: an objection the file records is recorded as an objection."""
        found: list[tuple[str, date | None]] = []
        for name, cols in self.opposition_cols:
            objected, on, w = clean_flag(_first(cells, cols), TARGETS[name])
            if w:
                warnings.append(w)
            if objected:
                found.append((name, on))
        if found:
            v["oppositions"] = found


def _four_digits(raw: Any) -> str:
    """ "1000", 1000.0: a 4-digit postcode (a French one missing its zero, or a foreign one)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) == 4 and text.isdigit():
            return text
    return ""


# Low-cardinality columns: the same few words on every row, cleaned once each.
_civility = lru_cache(maxsize=256)(clean_civility)
_country = lru_cache(maxsize=1024)(clean_country)
_person_kind = lru_cache(maxsize=256)(clean_person_kind)
_status = lru_cache(maxsize=256)(clean_status)
_split = split_full_name


def clean_row(
    cells: list[Any], plan: ColumnPlan, default_kind: str = "consumer", today: date | None = None
) -> CleanRow:
    """One row cleaned (for a whole file, build a RowCleaner once and call it on each row)."""
    return RowCleaner(plan, default_kind, today)(cells)
