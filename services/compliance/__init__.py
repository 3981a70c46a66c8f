"""The law's registers and the person's rights: collection forms, consents, the choices they derive,
oppositions, the suppression list, erasure, requests, the registers and the record of processing."""
