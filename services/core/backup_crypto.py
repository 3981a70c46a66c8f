"""Encrypted backups (docs/rules.md §10.3): the age format, streamed, so a large base is never held whole
in memory.

When the owner sets a passphrase, an age identity is made once: its public half (the recipient) stays in
the settings, so that the daily copies are encrypted without asking anyone; its secret half is kept only
wrapped with the passphrase (age's scrypt), in the settings and at the head of every file. Restoring a
file on any machine needs the passphrase and nothing else.

A file is: MAGIC, the length of the wrapped identity and a newline, the wrapped identity, then the age
stream of the base.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from services.core.errors import InputError
from services.core.settings import get_setting, set_settings

MAGIC = b"WEBLEADS-SAUVEGARDE-AGE 1\n"
MIN_PASSPHRASE = 10
SUFFIX = ".age"


def set_passphrase(session: Session, passphrase: str) -> None:
    """Encrypt every backup from now on; a new passphrase makes a new key (older files keep theirs)."""
    from pyrage import passphrase as pp
    from pyrage import x25519

    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(f"La phrase secrète doit compter au moins {MIN_PASSPHRASE} caractères.")
    identity = x25519.Identity.generate()
    wrapped = pp.encrypt(str(identity).encode(), passphrase)
    set_settings(session, {"backup.recipient": str(identity.to_public()),
                           "backup.wrapped_identity": base64.b64encode(wrapped).decode()})  # fmt: skip


def stop_encrypting(session: Session) -> None:
    set_settings(session, {"backup.recipient": "", "backup.wrapped_identity": ""})


def encryption_of(session: Session) -> tuple[str, bytes] | None:
    """(recipient, wrapped identity) when backups are encrypted, else None."""
    recipient = get_setting(session, "backup.recipient")
    wrapped = get_setting(session, "backup.wrapped_identity")
    return (recipient, base64.b64decode(wrapped)) if recipient and wrapped else None


def encrypt_file(plain: Path, target: Path, recipient: str, wrapped: bytes) -> None:
    import pyrage
    from pyrage import x25519

    with open(plain, "rb") as src, _private(target) as dst:
        dst.write(MAGIC + str(len(wrapped)).encode() + b"\n" + wrapped)
        pyrage.encrypt_io(src, dst, [x25519.Recipient.from_str(recipient)])


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write the base inside an encrypted backup to `target`; a wrong passphrase is one clear line."""
    import pyrage
    from pyrage import passphrase as pp
    from pyrage import x25519

    with open(source, "rb") as src:
        if src.read(len(MAGIC)) != MAGIC:
            raise InputError(f"{source.name} n'est pas une sauvegarde chiffrée de webleads-tracker.")
        try:
            length = int(src.readline().strip())
            wrapped = src.read(length)
            identity = x25519.Identity.from_str(pp.decrypt(wrapped, passphrase).decode())
        except pyrage.DecryptError:
            raise InputError("Phrase secrète incorrecte : la sauvegarde n'a pas été déchiffrée.") from None
        except (ValueError, UnicodeDecodeError):
            raise InputError(f"{source.name} est une sauvegarde chiffrée endommagée.") from None
        with _private(target) as dst:
            try:
                pyrage.decrypt_io(src, dst, [identity])
            except pyrage.DecryptError:
                raise InputError(f"{source.name} est une sauvegarde chiffrée endommagée.") from None


def _private(path: Path) -> BinaryIO:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    return os.fdopen(fd, "wb")
