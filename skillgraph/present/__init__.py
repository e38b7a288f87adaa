"""The present layer of skillgraph (see docs/model.md)."""
