"""``python -m skillgraph`` (and the ``skillgraph`` program) run the command line."""

import os
import sys

#: The exit status of an interrupted command (128 + SIGINT).
INTERRUPTED = 130


def run() -> None:
    """Load the command line and run it; Ctrl-C before its own handling starts is one line and exit 130."""
    try:
        from skillgraph.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("skillgraph: interrupted\n")
        _exit_interrupted()
    except Exception as err:
        from skillgraph.errors import interrupted

        if not interrupted(err):  # a Ctrl-C while a module was imported: Python wraps it
            raise
        sys.stderr.write("skillgraph: interrupted\n")
        _exit_interrupted()
    except SystemExit as done:
        if done.code == INTERRUPTED:
            _exit_interrupted()
        raise


def _exit_interrupted() -> None:
    """Exit with status 130 now. A Ctrl-C that landed in code Python ran from a string (a
    dataclass being made, say) makes the interpreter end by SIGINT whatever status it is
    given, after the one-line message: the command has cleaned up and said so already."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(INTERRUPTED)


if __name__ == "__main__":
    run()
