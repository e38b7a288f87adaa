"""``python -m skillgraph`` (and the ``skillgraph`` program) run the command line."""

import sys


def run() -> None:
    """Load the command line and run it; Ctrl-C while it loads is one line and exit 130."""
    try:
        from skillgraph.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("skillgraph: interrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
