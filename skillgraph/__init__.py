"""skillgraph: an open knowledge graph of software-engineering careers."""
