"""Realistic French demo contacts, so that a new user sees a living app (`init --demo N`).

Written with SQLAlchemy Core in batches: 100,000 contacts in a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from models.base import utcnow
from models.contact import Contact, ContactSource, ContactTag
from models.journal import record_rows, with_defaults
from models.search_index import BulkIndexing
from services.contacts.search import search_text_for
from services.core.demo_base import DEMO_SOURCE_NOTE, demo_refusal, mark_demo, use_base_marks
from services.core.errors import Cancelled, InputError
from services.core.moments import business_date
from services.core.postcodes import postcode_table
from services.core.settings import get_setting, set_settings
from services.core.text import strip_accents

FIRST_NAMES_F = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Sophie", "Valérie", "Christine", "Sandrine", "Céline", "Camille", "Léa", "Chloé", "Manon", "Emma", "Inès", "Jeanne", "Hélène", "Agnès", "Aurélie", "Élodie", "Maëlle", "Zoé", "Louise"]  # fmt: skip
FIRST_NAMES_M = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Laurent", "Frédéric", "Thomas", "Julien", "Antoine", "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jean-Pierre", "Jean-Luc", "François", "Loïc", "Jérôme", "Benoît", "Raphaël"]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand", "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Menard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît", "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet", "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Paul", "Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barre", "Marty", "Cousin"]  # fmt: skip
STREET_TYPES = ["rue", "avenue", "boulevard", "place", "chemin", "allée", "impasse", "route", "quai", "cours"]
STREET_NAMES = ["de la République", "Victor Hugo", "Jean Jaurès", "de la Gare", "du Général de Gaulle", "Pasteur", "des Écoles", "de l'Église", "du Moulin", "des Lilas", "Saint-Exupéry", "de la Paix", "Gambetta", "du Château", "des Tilleuls", "de Verdun", "Émile Zola", "de la Mairie", "des Acacias", "Jules Ferry", "du Stade", "de Bretagne", "des Prés", "Sainte-Anne", "du Maréchal Foch"]  # fmt: skip
COMPANIES = ["Boulangerie Au Bon Pain", "Garage du Centre", "Cabinet Lefèvre & Associés", "Fleurs d'Océane", "SARL Menuiserie Bois & Co", "Pharmacie des Halles", "Librairie L'Œil Lu", "Salon Coiff'Mode", "Plomberie Martin", "Café de la Place", "Atelier Créa'Déco", "Transports Roux", "Épicerie Fine Saveurs", "Optique Vision+", "Agence Immo Conseil"]  # fmt: skip
TAGS = ["fidèle", "salon 2026", "newsletter", "VIP", "relance", "jardin", "cuisine", "parrainage"]
SOURCES: list[tuple[str, str]] = [
    ("direct", "Comptoir du magasin"),
    ("direct", "Formulaire du site web"),
    ("direct", "Appel entrant"),
    ("direct", "Salon de l'Habitat 2026 (stand)"),
    ("partner", "Salon de l'Habitat"),
    ("partner", "Cuisines Martin & Fils"),
    ("broker", "Data Prospects France"),
    ("public", "Annuaire des professionnels"),
    ("public", "Pages professionnelles LinkedIn"),
]
BATCH = 5000


def _rows(
    n: int, first_id: int, first_source_id: int, rng: random.Random
) -> Iterator[tuple[dict, dict, list[dict]]]:
    postcodes = [(pc, c) for pc, cs in postcode_table().items() for c in cs]
    today = business_date()
    now = utcnow()
    for i in range(n):
        cid = first_id + i
        female = rng.random() < 0.52
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES).upper()
        pc, commune = rng.choice(postcodes)
        professional = rng.random() < 0.15
        customer = rng.random() < 0.3
        kind, source = SOURCES[0] if rng.random() < 0.45 else rng.choice(SOURCES)
        source_date = today - timedelta(days=rng.randint(1, 900))
        street = f"{rng.randint(1, 180)}{rng.choice(['', '', '', ' bis', ' ter'])} {rng.choice(STREET_TYPES)} {rng.choice(STREET_NAMES)}"
        mobile = f"+336{rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else ""
        phone = f"+33{rng.choice('12345')}{rng.randint(10000000, 99999999)}" if rng.random() < 0.4 else ""
        email = ""
        if rng.random() < 0.7:
            domain = rng.choice(["orange.fr", "gmail.com", "free.fr", "laposte.net", "sfr.fr", "outlook.fr"])
            local = f"{first}.{last}".lower().replace(" ", "")
            email = f"{strip_accents(local)}{rng.randint(1, 99)}@{domain}"
        values = {
            "id": cid,
            "civility": "Mme" if female else "M.",
            "first_name": first,
            "last_name": last,
            "company": rng.choice(COMPANIES) if professional else "",
            "address_complement": rng.choice(
                ["", "", "", "", "Appartement 12", "Bât. B, 3e étage", "Chez Mme ROUX"]
            ),
            "address_building": rng.choice(["", "", "", "", "", "Résidence Les Pins", "Entrée C"]),
            "address_street": street,
            "address_extra": rng.choice([""] * 12 + ["Lieu-dit Les Granges", "BP 42"]),
            "postcode": pc,
            "city": commune.name,
            "cedex": "",
            "country": "FR",
            "phone": phone,
            "mobile": mobile,
            "email": email,
            "status": "customer" if customer else "prospect",
            "person_kind": "professional" if professional else "consumer",
            "customer_until": (today - timedelta(days=rng.randint(30, 1500)))
            if customer and rng.random() < 0.2
            else None,
            "last_contact_on": (today - timedelta(days=rng.randint(0, 1200))) if rng.random() < 0.6 else None,
            "notes": "",
            "source_kind": kind,
            "source_name": source,
            "source_date": source_date,
            "npai_on": None,
            "erased_at": None,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        values["search_text"] = search_text_for(values)
        src = {
            "id": first_source_id + i,
            "contact_id": cid,
            "kind": kind,
            "name": source,
            "obtained_on": source_date,
            "note": DEMO_SOURCE_NOTE,
            "recorded_at": now,
        }
        tags = [{"contact_id": cid, "name": t} for t in rng.sample(TAGS, k=rng.choice([0, 0, 1, 1, 2]))]
        yield values, src, tags


def add_demo_contacts(
    session: Session,
    n: int,
    seed: int = 2026,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Insert n demo contacts after the existing ones; progress(done, total) may return False to stop.

    The caller's transaction makes it all-or-nothing.
    """
    rng = random.Random(seed)
    first_id = (session.scalar(select(func.max(Contact.id))) or 0) + 1
    first_source_id = (session.scalar(select(func.max(ContactSource.id))) or 0) + 1
    contacts, sources, tags = [], [], []
    done = 0
    with BulkIndexing(session.connection()) as indexed:  # the search index fed once, at the end
        indexed([first_id, first_id + n - 1] if n else [])
        for values, src, tag_rows in _rows(n, first_id, first_source_id, rng):
            contacts.append(with_defaults(CONTACTS_TABLE, values))
            sources.append(with_defaults(SOURCES_TABLE, src))
            tags.extend(tag_rows)
            if len(contacts) >= BATCH:
                done += _flush(session, contacts, sources, tags)
                if progress and progress(done, n) is False:
                    raise Cancelled("Création des contacts de démonstration annulée.")
        done += _flush(session, contacts, sources, tags)
    if progress:
        progress(done, n)
    if session.get_bind().dialect.name == "postgresql":
        # Explicit ids were written: move the sequences past them.
        for table in ("contacts", "contact_sources"):
            session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )
    return done


