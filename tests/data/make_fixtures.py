"""Writes the small fixture files of this folder (run once: python tests/data/make_fixtures.py).

See README.md for the files made by LibreOffice and by msoffcrypto-tool.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import xlsxwriter

HERE = Path(__file__).resolve().parent
HEADERS = ["Titre", "NOM", "prénom", "Raison sociale", "Rue", "Code Postal", "Commune", "Tél", "Mobile", "Courriel",
           "Date de collecte", "Type", "Refus courrier", "Accord téléphone"]  # fmt: skip


def by_openpyxl() -> None:
    """Date cells, a postcode stored as a number, two sheets, a name full of <&\" characters."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws["A1"] = "Cette feuille n'est pas la liste"
    ws2 = wb.create_sheet("Clients")
    ws2.append(HEADERS)
    ws2.append(["Mr", "Bernard", "anne-laure", "", "4 rue du Port", 6000, "Nice", "04 93 00 00 00", "0611223344",
                "anne@example.com", datetime(2025, 5, 6), "Particulier", "non", "oui"])  # fmt: skip
    ws2.append(["Madame", "O'Brien <&\">", "Zoé", "", "2 quai Est", "13001", "Marseille", "", "+33 6 99 88 77 66",
                "", datetime(2025, 6, 7), "B2C", "oui", ""])  # fmt: skip
    ws2.append(["", "", "", "Garage Central", "10 route de Lyon", 1100, "Oyonnax", "04.74.77.00.00", "",
                "contact@garage-central.fr", 45800, "professionnel", "", ""])  # fmt: skip
    wb.save(HERE / "openpyxl.xlsx")


def by_xlsxwriter() -> None:
    """A title row and blank line above the header, a formula cell with its computed value, Excel serials."""
    wb = xlsxwriter.Workbook(str(HERE / "xlsxwriter.xlsx"))
    ws = wb.add_worksheet("Export site web")
    ws.write(0, 0, "Inscriptions newsletter — export du 01/03/2025")
    headers = ["Civ.", "Nom de famille", "Prénom", "Adresse 1", "CP", "Ville", "E-mail", "Date de collecte"]
    ws.write_row(2, 0, headers)
    ws.write_row(
        3, 0, ["Mme", "petit", "léa", "7 allée des Tilleuls", "33000", "Bordeaux", "lea.petit@example.org"]
    )
    ws.write_number(3, 7, 45717)  # Excel serial: 2025-03-01
    # A formula whose cached result is "ROUX": imported as the text ROUX, never as a formula.
    ws.write_formula(4, 1, '=UPPER("roux")', None, "ROUX")
    ws.write_row(
        4, 2, ["hugo", "3 impasse des Lilas", "31000", "Toulouse", "hugo.roux@example.org", "2025-03-02"]
    )
    ws.write_row(4, 0, ["M."])
    wb.close()


def cp1252_csv() -> None:
    """What French Excel writes: cp1252, `;`, accents in headers and values."""
    text = (
        "Civilité;Nom;Prénom;Adresse;Code postal;Ville;Téléphone;E-mail\r\n"
        "Mme;Lefèvre;Hélène;3 place de l'Église;2000;Laon;03 23 00 00 00;helene@example.fr\r\n"
        "M.;Bœuf;François;8 rue de la Gare;67000;Strasbourg;;francois.boeuf@example.fr\r\n"
    )
    (HERE / "excel_cp1252.csv").write_bytes(text.encode("cp1252"))


if __name__ == "__main__":
    by_openpyxl()
    by_xlsxwriter()
    cp1252_csv()
