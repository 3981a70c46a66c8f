"""E-mail addresses checked with email-validator, without any network access."""

from __future__ import annotations

import re

# Plain ASCII addresses: most of a French customer file. Only what email-validator certainly accepts as
# written takes the fast path: dot-separated atoms of common characters, a local part of at most 64
# characters, domain labels of letters, digits and inner hyphens (no « -- »: punycode and reserved
# labels), a letter TLD that is not a special-use name. Everything else is a doubt: email-validator.
_SIMPLE = re.compile(
    r"[a-z0-9_%+\-]{1,64}(?:\.[a-z0-9_%+\-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}",
    re.IGNORECASE,
)
# email-validator's SPECIAL_USE_DOMAIN_NAMES (a test compares them): refused by it, so never fast.
SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


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
    if len(text) <= 254 and _SIMPLE.fullmatch(text) and "--" not in text.partition("@")[2]:
        local, _, domain = text.partition("@")
        if len(local) <= 64 and domain.rpartition(".")[2].lower() not in SPECIAL_USE_TLDS:
            return f"{local}@{domain.lower()}"
    return normalise_email(text)
