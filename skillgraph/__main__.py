"""``python -m skillgraph`` runs the command line."""

from .cli import main

main()
