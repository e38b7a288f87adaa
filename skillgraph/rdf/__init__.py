"""The rdf layer of skillgraph (see docs/model.md)."""
