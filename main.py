"""webleads-tracker: `python main.py` starts the window; `python main.py COMMAND` runs a command."""

import sys

from cli import run

if __name__ == "__main__":
    sys.exit(run())
