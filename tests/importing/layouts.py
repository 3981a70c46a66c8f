"""Small files in the exact layouts other tools export (header lists: tests/data/README.md), and what an
import must store from each, field by field."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

# --- header rows, as each tool writes them --------------------------------------------------------

GOOGLE = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Phone 2 - Label",
    "Phone 2 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Website 1 - Label",
    "Website 1 - Value",
]
GOOGLE_LEGACY = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Yomi Name",
    "Given Name Yomi",
    "Additional Name Yomi",
    "Family Name Yomi",
    "Name Prefix",
    "Name Suffix",
    "Initials",
    "Nickname",
    "Short Name",
    "Maiden Name",
    "Birthday",
    "Gender",
    "Location",
    "Billing Information",
    "Directory Server",
    "Mileage",
    "Occupation",
    "Hobby",
    "Sensitivity",
    "Priority",
    "Subject",
    "Notes",
    "Language",
    "Photo",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "E-mail 2 - Type",
    "E-mail 2 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Phone 2 - Type",
    "Phone 2 - Value",
    "Address 1 - Type",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Organization 1 - Type",
    "Organization 1 - Name",
    "Organization 1 - Yomi Name",
    "Organization 1 - Title",
    "Organization 1 - Department",
    "Organization 1 - Symbol",
    "Organization 1 - Location",
    "Organization 1 - Job Description",
    "Website 1 - Type",
    "Website 1 - Value",
]
_OUTLOOK_FR_ADDR = [
    f"{x} ({g})" for g in ("bureau",) for x in ("Rue", "Rue 2", "Rue 3")
]  # the order Outlook writes: see OUTLOOK_FR
OUTLOOK_FR = [
    "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Titre",
    "Rue (bureau)", "Rue (bureau) 2", "Rue (bureau) 3", "Ville (bureau)", "Dép/Région (bureau)",
    "Code postal (bureau)", "Pays/Région (bureau)", "Rue (domicile)", "Rue (domicile) 2", "Rue (domicile) 3",
    "Ville (domicile)", "Dép/Région (domicile)", "Code postal (domicile)", "Pays/Région (domicile)",
    "Rue (autre)", "Rue (autre) 2", "Rue (autre) 3", "Ville (autre)", "Dép/Région (autre)", "Code postal (autre)",
    "Pays/Région (autre)", "Téléphone de l'assistant(e)", "Télécopie (bureau)", "Téléphone (bureau)",
    "Téléphone 2 (bureau)", "Rappel", "Téléphone (voiture)", "Téléphone société", "Télécopie (domicile)",
    "Téléphone (domicile)", "Téléphone 2 (domicile)", "RNIS", "Tél. mobile", "Télécopie (autre)",
    "Téléphone (autre)", "Récepteur de radiomessagerie", "Téléphone principal", "Radio téléphone",
    "Téléphone TDD/TTY", "Télex", "Compte", "Anniversaire de mariage ou fête", "Nom de l'assistant(e)",
    "Informations facturation", "Anniversaire", "Boîte postale (bureau)", "Catégories", "Enfants",
    "Serveur d'annuaire", "Adresse de messagerie", "Type de messagerie", "Nom complet de l'adresse de messagerie",
    "Adresse de messagerie 2", "Type de messagerie 2", "Nom complet de l'adresse de messagerie 2",
    "Adresse de messagerie 3", "Type de messagerie 3", "Nom complet de l'adresse de messagerie 3", "Sexe",
    "Code gouvernement", "Passe-temps", "Boîte postale (domicile)", "Initiales", "Disponibilité Internet",
    "Mots clés", "Langue", "Emplacement", "Nom du manager", "Kilométrage", "Notes", "Bureau",
    "Numéro d'identification de l'organisation", "Boîte postale (autre)", "Priorité", "Privé", "Profession",
    "Recommandé par", "Critère de diffusion", "Conjoint(e)", "Utilisateur 1", "Utilisateur 2", "Utilisateur 3",
    "Utilisateur 4", "Page Web",
]  # fmt: skip
OUTLOOK_EN = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
    "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
    "Other Street 3", "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax",
    "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account", "Anniversary",
    "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box", "Categories", "Children",
    "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address",
    "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials", "Internet Free Busy",
    "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes", "Office Location",
    "Organizational ID Number", "Other Address PO Box", "Priority", "Private", "Profession", "Referred By",
    "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page",
]  # fmt: skip
DOLIBARR_TIERS = [
    "Id", "Nom du tiers", "Nom alternatif", "Type du tiers", "Forme juridique", "Prospect/Client",
    "Code client", "Adresse", "Code postal", "Ville", "Pays", "Téléphone", "Fax", "Email", "Url",
    "Ne pas contacter", "Note (publique)",
]  # fmt: skip
DOLIBARR_CONTACTS = [
    "Id", "Civilité", "Nom", "Prénom", "Poste/fonction", "Adresse", "Code postal", "Ville", "Pays", "Tél pro",
    "Tél perso", "Tél portable", "Fax", "Email", "Refuse les e-mailings de masse", "Identifiant société",
    "Nom du tiers",
]  # fmt: skip
ODOO_FR = [
    "Nom", "Est une entreprise", "Société liée", "Titre", "Rue", "Rue 2", "Ville", "Code postal", "État",
    "Pays", "Téléphone", "Mobile", "Courriel", "Étiquettes", "Liste noire",
]  # fmt: skip
ODOO_EN = [
    "Name", "Is a Company", "Related Company", "Title", "Street", "Street2", "City", "Zip", "State", "Country",
    "Phone", "Mobile", "Email", "Tags", "Blacklist",
]  # fmt: skip
BREVO = [
    "CONTACT ID", "EMAIL", "FIRSTNAME", "LASTNAME", "SMS", "LANDLINE_NUMBER", "WHATSAPP", "EMAIL_BLACKLISTED",
    "SMS_BLACKLISTED", "ADDED_TIME", "MODIFIED_TIME", "OPT_IN", "DOUBLE_OPT-IN",
]  # fmt: skip
MAILCHIMP = [
    "Email Address", "First Name", "Last Name", "Address", "Phone Number", "Birthday", "MEMBER_RATING",
    "OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF",
    "TIMEZONE", "CC", "REGION", "LAST_CHANGED", "LEID", "EUID", "NOTES", "TAGS",
]  # fmt: skip
MAILCHIMP_UNSUBSCRIBED = [
    *MAILCHIMP, "UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON", "UNSUB_REASON_OTHER",
]  # fmt: skip


def row(headers: list[str], **cells: str) -> list[str]:
    """A row of the layout: the named cells (by header; a repeated header by its first place), others blank."""
    out = [""] * len(headers)
    for name, value in cells.items():
        out[headers.index(name)] = value
    return out


def write_csv(
    path: Path, headers: list[str], rows: list[list[str]], sep: str = ",", bom: bool = False
) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows(rows)
    return path


def c(**kw: str) -> dict[str, str]:
    return kw


# --- the files -------------------------------------------------------------------------------------

G = GOOGLE
GL = GOOGLE_LEGACY
OF = OUTLOOK_FR
OE = OUTLOOK_EN


def layouts() -> dict[str, tuple[str, list[str], list[list[str]], dict[str, Any]]]:
    """name -> (file name, headers, rows, expectations).

    expectations: "preset" (the key recognised), "refused" (lines refused), "stored": {last_name or company:
    {field: value}} for the fields that must be stored exactly, "absent": fields that must stay empty.
    """
    return {
        "google": ("contacts.csv", G, [
            row(G, **{"First Name": "Jean", "Last Name": "Dupont", "Name Prefix": "M.", "Labels": "* myContacts",
                      "E-mail 1 - Label": "* Home", "E-mail 1 - Value": "jean.dupont@example.fr",
                      "Phone 1 - Label": "Mobile", "Phone 1 - Value": "06 12 34 56 78 ::: 04 78 12 34 56",
                      "Address 1 - Label": "Home", "Address 1 - Street": "12 rue de la République\nBât. A",
                      "Address 1 - City": "Lyon", "Address 1 - Postal Code": "69002", "Address 1 - Country": "France"}),
            row(G, **{"Organization Name": "Boulangerie Martin SARL", "E-mail 1 - Label": "Work",
                      "E-mail 1 - Value": "contact@boulangerie-martin.fr", "Phone 1 - Label": "Work",
                      "Phone 1 - Value": "02 99 12 34 56", "Address 1 - Street": "5 place du Marché",
                      "Address 1 - City": "Rennes", "Address 1 - Postal Code": "35000",
                      "Address 1 - PO Box": "BP 12"}),
            row(G, **{"First Name": "Sophie", "Last Name": "Peeters", "Phone 1 - Value": "+32 470 12 34 56",
                      "Address 1 - Street": "Rue Neuve 10", "Address 1 - City": "Bruxelles",
                      "Address 1 - Postal Code": "1000", "Address 1 - Country": "Belgique"}),
        ], {"preset": "google", "refused": [], "stored": {
            "DUPONT": c(civility="M.", first_name="Jean", email="jean.dupont@example.fr", mobile="+33612345678",
                        phone="+33478123456", address_street="12 rue de la République", address_building="Bât. A",
                        postcode="69002", city="Lyon", country="FR"),
            "Boulangerie Martin SARL": c(phone="+33299123456", address_street="5 place du Marché",
                                         address_extra="BP 12", postcode="35000", city="Rennes", country="FR",
                                         email="contact@boulangerie-martin.fr", last_name=""),
            "PEETERS": c(first_name="Sophie", mobile="+32470123456", postcode="1000", city="Bruxelles",
                         country="BE", address_street="Rue Neuve 10"),
        }}),
        "google_legacy": ("google.csv", GL, [
            row(GL, **{"Name": "Claire Martin", "Given Name": "Claire", "Family Name": "Martin",
                       "Group Membership": "* My Contacts", "E-mail 1 - Type": "* Home",
                       "E-mail 1 - Value": "claire.martin@example.fr", "Phone 1 - Type": "Home",
                       "Phone 1 - Value": "04 72 00 00 01", "Phone 2 - Type": "Mobile", "Phone 2 - Value": "07 00 00 00 02",
                       "Address 1 - Street": "3 impasse du Moulin", "Address 1 - City": "Villeurbanne",
                       "Address 1 - Postal Code": "69100", "Address 1 - Country": "FR"}),
            row(GL, **{"Name": "Garage Lefèvre", "Organization 1 - Name": "Garage Lefèvre",
                       "Phone 1 - Value": "03 20 00 00 03", "Address 1 - Street": "8 route de Paris",
                       "Address 1 - City": "Lille", "Address 1 - Postal Code": "59000"}),
        ], {"preset": "google_legacy", "refused": [], "stored": {
            "MARTIN": c(first_name="Claire", email="claire.martin@example.fr", phone="+33472000001",
                        mobile="+33700000002", address_street="3 impasse du Moulin", postcode="69100",
                        city="Villeurbanne", country="FR"),
            "Garage Lefèvre": c(phone="+33320000003", postcode="59000", city="Lille", last_name=""),
        }}),
        "outlook_fr": ("outlook.csv", OF, [
            row(OF, **{"Titre": "Mme", "Prénom": "Hélène", "Nom": "Lefèvre", "Rue (domicile)": "Résidence les Pins",
                       "Rue (domicile) 2": "4 allée des Cèdres", "Ville (domicile)": "Annecy",
                       "Code postal (domicile)": "74000", "Pays/Région (domicile)": "France",
                       "Téléphone de l'assistant(e)": "01 40 00 00 09", "Téléphone (domicile)": "04 50 00 00 04",
                       "Tél. mobile": "06 50 00 00 05", "Adresse de messagerie": "helene.lefevre@example.fr",
                       "Type de messagerie": "SMTP", "Nom complet de l'adresse de messagerie": "Hélène Lefèvre"}),
            row(OF, **{"Titre": "M.", "Prénom": "Paul", "Nom": "Bernard", "Société": "Cabinet Bernard",
                       "Rue (bureau)": "10 avenue Foch", "Ville (bureau)": "Paris", "Code postal (bureau)": "75016",
                       "Téléphone (bureau)": "01 45 00 00 06", "Adresse de messagerie": "p.bernard@cabinet.fr"}),
        ], {"preset": "outlook_fr", "refused": [], "stored": {
            "LEFÈVRE": c(civility="Mme", first_name="Hélène", address_building="Résidence les Pins",
                         address_street="4 allée des Cèdres", postcode="74000", city="Annecy", country="FR",
                         phone="+33450000004", mobile="+33650000005", email="helene.lefevre@example.fr"),
            "BERNARD": c(civility="M.", first_name="Paul", company="Cabinet Bernard",
                         address_street="10 avenue Foch", postcode="75016", city="Paris", phone="+33145000006",
                         email="p.bernard@cabinet.fr"),
        }}),
        "outlook_en": ("outlook-en.csv", OE, [
            row(OE, **{"First Name": "Anne", "Last Name": "Le Goff", "Home Street": "7 rue de Brest",
                       "Home City": "Quimper", "Home Postal Code": "29000", "Home Phone": "02 98 00 00 07",
                       "Mobile Phone": "+33 6 98 00 00 08", "E-mail Address": "anne.legoff@example.fr",
                       "E-mail Type": "SMTP"}),
        ], {"preset": "outlook_en", "refused": [], "stored": {
            "LE GOFF": c(first_name="Anne", address_street="7 rue de Brest", postcode="29000", city="Quimper",
                         phone="+33298000007", mobile="+33698000008", email="anne.legoff@example.fr"),
        }}),
        "dolibarr_tiers": ("export_societe_1.csv", DOLIBARR_TIERS, [
            row(DOLIBARR_TIERS, **{"Id": "330", "Nom du tiers": "SCI Les Tilleuls", "Type du tiers": "TPE",
                                   "Prospect/Client": "Client", "Adresse": "Bât. C\\n2 rue des Tilleuls",
                                   "Code postal": "44000", "Ville": "Nantes", "Pays": "France",
                                   "Téléphone": "02 40 00 00 10", "Email": "gestion@tilleuls.fr"}),
            row(DOLIBARR_TIERS, **{"Id": "331", "Nom du tiers": "DUPONT Jean", "Type du tiers": "Particulier",
                                   "Prospect/Client": "Prospect", "Adresse": "15 rue Nationale\\nBP 7",
                                   "Code postal": "37000", "Ville": "Tours", "Téléphone": "06 40 00 00 11",
                                   "Ne pas contacter": "1"}),
        ], {"preset": "dolibarr_tiers", "refused": [], "stored": {
            "SCI Les Tilleuls": c(address_building="Bât. C", address_street="2 rue des Tilleuls",
                                  postcode="44000", city="Nantes", phone="+33240000010", status="customer",
                                  person_kind="professional", last_name=""),
            "DUPONT": c(first_name="Jean", address_street="15 rue Nationale", address_extra="BP 7",
                        postcode="37000", city="Tours", mobile="+33640000011", company=""),
        }, "oppositions": {"DUPONT": [("all", "file")]}}),
        "dolibarr_contacts": ("export_contact_1.csv", DOLIBARR_CONTACTS, [
            row(DOLIBARR_CONTACTS, **{"Id": "12", "Civilité": "Madame", "Nom": "Durand", "Prénom": "Marie",
                                      "Adresse": "9 quai Vauban", "Code postal": "25000", "Ville": "Besançon",
                                      "Tél pro": "03 81 00 00 12", "Tél portable": "07 81 00 00 13",
                                      "Email": "marie.durand@example.fr", "Refuse les e-mailings de masse": "Oui",
                                      "Identifiant société": "330", "Nom du tiers": "SCI Les Tilleuls"}),
        ], {"preset": "dolibarr_contacts", "refused": [], "stored": {
            "DURAND": c(civility="Mme", first_name="Marie", company="SCI Les Tilleuls", phone="+33381000012",
                        mobile="+33781000013", postcode="25000", city="Besançon"),
        }, "oppositions": {"DURAND": [("all", "email")]}}),
        "odoo_fr": ("res.partner.csv", ODOO_FR, [
            row(ODOO_FR, **{"Nom": "Association Les Amis du Vélo", "Est une entreprise": "VRAI",
                            "Rue": "1 place de la Mairie", "Rue 2": "Salle 3", "Ville": "Grenoble",
                            "Code postal": "38000", "Pays": "France", "Téléphone": "04 76 00 00 14",
                            "Courriel": "contact@amisduvelo.fr", "Liste noire": "FAUX"}),
            row(ODOO_FR, **{"Nom": "Marie-Claire d'ARGENT", "Est une entreprise": "FAUX", "Titre": "Madame",
                            "Rue": "22 boulevard Gambetta", "Ville": "Nice", "Code postal": "06000",
                            "Pays": "France", "Mobile": "06 76 00 00 15", "Courriel": "mc.dargent@example.fr",
                            "Liste noire": "VRAI"}),
        ], {"preset": "odoo_fr", "refused": [], "stored": {
            "Association Les Amis du Vélo": c(address_street="1 place de la Mairie", address_complement="Salle 3",
                                              postcode="38000", city="Grenoble", phone="+33476000014",
                                              person_kind="professional", last_name=""),
            "D'ARGENT": c(civility="Mme", first_name="Marie-Claire", company="", address_street="22 boulevard Gambetta",
                          postcode="06000", city="Nice", mobile="+33676000015"),
        }, "oppositions": {"D'ARGENT": [("all", "email")]}}),
        "odoo_en": ("res.partner-en.csv", ODOO_EN, [
            row(ODOO_EN, **{"Name": "Jean de LA FONTAINE", "Is a Company": "False", "Related Company": "Fables SAS",
                            "Street": "3 rue des Fables", "City": "Reims", "Zip": "51100", "Country": "France",
                            "Email": "jean@fables.fr", "Blacklist": "False"}),
        ], {"preset": "odoo_en", "refused": [], "stored": {
            "DE LA FONTAINE": c(first_name="Jean", company="Fables SAS", address_street="3 rue des Fables",
                                postcode="51100", city="Reims", email="jean@fables.fr"),
        }}),
        "brevo": ("brevo.csv", BREVO, [
            row(BREVO, **{"CONTACT ID": "1", "EMAIL": "luc.moreau@example.fr", "FIRSTNAME": "Luc",
                          "LASTNAME": "Moreau", "SMS": "33612000016", "LANDLINE_NUMBER": "33146000017",
                          "EMAIL_BLACKLISTED": "false", "SMS_BLACKLISTED": "true",
                          "ADDED_TIME": "2025-03-14T23:30:00+00:00", "OPT_IN": "true"}),
            row(BREVO, **{"CONTACT ID": "2", "EMAIL": "eva.roux@example.fr", "FIRSTNAME": "Eva", "LASTNAME": "Roux",
                          "EMAIL_BLACKLISTED": "true", "SMS_BLACKLISTED": "false",
                          "ADDED_TIME": "2024-11-02T10:00:00.000+01:00"}),
        ], {"preset": "brevo", "refused": [], "stored": {
            "MOREAU": c(first_name="Luc", mobile="+33612000016", phone="+33146000017", email="luc.moreau@example.fr"),
            "ROUX": c(first_name="Eva", email="eva.roux@example.fr"),
        }, "oppositions": {"MOREAU": [("phone", "phone")], "ROUX": [("all", "email")]},
           "collected_on": {"MOREAU": "2025-03-15", "ROUX": "2024-11-02"}}),
        "mailchimp": ("subscribed_members_export.csv", MAILCHIMP, [
            row(MAILCHIMP, **{"Email Address": "paul.girard@example.fr", "First Name": "Paul", "Last Name": "Girard",
                              "Address": "18 rue Sainte-Catherine  Appt 2  Bordeaux    33000  FR",
                              "Phone Number": "05 56 00 00 18", "MEMBER_RATING": "2",
                              "OPTIN_TIME": "2024-06-01 09:00:00", "LEID": "1", "EUID": "abc"}),
        ], {"preset": "mailchimp", "refused": [], "stored": {
            "GIRARD": c(first_name="Paul", address_street="18 rue Sainte-Catherine", address_complement="Appt 2",
                        postcode="33000", city="Bordeaux", country="FR", phone="+33556000018",
                        email="paul.girard@example.fr"),
        }}),
        "mailchimp_unsubscribed": ("unsubscribed_members_export.csv", MAILCHIMP_UNSUBSCRIBED, [
            row(MAILCHIMP_UNSUBSCRIBED, **{"Email Address": "ines.blanc@example.fr", "First Name": "Inès",
                                           "Last Name": "Blanc", "MEMBER_RATING": "1",
                                           "UNSUB_TIME": "2025-01-10 08:00:00", "UNSUB_REASON": "NORMAL"}),
        ], {"preset": "mailchimp_unsubscribed", "refused": [], "stored": {
            "BLANC": c(first_name="Inès", email="ines.blanc@example.fr"),
        }, "oppositions": {"BLANC": [("all", "email")]}}),
    }  # fmt: skip


ANDROID_VCF = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;H=C3=A9l=C3=A8ne;;Mme;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:H=C3=A9l=C3=A8ne Lef=C3=A8vre\r\n"
    "TEL;CELL:06 12 00 00 20\r\nTEL;HOME:04 78 00 00 21\r\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;B=C3=A2t. A=0D=0A=\r\n"
    "12 rue de la R=C3=A9publique;Lyon;;69002;France\r\n"
    "EMAIL;HOME:helene@example.fr\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Roche;Marc;;;\r\nFN:Marc Roche\r\nTEL;CELL:+41 79 123 45 67\r\n"
    "ADR;HOME:;;Rue du Rhône 5;Genève;;1204;Suisse\r\nEND:VCARD\r\n"
)
IPHONE_VCF = (
    "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\nN:;;;;\nFN:Boulangerie Martin\n"
    "ORG:Boulangerie Martin;\nitem1.ADR;type=WORK;type=pref:;;5 place du Marché;Rennes;;35000;France\n"
    "item1.X-ABADR:fr\nitem2.TEL;type=pref:02 99 12 00 22\nitem2.X-ABLabel:_$!<Main>!$_\nX-ABShowAs:COMPANY\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:contact@boulangerie-martin.fr\n"
    "NOTE:Livraison le mardi\\, porte de derrière\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Dubois;Louis;;M.;\nFN:Louis Dubois\n"
    "TEL;type=CELL;type=VOICE;type=pref:+33 6 11 22 33 44\n"
    "item1.EMAIL;type=INTERNET:louis.dubois@exam\n ple.fr\nitem1.X-ABLabel:_$!<Other>!$_\n"
    "ADR;type=HOME:;;14 avenue Jean Jaurès;Toulouse;;31000;France\nEND:VCARD\n"
)
VCARD4_VCF = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nN:Petit;Julie;;;\r\nFN:Julie Petit\r\n"
    "TEL;TYPE=cell;VALUE=uri:tel:+33-7-12-34-56-78\r\nEMAIL;TYPE=home:julie.petit@example.fr\r\n"
    "ADR;TYPE=home:;Appt 12;9 rue Victor Hugo;Dijon;;21000;France\r\nEND:VCARD\r\n"
)
VCARDS = {
    "android.vcf": (ANDROID_VCF, {
        "LEFÈVRE": c(civility="Mme", first_name="Hélène", mobile="+33612000020", phone="+33478000021",
                     address_building="Bât. A", address_street="12 rue de la République", postcode="69002",
                     city="Lyon", email="helene@example.fr"),
        "ROCHE": c(first_name="Marc", mobile="+41791234567", postcode="1204", city="Genève", country="CH"),
    }),
    "iphone.vcf": (IPHONE_VCF, {
        "Boulangerie Martin": c(phone="+33299120022", address_street="5 place du Marché", postcode="35000",
                                city="Rennes", email="contact@boulangerie-martin.fr", person_kind="professional",
                                last_name="", notes="Livraison le mardi, porte de derrière"),
        "DUBOIS": c(civility="M.", first_name="Louis", mobile="+33611223344", email="louis.dubois@example.fr",
                    postcode="31000", city="Toulouse"),
    }),
    "vcard4.vcf": (VCARD4_VCF, {
        "PETIT": c(first_name="Julie", mobile="+33712345678", address_complement="Appt 12",
                   address_street="9 rue Victor Hugo", postcode="21000", city="Dijon", email="julie.petit@example.fr"),
    }),
}  # fmt: skip
