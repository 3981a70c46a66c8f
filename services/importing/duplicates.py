"""Is this row someone we already know? Same e-mail, same phone, or the same person at the same postcode.

Names are compared folded (no accents, no case, hyphens as spaces) and tolerate one typo with
rapidfuzz, but only within the same postcode block, so 100,000 rows against 100,000 contacts stays
fast. Known persons are the base's live contacts (ids > 0) and the earlier rows of the same file
(keys < 0: -(row index + 1)).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from models.contact import Contact
from services.core.bulk import driver_rows
from services.core.text import fold

DUPLICATE_ACTIONS = ("merge", "skip", "create")
MIN_FUZZY_LENGTH = 5  # shorter names must match exactly: "LUC" and "LUCE" are not a typo


@lru_cache(maxsize=65536)
def name_part(text: str) -> str:
    """A name as compared: "Jean-Pierre" -> "jean pierre", "D'ARC" -> "d arc"."""
    if not text:
        return ""
    if text.isascii() and text.isalpha():
        return text.lower()
    return fold(text.replace("-", " ").replace("'", " ").replace("’", " "))


def name_key(last_name: str, first_name: str, company: str) -> tuple[str, str]:
    """(last, first) folded; a business with no person's name is known by its company name."""
    if last_name:
        return name_part(last_name), name_part(first_name)
    if company:
        return "@" + name_part(company), ""
    return "", ""


