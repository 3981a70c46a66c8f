"""Errors the user can act on (one family, rooted at models.errors.UserError): their message is shown as
is, in a message box or as one line on stderr with the family's exit status (docs/cli.md, exit codes)."""

from models.errors import UserError

__all__ = ["Cancelled", "InputError", "NotFoundError", "UserError"]


class InputError(UserError, ValueError):
    """Bad input or usage: the command line exits with status 2, nothing was changed."""

    exit_code = 2


class NotFoundError(InputError, LookupError):
    """A reference, a name or a file that does not exist."""


class Cancelled(Exception):
    """The user pressed Cancel: whatever was underway was rolled back (not an error: exit status 1)."""
