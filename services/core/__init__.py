"""What every domain uses and that uses none of them: errors, text, files, paths, settings,
spreadsheets, PDF fonts, phones, e-mails, postcodes, countries, working days, bulk reads, the log."""