def is_feminine_variant(a: str, b: str) -> bool:
    """Louis/Louise, Denis/Denise, Michel/Michelle: one letter apart but two different people."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_ in (short + "e", short + "le", short + "ne")


def close_names(a: str, b: str) -> bool:
    """Equal, or one typo apart when both are long enough and not a masculine/feminine pair."""
    if a == b:
        return True
    if not a or not b or min(len(a), len(b)) < MIN_FUZZY_LENGTH or is_feminine_variant(a, b):
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


@dataclass(frozen=True)
class Match:
    key: int  # contact id (> 0) or -(row index + 1) for an earlier row of the file
    reason: str  # "e-mail", "téléphone", "nom et code postal"


def same_person_on_phone(civility: str, first: str, other_civility: str, other_first: str) -> bool:
    """A shared number is not a shared person: two first names or two civilities that differ are two
    people (the spouses on one landline). Unknown on either side does not tell them apart."""
    if civility and other_civility and civility != other_civility:
        return False
    return not (first and other_first and not close_names(first, other_first))


class DuplicateIndex:
    """Email, phone and (postcode → names) lookups over the known persons."""

    def __init__(self) -> None:
        self.by_email: dict[str, int] = {}
        # number -> every person known with it: (civility, folded first name, key)
        self.by_phone: dict[str, list[tuple[str, str, int]]] = {}
        # postcode -> [(civility, last, first, key)]; raw names from the base are folded on first use
        self._raw: dict[str, list[tuple[str, str, str, str, int]]] = {}
        self._blocks: dict[str, tuple[dict[tuple[str, str], int], list[str], list[tuple[str, str, int]]]] = {}
        self._civilities: dict[int, str] = {}  # key -> civility, for the exact-name matches

    # --- building ---------------------------------------------------------------------------------

    def load_base(self, session: Session, where: ColumnElement[bool] | None = None) -> int:
        """Every live contact's keys (Core rows, one query), or only those `where` selects. Returns how many
        were read."""
        q = select(
            Contact.id, Contact.email, Contact.phone, Contact.mobile, Contact.postcode,
            Contact.civility, Contact.last_name, Contact.first_name, Contact.company,
        ).where(Contact.erased_at.is_(None))  # fmt: skip
        if where is not None:
            q = q.where(where)
        n = 0
        by_email, by_phone, raw = self.by_email, self.by_phone, self._raw
        # The driver's own tuples (services.core.bulk): text and ids need no conversion, 100,000 rows.
        for cid, email, phone, mobile, postcode, civ, last, first, company in driver_rows(session, q):
            n += 1
            if email:
                by_email.setdefault(email.lower(), cid)
            if phone or mobile:
                who = (civ or "", name_part(first or ""), cid)
                if phone:
                    by_phone.setdefault(phone, []).append(who)
                if mobile and mobile != phone:
                    by_phone.setdefault(mobile, []).append(who)
            if postcode and (last or company):
                raw.setdefault(postcode, []).append((civ, last, first, company, cid))
        return n

    def _block(
        self, postcode: str
    ) -> tuple[dict[tuple[str, str], int], list[str], list[tuple[str, str, int]]]:
        block = self._blocks.get(postcode)
        if block is None:
            exact: dict[tuple[str, str], int] = {}
            lasts: list[str] = []
            people: list[tuple[str, str, int]] = []
            for civ, last, first, company, cid in self._raw.pop(postcode, ()):
                k = name_key(last, first, company)
                exact.setdefault(k, cid)
                if civ:
                    self._civilities[cid] = civ
                lasts.append(k[0])
                people.append((civ, k[1], cid))
            block = self._blocks[postcode] = (exact, lasts, people)
        return block

    def add(self, key: int, values: dict[str, Any]) -> None:
        """Make a person findable by the later rows (a new row, or new keys of a merged contact)."""
        email = values.get("email")
        if email:
            self.by_email.setdefault(email.lower(), key)
        for name in ("phone", "mobile"):
            number = values.get(name)
            if number:
                known = self.by_phone.setdefault(number, [])
                if all(k != key for _, _, k in known):
                    known.append((values.get("civility", ""), name_part(values.get("first_name", "")), key))
        postcode = values.get("postcode")
        if postcode:
            k = name_key(values.get("last_name", ""), values.get("first_name", ""), values.get("company", ""))
            if k[0]:
                exact, lasts, people = self._block(postcode)
                if k not in exact:
                    exact[k] = key
                    if values.get("civility"):
                        self._civilities[key] = values["civility"]
                    lasts.append(k[0])
                    people.append((values.get("civility", ""), k[1], key))

    # --- finding ----------------------------------------------------------------------------------

    def find(self, values: dict[str, Any]) -> Match | None:
        email = values.get("email")
        if email:
            key = self.by_email.get(email.lower())
            if key is not None:
                return Match(key, "même e-mail")
        civility, first = values.get("civility", ""), ""
        for name in ("mobile", "phone"):
            number = values.get(name)
            if number and number in self.by_phone:
                first = first or name_part(values.get("first_name", ""))
                for other_civility, other_first, key in self.by_phone[number]:
                    if same_person_on_phone(civility, first, other_civility, other_first):
                        return Match(key, "même téléphone")
        postcode = values.get("postcode")
        if not postcode or (postcode not in self._raw and postcode not in self._blocks):
            return None
        last, first = name_key(
            values.get("last_name", ""), values.get("first_name", ""), values.get("company", "")
        )
        if not last:
            return None
        exact, lasts, people = self._block(postcode)
        civility = values.get("civility", "")
        civilities = self._civilities
        key = exact.get((last, first))
        if key is not None and not (civility and civilities.get(key, civility) not in ("", civility)):
            return Match(key, "même nom au même code postal")
        if last.startswith("@") or len(last) < MIN_FUZZY_LENGTH:
            candidates = [(i, p) for i, p in enumerate(people) if lasts[i] == last]
        else:
            hits = process.extract(last, lasts, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
            candidates = [(i, people[i]) for _, _, i in hits]
        for i, (civ, other_first, key) in candidates:
            if civility and civ and civility != civ:
                continue
            if close_names(last, lasts[i]) and close_names(first, other_first):
                return Match(key, "même personne au même code postal (nom proche)")
        return None


def find_existing(session: Session, values: dict[str, Any], other_than: int | None = None) -> Match | None:
    """Is the person typed by hand someone the base already holds? The import's rules (same e-mail, same
    number, the same person at the same postcode), reading only the contacts that share the e-mail, a
    number or the postcode. `values` are normalised (services.contacts.validation.check_contact)."""
    shared = []
    if values.get("email"):
        shared.append(func.lower(Contact.email) == values["email"].lower())
    numbers = [n for n in (values.get("phone"), values.get("mobile")) if n]
    if numbers:
        shared += [Contact.phone.in_(numbers), Contact.mobile.in_(numbers)]
    if values.get("postcode"):
        shared.append(Contact.postcode == values["postcode"])
    if not shared:
        return None
    where = or_(*shared) if other_than is None else and_(or_(*shared), Contact.id != other_than)
    index = DuplicateIndex()
    index.load_base(session, where)
    return index.find(values)
