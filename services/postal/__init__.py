"""Postal campaigns: who may receive a letter, the NF Z10-011 address block, label sheets, labels,
letter templates, letters, the campaign itself, and envelopes returned « n'habite pas à l'adresse »."""
