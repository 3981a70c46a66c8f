"""E-mail addresses checked with email-validator, without any network access."""

from __future__ import annotations

import re

# Plain ASCII addresses: most of a French customer file; everything else goes to email-validator.
_SIMPLE = re.compile(r"[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,24}", re.IGNORECASE)


def normalise_email(raw: object) -> str | None:
    """The address with a lower-cased domain, or None when it is not a valid address."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    # Imported on first use: 50 ms that the window's start need not pay.
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.normalized


def quick_normalise_email(raw: str) -> str | None:
    """Same result as normalise_email, skipping the full parser for plain ASCII addresses."""
    text = raw.strip()
    if _SIMPLE.fullmatch(text) and ".." not in text and not text.startswith(".") and ".@" not in text:
        local, _, domain = text.rpartition("@")
        return f"{local}@{domain.lower()}"
    return normalise_email(text)
