"""webleads-tracker: `python main.py` starts the window; `python main.py COMMAND` runs a command."""

import sys


def window_db_arg(argv: list[str]) -> tuple[bool, str | None]:
    """(True, --db value) when the arguments only choose a base: the window starts without loading
    every command of the command line (a tenth of the start-up time). Anything else goes to cli."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return True, argv[0][5:]
    return False, None


def main() -> int:
    import multiprocessing

    # A second process (audit verify's later stretch) started by the built program runs its task here.
    multiprocessing.freeze_support()
    window, db_arg = window_db_arg(sys.argv[1:])
    if window:
        from services.core.files import clean_app_folders
        from services.core.logs import setup_logging

        setup_logging()
        clean_app_folders()  # what a killed export left in the data folder
        from gui.app import run_window

        return run_window(db_arg)
    from cli import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
