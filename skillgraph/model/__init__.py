"""The model layer of skillgraph (see docs/model.md)."""
