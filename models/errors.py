"""The one family of errors a user can act on, rooted in the lowest layer so that every layer raises it.

A UserError's message is French, whole and shown as is: one line on stderr with `exit_code`, or a
message box in the window. Any other exception is a defect: exit status 1, the trace in the log.
"""


class UserError(Exception):
    """Something the user can act on that is not their input: a full disk, a read-only folder, a base
    that cannot be reached. The command line exits with status 1."""

    exit_code = 1
