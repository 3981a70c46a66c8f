"""Importing contacts from spreadsheets: reading, mapping, cleaning, duplicates, running.

One module per concern; `running` is the entry point the command line and the wizard call.
"""
