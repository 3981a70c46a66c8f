"""A process that dies at a chosen moment, as a power cut or kill -9 would make it: the tests then check
that the next start finds a base that opens, whole.

    python -m tests.fault_helpers SQL_PREFIX COUNT -- webleads ARGS…

runs the command line (`cli.run(ARGS)`) and SIGKILLs itself right after the COUNT-th statement that starts
with SQL_PREFIX (e.g. "DROP INDEX" 1, or "CREATE TABLE" 5) has been executed by the driver.
"""

from __future__ import annotations

import os
import signal
import sys

from sqlalchemy import event
from sqlalchemy.engine import Engine


def kill_after(prefix: str, count: int) -> None:
    seen = 0

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        nonlocal seen
        if statement.lstrip().upper().startswith(prefix.upper()):
            seen += 1
            if seen == count:
                os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    prefix, count, sep, *args = sys.argv[1:]
    assert sep == "--"
    kill_after(prefix, int(count))
    from cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
