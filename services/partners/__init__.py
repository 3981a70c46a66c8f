"""The partners contacts are shared with: the agreed fields, transmissions, the notices owed to them
after an objection, erasure or rectification, sending those notices, receiving theirs, the letters."""
