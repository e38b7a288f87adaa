"""``python -m skillgraph`` runs the command line."""

from skillgraph.cli import main

main()
