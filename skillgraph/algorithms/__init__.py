"""The algorithms layer of skillgraph (see docs/model.md)."""