# Core inserts (executemany), not the ORM's: 100,000 rows in seconds.
CONTACTS_TABLE = cast(Table, Contact.__table__)
SOURCES_TABLE = cast(Table, ContactSource.__table__)
TAGS_TABLE = cast(Table, ContactTag.__table__)


def _flush(session: Session, contacts: list[dict], sources: list[dict], tags: list[dict]) -> int:
    count = len(contacts)
    if contacts:
        session.execute(insert(CONTACTS_TABLE), contacts)
        session.execute(insert(SOURCES_TABLE), sources)
        record_rows(session, "contacts", contacts, origin="données de démonstration")
        record_rows(session, "contact_sources", sources, origin="données de démonstration")
        if tags:
            session.execute(insert(TAGS_TABLE), tags)
    contacts.clear()
    sources.clear()
    tags.clear()
    return count


def fill_demo_base(session: Session, n: int, progress: Callable[[int, int], bool] | None = None) -> int:
    """`init --demo N`: n demo contacts and the demo identity, in a base then marked as a demonstration
    one — refused (nothing written) in a base holding a real identity or real contacts
    (services.core.demo_base)."""
    refusal = demo_refusal(session)
    if refusal:
        raise InputError(refusal)
    added = add_demo_contacts(session, n, progress=progress)
    add_demo_organisation(session)
    mark_demo(session)
    use_base_marks(session)
    return added


def add_demo_organisation(session: Session) -> bool:
    """A demo base gets a demo identity, so its letters and notices can be printed at once.

    Only when none is set: a real organisation's settings are never overwritten.
    """
    if get_setting(session, "org.name"):
        return False
    set_settings(
        session,
        {
            "org.name": "Jardinerie des Lilas (démonstration)",
            "org.address": "12 rue des Lilas\n69003 Lyon",
            "org.phone": "04 78 00 00 00",
            "org.email": "contact@jardinerie-des-lilas.example",
            "org.rights_contact": "Service clients, 12 rue des Lilas, 69003 Lyon — droits@jardinerie-des-lilas.example",
        },
    )
    return True
