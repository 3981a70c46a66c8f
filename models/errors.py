"""The one family of errors a user can act on, rooted in the lowest layer so that every layer raises it.

A UserError's message is French, whole and shown as is: one line on stderr with `exit_code`, or a
message box in the window. Any other exception is a defect: exit status 1, the trace in the log.
"""

import errno


class UserError(Exception):
    """Something the user can act on that is not their input: a full disk, a read-only folder, a base
    that cannot be reached. The command line exits with status 1."""

    exit_code = 1


# What the system says of a file, in French (the user never sees « Permission denied »).
_OS_ERRORS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota du disque dépassé",
    errno.EROFS: "disque ou support en lecture seule",
    errno.EACCES: "accès refusé (droits insuffisants sur le fichier ou le dossier)",
    errno.EPERM: "opération non permise (fichier protégé ou verrouillé)",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EEXIST: "le fichier existe déjà",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur de lecture ou d'écriture sur le disque (support retiré, disque réseau coupé ?)",
    errno.EBUSY: "fichier ou support occupé par un autre programme",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ETXTBSY: "fichier occupé par un autre programme",
    errno.EXDEV: "déplacement impossible d'un disque à l'autre",
}


def os_error_text(exc: OSError) -> str:
    """The reason of a system error on a file, in French."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    if isinstance(exc, PermissionError):
        return _OS_ERRORS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _OS_ERRORS[errno.ENOENT]
    return f"erreur du système n° {exc.errno}" if exc.errno else "erreur du système"


def is_disk_full(exc: BaseException) -> bool:
    """A full disk anywhere in the chain of causes (a library may wrap the OSError in its own error)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(isinstance(a, OSError) and a.errno in (errno.ENOSPC, errno.EDQUOT) for a in current.args):
            return True
        current = current.__cause__ or current.__context__
    return False
