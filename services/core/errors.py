"""Errors the user can act on. Their message is shown as is (a dialog, or one line on stderr)."""


class InputError(ValueError):
    """Bad input or usage: the command line exits with status 2, nothing was changed."""


class NotFoundError(InputError, LookupError):
    """A reference, a name or a file that does not exist."""


class Cancelled(Exception):
    """The user pressed Cancel: whatever was underway was rolled back."""
